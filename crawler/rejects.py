"""`Reject`: a page or record that gave no valid data, with the reason, the stage and the evidence.

Spiders yield a Reject for a page that could not be read; the validation pipeline turns an invalid record
into one. pipelines.rejects writes every Reject to the rejects file and counts it, so nothing leaves a crawl
without a line there.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Stage = Literal["fetch", "parse", "validate", "dedupe"]


@dataclass(frozen=True)
class Reject:
    url: str
    site: str
    stage: Stage
    reason: str
    """Short slug counted in the stats (filmcrawl/rejects/<reason>)."""
    detail: str = ""
    """One human sentence: what was wrong."""
    page_type: str | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    """Validation errors: [{"path": "rating.value", "message": "...", "type": "..."}]."""
    data: Any = None
    """The raw extracted data, for records that failed validation."""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)
