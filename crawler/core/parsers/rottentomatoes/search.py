"""Search results (`/search?search=<q>`) since 2021: `search-page-result` sections (type movie, tv) of
`search-page-media-row` elements.

Each row carries its year and Tomatometer as attributes, `releaseyear` / `tomatometerscore` until 2022 and
`release-year` / `tomatometer-score` since; a TV row gives `start-year` (its run is not read as one year), and
its title is the `a[data-qa="info-name"]` link to the title page. Sections for people and franchises are not
entries.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..page import Page
from .common import SOURCE, percent

ROWS = (
    '//search-page-result[@type="movie" or @type="tvSeries" or @type="tv"]//search-page-media-row'
    '[.//a[@data-qa="info-name"]]'
)
TITLE_LINK = './/a[@data-qa="info-name"]'
YEAR_ATTRIBUTES = ("release-year", "releaseyear")
METER_ATTRIBUTES = ("tomatometer-score", "tomatometerscore")

TITLE_PATH = re.compile(r"^/(m|tv)/([^/?#]+)/?$")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def is_search_page(page: Page) -> bool:
    return bool(page.sel.xpath(ROWS))


def parse(page: Page) -> ListingFields:
    entries: list[ListingEntryFields] = []
    for row in page.sel.xpath(ROWS):
        entry = _entry(page, row)
        if entry and entry.get("id") not in {e.get("id") for e in entries}:
            entries.append(entry)
    if not entries:
        raise PageLayoutError("no_entries", f"Rotten Tomatoes search page without title rows at {page.url}")
    return {"type": "listing", "source": SOURCE, "url": page.url, "kind": "search", "entries": entries}


def _entry(page: Page, row: Any) -> ListingEntryFields | None:
    link = row.xpath(TITLE_LINK)[0]
    url = page.absolute(link.attrib.get("href"))
    found = TITLE_PATH.match(urlsplit(url or "").path)
    title = clean_text(link.xpath("string()").get() or "")
    if not url or not found or not title:
        return None
    entry: ListingEntryFields = {"title": title, "url": url, "id": f"{SOURCE}:{found.group(1)}/{found.group(2)}"}
    year = next((row.attrib[a].strip() for a in YEAR_ATTRIBUTES if row.attrib.get(a, "").strip()), "")
    if YEAR.match(year):
        entry["year"] = int(year)
    meter = next((percent(row.attrib[a]) for a in METER_ATTRIBUTES if row.attrib.get(a, "").strip()), None)
    if meter is not None:
        entry["rating"] = {"value": meter, "best": Decimal(100), "worst": Decimal(0)}
    return entry
