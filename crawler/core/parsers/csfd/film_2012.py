"""A ČSFD film page of the layout before 2021 (`div#profile`, `h1[itemprop=name]`).

The header prints the title with its type note in `span.film-type` ("(TV seriál)"), then `p.genre`
("Drama / Romantický"), `p.origin` ("Velká Británie, 1948, 133 min", the year also as
`span[itemprop=dateCreated]`; a series prints its run "1992–1997"), the creators as `h4` labels ("Režie:",
"Scénář:", "Hrají:") each followed by its links, and the users' average in `h2.average` ("86%").
"""

from __future__ import annotations

import re
from typing import Any

from crawler.core.normalize import clean_text, parse_rating, parse_runtime
from schemas.film import TitleKind
from schemas.record_fields import CastMemberFields, FilmFields, PersonFields, WriterFields

from ..errors import PageLayoutError
from ..fields import PersonT, or_none, put_credits, scored_rating, value_fields
from ..page import Page
from .film import (
    CAST_LABELS,
    DIRECTOR_LABELS,
    SERIES_KINDS,
    SOURCE,
    TITLE_KINDS,
    WRITER_LABELS,
    _film_id,
    releases_fields,
)

MARKER = '//div[@id="profile"]//h1[@itemprop="name"] | //div[contains(@class,"info")]//h1[@itemprop="name"]'
TITLE_TEXT = (
    '(//div[@id="profile"]//h1[@itemprop="name"] | //div[contains(@class,"info")]//h1[@itemprop="name"])[1]/text()'
)
TYPE_NOTE = '//h1[@itemprop="name"]//span[contains(@class,"film-type")]'
GENRE = '//p[contains(@class,"genre")]'
ORIGIN = '//p[contains(@class,"origin")]'
AVERAGE = '//h2[contains(@class,"average")]'
CREATOR_LABELS = '//div[contains(@class,"creators")]//h4'
# The names per country under the heading (also in the 2008-2011 layout): a flag (its country in `alt` or
# `title`; classed "flag", or "no-title" until 2020) before each name.
NAME_ITEMS = '//div[contains(concat(" ", normalize-space(@class), " "), " info ")]//ul[contains(@class, "names")]/li'
NAME_FLAG = "./img/@title | ./img/@alt"
NAME_TEXT = "./h3//text() | ./text()"
# The first plot, without its source note ("(oficiální text distributora)").
PLOT_TEXTS = '(//div[@id="plots"]//li)[1]//text()[not(ancestor::*[contains(@class, "source")])]'
# The premieres box: one row per release, its flag and kind ("V kinech od:") in th, its date in td.
RELEASE_ROWS = '//div[@id="releases"]//tr[th and td]'
RELEASE_FLAG = "./th/img/@title | ./th/img/@alt"
LABELLED_LINKS = './following-sibling::*[1]//a[contains(@href,"/tvurce/")] | ../a[contains(@href,"/tvurce/")]'

