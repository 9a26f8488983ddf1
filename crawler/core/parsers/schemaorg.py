"""schema.org vocabulary (JSON-LD or microdata values) mapped onto record fields.

Shared by the generic parser and by site parsers that start from a page's JSON-LD and then prefer what the
page shows. Every mapper is total: a value it cannot read is left out (and its raw text kept where the
schema has a place for it), never guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from crawler.core.normalize import (
    bounded_count,
    bounded_decimal,
    clean_text,
    parse_certificate,
    parse_date,
    split_genres,
    strip_year_suffix,
)
from schemas.common import RatingKind
from schemas.record_fields import (
    CastMemberFields,
    CertificateFields,
    FilmFields,
    PersonFields,
    RatingFields,
    WriterFields,
)

from .fields import JsonObject, PersonT, keep_unparsed, normalised, or_none, runtime_fields, value_fields
from .page import Page
from .structured import as_list, types_of


def text_of(value: Any, _depth: int = 0) -> str | None:
    """A clean string from a JSON-LD value that may be a string, a number, {"name": ...} or a list of them
    (the first readable one: microdata repeats a property when a page marks it up twice)."""
    if isinstance(value, list):
        # Lists in lists are not text; a hostile page nests them past the interpreter's recursion limit.
        if _depth > 2:
            return None
        return next((t for t in (text_of(v, _depth + 1) for v in value[:20]) if t), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    # JSON-LD strings are often HTML-escaped ("&amp;", "&apos;") and occasionally carry tags. html.unescape
    # knows every HTML5 entity; w3lib's replace_entities drops the ones HTML 4 lacks ("&apos;": "familys").
    from html import unescape

    from w3lib.html import remove_tags, remove_tags_with_content

    cleaned = clean_text(unescape(remove_tags(remove_tags_with_content(value, ("script", "style")))))
    return cleaned or None


# A page's description that is a credits summary, not a plot ("The Red Shoes: Directed by Michael Powell. With
# Anton Walbrook, ..."): where its plot begins cannot be told from the dots of initials, so it is not a plot.
_CREDITS_SUMMARY = re.compile(
    r"^(?:[^:]{1,200}:\s*)?(?:Directed by|Réalisé par|Dirigida por|Regie:)\s.{1,300}?\.\s+(?:With|Avec|Con|Mit)\s",
    re.IGNORECASE,
)


# A description that lists the page's sections ("Matrix (1999) - film: Reviews, Ratings, Trivia, Videos,
# Gallery, Release dates, Discussion and more...") after its title: this many short items at least.
_MIN_SECTIONS_LISTED = 6
_MAX_SECTION_WORDS = 3


def plot_text(value: Any) -> str | None:
    """A description as a plot, unless it is the page's credits summary or a list of its sections."""
    text = text_of(value)
    if text and (_CREDITS_SUMMARY.match(text) or _lists_sections(text)):
        return None
    return without_credit(text) if text else text


# The site or distributor a synopsis is credited to, in capitals after its last sentence: "... sus vidas.
# (FILMAFFINITY)".
_CREDIT_AFTER_PLOT = re.compile(r"([.!?…\"”»])\s+\((?=[^()]*[A-Z]{3})[^()a-z]{3,40}\)$")


def without_credit(plot: str) -> str:
    """The synopsis without the credit in capitals after its last sentence ("(FILMAFFINITY)")."""
    return _CREDIT_AFTER_PLOT.sub(r"\1", plot)


def _lists_sections(text: str) -> bool:
    listed = re.split(r"\s*,\s*", text.rsplit(":", 1)[-1].strip())
    return len(listed) >= _MIN_SECTIONS_LISTED and all(len(item.split()) <= _MAX_SECTION_WORDS for item in listed)


def number(value: Any) -> Decimal | None:
    """A Decimal from a JSON number or numeric string ("8.3", 8.3, "8,3"); None otherwise, and for numbers
    beyond what any page states ("1e5000", a 5,000-digit run: crawler.core.normalize.bounded_decimal).

    JSON floats that are computed averages (90.32486026558439) are rounded to two decimals, the most any
    film site displays; numbers written as strings are kept exactly as written.
    """
    result = or_none(bounded_decimal, value) if value is not None else None
    if result is None:
        return None
    if isinstance(value, float) and result.as_tuple().exponent < -2:  # type: ignore[operator]
        result = result.quantize(Decimal("0.01")).normalize()
    return result


