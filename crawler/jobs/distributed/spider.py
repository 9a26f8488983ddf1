"""Site spiders as distributed workers: start URLs from a Redis list, and idle workers that close.

scrapy-redis 0.9.1's RedisMixin hands out its first requests from `start_requests()`, which Scrapy 2.13+ no
longer calls once a spider has `start()` (every FilmSiteSpider has): a RedisSpider of 0.9.1 on this Scrapy
gets no start request at all. Upstream, rmax/scrapy-redis#305 (open) asks for an async `start()` and
rmax/scrapy-redis#316 (open, not released) adds one. `DistributedSpiderMixin.start()` does it here, on top of
RedisMixin's own reading of the start-URL key:

- every worker puts its start URLs in the crawl's start-URL list (REDIS_START_URLS_KEY, "<site>:start_urls");
  their requests pass the shared seen set like any other, so N workers seeding the same URL fetch it once,
  and a URL pushed to the list later (`redis-cli LPUSH imdb:start_urls URL`) joins the running crawl;
- a start URL's request is the one the site spider's own `start()` makes for it (callback, errback), so a
  distributed crawl routes pages exactly as a single-process one.

Idle workers. RedisMixin's idle time counts from when its module was imported (a class attribute set at
import), so a worker that was busy longer than MAX_IDLE_TIME_BEFORE_CLOSE closes the first time it finds the
queue empty, even while other workers' pages are about to queue more. Here a worker is idle only when the
start-URL list and the queue are empty and no other live worker has a page in flight, and it closes after
MAX_IDLE_TIME_BEFORE_CLOSE seconds of that (0: it waits for start URLs for ever, as in scrapy-redis).
Requests in flight of workers that died are put back in the queue by an idle worker.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy.utils.defer import deferred_from_coro
from scrapy_redis.spiders import RedisMixin
from scrapy_redis.utils import bytes_to_str

from .frontier import LOST_REASON, REDIS_ERRORS, Frontier, frontier_for


def start_url_of(data: bytes | str, encoding: str = "utf-8") -> str | None:
    """The URL of an entry of the start-URL list: a plain URL, or scrapy-redis's JSON {"url": ...}."""
    text = bytes_to_str(data, encoding).strip()
    if text.startswith("{"):
        try:
            value = json.loads(text).get("url")
        except (ValueError, AttributeError):
            return None
        return str(value) if value else None
    return text or None


class DistributedSpiderMixin(RedisMixin):
    """Mixed in before a FilmSiteSpider subclass by `distributed_spider`."""

    crawler: Crawler
    start_urls: list[str]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup_redis(crawler)
        return spider

    @property
    def frontier(self) -> Frontier:
        return frontier_for(self.crawler)

    async def start(self) -> AsyncIterator[Any]:
        try:
            self.seed(self.start_urls)
            urls = self.pop_start_urls()
        except REDIS_ERRORS as error:
            self.frontier.mark_lost(error, "reading the start URLs")
            return
        for request in await self.requests_for_start_urls(urls):
            yield request

    def seed(self, urls: list[str]) -> None:
        if urls:
            self.server.rpush(self.redis_key, *(json.dumps({"url": url}) for url in urls))

    def pop_start_urls(self) -> list[str]:
        """A batch of start URLs taken from the shared list (RedisMixin's fetch)."""
        entries = self.fetch_data(self.redis_key, self.redis_batch_size)
        found = [url for url in (start_url_of(entry, self.redis_encoding) for entry in entries) if url]
        if found:
            self.frontier.last_activity = time.monotonic()
        return found

    async def requests_for_start_urls(self, urls: list[str]) -> list[Any]:
        """What the site spider's own start() yields for `urls`. It only reads `start_urls` and never awaits,
        so lending it these URLs while it runs to its end is safe."""
        if not urls:
            return []
        own, self.start_urls = self.start_urls, urls
        try:
            site_start = super().start()
            return [request async for request in site_start]
        finally:
            self.start_urls = own

    async def _crawl_start_urls(self, urls: list[str]) -> None:
        for request in await self.requests_for_start_urls(urls):
            self.crawler.engine.crawl(request)

    def spider_idle(self) -> None:
        """Replaces RedisMixin's: new start URLs, work put back from dead workers, or another worker's pages in
        flight keep this worker open; MAX_IDLE_TIME_BEFORE_CLOSE seconds without any let it close."""
        frontier = self.frontier
        if frontier.lost:
            raise CloseSpider(LOST_REASON)
        try:
            urls = self.pop_start_urls()
            if urls:
                deferred_from_coro(self._crawl_start_urls(urls))
                raise DontCloseSpider
            if frontier.requeue_gone() or frontier.client.zcard(frontier.keys.requests) or frontier.others_busy():
                raise DontCloseSpider
        except REDIS_ERRORS as error:
            frontier.mark_lost(error, "looking for work")
            raise CloseSpider(LOST_REASON) from error
        if self.max_idle_time and time.monotonic() - frontier.last_activity >= self.max_idle_time:
            self.logger.info("Nothing to do for %ss and no other worker busy: closing", self.max_idle_time)
            return
        raise DontCloseSpider


def distributed_spider(spider_cls: type[scrapy.Spider]) -> type[scrapy.Spider]:
    """The distributed worker of a site spider: same name, routing and callbacks, start URLs from Redis.

    Built here rather than declared in spiders/, so that `scrapy list` shows each site once."""
    return type(
        f"Distributed{spider_cls.__name__}",
        (DistributedSpiderMixin, spider_cls),
        {"__module__": __name__, "__doc__": f"{spider_cls.__name__}, as a distributed worker."},
    )
