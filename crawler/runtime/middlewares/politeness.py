"""Per-host politeness that Scrapy leaves out: robots.txt delays, and full speed on this machine.

Scrapy obeys robots.txt Allow/Disallow (ROBOTSTXT_OBEY) but ignores `Crawl-delay` and `Request-rate`. This
middleware reads them when Scrapy has parsed a host's robots.txt (the `robots_parsed` signal) and makes them
the floor of that host's download delay: AutoThrottle may slow the host down further, never speed it up
past what the site asked. The delay is applied without random jitter, so no two requests come closer together
than asked.

Hosts on this machine (127.0.0.0/8, ::1, localhost: the bundled sample site, a test server) are fetched
without the delays and the per-host concurrency limit meant for real sites, whatever command started the
crawl (`filmcrawl crawl`, `scrapy crawl`, scrapyd), unless FILMCRAWL_LOOPBACK_UNTHROTTLED is off. A delay the
host itself asks for (Crawl-delay, Retry-After) is still honoured there.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.core.downloader import Downloader
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached

from .hosts import is_loopback, shape_slot

logger = logging.getLogger(__name__)


def robots_delay(parser: RobotParser, user_agent: str) -> float | None:
    """Seconds between two requests that a robots.txt asks of `user_agent`: its Crawl-delay, or the interval
    of its Request-rate ("1/5" = one request every 5 s) when that is longer; None when it asks for nothing."""
    delays: list[float] = []
    crawl_delay = parser.crawl_delay(user_agent)
    if crawl_delay:
        delays.append(float(crawl_delay))
    # Request-rate is read by Protego (Scrapy's default parser) only: its RequestRate (requests, seconds), or None.
    rate: Any = getattr(getattr(parser, "rp", None), "request_rate", lambda _: None)(user_agent)
    requests: int = getattr(rate, "requests", 0)
    if rate is not None and requests:
        delays.append(float(rate.seconds) / float(requests))
    return max(delays) if delays else None


class PolitenessMiddleware:
    def __init__(
        self,
        crawler: Crawler,
        *,
        user_agent: str,
        obey_robots: bool,
        loopback_unthrottled: bool,
        loopback_concurrency: int,
    ) -> None:
        self.crawler = crawler
        self.user_agent = user_agent
        self.loopback_unthrottled = loopback_unthrottled
        self.loopback_concurrency = loopback_concurrency
        self.delays: dict[str, float] = {}
        """Download slot (host) -> seconds between requests asked by its robots.txt."""
        if obey_robots:
            crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
            # Connected after AutoThrottle (an extension, built before the downloader), so this runs after it
            # adjusted the delay and before the slot sends its next request.
            crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PolitenessMiddleware:
        settings = crawler.settings
        obey_robots = settings.getbool("ROBOTSTXT_OBEY")
        loopback_unthrottled = settings.getbool("FILMCRAWL_LOOPBACK_UNTHROTTLED")
        if not obey_robots and not loopback_unthrottled:
            raise NotConfigured
        user_agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT") or ""
        return cls(
            crawler,
            user_agent=user_agent,
            obey_robots=obey_robots,
            loopback_unthrottled=loopback_unthrottled,
            loopback_concurrency=max(1, settings.getint("CONCURRENT_REQUESTS")),
        )

    @property
    def downloader(self) -> Downloader:
        # The engine (and its downloader) is built after the downloader middlewares: look it up when needed.
        assert self.crawler.engine is not None
        return self.crawler.engine.downloader

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        delay = robots_delay(robotparser, self.user_agent)
        if not delay:
            return
        key = self.downloader.get_slot_key(request)
        self.delays[key] = delay
        assert self.crawler.stats is not None
        self.crawler.stats.set_value(f"filmcrawl/crawl_delay/{key}", delay)
        logger.info(
            "robots.txt of %s asks for %.2f s between requests: using it as the download delay",
            urlparse_cached(request).netloc,
            delay,
        )
        shape_slot(self.downloader, key, delay=delay)

    def process_request(self, request: Request) -> None:
        key = self.downloader.get_slot_key(request)
        floor = self.delays.get(key, 0.0)
        if self.loopback_unthrottled and is_loopback(urlparse_cached(request).hostname or ""):
            request.meta["autothrottle_dont_adjust_delay"] = True
            shape_slot(self.downloader, key, delay=floor, exact=True, concurrency=self.loopback_concurrency)
        elif floor:
            shape_slot(self.downloader, key, delay=floor)

    def response_downloaded(self, response: Response, request: Request, spider: Spider, **_: Any) -> None:
        key = request.meta.get("download_slot")
        floor = self.delays.get(key or "")
        slot = self.downloader.slots.get(key or "")
        if floor and slot is not None and slot.delay < floor:
            slot.delay = floor
