"""Title pages of IMDb's mobile site (m.imdb.com) before it served the desktop Next.js page (2022).

Two eras share this reader; both carry a `#ratings-bar` beside `mobile-sprite` icons and put the details in
`section` blocks headed by an `h3` ("Release Date", "Country of Origin", "Language"):

    2011-2014 "mobile-web"  the whole title in schema.org microdata (`itemprop` name, genre, duration,
                            contentRating, director, creator, actor with a `.character` beside each actor,
                            aggregateRating in `#ratings-bar`); credits in `section` blocks ("Directors",
                            "Writers", "Cast")
    2015-2021               `#titleOverview` header (`.media-body` h1 "The Red Shoes <small>(1948)</small>",
                            `.infobar` certificate | runtime | genres), a JSON-LD Movie on later pages, the
                            rating printed "8.2/10" over its votes in `#ratings-bar .vertically-middle`,
                            `.plot-description`, `#cast-and-crew` with "Directors:" / "Writers:" lines and
                            cast cards (name, then the character in a second `.ellipse`)

Structured data (JSON-LD, else microdata) is read first for the rating, genres, runtime and certificate; the
markup for the title as displayed, the people (it links their ids and prints the writers' credit notes and
the characters) and the release date with its country. A title not yet rated shows an empty star and no
number: it is read without a rating. The page is told by its markup, never by the m.imdb.com host, so a
page saved without its URL is read too.
"""

from __future__ import annotations

import re

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text
from schemas.record_fields import (
    CastMemberFields,
    FilmFields,
    PersonFields,
    RatingFields,
    RecordFields,
    WriterFields,
)

from ..errors import PageLayoutError
from ..fields import JsonObject, PersonT
from ..page import Page
from ..schemaorg import credits, plot_text, release, strings, text_of
from ..structured import of_type
from . import kinds
from .common import (
    certificate_field,
    character_and_alias,
    drop_empty,
    film_base,
    numbered,
    outline,
    person,
    release_fields,
    runtime_fields,
    set_ratings,
    text,
    user_rating,
    year_in,
)
from .credits import names, writers
from .ids import person_id, title_id

# The markers: the mobile ratings bar drawn with the mobile sprite sheet, or the 2015-2021 header and cast.
RATINGS_BAR = '//*[@id="ratings-bar"]'
MOBILE_SPRITE = '//*[contains(concat(" ", normalize-space(@class), " "), " mobile-sprite ")]'
OVERVIEW_TITLE = '//*[@id="titleOverview"]//div[contains(concat(" ", normalize-space(@class), " "), " media-body ")]/h1'
CAST_AND_CREW = '//*[@id="cast-and-crew"]'

TITLE = f'({OVERVIEW_TITLE} | //section[contains(@class, "title")]/h1 | //h1)[1]'
TITLE_NAME = './*[@itemprop="name"]'
TITLE_OWN_TEXT = "./text()"
# The year beside the title: "<small class="sub-header">(1948)</small>" or "<span class="year">(1946)</span>".
TITLE_YEAR = "(./small | ./span[not(@itemprop)])[last()]"
INFOBAR = '(//*[@id="titleOverview"]//*[contains(@class, "infobar")] | //*[contains(@class, "infobar")])[1]'
INFOBAR_GENRES = './/*[@itemprop="genre"] | .//a[contains(@href, "/genre/") or contains(@href, "genres=")]'
INFOBAR_CERTIFICATE = (
    './/*[@itemprop="contentRating"]/@content | .//*[@itemprop="contentRating"][not(@content)]'
    ' | .//*[contains(@class, "certificate")]'
)
INFOBAR_RUNTIME = ".//time/@datetime"
# The first block of the ratings bar that prints a score "8.2/10" (the others are the Metascore and "Rate This").
SHOWN_RATING = (
    './/*[contains(@class, "vertically-middle") or contains(@class, "rating")][contains(normalize-space(), "/10")]'
)
SHOWN_VOTES = ".//small"
# The Metascore the bar links to the critic reviews with: its own `.metascore` box, else a link saying
# "Metascore" (a link counting "12 critic reviews" holds no Metascore).
METASCORE_BOX = './/a[contains(@href, "criticreviews")]//*[contains(@class, "metascore")]'
METASCORE_LINK = './/a[contains(@href, "criticreviews")][contains(., "Metascore")]'
PLOT = '(//*[contains(@class, "plot-description")] | //p[@itemprop="description"])[1]'
# Headed blocks: a `section` under its h3 ("Directors", "Release Date") and, in `#cast-and-crew`, a credit
# line led by its label ("Writers:").
HEADED_SECTIONS = "//section[h3 or h4]"
SECTION_HEADING = "(./h3 | ./h4)[1]"
SECTION_BODY = "./*[not(self::h3 or self::h4)]"
CREDIT_LINES = '//*[@id="cast-and-crew"]//*[self::p or self::div or self::li][*[1][self::span or self::strong]]'
CREDIT_LINE_LABEL = "./*[1]"
CAST_ROWS = (
    '//*[@id="cast-and-crew"]//li[.//a[contains(@href, "/name/nm")]]'
    ' | //section[h3[starts-with(normalize-space(), "Cast")]]//li[.//a[contains(@href, "/name/nm")]]'
)
CAST_NAME_LINK = './/a[contains(@href, "/name/nm")][normalize-space()]'
CAST_CHARACTER = (
    './/*[contains(@class, "character")] | .//*[contains(@class, "ellipse")][not(.//a[contains(@href, "/name/nm")])]'
)
VALUE_LINKS = ".//a"

