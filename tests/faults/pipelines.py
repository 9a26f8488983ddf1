"""Pipelines that break one record, added to a fault crawl with -s ITEM_PIPELINES (tests/faults/runtime.py):
what a pipeline bug or an unencodable value does to a record in a real crawl."""

from __future__ import annotations

from typing import Any

RAISES_ON = "letterboxd:film/pipeline-raises"
UNENCODABLE = "letterboxd:film/exporter-fails"


class RaisingPipeline:
    def process_item(self, item: Any) -> Any:
        if isinstance(item, dict) and item.get("id") == RAISES_ON:
            raise RuntimeError("a pipeline bug on this record")
        return item


class UnencodableTitlePipeline:
    """Puts a lone surrogate into a title: valid for Python, not encodable in UTF-8 by the feed exporter."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, dict) and item.get("id") == UNENCODABLE:
            return {**item, "title": item["title"] + " \ud800"}
        return item
