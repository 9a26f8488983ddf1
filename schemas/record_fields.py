"""The records as parsers build them: one TypedDict per model, with the model's field names and value types.

A parser builds a plain dict, field by field, and the pipeline validates it into the model
(schemas.validate_record). These TypedDicts let mypy check that dict: a misspelt field or a value of the wrong
type fails the type check instead of the crawl. Every key is optional here (a parser sets what the page
shows); the models say what is required. tests/test_record_fields.py proves each TypedDict has exactly its
model's fields and types, so the two cannot drift.

Numbers the models hold as exact decimals (ExactNumber) are `Decimal` here; constrained strings (codes, URLs,
dates) are `str`; the models check the constraints.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, TypedDict

from .common import RatingKind
from .film import TitleKind
from .listing import ListingKind
from .version import SchemaVersion


class RatingFields(TypedDict, total=False):
    value: Decimal
    best: Decimal
    worst: Decimal
    count: int | None


class ScoredRatingFields(RatingFields, total=False):
    kind: RatingKind
    label: str | None


class PersonFields(TypedDict, total=False):
    name: str
    id: str | None
    url: str | None


class WriterFields(PersonFields, total=False):
    note: str | None


class CastMemberFields(PersonFields, total=False):
    character: str | None
    credited_as: str | None
    order: int | None


class ExtractionFields(TypedDict, total=False):
    parser: str
    fallback_fields: list[str]
    unparsed: dict[str, str]
    unread_subpages: list[str]


class CertificateFields(TypedDict, total=False):
    code: str
    normalized: str | None
    country: str | None


class ReleaseFields(TypedDict, total=False):
    country: str | None
    country_code: str | None
    date: str | None
    date_raw: str | None
    note: str | None


class AlsoKnownAsFields(TypedDict, total=False):
    title: str
    country: str | None
    note: str | None


class MoneyFields(TypedDict, total=False):
    amount: Decimal
    currency: str
    estimated: bool
    raw: str | None


class AwardsFields(TypedDict, total=False):
    raw: str
    wins: int | None
    nominations: int | None
    oscar_wins: int | None
    oscar_nominations: int | None


class TechnicalSpecsFields(TypedDict, total=False):
    sound_mix: list[str]
    color: list[str]
    aspect_ratio: list[str]


class RelatedTitleFields(TypedDict, total=False):
    title: str
    year: int | None
    id: str | None
    url: str | None
    rating: RatingFields | None
    genres: list[str]
    certificate: str | None
    directors: list[str]
    stars: list[str]
    plot: str | None


class OfferFields(TypedDict, total=False):
    store: str
    price: Decimal | None
    currency: str | None
    quality: Literal["SD", "HD", "HDX", "UHD"] | None
    kind: Literal["rent", "buy", "subscription", "free"] | None
    price_is_minimum: bool
    raw: str | None


class SoundtrackEntryFields(TypedDict, total=False):
    title: str
    credits: list[str]


class SeriesRefFields(TypedDict, total=False):
    id: str | None
    title: str


class FilmFields(TypedDict, total=False):
    type: Literal["film"]
    schema_version: SchemaVersion
    id: str
    film_key: str | None
    source: str
    url: str
    scraped_at: str
    title: str
    original_title: str | None
    year: int | None
    title_kind: TitleKind | None
    end_year: int | None
    series: SeriesRefFields | None
    season: int | None
    episode: int | None
    rating: RatingFields | None
    ratings: list[ScoredRatingFields]
    runtime_minutes: int | None
    runtime_raw: str | None
    genres: list[str]
    certificate: CertificateFields | None
    release_date: str | None
    release_date_raw: str | None
    release_country: str | None
    releases: list[ReleaseFields]
    directors: list[PersonFields]
    writers: list[WriterFields]
    cast: list[CastMemberFields]
    plot: str | None
    storyline: str | None
    tagline: str | None
    critics_consensus: str | None
    languages: list[str]
    countries: list[str]
    also_known_as: list[AlsoKnownAsFields]
    budget: MoneyFields | None
    box_office: MoneyFields | None
    awards: AwardsFields | None
    user_review_count: int | None
    critic_review_count: int | None
    technical: TechnicalSpecsFields | None
    trivia: list[str]
    goofs: list[str]
    quotes: list[str]
    crazy_credits: list[str]
    connections: list[str]
    soundtrack: list[SoundtrackEntryFields]
    filming_locations: list[str]
    related: list[RelatedTitleFields]
    offers: list[OfferFields]
    available_on: list[str]
    audio_description: bool | None
    external_ids: dict[str, str]
    extraction: ExtractionFields | None


class ReviewRatingFields(TypedDict, total=False):
    value: Decimal | None
    best: Decimal | None
    raw: str | None


class HelpfulFields(TypedDict, total=False):
    yes: int
    total: int


class ReviewFields(TypedDict, total=False):
    type: Literal["review"]
    schema_version: SchemaVersion
    id: str
    source: str
    url: str
    scraped_at: str
    kind: Literal["user", "critic"]
    film_key: str | None
    film_id: str | None
    film_title: str | None
    film_year: int | None
    film_directors: list[PersonFields]
    film_runtime_minutes: int | None
    title: str | None
    author: str | None
    author_location: str | None
    author_url: str | None
    publication: str | None
    date: str | None
    date_raw: str | None
    rating: ReviewRatingFields | None
    text: str | None
    helpful: HelpfulFields | None
    spoiler: bool | None
    extraction: ExtractionFields | None


class ListingEntryFields(TypedDict, total=False):
    title: str
    year: int | None
    url: str | None
    id: str | None
    rank: int | None
    rating: RatingFields | None
    season: int | None
    episode: int | None


class ListingFields(TypedDict, total=False):
    type: Literal["listing"]
    schema_version: SchemaVersion
    url: str
    source: str
    scraped_at: str
    kind: ListingKind
    title: str | None
    entries: list[ListingEntryFields]
    total: int | None
    next_url: str | None
    extraction: ExtractionFields | None


RecordFields = FilmFields | ReviewFields | ListingFields
"""Any record as a parser builds it."""

JsonRecord = dict[str, Any]
"""A record as plain JSON: what `schemas.to_json_dict` gives (the crawl's items after validation) and what a
line of JSON Lines reads back as (crawler.dataset). Its values are JSON's (a rating's value a number, a date a
string), not the TypedDicts' (Decimal), and it holds every field, nulls included: not a RecordFields."""