STRUCTURED_TYPES = ("Movie", "TVSeries", "TVEpisode", "TVMovie")
DIRECTOR_LABELS = re.compile(r"directors?|directed by", re.IGNORECASE)
WRITER_LABELS = re.compile(r"writers?|written by|writing credits", re.IGNORECASE)
STAR_LABELS = re.compile(r"stars?", re.IGNORECASE)
# Links of a details block that are no value: "See more »", "more".
_NOT_A_VALUE = re.compile(r"(see )?(full list|more)\W*", re.IGNORECASE)
COUNTRY_LABELS = ("country of origin", "countries of origin", "country", "countries")
LANGUAGE_LABELS = ("language", "languages")

_SHOWN = re.compile(r"(\d{1,2}(?:[.,]\d)?)\s*/\s*10\b")
_MINUTES = re.compile(r"\b\d{1,4}\s*min\b")
_SCORE = re.compile(r"\b(\d{1,3})\b")


def matches(page: Page) -> bool:
    sel = page.sel
    if sel.xpath(RATINGS_BAR) and sel.xpath(MOBILE_SPRITE):
        return True
    # A 2015-2021 page whose ratings bar was left out when it was saved: the header and the cast cards.
    return bool(sel.xpath(OVERVIEW_TITLE) and sel.xpath(CAST_AND_CREW))


def parse(page: Page, tt: str) -> list[RecordFields]:
    sel = page.sel
    header = sel.xpath(TITLE)
    shown_title = _title(header)
    movie = _structured_movie(page, tt, shown_title)
    title = shown_title or text_of(movie.get("name"))
    if not title:
        raise PageLayoutError("no_title", "mobile title page without a title")
    record = film_base(tt)
    record["title"] = title
    year_text = text(header.xpath(TITLE_YEAR))
    record["year"] = year_in(year_text)

    bar = sel.xpath(RATINGS_BAR)
    set_ratings(record, _rating(movie, bar), _metascore(bar))
    infobar = sel.xpath(INFOBAR)
    record["genres"] = strings(movie.get("genre")) or [g for g in map(text, infobar.xpath(INFOBAR_GENRES)) if g]
    record.update(runtime_fields(text_of(movie.get("duration")) or _infobar_runtime(infobar)))
    record["certificate"] = certificate_field(text_of(movie.get("contentRating")) or _infobar_certificate(infobar))
    record["plot"] = outline(sel.xpath(PLOT)) or plot_text(movie.get("description"))

    blocks = _headed_blocks(page)
    record["directors"] = _directors(blocks, page) or _structured_people(movie.get("director"), page, PersonFields)
    record["writers"] = _writers(blocks, page)
    record["cast"] = (
        _cast(page)
        or numbered(names(_labelled(blocks, STAR_LABELS), page, kind=CastMemberFields))
        or numbered(_structured_people(movie.get("actor"), page, CastMemberFields))
    )
    record.update(release_fields(_block_text(blocks.get("release date"))) or release(movie.get("datePublished")))
    record["countries"] = _block_values(next((blocks[k] for k in COUNTRY_LABELS if k in blocks), None))
    record["languages"] = _block_values(next((blocks[k] for k in LANGUAGE_LABELS if k in blocks), None))
    _title_kind(record, movie, infobar, year_text)
    return [drop_empty(record)]


def _structured_movie(page: Page, tt: str, shown_title: str | None) -> JsonObject:
    """The page's JSON-LD Movie (2017-2021), else its microdata Movie (2011-2014); {} when it has neither.

    Only the title's own: a recommended film marked up below ("More Like This") names another tt id or
    another title, and its values are not this film's."""
    for movie in [*page.of_type(*STRUCTURED_TYPES), *of_type(page.microdata, *STRUCTURED_TYPES)]:
        named = title_id(text_of(movie.get("url")))
        name = text_of(movie.get("name"))
        if named == tt or (named is None and (not shown_title or name in (None, shown_title))):
            return movie
    return {}


