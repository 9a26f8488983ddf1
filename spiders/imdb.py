"""IMDb: charts, searches and lists -> title pages -> full credits, release info and user reviews, merged into
one film record per title; each review is its own record, linked by film_id."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.http import Response

from crawler.core.parsers.imdb.ids import title_id
from crawler.core.sites import SITES
from schemas.record_fields import FilmFields

from .base import FilmSiteSpider

MERGED_SUBPAGES = ("fullcredits/", "releaseinfo/", "reviews/")


class ImdbSpider(FilmSiteSpider):
    name = "imdb"
    default_start_urls = SITES["imdb"].start_urls

    def subpages(self, film: FilmFields, response: Response) -> list[str]:
        path = urlsplit(response.url).path.rstrip("/")
        if not path.endswith(title_id(path) or "\0"):
            return []  # a sub-page's own film record: it is merged by the chain that fetched it
        url = film.get("url")
        if not url:
            return []  # no page of its own to find sub-pages under (every extracted record has its URL)
        base = url.rstrip("/") + "/"
        return [base + sub for sub in MERGED_SUBPAGES]
