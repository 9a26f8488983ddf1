"""`filmcrawl stats FILE`: what a JSON Lines file holds, at a glance.

Records by type and site; field coverage per site (the share of each type's records carrying each field);
the ratings by site and kind on their own scale, with their spread on a 0-100 scale; films by decade.
Exit status: 0 printed; 2 the file could not be read (missing, empty, not JSON Lines).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import EXIT_COULD_NOT_RUN, EXIT_OK

if TYPE_CHECKING:
    from schemas.record_fields import JsonRecord

# Spread of ratings on a 0-100 scale: the upper bound of each bucket (a value on the bound goes up).
_BUCKETS = (20, 40, 60, 80, 101)
_BUCKET_NAMES = ("0-19", "20-39", "40-59", "60-79", "80-100")


@dataclass
class FileStats:
    records: Counter[tuple[str, str]] = field(default_factory=Counter)
    """Records by (type, site)."""
    carried: defaultdict[tuple[str, str], Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    """Fields carried, by (type, site)."""
    ratings: defaultdict[tuple[str, str, str], list[Decimal]] = field(default_factory=lambda: defaultdict(list))
    """Film rating values by (site, kind, scale "/best")."""
    on_100: defaultdict[tuple[str, str], Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    """Film ratings by (site, kind), counted in the buckets of _BUCKETS (value / best on 0-100)."""
    decades: defaultdict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    """Films by decade and site."""

    def add(self, record: JsonRecord) -> None:
        from crawler.dataset.report import carried_fields

        kind, site = str(record.get("type")), str(record.get("source") or "-")
        self.records[(kind, site)] += 1
        self.carried[(kind, site)].update(carried_fields(record))
        if kind != "film":
            return
        for rating in record.get("ratings") or (
            [dict(record["rating"], kind="rating")] if record.get("rating") else []
        ):
            value, best = _number(rating.get("value")), _number(rating.get("best"))
            if value is None or not best:
                continue
            rating_kind = str(rating.get("kind") or "rating")
            self.ratings[(site, rating_kind, f"/{best.normalize():f}")].append(value)
            share = value / best * 100
            self.on_100[(site, rating_kind)][next(i for i, top in enumerate(_BUCKETS) if share < top)] += 1
        year = record.get("year")
        if isinstance(year, int):
            self.decades[year // 10 * 10][site] += 1


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def table(headings: list[str], rows: list[list[Any]], *, left: int = 1, bar: bool = False) -> list[str]:
    """Rows under headings, the first `left` columns aligned left and the others right (the last one left too
    when it is a `bar` of #)."""
    cells = [headings, *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headings))]
    last = len(headings) - 1
    return [
        "  "
        + "  ".join(
            c.ljust(w) if i < left or (bar and i == last) else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))
        ).rstrip()
        for row in cells
    ]


def format_stats(stats: FileStats) -> str:
    from crawler.dataset.report import field_names
    from schemas import RECORD_TYPES

    by_type: Counter[str] = Counter()
    for (kind, _), n in stats.records.items():
        by_type[kind] += n
    lines = [
        f"records: {sum(by_type.values())} (" + ", ".join(f"{kind} {n}" for kind, n in sorted(by_type.items())) + ")"
    ]
    lines += table(["type", "site", "records"], [[k, s, n] for (k, s), n in sorted(stats.records.items())], left=2)
    for kind in sorted(by_type):
        sites = sorted(s for k, s in stats.records if k == kind)
        model = RECORD_TYPES.get(kind)
        names = [
            n
            for n in (field_names(model) if model else sorted({f for s in sites for f in stats.carried[(kind, s)]}))
            if any(stats.carried[(kind, s)][n] for s in sites)
        ]
        lines.append(
            f"\nfield coverage, {kind} records (share carrying each field; fields no record carries left out):"
        )
        rows = [
            [name, *(f"{stats.carried[(kind, s)][name] / stats.records[(kind, s)]:.2f}" for s in sites)]
            for name in names
            if name not in ("type", "schema_version", "source")
        ]
        lines += table(["field", *sites], rows)
    if stats.ratings:
        lines.append("\nfilm ratings by site and kind, on their own scale:")
        rating_rows: list[list[object]] = []
        for (site, kind, scale), values in sorted(stats.ratings.items()):
            values = sorted(values)
            rating_rows.append(
                [site, kind, scale, len(values), f"{values[0]:f}", f"{statistics.median(values):f}", f"{values[-1]:f}"]
            )
        lines += table(["site", "kind", "scale", "n", "min", "median", "max"], rating_rows, left=3)
        lines.append("\nfilm ratings on a 0-100 scale (value / best), by bucket:")
        lines += table(
            ["site", "kind", *_BUCKET_NAMES],
            [
                [site, kind, *(counts[i] for i in range(len(_BUCKETS)))]
                for (site, kind), counts in sorted(stats.on_100.items())
            ],
            left=2,
        )
    if stats.decades:
        sites = sorted({s for counts in stats.decades.values() for s in counts})
        lines.append("\nfilms by decade (year):")
        lines += table(
            ["decade", *sites, "all", ""],
            [
                [f"{decade}s", *(counts[s] for s in sites), sum(counts.values()), "#" * min(sum(counts.values()), 50)]
                for decade, counts in sorted(stats.decades.items())
            ],
            bar=True,
        )
    return "\n".join(lines)


def stats_command(args: argparse.Namespace) -> int:
    from crawler.dataset.jsonl import BadLine, read_records

    path = Path(args.file)
    if path.is_dir():
        print(f"filmcrawl stats: {path} is a directory, not a file", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    if not path.is_file():
        print(f"filmcrawl stats: {path}: no such file", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    stats = FileStats()
    try:
        for _, record in read_records([path]):
            stats.add(record)
    except BadLine as error:
        print(f"filmcrawl stats: {error}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    if not stats.records:
        print(f"filmcrawl stats: {path} is empty: no records", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    print(format_stats(stats))
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "stats",
        help="records by type and site, field coverage, ratings and years of a file",
        description="What a JSON Lines file holds: records by type and site, field coverage "
        "per site, ratings and years distributions. Exit status: 0 printed; 2 the "
        "file could not be read.",
    )
    p.add_argument("file", metavar="FILE", help="JSON Lines: crawl output, or records from `filmcrawl extract`")
    p.set_defaults(func=stats_command)