def count(value: Any) -> int | None:
    """A non-negative whole number from a JSON integer or a string of digits; None otherwise ("²", a
    5,000-digit run, "-3")."""
    return or_none(bounded_count, value) if value is not None else None


def raw_text(value: Any) -> str:
    """The raw text of a JSON value kept beside a null (extraction.unparsed), cut to a readable length."""
    text = (
        value
        if isinstance(value, str)
        else repr(value)
        if not isinstance(value, int) or value.bit_length() < 200
        else f"<{value.bit_length()}-bit integer>"
    )
    return text[:200]


def aggregate_rating(
    agg: Any, *, default_best: int | None = None, default_worst: int = 0, unparsed: dict[str, str] | None = None
) -> RatingFields | None:
    """`{value, best, worst, count}` from an AggregateRating; None when the scale is not stated.

    A value that is stated but cannot be read (a number beyond any bound, "²" as a count) is left out, and its
    raw text put in `unparsed` (the record's `extraction.unparsed`) under "rating" or "rating.count".
    """
    if not isinstance(agg, dict):
        return None
    value = number(agg.get("ratingValue"))
    best = number(agg.get("bestRating")) or (Decimal(default_best) if default_best else None)
    worst = number(agg.get("worstRating"))
    worst = worst if worst is not None else Decimal(default_worst)
    if value is None or best is None or not worst <= value <= best:
        if unparsed is not None and agg.get("ratingValue") not in (None, ""):
            stated = [agg.get(key) for key in ("ratingValue", "bestRating") if agg.get(key) not in (None, "")]
            unparsed["rating"] = " / ".join(raw_text(v) for v in stated)
        return None
    rating: RatingFields = {"value": value, "best": best, "worst": worst}
    stated = [agg.get(key) for key in ("ratingCount", "reviewCount") if agg.get(key) not in (None, "")]
    votes = next((n for n in map(count, stated) if n is not None), None)
    if votes is not None:
        rating["count"] = votes
    elif stated and unparsed is not None:
        unparsed["rating.count"] = raw_text(stated[0])
    return rating


# What an AggregateRating's name or description says of who rated: critics ("The Tomatometer rating - based on
# the published opinions of hundreds of film and television critics", Rotten Tomatoes), or the public ("based
# on all ratings cast to date by our members", Letterboxd).
_BY_CRITICS = re.compile(r"critic|tomatometer|metascore|kritik|critique", re.IGNORECASE)
_BY_PUBLIC = re.compile(r"\b(?:users?|members?|audiences?|viewers?|visitors?|readers?|fans?)\b", re.IGNORECASE)
# A rating's own name, kept as its label when it is one ("Tomatometer"), not a sentence.
_MAX_LABEL = 40
# Sites whose JSON-LD AggregateRating is their critics' weighted score on 100 (Metacritic's Metascore: 99 for
# a film whose page prints "Metascore 99" beside a users' score of 7.2 on 10 that the JSON-LD does not give).
_METASCORE_HOSTS = ("metacritic.com",)


def rating_kind(agg: Any, url: str) -> tuple[RatingKind, str | None] | None:
    """Who gave a JSON-LD AggregateRating, and its name where it has one: critics where its name or
    description says so, or the page is Metacritic's; the site's users where nothing says otherwise; None where
    it cannot be told (it names both critics and users, or a Metacritic rating off its Metascore's scale):
    a rating labelled by the wrong people is a wrong value, a rating without a label is not."""
    if not isinstance(agg, dict):
        return None
    name = text_of(agg.get("name")) or ""
    said = f"{name} {text_of(agg.get('description')) or ''}"
    label = name if 0 < len(name) <= _MAX_LABEL else None
    by_critics, by_public = bool(_BY_CRITICS.search(said)), bool(_BY_PUBLIC.search(said))
    host = (urlsplit(url).hostname or "").lower()
    if any(host == site or host.endswith("." + site) for site in _METASCORE_HOSTS):
        if by_public or number(agg.get("bestRating")) != 100:
            return None
        return "metascore", label or "Metascore"
    if by_critics and by_public:
        return None
    if by_critics:
        return ("metascore" if "metascore" in said.casefold() else "critic"), label
    return "user", label if by_public else None


