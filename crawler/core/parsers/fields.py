"""How a parser reads page text into a record's fields: each value through its normaliser, a refusal kept.

A normaliser (crawler.core.normalize) returns a value or raises NormalizeError. A parser does not write that
try/except itself; it says what a refusal means by the helper it calls:

    unparsed: dict[str, str] = {}
    budget = normalised(unparsed, "budget", parse_money, raw)  # refused: None, `raw` kept under "budget"
    code = or_none(country_code, name)                         # refused: None, nothing kept
    record.update(runtime_fields(raw))                          # runtime_raw, and runtime_minutes when read
    keep_unparsed(record, unparsed)                             # into extraction.unparsed {field: raw}

* `normalised`: for the text a field is read from. The field stays null and its raw text goes to the record's
  `extraction.unparsed`, which the validate pipeline counts as `filmcrawl/unparsed/<field>`.
* `or_none`: for a probe (is this text a rating at all? which of these links holds the count?) and for a
  value whose raw text the record keeps elsewhere (`date_raw` beside `date`, `code` of a certificate).

Value types with parts (Rating, Money, Certificate, Awards, Helpful) are the schema's own models, built by their
normalisers; `value_fields` gives one as the record holds it. The record itself is a TypedDict of
schemas.record_fields (FilmFields, ReviewFields, ListingFields), so mypy checks its field names and types.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar, cast, overload

from crawler.core.normalize import NormalizeError, parse_date, parse_runtime
from schemas.common import Rating, RatingKind
from schemas.film import Awards, Certificate, Money
from schemas.record_fields import (
    AwardsFields,
    CastMemberFields,
    CertificateFields,
    FilmFields,
    HelpfulFields,
    MoneyFields,
    PersonFields,
    RatingFields,
    RecordFields,
    ScoredRatingFields,
    WriterFields,
)
from schemas.review import Helpful

P = ParamSpec("P")
T = TypeVar("T")
PersonT = TypeVar("PersonT", PersonFields, WriterFields, CastMemberFields)
"""A credit as a parser builds it: a person, a writer (with a note) or a cast member (character, order). A
builder of credits takes the kind it builds (`kind: type[PersonT]`), so one builder serves all three."""


def or_none(normaliser: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
    """`normaliser(*args, **kwargs)`, or None when the normaliser refuses its input (NormalizeError)."""
    try:
        return normaliser(*args, **kwargs)
    except NormalizeError:
        return None


def normalised(
    unparsed: dict[str, str],
    field: str,
    normaliser: Callable[Concatenate[str, P], T],
    raw: str,
    *args: P.args,
    **kwargs: P.kwargs,
) -> T | None:
    """`normaliser(raw, ...)`; when the normaliser refuses the text, None, with `raw` kept as
    `unparsed[field]` (the first refused text of a field is kept)."""
    try:
        return normaliser(raw, *args, **kwargs)
    except NormalizeError:
        unparsed.setdefault(field, raw)
        return None


def keep_unparsed(record: RecordFields | dict[str, Any], unparsed: dict[str, str]) -> None:
    """Add `unparsed` to the record's `extraction.unparsed` (raw text of values left out)."""
    if unparsed:
        extraction = cast(dict[str, Any], record).setdefault("extraction", {})
        extraction["unparsed"] = {**extraction.get("unparsed", {}), **unparsed}


def iso_date(raw: str) -> str | None:
    """The ISO date ("1948", "1948-09", "1948-09-06") `raw` states, or None; the caller keeps `raw` itself in
    the record's `date_raw` / `release_date_raw`."""
    date = or_none(parse_date, raw)
    return date.iso if date else None


def runtime_fields(raw: str) -> FilmFields:
    """`runtime_raw` as printed, and `runtime_minutes` when the text is a running time."""
    minutes = or_none(parse_runtime, raw)
    return {"runtime_raw": raw} if minutes is None else {"runtime_minutes": minutes, "runtime_raw": raw}


