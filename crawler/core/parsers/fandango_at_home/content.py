"""One api2 `content` record (catalogue data of one title) mapped onto a film record.

api2 writes every field as an array: scalars are one-element string arrays (`"lengthSeconds": ["7980"]`),
nested objects are arrays of objects carrying `_type`. `one()` and `objects()` read those shapes.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from crawler.core.normalize import clean_text, parse_certificate, seconds_to_minutes, whole_number
from schemas.record_fields import (
    CastMemberFields,
    CertificateFields,
    FilmFields,
    OfferFields,
    PersonFields,
    RatingFields,
    ScoredRatingFields,
    WriterFields,
)

from ..fields import JsonObject, PersonT, labelled, or_none, value_fields
from ..structured import as_list, dig
from .urls import STORE_NAME, details_url, record_id

# mpaaRating codes as the store prints them. Codes not listed here are left out rather than guessed
# ("nrFamilyFriendly" has no known printed form).
CERTIFICATE_CODES = {
    "nr": "NR",
    "g": "G",
    "pg": "PG",
    "pg13": "PG-13",
    "r": "R",
    "nc17": "NC-17",
    "x": "X",
    "unrated": "Unrated",
    "tvy": "TV-Y",
    "tvy7": "TV-Y7",
    "tvg": "TV-G",
    "tvpg": "TV-PG",
    "tv14": "TV-14",
    "tvma": "TV-MA",
}
QUALITIES: dict[str, Literal["SD", "HD", "HDX", "UHD"]] = {"sd": "SD", "hd": "HD", "hdx": "HDX", "uhd": "UHD"}
OFFER_KINDS: dict[str, Literal["buy", "rent"]] = {"pto": "buy", "ptr": "rent"}
STAR_SCALE = Decimal(5)
TOMATOMETER_SCALE = Decimal(100)
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Credit roles (`role` may hold several, e.g. ["Director", "Screenwriter"]).
ROLE_ACTOR, ROLE_DIRECTOR, ROLE_WRITER = "Actor", "Director", "Screenwriter"
# A Movies Anywhere edition id: the store's own client labels titles carrying it "MA".
MOVIES_ANYWHERE_KEY = "keyChestMaEditionUmid"
MOVIES_ANYWHERE = "Movies Anywhere"


def one(node: Any, key: str) -> str | None:
    """The clean string of a one-element api2 field; None when absent or blank."""
    value = as_list(node.get(key) if isinstance(node, dict) else None)
    first = value[0] if value else None
    if isinstance(first, (int, float)) and not isinstance(first, bool):
        first = str(first)
    if not isinstance(first, str):
        return None
    return clean_text(first) or None


def objects(node: Any, key: str, inner: str) -> list[JsonObject]:
    """Items of a nested api2 list: `node[key][0][inner]` ("credits" -> "credit")."""
    return [item for item in as_list(dig(node, key, 0, inner)) if isinstance(item, dict)]


def has_details(content: JsonObject) -> bool:
    """True when a listed content carries catalogue data beyond its id, title and type."""
    return any(
        key in content
        for key in (
            "releaseTime",
            "description",
            "lengthSeconds",
            "ratingsSummaries",
            "credits",
            "genres",
            "contentVariants",
        )
    )


def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _count(text: str | None) -> int | None:
    return whole_number(text)


def year_of(content: JsonObject) -> int | None:
    released = one(content, "releaseTime")
    return int(released[:4]) if released and re.match(r"^\d{4}(-|$)", released) else None


def store_rating(content: JsonObject) -> RatingFields | None:
    """Customers' star rating: the average as the data gives it (the page rounds it to one decimal)."""
    summary = next(iter(objects(content, "ratingsSummaries", "ratingsSummary")), None)
    value = _decimal(one(summary, "starRatingsAvg")) if summary else None
    if value is None or not 0 <= value <= STAR_SCALE:
        return None
    rating: RatingFields = {"value": value, "best": STAR_SCALE, "worst": Decimal(0)}
    votes = _count(one(summary, "starRatingsCount"))
    if votes is not None:
        rating["count"] = votes
    return rating


def tomatometer(content: JsonObject) -> ScoredRatingFields | None:
    value = _decimal(one(content, "tomatoMeter"))
    if value is None or not 0 <= value <= TOMATOMETER_SCALE:
        return None
    return {"kind": "critic", "value": value, "best": TOMATOMETER_SCALE, "worst": Decimal(0), "label": "Tomatometer"}


