"""Repeated records within a job: counted here, merged when the output is written.

The rule: one film or review record per `id` in the output. A second record of an id (the same title reached
by another URL form, a page fetched again) is not dropped: it may carry what the first lacked. It passes on
to the feed and is merged into the first when the output is written (crawler.dataset.output, run by
`filmcrawl crawl`, by the feed storage of `scrapy crawl -O`, and by `filmcrawl merge`): later non-null
values fill the first record's nulls, the longer list wins, and where both state a different value the first
stays and the conflict is counted. This pipeline counts the repeats (`filmcrawl/duplicates/<type>`), so the
stats and the report show how often a job reached a record twice.

Only ids are kept in memory (tens of bytes each): a million-title crawl holds a few tens of MB.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler


class DedupePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, dict) or not item.get("id"):
            return item
        key = f"{item['type']}|{item['id']}"
        if key in self.seen:
            self.stats.inc_value(f"filmcrawl/duplicates/{item['type']}")
        else:
            self.seen.add(key)
        return item
