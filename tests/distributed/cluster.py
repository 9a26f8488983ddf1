"""Running a distributed crawl as its users do: N `filmcrawl crawl imdb --redis URL` processes against one
redis-server and one site, then `filmcrawl collect`. Shared by the tests and the bench (tests/distributed/bench.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.site import GeneratedSite

ROOT = Path(__file__).resolve().parents[2]
# Workers of these crawls close 1 s after the crawl runs dry; no progress lines; the coverage checks of the
# end-of-job report stay on (the generated site passes them).
WORKER_OPTIONS = ("--no-cache", "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=1", "-s", "FILMCRAWL_PROGRESS_INTERVAL=0")
STARTED: list[subprocess.Popen[Any]] = []
"""Every process started here, for the tests' teardown to stop those still running (tests/distributed/conftest.py)."""


def spawn(args: list[str], **options: Any) -> subprocess.Popen[Any]:
    process = subprocess.Popen(args, cwd=ROOT, **options)
    STARTED.append(process)
    return process


def stop_all() -> None:
    while STARTED:
        process = STARTED.pop()
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def filmcrawl(*args: str) -> list[str]:
    return [sys.executable, "-m", "crawler", *args]


@dataclass
class Worker:
    number: int
    process: subprocess.Popen[bytes]
    log: Path

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)

    @property
    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    @property
    def pages(self) -> int:
        """Pages this worker read, from its closing line ("worker ID: N pages, ...")."""
        found = re.search(r"^worker \S+: (\d+) pages", self.text, re.M)
        return int(found.group(1)) if found else 0


def start_workers(
    count: int, redis_url: str, start_url: str, workdir: Path, *extra: str, first: int = 1
) -> list[Worker]:
    workdir.mkdir(parents=True, exist_ok=True)
    workers = []
    for number in range(first, first + count):
        log = workdir / f"worker-{number}.log"
        with log.open("wb") as sink:
            process = spawn(
                filmcrawl(
                    "crawl",
                    "imdb",
                    "--redis",
                    redis_url,
                    "--start-url",
                    start_url,
                    "-o",
                    str(workdir / f"worker-{number}.jsonl"),
                    *WORKER_OPTIONS,
                    *extra,
                ),
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        workers.append(Worker(number, process, log))
    return workers


def wait_all(workers: list[Worker], timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    codes = []
    for worker in workers:
        try:
            codes.append(worker.wait(max(0.1, deadline - time.monotonic())))
        except subprocess.TimeoutExpired as late:
            for other in workers:
                other.process.kill()
            raise AssertionError(
                f"worker {worker.number} still running after {timeout}s:\n{worker.text[-3000:]}"
            ) from late
    return codes


def collect(redis_url: str, out: Path, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        filmcrawl("collect", "imdb", "--redis", redis_url, "-o", str(out), *extra),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def site_targets(site: GeneratedSite) -> set[str]:
    """Every page a full crawl of the site fetches, as the server sees the requests (the spider asks for a
    title page by its canonical URL, without the list's ?ref_ parameter)."""
    return {path.split("?ref_=", 1)[0] for path in site.paths()}


def fetches(counts: dict[str, int]) -> dict[str, int]:
    """The server's request counts, robots.txt aside (every worker reads it once)."""
    return {target: n for target, n in counts.items() if target != "/robots.txt"}


@dataclass(frozen=True)
class Expected:
    """The records a full crawl of a generated site writes, by type: ids of films and reviews, listing count."""

    films: set[str]
    reviews: int
    listings: int

    @classmethod
    def of(cls, site: GeneratedSite) -> Expected:
        from bench.site import title_number

        return cls(
            {f"imdb:{title_number(n)}" for n in range(site.titles)}, 2 * site.titles, site.list_pages + site.titles
        )
