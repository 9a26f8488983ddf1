"""Running `filmcrawl crawl letterboxd` against a fault server, and what a crawl leaves behind.

The crawls take a few seconds: the timeout is 2 s (the stall fault waits past it), DOWNLOAD_MAXSIZE 1 MB (the
size faults exceed it) and the backoff of a 503 without Retry-After 0.1 s.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.ops.runs import ROOT, filmcrawl

from .server import FaultServer, Hit

CRAWL_TIMEOUT_SECONDS = 60
# Long enough for a page served while three crawls share two cores, short enough for the stall fault.
DOWNLOAD_TIMEOUT = 2
FAST = (
    "-s",
    f"DOWNLOAD_TIMEOUT={DOWNLOAD_TIMEOUT}",
    "-s",
    f"DOWNLOAD_MAXSIZE={1024 * 1024}",
    "-s",
    "FILMCRAWL_BACKOFF_BASE_DELAY=0.1",
    "--log-level",
    "INFO",
)
RETRY_TIMES = 1  # crawls of this machine retry once (crawler.jobs.crawling.LOCAL_OVERRIDES)
BLOCKED_RETRY_TIMES = 2  # FILMCRAWL_BLOCKED_RETRY_TIMES


@dataclass
class Crawl:
    """What one crawl left behind."""

    returncode: int
    stdout: str
    stderr: str
    output: bytes
    rejects: list[dict[str, Any]]
    report: dict[str, Any]
    hits: list[Hit]

    @property
    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.output.decode("utf-8").splitlines() if line.strip()]

    def films(self, slug: str) -> list[dict[str, Any]]:
        return [r for r in self.records if r["type"] == "film" and r["id"] == f"letterboxd:film/{slug}"]

    def rejects_of(self, slug: str) -> list[dict[str, Any]]:
        return [r for r in self.rejects if r["url"].endswith(f"/film/{slug}/")]

    def attempts(self, slug: str) -> int:
        return sum(1 for hit in self.hits if hit.path == f"/film/{slug}/")


def command(out: Path, start_urls: list[str], *extra: str) -> list[str]:
    """The crawl command; without a `--cache` or `--resume` in `extra` it keeps no HTTP cache."""
    cache = () if {"--cache", "--resume"} & set(extra) else ("--no-cache",)
    return filmcrawl(
        "crawl",
        "letterboxd",
        *(a for url in start_urls for a in ("--start-url", url)),
        "-o",
        str(out),
        *FAST,
        *cache,
        *extra,
    )


def start(out: Path, start_urls: list[str], *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command(out, start_urls, *extra), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process: subprocess.Popen[str], server: FaultServer, out: Path) -> Crawl:
    stdout, stderr = process.communicate(timeout=CRAWL_TIMEOUT_SECONDS)
    rejects = out.with_name(out.stem + ".rejects.jsonl")
    report = out.with_name(out.stem + ".report.json")
    return Crawl(
        process.returncode,
        stdout,
        stderr,
        out.read_bytes() if out.exists() else b"",
        [json.loads(line) for line in rejects.read_text("utf-8").splitlines()] if rejects.exists() else [],
        json.loads(report.read_text("utf-8")) if report.exists() else {},
        server.hits,
    )


def every_start_urls(server: FaultServer) -> list[str]:
    """The list of every fault, and two lists whose next-page links lead off the crawl."""
    return [server.list_url("all"), server.list_url("offsite-next"), server.list_url("private-next")]