def certificate(content: JsonObject) -> CertificateFields | None:
    code = one(content, "mpaaRating")
    if code is None:
        usa = next(
            (
                r
                for r in as_list(content.get("contentRating"))
                if isinstance(r, dict) and one(r, "ratingSystem") == "usa"
            ),
            None,
        )
        code = one(usa, "ratingValue") if usa else None
    shown = CERTIFICATE_CODES.get(code or "")
    if shown is None:
        return None
    cert = or_none(parse_certificate, shown, country="US")
    return value_fields(cert) if cert else {"code": shown, "country": "US"}


def _person(credit: JsonObject, *, kind: type[PersonT]) -> PersonT | None:
    name = clean_text(" ".join(part for part in (one(credit, "firstName"), one(credit, "lastName")) if part))
    if not name:
        return None
    person = kind(name=name)
    person_id = one(credit, "personId")
    if person_id:
        person["id"] = person_id
    return person


def credits(content: JsonObject) -> FilmFields:
    """Directors, writers and cast in the order the list gives them (actors numbered by billing)."""
    directors: list[PersonFields] = []
    writers: list[WriterFields] = []
    cast: list[CastMemberFields] = []
    for credit in objects(content, "credits", "credit"):
        roles = [r for r in as_list(credit.get("role")) if isinstance(r, str)]
        if ROLE_DIRECTOR in roles and (director := _person(credit, kind=PersonFields)):
            directors.append(director)
        if ROLE_WRITER in roles and (writer := _person(credit, kind=WriterFields)):
            writers.append(writer)
        if ROLE_ACTOR in roles and (member := _person(credit, kind=CastMemberFields)):
            member["order"] = len(cast) + 1
            character = one(credit, "characterName")
            if character:
                member["character"] = character
            cast.append(member)
    found: FilmFields = {}
    if directors:
        found["directors"] = directors
    if writers:
        found["writers"] = writers
    if cast:
        found["cast"] = cast
    return found


def offers(content: JsonObject) -> list[OfferFields]:
    """Rent and buy prices of each edition (SD, HD, HDX, UHD), in the order the data lists them."""
    found: list[OfferFields] = []
    for variant in objects(content, "contentVariants", "contentVariant"):
        quality = QUALITIES.get((one(variant, "videoQuality") or "").lower())
        for offer in objects(variant, "offers", "offer"):
            kind = OFFER_KINDS.get(one(offer, "offerType") or "")
            price = _decimal(one(offer, "price"))
            if kind is None or price is None or price < 0:
                continue
            entry: OfferFields = {"store": STORE_NAME, "price": price, "currency": "USD", "kind": kind}
            if quality:
                entry["quality"] = quality
            found.append(entry)
    return found


def genres(content: JsonObject) -> list[str]:
    names: list[str] = []
    for genre in objects(content, "genres", "genre"):
        name = one(genre, "name")
        if name and name not in names:
            names.append(name)
    return names


def film_record(content: JsonObject) -> FilmFields | None:
    """The film record of one content; None when it has no id or no title."""
    content_id, title = one(content, "contentId"), one(content, "title")
    if not content_id or not title:
        return None
    record: FilmFields = {
        "type": "film",
        "source": "fandango_at_home",
        "id": record_id(content_id),
        "url": details_url(title, content_id),
        "title": title,
    }
    year = year_of(content)
    if year:
        record["year"] = year
    released = one(content, "releaseTime")
    if released and ISO_DAY.match(released):
        # A real day (the store's release date), not an invented one.
        record["release_date"] = released
        record["release_date_raw"] = released
    store, meter = store_rating(content), tomatometer(content)
    ratings = [labelled(store, kind="store")] if store else []
    if store:
        record["rating"] = store
    if meter:
        ratings.append(meter)
    if ratings:
        record["ratings"] = ratings
    seconds = one(content, "lengthSeconds")
    if seconds:
        minutes = or_none(seconds_to_minutes, seconds)
        if minutes is None:
            record["runtime_raw"] = seconds  # the raw figure kept in the record's own field
        else:
            record["runtime_minutes"] = minutes
    found_genres = genres(content)
    if found_genres:
        record["genres"] = found_genres
    cert = certificate(content)
    if cert:
        record["certificate"] = cert
    plot = one(content, "description")
    if plot:
        record["plot"] = plot
    record.update(credits(content))
    language = one(content, "language")
    if language:
        record["languages"] = [language]
    country = one(content, "country")
    if country:
        record["countries"] = [country]
    found_offers = offers(content)
    if found_offers:
        record["offers"] = found_offers
    # Inferred: the store's own client shows a Movies Anywhere badge for titles carrying this key.
    if one(content, MOVIES_ANYWHERE_KEY):
        record["available_on"] = [MOVIES_ANYWHERE]
    return record
