"""Distributed crawls end to end: `filmcrawl crawl imdb --redis URL` worker processes against a real
redis-server and the generated IMDb-like site (list pages, title pages of two layouts, three merged sub-pages
per title), then `filmcrawl collect`. The site server counts every request, whichever worker sent it."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bench.site import GeneratedSite

from .cluster import (
    ROOT,
    Expected,
    collect,
    fetches,
    filmcrawl,
    records,
    site_targets,
    spawn,
    start_workers,
    wait_all,
)
from .redis_server import RedisServer, free_port
from .site_server import CountingSiteServer

TITLES = 500  # 2005 pages: 5 list pages, 500 title pages, 1500 sub-pages
CRAWL_TIMEOUT = 180


def unstamped(value: Any) -> Any:
    """`value` without `scraped_at` stamps, at any depth (the merged view keeps each record's)."""
    if isinstance(value, dict):
        return {k: unstamped(v) for k, v in value.items() if k != "scraped_at"}
    if isinstance(value, list):
        return [unstamped(v) for v in value]
    return value


def comparable(path: Path) -> list[str]:
    """A JSON Lines file's records, sorted, without their `scraped_at` stamps: equal lists are the same data."""
    return sorted(json.dumps(unstamped(r), sort_keys=True) for r in records(path))


def assert_complete(out: Path, site: GeneratedSite) -> None:
    """Every record of the site once: no film, review or listing lost, none written twice."""
    expected = Expected.of(site)
    output = records(out)
    kinds = Counter(r["type"] for r in output)
    assert {r["id"] for r in output if r["type"] == "film"} == expected.films
    assert kinds == {"film": len(expected.films), "review": expected.reviews, "listing": expected.listings}
    ids = [(r["type"], r["id"]) for r in output if r.get("id")]
    assert len(ids) == len(set(ids))


def wait_for_pages(site_server: CountingSiteServer, pages: int, timeout: float = 90) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        fetched = fetches(site_server.counts()["counts"])
        if len(fetched) >= pages:
            return fetched
        time.sleep(0.05)
    raise AssertionError(f"fewer than {pages} pages fetched in {timeout}s")


@pytest.mark.parametrize("workers", [2, 4])
def test_workers_should_fetch_every_page_once_and_the_output_should_hold_every_record_once(
    workers: int, redis_server: RedisServer, site_server: CountingSiteServer, tmp_path: Path
) -> None:
    site = GeneratedSite(TITLES)
    out = tmp_path / "films.jsonl"
    # The collector first, as a nightly job would start it: it waits for the crawl, collects as it goes, and
    # writes the output once the crawl is over.
    collector = spawn(
        filmcrawl("collect", "imdb", "--redis", redis_server.url, "-o", str(out), "--wait"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    crew = start_workers(workers, redis_server.url, site_server.origin + site.start_path, tmp_path / "run")
    codes = wait_all(crew, CRAWL_TIMEOUT)
    assert codes == [0] * workers, "\n".join(w.text[-2000:] for w in crew)
    server = site_server.counts()
    fetched = fetches(server["counts"])
    assert set(fetched) == site_targets(site)  # every page, and nothing else
    assert Counter(fetched.values()) == {1: site.pages}  # each exactly once, whichever worker fetched it
    assert server["counts"]["/robots.txt"] == workers
    assert sum(w.pages for w in crew) == site.pages
    assert all(w.pages > 0 for w in crew), [w.pages for w in crew]  # the work was shared

    collected_out, collected_err = collector.communicate(timeout=60)
    assert collector.returncode == 0, collected_err[-3000:]
    assert (
        f"records: {site.titles} film, {site.list_pages + site.titles} listing, {2 * site.titles} review"
        in collected_out
    )
    assert_complete(out, site)
    report = json.loads(out.with_name("films.report.json").read_text(encoding="utf-8"))
    assert report["output"]["duplicates_merged"] == {}  # no record was sent twice by the workers
    assert report["pages"] == site.pages  # the workers' reports, combined
    assert records(out.with_name("films.rejects.jsonl")) == []
    print(
        f"{workers} workers: {site.pages} pages in {server['last'] - server['first']:.1f}s as the server saw "
        f"them, per worker {[w.pages for w in crew]}"
    )


def test_the_collected_output_should_equal_a_single_process_crawls(
    redis_server: RedisServer, site_server: CountingSiteServer, tmp_path: Path
) -> None:
    site = GeneratedSite(30, per_list=10)
    start_url = site_server.origin + site.start_path
    single = tmp_path / "single" / "films.jsonl"
    alone = subprocess.run(
        filmcrawl(
            "crawl",
            "imdb",
            "--start-url",
            start_url,
            "-o",
            str(single),
            "--no-cache",
            "-s",
            "FILMCRAWL_PROGRESS_INTERVAL=0",
        ),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=CRAWL_TIMEOUT,
    )
    assert alone.returncode == 0, alone.stderr[-3000:]

    crew = start_workers(2, redis_server.url, start_url, tmp_path / "run")
    assert wait_all(crew, CRAWL_TIMEOUT) == [0, 0]
    shared = tmp_path / "shared" / "films.jsonl"
    assert collect(redis_server.url, shared).returncode == 0
    assert comparable(shared) == comparable(single)  # merged by id and keyed like a single-process crawl
    assert comparable(shared.with_name("films.merged.jsonl")) == comparable(single.with_name("films.merged.jsonl"))
    assert records(shared.with_name("films.rejects.jsonl")) == records(single.with_name("films.rejects.jsonl")) == []
    assert_complete(shared, site)


def test_a_start_url_pushed_to_a_running_crawl_should_join_it(
    redis_server: RedisServer, site_server: CountingSiteServer, tmp_path: Path
) -> None:
    first, second = GeneratedSite(6, per_list=3), GeneratedSite(4, per_list=2)
    crew = start_workers(
        2,
        redis_server.url,
        site_server.origin + first.start_path,
        tmp_path / "run",
        "-s",
        "MAX_IDLE_TIME_BEFORE_CLOSE=5",
    )
    wait_for_pages(site_server, first.pages)
    redis_server.client().lpush("imdb:start_urls", site_server.origin + second.start_path)  # as redis-cli would
    assert wait_all(crew, CRAWL_TIMEOUT) == [0, 0]
    fetched = fetches(site_server.counts()["counts"])
    assert set(fetched) == site_targets(first) | site_targets(second)
    assert set(fetched.values()) == {1}


def test_redis_going_away_should_stop_the_workers_cleanly_and_the_same_commands_should_finish_the_crawl(
    redis_server: RedisServer, site_server: CountingSiteServer, tmp_path: Path
) -> None:
    site = GeneratedSite(200)  # 802 pages
    start_url = site_server.origin + site.start_path
    # A short heartbeat: the killed workers' pages in flight are put back 2 s after Redis is back, not 15.
    ttl = ("-s", "FILMCRAWL_REDIS_WORKER_TTL=2")
    out = tmp_path / "films.jsonl"
    crew = start_workers(2, redis_server.url, start_url, tmp_path / "run-1", *ttl)
    collector = spawn(
        filmcrawl("collect", "imdb", "--redis", redis_server.url, "-o", str(out), "--wait"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for_pages(site_server, 300)
    client = redis_server.client()
    in_flight = sum(client.hlen(key) for key in client.scan_iter(match="imdb:inflight:*"))
    redis_server.kill()

    codes = wait_all(crew, 60)
    assert codes == [4, 4], "\n".join(w.text[-2000:] for w in crew)
    for worker in crew:
        assert "went away mid-crawl" in worker.text and "Run the same command once Redis is back" in worker.text
    _, collector_err = collector.communicate(timeout=60)
    assert collector.returncode == 4 and "went away" in collector_err
    before = fetches(site_server.counts()["counts"])
    assert len(before) < site.pages  # stopped mid-crawl
    # No torn output: what was collected so far is whole, and nothing half-written is left beside it.
    assert records(out) and records(out.with_name(out.name + ".redis") / "records.jsonl")
    assert not [p.name for p in out.parent.iterdir() if p.name.startswith(".")]

    redis_server.start()  # the same data folder: Redis comes back from its append-only file
    crew = start_workers(2, redis_server.url, start_url, tmp_path / "run-2", *ttl, first=3)
    assert wait_all(crew, CRAWL_TIMEOUT) == [0, 0], "\n".join(w.text[-2000:] for w in crew)
    collected = collect(redis_server.url, out)
    assert collected.returncode == 0, collected.stderr[-3000:]
    assert_complete(out, site)  # 0 records lost, 0 duplicated
    fetched = fetches(site_server.counts()["counts"])
    assert set(fetched) == site_targets(site)
    # Resumed, not started over: pages done before the kill were not fetched again (the start page first), only
    # those in flight then (downloading, waiting for the parser, or done but not yet acknowledged; + a few taken
    # between counting and the kill), and the sub-pages a title page in flight had already queued: its chain
    # of three (dont_filter requests, carrying its partial record) starts again with it.
    assert fetched[site.start_path] == 1
    again = sum(n - 1 for n in fetched.values())
    assert again <= 4 * (in_flight + 8)
    print(
        f"Redis killed after {len(before)} of {site.pages} pages with {in_flight} in flight; {again} pages "
        "fetched twice; output complete"
    )


def test_the_pages_in_flight_of_a_killed_worker_should_be_fetched_by_the_others(
    redis_server: RedisServer, site_server: CountingSiteServer, tmp_path: Path
) -> None:
    site = GeneratedSite(150)  # 602 pages
    crew = start_workers(
        2,
        redis_server.url,
        site_server.origin + site.start_path,
        tmp_path / "run",
        "-s",
        "FILMCRAWL_REDIS_WORKER_TTL=2",
    )
    wait_for_pages(site_server, 150)
    crew[0].process.kill()  # kill -9: no chance to give anything back
    assert crew[1].wait(CRAWL_TIMEOUT) == 0, crew[1].text[-2000:]
    assert "Put back" in crew[1].text
    fetched = fetches(site_server.counts()["counts"])
    assert set(fetched) == site_targets(site)
    out = tmp_path / "films.jsonl"
    collected = collect(redis_server.url, out)
    assert collected.returncode == 0, collected.stderr[-3000:]
    assert_complete(out, site)  # 0 lost, 0 duplicated: the killed worker's pages were fetched again, merged


def test_a_worker_stopped_by_sigterm_should_finish_its_pages_and_the_next_run_should_fetch_only_the_rest(
    redis_server: RedisServer, site_server: CountingSiteServer, tmp_path: Path
) -> None:
    site = GeneratedSite(100)  # 401 pages
    start_url = site_server.origin + site.start_path
    [worker] = start_workers(1, redis_server.url, start_url, tmp_path / "run-1")
    wait_for_pages(site_server, 100)
    worker.process.send_signal(signal.SIGTERM)  # systemctl stop, or one Ctrl-C
    assert worker.wait(60) == 130, worker.text[-2000:]
    assert "stopped before the end" in worker.text
    assert not [key for key in redis_server.client().scan_iter(match="imdb:inflight:*")]  # nothing left in flight
    [worker] = start_workers(1, redis_server.url, start_url, tmp_path / "run-2", first=2)
    assert worker.wait(CRAWL_TIMEOUT) == 0, worker.text[-2000:]
    fetched = fetches(site_server.counts()["counts"])
    assert set(fetched) == site_targets(site) and set(fetched.values()) == {1}  # no page fetched twice
    out = tmp_path / "films.jsonl"
    assert collect(redis_server.url, out).returncode == 0
    assert_complete(out, site)


@pytest.mark.parametrize(
    "options, message",
    [
        ((), "could not reach Redis at redis://127.0.0.1:"),
        (("--resume", "job"), "--resume keeps a crawl of its own; a distributed crawl keeps its queue in Redis"),
    ],
)
def test_a_worker_should_not_start_without_its_redis_or_with_a_resume_folder(
    options: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    started = subprocess.run(
        filmcrawl(
            "crawl",
            "imdb",
            "--redis",
            f"redis://127.0.0.1:{free_port()}/0",
            "--start-url",
            "http://127.0.0.1:9/list/ls100000000001/",
            "--no-cache",
            "-o",
            str(tmp_path / "films.jsonl"),
            *options,
        ),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 2
    assert message in started.stderr
