"""Progress of a running job: a log line at a fixed interval, and a progress bar on a terminal.

Every FILMCRAWL_PROGRESS_INTERVAL seconds (0 turns it off) the job logs one line at INFO:

    progress: 120 pages, 340 records, 3 rejects, 0 blocked; 24.0 pages/min (120/500 pages, 24%)

pages = pages the spider read (filmcrawl/pages), records = records written (item_scraped_count), rejects =
rejected pages and records (filmcrawl/rejects), blocked = challenge or captcha answers (blocked/<reason>),
rate = pages a minute over the last interval. On a terminal (stderr is a TTY, FILMCRAWL_PROGRESS_BAR on)
a bar is redrawn in place once a second when the job's size is known: `--max-pages N` (FILMCRAWL_MAX_PAGES,
against responses received), else the size a chart, list or search states (its `total`, against film records written).
When stderr is not a terminal (cron, systemd, scrapyd) there is no bar: only the log lines.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import create_looping_call

logger = logging.getLogger(__name__)

BAR_REFRESH_SECONDS = 1.0
BAR_WIDTH = 30
SIZED_LISTINGS = frozenset({"chart", "list", "search", "browse", "watchlist"})


def counts(stats: dict[str, Any]) -> dict[str, int]:
    """pages, records, rejects and blocked answers of a job so far, from its stats."""
    return {
        "pages": int(stats.get("filmcrawl/pages", 0)),
        "records": int(stats.get("item_scraped_count", 0)),
        "rejects": int(stats.get("filmcrawl/rejects", 0)),
        "blocked": sum(int(v) for k, v in stats.items() if k.startswith("blocked/") and isinstance(v, int)),
    }


def progress_line(
    now: dict[str, int], pages_per_minute: float, done: int | None = None, total: int | None = None, unit: str = "pages"
) -> str:
    line = (
        f"progress: {now['pages']} pages, {now['records']} records, {now['rejects']} rejects, "
        f"{now['blocked']} blocked; {pages_per_minute:.1f} pages/min"
    )
    if total:
        line += f" ({done}/{total} {unit}, {min(100, round(100 * (done or 0) / total))}%)"
    return line


def progress_bar(done: int, total: int, unit: str, pages_per_minute: float, width: int = BAR_WIDTH) -> str:
    share = min(1.0, done / total) if total else 0.0
    filled = int(width * share)  # never ahead of what is done
    eta = ""
    if pages_per_minute > 0 and done < total and unit == "pages":
        seconds = round((total - done) / pages_per_minute * 60)
        eta = f" ETA {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f"[{'#' * filled}{'-' * (width - filled)}] {done}/{total} {unit} {share:4.0%}{eta}"


class ProgressExtension:
    def __init__(self, crawler: Crawler, interval: float, bar_stream: TextIO | None) -> None:
        self.crawler = crawler
        self.interval = interval
        self.bar_stream = bar_stream
        self.max_pages = crawler.settings.getint("FILMCRAWL_MAX_PAGES") or crawler.settings.getint(
            "CLOSESPIDER_PAGECOUNT"
        )
        self.listing_total = 0
        self.loops: list[Any] = []
        self.last: tuple[float, int] = (time.monotonic(), 0)
        self.bar_shown = False
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        interval = crawler.settings.getfloat("FILMCRAWL_PROGRESS_INTERVAL")
        show_bar = crawler.settings.getbool("FILMCRAWL_PROGRESS_BAR") and sys.stderr.isatty()
        if interval <= 0 and not show_bar:
            raise NotConfigured
        return cls(crawler, interval, sys.stderr if show_bar else None)

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def spider_opened(self, spider: Spider) -> None:
        self.last = (time.monotonic(), 0)
        if self.interval > 0:
            self._start(self.log_progress, self.interval)
        if self.bar_stream is not None:
            self._start(self.draw_bar, BAR_REFRESH_SECONDS)

    def _start(self, function: Callable[[], None], every: float) -> None:
        loop = create_looping_call(function)
        loop.start(every, now=False)
        self.loops.append(loop)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        for loop in self.loops:
            if loop.running:
                loop.stop()
        if self.bar_stream is not None:
            # The final state, also for a job shorter than the first redraw; nothing when the size never
            # became known.
            self.draw_bar()
            if self.bar_shown:
                self.bar_stream.write("\n")
                self.bar_stream.flush()

    def item_scraped(self, item: Any, **_: Any) -> None:
        # The size a chart, list or search states is the number of films the job will read; the count of a
        # title's reviews page is not.
        if (
            isinstance(item, dict)
            and item.get("type") == "listing"
            and item.get("kind") in SIZED_LISTINGS
            and isinstance(item.get("total"), int)
        ):
            self.listing_total = max(self.listing_total, item["total"])

    def known_size(self, stats: dict[str, Any]) -> tuple[int, int, str] | None:
        """(done, total, unit) when the job's size is known."""
        if self.max_pages:
            return int(stats.get("response_received_count", 0)), self.max_pages, "pages"
        if self.listing_total:
            return int(stats.get("filmcrawl/records/film", 0)), self.listing_total, "films"
        return None

    def log_progress(self) -> None:
        stats = self.stats.get_stats()
        now = counts(stats)
        started, pages_then = self.last
        elapsed = time.monotonic() - started
        rate = (now["pages"] - pages_then) / elapsed * 60 if elapsed > 0 else 0.0
        self.last = (time.monotonic(), now["pages"])
        size = self.known_size(stats)
        if size:
            logger.info(progress_line(now, rate, *size))
        else:
            logger.info(progress_line(now, rate))

    def draw_bar(self) -> None:
        assert self.bar_stream is not None
        stats = self.stats.get_stats()
        size = self.known_size(stats)
        if size is None:
            return
        done, total, unit = size
        started = stats.get("start_time")
        minutes = (time.time() - started.timestamp()) / 60 if started is not None else 0.0
        rate = counts(stats)["pages"] / minutes if minutes > 0 else 0.0
        self.bar_stream.write("\r\x1b[2K" + progress_bar(done, total, unit, rate))
        self.bar_stream.flush()
        self.bar_shown = True
