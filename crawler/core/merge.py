"""How records of one film are combined: the one place of the rule, for the crawl and for the output.

Two records of one id (`merge_records`): a title page and its sub-pages, read in one chain by the spider
(spiders/base.py), or two visits of one page, merged when the output is written (crawler.dataset.output).
Rule, applied field by field:
- a field missing or empty in the first record is taken from the second (later non-null values fill nulls);
- lists: the longer list wins (a full-credits cast replaces the title page's "first billed only" excerpt);
- nested objects (rating, certificate, technical...) merge recursively by the same rule;
- two different non-empty scalars: the first record's value stays (the main page is read first) and the
  conflict is counted, so a drifting layout shows up in the stats instead of silently flipping values.

Records of several sites about one film (`fold_sites`, for the merged view, crawler.dataset.view): each field
is taken from the first record, in the caller's site order, that carries it, and the site that gave it is
named; where the sites state a plain fact differently, every site's value is kept so the conflict shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from schemas.record_fields import JsonRecord, RecordFields


# Fields that identify or stamp the record: never merged, never conflicting.
_IDENTITY = frozenset({"type", "id", "source", "url", "scraped_at", "schema_version"})


MergedT = TypeVar("MergedT", bound="RecordFields | JsonRecord")
"""The two records merged and the result: records a parser built (a crawl's sub-page chain) or records read
back as JSON (the output step), not one of each: their values would not compare (Decimal and float)."""


def is_empty(value: object) -> bool:
    """A value a record does not carry: a merge fills it from another record, and coverage does not count it."""
    return value is None or value == "" or value == [] or value == {}


def merge_records(first: MergedT, second: MergedT) -> tuple[MergedT, list[str]]:
    """The merged record and the dotted paths of conflicting scalar fields."""
    merged, conflicts = _merged_objects(first, second)
    # Every field of the result is one of the two records' own, of the type it has there.
    return cast(MergedT, merged), conflicts


def _merged_objects(first: Mapping[str, Any], second: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Two objects (records, or the objects a field holds) merged field by field by the module's rule."""
    merged = dict(first)
    conflicts: list[str] = []
    for key, value in second.items():
        if key in _IDENTITY and key in merged:
            continue
        mine = merged.get(key)
        if is_empty(value):
            continue
        if key == "extraction" and isinstance(mine, dict) and isinstance(value, dict):
            merged[key] = _merged_extraction(mine, value)
            continue
        if is_empty(mine):
            merged[key] = value
        elif isinstance(mine, dict) and isinstance(value, dict):
            merged[key], inner = _merged_objects(mine, value)
            conflicts.extend(f"{key}.{path}" for path in inner)
        elif isinstance(mine, list) and isinstance(value, list):
            if len(value) > len(mine):
                merged[key] = value
        elif mine != value:
            conflicts.append(key)
    return merged, conflicts


def _merged_extraction(first: Mapping[str, Any], second: Mapping[str, Any]) -> dict[str, Any]:
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


@dataclass
class Folded:
    """What `fold_sites` makes of several sites' records of one film."""

    values: JsonRecord = field(default_factory=dict)
    """The film's fields, each the first site's that carries it."""
    provenance: dict[str, str] = field(default_factory=dict)
    """The site each value was taken from."""
    disagreements: dict[str, dict[str, object]] = field(default_factory=dict)
    """Facts the sites state differently: each site's first value, by site."""


def fold_sites(ordered: Sequence[JsonRecord], fields: Iterable[str], facts: Iterable[str]) -> Folded:
    """Fold records of one film, already in site order, field by field: the first record that carries a field
    gives its value; a field of `facts` that two sites state differently is listed in `disagreements`."""
    folded = Folded()
    fact_fields = frozenset(facts)
    for name in fields:
        carried = [(record["source"], record[name]) for record in ordered if not is_empty(record.get(name))]
        if not carried:
            continue
        folded.values[name], folded.provenance[name] = carried[0][1], carried[0][0]
        if name in fact_fields:
            by_site: dict[str, object] = {}
            for site, value in carried:
                by_site.setdefault(site, value)
            # 1948 and 1948.0, or "1948" and 1948, are different statements: compare types too.
            if len({(type(v), v) for v in by_site.values()}) > 1:
                folded.disagreements[name] = by_site
    return folded
