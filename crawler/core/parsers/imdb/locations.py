"""Filming locations pages (`/title/tt.../locations`): before 2023 `div#filming_locations` with one
`div.soda` per place (`dt` place, `dd` note); since 2023 Next.js cards in
`data-testid="sub-section-flmg_locations"` (place link and `item-attributes` note). Each place is kept as
printed, its note in brackets after it."""

from __future__ import annotations

from schemas.record_fields import FilmFields

from ..errors import PageLayoutError
from ..page import Page
from .common import text
from .subpage import film_fields

MARKER = '//*[@data-testid="sub-section-flmg_locations"] | //div[@id="filming_locations"]'
NEXT_CARDS = '//*[@data-testid="sub-section-flmg_locations"]//*[@data-testid="item-id"]'
NEXT_PLACE = './/*[@data-testid="item-text-with-link" or @data-testid="item-text-no-link"]'
NEXT_NOTE = './/*[@data-testid="item-attributes"]'
OLD_ROWS = '//div[@id="filming_locations"]//div[contains(@class, "soda")][dt]'


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def _printed(place: str | None, note: str | None) -> str | None:
    if not place:
        return None
    if not note:
        return place
    note = note if note.startswith("(") else f"({note})"
    return f"{place} {note}"


def parse(page: Page, tt: str) -> list[FilmFields]:
    record = film_fields(page, tt)
    printed = [
        _printed(text(card.xpath(NEXT_PLACE)), text(card.xpath(NEXT_NOTE))) for card in page.sel.xpath(NEXT_CARDS)
    ]
    printed += [_printed(text(row.xpath("./dt")), text(row.xpath("./dd"))) for row in page.sel.xpath(OLD_ROWS)]
    places = [p for p in printed if p]
    if places:
        record["filming_locations"] = places
    if not record.get("title"):
        raise PageLayoutError("no_title", "locations page without the title heading")
    return [record]
