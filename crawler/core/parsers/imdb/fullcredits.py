"""Full cast & crew pages (`/title/tt.../fullcredits`, tables before 2023): "Directed by" and "Writing
Credits" tables (`table.simpleCreditsTable`, name and credit note cells) and the cast table
(`table.cast_list`, character with "(as ...)" notes, in credits order)."""

from __future__ import annotations

import re
from typing import Any

from crawler.core.normalize import clean_text

from ..errors import PageLayoutError
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


def _group(page: Page, pattern: str, *, notes: bool) -> list[dict[str, Any]]:
    for heading in page.sel.xpath(GROUP_HEADINGS):
        label = clean_text(heading.xpath("string(./text()[1])").get() or "")
        if not re.match(pattern, label, re.IGNORECASE):
            continue
        found = []
        for row in heading.xpath(GROUP_TABLE).xpath(CREDIT_ROWS):
            link = row.xpath(CREDIT_NAME)
            entry = person(link[0], page) if link else None
            if not entry:
                continue
            note = credit_note(text(row.xpath(CREDIT_NOTE)))
            if notes and note:
                entry["note"] = note
            found.append(entry)
        return found
    return []


def parse(page: Page, tt: str) -> list[dict[str, Any]]:
    record = film_fields(page, tt)
    if not record.get("title"):
        raise PageLayoutError("no_title", "full credits page without the title heading")
    directors = _group(page, r"Directed by|Directors?\b", notes=False)
    writers = _group(page, r"Writ", notes=True)
    cast = articles.cast(page)
    if directors:
        record["directors"] = directors
    if writers:
        record["writers"] = writers
    if cast:
        record["cast"] = cast
    return [record]
