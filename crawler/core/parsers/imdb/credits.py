"""Credit lines of the 2010-2021 title headers: "Director:", "Writers:", "Stars:" followed by name links,
each writer's credit note ("(novel)") printed right after the link."""

from __future__ import annotations

import re

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text
from schemas.record_fields import WriterFields

from ..fields import PersonT
from ..page import Page
from .common import credit_note, person

NAME_LINKS = './/a[contains(@href, "/name/nm")]'
NOTE_AFTER = "following-sibling::node()[1][self::text()]"
NOTE_SPAN_AFTER = "following-sibling::node()[normalize-space()][1][self::span]//text()"


def labelled(container: SelectorList[Selector], label_pattern: str) -> Selector | None:
    """The first credit block whose h4 label matches ("Directors?", "Writers?", "Stars")."""
    for block in container:
        label = clean_text(block.xpath("string(./h4)").get() or "").rstrip(":")
        if re.fullmatch(label_pattern, label, re.IGNORECASE):
            return block
    return None


def names(block: Selector | None, page: Page, *, kind: type[PersonT]) -> list[PersonT]:
    """The people a credit line links to, as the credit kind the caller builds (director, star)."""
    return [entry for _, entry in _linked(block, page, kind)]


def writers(block: Selector | None, page: Page) -> list[WriterFields]:
    """The writers a credit line links to, each with the credit note printed after the name."""
    found: list[WriterFields] = []
    for link, entry in _linked(block, page, WriterFields):
        trailing = link.xpath(NOTE_AFTER).get()
        if trailing is None:
            trailing = link.xpath("parent::span/following-sibling::node()[1][self::text()]").get()
        if not (trailing or "").strip():
            # 2010-2011 pages put the note in a span of its own: '<a>Rick Berman</a> <span>(story)</span>'.
            trailing = " ".join(link.xpath(NOTE_SPAN_AFTER).getall()) or trailing
        note = credit_note(trailing)
        if note and note.startswith("("):
            entry["note"] = note
        found.append(entry)
    return found


def _linked(block: Selector | None, page: Page, kind: type[PersonT]) -> list[tuple[Selector, PersonT]]:
    if block is None:
        return []
    return [(link, entry) for link in block.xpath(NAME_LINKS) if (entry := person(link, page, kind=kind))]
