"""`Reject`: a page or record that gave no valid data, with the reason, the stage and the evidence.

A plain record, free of Scrapy: spiders, pipelines, the outcome ledger and the dataset all speak it.
crawler.runtime.rejects holds the Scrapy components that make them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal, TypedDict

from crawler.core.parsers.fields import JsonObject

Stage = Literal["fetch", "parse", "validate"]


class FieldError(TypedDict):
    """One field that failed validation."""

    path: str
    """Dotted path of the field in the record: "rating.value", "entries.3.title"."""
    message: str
    type: str
    """pydantic's error type: "missing", "greater_than_equal"..."""


@dataclass(frozen=True)
class Reject:
    url: str
    site: str
    stage: Stage
    """Where it failed: fetching the page, reading it, or validating a record read from it."""
    reason: str
    """Short slug counted in the stats (filmcrawl/rejects/<reason>)."""
    detail: str = ""
    """One human sentence: what was wrong."""
    page_type: str | None = None
    """The kind of page, named as the fixture folders name it ("title", "fullcredits", "movie"), when the
    URL tells; filled by the rejects pipeline when the spider did not say."""
    record_type: str | None = None
    """For a record that failed validation: its type ("film", "review", "listing")."""
    errors: list[FieldError] = field(default_factory=list)
    """Validation errors: [{"path": "rating.value", "message": "...", "type": "..."}]."""
    data: object = None
    """The raw extracted data, for records that failed validation."""

    def as_json(self) -> JsonObject:
        """The reject as one JSON object (a line of the rejects file)."""
        return asdict(self)