# Sites whose users' average is on one scale on every page, where their markup leaves the scale unstated:
# Douban's 豆瓣评分 on 10 (`v:best` missing on some pages), Filmarks' stars on 5 (no bestRating in its JSON-LD).
_SCALE_OF_SITE = {"douban.com": 10, "filmarks.com": 5}


def scale_of_site(url: str) -> int | None:
    """The scale of the users' average of the site at `url`, where the site is known to keep it unstated."""
    host = (urlsplit(url).hostname or "").lower()
    return next((best for site, best in _SCALE_OF_SITE.items() if host == site or host.endswith("." + site)), None)


def credits(value: Any, page: Page | None, *, kind: type[PersonT]) -> list[PersonT]:
    """Person entries of a JSON-LD credit list, built as `kind`; organisations (studios in `creator`) are
    skipped."""
    found: list[PersonT] = []
    for item in as_list(value):
        if isinstance(item, str):
            name = text_of(item)
            if name:
                found.append(kind(name=name))
            continue
        if not isinstance(item, dict) or (types_of(item) and "Person" not in types_of(item)):
            continue
        names = item.get("name")
        if isinstance(names, list) and len(names) > 1:
            # One microdata Person holding several names (IMDb 2010-16: two directors in one itemscope): one
            # person each; their links cannot be told apart, so none is kept.
            found += credits([name for name in names if isinstance(name, str)], page, kind=kind)
            continue
        name = text_of(item.get("name"))
        if not name:
            continue
        person = kind(name=name)
        url = page.absolute(item.get("url")) if page and isinstance(item.get("url"), str) else None
        if url:
            person["url"] = url
        found.append(person)
    return _each_once(found)


def _each_once(people: list[PersonT]) -> list[PersonT]:
    """The credits with a person listed again (same name and address) left out: AlloCiné's JSON-LD names a
    screenwriter once per writing credit, and a bare repeat says nothing more."""
    seen: set[tuple[str, object]] = set()
    kept: list[PersonT] = []
    for person in people:
        key = (str(person.get("name") or "").casefold(), person.get("url"))
        if key not in seen:
            seen.add(key)
            kept.append(person)
    return kept


def strings(value: Any) -> list[str]:
    out: list[str] = []
    for item in as_list(value):
        text = text_of(item)
        if text and text not in out:
            out.append(text)
    return out


def runtime(value: Any) -> FilmFields:
    raw = text_of(value)
    return runtime_fields(raw) if raw else {}


def release(value: Any) -> FilmFields:
    raw = text_of(value)
    if not raw:
        return {}
    date = or_none(parse_date, raw)
    if date is None:
        return {"release_date_raw": raw}
    fields: FilmFields = {"release_date": date.iso, "release_date_raw": raw}
    if date.country:
        fields["release_country"] = date.country
    return fields


def certificate(
    value: Any, *, country: str | None = None, unparsed: dict[str, str] | None = None
) -> CertificateFields | None:
    """The certificate a value states; None when it states none, its text kept in `unparsed` (when given)
    under "certificate" when it is not one."""
    raw = text_of(value)
    if not raw:
        return None
    cert = normalised(unparsed if unparsed is not None else {}, "certificate", parse_certificate, raw, country=country)
    return value_fields(cert) if cert else None


_SITE_SUFFIX = re.compile(r"^(.+?\((?:[^()]*\s)?\d{4}(?:[–-]\d{0,4}|年製作の[^()]{1,4})?\))\s+[-|–—]\s+.*$")


