"""A ČSFD film page (`/film/<number>-<slug>/prehled/`).

Everything is read from what the page shows: the header (local title, names per country), the info block
(genres, the origin line "USA • 1999 • 136 min", the users' percentage and counts, the credits by
profession), the plots and the premieres box (age restriction, releases per country). The JSON-LD Movie
only fills in what the page does not show: its `ratingValue` is an unrounded average of the displayed
percentage and its `dateCreated` is the production year, not a release date.

Labels are printed in Czech on csfd.cz and in Slovak on csfd.sk; both spellings are listed below.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector

from crawler.core.normalize import (
    clean_text,
    country_code,
    parse_count,
    parse_rating,
    parse_runtime,
)
from schemas.film import TitleKind
from schemas.record_fields import (
    CastMemberFields,
    FilmFields,
    PersonFields,
    RatingFields,
    ReleaseFields,
    SeriesRefFields,
    WriterFields,
)

from ..errors import PageLayoutError
from ..fields import JsonObject, PersonT, iso_date, labelled, or_none, put_credits, value_fields
from ..page import Page
from ..people_links import people_of_links
from ..schemaorg import aggregate_rating, certificate, credits

SOURCE = "csfd"

HEADER = '//header[contains(@class, "film-header")]'
# The heading's text; a season's heading links its series first ("<a>Simpsonovi</a> - Série 1").
TITLE_TEXT = HEADER + "//h1//text()"
TYPE_TEXT = HEADER + '//span[contains(@class, "type")]'
# An episode's series (and season) are linked in an h2 of the header until 2024, in a div.film-series-content
# above the header since 2025; a season's series is the link of its heading.
SERIES_LINKS = (
    HEADER + '//h2//a[contains(@href, "/film/")]'
    ' | //div[contains(@class, "film-series-content")]/h2//a[contains(@href, "/film/")]'
    " | " + HEADER + '//h1//a[contains(@href, "/film/")]'
)
NAME_ITEMS = HEADER + '//ul[contains(@class, "film-names")]/li'
NAME_FLAG = './img[contains(@class, "flag")]/@title'
NAME_TEXT = "./text()"
INFO = '//div[contains(@class, "film-info-content")]'
GENRE_LINKS = INFO + '/div[contains(@class, "genres")]//a'
# 2020-2021: the genres as plain text, "Dobrodružný / Akční / Fantasy".
GENRE_TEXT = INFO + '/div[contains(@class, "genres")]'
ORIGIN_TEXTS = INFO + '/div[contains(@class, "origin")]//text()'
# "film-rating-average" since 2022; "rating-average" in a "box-rating" in 2020-2021.
RATING_AVERAGE = (
    '//div[contains(@class, "film-rating-average")]'
    ' | //div[contains(@class, "box-rating")]/div[contains(concat(" ", normalize-space(@class), " "), " rating-average ")]'
)
COUNT_LINKS = '//div[contains(@class, "mobile-film-count")]/a'
COUNT_LABEL = "./text()"
COUNT_VALUE = "./strong"
# "Hodnocení (3 050)" heading the ratings list; in 2020-2021 the ratings tab's "Hodnocení(61 185)".
RATINGS_COUNTER = (
    '//div[contains(@class, "ratings-list")]/h2/span[contains(@class, "counter")]'
    ' | //li[contains(@class, "ratings-btn")]//span[contains(@class, "counter")]'
)
# div#creators since 2022; a plain div.creators in the info block in 2020-2021.
CREATOR_GROUPS = '//div[@id="creators"]/div[h4] | ' + INFO + '/div[contains(@class, "creators")][not(@id)]/div[h4]'
CREATOR_LABEL = "./h4"
CREATOR_LINKS = './/a[contains(@href, "/tvurce/")]'
PLOT_PARAGRAPHS = (
    '(//div[contains(@class, "body--plots")]/div[contains(@class, "plot-full")]/p'
    ' | //div[contains(@class, "body--plots")]/div[contains(@class, "plot-preview")]/p)[1]'
)
PLOT_TEXT = "./text() | ./*[not(self::em)]//text()"
PREMIERES = '//section[contains(@class, "box-premieres")]'
AGE_RESTRICTION = PREMIERES + '//div[contains(@class, "age-restriction")]'
RELEASE_ITEMS = PREMIERES + "//ul/li"
RELEASE_FLAG = './/img[contains(@class, "flag")]/@title'
RELEASE_KIND = "./p"
RELEASE_TEXT = './span[not(contains(@class, "item-img"))]'

FILM_ID = re.compile(r"/film/(\d+)-[^/]*/(?:(\d+)-[^/]*/)?")
PERSON_ID = re.compile(r"/tvurce/(\d+)-")
YEAR = re.compile(r"^(\d{4})(?:\s*[–-]\s*(\d{4})?)?$")
# "(S01E08)" after an episode's name; "(E01)" for an episode of a series without seasons.
EPISODE_CODE = re.compile(r"\s*\((?:S(\d{1,3}))?E(\d{1,4})\)")
SEASON_NAME = re.compile(r"^(?:série|séria|season)\s+(\d{1,3})$", re.IGNORECASE)
# "136 min"; a long one "1 h 1 min", a series' whole run "14 h 20 min".
RUNTIME = re.compile(r"^((?:\d+\s*h\s*)?\d+\s*min|\d+\s*h)\b")
RELEASE = re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{4})\s*(.*)$")
TITLE_YEAR = re.compile(r"\((\d{4})\)")
KIND_SUFFIX = re.compile(r"\s+(?:od|from)$", re.IGNORECASE)
# The header's type note, "(seriál)", in Czech and Slovak; a season ("série") and a show ("pořad") have no kind.
SEASON_NOTES = {"série", "séria"}
SERIES_KINDS = {"tv_series", "tv_mini_series"}
TITLE_KINDS: dict[str, TitleKind] = {
    "seriál": "tv_series",
    "minisérie": "tv_mini_series",
    "minisériál": "tv_mini_series",
    "tv film": "tv_movie",
    "epizoda": "tv_episode",
    "epizóda": "tv_episode",
    "video film": "video",
    "videofilm": "video",
}
CINEMA = re.compile(r"^(?:v kin|in cinema|in theat)", re.IGNORECASE)

DIRECTOR_LABELS = {"režie", "réžia", "directed by", "director", "directors"}
WRITER_LABELS = {"scénář", "scenár", "screenplay", "writer", "writers"}
SOURCE_LABELS = {"předloha", "predloha", "source material", "based on"}
CAST_LABELS = {"hrají", "hrajú", "cast", "starring"}
RATING_COUNT_LABELS = ("hodnocení", "hodnotenie", "hodnotenia", "ratings")
REVIEW_COUNT_LABELS = ("recenze", "recenzie", "reviews")


def parse(page: Page) -> FilmFields:
    sel = page.sel
    heading = clean_text(" ".join(sel.xpath(TITLE_TEXT).getall()))
    title = clean_text(EPISODE_CODE.sub("", heading))
    film_id = _film_id(page)
    if not title or not film_id:
        raise PageLayoutError("no_title", "ČSFD film page without a title heading or film number")
    movies = page.of_type("Movie")
    movie = movies[0] if movies else {}
    record: FilmFields = {
        "type": "film",
        "source": SOURCE,
        "id": f"{SOURCE}:{film_id}",
        "url": page.canonical_url or page.url,
        "title": title,
    }
    origin = _origin(sel)
    countries = origin.get("countries") or []
    names = _names(sel)
    original = next(
        (name for name, country in names if countries and country == countries[0] and name != title),
        None,
    )
    if original:
        record["original_title"] = original
    if names:
        record["also_known_as"] = [
            {"title": name, "country": country} if country else {"title": name} for name, country in names
        ]
    year = origin.get("year") or _title_year(sel)
    if year:
        record["year"] = year
    if origin.get("end_year"):
        record["end_year"] = origin["end_year"]
    record.update(_kind(page, heading, film_id))
    if countries:
        record["countries"] = countries
    runtime_raw = origin.get("runtime_raw")
    if runtime_raw:
        record["runtime_raw"] = runtime_raw
        if (minutes := or_none(parse_runtime, runtime_raw)) is not None:
            record["runtime_minutes"] = minutes
    genres = [g for g in (clean_text(a.xpath("string()").get() or "") for a in sel.xpath(GENRE_LINKS)) if g]
    if not genres:
        printed = clean_text(sel.xpath(GENRE_TEXT).xpath("string()").get() or "")
        genres = [g for g in (clean_text(part) for part in printed.split("/")) if g]
    if genres:
        record["genres"] = genres
    record.update(_rating(page, movie))
    record.update(_credits(page, movie))
    plot = _plot(sel)
    if plot:
        record["plot"] = plot
    cert = certificate(clean_text(sel.xpath(AGE_RESTRICTION).xpath("string()").get() or ""))
    if cert:
        record["certificate"] = cert
    releases = _releases(sel)
    if record.get("title_kind") in SERIES_KINDS:
        # a series has no release date: its premieres are a season's or a screening's
        for key in ("release_date", "release_date_raw", "release_country"):
            releases.pop(key, None)  # type: ignore[misc]
    record.update(releases)
    return record


def _film_id(page: Page) -> str | None:
    for url in (page.url, page.canonical_url):
        match = FILM_ID.search(urlsplit(url).path) if url else None
        if match:
            return match.group(2) or match.group(1)
    return None


def _names(sel: Selector) -> list[tuple[str, str | None]]:
    """(name, country as flagged) pairs of the header's names list, in page order, without repeats."""
    found: list[tuple[str, str | None]] = []
    for item in sel.xpath(NAME_ITEMS):
        name = clean_text(" ".join(item.xpath(NAME_TEXT).getall()))
        country = clean_text(item.xpath(NAME_FLAG).get() or "") or None
        if name and (name, country) not in found:
            found.append((name, country))
    return found