@overload
def value_fields(value: Rating) -> RatingFields: ...
@overload
def value_fields(value: Money) -> MoneyFields: ...
@overload
def value_fields(value: Certificate) -> CertificateFields: ...
@overload
def value_fields(value: Awards) -> AwardsFields: ...
@overload
def value_fields(value: Helpful) -> HelpfulFields: ...
def value_fields(value: Rating | Money | Certificate | Awards | Helpful) -> Any:
    """A normalised value as the record holds it: the fields its normaliser stated (a Rating's `count` only
    when read, a Certificate's `country` even when unknown)."""
    # Not model_dump: it writes exact numbers as JSON numbers (floats), and a record keeps the Decimal.
    return {name: getattr(value, name) for name in type(value).model_fields if name in value.model_fields_set}


def scored_rating(rating: Rating, *, kind: RatingKind, label: str, count: int | None = None) -> ScoredRatingFields:
    """A normalised rating as an entry of `ratings`, labelled by who gave it; `count` when the page states it."""
    entry: ScoredRatingFields = {"kind": kind, "label": label, "value": rating.value, "best": rating.best}
    entry["worst"] = rating.worst
    if count is not None:
        entry["count"] = count
    return entry


def labelled(rating: RatingFields, *, kind: RatingKind, label: str | None = None) -> ScoredRatingFields:
    """The record's main `rating` as an entry of `ratings`, labelled by who gave it."""
    entry: ScoredRatingFields = {"value": rating["value"], "best": rating["best"]}
    if "worst" in rating:
        entry["worst"] = rating["worst"]
    if "count" in rating:
        entry["count"] = rating["count"]
    entry["kind"] = kind
    if label is not None:
        entry["label"] = label
    return entry


def main_rating(scored: ScoredRatingFields) -> RatingFields:
    """A labelled rating (an entry of `ratings`) as the record's main `rating`: its value and scale."""
    rating: RatingFields = {"value": scored["value"], "best": scored["best"]}
    if "worst" in scored:
        rating["worst"] = scored["worst"]
    if "count" in scored:
        rating["count"] = scored["count"]
    return rating


def put_credits(
    record: FilmFields,
    *,
    directors: list[PersonFields] | None = None,
    writers: list[WriterFields] | None = None,
    billed: list[CastMemberFields] | None = None,
) -> None:
    """Store the credits a page names, each list only when it names someone; the cast (`billed`) is numbered
    in billing order, `order` from 1, as the page lists it."""
    if directors:
        record["directors"] = directors
    if writers:
        record["writers"] = writers
    for order, member in enumerate(billed or [], start=1):
        member["order"] = order
    if billed:
        record["cast"] = billed


JsonObject = dict[str, Any]
"""A JSON object as a page holds it (a JSON-LD node, a microdata or RDFa item, an embedded state blob): raw
page data of any shape, read through structured.dig / schemaorg.text_of, never a record."""

RecordT = TypeVar("RecordT", bound=RecordFields)
"""A record of any type (film, review, listing), for code that handles each the same way and gives back the
type it was given (labelling, completing, checking)."""


def set_field(record: RecordFields, name: str, value: object) -> None:
    """Set the field `name` (a name held in a variable) to `value`, a value read for that field from another
    record of the same type (the generic readers' film filling a site parser's film)."""
    cast(dict[str, object], record)[name] = value


def drop_field(record: RecordFields, name: str) -> None:
    """Remove the field `name` (a name held in a variable) when the record has it: a value found to belong to
    something else than the record."""
    cast(dict[str, object], record).pop(name, None)


# The link a shortened plot ends with, and the arrow after it: "... actress... See full summary »".
MORE_LINK = r"(?:See full summary|Full summary|See more|Read more)\s*(?:»|›)?\s*"
_ELLIPSIS_THEN_MORE_LINK = re.compile(r"(?:(?<=\.\.\.)|(?<=…))\s*" + MORE_LINK + "$")


def without_more_link(plot: str | None) -> str | None:
    """A plot without the link text a shortened one ends with after its ellipsis ("... the lead actress... See
    full summary »" -> "... the lead actress..."): the text of an element holding the plot and its link."""
    if plot is None:
        return None
    return _ELLIPSIS_THEN_MORE_LINK.sub("", plot).rstrip() or plot
