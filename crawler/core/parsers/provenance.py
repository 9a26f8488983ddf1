"""Which reader produced a record: stamped by the parser, carried in the record's `extraction.parser`.

A label is "<site>/<page type>/<layout>" ("imdb/title/title_next", "letterboxd/list/poster_grid"), or
"generic" for the generic readers. The crawl report counts records by it, so layout drift shows up as records
moving from a site's label to fallback reading.
"""

from __future__ import annotations

from typing import cast

from schemas.record_fields import ExtractionFields, RecordFields

from .fields import RecordT


def read_by(parser: str, records: list[RecordT]) -> list[RecordT]:
    """Label `records` as read by `parser`, keeping a label a more specific reader already set."""
    for record in records:
        extraction_of(record).setdefault("parser", parser)
    return records


def extraction_of(record: RecordFields) -> ExtractionFields:
    """The record's `extraction`, added empty when it has none yet (a parser never sets it to null)."""
    return cast(ExtractionFields, record.setdefault("extraction", {}))
