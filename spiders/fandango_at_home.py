"""Fandango at Home (formerly Vudu): api2 catalogue listings -> one contentSearch answer per title.

The store's pages are a client-side app over its api2 API, so the crawl reads what the app reads: a
contentSearch listing (browse or search, paged by offset and count) names the titles, and each title's own
contentSearch, asked with the followups the parser reads (ratings, genres, credits, offers), gives its film
record. When a listing already carries a title's catalogue data, the parser gives a partial film record for
it: the title's own answer is then fetched as its sub-page and merged into it, so each title is written once.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit

from scrapy.http import Response

from crawler.core.extraction import Extraction
from crawler.core.parsers.fandango_at_home.urls import (
    API_URL,
    JSON_FORMAT,
    SOURCE,
    content_id_from_url,
)
from crawler.core.sites import SITES
from schemas.record_fields import FilmFields, ListingEntryFields

from .base import FilmSiteSpider

# What a title's answer must carry for its film record: star ratings, genres, credits and the rent/buy offers.
TITLE_FOLLOWUPS = ("ratingsSummaries", "genres", "credits", "usefulStreamableOffers")


def content_search_url(content_id: str) -> str:
    """The api2 request the store's title page makes for one title."""
    return (
        API_URL
        + "?"
        + urlencode(
            [
                ("_type", "contentSearch"),
                ("contentId", content_id),
                ("dimensionality", "any"),
                JSON_FORMAT,
                *(("followup", name) for name in TITLE_FOLLOWUPS),
            ]
        )
    )


def asks_for_one_title(url: str) -> bool:
    """True for an api2 request naming a contentId (query style `contentId=N` or path style `/contentId/N`)."""
    parts = urlsplit(url)
    return "contentId" in dict(parse_qsl(parts.query)) or "/contentId/" in parts.path


def content_id_of(entry: ListingEntryFields | FilmFields) -> str | None:
    """The contentId of a listing entry or film record: from its store id, else from its title-page URL."""
    record_id = entry.get("id") or ""
    if record_id.startswith(f"{SOURCE}:"):
        return record_id.split(":", 1)[1]
    return content_id_from_url(entry.get("url") or "")


class FandangoAtHomeSpider(FilmSiteSpider):
    name = "fandango_at_home"
    default_start_urls = SITES[SOURCE].start_urls

    def subpages(self, film: FilmFields, response: Response) -> list[str]:
        if asks_for_one_title(response.url):
            return []  # the title's own answer: nothing more to merge
        content_id = content_id_of(film)
        return [content_search_url(content_id)] if content_id else []

    def subpage_type(self, url: str) -> str:
        return "title"  # the title's own contentSearch answer

    def follow_links(self, extraction: Extraction, response: Response) -> Iterator[str]:
        # Titles that came with a film record on this page are fetched as that record's sub-page.
        merged = {r["id"] for r in extraction.records if r["type"] == "film"}
        for record in extraction.records:
            if record["type"] != "listing":
                continue
            for entry in record.get("entries", []):
                content_id = content_id_of(entry)
                if content_id and entry.get("id") not in merged:
                    yield content_search_url(content_id)
            if next_url := record.get("next_url"):
                yield next_url
