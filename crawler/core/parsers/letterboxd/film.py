"""A Letterboxd film page (`/film/<slug>/`).

The JSON-LD Movie (wrapped in CDATA comments) gives the members' average rating and its counts; everything
else is read from what the page shows: the header (title, year), the synopsis, the cast / crew / details /
genres / releases tabs and the footer (runtime, IMDb link). JSON-LD `dateCreated` / `dateModified` describe
the database entry, not the film, and are never read as release dates.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from crawler.core.normalize import (
    clean_text,
    country_code,
    parse_credited_as,
)
from schemas.record_fields import (
    CastMemberFields,
    FilmFields,
    PersonFields,
    RatingFields,
    ReleaseFields,
    WriterFields,
)

from ..errors import PageLayoutError
from ..fields import JsonObject, PersonT, iso_date, keep_unparsed, labelled, or_none, runtime_fields
from ..page import Page
from ..schemaorg import aggregate_rating, count, strings, text_of
from ..structured import as_list

SOURCE = "letterboxd"

HEADER = (
    '//section[@id="featured-film-header" or contains(@class,"film-header") or contains(@class,"production-masthead")]'
)
TITLE = HEADER + "//h1"
ORIGINAL_TITLE = HEADER + '//*[contains(@class,"originalname")]'
YEAR_LINK = HEADER + '//a[contains(@href,"/films/year/")]'
TAGLINE = '//h4[contains(@class,"tagline")]'
SYNOPSIS = '//div[contains(@class,"review") and contains(@class,"body-text")]//div[contains(@class,"truncate")]'
CAST_LINKS = '//div[@id="tab-cast"]//div[contains(@class,"cast-list")]//a[contains(@href,"/actor/")]'
TAB_HEADINGS = '//div[@id="{tab}"]//h3'
CREW_ROLE = './/span[contains(concat(" ",normalize-space(@class)," ")," crewrole ")][1]'
HEADING_LINKS = './following-sibling::div[1]//a[contains(@class,"text-slug")]'
GENRE_LINKS = '//div[@id="tab-genres"]//a[contains(@href,"/films/genre/")]'
RELEASE_TABLES = '//div[@id="tab-releases"]//div[contains(@class,"release-table") and contains(@class,"-bydate")]'
RELEASE_TYPE = './preceding-sibling::h3[contains(@class,"release-table-title")][1]'
RELEASE_ROWS = './div[contains(@class,"listitem")]'
RELEASE_DATE = './/*[contains(@class,"date")]'
RELEASE_COUNTRY_ITEMS = ".//li"
# The country's name; a festival screening names the festival in its title ("<span class="name tooltip"
# title="New Zealand International Film Festival">New Zealand</span>").
RELEASE_COUNTRY_NAME = './/span[contains(concat(" ",normalize-space(@class)," ")," name ")]'
RELEASE_NAME_NOTE = f"{RELEASE_COUNTRY_NAME}/@title"
RELEASE_NOTE = './/*[contains(@class,"release-note")]'
FOOTER = '//p[contains(@class,"text-footer")]'
IMDB_LINK = '//a[@data-track-action="IMDb"]/@href'

CARD_RATING = re.compile(r"^\s*(\d(?:\.\d{1,2})?) out of 5\s*$")
RUNTIME = re.compile(r"(\d[\d,]*)\s*mins?\b")
IMDB_ID = re.compile(r"/title/(tt\d+)")
CREDITED_AS = re.compile(r"^(.*?)\s*(\(as [^)]+\))\s*$")
FILM_SLUG = re.compile(r"^/film/([^/]+)/")
WRITER_ROLES = {"writer", "writers", "screenplay", "story", "original writer", "original writers"}
LANGUAGE_ROLES = {"language", "languages", "primary language", "spoken languages", "original language"}


def parse(page: Page) -> FilmFields:
    sel = page.sel
    movies = page.of_type("Movie")
    movie = movies[0] if movies else {}
    title = clean_text(sel.xpath(TITLE).xpath("string()").get() or "") or text_of(movie.get("name"))
    slug = _slug(page, movie)
    if not title or not slug:
        raise PageLayoutError("no_title", "Letterboxd film page without a title heading or film slug")
    url = f"https://letterboxd.com/film/{slug}/"
    record: FilmFields = {
        "type": "film",
        "source": SOURCE,
        "id": f"{SOURCE}:film/{slug}",
        "url": url,
        "title": title,
    }
    original = clean_text(sel.xpath(ORIGINAL_TITLE).xpath("string()").get() or "")
    if original and original != title:
        record["original_title"] = original
    year = _year(page, movie)
    if year:
        record["year"] = year
    record.update(_rating(movie) or _card_rating(page))
    record.update(_runtime(page))
    genres = _genres(page, movie)
    if genres:
        record["genres"] = genres
    releases = _releases(page)
    if releases:
        record["releases"] = releases
        record.update(_first_release(releases))
    directors = _crew(page, {"director", "directors"}) or _json_people(movie.get("director"), page)
    if directors:
        record["directors"] = directors
    writers = _writers(page)
    if writers:
        record["writers"] = writers
    cast = _cast(page)
    if cast:
        record["cast"] = cast
    tagline = clean_text(sel.xpath(TAGLINE).xpath("string()").get() or "")
    if tagline:
        record["tagline"] = tagline
    plot = clean_text(sel.xpath(SYNOPSIS).xpath("string()").get() or "") or text_of(movie.get("description"))
    if plot:
        record["plot"] = plot
    # The Details tab, else the JSON-LD's countryOfOrigin (pages without the tab state it there).
    countries = _details(page, {"country", "countries"}) or strings(movie.get("countryOfOrigin"))
    if countries:
        record["countries"] = countries
    languages = _details(page, LANGUAGE_ROLES)
    if languages:
        record["languages"] = languages
    imdb = IMDB_ID.search(sel.xpath(IMDB_LINK).get() or "")
    if imdb:
        record["external_ids"] = {"imdb": imdb.group(1)}
    return record


def _slug(page: Page, movie: JsonObject) -> str | None:
    for candidate in (page.url, movie.get("url"), page.canonical_url):
        if isinstance(candidate, str):
            found = FILM_SLUG.match(urlsplit(candidate).path or "")
            if found:
                return found.group(1)
    return None


def _year(page: Page, movie: JsonObject) -> int | None:
    for text in page.sel.xpath(YEAR_LINK).xpath("string()").getall():
        text = clean_text(text)
        if len(text) == 4 and text.isdecimal():
            return int(text)
    for event in as_list(movie.get("releasedEvent")):
        start = text_of(event.get("startDate")) if isinstance(event, dict) else None
        if start and len(start) >= 4 and start[:4].isdecimal() and (len(start) == 4 or not start[4].isdigit()):
            return int(start[:4])
    return None


def _rating(movie: JsonObject) -> FilmFields:
    agg = movie.get("aggregateRating")
    fields: FilmFields = {}
    unparsed: dict[str, str] = {}
    rating = aggregate_rating(agg, default_best=5, unparsed=unparsed)
    keep_unparsed(fields, unparsed)
    if rating:
        fields["rating"] = rating
        fields["ratings"] = [labelled(rating, kind="member", label="Letterboxd rating")]
    reviews = count(agg.get("reviewCount")) if isinstance(agg, dict) else None
    if reviews is not None:
        fields["user_review_count"] = reviews
    return fields


def _card_rating(page: Page) -> FilmFields:
    """The average from the Twitter card ("4.19 out of 5"), on pages without JSON-LD (until 2017): no count."""
    label = (page.meta("twitter:label2") or "").lower()
    found = CARD_RATING.match(page.meta("twitter:data2") or "")
    if "rating" not in label or not found or not 0 < float(found.group(1)) <= 5:
        return {}
    rating: RatingFields = {"value": Decimal(found.group(1)), "best": Decimal(5), "worst": Decimal(0)}
    return {"rating": rating, "ratings": [labelled(rating, kind="member", label="Letterboxd rating")]}


def _runtime(page: Page) -> FilmFields:
    footer = clean_text(page.sel.xpath(FOOTER).xpath("string()").get() or "")
    found = RUNTIME.search(footer)
    if not found:
        return {}
    return runtime_fields(found.group(0))


def _capitalized(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))


def _genres(page: Page, movie: JsonObject) -> list[str]:
    embedded = [g for g in (text_of(x) for x in as_list(movie.get("genre"))) if g]
    by_fold = {g.casefold(): g for g in embedded}
    shown: list[str] = []
    for link in page.sel.xpath(GENRE_LINKS):
        text = clean_text(link.xpath("string()").get() or "")
        if not text:
            continue
        # The tab prints genres in lower case and capitalises them with CSS.
        name = by_fold.get(text.casefold()) or _capitalized(text)
        if name not in shown:
            shown.append(name)
    return shown or list(dict.fromkeys(embedded))


def _person(link: Any, page: Page, *, kind: type[PersonT]) -> PersonT | None:
    name = clean_text(link.xpath("string()").get() or "")
    if not name:
        return None
    person = kind(name=name)
    href = link.attrib.get("href")
    url = page.absolute(href)
    if url:
        person["url"] = url
        slug = [part for part in urlsplit(url).path.split("/") if part]
        if len(slug) >= 2:
            person["id"] = slug[-1]
    return person


def _sections(page: Page, tab: str, roles: set[str]) -> list[tuple[str, Any]]:
    found = []
    for heading in page.sel.xpath(TAB_HEADINGS.format(tab=tab)):
        # Since 2024 a crew heading prints its role twice, full and abbreviated ("Director" / "Director",
        # "Cinematography" / "DP"): the first `span.crewrole` is the role.
        role = clean_text(heading.xpath(CREW_ROLE).xpath("string()").get() or heading.xpath("string()").get() or "")
        if role.casefold() in roles:
            found.append((role, heading))
    return found


def _crew(page: Page, roles: set[str]) -> list[PersonFields]:
    people: list[PersonFields] = []
    for _, heading in _sections(page, "tab-crew", roles):
        for link in heading.xpath(HEADING_LINKS):
            person = _person(link, page, kind=PersonFields)
            if person and person not in people:
                people.append(person)
    return people


def _writers(page: Page) -> list[WriterFields]:
    writers: list[WriterFields] = []
    for role, heading in _sections(page, "tab-crew", WRITER_ROLES):
        note = None if role.casefold() in ("writer", "writers") else role.lower()
        for link in heading.xpath(HEADING_LINKS):
            person = _person(link, page, kind=WriterFields)
            if person:
                if note:
                    person["note"] = note
                writers.append(person)
    return writers


def _json_people(value: Any, page: Page) -> list[PersonFields]:
    people: list[PersonFields] = []
    for item in as_list(value):
        name = text_of(item.get("name")) if isinstance(item, dict) else None
        if not name:
            continue
        person: PersonFields = {"name": name}
        url = (
            page.absolute(item.get("sameAs") or item.get("url"))
            if isinstance(item.get("sameAs") or item.get("url"), str)
            else None
        )
        if url:
            person["url"] = url
        people.append(person)
    return people


def _cast(page: Page) -> list[CastMemberFields]:
    cast: list[CastMemberFields] = []
    for link in page.sel.xpath(CAST_LINKS):
        person = _person(link, page, kind=CastMemberFields)
        if not person:
            continue
        # The character is the link's title; a page saved after its tooltips ran keeps it as data-original-title.
        role = clean_text(link.attrib.get("title") or link.attrib.get("data-original-title") or "")
        credited = CREDITED_AS.match(role)
        alias = or_none(parse_credited_as, credited.group(2)) if credited else None
        if credited and alias is not None:
            role = credited.group(1)
            person["credited_as"] = alias
        if role:
            person["character"] = role
        person["order"] = len(cast) + 1
        cast.append(person)
    return cast


def _details(page: Page, roles: set[str]) -> list[str]:
    values: list[str] = []
    for _, heading in _sections(page, "tab-details", roles):
        for link in heading.xpath(HEADING_LINKS):
            text = clean_text(link.xpath("string()").get() or "")
            if text and text not in values:
                values.append(text)
    return values


def _releases(page: Page) -> list[ReleaseFields]:
    releases: list[ReleaseFields] = []
    for table in page.sel.xpath(RELEASE_TABLES):
        kind = clean_text(table.xpath(RELEASE_TYPE).xpath("string()").get() or "") or None
        for row in table.xpath(RELEASE_ROWS):
            date_raw = clean_text(row.xpath(RELEASE_DATE).xpath("string()").get() or "")
            if not date_raw:
                continue
            date = iso_date(date_raw)
            for item in row.xpath(RELEASE_COUNTRY_ITEMS) or [row]:
                country = clean_text(item.xpath(RELEASE_COUNTRY_NAME).xpath("string()").get() or "")
                extra = clean_text(
                    item.xpath(RELEASE_NOTE).xpath("string()").get() or item.xpath(RELEASE_NAME_NOTE).get() or ""
                )
                note = f"{kind} ({extra})" if kind and extra else (kind or extra or None)
                release: ReleaseFields = {"date_raw": date_raw}
                if date:
                    release["date"] = date
                if country:
                    release["country"] = country
                    if code := or_none(country_code, country):
                        release["country_code"] = code
                if note:
                    release["note"] = note
                releases.append(release)
    return releases


def _first_release(releases: list[ReleaseFields]) -> FilmFields:
    """The earliest dated theatrical release, else the earliest dated release of any kind."""
    dated = [r for r in releases if r.get("date")]
    theatrical = [r for r in dated if (r.get("note") or "").casefold().startswith("theatrical")]
    pool = theatrical or dated
    if not pool:
        return {}
    first = min(pool, key=lambda r: r.get("date") or "")
    fields: FilmFields = {"release_date": first.get("date"), "release_date_raw": first.get("date_raw")}
    if first.get("country_code"):
        fields["release_country"] = first["country_code"]
    return fields
