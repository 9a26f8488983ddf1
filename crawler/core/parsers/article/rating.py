"""The reviewer's own score as the article prints it.

Star images carry it in their alt text ("5 stars (out of 5)"), some pages print glyphs ("★★★½") or a score
("8/10", "Rating: 3.5 out of 5"), others a letter grade ("B+"), which is kept raw with no value.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.core.normalize import clean_text, parse_rating
from schemas.record_fields import ReviewRatingFields

from ..fields import or_none
from .body import FurnitureMap

STAR_IMAGES = ".//img[@alt or @title]"
LABELLED = (
    ".//*[@aria-label][contains(translate(@class, 'RATINGSC', 'ratingsc'), 'rating')"
    " or contains(translate(@class, 'STAR', 'star'), 'star')"
    " or contains(translate(@class, 'SCORE', 'score'), 'score')]"
)
SCALED = re.compile(r"(?:\d+(?:[.,]\d+)?|[★⭐☆½]+)\s*(?:stars?)?\s*\(?\s*(?:/|out\s+of)\s*\d+", re.IGNORECASE)
GLYPHS_ONLY = re.compile(r"^[★⭐☆½\s]+$")
LABEL = re.compile(r"^(?:my\s+)?(?:rating|score|grade|verdict|stars)\s*[:–—-]\s*(?P<raw>.+)$", re.IGNORECASE)
LETTER = re.compile(r"^[A-F][+-−]?$")


def _value(raw: str) -> ReviewRatingFields | None:
    raw = clean_text(raw)
    if LETTER.match(raw):
        return {"raw": raw}
    if not (SCALED.search(raw) or GLYPHS_ONLY.match(raw)):
        return None
    rating = or_none(parse_rating, raw)  # a probe: which line of the article is its rating
    return {"value": rating.value, "best": rating.best, "raw": raw} if rating else None


def find_rating(root: Selector, lines: list[str]) -> ReviewRatingFields | None:
    """The score inside the article's own block (`root`), or in its short credit/verdict lines."""
    furniture = FurnitureMap()
    for image in root.xpath(STAR_IMAGES):
        if furniture.inside(image):
            continue
        for text in (image.attrib.get("alt"), image.attrib.get("title")):
            found = _value(text) if text else None
            if found:
                return found
    for node in root.xpath(LABELLED):
        found = _value(node.attrib["aria-label"])
        if found:
            return found
    for line in lines:
        labelled = LABEL.match(line)
        if labelled:
            found = _value(labelled.group("raw"))
            if found:
                return found
        elif GLYPHS_ONLY.match(line):
            found = _value(line)
            if found:
                return found
    return None
