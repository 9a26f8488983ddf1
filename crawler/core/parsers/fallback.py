"""Field-by-field fallback: the site's parser first, the generic readers for what it could not read.

    site parser ok        -> its records; empty fields the generic readers can fill are filled and listed in
                             `extraction.fallback_fields` (a site parser's value is never replaced)
    site parser refuses   -> (UnsupportedPage, PageLayoutError: an unknown layout or page type, no entries)
                             the generic readers' records, stamped "generic", every field listed as fallback;
                             the site parser's refusal is raised when they find no film, review or listing

A fallback film must be one: a title, and an id from the page's own URL or canonical link, in the site's id
scheme where the URL shows it ("imdb:tt0040725"). A fallback record only fills a site record of the same type
and identity, so a listing page never turns into a film.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from parsel import Selector

from schemas.record_fields import ExtractionFields, FilmFields, RecordFields

from .errors import PageError, PageLayoutError, PageWithoutData, UnsupportedPage
from .fields import set_field
from .ids import path_id
from .page import Page
from .provenance import extraction_of, read_by


class SiteParser(Protocol):
    """A site's `parse`: the records of one page, or a refusal (UnsupportedPage, PageLayoutError)."""

    def __call__(self, sel: Selector, *, url: str) -> list[RecordFields]: ...


class GenericParser(Protocol):
    """The generic readers of one site (sites.generic_parser): of the record types in `wanted` only, and of a
    film the fields in `fields_of_film` at least (None: every field the page gives)."""

    def __call__(
        self, sel: Selector, *, url: str, wanted: Collection[str] = ..., fields_of_film: Collection[str] | None = ...
    ) -> list[RecordFields]: ...


GENERIC_LABEL = "generic"

# Fields the generic readers may fill in a site parser's record, by record type, each with the fields that
# travel with it (the raw text beside a normalised value). Only fields the generic readers read from what the
# page states about itself: nothing that could belong to another film on the page. Not the release date: a
# page's JSON-LD datePublished is often another release (a premiere, another country, a series' latest
# episode) than the one the page prints, and a wrong date is worse than none. Nor a title's kind or a series'
# last year, which no generic reader gives: a site film missing only those is not read again for them.
FILLABLE: dict[str, dict[str, tuple[str, ...]]] = {
    "film": {
        "title": (),
        "original_title": (),
        "year": (),
        "rating": ("ratings",),
        "runtime_minutes": ("runtime_raw",),
        "genres": (),
        "certificate": (),
        "directors": (),
        "writers": (),
        "cast": (),
        "plot": (),
        "countries": (),
        "languages": (),
        # The page's one release list: on the film's own page, and on its release page only (_FACT_VIEWS).
        "releases": (),
    },
    # Of a review, only what it says of the film: the page's one review and the generic one may differ.
    "review": {"film_title": (), "film_year": (), "film_directors": (), "film_runtime_minutes": ()},
    "listing": {"title": (), "total": ()},
}
# Fields that name a record rather than describe it: never counted as read by fallback.
_BOOKKEEPING = {"type", "source", "url", "id", "schema_version", "scraped_at", "extraction", "film_key", "kind"}

# Where a site's URL shows its own id, a fallback record takes it in that scheme ("imdb:tt0040725"); other
# sites' ids are the URL path, as their parsers and the generic reader make them.
SITE_IDS: dict[str, re.Pattern[str]] = {
    "imdb": re.compile(r"/title/(tt\d+)"),
    "csfd": re.compile(r"/film/(\d+)-[^/]*/(?:(\d+)-[^/]*/)?"),
    "flixster": re.compile(r"^/movie/([^/]+)"),
}
_TRAILING_SUBPAGE = re.compile(r"^(/(?:m|movie|film)/[^/]+)/.*$")


@dataclass(frozen=True)
class Reading:
    records: list[RecordFields]
    page_type: str
    """The page type the records were counted under: from the site parser's label ("title" of
    "imdb/title/title_next"), from its refusal, else the record type the generic readers found."""


def read_page(
    site_parse: SiteParser,
    generic_parse: GenericParser,
    sel: Selector,
    *,
    url: str,
    site: str,
) -> Reading:
    """Records of a page read by `site_parse`, completed or replaced by `generic_parse` field by field."""
    try:
        records = site_parse(sel, url=url)
    except PageWithoutData:
        raise
    except (UnsupportedPage, PageLayoutError) as refusal:
        return _instead_of(refusal, generic_parse, sel, url=url, site=site)
    if not records:
        return Reading(records, "unknown")
    page_type = _page_type_of(records[0])
    # The generic readers are asked only for what can fill a field: the types of the records read on their own
    # page that miss one (never a review on a page of several: the page's one generic review is none of them).
    wanted = {record["type"] for record in records if _missing(record, url)}
    if sum(record["type"] == "review" for record in records) > 1:
        wanted.discard("review")
    if "listing" in wanted and not _listing_to_complete(records, sel, url):
        wanted.discard("listing")
    if not wanted:
        return Reading(records, page_type)
    # Of a film, only the fields it misses are read (the labels of others are the costliest part of the page).
    fields_of_film = {name for record in records if record["type"] == "film" for name in _missing(record, url)}
    generic = _generic_records(generic_parse, sel, url=url, site=site, wanted=wanted, fields_of_film=fields_of_film)
    return Reading([_completed(record, generic, url) for record in records], page_type)


