"""A Flixster movie page of the layouts after the 2008 profile (2009-2015, `/movie/<slug>`).

The title heading prints the title with its year, "The Red Shoes (1948)": in `h1#movieTitle` (its first
span) from 2011, and as the link to the movie in the page's `h1` before. The users' score is a percentage
of members who liked the film, with the number of ratings: `.minibox .rating.percentage` ("86%") beside
`.ratingCount` ("12,345 ratings") from 2011, and the figure under the "Flixster Users" heading (`h4`)
before. The "Critics" figure beside it is the Rotten Tomatoes Tomatometer, Rotten Tomatoes' value and not
read here. The `#details` box lists facts as labels ("Rated:", "Running Time:", "Genres:", "Directed by:",
"Starring:", "In Theaters:") each followed by its value.

The year is the one the heading prints: "In Theaters" may be a re-release of an old film.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from parsel import Selector

from crawler.core.normalize import clean_text, parse_count, parse_date, parse_rating, split_genres
from schemas.record_fields import CastMemberFields, FilmFields, PersonFields, ScoredRatingFields

from ..errors import PageLayoutError
from ..fields import PersonT, main_rating, or_none, runtime_fields, scored_rating
from ..page import Page
from ..schemaorg import certificate

SOURCE = "flixster"
USERS_LABEL = "Flixster Users"

TITLE_2011 = '//*[@id="movieTitle"]'
TITLE_2011_SPAN = f"{TITLE_2011}//span[1]"
TITLE_2009 = '//h1//a[contains(@href, "/movie/")]'
USERS_HEADING = f'//h4[normalize-space(text()) = "{USERS_LABEL}"]'
MARKER = f"{TITLE_2011} | {USERS_HEADING}[{TITLE_2009}] | //div[@id='details']//*[contains(@class, 'minibox')]"
MINIBOX = '//*[@id="details"]//*[contains(@class, "minibox")]'
PERCENTAGE = './/*[contains(@class, "rating") and contains(@class, "percentage")]'
RATING_COUNT = './/*[contains(@class, "ratingCount")]'
USERS_FIGURE = f"{USERS_HEADING}/following-sibling::*[1]//span[1] | {USERS_HEADING}/following-sibling::*[1][self::span]"
USERS_COUNT = f"{USERS_HEADING}/following-sibling::*[1]"
DETAILS = '//*[@id="details"]'
LABEL_TAGS = frozenset({"strong", "b", "dt", "th", "label", "span", "h3", "h4"})

MOVIE_SLUG = re.compile(r"^/movie/([^/]+)")
ACTOR_SLUG = re.compile(r"/actor/([^/?#;]+)")
TITLE_YEAR = re.compile(r"^(?P<title>.+?)\s*\((?P<year>1[89]\d\d|20\d\d)\)$")
PERCENT = re.compile(r"^(\d{1,3})\s*%$")
RATINGS = re.compile(r"(?<![\d,.])(\d[\d,]*)\s+ratings?\b", re.IGNORECASE)
CERTIFICATE_LABELS = {"rated", "mpaa rating", "mpaa"}
RUNTIME_LABELS = {"running time", "runtime"}
GENRE_LABELS = {"genre", "genres"}
DIRECTOR_LABELS = {"directed by", "director", "directors"}
CAST_LABELS = {"starring", "cast"}
RELEASE_LABELS = {"in theaters", "release date", "released", "theatrical release"}


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def parse(page: Page) -> FilmFields:
    sel = page.sel
    heading = sel.xpath(TITLE_2011_SPAN) or sel.xpath(TITLE_2011) or sel.xpath(TITLE_2009)
    printed = clean_text(heading[0].xpath("string()").get() or "") if heading else ""
    slug = MOVIE_SLUG.match(urlsplit(page.url).path or "")
    if not printed or not slug:
        raise PageLayoutError("no_title", "Flixster movie page without a title heading or movie slug")
    parts = urlsplit(page.url)
    record: FilmFields = {
        "type": "film",
        "source": SOURCE,
        "id": f"{SOURCE}:{slug.group(1)}",
        "url": urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")),
        "title": printed,
    }
    titled = TITLE_YEAR.match(printed)
    if titled:
        record["title"] = titled.group("title")
        record["year"] = int(titled.group("year"))
    users = _users_score(sel)
    if users:
        record["rating"] = main_rating(users)
        record["ratings"] = [users]
    for label, value_nodes in _labelled_facts(sel):
        _apply_fact(page, record, label, value_nodes)
    return record


def _users_score(sel: Selector) -> ScoredRatingFields | None:
    """The share of members who liked the film, on 100, with the number of ratings when printed."""
    boxes = sel.xpath(MINIBOX)
    if boxes:
        shown = clean_text(boxes[0].xpath(PERCENTAGE).xpath("string()").get() or "")
        votes = clean_text(boxes[0].xpath(RATING_COUNT).xpath("string()").get() or "")
    else:
        shown = clean_text(sel.xpath(USERS_FIGURE).xpath("string()").get() or "")
        votes = clean_text(sel.xpath(USERS_COUNT).xpath("string()").get() or "")
    percent = PERCENT.match(shown)
    rating = or_none(parse_rating, percent.group(0), best=100) if percent else None
    if rating is None:
        return None
    counted = RATINGS.search(votes)
    count = or_none(parse_count, counted.group(1)) if counted else None
    return scored_rating(rating, kind="audience", label=USERS_LABEL, count=count)


def _labelled_facts(sel: Selector) -> list[tuple[str, list[Any]]]:
    """(label, value nodes) of each "Label:" in the details box, its value running to the next label (a `dd`
    or `td` cell after a `dt` or `th` label is such a value)."""
    facts: list[tuple[str, list[Any]]] = []
    for box in sel.xpath(DETAILS):
        for node in box.root.iter(*LABEL_TAGS):
            label = clean_text("".join(node.itertext()))
            if not label.endswith(":") or len(label) > 30:
                continue
            values: list[Any] = [node.tail or ""]
            sibling = node.getnext()
            while sibling is not None and not _is_label(sibling):
                if isinstance(sibling.tag, str):  # a comment or processing instruction gives its tail only
                    values.append(sibling)
                values.append(sibling.tail or "")
                sibling = sibling.getnext()
            facts.append((label.rstrip(":").strip().lower(), values))
    return facts


def _is_label(node: Any) -> bool:
    return node.tag in LABEL_TAGS and clean_text("".join(node.itertext())).endswith(":")


def _text(values: list[Any]) -> str:
    return " ".join(v if isinstance(v, str) else "".join(v.itertext()) for v in values)


def _links(values: list[Any]) -> list[Any]:
    found: list[Any] = []
    for value in values:
        if not isinstance(value, str):
            found += [value] if value.tag == "a" else list(value.iter("a"))
    return found


def _apply_fact(page: Page, record: FilmFields, label: str, values: list[Any]) -> None:
    text = clean_text(_text(values)).strip(",").strip()
    if label in CERTIFICATE_LABELS and text:
        cert = certificate(text.strip("()").strip())
        if cert:
            record["certificate"] = cert
    elif label in RUNTIME_LABELS and text:
        record.update(runtime_fields(text))
    elif label in GENRE_LABELS and text:
        genres = or_none(split_genres, text)
        if genres:
            record["genres"] = genres
    elif label in DIRECTOR_LABELS:
        directors = _people(page, values, kind=PersonFields)
        if directors:
            record["directors"] = directors
    elif label in CAST_LABELS:
        cast = _people(page, values, kind=CastMemberFields)
        for order, member in enumerate(cast, start=1):
            member["order"] = order
        if cast:
            record["cast"] = cast
    elif label in RELEASE_LABELS and text:
        record["release_date_raw"] = text
        released = or_none(parse_date, text)
        if released is not None:
            record["release_date"] = released.iso


def _people(page: Page, values: list[Any], *, kind: type[PersonT]) -> list[PersonT]:
    people: list[PersonT] = []
    for link in _links(values):
        href = link.get("href") or ""
        found = ACTOR_SLUG.search(href)
        name = clean_text("".join(link.itertext()))
        if not found or not name or any(p["name"] == name for p in people):
            continue
        person = kind(name=name, id=found.group(1))
        url = page.absolute(href)
        if url:
            person["url"] = url
        people.append(person)
    return people
