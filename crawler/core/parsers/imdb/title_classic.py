"""Title pages before 2010 and the `/combined` details view (until 2016): `div.info` rows labelled by an
`h5` ("Director:", "Release Date:", "Runtime:"), the value either directly after the label or inside
`div.info-content`; the cast in `table.cast` (`td.nm`, `td.char`); the user rating printed as "9.2/10"
beside "428,329 votes". No JSON-LD or microdata.

Series and episodes are quoted in the h1 ('"The Big Bang Theory"', '"Lost" Pilot: Part 1'); the kind follows
the year in `span.tv-extra` ("TV series 2007-", "TV mini-series 2016") or as an old marker ("(TV)" for a TV
movie, "(V)" for a video), and an episode's "Original Air Date" row ends "(Season 1, Episode 1)"."""

from __future__ import annotations

import re

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text
from crawler.core.normalize.country import country_code
from schemas.record_fields import (
    AlsoKnownAsFields,
    CastMemberFields,
    FilmFields,
    PersonFields,
    TechnicalSpecsFields,
    WriterFields,
)

from ..errors import PageLayoutError
from ..fields import PersonT, or_none
from ..page import Page
from . import kinds
from .common import (
    awards_field,
    certificate_field,
    character_and_alias,
    credit_note,
    drop_empty,
    film_base,
    film_id,
    lines,
    person,
    rated_code,
    release_fields,
    runtime_fields,
    set_ratings,
    text,
    user_rating,
    year_in,
)
from .ids import title_id

MARKER = '//div[contains(@class, "info")]/h5'
TITLE = '(//div[@id="tn15title"]/h1 | //h1)[1]'
YEAR = "./span"
RATING_BOX = (
    '//div[@id="tn15rating"]//div[contains(@class, "meta")] | //div[@id="tn15rating"]//div[contains(@class, "general")]'
)
RATING_VALUE = './/b[contains(text(), "/10")]/text()'
RATING_VOTES = './/a[contains(text(), "votes")]/text()'
INFO_ROWS = '//div[contains(@class, "info")][h5]'
INFO_VALUE = './div[contains(@class, "info-content")]'
# Comments are left out wherever nodes are read one by one: an element query on a comment node fails.
INFO_NODES = './node()[not(self::h5 or self::script or self::comment()) and not(contains(@class, "tn15more"))]'
CAST_ROWS = '//table[contains(@class, "cast")]//tr[td[contains(@class, "nm")]]'
CAST_NAME = './td[contains(@class, "nm")]//a'
CAST_CHARACTER = './td[contains(@class, "char")]'
NAME_LINKS = './/a[contains(@href, "/name/nm")]'
TITLE_EXTRA = './/span[contains(@class, "title-extra")] | .//span[contains(@class, "tv-extra")]'
SERIES_LINK = '//div[@id="tn15title"]//a[contains(@href, "/title/tt")] | //div[contains(@class, "info")][h5[starts-with(normalize-space(), "TV Series")]]//a[contains(@href, "/title/tt")]'
QUOTED_SERIES = re.compile(r'^"(?P<series>[^"]+)"\s*(?P<episode>.*)$')

_VOTES = re.compile(r"([\d,.\s]+)\s*votes")
# "Finland:K-16 | USA:Not Rated | UK:X": the US certificate runs to the next "|" or "(".
_USA_CERT = re.compile(r"\b(?:USA|United States):\s*([^|()]+?)\s*(?=[|(]|$)")
# Without a US entry, the first one listed: "Japan:Unrated (self-rating: R-20) | UK:R" -> "Japan:Unrated".
_FIRST_CERT = re.compile(r"^\s*([^|():]+:\s*[^|()]+?)\s*(?=[|(]|$)")
# '"Face of Fear" - USA (TV title)': the country, then notes in brackets; 2011-2016 pages list every country
# that uses the title: '"Gandhi" - Canada (French title), France'.
_AKA = re.compile(r'^"(.+)"\s+-\s+(.+)$')
_AKA_PLACE = re.compile(r"\s*([^(),]+?)\s*((?:\([^()]*(?:\([^()]*\)[^()]*)*\)\s*)*)(?:,|$)")
# Before 2011 the line is the title, then its countries and notes in brackets: 'Rita Hayworth and the Shawshank
# Redemption (USA) (working title)', 'Grotesque (Japan: English title) (censored version)'.
_TRAILING_BRACKETS = re.compile(r"(?:\s*\([^()]*(?:\([^()]*\)[^()]*)*\))+$")
_BRACKET = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_MINUTES = re.compile(r"(\d+)\s*min")
_EPISODE_PLACE = re.compile(r"\(\s*Season\s+\d+\s*,\s*Episode\s+\d+\s*\)", re.IGNORECASE)


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER)) and bool(page.sel.xpath(INFO_ROWS))


