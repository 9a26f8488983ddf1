"""Which reader produced a record: stamped by the parser, carried in the record's `extraction.parser`.

A label is "<site>/<page type>/<layout>" ("imdb/title/title_next", "letterboxd/list/poster_grid"), or
"generic" for the generic readers. The crawl report counts records by it, so layout drift shows up as records
moving from a site's label to fallback reading.
"""

from __future__ import annotations

from typing import Any


def read_by(parser: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Label `records` as read by `parser`, keeping a label a more specific reader already set."""
    for record in records:
        extraction = record.setdefault("extraction", {})
        extraction.setdefault("parser", parser)
    return records
