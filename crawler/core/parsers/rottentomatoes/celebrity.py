"""A celebrity page (`/celebrity/<slug>`): the person's filmography tables as one `filmography` listing.

Two markups are read:
- until 2019, `table#filmographyTbl`: each row a Tomatometer cell (`span.tMeterScore` "90%"), the title
  linked to `/m/<slug>`, the credit, the box office and the year;
- 2020-2023, `table[data-qa="celebrity-filmography-movies"]` (and `-tv`): each `tr` carries `data-title`,
  `data-year` and `data-tomatometer`, with `td.celebrity-filmography__title a` linking the title page.
- since 2024 the same `table.celebrity-filmography__table` without `data-qa`, its text in `rt-text` elements:
  a row keeps `data-title` and `data-year` but its Tomatometer moved into `span.icon__tomatometer-score`
  ("- -" in `span.celebrity-filmography__no-score` when there is none).
A TV row's year is printed as a span ("2011-2016"): a span is not a year, so such an entry has none.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..listing_record import each_title_once, listing_record
from ..page import Page
from .common import SOURCE, percent

TABLES = (
    '//table[@id="filmographyTbl" or starts-with(@data-qa,"celebrity-filmography") or contains(@class,"filmography")]'
)
ROWS = ".//tr[.//a[@href]]"
TITLE_LINKS = ".//a[@href]"
YEAR_CELL = './td[contains(@class,"year")]'
# Until 2019 `span.tMeterScore`; since 2024 `span.icon__tomatometer-score` (the row no longer carries the score).
METER_CELL = './/span[contains(@class,"tMeterScore") or contains(@class,"icon__tomatometer-score")]'
HEADING = (
    '//h1[@data-qa="celebrity-bio-header"] | //h1[contains(@class,"celebrity-bio__h1")] | //h1[@itemprop="name"] | //h1'
)

TITLE_PATH = re.compile(r"^/(m|tv)/([^/?#]+)/?$")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def is_celebrity_page(page: Page) -> bool:
    return bool(page.sel.xpath(TABLES))


def parse(page: Page) -> ListingFields:
    entries = each_title_once(_entry(page, row) for row in page.sel.xpath(TABLES).xpath(ROWS))
    if not entries:
        raise PageLayoutError("no_entries", f"Rotten Tomatoes celebrity page without filmography rows at {page.url}")
    for rank, entry in enumerate(entries, start=1):
        entry["rank"] = rank
    return listing_record(
        page,
        source=SOURCE,
        kind="filmography",
        entries=entries,
        title=clean_text(page.sel.xpath(HEADING).xpath("string()").get() or ""),
    )


def _entry(page: Page, row: Any) -> ListingEntryFields | None:
    for link in row.xpath(TITLE_LINKS):
        url = page.absolute(link.attrib["href"])
        found = TITLE_PATH.match(urlsplit(url or "").path)
        if url and found:
            break
    else:
        return None
    title = clean_text(row.attrib.get("data-title") or link.xpath("string()").get() or "")
    if not title:
        return None
    entry: ListingEntryFields = {"title": title, "url": url, "id": f"{SOURCE}:{found.group(1)}/{found.group(2)}"}
    year = clean_text(row.attrib.get("data-year") or row.xpath(YEAR_CELL).xpath("string()").get() or "")
    if not year:  # until 2019 the year cell has no class of its own: the cell that is only a year
        cells = [clean_text(cell.xpath("string()").get() or "") for cell in row.xpath("./td")]
        year = next((cell for cell in reversed(cells) if YEAR.match(cell)), "")
    if YEAR.match(year):
        entry["year"] = int(year)
    meter = percent(row.attrib.get("data-tomatometer") or row.xpath(METER_CELL).xpath("string()").get())
    # A film without enough reviews shows no meter (data-tomatometer "0" beside an empty cell).
    if meter is not None and (meter > 0 or row.xpath(METER_CELL)):
        entry["rating"] = {"value": meter, "best": Decimal(100), "worst": Decimal(0)}
    return entry