def _listing_to_complete(records: list[RecordFields], sel: Selector, url: str) -> bool:
    """True when a site listing that misses a field carries the URL every generic listing of the page carries
    (its canonical link, else its address): only such a listing is completed (_same_thing), so the generic
    listing reader, which walks every link of the page, is not run for the others."""
    if sel.type not in ("html", "xml"):
        return False  # the generic readers read markup only
    own = Page(sel, url).canonical_url or url
    return any(record["type"] == "listing" and _missing(record, url) and record.get("url") == own for record in records)


def read_generic(generic_parse: GenericParser, sel: Selector, *, url: str) -> Reading:
    """A site without a parser of its own: the generic readers are its parser, nothing is fallback."""
    records = read_by(GENERIC_LABEL, generic_parse(sel, url=url))
    return Reading(records, records[0]["type"] if records else "unknown")


def _instead_of(refusal: PageError, generic_parse: GenericParser, sel: Selector, *, url: str, site: str) -> Reading:
    records = [record for record in _generic_records(generic_parse, sel, url=url, site=site) if _acceptable(record)]
    if not records:
        raise refusal
    for record in records:
        fields = sorted(name for name, value in record.items() if name not in _BOOKKEEPING and not _empty(value))
        extraction = extraction_of(record)
        extraction["parser"] = GENERIC_LABEL
        extraction["fallback_fields"] = fields
    page_type = getattr(refusal, "page_type", None) or records[0]["type"]
    return Reading(records, page_type)


def _generic_records(
    generic_parse: GenericParser,
    sel: Selector,
    *,
    url: str,
    site: str,
    wanted: Collection[str] | None = None,
    fields_of_film: Collection[str] | None = None,
) -> list[RecordFields]:
    try:
        if wanted is None:
            records = generic_parse(sel, url=url)
        else:
            records = generic_parse(sel, url=url, wanted=wanted, fields_of_film=fields_of_film)
    except PageError:
        return []
    return [_in_site_scheme(record, site, url) for record in records]


def _in_site_scheme(record: RecordFields, site: str, url: str) -> RecordFields:
    """The record with the id a site parser would have given it, when the page's URL shows one."""
    if record["type"] != "film":
        return record
    record = _series_in_site_scheme(record, site)
    page_url = record.get("url") or url
    path = urlsplit(page_url).path or "/"
    pattern = SITE_IDS.get(site)
    match = pattern.search(path) if pattern else None
    if match:
        native = "/".join(group for group in match.groups() if group)
        return _with_id(record, f"{site}:{native}")
    # A film's sub-page (/m/<slug>/reviews) names the film's own page.
    trimmed = _TRAILING_SUBPAGE.sub(r"\1", path)
    if trimmed != path:
        return _with_id(record, f"{site}:{path_id(trimmed)}")
    return record


def _series_in_site_scheme(record: FilmFields, site: str) -> FilmFields:
    """The record with its series' id in the site's scheme ("imdb:title/tt0903747" -> "imdb:tt0903747")."""
    series = record.get("series")
    pattern = SITE_IDS.get(site)
    id = series.get("id") if series else None
    if not (series and pattern and id and id.startswith(f"{site}:")):
        return record
    match = pattern.search("/" + id.removeprefix(f"{site}:"))
    if not match:
        return record
    identified = record.copy()
    identified["series"] = {**series, "id": f"{site}:" + "/".join(group for group in match.groups() if group)}
    return identified


def _with_id(record: FilmFields, id: str) -> FilmFields:
    identified = record.copy()
    identified["id"] = id
    return identified


def _acceptable(record: RecordFields) -> bool:
    """A fallback record stands on its own only when it is what it says: a film with a title and an id, a
    listing with entries (or a page's stated number of reviews)."""
    if record["type"] == "film":
        return bool(record.get("title") and record.get("id") and record.get("url"))
    if record["type"] == "listing":
        # A page of reviews lists no titles: its listing stands for the number of reviews it states.
        return bool(record.get("entries")) or (record.get("kind") == "reviews" and record.get("total") is not None)
    return record["type"] == "review"


