"""Movie connections (`/title/tt.../movieconnections`): the titles this one follows, references, features in...,
each kept as printed after its group's heading ("Referenced in Inside the Studio (2002)"), as the title page's
"Connections" line shows one of them.

Markups read, a connection being the group heading and the first line of its entry (the note under it left out):
- before 2010 `div#tn15content`: `h5` headings, each followed by its entries, one title link per `<br>` line,
  a note on a line of its own starting " - ";
- 2010-2022 `div#connections_content`: `h4.li_group` headings, each followed by its `div.soda` entries;
- since 2023 the page data's `contentData.categories` (the group's `name`, each item's HTML in `cardHtml`,
  older page data `htmlContent`).

A page without connections gives the film its header names.
"""

from __future__ import annotations

import re

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields

from ..page import Page
from ..structured import as_list, dig
from .common import fragment, lines
from .title_subpages import HEADER_ONLY, named_film

GROUPS = '//div[@id="connections_content"]//h4[contains(@class, "li_group")]'
# The entries after a heading up to the next heading: its following div.soda siblings before the next h4.
CLASSIC_GROUPS = '//div[@id="tn15content"]/h5'
CATEGORIES = ("props", "pageProps", "contentData", "categories")
CARD_TEXT_KEYS = ("cardHtml", "htmlContent")
_COUNT = re.compile(r"\s*\(\d+\)\s*$")


def matches(page: Page) -> bool:
    """A page saved without its URL: the 2010-2022 grouped list."""
    return bool(page.sel.xpath(GROUPS))


def parse(page: Page, tt: str) -> list[FilmFields]:
    layout, found = "soda", _soda(page)
    if not found:
        layout, found = "classic", _classic(page)
    if not found:
        layout, found = "next", _next(page)
    film = named_film(page, tt, "movieconnections")
    if found:
        film["connections"] = found
    else:
        layout = HEADER_ONLY
    film["extraction"] = {"parser": f"imdb/movieconnections/{layout}"}
    return [film]


def _soda(page: Page) -> list[str]:
    found: list[str] = []
    for heading in page.sel.xpath(GROUPS):
        group = _heading(heading.xpath("string()").get())
        for entry in _entries_after(heading):
            connection = _connection(group, lines(entry))
            if connection:
                found.append(connection)
    return found


def _entries_after(heading: Selector) -> list[Selector]:
    """The entries of a heading's group, found by walking its siblings: matching them by the heading's text in
    a query gave the entries of two groups of one name to both, and a text that no XPath string may hold (a
    control character) stopped the page's reading."""
    entries = []
    for sibling in heading.root.itersiblings():
        if sibling.tag == "h4":
            break
        if sibling.tag == "div" and "soda" in (sibling.get("class") or ""):
            entries.append(Selector(root=sibling, type="html"))
    return entries


def _classic(page: Page) -> list[str]:
    found: list[str] = []
    for heading in page.sel.xpath(CLASSIC_GROUPS):
        group = _heading(heading.xpath("string()").get())
        for line in lines(SelectorList(_until_next_heading(heading))):
            # A line of its own starting "-" is the note of the entry above it.
            connection = _connection(group, [line]) if not line.startswith("-") else None
            if connection:
                found.append(connection)
    return found


def _until_next_heading(heading: Selector) -> list[Selector]:
    """The nodes (elements and text) after a heading up to the next heading or the end of its block."""
    nodes: list[Selector] = []
    for node in heading.xpath("./following-sibling::node()[not(self::comment())]"):
        if getattr(node.root, "tag", None) in ("h5", "div", "table"):
            break
        nodes.append(node)
    return nodes


def _next(page: Page) -> list[str]:
    found: list[str] = []
    for category in as_list(dig(page.next_data, *CATEGORIES)):
        group = _heading(dig(category, "name"))
        for item in as_list(dig(category, "section", "items")):
            html = next((item.get(key) for key in CARD_TEXT_KEYS if isinstance(item, dict) and item.get(key)), None)
            if isinstance(html, str):
                connection = _connection(group, lines(fragment(html)))
                if connection:
                    found.append(connection)
    return found


def _heading(raw: object) -> str:
    """The group as a phrase: "Referenced in (12)" -> "Referenced in" (the count is not part of it)."""
    return _COUNT.sub("", clean_text(raw)) if isinstance(raw, str) else ""


def _connection(group: str, entry_lines: list[str]) -> str | None:
    if not group or not entry_lines:
        return None
    return f"{group} {entry_lines[0]}"
