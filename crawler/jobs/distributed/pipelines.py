"""Records and rejects of a distributed worker go to Redis lists, for `filmcrawl collect` to write.

`RedisRecordsPipeline` runs last: what it pushes is what a feed of a single-process crawl would write (validated,
with its own film key, repeats counted by the dedupe pipeline; they are merged by id when collected).
`RedisRejectsPipeline` runs just before pipelines.rejects.RejectsPipeline (which writes the worker's local
rejects file and drops the reject) and pushes each reject as the rejects file would hold it.

Each push is one synchronous RPUSH, done before the item leaves the pipelines: a page is acknowledged only
after all of its records are in Redis (crawler.jobs.distributed.scheduler). When Redis is gone the record is
dropped (`UnsavedRecord`): its page stays in flight in Redis and is fetched again when the crawl resumes.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from crawler.runtime.rejects import Reject, page_type_of

from .frontier import REDIS_ERRORS, Frontier, frontier_for


class UnsavedRecord(DropItem):
    """Redis was gone: the record could not be pushed (its page is fetched again when the crawl resumes)."""


def _frontier(crawler: Crawler) -> Frontier:
    if not crawler.settings.get("REDIS_URL") and not crawler.settings.get("REDIS_HOST"):
        raise NotConfigured("no REDIS_URL: not a distributed crawl")
    return frontier_for(crawler)


class RedisRecordsPipeline:
    def __init__(self, frontier: Frontier) -> None:
        self.frontier = frontier

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisRecordsPipeline:
        return cls(_frontier(crawler))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, dict):
            return item
        push(self.frontier, self.frontier.keys.records, json.dumps(item, ensure_ascii=False, default=str), "record")
        self.frontier.count("filmcrawl/redis/records_pushed")
        return item


class RedisRejectsPipeline:
    def __init__(self, frontier: Frontier) -> None:
        self.frontier = frontier

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisRejectsPipeline:
        return cls(_frontier(crawler))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Reject):
            return item
        line = (
            item
            if item.page_type is not None
            else dataclasses.replace(item, page_type=page_type_of(item.site, item.url))
        )
        push(
            self.frontier,
            self.frontier.keys.rejects,
            json.dumps(line.as_json(), ensure_ascii=False, default=str),
            "reject",
        )
        return item


def push(frontier: Frontier, key: str, line: str, what: str) -> None:
    """RPUSH one JSON line; a Redis failure stops the worker and drops the item as unsaved."""
    if frontier.lost:
        frontier.count(f"filmcrawl/redis/{what}s_not_saved")
        raise UnsavedRecord(f"Redis is gone: {what} not saved (its page is fetched again when the crawl resumes)")
    try:
        frontier.client.rpush(key, line)
    except REDIS_ERRORS as error:
        frontier.mark_lost(error, f"saving a {what}")
        frontier.count(f"filmcrawl/redis/{what}s_not_saved")
        raise UnsavedRecord(
            f"Redis went away: {what} not saved (its page is fetched again when the crawl resumes)"
        ) from error
