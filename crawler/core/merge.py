"""Merge two partial records of the same film (a title page and its sub-pages, or two visits).

Rule, applied field by field:
- a field missing or empty in the first record is taken from the second (later non-null values fill nulls);
- lists: the longer list wins (a full-credits cast replaces the title page's "first billed only" excerpt);
- nested objects (rating, certificate, technical...) merge recursively by the same rule;
- two different non-empty scalars: the first record's value stays (the main page is read first) and the
  conflict is counted, so a drifting layout shows up in the stats instead of silently flipping values.
"""

from __future__ import annotations

from typing import Any

# Fields that identify or stamp the record: never merged, never conflicting.
_IDENTITY = frozenset({"type", "id", "source", "url", "scraped_at", "schema_version"})


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def merge_records(first: dict[str, Any], second: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The merged record and the dotted paths of conflicting scalar fields."""
    merged = dict(first)
    conflicts: list[str] = []
    for key, value in second.items():
        if key in _IDENTITY and key in merged:
            continue
        mine = merged.get(key)
        if _empty(value):
            continue
        if key == "extraction" and isinstance(mine, dict) and isinstance(value, dict):
            merged[key] = _merged_extraction(mine, value)
            continue
        if _empty(mine):
            merged[key] = value
        elif isinstance(mine, dict) and isinstance(value, dict):
            merged[key], inner = merge_records(mine, value)
            conflicts.extend(f"{key}.{path}" for path in inner)
        elif isinstance(mine, list) and isinstance(value, list):
            if len(value) > len(mine):
                merged[key] = value
        elif mine != value:
            conflicts.append(key)
    return merged, conflicts


def _merged_extraction(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """How a record read from several pages was read: the first page's reader names it (the title page is read
    first), and what any page read by fallback, failed to read or left unread adds up. Two pages read by two
    readers is not a conflict."""
    merged = dict(first)
    merged.setdefault("parser", second.get("parser"))
    for listed in ("fallback_fields", "unread_subpages"):
        values = sorted({*first.get(listed, []), *second.get(listed, [])})
        if values:
            merged[listed] = values
    unparsed = {**second.get("unparsed", {}), **first.get("unparsed", {})}
    if unparsed:
        merged["unparsed"] = unparsed
    return merged
