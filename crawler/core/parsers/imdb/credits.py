"""Credit lines of the 2010-2021 title headers: "Director:", "Writers:", "Stars:" followed by name links,
each writer's credit note ("(novel)") printed right after the link."""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text

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


def names(block: Selector | None, page: Page, *, notes: bool = False) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if block is None:
        return found
    for link in block.xpath(NAME_LINKS):
        entry = person(link, page)
        if not entry:
            continue
        if notes:
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
