"""Write every Reject to the rejects file (JSON Lines), count it by reason, and take it out of the output.

Each line says where (url, site, page_type), at which stage (fetch, parse, validate), why (reason, detail),
and with what evidence (validation errors with their field paths, the raw extracted data). A Reject whose
page type the spider did not know gets the one its URL names (crawler.rejects.page_type_of).

The file is flushed line by line: a job that is killed leaves every reject written so far readable.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import IO, Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.rejects import Reject, page_type_of


class RejectedPage(DropItem):
    """A page gave no records (not fetched, blocked, unreadable layout, unsupported page type, parser error)."""


class InvalidRecord(DropItem):
    """A record failed schema validation."""


_DROP_FOR_STAGE: dict[str, type[DropItem]] = {"fetch": RejectedPage, "parse": RejectedPage, "validate": InvalidRecord}


class RejectsPipeline:
    def __init__(self, crawler: Crawler, path: Path) -> None:
        self.stats = crawler.stats
        self.path = path
        self.file: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RejectsPipeline:
        return cls(crawler, Path(crawler.settings.get("FILMCRAWL_REJECTS_FILE")))

    def open_spider(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = self.path.open("w", encoding="utf-8")

    def close_spider(self) -> None:
        if self.file:
            self.file.close()

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Reject):
            return item
        assert self.file is not None
        if item.page_type is None:
            item = dataclasses.replace(item, page_type=page_type_of(item.site, item.url))
        self.file.write(json.dumps(item.as_json(), ensure_ascii=False, default=str) + "\n")
        self.file.flush()
        self.stats.inc_value(f"filmcrawl/rejects/{item.reason}")
        self.stats.inc_value("filmcrawl/rejects")
        raise _DROP_FOR_STAGE[item.stage](f"{item.reason}: {item.detail} ({item.url})")
