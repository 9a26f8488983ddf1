"""A Wikipedia TV series article: the television infobox (a "No. of episodes" or "No. of seasons" row).

The run is printed in "Original release" (or "Original run") as two dates or years joined by a dash,
"July 12, 1992 – May 3, 1997" or "2019 – present": the first year is `year`, the last is `end_year`
("present" has none). A run is never a release date. The kind is a mini-series when the lead sentence or the
genre row says so ("miniseries", "limited series"), else a series.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.core.normalize import clean_text
from schemas.film import TitleKind
from schemas.record_fields import CastMemberFields, FilmFields, WriterFields

from ..errors import PageLayoutError
from ..page import Page
from . import sections
from .film_article import (
    CAPTION,
    COUNTRY_LABELS,
    LANGUAGE_LABELS,
    LEAD_PARAGRAPHS,
    SOURCE,
    _article_and_url,
    _cells,
    _items,
    _people,
    _rows,
    _strip_disambiguator,
    _visible,
    _with_characters,
)
from .skins import HEADING

TV_INFOBOX = (
    '//table[contains(concat(" ",normalize-space(@class)," ")," infobox ")]'
    '[./tbody/tr/th[normalize-space()="No. of episodes" or normalize-space()="No. of seasons"'
    ' or normalize-space()="No. of series"]'
    ' or ./tr/th[normalize-space()="No. of episodes" or normalize-space()="No. of seasons"]]'
)
RUN_LABELS = {"original release", "original run", "release"}
CAST_LABELS = {"starring"}
CREATOR_LABELS = {"created by"}
GENRE_LABELS = {"genre"}

YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
PRESENT = re.compile(r"\bpresent\b", re.I)
MINI_SERIES = re.compile(r"\b(?:mini-?series|limited series)\b", re.I)


def is_tv_article(page: Page) -> bool:
    return bool(page.sel.xpath(TV_INFOBOX))


def parse(page: Page, *, article: str) -> FilmFields:
    infobox = page.sel.xpath(TV_INFOBOX)
    heading = clean_text(page.sel.xpath(HEADING).xpath("string()").get() or "")
    title = _visible(infobox.xpath(CAPTION)) or _strip_disambiguator(heading)
    if not title:
        raise PageLayoutError("no_title", "Wikipedia TV article without a title")
    article, url = _article_and_url(page, article)
    rows = _rows(infobox[0])
    lead = " ".join(_visible(p) for p in page.sel.xpath(LEAD_PARAGRAPHS)[:1])
    genres = [g for cell in _cells(rows, GENRE_LABELS) for g in _items(cell)]
    kind: TitleKind = (
        "tv_mini_series" if MINI_SERIES.search(lead) or any(MINI_SERIES.search(g) for g in genres) else "tv_series"
    )
    record: FilmFields = {
        "type": "film",
        "source": SOURCE,
        "id": f"{SOURCE}:{article}",
        "url": url,
        "title": title,
        "title_kind": kind,
    }
    record.update(_run(rows))
    if genres:
        record["genres"] = genres
    cast = [person for cell in _cells(rows, CAST_LABELS) for person in _people(cell, page, kind=CastMemberFields)]
    if cast:
        record["cast"] = _with_characters(cast, page)
    creators = [person for cell in _cells(rows, CREATOR_LABELS) for person in _people(cell, page, kind=WriterFields)]
    for creator in creators:
        creator["note"] = "creator"
    if creators:
        record["writers"] = creators
    countries = list(dict.fromkeys(v for cell in _cells(rows, COUNTRY_LABELS) for v in _items(cell)))
    if countries:
        record["countries"] = countries
    languages = list(dict.fromkeys(v for cell in _cells(rows, LANGUAGE_LABELS) for v in _items(cell)))
    if languages:
        record["languages"] = languages
    storyline = sections.plot(page.sel)
    if storyline:
        record["storyline"] = storyline
    return record


def _run(rows: list[tuple[str, Any]]) -> FilmFields:
    for cell in _cells(rows, RUN_LABELS):
        text = " ".join(_items(cell))
        years = [int(y) for y in YEAR.findall(text)]
        if not years:
            continue
        run: FilmFields = {"year": years[0]}
        if not PRESENT.search(text) and len(years) > 1 and years[-1] >= years[0]:
            run["end_year"] = years[-1]
        return run
    return {}
