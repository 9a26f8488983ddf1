"""Sections of a Wikipedia article body: the plot and the cast list.

A section starts at its level-2 heading and runs to the next one. The heading is marked four ways across
skins and years: an empty anchor before it, `<a id="Plot"></a><h2>` (MonoBook until about 2010),
`<h2><span class="mw-headline" id="Plot">` (Vector and MonoBook until 2024), `<h2 id="Plot">` inside
`<div class="mw-heading mw-heading2">` (2024+), and in the Minerva mobile skin the section's content is
wrapped in a `<section>` element after the heading. The cast list is one `<li>` per actor, "Actor as
Character, a note".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from crawler.core.normalize import clean_text

PLOT_IDS = ("Plot", "Synopsis", "Plot_summary", "Premise", "Story")
CAST_IDS = ("Cast", "Cast_and_characters", "Main_cast", "Starring", "Voice_cast")
_HIDDEN = (
    'ancestor-or-self::*[contains(translate(@style," ",""),"display:none")] or ancestor-or-self::sup'
    " or ancestor-or-self::style or ancestor-or-self::script"
)
VISIBLE_TEXT = f".//text()[not({_HIDDEN})]"
# An actor's line: "Kevin Costner as Jim Garrison, the district attorney".
CAST_LINE = re.compile(r"^(?P<actor>.+?)\s+as\s+(?P<character>.+)$")
# Where the character's name ends and a description begins.
CHARACTER_END = re.compile(r",\s|;\s|:\s|\s[–—-]\s")


def _heading(sel: Any, ids: tuple[str, ...]) -> Any | None:
    """The element whose following siblings are the section: the h2, or its `div.mw-heading` wrapper."""
    for section_id in ids:
        # Until about 2010 the id was an empty anchor `<a id="Plot">` just before the heading.
        found = sel.xpath(
            f'//*[self::h2 or self::span][@id="{section_id}"]'
            f' | //a[@id="{section_id}" and not(node())]/following-sibling::*[1][self::h2]'
        )
        if not found:
            continue
        node = found[0].root
        while node is not None and node.tag != "h2":
            node = node.getparent()
        if node is None:
            continue
        parent = node.getparent()
        if parent is not None and "mw-heading" in (parent.get("class") or ""):
            node = parent
        return node
    return None


def _section_nodes(heading: Any) -> Iterator[Any]:
    for node in heading.itersiblings():
        if not isinstance(node.tag, str):
            continue
        if node.tag == "h2" or "mw-heading2" in (node.get("class") or "") or node.find(".//h2") is not None:
            return
        yield node


def _text(node: Any) -> str:
    return clean_text("".join(node.xpath(VISIBLE_TEXT)))


def plot(sel: Any) -> str | None:
    """The plot section's paragraphs, separated by blank lines; None when the article has none."""
    heading = _heading(sel, PLOT_IDS)
    if heading is None:
        return None
    paragraphs = []
    for node in _section_nodes(heading):
        for paragraph in [node] if node.tag == "p" else node.xpath("./p"):
            text = _text(paragraph)
            if text:
                paragraphs.append(text)
    return "\n\n".join(paragraphs) or None


def characters(sel: Any) -> dict[str, str]:
    """Actor name -> character, from the cast section's list items ("Kevin Bacon as Willie O'Keefe")."""
    heading = _heading(sel, CAST_IDS)
    if heading is None:
        return {}
    found: dict[str, str] = {}
    for node in _section_nodes(heading):
        for item in [node] if node.tag == "li" else node.xpath(".//li[not(ancestor::li)]"):
            line = CAST_LINE.match(_text(item))
            if not line:
                continue
            character = CHARACTER_END.split(line.group("character"), maxsplit=1)[0].strip()
            if character:
                found.setdefault(line.group("actor").strip(), character)
    return found
