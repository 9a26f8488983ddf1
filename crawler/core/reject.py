"""`Reject`: a page or record that gave no valid data, with the reason, the stage and the evidence.

A plain record, free of Scrapy: spiders, pipelines, the outcome ledger and the dataset all speak it.
crawler.runtime.rejects holds the Scrapy components that make them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Stage = Literal["fetch", "parse", "validate"]


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
    errors: list[dict[str, Any]] = field(default_factory=list)
    """Validation errors: [{"path": "rating.value", "message": "...", "type": "..."}]."""
    data: Any = None
    """The raw extracted data, for records that failed validation."""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)
