"""Rejects in a crawl: a page or record that gave no valid data becomes a `Reject` (crawler.core.reject).

Spiders yield a Reject for a page that could not be fetched or read; the validation pipeline turns an invalid
record into one; `SpiderErrorRejectsMiddleware` turns an exception raised while reading a page (a parser bug)
into one. pipelines.rejects writes every Reject to the rejects file and counts it, so nothing leaves a crawl
without a line there.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.core.reject import Reject, Stage
from crawler.core.sites import page_type_of
from crawler.runtime.outcomes import settle

__all__ = ["Reject", "SpiderErrorRejectsMiddleware", "Stage", "page_type_of"]

logger = logging.getLogger(__name__)

# Page types by URL come from each site's declaration (crawler.core.sites.page_type_of).


# --- exceptions while reading a page --------------------------------------------------------------------------


class SpiderErrorRejectsMiddleware:
    """An exception raised by a spider callback (a parser bug on an unexpected page) becomes a Reject with
    stage "parse" and reason "parser_error", and is logged with its traceback: the page is accounted for in
    the rejects file instead of only in the log. Scrapy's own control exceptions pass through."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SpiderErrorRejectsMiddleware:
        return cls(crawler)

    def process_spider_exception(self, response: Response, exception: Exception) -> Iterator[Reject] | None:
        if isinstance(exception, (CloseSpider, HttpError, IgnoreRequest)):
            return None  # Scrapy's own outcomes: the request's errback or Scrapy handles them
        spider = self.crawler.spider
        name = type(exception).__name__
        logger.error(
            "Error reading %s: %s: %s", response.url, name, exception, exc_info=exception, extra={"spider": spider}
        )
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"filmcrawl/parser_errors/{name}")

        settle(self.crawler.stats, response.meta, "rejected")
        site = getattr(spider, "name", "") or ""
        return iter(
            [
                Reject(
                    url=response.url,
                    site=site,
                    stage="parse",
                    reason="parser_error",
                    detail=f"{name}: {exception}",
                    page_type=page_type_of(site, response.url),
                )
            ]
        )
