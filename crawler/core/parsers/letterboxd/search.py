"""Search results (`/search/<query>/`, `/search/films/<query>/`): `ul.results` items.

A film result is `span.film-title-wrapper` inside the item's `h2.headline-2`: the title link to
`/film/<slug>/` and the year in `small.metadata a`. Results for members, lists, people and reviews link
elsewhere and are not entries.
"""

from __future__ import annotations

import re

from crawler.core.normalize import clean_text
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..listing_record import listing_record
from ..page import Page
from .lists import SOURCE, film_slug

RESULTS = (
    '//ul[contains(concat(" ",normalize-space(@class)," ")," results ")]'
    '[not(ancestor::aside or ancestor::*[contains(concat(" ",normalize-space(@class)," ")," sidebar ")])]'
    '/li[.//span[contains(@class,"film-title-wrapper")]]'
)
TITLE_LINK = './/span[contains(@class,"film-title-wrapper")]/a[contains(@href,"/film/")]'
YEAR = (
    './/span[contains(@class,"film-title-wrapper")]//small//a | .//span[contains(@class,"film-title-wrapper")]//small'
)
NEXT_LINK = '//div[contains(@class,"pagination")]//a[contains(@class,"next")]/@href'

PRINTED_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def is_search_page(page: Page) -> bool:
    return bool(page.sel.xpath(RESULTS))


def parse(page: Page) -> ListingFields:
    entries: list[ListingEntryFields] = []
    for item in page.sel.xpath(RESULTS):
        link = item.xpath(TITLE_LINK)
        slug = film_slug({}, link[0].attrib.get("href")) if link else None
        title = clean_text(link[0].xpath("string()").get() or "") if link else ""
        if not slug or not title:
            continue
        entry: ListingEntryFields = {
            "title": title,
            "url": f"https://letterboxd.com/film/{slug}/",
            "id": f"{SOURCE}:film/{slug}",
        }
        year = clean_text(item.xpath(YEAR).xpath("string()").get() or "")
        if PRINTED_YEAR.match(year):
            entry["year"] = int(year)
        entries.append(entry)
    if not entries:
        raise PageLayoutError("no_entries", f"Letterboxd search page without film results at {page.url}")
    return listing_record(
        page,
        source=SOURCE,
        kind="search",
        entries=entries,
        next_url=page.absolute(page.sel.xpath(NEXT_LINK).get()),
        url=page.url,
    )