def _origin(sel: Selector) -> FilmFields:
    """Countries, year and runtime from the line "USA / Velká Británie • 1999 • 136 min (…)", in 2020-2021
    separated by commas ("USA, 2007, 161 min")."""
    parts = [
        p
        for text in sel.xpath(ORIGIN_TEXTS).getall()
        for p in (clean_text(piece) for piece in re.split(r",(?!\d)", text))
        if p
    ]
    found: FilmFields = {"countries": []}
    for part in parts:
        year = YEAR.match(part)
        runtime = RUNTIME.match(part)
        if year and "year" not in found:
            found["year"] = first = int(year.group(1))
            if year.group(2) and int(year.group(2)) >= first:
                found["end_year"] = int(year.group(2))  # a series' run "2008–2013": a span, not a date
        elif runtime and "runtime_raw" not in found:
            found["runtime_raw"] = runtime.group(1)
        elif "year" not in found and "runtime_raw" not in found and not found["countries"]:
            found["countries"] = [c for c in (clean_text(c) for c in part.split("/")) if c]
    return found


def _kind(page: Page, heading: str, film_id: str) -> FilmFields:
    """`title_kind` from the header's type note; for an episode or a season, its series and its numbers
    ("(S01E05)" after the episode's name, or the season link's "Série 1")."""
    note = clean_text(page.sel.xpath(TYPE_TEXT).xpath("string()").get() or "").strip("()").strip().lower()
    kind = TITLE_KINDS.get(note)
    fields: FilmFields = {"title_kind": kind} if kind else {}
    if kind != "tv_episode" and note not in SEASON_NOTES:
        return fields
    code = EPISODE_CODE.search(heading)
    if code:
        if code.group(1):
            fields["season"] = int(code.group(1))
        fields["episode"] = int(code.group(2))
    for link in page.sel.xpath(SERIES_LINKS):
        linked = FILM_ID.search(link.attrib.get("href", ""))
        name = clean_text(link.xpath("string()").get() or "")
        if not linked or not name or (linked.group(2) or linked.group(1)) == film_id:
            continue
        season = SEASON_NAME.match(name)
        if linked.group(2) and season:
            fields.setdefault("season", int(season.group(1)))
        elif not linked.group(2) and "series" not in fields:
            series: SeriesRefFields = {"title": name, "id": f"{SOURCE}:{linked.group(1)}"}
            fields["series"] = series
    season = SEASON_NAME.match(heading.rsplit(" - ", 1)[-1])
    if note in SEASON_NOTES and season:
        fields.setdefault("season", int(season.group(1)))
    return fields


