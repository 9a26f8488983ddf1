"""A Wikipedia list of films (`/wiki/List_of_British_films_of_1948`, "Liste de films ...") or a person's
filmography (`/wiki/Michael_Powell_filmography`): its `wikitable`s.

By the style manual a film's title is set in italics, so an entry is a table row whose first italic link
leads to an article; a red link (no article yet) is not an entry. The year is the row's own "Year" cell
(a cell that is only a year; a filmography's year cell spans the rows of that year's films), or, on a list
of one year's films, the year in the article's title.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote, urlsplit

from crawler.core.normalize import clean_text
from schemas.listing import ListingKind
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..page import Page
from .film_article import SOURCE, _article_and_url, _visible
from .skins import ARTICLE_BODY, HEADING

LIST_PREFIXES = ("List_of_", "Lists_of_", "Liste_", "Lista_", "Elenco_")
FILM_WORDS = re.compile(r"(?i)\b(?:films?|movies?|filme|película|películas|filmes|filmów)\b")
TABLE_ROWS = f'{ARTICLE_BODY}//table[contains(concat(" ",normalize-space(@class)," ")," wikitable ")]//tr[td]'
TITLE_LINK = (
    '(./td | ./th)//i//a[starts-with(@href,"/wiki/")][not(contains(@class,"new"))]'
    '[not(contains(@href,"redlink=1"))][not(contains(@href,":"))]'
)
CELLS = "./td | ./th"

YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
TITLE_YEAR = re.compile(r"\b(?:of|in|de|del|von|di)\s+(1[89]\d\d|20\d\d)\b")


def is_film_list(page: Page, article: str) -> bool:
    return (
        article.startswith(LIST_PREFIXES)
        and bool(FILM_WORDS.search(article.replace("_", " ")))
        and bool(page.sel.xpath(TABLE_ROWS))
    )


def has_film_rows(page: Page) -> bool:
    return bool(page.sel.xpath(TABLE_ROWS).xpath(TITLE_LINK))


def parse(page: Page, *, article: str, kind: ListingKind = "list") -> ListingFields:
    article, url = _article_and_url(page, article)
    heading = clean_text(page.sel.xpath(HEADING).xpath("string()").get() or "") or article.replace("_", " ")
    list_year = TITLE_YEAR.search(heading)
    entries: list[ListingEntryFields] = []
    seen: set[str] = set()
    spanned: tuple[int, int] | None = None  # (year, rows it still covers) of a year cell spanning rows
    for row in page.sel.xpath(TABLE_ROWS):
        row_year, spanned = _spanned_year(row, spanned)
        links = row.xpath(TITLE_LINK)
        if not links:
            continue
        link = links[0]
        target = unquote(urlsplit(link.attrib["href"]).path[len("/wiki/") :])
        title = _visible(link)
        if not title or not target or target in seen:
            continue
        seen.add(target)
        entry: ListingEntryFields = {
            "title": title,
            "url": page.absolute(link.attrib["href"]),
            "id": f"{SOURCE}:{target}",
        }
        years = [
            int(cell)
            for cell in (clean_text(c.xpath("string()").get() or "") for c in row.xpath(CELLS))
            if YEAR.match(cell)
        ]
        if len(years) == 1:
            entry["year"] = years[0]
        elif not years and row_year is not None:
            entry["year"] = row_year
        elif not years and list_year:
            entry["year"] = int(list_year.group(1))
        entries.append(entry)
    if not entries:
        raise PageLayoutError("no_entries", f"Wikipedia list without film rows at {page.url}")
    for rank, entry in enumerate(entries, start=1):
        entry["rank"] = rank
    return {"type": "listing", "source": SOURCE, "url": url, "kind": kind, "title": heading, "entries": entries}


def _spanned_year(row: Any, spanned: tuple[int, int] | None) -> tuple[int | None, tuple[int, int] | None]:
    """The year a row inherits from a year cell above it (`rowspan`), and what that cell still covers."""
    for cell in row.xpath(CELLS):
        text = clean_text(cell.xpath("string()").get() or "")
        span = cell.attrib.get("rowspan", "")
        if YEAR.match(text) and span.isdigit() and int(span) > 1:
            return None, (int(text), int(span) - 1)
    if spanned and spanned[1] > 0:
        return spanned[0], (spanned[0], spanned[1] - 1) if spanned[1] > 1 else None
    return None, None