# What a title is, in the words sites of several languages print (a series, a TV film).
_KINDS = (
    r"(?:TV[\s-]+(?:Mini[\s-]*)?Series|TV[\s-]+Movie|(?:Mini)?[Ss]erie\s+(?:de\s+)?TV|[Ss][ée]rie\s+TV"
    r"|(?:Mini)?[Ss]érie\s+(?:de\s+)?TV|TV-(?:Mini)?Serie|Fernsehserie|Pel[íi]cula\s+de\s+TV|T[ée]l[ée]film)"
)
# The kind noted in brackets before a title's year: "Breaking Bad (Serie de TV) (2008)".
_KIND_NOTE = re.compile(rf"\s+\({_KINDS}\)$")
# A kind printed among a title's genres ("Serie de TV. Thriller. Drama"): what the title is, not a genre.
KIND_NAME = re.compile(_KINDS)


def title_and_year(name: Any, date: Any = None) -> tuple[str | None, int | None]:
    """The title without a trailing "(1948)" and the year from it or from an ISO-ish date."""
    title = text_of(name)
    year: int | None = None
    if title:
        # Page titles append the site after the year: "Spirited Away (2001) - IMDb".
        title = _SITE_SUFFIX.sub(r"\1", title)
        title, year = strip_year_suffix(title)
        if year is not None:
            # A kind noted between the title and its year: "Breaking Bad (Serie de TV) (2008)".
            title = _KIND_NOTE.sub("", title) or title
    if year is None:
        raw = text_of(date)
        if raw and len(raw) >= 4 and raw[:4].isdecimal() and (len(raw) == 4 or not raw[4].isdigit()):
            year = int(raw[:4])
    return title or None, year


def _heading_shows(page: Page, title: str) -> bool:
    """True when the page's first <h1> prints `title`, alone or before its year ("Spirited Away (2001)")."""
    heading = clean_text(" ".join(page.sel.xpath("(//h1)[1]//text()").getall()))
    shown, _ = title_and_year(heading) if heading else (None, None)
    return shown is not None and shown.casefold() == title.casefold()


_SERIES_TYPES = frozenset({"TVSeries", "TVSeason", "CreativeWorkSeries"})


def film_fields(movie: JsonObject, page: Page) -> FilmFields:
    """Film record fields read from a schema.org Movie / TVSeries object."""
    fields: FilmFields = {}
    title, year = title_and_year(movie.get("name"), movie.get("datePublished"))
    if year is None and types_of(movie) & _SERIES_TYPES:
        # A series' year is that of its first showing, its startDate (AniDB's TVSeries item: "2018-07-14").
        year = title_and_year(None, movie.get("startDate"))[1]
    if title:
        fields["title"] = title
    if year:
        fields["year"] = year
    alternate = text_of(movie.get("alternateName"))
    if title and alternate and alternate != title and _heading_shows(page, alternate):
        # The page's heading prints the alternate name: the title of the page's language, `name` the original
        # (IMDb's JSON-LD). An alternate name the page does not print may be any other title (a translation,
        # an alias): no original title is guessed from it.
        fields["title"], fields["original_title"] = alternate, title
    unparsed: dict[str, str] = {}
    site_scale = scale_of_site(page.canonical_url or page.url)
    rating = aggregate_rating(movie.get("aggregateRating"), default_best=site_scale, unparsed=unparsed)
    if rating:
        fields["rating"] = rating
    fields.update(runtime(movie.get("duration")))
    fields.update(release(movie.get("datePublished")))
    genres = list(dict.fromkeys(g for text in strings(movie.get("genre")) for g in split_genres(text)))
    if genres:
        fields["genres"] = genres
    cert = certificate(movie.get("contentRating"), unparsed=unparsed)
    if cert:
        fields["certificate"] = cert
    directors = credits(movie.get("director"), page, kind=PersonFields)
    if directors:
        fields["directors"] = directors
    cast = credits(movie.get("actor"), page, kind=CastMemberFields)
    for order, member in enumerate(cast, start=1):
        member["order"] = order
    if cast:
        fields["cast"] = cast
    writers = credits(movie.get("author") or movie.get("creator"), page, kind=WriterFields)
    if writers:
        fields["writers"] = writers
    plot = plot_text(movie.get("description"))
    if plot:
        fields["plot"] = plot
    countries = strings(movie.get("countryOfOrigin"))
    if countries:
        fields["countries"] = countries
    languages = strings(movie.get("inLanguage"))
    if languages:
        fields["languages"] = languages
    keep_unparsed(fields, unparsed)
    return fields