def _title_year(sel: Selector) -> int | None:
    match = TITLE_YEAR.search(sel.xpath("//title/text()").get() or "")
    return int(match.group(1)) if match else None


def _rating(page: Page, movie: JsonObject) -> FilmFields:
    """The users' percentage as shown, its ratings count, and the review count."""
    sel = page.sel
    counts: dict[str, int] = {}
    for link in sel.xpath(COUNT_LINKS):
        label = clean_text(" ".join(link.xpath(COUNT_LABEL).getall())).lower()
        value = or_none(parse_count, clean_text(link.xpath(COUNT_VALUE).xpath("string()").get() or ""))
        if value is None:
            continue
        if label.startswith(RATING_COUNT_LABELS):
            counts.setdefault("ratings", value)
        elif label.startswith(REVIEW_COUNT_LABELS):
            counts.setdefault("reviews", value)
    if "ratings" not in counts:
        counter = clean_text(sel.xpath(RATINGS_COUNTER).xpath("string()").get() or "")
        if counter and (counted := or_none(parse_count, counter)) is not None:
            counts["ratings"] = counted
    fields: FilmFields = {}
    if "reviews" in counts:
        fields["user_review_count"] = counts["reviews"]
    embedded = aggregate_rating(movie.get("aggregateRating"), default_best=100)
    shown = clean_text(sel.xpath(RATING_AVERAGE).xpath("string()").get() or "")
    rating: RatingFields | None = None
    if shown:
        parsed = or_none(parse_rating, shown, best=100)  # "?%": too few ratings for an average
        rating = value_fields(parsed) if parsed else None
    elif embedded:
        rating = {"value": embedded["value"], "best": embedded["best"], "worst": embedded["worst"]}
    if rating is None:
        return fields
    votes = counts.get("ratings", embedded.get("count") if embedded else None)
    if votes is not None:
        rating["count"] = votes
    fields["rating"] = rating
    fields["ratings"] = [labelled(rating, kind="user", label="ČSFD")]
    return fields