def _rows(page: Page) -> dict[str, Selector]:
    found: dict[str, Selector] = {}
    for row in page.sel.xpath(INFO_ROWS):
        label = clean_text(row.xpath("string(./h5)").get() or "").rstrip(":").strip()
        label = re.sub(r"\s*\(?WGA\)?", "", label).rstrip(":").strip()
        if label and label not in found:
            found[label] = row
    return found


def _content(row: Selector) -> SelectorList[Selector]:
    inner = row.xpath(INFO_VALUE)
    return inner if inner else row.xpath(INFO_NODES)


def _value(row: Selector | None) -> str | None:
    if row is None:
        return None
    inner = row.xpath(INFO_VALUE)
    nodes = (
        inner.xpath('./node()[not(self::comment()) and not(contains(@class, "tn15more"))]')
        if inner
        else row.xpath(INFO_NODES)
    )
    chunks = [n.root if isinstance(n.root, str) else " ".join(n.xpath(".//text()").getall()) for n in nodes]
    value = clean_text(" ".join(chunks))
    value = re.sub(r"\s*(?:See more|more|full summary|\(more\))\s*»?\s*$", "", value).strip(" |»")
    return value or None


def _linked(row: Selector | None, page: Page, kind: type[PersonT]) -> list[tuple[Selector, PersonT]]:
    if row is None:
        return []
    return [(link, entry) for link in row.xpath(NAME_LINKS) if (entry := person(link, page, kind=kind))]


def _directors(row: Selector | None, page: Page) -> list[PersonFields]:
    return [director for _, director in _linked(row, page, PersonFields)]


def _writers(row: Selector | None, page: Page) -> list[WriterFields]:
    """The writers of a row, each with the credit note printed after the name ("(novel) and")."""
    found: list[WriterFields] = []
    for link, entry in _linked(row, page, WriterFields):
        note = credit_note(link.xpath("following-sibling::node()[1][self::text()]").get())
        if note:
            note = re.sub(r"\s*(?:and|\.\.\.)$", "", note).strip()
        if note and note.startswith("("):
            entry["note"] = note
        found.append(entry)
    return found


def _cast(page: Page) -> list[CastMemberFields]:
    members: list[CastMemberFields] = []
    for row in page.sel.xpath(CAST_ROWS):
        link = row.xpath(CAST_NAME)
        member = person(link[0], page, kind=CastMemberFields) if link else None
        if not member:
            continue
        character, alias = character_and_alias(text(row.xpath(CAST_CHARACTER)))
        if character:
            member["character"] = character
        if alias:
            member["credited_as"] = alias
        member["order"] = len(members) + 1
        members.append(member)
    return members


def _akas(line: str) -> list[AlsoKnownAsFields]:
    """'"Il cavaliere oscuro" - Italy' -> the title and where it is used, one entry a country; a line whose
    countries cannot be told apart stays whole."""
    match = _AKA.match(line)
    if match:
        return [_aka_in(match.group(1), place.group(1), place.group(2)) for place in _places(match.group(2))]
    return _aka_bracketed(line)


def _places(where: str) -> list[re.Match[str]]:
    return [place for place in _AKA_PLACE.finditer(where) if place.group(1)]


