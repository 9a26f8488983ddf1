"""The common schema: every JSON line is a `film`, `review` or `listing` record of SCHEMA_VERSION.

`validate_record` is the one gate every record passes, in a crawl and in `filmcrawl extract` alike. Each
model builds its validator when it first validates (schemas.common.Record), so a process pays only for the
record types it meets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from .film import Film
from .listing import Listing
from .record_fields import JsonRecord
from .review import Review
from .version import SCHEMA_VERSION

RECORD_TYPES: dict[str, type[BaseModel]] = {"film": Film, "review": Review, "listing": Listing}


def __getattr__(name: str) -> Any:
    """MergedFilm and VIEW_TYPES, the records derived from crawled ones (`filmcrawl merge`, not written by a
    crawl), imported when first asked for: defining the merged model costs a crawl or `filmcrawl extract` a
    share of its start and they never use it."""
    if name == "MergedFilm":
        from .merged import MergedFilm

        return MergedFilm
    if name == "VIEW_TYPES":
        from .merged import MergedFilm

        return {"merged_film": MergedFilm}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class UnknownRecordType(ValueError):
    """The data has no `type`, or one that is not a record type."""


def model_for(data: Mapping[str, object]) -> type[BaseModel]:
    kind = data.get("type")
    model = RECORD_TYPES.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise UnknownRecordType(f"unknown record type {kind!r}; expected one of {sorted(RECORD_TYPES)}")
    return model


def validate_record(data: Mapping[str, object]) -> BaseModel:
    """Build the record model for `data` (a record as a parser builds it, or a plain dict); raises pydantic.ValidationError or UnknownRecordType."""
    return model_for(data).model_validate(data)


def to_json_dict(record: BaseModel) -> JsonRecord:
    """The record as plain JSON types, every field present (nulls included) so columns are stable."""
    return record.model_dump(mode="json")


__all__ = [
    "RECORD_TYPES",
    "SCHEMA_VERSION",
    "VIEW_TYPES",
    "Film",
    "JsonRecord",
    "Listing",
    "MergedFilm",
    "Review",
    "UnknownRecordType",
    "model_for",
    "to_json_dict",
    "validate_record",
]
