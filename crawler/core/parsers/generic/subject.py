"""Whether a page's printed film facts are about the film the page is titled with.

A page without structured data is a film page when it prints enough labelled film facts ("Release Date:",
"Directed by:"). A news page whose one item announces a film prints them too, under that item's own heading
("Studio Dates Its Sequel for 2010"), while the page is titled "Movie News". So the heading nearest before the
first printed film label must name the page's film: the facts under another heading belong to what that
heading names. A page whose labels follow no heading has only its title to go by, and keeps it.
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
    """True unless the first printed film label sits under a heading that does not name `title`."""
    shown = _label_heading_text(sel)
    if shown is None:
        return True
    named, _ = title_and_year(shown)
    wanted = title.casefold()
    return bool(named) and (wanted in shown.casefold() or str(named).casefold() in wanted)


def label_heading(sel: Selector, page_title: str | None) -> tuple[str, int | None] | None:
    """The title and year of the heading nearest before the first printed film label, when the page's <title>
    names it: the film the facts are about ("<h2>The Red Shoes</h2>" below a site-name <h1> in the header)."""
    shown = _label_heading_text(sel)
    named, year = title_and_year(shown)
    if not named or len(named) < 2 or not page_title or not _names(page_title, named):
        return None
    return named, year


def _names(page_title: str, name: str) -> bool:
    """True when the <title> holds the name, also written as catalogues sort it ("Red Shoes, The - ...")."""
    wanted = name.casefold()
    if wanted in page_title.casefold():
        return True
    pieces = (piece.strip() for piece in TITLE_PIECES.split(page_title))
    return any(_SORTED_ARTICLE.sub(r"\2 \1", piece).casefold() == wanted for piece in pieces)


def _label_heading_text(sel: Selector) -> str | None:
    label = _first_film_label(sel)
    heading = label.xpath(NEAREST_HEADING) if label is not None else None
    if not heading:
        return None
    return clean_text(" ".join(heading.xpath(".//text()").getall()))


def _first_film_label(sel: Selector) -> Selector | None:
    for element in sel.xpath(LABEL_ELEMENTS):
        text = clean_text(element.xpath("string()").get() or "")
        if text and len(text) <= MAX_LABEL and text.endswith(":") and field_for(text) in FILM_FIELDS:
            return element
    return None