def _aka_in(title: str, country: str, notes: str | None) -> AlsoKnownAsFields:
    aka: AlsoKnownAsFields = {"title": title, "country": country}
    if notes and notes.strip():
        aka["note"] = clean_text(notes)
    return aka


def _aka_bracketed(line: str) -> list[AlsoKnownAsFields]:
    """'Title (USA) (working title)': the title ends where the brackets naming a country start, one entry a
    country; brackets that name none are part of the title ('(500) Days of Summer', 'Red Dress (Hang Me In
    Rags)') or notes after the countries."""
    trailing = _TRAILING_BRACKETS.search(line)
    brackets = list(_BRACKET.finditer(trailing.group(0))) if trailing else []
    first = next((i for i, b in enumerate(brackets) if _is_country(b.group(1).split(":")[0])), None)
    title = line[: trailing.start() + brackets[first].start()].strip() if trailing and first is not None else ""
    if first is None or not title:
        return [{"title": line}]
    places = [b.group(1) for b in brackets[first:]]
    countries = places[: next((i for i, p in enumerate(places) if not _is_country(p.split(":")[0])), len(places))]
    notes = " ".join(f"({p})" for p in places[len(countries) :])
    akas: list[AlsoKnownAsFields] = []
    for place in countries:
        country, _, detail = place.partition(":")
        akas.append(
            _aka_in(
                title,
                country.strip(),
                " ".join(n for n in (f"({detail.strip()})" if detail.strip() else "", notes) if n),
            )
        )
    return akas


def _is_country(name: str) -> bool:
    return or_none(country_code, name) is not None


