"""Search results (`/search/<query>/`, `/search/films/<query>/`): `ul.results` items.

A film result is `span.film-title-wrapper` inside the item's `h2.headline-2`: the title link to
`/film/<slug>/` and the year in `small.metadata a`. Since 2024 a film result is an
`li.search-result.-production` whose poster (`div.react-component` with `data-item-name` "The Red Shoes
(1948)" and `data-item-link`) names and links the film, the year in `small.metadata` where printed, else
in the poster's name. Results for members, lists, people and reviews (a review's `-viewing` item shows the
film's poster too) link elsewhere or review a film and are not entries.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.core.normalize import clean_text
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..listing_record import listing_record
from ..page import Page
from .lists import SOURCE, film_slug, first_printed, poster_entry

RESULTS = (
    '//ul[contains(concat(" ",normalize-space(@class)," ")," results ")]'
    '[not(ancestor::aside or ancestor::*[contains(concat(" ",normalize-space(@class)," ")," sidebar ")])]'
    '/li[.//span[contains(@class,"film-title-wrapper")]'
    ' or contains(concat(" ",normalize-space(@class)," ")," -production ")]'
)
TITLE_LINK = './/span[contains(@class,"film-title-wrapper")]/a[contains(@href,"/film/")]'
YEAR = (
    './/span[contains(@class,"film-title-wrapper")]//small//a | .//span[contains(@class,"film-title-wrapper")]//small'
    ' | .//small[contains(@class,"metadata")][not(ancestor::span[contains(@class,"film-title-wrapper")])]'
)
NEXT_LINK = '//div[contains(@class,"pagination")]//a[contains(@class,"next")]/@href'

PRINTED_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def is_search_page(page: Page) -> bool:
    return bool(page.sel.xpath(RESULTS))


def parse(page: Page) -> ListingFields:
    entries: list[ListingEntryFields] = []
    for item in page.sel.xpath(RESULTS):
        entry = _titled_result(item) if item.xpath(TITLE_LINK) else poster_entry(item, {})
        if not entry or "id" not in entry:
            continue
        year = first_printed(item.xpath(YEAR))
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


def _titled_result(item: Any) -> ListingEntryFields | None:
    """A result headed by its title link ("<span class=film-title-wrapper><a href=/film/<slug>/>")."""
    link = item.xpath(TITLE_LINK)[0]
    slug = film_slug({}, link.attrib.get("href"))
    title = clean_text(link.xpath("string()").get() or "")
    if not slug or not title:
        return None
    return {"title": title, "url": f"https://letterboxd.com/film/{slug}/", "id": f"{SOURCE}:film/{slug}"}
