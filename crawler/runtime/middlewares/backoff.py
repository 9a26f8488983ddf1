"""Retry with backoff: a 429 or 503 answer pauses the whole host, for as long as its Retry-After asks.

Scrapy's RetryMiddleware retries a 429 or 503 at once, and the other requests to that host keep going: the
opposite of what the site asked for. Here such an answer pauses every request to the host (they wait before
reaching the downloader) for the Retry-After the answer gives, in seconds or as an HTTP date, else for an
exponential backoff (FILMCRAWL_BACKOFF_BASE_DELAY, doubling with each retry of the same request, at most
FILMCRAWL_BACKOFF_MAX_DELAY), then retries the request as Scrapy would (RETRY_TIMES; once they are spent the
host still pauses, and the page ends as an http_429/503 reject). A Retry-After longer than FILMCRAWL_BACKOFF_MAX_DELAY is
not waited out: the host pauses for that maximum and the request is given up (it ends as an http_429/503
reject), so a nightly job cannot hang for hours on one answer. Everything else is Scrapy's retry, unchanged.

A graceful stop (Ctrl-C once) does not wait for a pause to end: the paused requests go back to the scheduler,
so a job stopped with JOBDIR (`filmcrawl crawl --resume DIR`) sends them when it is resumed.

A request whose meta carries PAUSE_HOST_META (the spiders' retry of a challenge page) pauses its host the
same way before it goes out.

Stats: filmcrawl/backoff/count, filmcrawl/backoff/retry_after (pauses asked by the site),
filmcrawl/backoff/seconds (pause time), filmcrawl/backoff/gave_up_retry_after_too_long.
"""

from __future__ import annotations

import logging
import time
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.asyncio import sleep
from scrapy.utils.response import response_status_message

logger = logging.getLogger(__name__)

BACKOFF_CODES = frozenset({429, 503})
PAUSE_HOST_META = "filmcrawl_pause_host"
"""Request meta flag: pause the request's host with the exponential backoff before sending it (set by the
spiders on the retry of a blocked page)."""


def retry_after_seconds(value: bytes | str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds ("120") or an HTTP date; None when absent or
    unreadable. A date in the past means no wait (0)."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class BackoffRetryMiddleware(RetryMiddleware):
    """Replaces scrapy.downloadermiddlewares.retry.RetryMiddleware at the same place (550)."""

    base_delay: float
    max_delay: float

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.base_delay = crawler.settings.getfloat("FILMCRAWL_BACKOFF_BASE_DELAY")
        middleware.max_delay = crawler.settings.getfloat("FILMCRAWL_BACKOFF_MAX_DELAY")
        middleware.paused_until = {}
        return middleware

    paused_until: dict[str, float]
    """Download slot (host) -> time.monotonic() before which no request goes to it."""

    def _slot_key(self, request: Request) -> str:
        assert self.crawler.engine is not None
        return self.crawler.engine.downloader.get_slot_key(request)

    async def process_request(self, request: Request) -> Request | None:
        if request.meta.pop(PAUSE_HOST_META, False):
            # A retry of a page the site answered with a challenge: slow down before asking again.
            self.pause(
                request, min(self.max_delay, self.base_delay * 2 ** max(0, request.meta.get("retry_times", 1) - 1))
            )
        key = self._slot_key(request)
        while (wait := self.paused_until.get(key, 0.0) - time.monotonic()) > 0:
            if self._closing():
                # Back to the scheduler (saved in JOBDIR) rather than holding the stop up for the whole pause.
                return request.replace(dont_filter=True)
            await sleep(min(wait, 1.0))
        return None

    def _closing(self) -> bool:
        """True once the crawl is stopping: a signal (crawler.jobs.crawling goes off) or a close of the spider
        (CLOSESPIDER_*), which Scrapy only shows on its engine's slot."""
        if not self.crawler.crawling:
            return True
        slot = getattr(self.crawler.engine, "_slot", None)
        return slot is None or getattr(slot, "closing", None) is not None

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if (
            response.status not in BACKOFF_CODES
            or request.meta.get("dont_retry", False)
            or response.status not in self.retry_http_codes
        ):
            return super().process_response(request, response)
        stats = self.crawler.stats
        assert stats is not None
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if asked is None:
            self.pause(request, min(self.max_delay, self.base_delay * 2 ** request.meta.get("retry_times", 0)))
        else:
            stats.inc_value("filmcrawl/backoff/retry_after")
            self.pause(request, min(asked, self.max_delay))
            if asked > self.max_delay:
                stats.inc_value("filmcrawl/backoff/gave_up_retry_after_too_long")
                logger.warning(
                    "%s answered %d asking to wait %.0f s (Retry-After), more than "
                    "FILMCRAWL_BACKOFF_MAX_DELAY=%.0f s: giving the page up",
                    request.url,
                    response.status,
                    asked,
                    self.max_delay,
                )
                return response
        # The host pauses even when the request has no retry left: the site asked for less traffic.
        return self._retry(request, response_status_message(response.status)) or response

    def pause(self, request: Request, seconds: float) -> None:
        """No request goes to the host of `request` for `seconds` (a longer pause already set stays)."""
        key = self._slot_key(request)
        until = time.monotonic() + seconds
        if until > self.paused_until.get(key, 0.0):
            self.paused_until[key] = until
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("filmcrawl/backoff/count")
        # Seconds are summed as they come (fractions too): Scrapy's stats add any number, its hint says int.
        stats.inc_value("filmcrawl/backoff/seconds", seconds)  # type: ignore[arg-type]
        logger.info("pausing requests to %s for %.1f s (after %s)", key, seconds, request.url)
