"""The spiders the project's crawl is measured against, run with Scrapy's own defaults (bench.crawl):

    FetchOnlySpider   fetches a given list of URLs and reads nothing from the responses: Scrapy's limit
    ParseOnlySpider   the same, and reads every response with the project's parser, keeping nothing: the
                      ceiling of any crawl that parses its pages

Neither runs the project's settings, middlewares, pipelines or feeds: what the project's crawl costs beyond
them is the cost of those.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.http import Response


class FetchOnlySpider(scrapy.Spider):
    name = "fetch_only"

    def __init__(self, *args: Any, urls: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.urls = urls

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> None:
        return None


class ParseOnlySpider(FetchOnlySpider):
    name = "parse_only"
    site = "imdb"

    def parse(self, response: Response, **kwargs: Any) -> None:
        from crawler.core.extraction import extract, selector_for
        from crawler.core.parsers.errors import PageError

        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1") or None
        sel = selector_for(response.body, content_type=content_type)
        try:
            extract(sel, url=response.url, site=self.site, scraped_at=datetime.now(UTC))
        except PageError:
            pass  # robots.txt and the like: read and refused, as the project's crawl would
        return None
