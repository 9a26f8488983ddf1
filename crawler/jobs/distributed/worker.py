"""`filmcrawl crawl SITE --redis URL`: one worker of a distributed crawl.

Run the same command on every machine (same site, same start URLs, same Redis). Each worker seeds its start
URLs (fetched once, whoever seeds them), takes requests from the shared queue, and pushes its records and
rejects to Redis; `filmcrawl collect` writes them into one output. A worker closes after
MAX_IDLE_TIME_BEFORE_CLOSE seconds with nothing to do while no other worker is busy.

Exit status: 0 the worker finished (the crawl may go on in other workers: `filmcrawl collect --wait` tells when
it is over); 2 could not run (Redis unreachable at start, bad arguments); 4 Redis went away mid-crawl (the
worker stopped cleanly; run the same command once Redis is back: the crawl resumes from Redis's saved
queue); 130 stopped by Ctrl-C or SIGTERM (run it again to continue).
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from crawler.exit_codes import EXIT_COULD_NOT_RUN, EXIT_INTERRUPTED, EXIT_OK, EXIT_REDIS_LOST
from crawler.jobs.crawling import LOCAL_OVERRIDES, is_local
from crawler.jobs.resume import counters_of

from .frontier import REDIS_ERRORS, Frontier, existing_frontier, redacted, redis_client
from .spider import distributed_spider

logger = logging.getLogger(__name__)

# The scrapy-redis components, as crawler.jobs.distributed extends them; set over anything the command line says.
WORKER_OVERRIDES: dict[str, Any] = {
    "SCHEDULER": "crawler.jobs.distributed.scheduler.FrontierScheduler",
    "SCHEDULER_QUEUE_CLASS": "crawler.jobs.distributed.scheduler.ReliablePriorityQueue",
    "DUPEFILTER_CLASS": "crawler.jobs.distributed.scheduler.FingerprintDupeFilter",
    "SCHEDULER_PERSIST": True,
    # Records go to Redis; `filmcrawl collect` writes the output.
    "FEEDS": {},
}
PIPELINES = {
    # Before pipelines.rejects.RejectsPipeline (900), which drops what it writes; after every other pipeline.
    "crawler.jobs.distributed.pipelines.RedisRejectsPipeline": 899,
    "crawler.jobs.distributed.pipelines.RedisRecordsPipeline": 1000,
}
EXTENSIONS = {"crawler.jobs.distributed.extension.FrontierExtension": 400}


def worker_settings(settings: Settings, redis_url: str, *, local: bool, scratch: Path) -> Settings:
    worker = settings.copy()
    if local:
        worker.setdict(LOCAL_OVERRIDES, priority="spider")
    # The worker's own rejects file and report stay in a scratch folder (both also go to Redis), unless set.
    worker.set("FILMCRAWL_REJECTS_FILE", str(scratch / "rejects.jsonl"), priority="spider")
    worker.set("FILMCRAWL_REPORT_FILE", str(scratch / "report.json"), priority="spider")
    worker.set("REDIS_URL", redis_url, priority="cmdline")
    worker.setdict(WORKER_OVERRIDES, priority="cmdline")
    worker.set("ITEM_PIPELINES", {**worker.getdict("ITEM_PIPELINES"), **PIPELINES}, priority="cmdline")
    worker.set("EXTENSIONS", {**worker.getdict("EXTENSIONS"), **EXTENSIONS}, priority="cmdline")
    return worker


def run_worker(
    site: str, start_urls: list[str], settings: Settings, *, redis_url: str, resume: str | None = None
) -> int:
    if resume:
        print(
            "filmcrawl crawl: --resume keeps a crawl of its own; a distributed crawl keeps its queue in Redis "
            "(run the same command again to continue it)",
            file=sys.stderr,
        )
        return EXIT_COULD_NOT_RUN
    with tempfile.TemporaryDirectory(prefix="filmcrawl-worker-") as scratch:
        worker = worker_settings(settings, redis_url, local=is_local(start_urls), scratch=Path(scratch))
        try:
            redis_client(worker).ping()
        except REDIS_ERRORS as error:
            print(f"filmcrawl crawl: could not reach Redis at {redacted(redis_url)}: {error}", file=sys.stderr)
            return EXIT_COULD_NOT_RUN
        process = AsyncCrawlerProcess(worker)
        crawler = Crawler(distributed_spider(SpiderLoader.from_settings(worker).load(site)), worker)
        process.crawl(crawler, start_urls=start_urls)
        process.start()
        stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
        frontier = existing_frontier(crawler)
        report_file = Path(worker.get("FILMCRAWL_REPORT_FILE") or Path(scratch) / "report.json")
        report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.is_file() else None
        if frontier is not None and not frontier.lost:
            publish(frontier, stats, report)
    return conclude(site, redis_url, stats, frontier)


def publish(frontier: Frontier, stats: dict[str, Any], report: dict[str, Any] | None) -> None:
    """Add the worker's counters to the crawl's, leave its report for `filmcrawl collect`, then leave the
    crawl: in that order, so that a collector that sees no worker left has every report."""
    try:
        with frontier.client.pipeline() as pipe:
            for key, value in counters_of(stats).items():
                pipe.hincrby(frontier.keys.stats, key, value)
            if report is not None:
                pipe.rpush(frontier.keys.reports, json.dumps(report, ensure_ascii=False, default=str))
            pipe.execute()
        left = frontier.leave()
    except REDIS_ERRORS as error:
        frontier.mark_lost(error, "saving the worker's counters and report")
        return
    if left:
        logger.warning("Put back %d request(s) this worker had not finished", left)


def conclude(site: str, redis_url: str, stats: dict[str, Any], frontier: Frontier | None) -> int:
    """Print what the worker did; return its exit status."""
    if frontier is None or "start_time" not in stats:
        print(f"filmcrawl crawl: the {site} worker could not start (see the errors logged above)", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    reason = stats.get("finish_reason")
    print(
        f"worker {frontier.worker}: {int(stats.get('filmcrawl/pages', 0))} pages, "
        f"{int(stats.get('filmcrawl/redis/records_pushed', 0))} records and {int(stats.get('filmcrawl/rejects', 0))} "
        f"rejects sent to Redis; finish reason: {reason}"
    )
    if frontier.lost:
        print(
            f"filmcrawl crawl: Redis at {redacted(redis_url)} went away mid-crawl ({frontier.lost_error}). The "
            "worker stopped cleanly: the pages it had in flight stay in Redis and are fetched again. Run the same "
            "command once Redis is back with its data (appendonly or RDB) to resume the crawl.",
            file=sys.stderr,
        )
        return EXIT_REDIS_LOST
    if reason == "shutdown":
        print("stopped before the end: the rest of the queue stays in Redis; run the same command to continue")
        return EXIT_INTERRUPTED
    print(f"the output is written by: filmcrawl collect {site} --redis {redacted(redis_url)} -o FILE")
    return EXIT_OK
