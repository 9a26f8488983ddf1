"""Person pages (`/name/nm...`): the filmography as a "filmography" listing, titled with the person's name.

Layouts:
- before 2010: `div.filmo` blocks of `ol > li` rows, "<a>Title</a> (1948) .... Character".
- 2010-2022: `div#filmography` with a `div.filmo-category-section` per job, rows `div.filmo-row`
  (id "actor-tt0040725"): `span.year_column` ("1948", "2007-2019"), `b > a` title, the kind after it
  ("(TV Series)", "(Short)") and the role below.
- since 2023 (Next.js): the credits in `__NEXT_DATA__` (`mainColumnData.releasedPrimaryCredits[].credits.
  edges[].node.title` {id, titleText, releaseYear}, or `mainColumnData.released.edges[]`), rendered as
  `li.ipc-metadata-list-summary-item` rows of the credits accordions (`a.ipc-metadata-list-summary-item__t`).

A title credited under several jobs is listed once, where it first appears. Unreleased projects (the data's
`unreleased*` credits) are not part of the filmography.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..page import Page
from ..structured import dig
from .common import BASE, drop_empty, text
from .ids import film_id, title_id
from .listing_rows import leading_year, year_in_parens

# Markup that closes `div#filmography` early leaves the later rows after it: they are read there too.
FILMO_ROWS = (
    '//div[@id="filmography"]//div[contains(@class, "filmo-row")]'
    ' | //div[@id="filmography"]/following::div[contains(@class, "filmo-row")]'
)
FILMO_LINK = './b/a[contains(@href, "/title/tt")] | ./a[contains(@href, "/title/tt")][1]'
FILMO_YEAR = './span[contains(@class, "year_column")]'
# The "In Development" block (`<a name="indev">`) lists unreleased projects: not part of the filmography.
CLASSIC_ROWS = '//div[contains(@class, "filmo")][not(h5/a[@name="indev"])]/ol/li[a[contains(@href, "/title/tt")]]'
CLASSIC_LINK = './a[contains(@href, "/title/tt")][1]'
# The row's own line: the episode lines under a series (after a <br>) print their own years.
CLASSIC_OWN_TEXT = "./text()[not(preceding-sibling::br)]"
NEXT_ROWS = (
    '//div[starts-with(@id, "accordion-item-")]//li[contains(@class, "ipc-metadata-list-summary-item")]'
    '[.//a[contains(@class, "ipc-metadata-list-summary-item__t")]]'
)
NEXT_LINK = './/a[contains(@class, "ipc-metadata-list-summary-item__t")]'
NEXT_YEAR = './/*[contains(@class, "ipc-metadata-list-summary-item__li")]//text()'
NAMES = (
    '(//@data-testid[.="hero__pageTitle"]/..)[1]',
    '//h1[contains(@class, "header")]/span[@itemprop="name"]',
    '//h1[contains(@class, "header")]',
    # A filmography sub-page: "<h1><small>Filmography by type for</small><a class="main">Name</a>".
    '(//h1/a[contains(@class, "main")])[1]',
)
# The classic h1 without its "More at IMDbPro" link.
CLASSIC_NAME = '(//div[@id="tn15title"]/h1 | //h1)[1]//text()[not(ancestor::*[contains(@class, "pro-link")])]'

DATA_CREDIT_GROUPS = (
    ("props", "pageProps", "mainColumnData", "releasedPrimaryCredits"),
    ("props", "pageProps", "mainColumnData", "released"),
)
DATA_NAME = ("props", "pageProps", "aboveTheFold", "nameText", "text")

MARKER = f"{FILMO_ROWS} | {CLASSIC_ROWS} | {NEXT_ROWS}"


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER)) or any(True for _ in _data_titles(page))


def parse(page: Page) -> list[ListingFields]:
    sel = page.sel
    for layout, rows in (("filmo_rows", _filmo_rows(sel)), ("classic", _classic_rows(sel)), ("next", _next_rows(page))):  # noqa: B007 (the label of the layout found)
        entries = _unique(rows)
        if entries:
            break
    else:
        raise PageLayoutError("no_filmography", f"{page.url}: a person page without film credits")
    for position, entry in enumerate(entries, start=1):
        entry["rank"] = position
    listing: ListingFields = {
        "type": "listing",
        "source": "imdb",
        "kind": "filmography",
        "url": page.url,
        "entries": [drop_empty(e) for e in entries],
    }
    name = _name(page)
    if name:
        listing["title"] = name
    listing["extraction"] = {"parser": f"imdb/person/{layout}"}
    return [listing]


def _name(page: Page) -> str | None:
    data_name = dig(page.next_data, *DATA_NAME) if page.next_data else None
    if isinstance(data_name, str) and data_name.strip():
        return clean_text(data_name)
    for path in NAMES:
        name = text(page.sel.xpath(path)[:1])
        if name:
            return name
    return clean_text(" ".join(page.sel.xpath(CLASSIC_NAME).getall())) or None


def _entry(href: str | None, title: str | None, year: int | None) -> ListingEntryFields | None:
    tt = title_id(href)
    if not tt or not title:
        return None
    return {"title": title, "url": f"{BASE}/title/{tt}/", "id": film_id(tt), "year": year}


def _filmo_rows(sel: Selector) -> list[ListingEntryFields | None]:
    rows = []
    for row in sel.xpath(FILMO_ROWS):
        link = row.xpath(FILMO_LINK)[:1]
        rows.append(
            _entry(link.attrib.get("href") if link else None, text(link), leading_year(text(row.xpath(FILMO_YEAR))))
        )
    return rows


def _classic_rows(sel: Selector) -> list[ListingEntryFields | None]:
    rows = []
    for row in sel.xpath(CLASSIC_ROWS):
        link = row.xpath(CLASSIC_LINK)
        own = " ".join(row.xpath(CLASSIC_OWN_TEXT).getall())
        rows.append(_entry(link.attrib.get("href") if link else None, _unquoted(text(link)), year_in_parens(own)))
    return rows


def _unquoted(title: str | None) -> str | None:
    """Before 2012 a series is listed in quotes ('"The Big Breakfast"'): IMDb's marker, not part of the title."""
    if title and len(title) > 2 and title[0] == title[-1] == '"':
        return title[1:-1].strip() or title
    return title


