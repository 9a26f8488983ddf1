"""One record per id within a job: a later record with an id already written becomes a `duplicate` Reject.

Sub-pages of a title are merged by the spider before the film record is emitted (crawler.merge), so a second
film record with the same id means the same title was reached twice (another URL form, a repeated listing).
Only ids are kept in memory (tens of bytes each): a million-title crawl holds a few tens of MB.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from crawler.rejects import Reject


class DedupePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, dict) or item.get("type") == "listing":
            return item
        key = f"{item['type']}|{item['id']}"
        if key not in self.seen:
            self.seen.add(key)
            return item
        self.stats.inc_value(f"filmcrawl/duplicates/{item['type']}")
        return Reject(url=item["url"], site=item["source"], stage="dedupe", reason=f"duplicate_{item['type']}",
                      page_type=item["type"], detail=f"{item['type']} {item['id']} was already written in this job",
                      data=None)
