"""Write every Reject to the rejects file (JSON Lines), count it by reason, and take it out of the output.

Each line says where (url, site, page_type), at which stage (fetch, parse, validate), why (reason, detail),
and with what evidence (validation errors with their field paths, the raw extracted data). A Reject whose
page type the spider did not know gets the one its URL names (crawler.runtime.rejects.page_type_of).

The file is flushed line by line: a job that is killed leaves every reject written so far readable. A line
holding what UTF-8 cannot encode (a lone surrogate, "\\ud800", in a record's raw data) is written with JSON's
\\u escapes instead, which read back to the same text: no reject is lost to its content.

A text cut to its length limit before validation (crawler.core.plausibility) is written here too, with its whole
raw value, as a line of reason `text_cut` (sent by the validation pipeline with the TEXT_CUT signal); the record
itself is kept, so these lines are counted as `filmcrawl/text_cut/<field>`, not as rejects.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import IO, Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.runtime.rejects import Reject, page_type_of


class RejectedPage(DropItem):
    """A page gave no records (not fetched, blocked, unreadable layout, unsupported page type, parser error)."""


class InvalidRecord(DropItem):
    """A record failed schema validation."""


TEXT_CUT = object()
"""Signal sent with `reject=Reject(reason="text_cut", ...)` when a record's text was cut to its limit."""

_DROP_FOR_STAGE: dict[str, type[DropItem]] = {"fetch": RejectedPage, "parse": RejectedPage, "validate": InvalidRecord}


class RejectsPipeline:
    def __init__(self, crawler: Crawler, path: Path) -> None:
        self.stats = crawler.stats
        self.path = path
        self.file: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RejectsPipeline:
        pipeline = cls(crawler, Path(crawler.settings.get("FILMCRAWL_REJECTS_FILE")))
        crawler.signals.connect(pipeline.write_cut, signal=TEXT_CUT)
        return pipeline

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
        self.write(item)
        self.stats.inc_value(f"filmcrawl/rejects/{item.reason}")
        self.stats.inc_value("filmcrawl/rejects")
        raise _DROP_FOR_STAGE[item.stage](f"{item.reason}: {item.detail} ({item.url})")

    def write(self, item: Reject) -> None:
        assert self.file is not None
        data = item.as_json()
        line = json.dumps(data, ensure_ascii=False, default=str)
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:
            line = json.dumps(data, ensure_ascii=True, default=str)
            self.stats.inc_value("filmcrawl/rejects_escaped")
        self.file.write(line + "\n")
        self.file.flush()

    def write_cut(self, reject: Reject) -> None:
        if self.file is None:
            return
        self.write(reject)
