"""What every Rotten Tomatoes movie layout shares: ids, score entries, certificates, dates and runtimes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from urllib.parse import urlsplit

from crawler.core.normalize import (
    clean_text,
    parse_certificate,
    parse_count,
    parse_money,
    parse_rating,
)
from schemas.common import RatingKind
from schemas.record_fields import CertificateFields, FilmFields, MoneyFields, ReleaseFields, ScoredRatingFields

from ..fields import PersonT, iso_date, main_rating, normalised, or_none, runtime_fields, scored_rating, value_fields
from ..ids import film_of_slug_path
from ..page import Page

SOURCE = "rottentomatoes"
BASE_URL = "https://www.rottentomatoes.com"
_MOVIE_PATH = re.compile(r"^/m/([^/?#]+)")
_PERCENT = re.compile(r"^\s*(\d{1,3})\s*%?\s*$")
# "415 Reviews", "Total Count: 71", "User Ratings: 885,688"; a "+" ("1,000+ Ratings") is a band, not a count.
_EXACT_COUNT = re.compile(r"(\d[\d,]*)(?!\s*\+)(?![\d,])")
TOMATOMETER = "Tomatometer"
AUDIENCE_SCORE = "Audience Score"
AVERAGE_RATING = "Tomatometer average rating"
AUDIENCE_AVERAGE = "Audience average rating"


def movie_slug(url: str | None) -> str | None:
    match = _MOVIE_PATH.match(urlsplit(url or "").path)
    return match.group(1) if match else None


def film_identity(page: Page) -> FilmFields:
    """`type`, `source`, `id` ("rottentomatoes:m/<slug>") and `url` of a movie page."""
    return film_of_slug_path(page, source=SOURCE, base_url=BASE_URL, prefix="m", slug_of=movie_slug)


def percent(text: str | None) -> Decimal | None:
    """90 from "90%", " 90 " or "90"; None for "--", "" or anything off the 0..100 scale."""
    match = _PERCENT.match(text or "")
    if not match or int(match.group(1)) > 100:
        return None
    return Decimal(match.group(1))


def exact_count(text: str | None) -> int | None:
    """The number in "Total Count: 71" / "415 Reviews" / "User Ratings: 885,688"; None for banded "1,000+"."""
    if not text or "+" in text:
        return None
    match = _EXACT_COUNT.search(text)
    if not match:
        return None
    return or_none(parse_count, match.group(1))


def score(
    kind: RatingKind, label: str, value: Decimal | None, count: int | None = None, best: int = 100
) -> ScoredRatingFields | None:
    if value is None:
        return None
    entry: ScoredRatingFields = {
        "kind": kind,
        "label": label,
        "value": value,
        "best": Decimal(best),
        "worst": Decimal(0),
    }
    if count is not None:
        entry["count"] = count
    return entry


def average_rating(text: str | None, *, kind: RatingKind, label: str) -> ScoredRatingFields | None:
    """An "Average Rating: 8.4/10" line as a rating entry on its printed scale."""
    if not text:
        return None
    raw = clean_text(text.split(":", 1)[-1])
    if "/" not in raw:
        return None
    rating = or_none(parse_rating, raw)
    if rating is None:
        return None
    return scored_rating(rating, kind=kind, label=label)


def apply_ratings(record: FilmFields, entries: list[ScoredRatingFields | None]) -> None:
    """`ratings` from the entries shown; `rating` is the Tomatometer and `critic_review_count` its count."""
    shown = [entry for entry in entries if entry]
    if not shown:
        return
    record["ratings"] = shown
    meter = next((e for e in shown if e.get("label") == TOMATOMETER), None)
    if meter:
        record["rating"] = main_rating(meter)
        if meter.get("count") is not None:
            record["critic_review_count"] = meter.get("count")


def certificate(text: str | None) -> CertificateFields | None:
    """ "R (for violence and language)" -> code "R" (a US MPAA rating); the reasons are not part of the code."""
    code = clean_text(re.split(r"\s*\(", text or "", maxsplit=1)[0]) if text else ""
    if not code:
        return None
    cert = or_none(parse_certificate, code, country="US")
    return value_fields(cert) if cert else {"code": code}  # as shown, with no normalised form


def runtime(text: str | None) -> FilmFields:
    raw = clean_text(text or "")
    return runtime_fields(raw) if raw else {}


def release(date_text: str | None, note: str | None) -> ReleaseFields | None:
    """A release entry from a printed US date ("Sep 10, 1994") and its qualifier ("Theatrical, wide")."""
    raw = clean_text(date_text or "")
    if not raw:
        return None
    entry: ReleaseFields = {"date_raw": raw}
    if date := iso_date(raw):
        entry["date"] = date
    if note:
        entry["note"] = note
    return entry


def apply_releases(record: FilmFields, releases: list[tuple[ReleaseFields, bool]]) -> None:
    """`releases` in page order; the first theatrical one becomes `release_date`."""
    if not releases:
        return
    record["releases"] = [entry for entry, _ in releases]
    theatrical = next((entry for entry, is_theatrical in releases if is_theatrical), None)
    if theatrical:
        record["release_date_raw"] = theatrical.get("date_raw")
        if theatrical.get("date"):
            record["release_date"] = theatrical.get("date")


def money(text: str | None, unparsed: dict[str, str]) -> MoneyFields | None:
    """The box office amount; None when the text states none, the text kept as `unparsed["box_office"]`."""
    raw = clean_text(text or "")
    if not raw:
        return None
    amount = normalised(unparsed, "box_office", parse_money, raw)
    return value_fields(amount) if amount else None


def person(page: Page, name: str | None, href: str | None, *, kind: type[PersonT]) -> PersonT | None:
    name = clean_text(name or "")
    if not name:
        return None
    entry = kind(name=name)
    url = page.absolute(href)
    if url:
        entry["url"] = url
        match = re.search(r"/celebrity/([^/?#]+)", url)
        if match:
            entry["id"] = match.group(1)
    return entry


def unique_people(people: Sequence[PersonT | None]) -> list[PersonT]:
    out: list[PersonT] = []
    for entry in people:
        if entry and all(entry["name"] != seen["name"] for seen in out):
            out.append(entry)
    return out