def _page_type_of(record: RecordFields) -> str:
    label = (record.get("extraction") or {}).get("parser") or ""
    parts = label.split("/")
    return parts[1] if len(parts) >= 2 else record["type"]


# A film's own page under another view of the same address ("/title/tt0040725/combined", "/film/x/details/").
_OWN_VIEWS = {"", "combined", "reference", "maindetails", "prehled", "details"}


# A film's sub-pages given to one fact of the film, by their last path segment, with the fields they state of
# it: the one release list of a film's release page is the film's, whatever else the page prints.
_FACT_VIEWS: dict[str, frozenset[str]] = {
    "releaseinfo": frozenset({"releases"}),
    "releases": frozenset({"releases"}),
    "release_dates": frozenset({"releases"}),
}


def _read_on_its_own_page(record: RecordFields, url: str) -> bool:
    """True when the page is the record's own page: only then do the page's generic facts describe it. A film
    record given by another page (the series of an episode list, a title's sub-page) is left as its parser
    gave it: the page's other facts belong to its episodes, its reviews, its credits."""
    if record["type"] != "film":
        return True
    return _view_of(record, url) in _OWN_VIEWS


def _view_of(record: RecordFields, url: str) -> str | None:
    """The page's path after the record's own ("" on its own page, "releaseinfo" on its release page); None
    when the page is not under the record's own address."""
    own = urlsplit(str(record.get("url") or "")).path.rstrip("/")
    page = urlsplit(url).path.rstrip("/")
    if not own or not page.startswith(own):
        return None
    return page[len(own) :].strip("/")


def _fillable_here(record: RecordFields, url: str) -> Collection[str]:
    """The fields of `record` the generic readers may fill from the page at `url`: all of FILLABLE's on the
    record's own page, those a fact page states of its film on such a sub-page, none elsewhere."""
    fillable = FILLABLE.get(record["type"], {})
    if _read_on_its_own_page(record, url):
        return fillable.keys()
    return _FACT_VIEWS.get(_view_of(record, url) or "", frozenset()) & fillable.keys()


def _missing(record: RecordFields, url: str) -> list[str]:
    return [name for name in _fillable_here(record, url) if _empty(record.get(name))]


def _completed(record: RecordFields, generic: list[RecordFields], url: str) -> RecordFields:
    missing = _missing(record, url)
    if not missing:
        return record
    source = _same_thing(record, generic)
    if source is None:
        return record
    filled = record.copy()
    taken: list[str] = []
    for name in missing:
        if _empty(source.get(name)):
            continue
        if name == "plot" and _opens(record.get("storyline"), source.get(name)):
            continue  # the site parser read that text as the film's storyline: it is no summary of its own
        set_field(filled, name, source.get(name))
        for companion in FILLABLE[record["type"]][name]:
            if _empty(filled.get(companion)) and not _empty(source.get(companion)):
                set_field(filled, companion, source.get(companion))
        taken.append(name)
    if not taken:
        return record
    unparsed = {
        name: raw
        for name, raw in ((source.get("extraction") or {}).get("unparsed") or {}).items()
        if name in missing and name not in taken
    }
    existing = filled.get("extraction")
    extraction: ExtractionFields = existing.copy() if existing else {}
    extraction["fallback_fields"] = sorted({*extraction.get("fallback_fields", []), *taken})
    if unparsed:
        extraction["unparsed"] = {**unparsed, **extraction.get("unparsed", {})}
    filled["extraction"] = extraction
    return filled


def _opens(text: object, start: object) -> bool:
    """True when `text` opens with `start` (both strings), whatever whitespace parts their paragraphs (a
    storyline's blank lines, a plot's single spaces)."""
    if not (isinstance(text, str) and isinstance(start, str)):
        return False
    return " ".join(text.split()).startswith(" ".join(start.split()))


def _same_thing(record: RecordFields, generic: list[RecordFields]) -> RecordFields | None:
    """The generic record describing what `record` describes: the same film (by id, else the page's only
    film), the same page's listing, the same review."""
    candidates = [other for other in generic if other["type"] == record["type"]]
    if record["type"] == "film":
        same_id = [other for other in candidates if other.get("id") == record.get("id")]
        if same_id:
            return same_id[0]
        # A page about one film whose id the generic reader spells another way (a slug, a canonical path).
        if len(candidates) == 1 and _same_page(record, candidates[0]):
            return candidates[0]
        return None
    if record["type"] == "listing":
        return next((other for other in candidates if other.get("url") == record.get("url")), None)
    if record["type"] == "review" and len(candidates) == 1:
        return candidates[0]
    return None


def _same_page(record: RecordFields, other: RecordFields) -> bool:
    def path(value: object) -> str:
        return (urlsplit(value).path if isinstance(value, str) else "").rstrip("/")

    return bool(path(record.get("url"))) and path(record.get("url")) == path(other.get("url"))


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}
