"""`filmcrawl collect`: the records and rejects of a distributed crawl, out of Redis and into one output.

Draining moves each Redis list into an append-only file in `<out>.redis/` (records.jsonl, rejects.jsonl,
reports.jsonl): a batch is read (LRANGE), appended and fsynced, and only then removed from Redis (LTRIM), so
a collector killed mid-batch leaves the batch in Redis and at worst a torn last line, which the next run
cuts off before appending. A batch written but not yet removed is read again next time; the output step
merges the repeat by id. One collector at a time: a lock key renewed as the collector goes, which expires
LOCK_SECONDS after a collector died (a new collect waits that long for it).

The output is then written from everything drained so far, by the same output step as a single-process crawl
(crawler.jobs.crawling.finalize_output: merged by id, film keys across sites, atomic rename, merged view, report),
and the rejects file likewise (crawler.jobs.crawling.finalize_rejects). The workers' reports are combined into the
job's report, and their summed counters give the summary and the reject and blocked ratios for the exit status.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from scrapy.settings import Settings

from crawler.dataset.jsonl import write_json
from crawler.dataset.report import combine_reports, report_path, report_text
from crawler.exit_codes import EXIT_BELOW_THRESHOLDS, EXIT_COULD_NOT_RUN, EXIT_INTERRUPTED, EXIT_OK, EXIT_REDIS_LOST
from crawler.jobs.crawling import CrawlJob, finalize_output, finalize_rejects, format_summary, quality_failures, summary

from .frontier import REDIS_ERRORS, Frontier, FrontierStatus, redacted, redis_client
from .keys import FrontierKeys

logger = logging.getLogger(__name__)

BATCH = 1000
LOCK_SECONDS = 10.0
PROGRESS_SECONDS = 10.0


@dataclass(frozen=True)
class CollectFolder:
    """Where the drained lists of one output live until the crawl is reset."""

    root: Path

    @classmethod
    def beside(cls, out: Path) -> CollectFolder:
        return cls(out.with_name(out.name + ".redis"))

    @property
    def records(self) -> Path:
        return self.root / "records.jsonl"

    @property
    def rejects(self) -> Path:
        return self.root / "rejects.jsonl"

    @property
    def reports(self) -> Path:
        return self.root / "reports.jsonl"


def open_for_append(path: Path) -> IO[bytes]:
    """`path` opened for appending whole lines: a torn last line (a collector killed mid-write) is cut off
    first; its record is still in Redis, and is drained again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    file = path.open("ab+")
    file.seek(0, os.SEEK_END)
    size = file.tell()
    if size:
        keep = size
        while keep > 0:
            step = min(65536, keep)
            file.seek(keep - step)
            chunk = file.read(step)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                keep = keep - step + newline + 1
                break
            keep -= step
        if keep != size:
            logger.warning("%s ended in a torn line (%d bytes): cut off", path, size - keep)
            file.truncate(keep)
    return file


def drain(frontier: Frontier, key: str, path: Path, batch: int = BATCH, renew: Callable[[], None] | None = None) -> int:
    """Move every line of the Redis list `key` to the end of `path`; how many were moved. `renew` is called
    before each batch (the collector lock)."""
    moved = 0
    with open_for_append(path) as sink:
        while True:
            if renew is not None:
                renew()
            # The client does not decode answers (REDIS_PARAMS, crawler/settings.py, sets no decode_responses).
            lines = cast(list[bytes], frontier.client.lrange(key, 0, batch - 1))
            if not lines:
                return moved
            sink.write(b"".join(line.rstrip(b"\n") + b"\n" for line in lines))
            sink.flush()
            os.fsync(sink.fileno())
            frontier.client.ltrim(key, len(lines), -1)
            moved += len(lines)


class CollectorLock:
    """The crawl's collector lock: held while draining, renewed as it goes, released at the end."""

    def __init__(self, frontier: Frontier) -> None:
        self.frontier = frontier
        self.token = secrets.token_hex(8)

    def acquire(self, patience: float = LOCK_SECONDS + 1) -> bool:
        """Take the lock, waiting up to `patience` seconds for the one of a collector that died to expire."""
        deadline = time.monotonic() + patience
        while not self.frontier.client.set(
            self.frontier.keys.collector, self.token, nx=True, px=int(LOCK_SECONDS * 1000)
        ):
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.25)
        return True

    def renew(self) -> None:
        self.frontier.client.set(self.frontier.keys.collector, self.token, xx=True, px=int(LOCK_SECONDS * 1000))

    def release(self) -> None:
        held = self.frontier.client.get(self.frontier.keys.collector)
        if isinstance(held, bytes) and held.decode() == self.token:
            self.frontier.client.delete(self.frontier.keys.collector)


def format_status(status: FrontierStatus, keys: FrontierKeys, where: str) -> str:
    stopped = status.orphaned
    return "\n".join(
        [
            f"{keys.site} crawl at {where}: {status.state}",
            f"  requests queued     {status.queued:>9}   {keys.requests}",
            f"  requests seen       {status.seen:>9}   {keys.seen}",
            f"  start URLs waiting  {status.start_urls:>9}   {keys.start_urls}",
            f"  pages in flight     {status.in_flight:>9}   {status.alive} worker(s) alive"
            + (f"; {stopped} held by stopped workers, put back by the next worker" if stopped else ""),
            f"  records waiting     {status.records_waiting:>9}   {keys.records} (not yet collected)",
            f"  rejects waiting     {status.rejects_waiting:>9}   {keys.rejects}",
        ]
    )


