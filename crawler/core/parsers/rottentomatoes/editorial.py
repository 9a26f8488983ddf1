"""Editorial guides (editorial.rottentomatoes.com/guide/<slug>/): ranked lists of films with their Tomatometer.

Each entry is a div.countdown-item: the rank printed as "#140" (div.countdown-index), the title linked to the
film's /m/ (or series' /tv/) page in div.article_movie_title, its year as span.start-year "(1986)" and the
Tomatometer as span.tMeterScore "61%". The "Adjusted Score" line below is a ranking weight, not a rating. The
list's name is the article's h1. The WordPress `<link rel="next">` names the next article, not a next page, so
no next page is read.
"""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urlsplit

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..listing_record import each_title_once, listing_record
from ..page import Page
from .common import SOURCE, percent

ROWS = '//div[contains(concat(" ", normalize-space(@class), " "), " countdown-item ")]'
TITLE_LINK = (
    './/*[contains(concat(" ", normalize-space(@class), " "), " article_movie_title ")]'
    '//a[contains(@href, "/m/") or contains(@href, "/tv/")][normalize-space(string())]'
)
YEAR = './/*[contains(concat(" ", normalize-space(@class), " "), " start-year ")]//text()'
METER = './/*[contains(concat(" ", normalize-space(@class), " "), " tMeterScore ")]//text()'
RANK = './/*[contains(concat(" ", normalize-space(@class), " "), " countdown-index ")]//text()'
HEADING = "//h1//text()"

_TITLE_PATH = re.compile(r"^/(m|tv)/([^/?#]+(?:/s\d+)?)/?$")
_YEAR = re.compile(r"^\((1[89]\d\d|20\d\d)\)$")
_RANK = re.compile(r"^#\s*(\d+)$")


def is_guide_page(page: Page) -> bool:
    return bool(page.sel.xpath(ROWS).xpath(TITLE_LINK))


def parse(page: Page) -> ListingFields:
    entries = each_title_once(_entry(page, row, position) for position, row in enumerate(page.sel.xpath(ROWS), 1))
    if not entries:
        raise PageLayoutError("no_entries", f"Rotten Tomatoes guide without countdown entries at {page.url}")
    return listing_record(
        page,
        source=SOURCE,
        kind="list",
        entries=entries,
        title=clean_text(" ".join(page.sel.xpath(HEADING).getall())),
    )


def _entry(page: Page, row: Selector, position: int) -> ListingEntryFields | None:
    links = row.xpath(TITLE_LINK)
    if not links:
        return None
    title = clean_text(links[0].xpath("string()").get() or "")
    url = page.absolute(links[0].attrib.get("href"))
    if not title or not url:
        return None
    rank = _RANK.match(clean_text(" ".join(row.xpath(RANK).getall()[:1])))
    entry: ListingEntryFields = {"title": title, "url": url, "rank": int(rank.group(1)) if rank else position}
    found = _TITLE_PATH.match(urlsplit(url).path)
    if found:
        entry["id"] = f"{SOURCE}:{found.group(1)}/{found.group(2)}"
    year = _YEAR.match(clean_text(" ".join(row.xpath(YEAR).getall())))
    if year:
        entry["year"] = int(year.group(1))
    meter = percent(clean_text(" ".join(row.xpath(METER).getall())))
    if meter is not None:
        entry["rating"] = {"value": meter, "best": Decimal(100), "worst": Decimal(0)}
    return entry
