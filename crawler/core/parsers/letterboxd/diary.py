"""A member's diary (`/<user>/films/diary/`, `.../for/<year>/`): the films they logged, newest first.

Each `tr.diary-entry-row` holds the film's poster (`data-film-slug`, `data-target-link` or `data-item-*`),
its title (`td.td-film-details h3 a` until 2024, `h2.name a` since), its release year (`td.td-released`, or
a link to `/films/year/<year>/`) and the member's stars as `span.rating.rated-<half stars>`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from crawler.core.normalize import clean_text
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..listing_record import listing_record
from ..page import Page
from .lists import SOURCE, film_slug

ROWS = '//tr[contains(concat(" ",normalize-space(@class)," ")," diary-entry-row ")]'
POSTER = ".//*[@data-film-slug or @data-target-link or @data-item-slug or @data-item-link or @data-film-link]"
TITLE = (
    './/td[contains(@class,"td-film-details")]//h3//a | .//h2[contains(@class,"name")]//a'
    ' | .//td[contains(@class,"td-film-details")]//a[contains(@href,"/film/")]'
)
RELEASED = './/td[contains(@class,"td-released")] | .//td[contains(@class,"col-releaseyear")]'
YEAR_LINK = './/a[contains(@href,"/films/year/")]/@href'
STARS = './/span[contains(@class,"rating")]/@class'
HEADING = '//meta[@property="og:title"]/@content'
NEXT_LINK = '//div[contains(@class,"pagination")]//a[contains(@class,"next")]/@href'

YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
YEAR_IN_LINK = re.compile(r"/films/year/(\d{4})/")
RATED = re.compile(r"\brated-(\d{1,2})\b")


def is_diary(page: Page) -> bool:
    return bool(page.sel.xpath(ROWS))


def parse(page: Page) -> ListingFields:
    entries = [entry for row in page.sel.xpath(ROWS) if (entry := _entry(row))]
    if not entries:
        raise PageLayoutError("no_entries", f"Letterboxd diary without film rows at {page.url}")
    return listing_record(
        page,
        source=SOURCE,
        kind="user_films",
        entries=entries,
        title=clean_text(page.sel.xpath(HEADING).get() or ""),
        next_url=page.absolute(page.sel.xpath(NEXT_LINK).get()),
    )


def _entry(row: Any) -> ListingEntryFields | None:
    poster = row.xpath(POSTER)
    attrs = poster[0].attrib if poster else {}
    title_link = row.xpath(TITLE)
    title = clean_text(title_link[0].xpath("string()").get() or "") if title_link else ""
    title = title or clean_text(attrs.get("data-film-name") or row.xpath(".//img/@alt").get() or "")
    slug = film_slug(attrs, title_link[0].attrib.get("href") if title_link else None)
    if not title or not slug:
        return None  # a row that does not link a film page is not an entry
    entry: ListingEntryFields = {
        "title": title,
        "url": f"https://letterboxd.com/film/{slug}/",
        "id": f"{SOURCE}:film/{slug}",
    }
    released = clean_text(row.xpath(RELEASED).xpath("string()").get() or "")
    linked = YEAR_IN_LINK.search(row.xpath(YEAR_LINK).get() or "")
    if YEAR.match(released):
        entry["year"] = int(released)
    elif linked:
        entry["year"] = int(linked.group(1))
    rated = RATED.search(" ".join(row.xpath(STARS).getall()))
    if rated and 1 <= int(rated.group(1)) <= 10:
        entry["rating"] = {"value": Decimal(rated.group(1)) / 2, "best": Decimal(5), "worst": Decimal(0)}
    return entry
