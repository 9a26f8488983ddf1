"""`DatasetFeedStorage`: Scrapy's local-file feed storage, made safe for readers and merged by id.

- Items are written to a hidden temporary file beside the target (`.films.jsonl.<pid>.feed`); the target is
  replaced by a rename only when the feed closes, so a reader never sees a half-written file and a killed
  crawl leaves the previous output untouched. With batches (`batch_item_count`, `%(batch_id)05d` in the URI)
  each batch is renamed into place when it is full: a killed crawl loses at most the unfinished batch, and no
  finished file ever ends in a torn line.
- JSON Lines feeds are also put through the output step (crawler.dataset.output) on the way: one record per
  id, repeated visits merged by the stated rule, film keys resolved across the feed. So `scrapy crawl SITE
  -O films.jsonl` writes the same records as `filmcrawl crawl`. Off with FILMCRAWL_FEED_MERGE = False, or for
  one feed with the feed option "filmcrawl_merge": False (the crawl command's parts, merged together later).
- Appending (`-o`) keeps the file's lines: the temporary file starts as a copy of them, and the whole file
  is merged.
- A working part of `filmcrawl crawl` (feed option "filmcrawl_part": True) is written in place, line by line,
  like Scrapy's own storage: a killed run's records stay in it, and the crawl's output step merges the parts.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import IO, Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import BlockingFeedStorage
from w3lib.url import file_uri_to_path

from .jsonl import temporary_path
from .output import merge_outputs

logger = logging.getLogger(__name__)

JSON_LINES_FORMATS = frozenset({"jsonlines", "jsonl"})


class DatasetFeedStorage(BlockingFeedStorage):
    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None, merge: bool = True) -> None:
        options = feed_options or {}
        self.path = Path(file_uri_to_path(uri) if uri.startswith("file:") else uri)
        self.append = not options.get("overwrite", False)
        self.in_place = bool(options.get("filmcrawl_part", False))
        self.merge = (
            merge
            and not self.in_place
            and options.get("format") in JSON_LINES_FORMATS
            and bool(options.get("filmcrawl_merge", True))
        )

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None
    ) -> DatasetFeedStorage:
        return cls(uri, feed_options=feed_options, merge=crawler.settings.getbool("FILMCRAWL_FEED_MERGE", True))

    def open(self, spider: Spider) -> IO[bytes]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.in_place:
            return self.path.open("ab" if self.append else "wb")
        file = temporary_path(self.path, "feed").open("wb")
        if self.append and self.path.exists():
            with self.path.open("rb") as existing:
                shutil.copyfileobj(existing, file)
        return file

    def _store_in_thread(self, file: IO[bytes]) -> None:
        file.close()
        if self.in_place:
            return
        written = Path(file.name)
        if not self.merge:
            os.replace(written, self.path)
            return
        try:
            merge_outputs([written], self.path)
        except BaseException:
            # Keep every line rather than lose the feed: the file is whole, only not merged.
            os.replace(written, self.path)
            logger.error("Could not merge %s by id; it was written as the crawl gave it", self.path)
            raise
        written.unlink()
