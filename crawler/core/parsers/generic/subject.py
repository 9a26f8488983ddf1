"""Whether a page's printed film facts are about the film the page is titled with.

A page without structured data is a film page when it prints enough labelled film facts ("Release Date:",
"Directed by:"). A news page whose one item announces a film prints them too, under that item's own heading
("Studio Dates Its Sequel for 2010"), while the page is titled "Movie News". So the heading nearest before the
first printed film label must name the page's film: the facts under another heading belong to what that
heading names. A page whose labels follow no heading has only its title to go by, and keeps it.
"""

from __future__ import annotations

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
# The labels that make a film page (a "Posted:" or "Born:" line does not).
FILM_FIELDS = {"runtime", "directors", "genres", "release_date", "cast", "writers", "certificate"}


def facts_are_about(sel: Selector, title: str) -> bool:
    """True unless the first printed film label sits under a heading that does not name `title`."""
    label = _first_film_label(sel)
    if label is None:
        return True
    heading = label.xpath(NEAREST_HEADING)
    if not heading:
        return True
    shown = clean_text(" ".join(heading.xpath(".//text()").getall()))
    named, _ = title_and_year(shown)
    wanted = title.casefold()
    return bool(named) and (wanted in shown.casefold() or str(named).casefold() in wanted)


def _first_film_label(sel: Selector) -> Selector | None:
    for element in sel.xpath(LABEL_ELEMENTS):
        text = clean_text(element.xpath("string()").get() or "")
        if text and len(text) <= MAX_LABEL and text.endswith(":") and field_for(text) in FILM_FIELDS:
            return element
    return None
