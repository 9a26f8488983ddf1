"""A ČSFD film page of the layout before 2012 (`div.info` with a bare `h1`, no microdata, no JSON-LD).

The info block prints the title in a plain `h1` (a type note such as "(TV seriál)" may follow it), its names
per country in `ul.names` (a flag, then the name in an `h3`), the genres
in `div.genre` ("Drama / Romantický"), the origin line in `div.origin` ("USA, 1948, 133 min"), and the
creators as lists: each profession's label ("Režie:", "Scénář:", "Hrají:") followed by its links. Person
links of those years point at `/herec/<n>-<slug>/` or `/reziser/<n>-<slug>/` as well as `/tvurce/`. The
users' average is the percentage in the `#rating` box ("82%"); a film with too few ratings shows none.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.core.normalize import clean_text, parse_rating
from schemas.record_fields import CastMemberFields, FilmFields, PersonFields, WriterFields

from ..errors import PageLayoutError
from ..fields import PersonT, or_none, scored_rating, value_fields
from ..page import Page
from .film import CAST_LABELS, DIRECTOR_LABELS, SOURCE, TITLE_KINDS, WRITER_LABELS, _film_id
from .film_2012 import OLD_KIND_NOTES, _origin, names_fields

INFO = '//div[contains(concat(" ", normalize-space(@class), " "), " info ")]'
# The bare heading of these years; the 2012-2020 layout marks it `itemprop="name"` (film_2012).
HEADING = f"{INFO}//h1[not(@itemprop)]"
MARKER = f'{HEADING}[../..//*[contains(@class, "origin")] or //*[@id="rating"]]'
TITLE_TEXT = f"({HEADING})[1]/text()"
TYPE_NOTE = f'({HEADING})[1]//*[contains(@class, "type")]'
GENRE = f'{INFO}//*[contains(@class, "genre")]'
ORIGIN = f'{INFO}//*[contains(@class, "origin")]'
RATING_BOX = '//*[@id="rating"]'
CREATORS = f'{INFO}//*[contains(@class, "creators")]'
# A profession's label: a heading or bold text ending in a colon, its links in the same list item or line.
CREATOR_LABELS = f"{CREATORS}//*[self::h4 or self::strong or self::b or self::dt or self::span][not(*)]"
LABEL_TAGS = frozenset({"h4", "strong", "b", "dt", "span"})

PERSON_PATH = re.compile(r"/(?:tvurce|herec|reziser|scenarista|kameraman|skladatel|autor)/(\d+)-")
PERCENT = re.compile(r"(?<![\d.,])(\d{1,3})\s*%")


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
    origin = _origin(clean_text(sel.xpath(ORIGIN).xpath("string()").get() or ""))
    record.update(origin)
    record.update(names_fields(page, title, origin.get("countries") or []))
    genre_line = clean_text(sel.xpath(GENRE).xpath("string()").get() or "")
    genres = [genre for genre in (clean_text(g) for g in genre_line.split("/")) if genre]
    if genres:
        record["genres"] = genres
    record.update(_rating(page))
    record.update(_credits(page))
    return record


def _rating(page: Page) -> FilmFields:
    """The users' percentage: the first "82%" of the rating box, never a percentage of another box."""
    box = clean_text(page.sel.xpath(RATING_BOX).xpath("string()").get() or "")
    shown = PERCENT.search(box)
    rating = or_none(parse_rating, shown.group(0), best=100) if shown else None
    if not rating:
        return {}
    return {"rating": value_fields(rating), "ratings": [scored_rating(rating, kind="user", label="ČSFD")]}


def _credits(page: Page) -> FilmFields:
    directors: list[PersonFields] = []
    writers: list[WriterFields] = []
    cast: list[CastMemberFields] = []
    for label_node in page.sel.xpath(CREATOR_LABELS):
        text = clean_text(label_node.xpath("string()").get() or "")
        if not text.endswith(":"):
            continue
        label = text.rstrip(":").strip().lower()
        if label in DIRECTOR_LABELS:
            directors += _people(page, label_node, kind=PersonFields)
        elif label in WRITER_LABELS:
            writers += _people(page, label_node, kind=WriterFields)
        elif label in CAST_LABELS:
            cast += _people(page, label_node, kind=CastMemberFields)
    result: FilmFields = {}
    if directors:
        result["directors"] = directors
    if writers:
        result["writers"] = writers
    for order, member in enumerate(cast, start=1):
        member["order"] = order
    if cast:
        result["cast"] = cast
    return result


def _labelled_links(label_node: Any) -> list[Any]:
    """The links after a label up to the next label: a line may hold several professions."""
    links: list[Any] = []
    sibling = label_node.root.getnext()
    while sibling is not None and not (sibling.tag in LABEL_TAGS and (sibling.text or "").strip().endswith(":")):
        links += [sibling] if sibling.tag == "a" else list(sibling.iter("a"))
        sibling = sibling.getnext()
    return links


def _people(page: Page, label_node: Any, *, kind: type[PersonT]) -> list[PersonT]:
    people: list[PersonT] = []
    for link in _labelled_links(label_node):
        href = link.get("href", "")
        found = PERSON_PATH.search(href)
        name = clean_text("".join(link.itertext()))
        if not name or not found:
            continue  # "více" and other links beside the names are not people
        person = kind(name=name, url=page.absolute(href))
        person["id"] = found.group(1)
        people.append(person)
    return people
