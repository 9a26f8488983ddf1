"""Browse grids (/browse/movies_in_theaters/...): tiles in page order, JSON-LD ItemList for years and counts.

div[data-qa=discovery-media-list-item] > tile > a[data-qa=discovery-media-list-item-caption] (href,
rt-text[slot=criticsScore] "81%", span[data-qa=...-title], span[data-qa=...-start-date] "Opened Feb 07, 2025");
script#pageInfo {"endCursor": .., "hasNextPage": true}; the "Load more" button asks for ?page=N+1.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import cast
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.core.normalize import clean_text, whole_number
from schemas.record_fields import ListingEntryFields, ListingFields, RatingFields

from ..errors import PageLayoutError
from ..fields import JsonObject
from ..listing_record import listing_record
from ..page import Page
from ..schemaorg import text_of, title_and_year
from ..structured import as_list
from .common import SOURCE, exact_count, movie_slug, percent

TILES = '//*[@data-qa="discovery-media-list-item"]'
TILE_LINK = './/a[@data-qa="discovery-media-list-item-caption"]/@href | .//a[contains(@href, "/m/")]/@href'
TILE_TITLE = './/*[@data-qa="discovery-media-list-item-title"]//text()'
TILE_DATE = './/*[@data-qa="discovery-media-list-item-start-date"]//text()'
TILE_METER = './/*[@slot="criticsScore"]//text()'
HEADING = '//h1[@data-qa="discovery-header-title"]//text() | //h1//text()'
PAGE_INFO = '//script[@id="pageInfo"]/text()'

_YEAR = re.compile(r"\b(\d{4})\b")


@dataclass(frozen=True)
class _ListedMovie:
    """A movie of the JSON-LD ItemList: what the tile of the same URL lacks (year, the Tomatometer's review
    count), or the entry itself when the page has no tiles."""

    title: str
    url: str
    year: int | None = None
    id: str | None = None
    value: Decimal | None = None
    """The Tomatometer (percent) the count belongs to."""
    count: int | None = None


def parse(page: Page) -> list[ListingFields]:
    tiles = page.sel.xpath(TILES)
    known = _json_ld_items(page)
    if not tiles and not known:
        raise PageLayoutError("no_entries", "no discovery tiles and no JSON-LD ItemList on a browse page")
    entries: list[ListingEntryFields] = []
    for rank, tile in enumerate(tiles, start=1):
        title = clean_text(" ".join(tile.xpath(TILE_TITLE).getall()))
        if not title:
            continue
        entry: ListingEntryFields = {"title": title, "rank": rank}
        url = page.absolute(tile.xpath(TILE_LINK).get())
        item = known.get(url or "")
        year = (item.year if item else None) or _opening_year(clean_text(" ".join(tile.xpath(TILE_DATE).getall())))
        if year:
            entry["year"] = year
        if url:
            entry["url"] = url
            slug = movie_slug(url)
            if slug:
                entry["id"] = f"{SOURCE}:m/{slug}"
        value = percent(clean_text(" ".join(tile.xpath(TILE_METER).getall())))
        if value is not None:
            rating: RatingFields = {"value": value, "best": Decimal(100), "worst": Decimal(0)}
            if item and item.count is not None and item.value == value:
                rating["count"] = item.count
            entry["rating"] = rating
        entries.append(entry)
    if not entries:
        entries = [_listed(item, rank) for rank, item in enumerate(known.values(), start=1)]
    return [
        listing_record(
            page,
            source=SOURCE,
            kind="browse",
            entries=entries,
            title=clean_text(" ".join(page.sel.xpath(HEADING).getall())),
            next_url=_next_url(page),
        )
    ]


def _listed(item: _ListedMovie, rank: int) -> ListingEntryFields:
    """An entry of the JSON-LD ItemList (_json_ld_items), at its place in the list."""
    entry: ListingEntryFields = {"title": item.title}
    if item.year:
        entry["year"] = item.year
    entry["url"] = item.url
    if item.id:
        entry["id"] = item.id
    entry["rank"] = rank
    return entry


def _opening_year(text: str) -> int | None:
    """The year of an "Opened Feb 07, 2025" / "Opens Mar 1, 2025" line (a streaming date says nothing of it)."""
    if not text.lower().startswith("open"):
        return None
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


def _json_ld_items(page: Page) -> dict[str, _ListedMovie]:
    """Movies of the (possibly nested) JSON-LD ItemList by absolute URL: title, year, Tomatometer and count."""
    found: dict[str, _ListedMovie] = {}
    stack = list(page.of_type("ItemList"))
    while stack:
        node = stack.pop(0)
        for element in as_list(node.get("itemListElement")):
            if not isinstance(element, dict):
                continue
            if element.get("itemListElement") is not None:
                stack.append(element)
                continue
            item = cast(JsonObject, element.get("item")) if isinstance(element.get("item"), dict) else element
            url = page.absolute(item.get("url")) if isinstance(item.get("url"), str) else None
            title, year = title_and_year(item.get("name"), item.get("dateCreated") or item.get("datePublished"))
            if not url or not title:
                continue
            slug = movie_slug(url)
            value, count = None, None
            agg = item.get("aggregateRating")
            if isinstance(agg, dict):
                value = percent(text_of(agg.get("ratingValue")))
                reviews = agg.get("reviewCount")
                count = reviews if isinstance(reviews, int) else exact_count(text_of(reviews))
            listed = _ListedMovie(title, url, year or None, f"{SOURCE}:m/{slug}" if slug else None, value, count)
            found.setdefault(url, listed)
    return found


def _next_url(page: Page) -> str | None:
    text = page.sel.xpath(PAGE_INFO).get()
    try:
        info = json.loads(text) if text else None
    except json.JSONDecodeError:
        return None
    if not isinstance(info, dict) or info.get("hasNextPage") is not True:
        return None
    parts = urlsplit(page.url)
    query = dict(parse_qsl(parts.query))
    current = whole_number(query.get("page")) or 1
    query["page"] = str(current + 1)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