def parse(page: Page, tt: str) -> list[FilmFields]:
    sel = page.sel
    header = sel.xpath(TITLE)
    title = clean_text(" ".join(header.xpath("./text()").getall()))
    if not title:
        raise PageLayoutError("no_title", "pre-2010 title page without an h1 title")
    record = film_base(tt)
    quoted = QUOTED_SERIES.match(title)
    episode_name = clean_text(" ".join(header.xpath("./span/em//text()").getall()))
    if quoted and not quoted.group("episode") and episode_name:
        # The /combined view of 2011-2016 sets an episode's name apart: '"Series" <span><em>Episode</em> (2010)'.
        quoted = QUOTED_SERIES.match(f"{title} {episode_name}")
    record["title"] = (quoted.group("episode") or quoted.group("series")) if quoted else title
    record["year"] = year_in(text(header.xpath(YEAR)))
    box = sel.xpath(RATING_BOX)
    shown = box.xpath(RATING_VALUE).get()
    votes = _VOTES.search(" ".join(box.xpath(RATING_VOTES).getall()))
    rating = user_rating(shown.split("/")[0] if shown else None, votes.group(1) if votes else None)
    set_ratings(record, rating)

    rows = _rows(page)
    row = rows.get
    record["directors"] = _directors(row("Director") or row("Directors"), page)
    record["writers"] = _writers(row("Writer") or row("Writers"), page)
    air_date = _value(row("Original Air Date"))
    # An episode's "12 October 2014 (Season 1, Episode 2)": the date without its place in the series.
    record.update(release_fields(_value(row("Release Date")) or _EPISODE_PLACE.sub("", air_date or "").strip() or None))
    genre_row = row("Genre")
    if genre_row is not None:
        record["genres"] = [
            g
            for g in (
                clean_text(x)
                for x in genre_row.xpath('.//a[contains(@href, "Genres") or contains(@href, "genre")]')
                .xpath("string()")
                .getall()
            )
            if g
        ]
    record["tagline"] = _value(row("Tagline") or row("Taglines"))
    record["plot"] = _value(row("Plot") or row("Plot Outline") or row("Plot Summary"))
    record["awards"] = awards_field(_value(row("Awards")))
    aka_row = row("Also Known As")
    if aka_row is not None:
        record["also_known_as"] = [
            aka for line in lines(_content(aka_row)) if line.lower() not in ("more", "see more") for aka in _akas(line)
        ]
    code = rated_code(_value(row("MPAA")))
    cert_country = "US" if code else None
    if not code:
        certification = _value(row("Certification")) or ""
        match = _USA_CERT.search(certification)
        code = match.group(1) if match else None
        cert_country = "US" if code else None
        if not code and (first := _FIRST_CERT.search(certification)):
            code = first.group(1)  # the country named in the entry is the certificate's
    record["certificate"] = certificate_field(code, country=cert_country)
    runtime = _value(row("Runtime"))
    if runtime:
        minutes = _MINUTES.search(runtime)
        record.update(runtime_fields(f"{minutes.group(1)} min" if minutes else runtime))
        if minutes:
            record["runtime_raw"] = runtime
    if (countries := row("Country")) is not None:
        record["countries"] = _link_texts(countries)
    if (languages := row("Language")) is not None:
        record["languages"] = _link_texts(languages)
    technical: TechnicalSpecsFields = {
        "sound_mix": _bar_items(_value(row("Sound Mix"))),
        "color": _bar_items(_value(row("Color"))),
        "aspect_ratio": _bar_items(_value(row("Aspect Ratio"))),
    }
    if any(technical.values()):
        record["technical"] = technical
    if trivia := _value(row("Trivia")):
        record["trivia"] = [trivia]
    if goof := _value(row("Goofs")):
        record["goofs"] = [goof]
    if connection := _value(row("Movie Connections")):
        record["connections"] = [connection]
    if crazy_credit := _value(row("Crazy Credits")):
        record["crazy_credits"] = [crazy_credit]
    quote_row = row("Quotes")
    if quote_row is not None:
        quote = [ln for ln in lines(quote_row.xpath(INFO_NODES)) if ln.lower() not in ("more", "see more")]
        if quote:
            record["quotes"] = ["\n".join(re.sub(r"\s+:", ":", ln) for ln in quote)]
    song = _value(row("Soundtrack"))
    if song:
        record["soundtrack"] = [{"title": song}]
    locations = row("Filming Locations")
    if locations is not None:
        places = [
            p
            for p in (
                clean_text(x)
                for x in locations.xpath(".//a[not(contains(@class, 'tn15more'))]").xpath("string()").getall()
            )
            if p and p.lower() not in ("more", "see more")
        ]
        if places:
            record["filming_locations"] = places
    record["cast"] = _cast(page)
    _title_kind(page, record, header, quoted, air_date)
    return [drop_empty(record)]


def _link_texts(row: Selector) -> list[str]:
    return [n for n in (clean_text(x) for x in row.xpath(".//a").xpath("string()").getall()) if n]


def _bar_items(value: str | None) -> list[str]:
    """The items of a value separated by bars ("Mono | Dolby")."""
    return [s.strip() for s in (value or "").split("|") if s.strip()]


def _film_id_of(href: str | None) -> str | None:
    tt = title_id(href)
    return film_id(tt) if tt else None


def _title_kind(
    page: Page,
    record: FilmFields,
    header: SelectorList[Selector],
    quoted: re.Match[str] | None,
    air_date: str | None,
) -> None:
    extra = text(header.xpath(TITLE_EXTRA)) or ""
    after_year = clean_text(" ".join(header.xpath("./span/text()").getall()))
    kind = kinds.from_label(extra) or kinds.from_label(after_year)
    numbers = kinds.season_episode(air_date)
    series = None
    if quoted and quoted.group("episode"):
        kind = "tv_episode"
        link = page.sel.xpath(SERIES_LINK)
        # The first title link that is not the episode's own page.
        href = next((a.attrib.get("href") for a in link if _film_id_of(a.attrib.get("href")) != record["id"]), None)
        series = kinds.series_ref(href, quoted.group("series"))
    elif quoted and kind is None:
        kind = "tv_series"  # A quoted title with no episode is a series.
    kinds.apply(record, kind=kind, span=kinds.year_span(extra), series=series, numbers=numbers)
