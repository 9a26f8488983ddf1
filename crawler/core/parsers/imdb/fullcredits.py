"""Full cast & crew pages (`/title/tt.../fullcredits`, tables before 2023): "Directed by" and "Writing
Credits" tables (`table.simpleCreditsTable`, name and credit note cells) and the cast table
(`table.cast_list`, character with "(as ...)" notes, in credits order)."""

from __future__ import annotations

import re

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields, PersonFields, WriterFields

from ..errors import PageLayoutError
from ..fields import PersonT
from ..page import Page
from . import articles
from .common import credit_note, person, text
from .subpage import film_fields

MARKER = '//div[@id="fullcredits_content"] | //table[contains(@class, "simpleCreditsTable")]'
GROUP_HEADINGS = '//h4[contains(@class, "dataHeaderWithBorder")]'
GROUP_TABLE = "./following-sibling::table[1]"
CREDIT_ROWS = './/tr[td[contains(@class, "name")]]'
CREDIT_NAME = './td[contains(@class, "name")]//a'
CREDIT_NOTE = './td[contains(@class, "credit")]'


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def _group(page: Page, pattern: str, *, kind: type[PersonT]) -> list[tuple[Selector, PersonT]]:
    """The rows of the first credits table whose heading matches, each with the person it names."""
    for heading in page.sel.xpath(GROUP_HEADINGS):
        label = clean_text(heading.xpath("string(./text()[1])").get() or "")
        if not re.match(pattern, label, re.IGNORECASE):
            continue
        found = []
        for row in heading.xpath(GROUP_TABLE).xpath(CREDIT_ROWS):
            link = row.xpath(CREDIT_NAME)
            entry = person(link[0], page, kind=kind) if link else None
            if entry:
                found.append((row, entry))
        return found
    return []


def _writers(page: Page) -> list[WriterFields]:
    """The writing credits, each with its note ("(novel)") from the credit cell."""
    writers = []
    for row, writer in _group(page, r"Writ", kind=WriterFields):
        note = credit_note(text(row.xpath(CREDIT_NOTE)))
        if note:
            writer["note"] = note
        writers.append(writer)
    return writers


def parse(page: Page, tt: str) -> list[FilmFields]:
    record = film_fields(page, tt)
    if not record.get("title"):
        raise PageLayoutError("no_title", "full credits page without the title heading")
    directors = [director for _, director in _group(page, r"Directed by|Directors?\b", kind=PersonFields)]
    writers = _writers(page)
    cast = articles.cast(page)
    if directors:
        record["directors"] = directors
    if writers:
        record["writers"] = writers
    if cast:
        record["cast"] = cast
    return [record]