def _title(header: SelectorList[Selector]) -> str | None:
    """The title as the h1 shows it, without the year printed beside it (the name is its own span on some
    pages: "<span>The Red Shoes</span> <span>(1948)</span>")."""
    named = text(header.xpath(TITLE_NAME)) or clean_text(" ".join(header.xpath(TITLE_OWN_TEXT).getall()))
    if named:
        return named
    shown, year = text(header) or "", text(header.xpath(TITLE_YEAR)) or ""
    if year_in(year) is None:
        return shown or None  # the last span is the title itself: no year is printed
    return clean_text(shown.removesuffix(year)) or None


def _rating(movie: JsonObject, bar: SelectorList[Selector]) -> RatingFields | None:
    """The users' rating: the structured one (exact votes), else the bar's "8.2/10" over "30,512"; None for a
    title not yet rated, whose bar shows an empty star and no score."""
    agg = movie.get("aggregateRating")
    if isinstance(agg, dict):
        rating = user_rating(text_of(agg.get("ratingValue")), text_of(agg.get("ratingCount")))
        if rating:
            return rating
    for shown in bar.xpath(SHOWN_RATING):
        score = _SHOWN.search(text(shown) or "")
        if score:
            votes = text(shown.xpath(SHOWN_VOTES)) or ""
            return user_rating(score.group(1), re.sub(r"[()]|votes?", "", votes).strip() or None)
    return None


def _metascore(bar: SelectorList[Selector]) -> str | None:
    """The Metascore of the ratings bar ("100" over "Metascore")."""
    shown = text(bar.xpath(METASCORE_BOX)[:1]) or text(bar.xpath(METASCORE_LINK)[:1]) or ""
    score = _SCORE.search(shown)
    return score.group(1) if score else None


def _infobar_runtime(infobar: SelectorList[Selector]) -> str | None:
    minutes = _MINUTES.search(text(infobar) or "")
    return infobar.xpath(INFOBAR_RUNTIME).get() or (minutes.group(0) if minutes else None)


def _infobar_certificate(infobar: SelectorList[Selector]) -> str | None:
    node = infobar.xpath(INFOBAR_CERTIFICATE)
    if not node:
        return None
    first = node[0]
    return first.get() if isinstance(first.root, str) else text(first)


def _headed_blocks(page: Page) -> dict[str, Selector]:
    """Blocks by their lower-case label without the colon ("directors", "release date"), the first one kept."""
    found: dict[str, Selector] = {}
    for heading_xpath, nodes in ((SECTION_HEADING, HEADED_SECTIONS), (CREDIT_LINE_LABEL, CREDIT_LINES)):
        for block in page.sel.xpath(nodes):
            label = (text(block.xpath(heading_xpath)) or "").rstrip(":").strip().lower()
            if label and label not in found:
                found[label] = block
    return found


def _labelled(blocks: dict[str, Selector], pattern: re.Pattern[str]) -> Selector | None:
    return next((block for label, block in blocks.items() if pattern.fullmatch(label)), None)


def _directors(blocks: dict[str, Selector], page: Page) -> list[PersonFields]:
    return names(_labelled(blocks, DIRECTOR_LABELS), page, kind=PersonFields)


def _writers(blocks: dict[str, Selector], page: Page) -> list[WriterFields]:
    return writers(_labelled(blocks, WRITER_LABELS), page)


def _cast(page: Page) -> list[CastMemberFields]:
    """The cast cards or rows in billing order, each actor with the character beside the name."""
    members: list[CastMemberFields] = []
    for row in page.sel.xpath(CAST_ROWS):
        link = row.xpath(CAST_NAME_LINK)
        member = person(link[0], page, kind=CastMemberFields) if link else None
        if member is None:
            continue
        character, alias = character_and_alias(text(row.xpath(CAST_CHARACTER)))
        if character:
            member["character"] = character
        if alias:
            member["credited_as"] = alias
        members.append(member)
    return numbered(members)


def _structured_people(value: object, page: Page, kind: type[PersonT]) -> list[PersonT]:
    """People of the structured data, each with the IMDb id and canonical URL its link names."""
    people = credits(value, page, kind=kind)
    for entry in people:
        nm = person_id(entry.get("url"))
        if nm:
            entry["id"] = nm
            entry["url"] = f"https://www.imdb.com/name/{nm}/"
    return people


def _block_text(block: Selector | None) -> str | None:
    return text(block.xpath(SECTION_BODY)) if block is not None else None


def _block_values(block: Selector | None) -> list[str]:
    """The values of a details block: its links ("UK"), else its text split at commas."""
    if block is None:
        return []
    linked = [
        value
        for value in map(text, block.xpath(SECTION_BODY).xpath(VALUE_LINKS))
        if value and not _NOT_A_VALUE.fullmatch(value)
    ]
    if linked:
        return linked
    return [part.strip() for part in (_block_text(block) or "").split(",") if part.strip()]


def _title_kind(record: FilmFields, movie: JsonObject, infobar: SelectorList[Selector], year_text: str | None) -> None:
    kind = kinds.from_label(text(infobar)) or kinds.from_schema_type(movie.get("@type"))
    kinds.apply(record, kind=kind, span=kinds.year_span(year_text))
