"""What both Metacritic movie layouts share: ids, score entries, certificates, runtimes and dates."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text, parse_certificate, whole_number
from schemas.record_fields import CertificateFields, FilmFields, ScoredRatingFields

from ..fields import PersonT, main_rating, or_none, runtime_fields, value_fields
from ..ids import film_of_slug_path
from ..page import Page
from ..schemaorg import number

SOURCE = "metacritic"
BASE_URL = "https://www.metacritic.com"
METASCORE = "Metascore"
USER_SCORE = "User Score"
_MOVIE_PATH = re.compile(r"^/movie/([^/?#]+)/?$")
# "based on 47 Critics", "Based on 1,856 User Ratings"
_BASED_ON = re.compile(r"based on\s+(\d[\d,]*)\b", re.I)


def movie_slug(url: str | None) -> str | None:
    match = _MOVIE_PATH.match(urlsplit(url or "").path)
    return match.group(1) if match else None


def film_identity(page: Page) -> FilmFields:
    """`type`, `source`, `id` ("metacritic:movie/<slug>") and `url` of a movie page."""
    return film_of_slug_path(page, source=SOURCE, base_url=BASE_URL, prefix="movie", slug_of=movie_slug)


def based_on(text: str | None) -> int | None:
    match = _BASED_ON.search(text or "")
    return int(match.group(1).replace(",", "")) if match else None


def metascore(text: str | None, count: int | None) -> ScoredRatingFields | None:
    """The Metascore entry from its printed value ("75"); None for "tbd" or anything off 0..100."""
    value = clean_text(text or "")
    score = whole_number(value)
    if score is None or score > 100:
        return None
    entry: ScoredRatingFields = {
        "kind": "metascore",
        "label": METASCORE,
        "value": Decimal(score),
        "best": Decimal(100),
        "worst": Decimal(0),
    }
    if count is not None:
        entry["count"] = count
    return entry


def user_score(text: str | None, count: int | None) -> ScoredRatingFields | None:
    """The user score entry from its printed value ("6.8" of 10); None for "tbd"."""
    value = number(clean_text(text or "")) if re.fullmatch(r"\d{1,2}(\.\d)?", clean_text(text or "")) else None
    if value is None or value > 10:
        return None
    entry: ScoredRatingFields = {
        "kind": "user",
        "label": USER_SCORE,
        "value": value,
        "best": Decimal(10),
        "worst": Decimal(0),
    }
    if count is not None:
        entry["count"] = count
    return entry


def apply_ratings(record: FilmFields, entries: list[ScoredRatingFields | None]) -> None:
    shown = [entry for entry in entries if entry]
    if not shown:
        return
    record["ratings"] = shown
    main = next((e for e in shown if e["kind"] == "metascore"), None)
    if main:
        record["rating"] = main_rating(main)
        if main.get("count") is not None:
            record["critic_review_count"] = main["count"]


def certificate(text: str | None) -> CertificateFields | None:
    code = clean_text(text or "")
    if not code:
        return None
    cert = or_none(parse_certificate, code, country="US")
    return value_fields(cert) if cert else {"code": code}  # as shown, with no normalised form


def runtime(text: str | None) -> FilmFields:
    raw = clean_text(text or "")
    return runtime_fields(raw) if raw else {}


def person(page: Page, name: str | None, href: str | None, *, kind: type[PersonT]) -> PersonT | None:
    name = clean_text(name or "")
    if not name:
        return None
    entry = kind(name=name)
    url = page.absolute(href)
    if url:
        entry["url"] = url
        match = re.search(r"/person/([^/?#]+)", url)
        if match:
            entry["id"] = match.group(1)
    return entry
