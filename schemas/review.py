"""The `review` record: one user or critic review, linked to the film it reviews."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import (
    Count,
    ExactNumber,
    Extraction,
    FilmKey,
    HttpUrl,
    PartialIsoDate,
    Person,
    Record,
    RecordId,
    Source,
    UtcDatetime,
    Year,
)
from .version import SCHEMA_VERSION, SchemaVersion


class ReviewRating(Record):
    """The reviewer's own score. `value` is null when the score is not numeric ("B+"): `raw` keeps it."""

    value: ExactNumber | None = None
    """Score on the reviewer's scale."""
    best: ExactNumber | None = None
    """Top of the scale (10, 5, 100)."""
    raw: str | None = None
    """The score as printed ("★★★½", "B+", "5 stars (out of 5)")."""


class Helpful(Record):
    yes: Count
    """Readers who found the review helpful."""
    total: Count
    """Readers who voted."""

    @model_validator(mode="after")
    def _yes_within_total(self) -> Helpful:
        if self.yes > self.total:
            raise ValueError(f"helpful votes {self.yes} exceed their total {self.total}")
        return self


class Review(Record):
    type: Literal["review"] = "review"
    """Record type."""
    schema_version: SchemaVersion = SCHEMA_VERSION
    """Version of this schema; see schemas/CHANGELOG.md."""
    id: RecordId
    """"<site>:<review id>" (the site's id, or a stable digest of the review's URL and author)."""
    source: Source
    """Site slug the review was read on."""
    url: HttpUrl
    """URL of the page the review was read on."""
    scraped_at: UtcDatetime
    """When the page was fetched (ISO 8601, UTC)."""
    kind: Literal["user", "critic"]
    """A site user's review or a critic's (a blog or publication)."""
    film_key: FilmKey | None = None
    """`film_key` of the reviewed film: joins the review to that film's records on every site. Null when the
    review names neither an IMDb title nor a film title."""
    film_id: RecordId | None = None
    """`id` of the film record on the same site, when the site has one."""
    film_title: str | None = None
    """Title of the reviewed film."""
    film_year: Year | None = None
    """Year of the reviewed film: tells a remake from the original."""
    film_directors: list[Person] = Field(default_factory=list)
    """Directors of the reviewed film, as the review states them."""
    film_runtime_minutes: Count | None = None
    """Running time of the reviewed film in minutes, as the review states it."""
    title: str | None = None
    """Headline of the review."""
    author: str | None = None
    """Reviewer's name or handle."""
    author_location: str | None = None
    """Where the reviewer says they are ("Ohio")."""
    author_url: HttpUrl | None = None
    """Reviewer's profile page."""
    publication: str | None = None
    """Publication or site a critic's review appeared in ("The Guardian", "Variety"), printed beside the
    critic's name; null for user reviews and for critics the page names without one."""
    date: PartialIsoDate | None = None
    """Publication date, as precise as printed."""
    date_raw: str | None = None
    """The date as printed ("26 May 2005", "2 days ago")."""
    rating: ReviewRating | None = None
    """The reviewer's score, if any."""
    text: str | None = None
    """Body as clean text, paragraphs separated by blank lines."""
    helpful: Helpful | None = None
    """Helpfulness votes ("23 of 29 people found this review helpful")."""
    spoiler: bool | None = None
    """True when the site flags the review as containing spoilers."""
    extraction: Extraction | None = None
    """How the record was read (parser, fields filled by fallback, raw text of values that failed)."""
