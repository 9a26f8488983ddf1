"""ČSFD pages that list films: charts (`/zebricky/...`), search results (`/hledat/...`), a user's ratings
(`/uzivatel/<n>-<name>/hodnoceni/`) and a person's filmography (`/tvurce/<n>-<slug>/`).

All of them print each film the same way since 2021: `a.film-title-name` linking `/film/<n>-<slug>/`, then
`span.film-title-info` with the year "(1994)" (since 2025 a bare "1994" in its `span.info`, an episode's "(S01E03)" after it; a series adds its type, "(seriál) (2008–2013)": a run is not a
year), inside an `article` (charts, search) or a table row (ratings, filmography). A chart prints the rank
in `span.film-title-user` ("1.") and the average in `div.rating-average` ("95,5%"); a user's ratings page
shows their stars as `span.stars.stars-4`. Until 2020 the lists were tables (see OLD_LINK). Only films of the page's own lists are entries: the site header,
footer and side boxes are not.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from crawler.core.normalize import clean_text
from schemas.listing import ListingKind
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..listing_record import each_title_once, listing_record
from ..page import Page
from .film import SOURCE

_OUTSIDE = (
    'ancestor::aside or ancestor::footer or ancestor::nav or ancestor::header[not(contains(@class,"article-header"))]'
)
# Until 2020 a list was a `table.ui-table-list`: one row per film, its `a.film` link ("film c1", the class
# naming its colour), the year in `span.film-year` "(2020)" and a user's stars as `img.rating` alt "****".
OLD_LINK = 'a[contains(concat(" ",normalize-space(@class)," ")," film ")][contains(@href,"/film/")]'
ITEMS = (
    f'//*[self::article or self::tr][.//a[contains(@class,"film-title-name")]][not({_OUTSIDE})]'
    "[not(ancestor::article) and not(ancestor::tr)]"
    f' | //table[contains(@class,"ui-table-list")]//tr[td//{OLD_LINK}][not({_OUTSIDE})]'
)
TITLE_LINK = f'.//a[contains(@class,"film-title-name")] | .//{OLD_LINK}'
INFO = './/span[contains(@class,"film-title-info")]//text() | .//span[contains(@class,"film-year")]//text()'
OLD_STARS = './/img[contains(@class,"rating")]/@alt'
OLD_STARS_ALT = re.compile(r"^\*{1,5}$")
RANK = './/*[contains(@class,"film-title-user")]'
AVERAGE = './/*[contains(@class,"rating-average")]'
STARS = './/span[contains(@class,"stars")]/@class'
CELLS = "./td"
HEADING = '//h1 | //h2[contains(@class,"page-title")]'
NEXT_LINK = '//a[contains(@class,"page-next")]/@href | (//div[contains(@class,"paginator")]//a[contains(@class,"next")])[1]/@href'

FILM_ID = re.compile(r"/film/(\d+)-[^/]*/(?:(\d+)-[^/]*/)?")
PRINTED_YEAR = re.compile(r"^\((1[89]\d\d|20\d\d)\)$")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
RANK_TEXT = re.compile(r"^(\d+)\.$")
PERCENT = re.compile(r"^(\d{1,3}(?:[.,]\d)?)\s*%$")
STARS_CLASS = re.compile(r"\bstars-([0-5])\b")
EPISODE_CODE = re.compile(r"^\((?:S(\d{1,3}))?E(\d{1,4})\)$")


def is_listing(page: Page) -> bool:
    return bool(page.sel.xpath(ITEMS))


def parse(page: Page, *, kind: ListingKind) -> ListingFields:
    entries = each_title_once(_entry(page, item) for item in page.sel.xpath(ITEMS))
    if not entries:
        raise PageLayoutError("no_entries", f"ČSFD list without film entries at {page.url}")
    return listing_record(
        page,
        source=SOURCE,
        kind=kind,
        entries=entries,
        title=clean_text(page.sel.xpath(HEADING).xpath("string()").get() or ""),
        next_url=page.absolute(page.sel.xpath(NEXT_LINK).get()),
    )


def _entry(page: Page, item: Any) -> ListingEntryFields | None:
    link = item.xpath(TITLE_LINK)[0]
    url = page.absolute(link.attrib.get("href"))
    found = FILM_ID.search(link.attrib.get("href", ""))
    title = clean_text(link.attrib.get("title") or link.xpath("string()").get() or "")
    if not url or not found or not title:
        return None
    entry: ListingEntryFields = {"title": title, "url": url, "id": f"{SOURCE}:{found.group(2) or found.group(1)}"}
    printed = [clean_text(t) for t in item.xpath(INFO).getall() if clean_text(t)]
    years = [int(m.group(1)) for m in (PRINTED_YEAR.match(p) or YEAR.match(p) for p in printed) if m]
    cells = [clean_text(c.xpath("string()").get() or "") for c in item.xpath(CELLS)]
    years += [int(c) for c in cells if YEAR.match(c)]
    if len(set(years)) == 1:
        entry["year"] = years[0]
    code = next((m for m in (EPISODE_CODE.match(p) for p in printed) if m), None)
    if code:  # an episode's "(S01E03)" after its kind
        if code.group(1):
            entry["season"] = int(code.group(1))
        entry["episode"] = int(code.group(2))
    rank = RANK_TEXT.match(clean_text(item.xpath(RANK).xpath("string()").get() or ""))
    if rank:
        entry["rank"] = int(rank.group(1))
    average = PERCENT.match(clean_text(item.xpath(AVERAGE).xpath("string()").get() or ""))
    stars = STARS_CLASS.search(" ".join(item.xpath(STARS).getall()))
    if average and Decimal(average.group(1).replace(",", ".")) <= 100:
        entry["rating"] = {
            "value": Decimal(average.group(1).replace(",", ".")),
            "best": Decimal(100),
            "worst": Decimal(0),
        }
    elif stars:
        entry["rating"] = {"value": Decimal(stars.group(1)), "best": Decimal(5), "worst": Decimal(0)}
    else:
        alt = clean_text(item.xpath(OLD_STARS).get() or "")
        if OLD_STARS_ALT.match(alt):
            entry["rating"] = {"value": Decimal(len(alt)), "best": Decimal(5), "worst": Decimal(0)}
    return entry