YEAR = re.compile(r"^(1[89]\d\d|20\d\d)(?:\s*[–-]\s*(1[89]\d\d|20\d\d)?)?$")
RUNTIME = re.compile(r"^(\d+\s*min)\b")
PERSON_ID = re.compile(r"/tvurce/(\d+)-")
OLD_KIND_NOTES: dict[str, TitleKind] = {
    "tv seriál": "tv_series",
    "tv minisérie": "tv_mini_series",
    "tv film": "tv_movie",
}


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def parse(page: Page) -> FilmFields:
    sel = page.sel
    title = clean_text(" ".join(sel.xpath(TITLE_TEXT).getall()))
    film_id = _film_id(page)
    if not title or not film_id:
        raise PageLayoutError("no_title", "ČSFD film page without a title heading or film number")
    record: FilmFields = {
        "type": "film",
        "source": SOURCE,
        "id": f"{SOURCE}:{film_id}",
        "url": page.canonical_url or page.url,
        "title": title,
    }
    note = clean_text(sel.xpath(TYPE_NOTE).xpath("string()").get() or "").strip("()").strip().lower()
    kind = OLD_KIND_NOTES.get(note) or TITLE_KINDS.get(note)
    if kind:
        record["title_kind"] = kind
    record.update(_origin(clean_text(sel.xpath(ORIGIN).xpath("string()").get() or "")))
    genres = [
        g for g in (clean_text(g) for g in clean_text(sel.xpath(GENRE).xpath("string()").get() or "").split("/")) if g
    ]
    if genres:
        record["genres"] = genres
    shown = clean_text(sel.xpath(AVERAGE).xpath("string()").get() or "")
    rating = or_none(parse_rating, shown, best=100) if shown else None  # "?%": too few ratings for an average
    if rating:
        record["rating"] = value_fields(rating)
        record["ratings"] = [scored_rating(rating, kind="user", label="ČSFD")]
    record.update(_credits(page))
    record.update(names_fields(page, title, record.get("countries") or []))
    plot = clean_text(" ".join(sel.xpath(PLOT_TEXTS).getall()))
    if plot:
        record["plot"] = plot
    releases = releases_fields(
        [
            (
                clean_text(row.xpath(RELEASE_FLAG).get() or "") or None,
                clean_text(row.xpath("./th").xpath("string()").get() or ""),
                clean_text(row.xpath("./td").xpath("string()").get() or ""),
            )
            for row in sel.xpath(RELEASE_ROWS)
        ]
    )
    if record.get("title_kind") in SERIES_KINDS:
        # a series has no release date: its premieres are a season's or a screening's
        for key in ("release_date", "release_date_raw", "release_country"):
            releases.pop(key, None)  # type: ignore[misc]
    record.update(releases)
    return record


def _origin(line: str) -> FilmFields:
    """Countries, year (or run) and runtime from "Velká Británie, 1948, 133 min"."""
    found: FilmFields = {}
    countries: list[str] = []
    for part in (clean_text(p) for p in line.split(",")):
        year = YEAR.match(part)
        runtime = RUNTIME.match(part)
        if year and "year" not in found:
            found["year"] = first = int(year.group(1))
            if year.group(2) and int(year.group(2)) >= first:
                found["end_year"] = int(year.group(2))
        elif runtime and "runtime_raw" not in found:
            found["runtime_raw"] = runtime.group(1)
            if (minutes := or_none(parse_runtime, runtime.group(1))) is not None:
                found["runtime_minutes"] = minutes
        elif part and "year" not in found:
            countries.extend(c for c in (clean_text(c) for c in part.split("/")) if c)
    if countries:
        found["countries"] = countries
    return found


def _credits(page: Page) -> FilmFields:
    directors: list[PersonFields] = []
    writers: list[WriterFields] = []
    cast: list[CastMemberFields] = []
    for heading in page.sel.xpath(CREATOR_LABELS):
        label = clean_text(heading.xpath("string()").get() or "").rstrip(":").strip().lower()
        if label in DIRECTOR_LABELS:
            directors += _people(page, heading, kind=PersonFields)
        elif label in WRITER_LABELS:
            writers += _people(page, heading, kind=WriterFields)
        elif label in CAST_LABELS:
            cast += _people(page, heading, kind=CastMemberFields)
    result: FilmFields = {}
    put_credits(result, directors=directors, writers=writers, billed=cast)
    return result


def _people(page: Page, heading: Any, *, kind: type[PersonT]) -> list[PersonT]:
    people: list[PersonT] = []
    for link in heading.xpath(LABELLED_LINKS):
        name = clean_text(link.xpath("string()").get() or "")
        if not name:
            continue
        person = kind(name=name, url=page.absolute(link.attrib.get("href")))
        found = PERSON_ID.search(link.attrib.get("href", ""))
        if found:
            person["id"] = found.group(1)
        people.append(person)
    return people


def names_fields(page: Page, title: str, countries: list[str]) -> FilmFields:
    """The names per country; the original title is the one flagged with the first country of origin."""
    names: list[tuple[str, str | None]] = []
    for item in page.sel.xpath(NAME_ITEMS):
        name = clean_text(" ".join(item.xpath(NAME_TEXT).getall()))
        country = clean_text(item.xpath(NAME_FLAG).get() or "") or None
        if name and (name, country) not in names:
            names.append((name, country))
    fields: FilmFields = {}
    original = next((n for n, c in names if countries and c == countries[0] and n != title), None)
    if original:
        fields["original_title"] = original
    if names:
        fields["also_known_as"] = [{"title": n, "country": c} if c else {"title": n} for n, c in names]
    return fields
