"""`FetchOnlySpider`: fetches a given list of URLs and reads nothing from the responses.

Run with the project's settings over the same pages as the IMDb spider, its pages per second are Scrapy's
own limit on this machine: the figure the project's crawl is measured against.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
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
