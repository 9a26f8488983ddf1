"""A Flixster movie page of the layouts after the 2008 profile (2009-2015, `/movie/<slug>`).

The title heading prints the title with its year, "The Red Shoes (1948)": in `h1#movieTitle` (its first
span) from 2011, and as the link to the movie in the page's `h1` before. The users' score is a percentage
of members who liked the film, with the number of ratings: `.minibox .rating.percentage` ("86%") beside
`.ratingCount` ("12,345 ratings") from 2011, and the figure under the "Flixster Users" heading (`h4`)
before. The "Critics" figure beside it is the Rotten Tomatoes Tomatometer, Rotten Tomatoes' value and not
read here. The `#details` box lists facts as labels ("Rated:", "Running Time:", "Genres:", "Directed by:",
"Starring:", "In Theaters:") each followed by its value.

The pages saved from 2009-2011 print their facts in classed paragraphs of `#details` instead of labels:
`p.ratingAndRunningTime` ("PG-13, 1 hr. 44 min."), `p.director` ("Directed by: " and the director's link),
`p.releaseDate` ("Released: July 24, 2008" in 2009, "Release Date: ..." in 2011; `p.dvdReleaseDate` is the
disc's and not read), the cast's links in `p.topCast` (those after "see more" hidden but listed) and the
synopsis in `p.synopsis` (its "read more" link dropped, the hidden rest kept); the users' figure is then a
`span.percentage` under the "Flixster Users" heading of its `.minibox`. The "Cast" box below (`#cast
ul.actors li`, "David Duchovny as Fox Mulder" under each actor's link) gives the characters of the actors it shows.

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
USERS_MINIBOX = f'{MINIBOX}[h4[normalize-space(text()) = "{USERS_LABEL}"]]'
PERCENTAGE = './/*[contains(@class, "rating") and contains(@class, "percentage")]'
ANY_PERCENTAGE = './/*[contains(concat(" ", normalize-space(@class), " "), " percentage ")]'
RATING_COUNT = './/*[contains(@class, "ratingCount")]'
USERS_FIGURE = f"{USERS_HEADING}/following-sibling::*[1]//span[1] | {USERS_HEADING}/following-sibling::*[1][self::span]"
USERS_COUNT = f"{USERS_HEADING}/following-sibling::*[1]"
DETAILS = '//*[@id="details"]'
LABEL_TAGS = frozenset({"strong", "b", "dt", "th", "label", "span", "h3", "h4"})
# The 2009-2011 paragraphs: (class, label the paragraph's text begins with, or "" for none).
FACT_PARAGRAPH = '//*[@id="details"]//p[contains(concat(" ", normalize-space(@class), " "), " {} ")]'
READ_MORE = '[@id="readMoreLink"]'
CAST_BOX_LINKS = '//*[@id="cast"]//ul[contains(concat(" ", normalize-space(@class), " "), " actors ")]/li//a[@href]'

MOVIE_SLUG = re.compile(r"^/movie/([^/]+)")
ACTOR_SLUG = re.compile(r"/actor/([^/?#;]+)")
TITLE_YEAR = re.compile(r"^(?P<title>.+?)\s*\((?P<year>1[89]\d\d|20\d\d)\)$")
PERCENT = re.compile(r"^(\d{1,3})\s*%$")
LEADING_LABEL = re.compile(r"^(directed by|released|release date)\s*:\s*", re.IGNORECASE)
CREDIT_LINE = re.compile(r"\s*~\s*[^~]{1,60},\s*Rovi$")
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
    _fact_paragraphs(page, record)
    return record


def _paragraph(sel: Selector, name: str) -> Selector | None:
    found = sel.xpath(FACT_PARAGRAPH.format(name))
    return found[0] if found else None


def _fact_paragraphs(page: Page, record: FilmFields) -> None:
    """The 2009-2011 classed paragraphs, for what the labelled facts did not give."""
    sel = page.sel
    line = _paragraph(sel, "ratingAndRunningTime")
    if line is not None:
        for part in (clean_text(part) for part in clean_text(line.xpath("string()").get() or "").split(",")):
            if re.search(r"\d\s*(hr|min)", part):
                if "runtime_minutes" not in record:
                    record.update(runtime_fields(part))
            elif part and "certificate" not in record:
                cert = certificate(part)
                if cert:
                    record["certificate"] = cert
    director = _paragraph(sel, "director")
    if director is not None and "directors" not in record:
        directors = _people(page, list(director.root.iter("a")), kind=PersonFields)
        if directors:
            record["directors"] = directors
    released = _paragraph(sel, "releaseDate")
    if released is not None and "release_date" not in record:
        text = LEADING_LABEL.sub("", clean_text(released.xpath("string()").get() or ""))
        date = or_none(parse_date, text) if text else None
        if date is not None:
            record["release_date_raw"] = text
            record["release_date"] = date.iso
    cast_line = _paragraph(sel, "topCast")
    if cast_line is not None and "cast" not in record:
        cast = _people(page, list(cast_line.root.iter("a")), kind=CastMemberFields)
        for order, member in enumerate(cast, start=1):
            member["order"] = order
        if cast:
            record["cast"] = cast
    characters = _cast_box_characters(sel)
    for member in record.get("cast", []):
        if not member.get("character") and characters.get(member["name"]):
            member["character"] = characters[member["name"]]
    synopsis = _paragraph(sel, "synopsis")
    if synopsis is not None and "plot" not in record:
        shown = synopsis.xpath(f".//text()[not(ancestor::*{READ_MORE})]").getall()
        plot = CREDIT_LINE.sub("", clean_text("".join(shown)))
        if plot:
            record["plot"] = plot


def _cast_box_characters(sel: Selector) -> dict[str, str]:
    """{actor: character} from the "Cast" box's "Name as Character" captions."""
    found: dict[str, str] = {}
    for link in sel.xpath(CAST_BOX_LINKS):
        caption = clean_text(link.xpath("string()").get() or "")
        name = clean_text(link.attrib.get("title") or "")
        if name and caption.startswith(f"{name} as "):
            character = clean_text(caption[len(name) + 4 :])
            if character:
                found[name] = character
    return found


def _users_score(sel: Selector) -> ScoredRatingFields | None:
    """The share of members who liked the film, on 100, with the number of ratings when printed."""
    users_boxes = sel.xpath(USERS_MINIBOX)
    boxes = sel.xpath(MINIBOX)
    if users_boxes:
        shown = clean_text(users_boxes[0].xpath(ANY_PERCENTAGE).xpath("string()").get() or "")
        votes = clean_text(users_boxes[0].xpath(RATING_COUNT).xpath("string()").get() or "")
    elif boxes:
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
        url = page.absolute(href.split("?")[0])
        if url:
            person["url"] = url
        people.append(person)
    return people
