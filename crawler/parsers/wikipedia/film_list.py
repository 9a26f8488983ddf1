"""A Wikipedia list of films (`/wiki/List_of_...`): one listing of the film articles its tables link.

Lists print each film as an italic link to its article in a `wikitable` row, with the year in a cell of the
same row; the year is read only from a cell that holds nothing but a year.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote, urlsplit

from crawler.normalize import clean_text

from ..errors import PageLayoutError
from ..page import Page

SOURCE = "wikipedia"
HEADING = '//h1[@id="firstHeading"]'
ROWS = '//table[contains(concat(" ", normalize-space(@class), " "), " wikitable ")]//tr[td]'
FILM_LINK = './td//i/a[starts-with(@href, "/wiki/")] | ./th//i/a[starts-with(@href, "/wiki/")]'
CELLS = './td | ./th'

YEAR = re.compile(r"^(18[89]\d|19\d\d|20\d\d)$")
NOT_AN_ARTICLE = re.compile(r"^(?:[A-Za-z ]+_talk|Special|Talk|User|Wikipedia|File|Template|Category|Help|Portal):")


def parse(page: Page) -> dict[str, Any]:
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in page.sel.xpath(ROWS):
        link = row.xpath(FILM_LINK)
        if not link:
            continue
        url = page.absolute(link[0].attrib.get("href"))
        article = unquote(urlsplit(url).path.removeprefix("/wiki/")) if url else ""
        title = clean_text(link[0].xpath("string()").get() or "")
        if not title or not article or NOT_AN_ARTICLE.match(article) or article in seen:
            continue
        seen.add(article)
        entry: dict[str, Any] = {"title": title, "url": url, "id": f"{SOURCE}:{article}", "rank": len(entries) + 1}
        years = [int(m.group(1)) for cell in row.xpath(CELLS)
                 if (m := YEAR.match(clean_text(cell.xpath("string()").get() or "") or ""))]
        if years:
            entry["year"] = years[0]
        entries.append(entry)
    if not entries:
        raise PageLayoutError("no_entries", f"Wikipedia list without linked films at {urlsplit(page.url).path}")
    record: dict[str, Any] = {"type": "listing", "source": SOURCE, "url": page.url, "kind": "list", "entries": entries}
    title = clean_text(page.sel.xpath(HEADING).xpath("string()").get() or "")
    if title:
        record["title"] = title
    return record
