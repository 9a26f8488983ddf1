"""Soundtrack credits (`/title/tt.../soundtrack`): each song or piece with its credit lines.

Markups read, each entry's first line its title and the others its credits ("Written by Brian Easdale"):
- until 2013 `div#tn15content` items of `ul.trivia`, lines split by `<br>`, the title in quotes;
- 2013-2022 `div#soundtracks_content` entries, `div.soundTrack`, lines split by `<br>`;
- since 2023 `li.ipc-metadata-list__item` rows: the title in `span.ipc-metadata-list-item__label`, the credits in
  `div.ipc-html-content-inner-div`; the page data's `contentData.section.items` (`rowTitle`, and the credits'
  HTML in `listContent[].html`) when the rows are rendered on the client only.

A page without songs gives the film its header names.
"""

from __future__ import annotations

from schemas.record_fields import FilmFields, SoundtrackEntryFields

from ..page import Page
from ..structured import as_list, dig
from .common import fragment, lines, text
from .title_subpages import HEADER_ONLY, named_film

SODA = '//div[@id="soundtracks_content"]//div[contains(@class, "soundTrack")]'
CLASSIC = '//div[@id="tn15content"]//ul[contains(@class, "trivia")]/li'
NEXT_ROWS = (
    '//li[contains(@class, "ipc-metadata-list__item")][./span[contains(@class, "ipc-metadata-list-item__label")]]'
)
NEXT_TITLE = './span[contains(@class, "ipc-metadata-list-item__label")]'
NEXT_CREDITS = './/div[contains(@class, "ipc-html-content-inner-div")]'
ITEMS = ("props", "pageProps", "contentData", "section", "items")


def matches(page: Page) -> bool:
    """A page saved without its URL: the 2010-2022 soundtrack list."""
    return bool(page.sel.xpath(SODA))


def parse(page: Page, tt: str) -> list[FilmFields]:
    layout, songs = _songs(page)
    film = named_film(page, tt, "soundtrack")
    if songs:
        film["soundtrack"] = songs
    else:
        layout = HEADER_ONLY
    film["extraction"] = {"parser": f"imdb/soundtrack/{layout}"}
    return [film]


def _songs(page: Page) -> tuple[str, list[SoundtrackEntryFields]]:
    for layout, xpath in (("soda", SODA), ("classic", CLASSIC)):
        found = [song for song in (_song(lines(node)) for node in page.sel.xpath(xpath)) if song]
        if found:
            return layout, found
    rows = [
        _song([text(row.xpath(NEXT_TITLE)) or "", *lines(row.xpath(NEXT_CREDITS))]) for row in page.sel.xpath(NEXT_ROWS)
    ]
    if any(rows):
        return "next", [song for song in rows if song]
    return "next", [song for song in (_data_song(item) for item in as_list(dig(page.next_data, *ITEMS))) if song]


def _data_song(item: object) -> SoundtrackEntryFields | None:
    credits = [
        line
        for entry in as_list(dig(item, "listContent"))
        if isinstance(dig(entry, "html"), str)
        for line in lines(fragment(dig(entry, "html")))
    ]
    title = dig(item, "rowTitle")
    return _song([title if isinstance(title, str) else "", *credits])


def _song(song_lines: list[str]) -> SoundtrackEntryFields | None:
    song_lines = [line for line in (line.strip() for line in song_lines) if line]
    if not song_lines:
        return None
    title = song_lines[0]
    if len(title) > 2 and title[0] == title[-1] == '"':
        title = title[1:-1].strip()  # before 2013 titles are printed in quotes: '"The Red Shoes Ballet"'
    return {"title": title, "credits": song_lines[1:]}