def _next_rows(page: Page) -> list[ListingEntryFields | None]:
    data = [_entry(f"/title/{tt}/", title, year) for tt, title, year in _data_titles(page)]
    if data:
        return data
    rows = []
    for row in page.sel.xpath(NEXT_ROWS):
        link = row.xpath(NEXT_LINK)
        year = next((leading_year(t.strip()) for t in row.xpath(NEXT_YEAR).getall() if leading_year(t.strip())), None)
        rows.append(_entry(link.attrib.get("href") if link else None, text(link), year))
    return rows


def _data_titles(page: Page) -> Iterator[tuple[str, str, int | None]]:
    """(tt, title, year) of every released credit in the page data, in page order."""
    if not page.next_data:
        return
    for path in DATA_CREDIT_GROUPS:
        yield from _titles_in(dig(page.next_data, *path))


def _titles_in(node: Any) -> Iterator[tuple[str, str, int | None]]:
    if isinstance(node, list):
        for item in node:
            yield from _titles_in(item)
    elif isinstance(node, dict):
        found = node.get("title")
        if isinstance(found, dict) and isinstance(found.get("id"), str) and found["id"].startswith("tt"):
            name = dig(found, "titleText", "text") or dig(found, "originalTitleText", "text")
            year = dig(found, "releaseYear", "year")
            if isinstance(name, str) and name.strip():
                yield found["id"], clean_text(name), year if isinstance(year, int) else None
            return
        for key, value in node.items():
            if not key.startswith("unreleased"):
                yield from _titles_in(value)


def _unique(rows: list[ListingEntryFields | None]) -> list[ListingEntryFields]:
    seen: set[str | None] = set()
    out = []
    for row in rows:
        if row and row.get("id") not in seen:
            seen.add(row.get("id"))
            out.append(row)
    return out
