"""Give every film and review record its own `film_key` as it passes (crawler.core.film_key).

This is the key a record has alone: its IMDb id when it carries one, else its normalised title and year.
When the output is written, keys are worked out again across every record of the job, so that a site's page
without an IMDb id gets the key of the IMDb record of the same film; a feed written without that step (not
JSON Lines, or FILMCRAWL_FEED_MERGE off) keeps these keys.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from crawler.core.film_key import own_film_key


class FilmKeyPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FilmKeyPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, dict) or item.get("type") not in ("film", "review") or item.get("film_key"):
            return item
        key = own_film_key(item)
        if key is None:
            self.stats.inc_value(f"filmcrawl/film_key_unknown/{item['type']}")
            return item
        return {**item, "film_key": key}
