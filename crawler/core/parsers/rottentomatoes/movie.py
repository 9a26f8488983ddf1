"""Movie pages from 2020 on: JSON-LD Movie plus one of three score panels and the "Movie Info" list.

    2020-21  div.mop-ratings-wrap (h1 title, percentages, "Total Count: 71", "User Ratings: 885,688"),
             ul.content-meta li.meta-row (div.meta-label / div.meta-value), div.cast-item with span.characters
    2021-23  <score-board tomatometerscore=.. audiencescore=.. rating=..> with slotted title, info line
             ("2020, Drama, 1h 48m") and review-count links; from 2022 <score-board-deprecated>, the "Movie Info"
             list as li[data-qa=movie-info-item] (b ...-item-label / span ...-item-value) and cast-and-crew-item
             tiles (name in the cast-crew-item-link, role or character in p.p--small)
    2023+    <media-scorecard> slots (criticsScore, criticsReviews, audienceScore ...) and its JSON script,
             dl "Movie Info" items (data-qa=item / item-label / item-value), person tiles (person-name/role)

Visible values come first; JSON-LD fills what the page does not print (and never reorders the cast).
Where no class or JSON-LD names them (a later build renames the classes; 2013-2016 pages print a list of
terms), the "Movie Info" facts, synopsis and cast are read by their shape under the printed headings.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text, parse_credited_as, strip_year_suffix
from schemas.common import RatingKind
from schemas.record_fields import (
    CastMemberFields,
    FilmFields,
    PersonFields,
    ReleaseFields,
    ScoredRatingFields,
    WriterFields,
)

from ..errors import PageLayoutError
from ..fields import JsonObject, keep_unparsed, or_none, put_credits
from ..page import Page
from ..schemaorg import credits, number, text_of
from ..structured import as_list, dig_object
from . import score_panel_2010
from .common import (
    AUDIENCE_AVERAGE,
    AUDIENCE_SCORE,
    AVERAGE_RATING,
    TOMATOMETER,
    apply_ratings,
    apply_releases,
    certificate,
    exact_count,
    film_identity,
    money,
    percent,
    person,
    release,
    runtime,
    score,
    unique_people,
)

TITLES = (
    '//h1[contains(@class, "mop-ratings-wrap__title")]//text()',
    '//*[self::score-board or self::score-board-deprecated]/*[@slot="title"]//text()',
    '//*[@data-qa="score-panel-title" or @data-qa="score-panel-movie-title"]//text()',
    '//media-scorecard//*[@slot="title"]//text()',
    '//media-hero/*[@slot="title"]//text()',
    '//h1[@data-type="title"]//text()',
    '//h1[@id="movie-title"]//text()',
    '//h1[contains(@class, "movie_title")]//text()',
)
YEAR_LINES = (
    '//span[contains(concat(" ", normalize-space(@class), " "), " year ")]//text()',
    '//*[self::score-board or self::score-board-deprecated]/*[@slot="info"]//text()',
)
# The 2024+ hero (and scorecard) prints its facts one per slot ("PG", "Released Oct 22, 1948", "2h 13m"); only the
# theatrical "Released" line dates the film (a "Streaming ..." line dates a later release).
METADATA_PROPS = '//*[self::media-hero or self::media-scorecard]//*[@slot="metadataProp"]'
_RELEASED_YEAR = re.compile(r"^Released\b.*?\b(18[89]\d|19\d\d|20\d\d)\b")
SCORE_BOARD = "//*[self::score-board or self::score-board-deprecated][@tomatometerscore or @audiencescore]"
BOARD_CRITICS_COUNT = './*[@slot="critics-count"]//text()'
BOARD_AUDIENCE_COUNT = './*[@slot="audience-count"]//text()'
MOP_HALVES = '//div[contains(@class, "mop-ratings-wrap__half")]'
MOP_PERCENT = './/span[contains(@class, "mop-ratings-wrap__percentage")]//text()'
MOP_METER_COUNT = './/small[contains(@class, "mop-ratings-wrap__text--small")]//text()'
MOP_AUDIENCE_COUNT = './/strong[contains(@class, "mop-ratings-wrap__text--small")]//text()'
SCORECARD = "//media-scorecard"
SCORECARD_SLOT = './/*[@slot="{}"]//text()'
SCORECARD_JSON = '//script[@id="media-scorecard-json"]/text()'
CONSENSUS = (
    '//p[contains(@class, "mop-ratings-wrap__text--concensus")]',
    '//*[@id="critics-consensus"]//p',
    '//*[@data-qa="critics-consensus"][not(.//p)]',
    '//*[@data-qa="critics-consensus"]//p',
    # 2013-2016: printed once in each tab (all critics, top critics): the first is the film's.
    '(//p[contains(@class, "critic_consensus")])[1]/text()',
)
SYNOPSIS = (
    '//*[@id="movieSynopsis"]',
    '//*[@data-qa="movie-info-synopsis"]',
    '//*[@data-qa="synopsis-value"]',
)
INFO_ROWS = '//ul[contains(@class, "content-meta")]/li[contains(@class, "meta-row")]'
INFO_ROW_LABEL = './*[contains(@class, "meta-label")]//text()'
INFO_ROW_VALUE = './*[contains(@class, "meta-value")]'
INFO_ITEMS = '//*[@data-qa="item"][.//*[@data-qa="item-label"]]'
INFO_ITEM_LABEL = './/*[@data-qa="item-label"]//text()'
INFO_ITEM_VALUE = './/*[@data-qa="item-value-group"] | .//dd[not(.//*[@data-qa="item-value-group"])]'
# 2022-23: li.info-item rows, "Release Date (Theaters):" in a <b>, the value in the span beside it (the 2020-21
# li.meta-row rows carry the same data-qa and are read above).
INFO_LINES = (
    '//*[@data-qa="movie-info-item"][.//*[@data-qa="movie-info-item-label"]][not(contains(@class, "meta-row"))]'
)
INFO_LINE_LABEL = './/*[@data-qa="movie-info-item-label"]//text()'
INFO_LINE_VALUE = './/*[@data-qa="movie-info-item-value"]'
VALUE_LINKS = ".//a | .//rt-link"
VALUE_TIME = ".//time//text()"
CAST_ITEM_LINK = ".//a/@href"
# (tile, name, role) of the cast tiles: 2020-21 div.cast-item, 2022-23 div.cast-and-crew-item (crew mixed in).
CAST_TILES = (
    (
        '//div[contains(concat(" ", normalize-space(@class), " "), " cast-item ")]',
        './/div[contains(@class, "media-body")]//a[1]//text()',
        './/span[contains(@class, "characters")] | .//*[@data-qa="cast-crew-item-role"]',
    ),
    (
        '//div[contains(concat(" ", normalize-space(@class), " "), " cast-and-crew-item ")]',
        './/*[@data-qa="cast-crew-item-link"]//text()',
        './/*[@data-qa="cast-crew-item-role"] | .//p[contains(concat(" ", normalize-space(@class), " "), " p--small ")]',
    ),
)
PERSON_TILES = '//*[@data-qa="person-item"]'
# The same "Movie Info" rows and cast tiles read by their shape, for a page whose classes say nothing (renamed
# in a later build): under the printed "Movie Info" heading, rows of a label ("Directed By:") and its value;
# under the "Cast" heading, each actor's linked name followed by the role ("as Andy Dufresne").
_HEADED = '//h2[normalize-space()="{}"]/..'
SHAPED_INFO_ROWS = _HEADED.format("Movie Info") + "//li[*[2]]"
SHAPED_ROW_LABEL = "./*[1]//text()"
# The synopsis over those rows: the first block of text alone, long enough to be one (not a rating line); in
# 2013-2016 the text printed right after the heading (the page opens its paragraph before the heading, which
# closes it).
SHAPED_SYNOPSES = (
    _HEADED.format("Movie Info") + "//div[not(*)][string-length(normalize-space()) >= 80]",
    '//h2[normalize-space()="Movie Info"][following-sibling::node()[1][self::text()]'
    "[string-length(normalize-space()) >= 80]]/following-sibling::text()[1]",
)
SHAPED_ROW_VALUE = "./*[2]"
# 2013-2016: the same facts as a list of terms ("<dt>In Theaters:</dt><dd>Apr 14, 2008 Wide</dd>").
SHAPED_INFO_TERMS = _HEADED.format("Movie Info") + "//dt[following-sibling::*[1][self::dd]]"
SHAPED_TERM_LABEL = ".//text()"
SHAPED_TERM_VALUE = "./following-sibling::dd[1]"
SHAPED_CAST_LINKS = " | ".join(
    _HEADED.format(heading) + '//a[contains(@href, "/celebrity/")][normalize-space()]'
    for heading in ("Cast", "Cast & Crew")
)
SHAPED_CAST_ROLE = "./following-sibling::*[1]"
PERSON_TILE_NAME = './/*[@data-qa="person-name"]//text()'
PERSON_TILE_ROLE = './/*[@data-qa="person-role"]//text()'

_YEAR = re.compile(r"\b(18[89]\d|19\d\d|20\d\d)\b")
# A query whose last step selects text nodes ("//text()", "following-sibling::text()[1]").
_SELECTS_TEXT = re.compile(r"(?:/|::)text\(\)(?:\[\d+\])?$")
_DATE_AND_KIND = re.compile(r"^(.*?\d{4})[\s,]*(.*)$")
# Crew roles printed where the cast list mixes in the crew; an actor's role is a character name.
CREW_ROLES = {
    "director",
    "directors",
    "screenwriter",
    "writer",
    "writers",
    "producer",
    "executive producer",
    "co-producer",
    "co-executive producer",
    "associate producer",
    "line producer",
    "original music",
    "music",
    "composer",
    "cinematographer",
    "director of photography",
    "cinematography",
    "film editor",
    "film editing",
    "editor",
    "production design",
    "production designer",
    "art director",
    "art direction",
    "set decoration",
    "set decorator",
    "costume design",
    "costume designer",
    "casting",
    "casting director",
    "novel",
    "story",
    "book",
    "author",
    "screenplay",
}


def parse(page: Page) -> list[FilmFields]:
    movies = page.of_type("Movie")
    movie = movies[0] if movies else {}
    title = _first_text(page, TITLES) or text_of(movie.get("name"))
    if not title and not movie:
        raise PageLayoutError("no_title", "no score panel title and no JSON-LD Movie on a movie page")
    if not title:
        raise PageLayoutError("no_title", "the JSON-LD Movie has no name")
    record = film_identity(page)
    title, title_year = strip_year_suffix(title)
    record["title"] = title
    year = title_year or _year(page)
    if year:
        record["year"] = year

    apply_ratings(record, _ratings(page, movie))
    consensus = _first_text(page, CONSENSUS, joiner="")
    if consensus:
        record["critics_consensus"] = consensus
    plot = _first_text(page, SYNOPSIS) or text_of(movie.get("description")) or _first_text(page, SHAPED_SYNOPSES)
    if plot:
        record["plot"] = plot

    _info(page, record)
    if "certificate" not in record:
        board = page.sel.xpath(SCORE_BOARD)
        cert = certificate(board.attrib.get("rating") if board else None) or certificate(
            text_of(movie.get("contentRating"))
        )
        if cert:
            record["certificate"] = cert
    if "genres" not in record:
        genres = [g for g in (text_of(x) for x in as_list(movie.get("genre"))) if g]
        if genres:
            record["genres"] = genres
    if "directors" not in record:
        directors = credits(movie.get("director"), page, kind=PersonFields)
        if directors:
            record["directors"] = directors

    cast = _cast(page) or _json_ld_cast(movie, page) or _shaped_cast(page)
    put_credits(record, billed=cast)
    return [record]


def _first_text(page: Page, xpaths: tuple[str, ...], joiner: str = " ") -> str | None:
    for xpath in xpaths:
        nodes = page.sel.xpath(xpath)
        if not nodes:
            continue
        if _SELECTS_TEXT.search(xpath):
            text = clean_text(" ".join(nodes.getall()))
        else:
            text = clean_text(joiner.join(nodes[:1].xpath(".//text()").getall()))
        if text:
            return text
    return None


def _year(page: Page) -> int | None:
    for xpath in YEAR_LINES:
        line = clean_text(" ".join(page.sel.xpath(xpath).getall()[:1]))
        match = _YEAR.match(line) if line else None
        if match:
            return int(match.group(1))
    for prop in page.sel.xpath(METADATA_PROPS):
        match = _RELEASED_YEAR.match(clean_text(" ".join(prop.xpath(".//text()").getall())) or "")
        if match:
            return int(match.group(1))
    return None


def _ratings(page: Page, movie: JsonObject) -> list[ScoredRatingFields | None]:
    sel = page.sel
    halves = sel.xpath(MOP_HALVES)
    if halves:
        entries: list[ScoredRatingFields | None] = []
        for half in halves:
            value = percent(clean_text(" ".join(half.xpath(MOP_PERCENT).getall())))
            if "audience-score" in (half.attrib.get("class") or ""):
                count = exact_count(" ".join(half.xpath(MOP_AUDIENCE_COUNT).getall()))
                entries.append(score("audience", AUDIENCE_SCORE, value, count))
            else:
                count = exact_count(" ".join(half.xpath(MOP_METER_COUNT).getall()))
                entries.append(score("critic", TOMATOMETER, value, count))
        return entries
    boards = sel.xpath(SCORE_BOARD)
    if boards:
        board = boards[0]
        return [
            score(
                "critic",
                TOMATOMETER,
                percent(board.attrib.get("tomatometerscore")),
                exact_count(" ".join(board.xpath(BOARD_CRITICS_COUNT).getall())),
            ),
            score(
                "audience",
                AUDIENCE_SCORE,
                percent(board.attrib.get("audiencescore")),
                exact_count(" ".join(board.xpath(BOARD_AUDIENCE_COUNT).getall())),
            ),
        ]
    card = sel.xpath(SCORECARD)
    if card:
        return _scorecard(page, card[0])
    if score_panel_2010.matches(sel):
        return score_panel_2010.entries(sel)
    return [_json_ld_meter(movie)]


def _scorecard(page: Page, card: Selector) -> list[ScoredRatingFields | None]:
    def slot(name: str) -> str:
        return clean_text(" ".join(card.xpath(SCORECARD_SLOT.format(name)).getall()))

    data_text = page.sel.xpath(SCORECARD_JSON).get()
    try:
        data = json.loads(data_text) if data_text else {}
    except json.JSONDecodeError:
        data = {}
    critics = dig_object(data, "criticsScore")
    audience = dig_object(data, "audienceScore")
    critics_count = exact_count(slot("criticsReviews"))
    if critics_count is None and isinstance(critics.get("reviewCount"), int):
        critics_count = critics["reviewCount"]
    audience_count = exact_count(slot("audienceReviews"))
    if audience_count is None and isinstance(audience.get("ratingCount"), int):
        audience_count = audience["ratingCount"]
    entries: list[ScoredRatingFields | None] = [
        score(
            "critic",
            TOMATOMETER,
            percent(slot("criticsScore")) or percent(str(critics.get("score") or "")),
            critics_count,
        ),
        score(
            "audience",
            slot("audienceScoreType") or AUDIENCE_SCORE,
            percent(slot("audienceScore")) or percent(str(audience.get("score") or "")),
            audience_count,
        ),
    ]
    averages: tuple[tuple[JsonObject, RatingKind, str], ...] = (
        (critics, "critic", AVERAGE_RATING),
        (audience, "audience", AUDIENCE_AVERAGE),
    )
    for block, kind, label in averages:
        value = number(block.get("averageRating"))
        best = 10 if kind == "critic" else 5
        if value is not None and Decimal(0) <= value <= best:
            entries.append({"kind": kind, "label": label, "value": value, "best": Decimal(best), "worst": Decimal(0)})
    return entries


def _json_ld_meter(movie: JsonObject) -> ScoredRatingFields | None:
    agg = movie.get("aggregateRating")
    if not isinstance(agg, dict) or (text_of(agg.get("name")) or TOMATOMETER) != TOMATOMETER:
        return None
    value = percent(text_of(agg.get("ratingValue")))
    reviews = agg.get("reviewCount")
    return score("critic", TOMATOMETER, value, reviews if isinstance(reviews, int) else None)


def _info_rows(page: Page) -> list[tuple[str, Any]]:
    rows = [(row.xpath(INFO_ROW_LABEL).getall(), row.xpath(INFO_ROW_VALUE)) for row in page.sel.xpath(INFO_ROWS)]
    rows += [(item.xpath(INFO_ITEM_LABEL).getall(), item.xpath(INFO_ITEM_VALUE)) for item in page.sel.xpath(INFO_ITEMS)]
    rows += [(line.xpath(INFO_LINE_LABEL).getall(), line.xpath(INFO_LINE_VALUE)) for line in page.sel.xpath(INFO_LINES)]
    if not rows:
        rows = [
            (row.xpath(SHAPED_ROW_LABEL).getall(), row.xpath(SHAPED_ROW_VALUE))
            for row in page.sel.xpath(SHAPED_INFO_ROWS)
        ]
        rows += [
            (term.xpath(SHAPED_TERM_LABEL).getall(), term.xpath(SHAPED_TERM_VALUE))
            for term in page.sel.xpath(SHAPED_INFO_TERMS)
        ]
    return [(clean_text(" ".join(label)).rstrip(":").strip().lower(), value[:1]) for label, value in rows if value]


def _info(page: Page, record: FilmFields) -> None:
    releases: list[tuple[ReleaseFields, bool]] = []
    unparsed: dict[str, str] = {}
    writers: list[WriterFields] = []
    for label, value in _info_rows(page):
        text = clean_text(value.xpath("string()").get() or "")
        if not text:
            continue
        links = [(clean_text(a.xpath("string()").get() or ""), a.attrib.get("href")) for a in value.xpath(VALUE_LINKS)]
        links = [(name, href) for name, href in links if name]
        if label == "rating":
            cert = certificate(text)
            if cert:
                record["certificate"] = cert
        elif label in ("genre", "genres"):
            names = [name for name, _ in links] or [g.strip() for g in text.split(",") if g.strip()]
            record["genres"] = names
        elif label in ("directed by", "director", "directors"):
            directors = unique_people(
                [person(page, n, h, kind=PersonFields) for n, h in links]
                if links
                else [person(page, n, None, kind=PersonFields) for n in text.split(",")]
            )
            if directors:
                record["directors"] = directors
        elif label in ("written by", "writer", "writers", "screenwriter"):
            found = (
                [person(page, n, h, kind=WriterFields) for n, h in links]
                if links
                else [person(page, n, None, kind=WriterFields) for n in text.split(",")]
            )
            writers.extend(p for p in unique_people(found) if p not in writers)
        elif label == "runtime":
            record.update(runtime(" ".join(value.xpath(VALUE_TIME).getall()) or text))
        elif label.startswith(("in theaters", "release date", "rerelease date", "on disc", "on dvd", "streaming")):
            entry = _release(label, value, text)
            if entry:
                theatrical = label.startswith("in theaters") or (
                    label.startswith("release date") and "theaters" in label
                )
                releases.append((entry, theatrical))
        elif label.startswith(("box office", "us box office")):
            box_office = money(text, unparsed)
            if box_office:
                record["box_office"] = box_office
        elif label == "original language":
            record["languages"] = [text]
    if writers:
        record["writers"] = writers
    keep_unparsed(record, unparsed)
    apply_releases(record, releases)


def _release(label: str, value: SelectorList[Selector], text: str) -> ReleaseFields | None:
    stamped = clean_text(" ".join(value.xpath(VALUE_TIME).getall()))
    if stamped:
        date_text, kind = stamped, clean_text(text.replace(stamped, "", 1)).strip(", ")
    else:
        match = _DATE_AND_KIND.match(text)
        date_text, kind = (match.group(1), match.group(2)) if match else (text, "")
    name = {"in theaters": "Theatrical", "on disc/streaming": "Disc/Streaming", "on dvd": "DVD"}.get(label)
    if name is None:
        inside = re.search(r"\(([^)]*)\)", label)
        name = ("Rerelease " if label.startswith("rerelease") else "") + (
            inside.group(1).capitalize() if inside else label.capitalize()
        )
    return release(date_text, f"{name}, {kind.lower()}" if kind else name)


def _role(text: str) -> tuple[str | None, bool]:
    """(character, is an acting credit) from a role line: "as Andy Dufresne", "Andy Dufresne", "Director"."""
    role = clean_text(text)
    if role.lower().startswith("as "):
        return clean_text(role[3:]) or None, True
    if role.lower() in CREW_ROLES or any(part.strip().lower() in CREW_ROLES for part in role.split(",")):
        return None, False
    return role or None, True


def _cast(page: Page) -> list[CastMemberFields]:
    cast: list[CastMemberFields] = []
    for tiles, name, role in CAST_TILES:
        for item in page.sel.xpath(tiles):
            entry = person(
                page, " ".join(item.xpath(name).getall()), item.xpath(CAST_ITEM_LINK).get(), kind=CastMemberFields
            )
            character, acting = _role(" ".join(item.xpath(role)[:1].xpath(".//text()").getall()))
            if entry and acting:
                cast.append(_with_character(entry, character))
        if cast:
            return cast
    for tile in page.sel.xpath(PERSON_TILES):
        entry = person(
            page, " ".join(tile.xpath(PERSON_TILE_NAME).getall()), tile.attrib.get("href"), kind=CastMemberFields
        )
        character, acting = _role(" ".join(tile.xpath(PERSON_TILE_ROLE).getall()))
        if entry and acting:
            cast.append(_with_character(entry, character))
    return cast


def _shaped_cast(page: Page) -> list[CastMemberFields]:
    """The cast tiles read by their shape where neither their classes nor the JSON-LD name them: each linked
    name under the "Cast" heading once (a tile links its photo and its name to the same page), in page order."""
    cast: list[CastMemberFields] = []
    seen: set[str] = set()
    for link in page.sel.xpath(SHAPED_CAST_LINKS):
        href = link.attrib.get("href") or ""
        if href in seen:
            continue
        seen.add(href)
        entry = person(page, link.xpath("string()").get(), href, kind=CastMemberFields)
        character, acting = _role(" ".join(link.xpath(SHAPED_CAST_ROLE)[:1].xpath(".//text()").getall()))
        if entry and acting:
            cast.append(_with_character(entry, character))
    return cast


def _with_character(entry: CastMemberFields, character: str | None) -> CastMemberFields:
    if not character:
        return entry
    alias = or_none(parse_credited_as, character) if character.startswith("(as ") and character.endswith(")") else None
    if alias is not None:
        entry["credited_as"] = alias
    else:
        entry["character"] = character
    return entry


def _json_ld_cast(movie: JsonObject, page: Page) -> list[CastMemberFields]:
    actors = movie.get("actors") if movie.get("actors") is not None else movie.get("actor")
    found = credits(actors, page, kind=CastMemberFields)
    characters = as_list(movie.get("character"))
    if len(characters) == len(found):
        for member, shown in zip(found, characters):
            character = text_of(shown)
            if character:
                member["character"] = character
    return found
