"""IMDb: charts, searches and lists -> title pages -> full credits and release info (merged) + user reviews."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response

from crawler.extraction import Extraction
from crawler.parsers.imdb.ids import title_id

from .base import FilmSiteSpider

MERGED_SUBPAGES = ("fullcredits/", "releaseinfo/")


class ImdbSpider(FilmSiteSpider):
    name = "imdb"
    default_start_urls = ("https://www.imdb.com/chart/top/",)

    def subpages(self, film: dict[str, Any], response: Response) -> list[str]:
        path = urlsplit(response.url).path.rstrip("/")
        if not path.endswith(title_id(path) or "\0"):
            return []  # a sub-page's own film record: it is merged by the chain that fetched it
        base = film["url"].rstrip("/") + "/"
        return [base + sub for sub in MERGED_SUBPAGES]

    def follow_links(self, extraction: Extraction, response: Response) -> Iterator[str]:
        yield from super().follow_links(extraction, response)
        path = urlsplit(response.url).path.rstrip("/")
        tt = title_id(path)
        if tt and path.endswith(tt):
            for record in extraction.records:
                if record["type"] == "film":
                    yield record["url"].rstrip("/") + "/reviews/"
