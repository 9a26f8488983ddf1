"""`FrontierExtension`: a distributed worker's heartbeat, and its prompt reaction to work queued by others.

- Every third of FILMCRAWL_REDIS_WORKER_TTL the worker renews its heartbeat key; a worker whose key expired
  is gone, and its requests in flight are put back in the queue by the others.
- Every FILMCRAWL_REDIS_POLL_INTERVAL seconds it acknowledges the pages it finished and wakes the engine.
  Scrapy's engine asks the scheduler for requests when one of its own finishes, or every 5 seconds: a worker
  whose queue ran dry would otherwise notice the requests another worker queued 5 seconds late (and decide
  it is idle as late).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from .frontier import REDIS_ERRORS, Frontier, frontier_for, running_engine
from .scheduler import FrontierScheduler

logger = logging.getLogger(__name__)


class FrontierExtension:
    def __init__(self, crawler: Crawler, frontier: Frontier, beat_interval: float, poll_interval: float) -> None:
        self.crawler = crawler
        self.frontier = frontier
        self.beat_interval = beat_interval
        self.poll_interval = poll_interval
        self.loops: list[Any] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierExtension:
        settings = crawler.settings
        if not settings.get("REDIS_URL") and not settings.get("REDIS_HOST"):
            raise NotConfigured("no REDIS_URL: not a distributed crawl")
        ttl = settings.getfloat("FILMCRAWL_REDIS_WORKER_TTL", 15.0)
        extension = cls(
            crawler, frontier_for(crawler), max(0.1, ttl / 3), settings.getfloat("FILMCRAWL_REDIS_POLL_INTERVAL", 0.5)
        )
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        for call, interval in ((self.beat, self.beat_interval), (self.poll, self.poll_interval)):
            loop = create_looping_call(call)
            loop.start(interval, now=False)
            self.loops.append(loop)

    def spider_closed(self, spider: Spider) -> None:
        for loop in self.loops:
            if loop.running:
                loop.stop()
        self.loops.clear()

    def beat(self) -> None:
        if self.frontier.lost:
            return
        try:
            self.frontier.beat()
        except REDIS_ERRORS as error:
            self.frontier.mark_lost(error, "renewing the worker's heartbeat")

    def poll(self) -> None:
        engine = running_engine(self.crawler)
        if self.frontier.lost or engine is None:
            return
        scheduler = engine.scheduler
        if isinstance(scheduler, FrontierScheduler):
            try:
                scheduler.acknowledge()
            except REDIS_ERRORS as error:
                self.frontier.mark_lost(error, "acknowledging finished pages")
                return
        slot = getattr(engine, "_slot", None)  # the engine's own wake-up call (no public one)
        if slot is not None:
            slot.nextcall.schedule()
