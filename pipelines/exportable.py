"""Encode every record as the JSON Lines feed will, before it reaches the feed.

The feed exporter runs on Scrapy's item_scraped signal, where an exception (a value JSON cannot encode, a
string the output encoding cannot hold) is logged and the record is gone, after it was counted as scraped.
Here the same exporter encodes the record first, into memory; what fails raises, and
pipelines.guard makes the record a reject named after the exception.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exporters import JsonLinesItemExporter

from crawler.core.reject import Reject


class ExportablePipeline:
    def __init__(self, encoding: str) -> None:
        self.buffer = BytesIO()
        self.exporter = JsonLinesItemExporter(self.buffer, encoding=encoding)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExportablePipeline:
        return cls(crawler.settings.get("FEED_EXPORT_ENCODING") or "utf-8")

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Reject):
            return item
        self.buffer.seek(0)
        self.buffer.truncate()
        self.exporter.export_item(item)
        return item
