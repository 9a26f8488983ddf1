"""Building blocks shared by every record type.

Numbers that carry meaning (ratings, money) are held as `Decimal` so that what the page printed is what the
record keeps ("8.3" stays 8.3, "2.99" stays 2.99); they are written to JSON as plain numbers (an integer when
the value is whole). Every model refuses keys it does not know, so a typo in a parser fails loudly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .safe_text import safe_value, text_limit

# Decimal places that fit a float's shortest repr exactly: beyond this JSON numbers would carry noise.
_MAX_SIGNIFICANT_DIGITS = 15


# No number a film record holds is near this; a larger exponent would make writing it as JSON hang or fail.
_MAX_MAGNITUDE = 15


def _exact_in_json(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    if value and not -_MAX_MAGNITUDE <= value.adjusted() <= _MAX_MAGNITUDE:
        raise ValueError(f"{value} is beyond ±1e{_MAX_MAGNITUDE}")
    if len(value.normalize().as_tuple().digits) > _MAX_SIGNIFICANT_DIGITS:
        raise ValueError(f"{value} has more than {_MAX_SIGNIFICANT_DIGITS} significant digits")
    return value


def _as_json_number(value: Decimal) -> int | float:
    # A float's repr is the shortest string that round-trips, so 15 significant digits come out exactly
    # as written: Decimal("8.3") -> 8.3, never 8.300000000000001.
    return int(value) if value == value.to_integral_value() else float(value)


ExactNumber = Annotated[
    Decimal,
    AfterValidator(_exact_in_json),
    PlainSerializer(_as_json_number, return_type=int | float, when_used="always"),
    WithJsonSchema({"type": "number"}),
]
"""A decimal number kept exactly as the page states it and written as a JSON number."""

NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
PartialIsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Year = Annotated[int, Field(ge=1870, le=2100)]
Count = Annotated[int, Field(ge=0)]
HttpUrl = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


UtcDatetime = Annotated[
    AwareDatetime,
    AfterValidator(_utc),
    PlainSerializer(lambda v: v.strftime("%Y-%m-%dT%H:%M:%SZ"), return_type=str, when_used="json"),
]
"""A timezone-aware instant, written as ISO 8601 UTC with a Z ("2026-11-21T01:10:00Z")."""


class Record(BaseModel):
    """Base of every model: unknown keys refused, field docstrings exported as descriptions, and every
    string made safe text (no markup or script from the page, always encodable as UTF-8: schemas.safe_text)."""

    # Built on first use (defer_build): a process validates one or two of the record types, and building every
    # model's validator at import cost `filmcrawl extract` of one page more than reading the page.
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True, defer_build=True)

    @field_validator("*", mode="before")
    @classmethod
    def _safe_text(cls, value: Any, info: ValidationInfo) -> Any:
        return safe_value(value, text_limit(info.field_name or ""))


class Rating(Record):
    """A score on the scale the page uses (8.3 of 10, 4.3 of 5, 90 of 100)."""

    value: ExactNumber
    """The score as shown, on its own scale."""
    best: ExactNumber
    """Top of the scale (10 for IMDb, 5 for stars, 100 for percentages)."""
    worst: ExactNumber = Decimal(0)
    """Bottom of the scale (0 unless the page states otherwise; IMDb users rate from 1)."""
    count: Count | None = None
    """How many votes or reviews the score is computed from, exact where the page carries it."""

    @model_validator(mode="after")
    def _value_on_scale(self) -> Rating:
        if not self.worst <= self.value <= self.best:
            raise ValueError(f"rating {self.value} is outside its scale {self.worst}..{self.best}")
        return self


RatingKind = Literal["user", "critic", "audience", "metascore", "member", "store"]


class ScoredRating(Rating):
    """One of the ratings a page shows, labelled by who gave it."""

    kind: RatingKind
    """Who rated: site users ("user"), critics' aggregate ("critic", e.g. the Tomatometer), audience score
    ("audience"), Metacritic's weighted critic score ("metascore"), club members ("member") or store
    customers ("store")."""
    label: str | None = None
    """The site's own name for the score ("Tomatometer", "Metascore", "IMDb RATING")."""


class Person(Record):
    """A credited person."""

    name: NonEmptyStr
    """Name as credited on the page."""
    id: str | None = None
    """The site's own identifier of the person ("nm0000101" on IMDb)."""
    url: HttpUrl | None = None
    """Absolute URL of the person's page on the site."""


class Writer(Person):
    note: str | None = None
    """The credit note as printed, without brackets' loss of meaning ("(fairy tale)", "(screenplay)")."""


class CastMember(Person):
    character: str | None = None
    """Character name(s) as credited ("Boris Lermontov"); several roles joined with " / "."""
    credited_as: str | None = None
    """The name the person is credited under when it differs ("Leonide Massine" from "(as Leonide Massine)")."""
    order: Count | None = None
    """Billing position, 1 for the top-billed actor."""


Source = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
"""Site slug: the spider name, the parser package and the `source` field are all this one word."""
RecordId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*:\S+$")]
"""\"<site>:<the site's own identifier>\"."""
FilmKey = Annotated[str, StringConstraints(pattern=r"^(imdb:tt\d+|title:\S+)$")]
"""One film across sites: \"imdb:<tt id>\" when an IMDb id is known, else \"title:<normalised title>-<year>\"."""


class Extraction(Record):
    """How a record was read: which parser, which fields came from the generic fallback readers, and what
    could not be read. Lets a scheduled job see layout drift before any field goes empty."""

    parser: NonEmptyStr
    """The reader that produced the record: "<site>/<page type>/<layout>" for a site parser (e.g.
    "imdb/title/title_next"), or "generic" when only the generic readers knew the page."""
    fallback_fields: list[str] = Field(default_factory=list)
    """Fields the site parser left empty and the generic readers filled, sorted."""
    unparsed: dict[str, str] = Field(default_factory=dict)
    """Raw text of values that could not be normalised or failed a plausibility check, by field; the field
    itself is null."""
    unread_subpages: list[str] = Field(default_factory=list)
    """Sub-pages of this record that were scheduled but not read (page budget reached, fetch failed), by
    page type ("fullcredits", "releaseinfo")."""