def _credits(page: Page, movie: JsonObject) -> FilmFields:
    directors: list[PersonFields] = []
    writers: list[WriterFields] = []
    cast: list[CastMemberFields] = []
    for group in page.sel.xpath(CREATOR_GROUPS):
        label = clean_text(group.xpath(CREATOR_LABEL).xpath("string()").get() or "").rstrip(":").strip()
        key = label.lower()
        if key in DIRECTOR_LABELS:
            directors.extend(_people(page, group, kind=PersonFields))
        elif key in WRITER_LABELS:
            writers.extend(_people(page, group, kind=WriterFields))
        elif key in SOURCE_LABELS:
            for person in _people(page, group, kind=WriterFields):
                person["note"] = label
                writers.append(person)
        elif key in CAST_LABELS:
            cast.extend(_people(page, group, kind=CastMemberFields))
    fields: FilmFields = {}
    if not directors:
        directors = credits(movie.get("director"), page, kind=PersonFields)
    if not cast:
        cast = credits(movie.get("actor"), page, kind=CastMemberFields)
    put_credits(fields, directors=directors, writers=writers, billed=cast)
    return fields


def _people(page: Page, group: Selector, *, kind: type[PersonT]) -> list[PersonT]:
    return people_of_links(page, group.xpath(CREATOR_LINKS), PERSON_ID, kind=kind)


def _plot(sel: Selector) -> str | None:
    paragraph = sel.xpath(PLOT_PARAGRAPHS)
    if not paragraph:
        return None
    return clean_text("".join(paragraph[0].xpath(PLOT_TEXT).getall())) or None


def _releases(sel: Selector) -> FilmFields:
    """Releases of the premieres box."""
    rows = [
        (
            clean_text(item.xpath(RELEASE_FLAG).get() or "") or None,
            clean_text(item.xpath(RELEASE_KIND).xpath("string()").get() or ""),
            clean_text(item.xpath(RELEASE_TEXT).xpath("string()").get() or ""),
        )
        for item in sel.xpath(RELEASE_ITEMS)
    ]
    return releases_fields(rows)


def releases_fields(rows: list[tuple[str | None, str, str]]) -> FilmFields:
    """Releases from the premieres' (country flag, kind "V kinech od", "14.03.2019 Distributor") rows; the
    release date is the earliest cinema release of the first country."""
    releases: list[ReleaseFields] = []
    cinema: list[tuple[str, ReleaseFields]] = []
    first_country: str | None = None
    for country, printed_kind, shown in rows:
        kind = KIND_SUFFIX.sub("", printed_kind.rstrip(":").strip())
        match = RELEASE.match(shown)
        if not match:
            continue
        raw, distributor = match.group(1), match.group(2)
        entry: ReleaseFields = {"date_raw": raw}
        if country:
            entry["country"] = country
            code = _country_code(country)
            if code:
                entry["country_code"] = code
        date = iso_date(raw)
        if date:
            entry["date"] = date
        note = f"{kind} ({distributor})" if kind and distributor else kind or distributor
        if note:
            entry["note"] = note
        releases.append(entry)
        if first_country is None:
            first_country = country
        if country == first_country and CINEMA.match(kind) and date:
            cinema.append((date, entry))
    fields: FilmFields = {}
    if releases:
        fields["releases"] = releases
    if cinema:
        earliest = min(cinema, key=lambda pair: pair[0])[1]  # ISO dates sort as text
        fields["release_date"] = earliest.get("date")
        fields["release_date_raw"] = earliest.get("date_raw")
        if earliest.get("country_code"):
            fields["release_country"] = earliest["country_code"]
    return fields


def _country_code(name: str) -> str | None:
    return or_none(country_code, name)
