"""Throughput of a distributed crawl by number of workers: `python -m tests.distributed.bench` (make
bench-distributed).

For each worker count, a fresh redis-server and a fresh counting server of the generated site (bench/site.py);
N `filmcrawl crawl imdb --redis URL` processes crawl it, `filmcrawl collect` writes the output, and the run is
checked: pages fetched exactly once, records lost and duplicated. Throughput is pages over the time between
the first and the last page request the server received (worker start-up and the idle wait before closing
are reported apart, as wall time). The scaling ratio is N workers' throughput over 1 worker's, from each
worker count's best round (--rounds: the worker counts take turns, so that a round slowed by another program
on the machine does not decide the figure). On a machine with fewer cores than workers (plus the site server
and Redis) the ratio is bounded by the cores: the workers' parsing is CPU-bound.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.site import GeneratedSite

from .cluster import Expected, collect, fetches, records, site_targets, start_workers, wait_all
from .redis_server import RedisServer
from .site_server import CountingSiteServer


class RedisSampler(threading.Thread):
    """The queue's peak length and memory while the crawl runs."""

    def __init__(self, server: RedisServer) -> None:
        super().__init__(daemon=True)
        self.client = server.client()
        self.stopped = threading.Event()
        self.peak_queued = 0
        self.peak_queue_bytes = 0
        self.peak_in_flight = 0
        self.peak_used_memory = 0

    def run(self) -> None:
        while not self.stopped.wait(0.25):
            try:
                queued = int(self.client.zcard("imdb:requests"))
                if queued >= self.peak_queued:
                    self.peak_queued = queued
                    self.peak_queue_bytes = int(self.client.memory_usage("imdb:requests", samples=0) or 0)
                in_flight = sum(self.client.hlen(k) for k in self.client.scan_iter(match="imdb:inflight:*"))
                self.peak_in_flight = max(self.peak_in_flight, in_flight)
                self.peak_used_memory = max(self.peak_used_memory, int(self.client.info("memory")["used_memory"]))
            except Exception:  # noqa: BLE001 - a sample missed is no reason to stop the bench
                continue


def run(workers: int, site: GeneratedSite, workdir: Path) -> dict[str, Any]:
    redis_server = RedisServer(workdir / "redis").start()
    try:
        with CountingSiteServer() as site_server:
            sampler = RedisSampler(redis_server)
            sampler.start()
            started = time.monotonic()
            cpu_before = _children_cpu()
            crew = start_workers(
                workers,
                redis_server.url,
                site_server.origin + site.start_path,
                workdir / "run",
                "-s",
                "LOG_LEVEL=WARNING",
            )
            codes = wait_all(crew, 1800)
            worker_cpu = _children_cpu() - cpu_before  # the workers alone: the servers are not reaped yet
            wall = time.monotonic() - started
            sampler.stopped.set()
            server = site_server.counts()
            out = workdir / "films.jsonl"
            collected = collect(redis_server.url, out, timeout=600)
    finally:
        redis_server.stop()
    fetched = fetches(server["counts"])
    expected = Expected.of(site)
    output = records(out) if out.exists() else []
    films = {r["id"] for r in output if r["type"] == "film"}
    ids = Counter((r["type"], r["id"]) for r in output if r.get("id"))
    drained = records(out.with_name(out.name + ".redis") / "records.jsonl")
    sent_twice = sum(
        n - 1
        for n in Counter((r["type"], r.get("id") or json.dumps(r, sort_keys=True)) for r in drained).values()
        if n > 1
    )
    seconds = server["last"] - server["first"]
    return {
        "workers": workers,
        "exit_codes": codes,
        "collect_exit_code": collected.returncode,
        "site_pages": site.pages,
        "pages_fetched": sum(fetched.values()),
        "distinct_pages_fetched": len(fetched),
        "pages_fetched_more_than_once": sum(1 for n in fetched.values() if n > 1),
        "pages_missing": len(site_targets(site) - set(fetched)),
        "pages_per_worker": [w.pages for w in crew],
        "records_written": len(output),
        "films_lost": len(expected.films - films),
        "records_duplicated_in_output": sum(n - 1 for n in ids.values()),
        "records_sent_twice_by_workers": sent_twice,
        "crawl_seconds": round(seconds, 2),
        "pages_per_second": round(site.pages / seconds, 1) if seconds else None,
        "wall_seconds": round(wall, 2),
        "workers_cpu_seconds": round(worker_cpu, 2),
        "workers_cpu_ms_per_page": round(1000 * worker_cpu / site.pages, 2),
        "peak_queued_requests": sampler.peak_queued,
        "queue_bytes_per_request": (
            round(sampler.peak_queue_bytes / sampler.peak_queued) if sampler.peak_queued else None
        ),
        "peak_in_flight": sampler.peak_in_flight,
        "peak_redis_used_memory_mb": round(sampler.peak_used_memory / 2**20, 1),
    }


def _print(result: dict[str, Any]) -> None:
    print(
        f"{result['workers']} worker(s): {result['pages_per_second']} pages/s ({result['site_pages']} pages in "
        f"{result['crawl_seconds']}s; wall {result['wall_seconds']}s; workers' CPU "
        f"{result['workers_cpu_ms_per_page']} ms/page; load average {result['load_average']:.1f}), per worker "
        f"{result['pages_per_worker']}; fetched more than once {result['pages_fetched_more_than_once']}, missing "
        f"{result['pages_missing']}, films lost {result['films_lost']}, records duplicated "
        f"{result['records_duplicated_in_output']}; exit {result['exit_codes']} collect "
        f"{result['collect_exit_code']}",
        flush=True,
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--titles", type=int, default=600, help="titles of the generated site (4 pages each)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--rounds", type=int, default=1, help="runs of each worker count, taking turns")
    parser.add_argument("--out", default="out/bench-distributed.json")
    args = parser.parse_args()
    site = GeneratedSite(args.titles)
    load_at_start = os.getloadavg()
    rounds: list[dict[str, Any]] = []
    for _ in range(args.rounds):
        for workers in args.workers:
            with tempfile.TemporaryDirectory(prefix=f"filmcrawl-bench-{workers}-") as workdir:
                result = run(workers, site, Path(workdir))
            result["load_average"] = os.getloadavg()[0]
            rounds.append(result)
            _print(result)
    results = [
        max((r for r in rounds if r["workers"] == workers), key=lambda r: r["pages_per_second"] or 0)
        for workers in args.workers
    ]
    print("best round of each:")
    for result in results:
        _print(result)
    base = next((r for r in results if r["workers"] == 1), None)
    ratios = {
        f"{r['workers']}/1": round(r["pages_per_second"] / base["pages_per_second"], 2)
        for r in results
        if base and r is not base and r["pages_per_second"] and base["pages_per_second"]
    }
    summary = {
        "cpus": os.cpu_count(),
        "load_average_at_start": load_at_start,
        "load_average_at_end": os.getloadavg(),
        "titles": args.titles,
        "runs": results,
        "rounds": rounds,
        "scaling_ratios": ratios,
    }
    for name, ratio in ratios.items():
        print(
            f"throughput ratio {name} workers: {ratio} (on {os.cpu_count()} CPUs; load average "
            f"{load_at_start[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end)"
        )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
