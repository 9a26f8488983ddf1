"""When the review was published: the printed date (dateline, byline, <time>) with the embedded one behind it.

Relative dates ("2 days ago") depend on the fetch time, which a parser does not know: they are kept as
`date_raw` with `date` left null rather than resolved against the clock of whoever runs the parser.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import ReviewFields

from ..fields import iso_date

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    rf"^(?P<raw>{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}})\s*(?:[—–]|--|-\s)\s*", re.IGNORECASE
)
PRINTED_DATE = re.compile(
    rf"(?P<raw>{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
RELATIVE = re.compile(r"\b(?:ago|yesterday|today|just now|last\s+(?:week|month|year))\b", re.IGNORECASE)
ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T\s]|$)")
TIME_ELEMENTS = ".//time"
DATE_CLASSES = (
    # [@class] first: the tests below are costly, and most elements of a long page have no class.
    ".//*[@class][contains(concat(' ', translate(@class, 'DATEPOSTUBLISH', 'datepostublish'), ' '), 'date')"
    " or contains(translate(@class, 'PUBLISHED', 'published'), 'published')"
    " or contains(translate(@class, 'POSTED', 'posted'), 'posted')]"
)
META_KEYS = ("article:published_time", "og:published_time", "datepublished", "date", "dc.date")


def _from_raw(raw: str) -> ReviewFields:
    raw = clean_text(raw)
    if RELATIVE.search(raw):
        return {"date_raw": raw}
    date = iso_date(raw)
    return {"date": date, "date_raw": raw} if date else {"date_raw": raw}


def dateline(first_paragraph: str | None) -> tuple[ReviewFields, str | None]:
    """A date opening the body ("APR 11, 2015—It Follows is..."): the date and the paragraph without it."""
    if not first_paragraph:
        return {}, first_paragraph
    match = DATELINE.match(first_paragraph)
    if not match:
        return {}, first_paragraph
    return _from_raw(match.group("raw")), first_paragraph[match.end() :].strip() or None


def printed(root: Selector) -> ReviewFields:
    """A <time> element or a dated byline in the article's block."""
    for node in root.xpath(TIME_ELEMENTS):
        text = clean_text(" ".join(node.xpath(".//text()").getall()))
        stamp = ISO_DAY.match(node.attrib.get("datetime", "").strip())
        if text and not RELATIVE.search(text):
            found = _from_raw(text)
            if "date" not in found and stamp:
                found["date"] = stamp.group(1)
            return found
        if stamp:
            return {"date": stamp.group(1), "date_raw": text or node.attrib["datetime"].strip()}
        if text:
            return {"date_raw": text}
    for node in root.xpath(DATE_CLASSES):
        text = clean_text(" ".join(node.xpath(".//text()").getall()))
        if len(text) > 60:
            continue
        match = PRINTED_DATE.search(text)
        if match:
            return _from_raw(match.group("raw"))
        if RELATIVE.search(text):
            return {"date_raw": text}
    return {}


def embedded(published: str | None) -> ReviewFields:
    """An ISO datePublished from JSON-LD or meta tags."""
    if not published:
        return {}
    stamp = ISO_DAY.match(published.strip())
    return {"date": stamp.group(1), "date_raw": published.strip()} if stamp else {}