def drain_all(frontier: Frontier, folder: CollectFolder, renew: Callable[[], None] | None = None) -> int:
    keys = frontier.keys
    moved = drain(frontier, keys.records, folder.records, renew=renew)
    drain(frontier, keys.rejects, folder.rejects, renew=renew)
    drain(frontier, keys.reports, folder.reports, renew=renew)
    return moved


def read_stats(frontier: Frontier) -> dict[str, int]:
    return {
        (k.decode() if isinstance(k, bytes) else str(k)): int(v)
        for k, v in frontier.client.hgetall(frontier.keys.stats).items()
    }


def worker_reports(folder: CollectFolder) -> list[dict[str, Any]]:
    if not folder.reports.exists():
        return []
    reports = []
    for line in folder.reports.read_bytes().splitlines():
        try:
            reports.append(json.loads(line))
        except ValueError:
            continue
    return reports


def write_output(folder: CollectFolder, out: Path, rejects: Path) -> Counter[str]:
    """The output and rejects file from everything drained so far; records written by "<type>/<source>"."""
    reports = worker_reports(folder)
    combined = report_path(folder.records)
    if reports:
        write_json(combined, combine_reports(reports))
    written = finalize_output([folder.records], out)
    finalize_rejects([folder.rejects], rejects)
    return written.get(folder.records, Counter())


def reset(frontier: Frontier, folder: CollectFolder) -> None:
    """Forget the crawl: its keys in Redis and the drained files (the output stays)."""
    keys = frontier.keys
    doomed = list(keys.fixed())
    for pattern in keys.per_worker_patterns():
        doomed += list(frontier.client.scan_iter(match=pattern))
    frontier.client.delete(*doomed)
    shutil.rmtree(folder.root, ignore_errors=True)


def collect(
    site: str,
    redis_url: str,
    out: Path,
    settings: Settings,
    *,
    wait: bool = False,
    timeout: float = 0.0,
    clear: bool = False,
    status_only: bool = False,
    poll: float = 0.5,
    lock_wait: float = LOCK_SECONDS + 1,
) -> int:
    settings = settings.copy()
    settings.set("REDIS_URL", redis_url, priority="cmdline")
    where = redacted(redis_url)
    frontier = Frontier(redis_client(settings), FrontierKeys.of(site, settings))
    try:
        status = frontier.status()
    except REDIS_ERRORS as error:
        print(f"filmcrawl collect: could not reach Redis at {where}: {error}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    if status_only:
        print(format_status(status, frontier.keys, where))
        return EXIT_OK
    lock = CollectorLock(frontier)
    if not lock.acquire(lock_wait):
        print(
            f"filmcrawl collect: another collect is draining the {site} crawl at {where} ({frontier.keys.collector})",
            file=sys.stderr,
        )
        return EXIT_COULD_NOT_RUN
    folder = CollectFolder.beside(out)
    rejects = out.with_name(out.stem + ".rejects.jsonl")
    lost: BaseException | None = None
    stopped = False
    collected = 0
    started = last_progress = time.monotonic()
    try:
        while True:
            status = frontier.status()  # before draining: once over, no worker pushes after the drain
            collected += drain_all(frontier, folder, lock.renew)
            if status.over or not wait:
                break
            if timeout and time.monotonic() - started >= timeout:
                stopped = True
                break
            if time.monotonic() - last_progress >= PROGRESS_SECONDS:
                last_progress = time.monotonic()
                print(
                    f"collect: {collected} records collected; {status.queued} queued, {status.in_flight} in flight, "
                    f"{status.alive} worker(s) alive"
                    + (f", {status.orphaned} held by stopped workers" if status.orphaned else ""),
                    flush=True,
                )
            time.sleep(poll)
    except REDIS_ERRORS as error:
        lost = error
    except KeyboardInterrupt:
        stopped = True
    finally:
        try:
            lock.release()
        except REDIS_ERRORS:
            pass  # it expires by itself
    stats = {} if lost else read_stats(frontier)
    written = write_output(folder, out, rejects)
    report = json.loads(report_path(out).read_text(encoding="utf-8")) if report_path(out).exists() else {}
    job = CrawlJob(
        site, [], stats={**stats, "filmcrawl/quality_failures": report.get("quality_failures", [])}, written=written
    )
    print(format_summary(summary([job]), out, rejects))
    text = report_text(out)
    if text:
        print(text)
    if lost is not None:
        print(
            f"filmcrawl collect: Redis at {where} went away ({type(lost).__name__}: {lost}); {out} holds the "
            "records collected until then. Run the same command once Redis is back.",
            file=sys.stderr,
        )
        return EXIT_REDIS_LOST
    if stopped or not status.over:
        print(
            f"the crawl is not over ({status.state}: {status.queued} queued, {status.in_flight} in flight, "
            f"{status.alive} worker(s) alive): {out} holds what was collected so far; run collect again, or with "
            "--wait"
        )
        if clear:
            print("filmcrawl collect: --reset refused: the crawl is not over", file=sys.stderr)
            return EXIT_COULD_NOT_RUN
        return EXIT_INTERRUPTED if stopped else EXIT_OK
    failures = quality_failures(job, settings)
    if clear:
        reset(frontier, folder)
        print(f"the crawl's state was cleared from Redis ({site}:*): the next crawl of {site} starts afresh")
    if failures:
        print("filmcrawl collect: below the quality thresholds:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return EXIT_BELOW_THRESHOLDS
    return EXIT_OK
