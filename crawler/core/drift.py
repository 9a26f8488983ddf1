"""The layout-drift alarm: how much of a crawl the generic readers had to read in place of the site parsers.

A site parser reads the layouts it was written for; when a site changes its markup, its records start coming
from the fallback readers (crawler.core.parsers.fallback) field by field, or whole, long before a field goes empty.
Each page's records are counted in the crawl stats by site and page type:

    filmcrawl/read/records/<site>/<page type>        records read from pages of that type
    filmcrawl/fallback/records/<site>/<page type>    of those, records with at least one field read by fallback
    filmcrawl/fallback/fields/<site>/<page type>     fields read by fallback, summed over the records

and a job whose share of fallback records for any site and page type is over FILMCRAWL_FALLBACK_MAX_RATIO fails
its quality checks (exit 3 of `filmcrawl crawl`), naming the site and page type.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from schemas.record_fields import RecordFields

READ = "filmcrawl/read/records/"
FALLBACK_RECORDS = "filmcrawl/fallback/records/"
FALLBACK_FIELDS = "filmcrawl/fallback/fields/"
SETTING = "FILMCRAWL_FALLBACK_MAX_RATIO"


class Stats(Protocol):
    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None: ...


def count_reading(stats: Stats, site: str, page_type: str, records: Sequence[RecordFields]) -> None:
    """Count one page's records, and those of them read by fallback, under the site and page type."""
    where = f"{site}/{page_type}"
    stats.inc_value(READ + where, len(records))
    fields = [len(_fallback_fields(record)) for record in records]
    if any(fields):
        stats.inc_value(FALLBACK_RECORDS + where, sum(1 for n in fields if n))
        stats.inc_value(FALLBACK_FIELDS + where, sum(fields))


def _fallback_fields(record: RecordFields) -> list[str]:
    extraction = record.get("extraction")
    return (extraction.get("fallback_fields") if extraction else None) or []


def fallback_table(stats: Mapping[str, object]) -> dict[str, dict[str, int]]:
    """{"<site>/<page type>": {"records", "fallback_records", "fallback_fields"}} from a crawl's stats."""
    table: dict[str, dict[str, int]] = {}
    for prefix, name in (
        (READ, "records"),
        (FALLBACK_RECORDS, "fallback_records"),
        (FALLBACK_FIELDS, "fallback_fields"),
    ):
        for key, value in stats.items():
            if key.startswith(prefix) and isinstance(value, int):
                row = table.setdefault(key[len(prefix) :], {"records": 0, "fallback_records": 0, "fallback_fields": 0})
                row[name] += value
    return dict(sorted(table.items()))


def drift_failures(stats: Mapping[str, object], max_ratio: float) -> list[str]:
    """One sentence per site and page type whose share of records read by fallback is over `max_ratio`."""
    failures = []
    for where, row in fallback_table(stats).items():
        if not row["records"]:
            continue
        ratio = row["fallback_records"] / row["records"]
        if ratio > max_ratio:
            site, _, page_type = where.partition("/")
            failures.append(
                f"{site} {page_type} pages: layout drift, {row['fallback_records']} of {row['records']} "
                f"records ({ratio:.2f}) read by fallback > {max_ratio:.2f} ({SETTING})"
            )
    return failures
