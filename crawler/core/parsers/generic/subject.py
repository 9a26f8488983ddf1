"""Whether a page's printed film facts are about the film the page is titled with.

A page without structured data is a film page when it prints enough labelled film facts ("Release Date:",
"Directed by:"). A news page whose one item announces a film prints them too, under that item's own headline
("Studio Dates Its Sequel for 2010"), while the page is titled "Movie News". So when the heading nearest before
the first printed film label is one item's headline (a link to the item's own page, beside other linked
headlines of its kind), it must name the page's film: the facts under it belong to what it names. A section
heading over the facts ("Movie Details") is no item's, and a page whose labels follow no heading has only its
title to go by: both keep their film.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.core.normalize import clean_text

from ..schemaorg import title_and_year
from .labels import field_for

# Elements a label is printed in, outside the page's furniture.
LABEL_ELEMENTS = (
    "//*[self::b or self::strong or self::th or self::td or self::dt or self::label]"
    "[not(ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside)]"
)
# A printed label is short: "Directed by:", "MPAA Rating:".
MAX_LABEL = 40
NEAREST_HEADING = (
    "(preceding::*[self::h1 or self::h2 or self::h3]"
    "[not(ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside)])[last()]"
)
# What separates a page <title>'s pieces ("Red Shoes, The - Movie Summary - ReelWire").
TITLE_PIECES = re.compile(r"\s+(?:-|\u2013|\u2014|\||::|\u2022|\u00bb|/)\s+")
# A title with its article put last for sorting: "Red Shoes, The".
_SORTED_ARTICLE = re.compile(r"^(.+),\s+(the|a|an)$", re.IGNORECASE)
# The labels that make a film page (a "Posted:" or "Born:" line does not).
FILM_FIELDS = {"runtime", "directors", "genres", "release_date", "cast", "writers", "certificate"}


def facts_are_about(sel: Selector, title: str) -> bool:
    """True unless the first printed film label sits under one item's headline that does not name `title`."""
    heading = _label_heading(sel)
    if heading is None or not _is_item_headline(heading):
        return True
    shown = _text(heading)
    named, _ = title_and_year(shown)
    wanted = title.casefold()
    return bool(named) and (wanted in shown.casefold() or str(named).casefold() in wanted)


def _is_item_headline(heading: Selector) -> bool:
    """A headline of one item among several: it links elsewhere, and its parent or grandparent holds another
    linked heading of its kind."""
    if not heading.xpath(".//a[@href]"):
        return False
    tag = heading.root.tag
    return any(len(block.xpath(f".//{tag}[.//a[@href]]")) >= 2 for block in heading.xpath("./.. | ./../.."))


def label_heading(sel: Selector, page_title: str | None) -> tuple[str, int | None] | None:
    """The title and year of the heading nearest before the first printed film label, when the page's <title>
    names it: the film the facts are about ("<h2>The Red Shoes</h2>" below a site-name <h1> in the header)."""
    shown = _label_heading_text(sel)
    named, year = title_and_year(shown)
    if not named or len(named) < 2 or not page_title or not _names(page_title, named):
        return None
    return named, year


def _names(page_title: str, name: str) -> bool:
    """True when the <title>'s first or last piece is the name, also with its year or written as catalogues
    sort it ("Red Shoes, The - Movie Summary - ReelWire"); a middle piece is a section ("Cast & Crew")."""
    wanted = name.casefold()
    pieces = [piece.strip() for piece in TITLE_PIECES.split(page_title) if piece.strip()]
    for piece in (pieces[0], pieces[-1]) if pieces else ():
        shown, _ = title_and_year(piece)
        if shown and _SORTED_ARTICLE.sub(r"\2 \1", shown).casefold() == wanted:
            return True
    return False


def _label_heading_text(sel: Selector) -> str | None:
    heading = _label_heading(sel)
    return _text(heading) if heading is not None else None


def _label_heading(sel: Selector) -> Selector | None:
    label = _first_film_label(sel)
    heading = label.xpath(NEAREST_HEADING) if label is not None else None
    return heading[0] if heading else None


def _text(node: Selector) -> str:
    return clean_text(" ".join(node.xpath(".//text()").getall()))


def _first_film_label(sel: Selector) -> Selector | None:
    for element in sel.xpath(LABEL_ELEMENTS):
        text = clean_text(element.xpath("string()").get() or "")
        if text and len(text) <= MAX_LABEL and text.endswith(":") and field_for(text) in FILM_FIELDS:
            return element
    return None
