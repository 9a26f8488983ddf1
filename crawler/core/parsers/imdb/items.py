"""Title sub-pages that list items of one film field: trivia, goofs, quotes, crazy credits and taglines
(`/title/tt.../trivia`, `/goofs`, `/quotes`, `/crazycredits`, `/taglines`).

Two markups are read:
- until 2022 each item is a `div.sodatext` inside the page's list (`div#trivia_content`, `#goofs_content`,
  `#quotes_content`, `#crazycredits_content`, or `div#tn15content` before 2010), a tagline a `div.soda` of
  `#taglines_content`; a quote's lines are its `p` (or `<br>`-separated) lines, "Character: line";
- since 2023 the Next.js page holds the items in `__NEXT_DATA__`: `contentData.categories[].section.items`
  (goofs grouped by kind: continuity, factual errors...) or `contentData.section.items`, each item's text in
  `cardHtml` (older page data: `htmlContent`).

A page gives the film record with the whole list in its field; the title page shows one item of each, and
the merge keeps the longer list. `tagline` holds one: the first listed, the one the title page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields

from ..errors import PageLayoutError
from ..page import Page
from ..structured import as_list, dig
from .common import fragment, lines, multiline
from .subpage import film_fields

SODA = '//div[@id="{content}" or @id="tn15content"]//div[contains(concat(" ",normalize-space(@class)," ")," {item} ")]'
CONTENT_DATA = ("props", "pageProps", "contentData")
CARD_TEXT_KEYS = ("cardHtml", "htmlContent")


@dataclass(frozen=True)
class ItemsSubpage:
    """One sub-page type: its URL segment, the film field it fills and the id of its pre-2023 list."""

    name: str
    """The URL segment and page type ("trivia", "crazycredits")."""
    field: Literal["trivia", "goofs", "quotes", "crazy_credits", "tagline"]
    """The film field the items fill: a list of them, but `tagline` holds one (the first listed)."""
    content_id: str
    multiline_items: bool = False
    """Quotes keep their lines ("Lermontov: Why do you want to dance?"); other items are one paragraph."""
    item_class: str = "sodatext"
    """Class of one item in the pre-2023 list."""

    @property
    def soda(self) -> str:
        return SODA.format(content=self.content_id, item=self.item_class)

    def matches(self, page: Page) -> bool:
        """A page saved without its URL: only the pre-2023 list says which field it is."""
        return bool(page.sel.xpath(f'//div[@id="{self.content_id}"]//div[contains(@class, "{self.item_class}")]'))

    def parse(self, page: Page, tt: str) -> list[FilmFields]:
        soda = page.sel.xpath(self.soda)
        if soda:
            layout, items = "soda", [self._soda_item(node) for node in soda]
        else:
            layout, items = "next", [self._card_item(card) for card in _cards(page)]
        found = [item for item in items if item]
        if not found:
            raise PageLayoutError("no_items", f"IMDb {self.name} page without items", page_type=self.name)
        film = film_fields(page, tt)
        if self.field == "tagline":
            film["tagline"] = found[0]
        else:
            film[self.field] = found
        film["extraction"] = {"parser": f"imdb/{self.name}/{layout}"}
        return [film]

    def _soda_item(self, node: Selector) -> str | None:
        if not self.multiline_items:
            return clean_text(node.xpath("string()").get() or "") or None
        paragraphs = node.xpath("./p")
        said = [clean_text(p.xpath("string()").get() or "") for p in paragraphs] if paragraphs else lines(node)
        return _quote("\n".join(line for line in said if line))

    def _card_item(self, card: str) -> str | None:
        body = fragment(card)
        if not self.multiline_items:
            return clean_text(body.xpath("string()").get() or "") or None
        rows = body.xpath(".//li")
        said = [clean_text(li.xpath("string()").get() or "") for li in rows] if rows else lines(body)
        return _quote("\n".join(line for line in said if line)) or (multiline(body) if not rows else None)


def _cards(page: Page) -> list[str]:
    """The items' HTML from the page data, in page order, over every category."""
    content = dig(page.next_data, *CONTENT_DATA)
    sections = [dig(category, "section") for category in as_list(dig(content, "categories"))]
    sections.append(dig(content, "section"))
    cards: list[str] = []
    for section in sections:
        for item in as_list(dig(section, "items")):
            html = next((item.get(key) for key in CARD_TEXT_KEYS if isinstance(item, dict) and item.get(key)), None)
            if isinstance(html, str):
                cards.append(html)
    return cards


def _quote(raw: str) -> str | None:
    """A quote's lines with the speaker's colon tight against the name ("Lermontov : Why" -> "Lermontov: Why")."""
    tidy = "\n".join(line.replace(" :", ":") for line in raw.splitlines())
    return tidy or None


TRIVIA = ItemsSubpage("trivia", "trivia", "trivia_content")
GOOFS = ItemsSubpage("goofs", "goofs", "goofs_content")
QUOTES = ItemsSubpage("quotes", "quotes", "quotes_content", multiline_items=True)
CRAZY_CREDITS = ItemsSubpage("crazycredits", "crazy_credits", "crazycredits_content")
TAGLINES = ItemsSubpage("taglines", "tagline", "taglines_content", item_class="soda")
