""" "Best of" tables (/top/bestofrt/, /top/bestofrt/?year=1948, top lists by genre).

table.table tr: td "1." (rank) | span.tMeterScore "97%" | a[href^="/m/"] "It Happened One Night (1934)" |
td "98" (number of reviews). The list's name is the page's h1, else (2021) the h2.panel-heading nearest before
the table (the header's sections above it head theirs with h2.title). The sidebar's tables ("Opening This Week": tr.sidebarInTheaterOpening, the score
linked before the title) are no part of the chart.
"""

from __future__ import annotations

import re
from decimal import Decimal

from crawler.core.normalize import clean_text, strip_year_suffix
from schemas.record_fields import ListingEntryFields, ListingFields, RatingFields

from ..errors import PageLayoutError
from ..listing_record import listing_record
from ..page import Page
from .common import SOURCE, exact_count, movie_slug, percent

CHART_ROWS = (
    '//table[contains(concat(" ", normalize-space(@class), " "), " table ")]//tr[td//a[contains(@href, "/m/")]]'
)
ROWS = '//table[.//a[contains(@href, "/m/")]]//tr[td//a[contains(@href, "/m/")]][not(contains(@class, "sidebar"))]'
CELLS = "./td"
# The title link, not a score linked to the same film ("94%").
LINK = './/a[contains(@href, "/m/")][not(contains(normalize-space(string()), "%"))][normalize-space(string())]'
METER = './/*[contains(@class, "tMeterScore")]//text()'
HEADING = "//h1//text()"
PANEL_HEADING = './preceding::h2[contains(concat(" ", normalize-space(@class), " "), " panel-heading ")][1]//text()'
NEXT = '//a[@rel="next"]/@href'

_RANK = re.compile(r"^(\d+)\.?$")


def parse(page: Page) -> list[ListingFields]:
    rows = page.sel.xpath(CHART_ROWS) or page.sel.xpath(ROWS)
    if not rows:
        raise PageLayoutError("no_entries", "no table of /m/ links on a top list page")
    entries: list[ListingEntryFields] = []
    for position, row in enumerate(rows, start=1):
        links = row.xpath(LINK)
        if not links:
            continue
        link = links[0]
        title, year = strip_year_suffix(clean_text(link.xpath("string()").get() or ""))
        if not title:
            continue
        cells = [clean_text(cell.xpath("string()").get() or "") for cell in row.xpath(CELLS)]
        rank = next((int(m.group(1)) for m in map(_RANK.match, cells[:1]) if m), position)
        entry: ListingEntryFields = {"title": title, "rank": rank}
        if year:
            entry["year"] = year
        url = page.absolute(link.attrib.get("href"))
        if url:
            entry["url"] = url
            slug = movie_slug(url)
            if slug:
                entry["id"] = f"{SOURCE}:m/{slug}"
        value = percent(clean_text(" ".join(row.xpath(METER).getall())).replace("\xa0", ""))
        if value is not None:
            rating: RatingFields = {"value": value, "best": Decimal(100), "worst": Decimal(0)}
            reviews = exact_count(cells[-1]) if cells and cells[-1].isdigit() else None
            if reviews is not None:
                rating["count"] = reviews
            entry["rating"] = rating
        entries.append(entry)
    return [
        listing_record(
            page,
            source=SOURCE,
            kind="chart",
            entries=entries,
            title=clean_text(" ".join(page.sel.xpath(HEADING).getall()))
            or clean_text(" ".join(rows[0].xpath(PANEL_HEADING).getall())),
            next_url=page.absolute(page.sel.xpath(NEXT).get()),
        )
    ]
