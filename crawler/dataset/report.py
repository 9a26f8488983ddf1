"""The end-of-job report: what was written, what was not, and how full every field is.

A report is a JSON document (see `build_report`):

    records    valid records by "<type>/<site>"
    rejects    rejected pages and records by reason; blocked pages by reason
    coverage   per site and record type: the number of records and, for every field, how many carry it and
               the share ("carry" = a value that is not null, "", [] or {}; object fields also per subfield,
               "rating.count")
    thresholds every coverage check made, passed or not; quality_failures the failed ones in words
    merge_conflicts  fields where two reads of one record stated different values (the first was kept), by
               "<type>.<field>": between a title's pages as the crawl chained them (the Scrapy stats
               `filmcrawl/merge_conflicts/<type>/<field>`) and, once the output step ran, between copies of a
               record merged there; every conflict once, the same count in the stats, the JSON and the summary
    output     (after the output step) records written, duplicates merged, its own merge conflicts, film keys

Coverage thresholds map "<site>" (or "*" for every site) to {"<type>.<field>": minimum share}; a site's own
entry overrides "*" field by field, and None switches a check off. A site and type with fewer records than
the minimum count is not checked: a share of two records says little.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from crawler.core.drift import fallback_table
from crawler.core.merge import is_empty
from schemas import RECORD_TYPES

Thresholds = Mapping[str, Mapping[str, float | None]]

# Printed columns of the coverage table, by record type: the fields analysts reach for first.
CORE_FIELDS: dict[str, tuple[str, ...]] = {
    "film": ("film_key", "year", "rating", "directors", "cast", "runtime_minutes", "genres", "release_date", "plot"),
    "review": ("film_key", "film_title", "film_year", "author", "date", "rating", "text"),
    "listing": ("title", "entries", "total", "next_url"),
}
# Column headings shorter than their field names, to keep the table narrow.
_HEADINGS = {
    "runtime_minutes": "runtime",
    "release_date": "released",
    "film_title": "f.title",
    "film_year": "f.year",
    "next_url": "next",
}


def report_path(output: Path) -> Path:
    """Where the report of an output goes: films.jsonl -> films.report.json."""
    return output.with_name(output.stem + ".report.json")


def report_text(output: Path) -> str | None:
    """The printed table of the report beside `output`, with where the report is; None when there is none."""
    path = report_path(output)
    if not path.exists():
        return None
    return f"report: {path}\n" + format_report(json.loads(path.read_text(encoding="utf-8")))


class ThresholdError(ValueError):
    """A coverage threshold names a record type or field that does not exist, or a share outside 0..1."""


def carried_fields(record: Mapping[str, Any]) -> Iterable[str]:
    """The fields a record carries: top-level names, and "name.sub" inside object fields."""
    for name, value in record.items():
        if is_empty(value):
            continue
        yield name
        if isinstance(value, dict):
            for sub, inner in value.items():
                if not is_empty(inner):
                    yield f"{name}.{sub}"


class CoverageCounter:
    """Counts records and carried fields by (site, type); a few counters per field, whatever the job size."""

    def __init__(self) -> None:
        self.records: Counter[tuple[str, str]] = Counter()
        self.carried: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)

    def add(self, record: Mapping[str, Any]) -> None:
        key = (str(record.get("source")), str(record.get("type")))
        self.records[key] += 1
        self.carried[key].update(carried_fields(record))

    def coverage(self) -> dict[str, dict[str, dict[str, Any]]]:
        return coverage_from_counts({key: (n, self.carried[key]) for key, n in self.records.items()})


def field_names(model: type[BaseModel]) -> list[str]:
    """A record type's fields, with "name.sub" for the subfields of its object fields ("rating.count")."""
    names = []
    for name, info in model.model_fields.items():
        names.append(name)
        nested = [
            t for t in (info.annotation, *get_args(info.annotation)) if isinstance(t, type) and issubclass(t, BaseModel)
        ]
        if nested:
            names += [f"{name}.{sub}" for sub in nested[0].model_fields]
    return names


def coverage_from_counts(
    counts: Mapping[tuple[str, str], tuple[int, Mapping[str, int]]],
) -> dict[str, dict[str, dict[str, Any]]]:
    """{site: {type: {"records": n, "fields": {field: {"count": c, "share": c / n}}}}}, every field of the
    record type listed (a field no record carries has share 0)."""
    result: dict[str, dict[str, dict[str, Any]]] = {}
    for (site, kind), (records, carried) in sorted(counts.items()):
        model = RECORD_TYPES.get(kind)
        names = field_names(model) if model else []
        names += sorted(set(carried) - set(names))
        fields = {
            name: {"count": carried.get(name, 0), "share": round(carried.get(name, 0) / records, 4)} for name in names
        }
        result.setdefault(site, {})[kind] = {"records": records, "fields": fields}
    return result


def validate_thresholds(thresholds: Thresholds) -> None:
    for site, rules in thresholds.items():
        for rule, minimum in rules.items():
            kind, _, path = rule.partition(".")
            model = RECORD_TYPES.get(kind)
            if model is None or path.split(".")[0] not in model.model_fields:
                raise ThresholdError(
                    f"coverage threshold {site!r} {rule!r}: expected '<type>.<field>' with type one "
                    f"of {sorted(RECORD_TYPES)} and a field of that record"
                )
            if minimum is not None and not 0 <= float(minimum) <= 1:
                raise ThresholdError(f"coverage threshold {site!r} {rule!r}: {minimum} is not a share in 0..1")


def declared_thresholds(minimum: float) -> dict[str, dict[str, float | None]]:
    """The coverage checks each known site declares (crawler.core.sites): every film field its title pages show at
    `minimum`, and the site's own minimums over those; none when `minimum` is 0."""
    from crawler.core.sites import SITES

    declared: dict[str, dict[str, float | None]] = {}
    if minimum <= 0:
        return declared
    for slug, site in SITES.items():
        rules: dict[str, float | None] = {f"film.{name}": minimum for name in site.title_fields}
        rules.update(site.coverage)
        if rules:
            declared[slug] = rules
    return declared


def with_declared(declared: Thresholds, configured: Thresholds) -> dict[str, dict[str, float | None]]:
    """The configured thresholds over the declared ones, field by field: a configured share (or None, which
    switches a check off) wins, and a declared field nobody configured keeps its declared minimum. A field the
    "*" entry configures is not declared again per site."""
    merged: dict[str, dict[str, float | None]] = {site: dict(rules) for site, rules in configured.items()}
    everywhere = set(configured.get("*", {}))
    for site, rules in declared.items():
        own = merged.setdefault(site, {})
        for rule, minimum in rules.items():
            if rule not in own and rule not in everywhere:
                own[rule] = minimum
    return merged


def check_coverage(
    coverage: Mapping[str, Mapping[str, Mapping[str, Any]]], thresholds: Thresholds, min_records: int = 1
) -> list[dict[str, Any]]:
    """Every check the thresholds ask for on the sites and types present in `coverage`."""
    checks = []
    for site, kinds in sorted(coverage.items()):
        rules = {**thresholds.get("*", {}), **thresholds.get(site, {})}
        for rule, minimum in sorted(rules.items()):
            kind, _, path = rule.partition(".")
            entry = kinds.get(kind)
            if minimum is None or entry is None or entry["records"] < min_records:
                continue
            count = entry["fields"].get(path, {}).get("count", 0)
            share = count / entry["records"]
            checks.append(
                {
                    "site": site,
                    "type": kind,
                    "field": path,
                    "minimum": minimum,
                    "share": round(share, 4),
                    "count": count,
                    "records": entry["records"],
                    "passed": share >= minimum,
                }
            )
    return checks


def failure_text(check: Mapping[str, Any]) -> str:
    return (
        f"{check['site']} {check['type']}.{check['field']} coverage {check['share']:.2f} < {check['minimum']:.2f} "
        f"({check['count']} of {check['records']} records)"
    )


def build_report(
    coverage: dict[str, Any], stats: Mapping[str, Any], thresholds: Thresholds, min_records: int = 1
) -> dict[str, Any]:
    """The report of one crawl from its coverage and its Scrapy stats."""
    records = {f"{kind}/{site}": entry["records"] for site, kinds in coverage.items() for kind, entry in kinds.items()}
    checks = check_coverage(coverage, thresholds, min_records)
    return {
        "pages": int(stats.get("filmcrawl/pages", 0)),
        "records": dict(sorted(records.items())),
        "rejects": _by_suffix(stats, "filmcrawl/rejects/"),
        "blocked": _by_suffix(stats, "blocked/"),
        "blocked_pages": int(stats.get("filmcrawl/blocked_pages", 0)),
        "duplicates": _by_suffix(stats, "filmcrawl/duplicates/"),
        "merge_conflicts": merge_conflicts(stats),
        "fallback": fallback_table(stats),
        "coverage": coverage,
        "coverage_thresholds": {site: dict(rules) for site, rules in thresholds.items()},
        "coverage_min_records": min_records,
        "thresholds": checks,
        "quality_failures": [failure_text(c) for c in checks if not c["passed"]],
    }


_CONFLICTS = "filmcrawl/merge_conflicts/"


def merge_conflicts(stats: Mapping[str, Any]) -> dict[str, int]:
    """The crawl's merge conflicts by "<type>.<field>", from its stats ("filmcrawl/merge_conflicts/film/title")."""
    return dict(
        sorted(
            (key[len(_CONFLICTS) :].replace("/", ".", 1), value)
            for key, value in stats.items()
            if key.startswith(_CONFLICTS) and isinstance(value, int)
        )
    )


def _by_suffix(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return dict(
        sorted(
            (key[len(prefix) :], value)
            for key, value in stats.items()
            if key.startswith(prefix) and isinstance(value, int) and "/" not in key[len(prefix) :]
        )
    )


def combine_reports(reports: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """One report of several crawls (the sites of `filmcrawl demo`, the runs of a resumed job): counts summed,
    coverage shares worked out again from the summed counts, and the checks made again on them with the
    crawls' thresholds (a run stopped early is judged with the runs that finished its job)."""
    reports = list(reports)
    counts: dict[tuple[str, str], tuple[int, Counter[str]]] = {}
    for report in reports:
        for site, kinds in report.get("coverage", {}).items():
            for kind, entry in kinds.items():
                n, carried = counts.get((site, kind), (0, Counter()))
                carried.update({name: f["count"] for name, f in entry["fields"].items() if f["count"]})
                counts[(site, kind)] = (n + entry["records"], carried)
    combined: dict[str, Any] = {"pages": sum(r.get("pages", 0) for r in reports)}
    for name in ("records", "rejects", "blocked", "duplicates", "merge_conflicts"):
        total: Counter[str] = Counter()
        for report in reports:
            total.update(report.get(name, {}))
        combined[name] = dict(sorted(total.items()))
    # Page outcomes, off-site refusals and listing limits (crawler.runtime.extensions.report), summed as they are.
    for name in ("page_outcomes", "offsite", "listings"):
        summed: Counter[str] = Counter()
        for report in reports:
            summed.update(report.get(name, {}))
        if any(name in report for report in reports):
            combined[name] = dict(summed)
    combined["blocked_pages"] = sum(r.get("blocked_pages", 0) for r in reports)
    fallback: dict[str, Counter[str]] = {}
    for report in reports:
        for where, row in report.get("fallback", {}).items():
            fallback.setdefault(where, Counter()).update(row)
    combined["fallback"] = {where: dict(row) for where, row in sorted(fallback.items())}
    combined["coverage"] = coverage_from_counts(counts)
    thresholds: dict[str, dict[str, float | None]] = {}
    for report in reports:
        for site, rules in report.get("coverage_thresholds", {}).items():
            thresholds.setdefault(site, {}).update(rules)
    min_records = max((r.get("coverage_min_records", 1) for r in reports), default=1)
    checks = check_coverage(combined["coverage"], thresholds, min_records)
    combined.update(
        coverage_thresholds=thresholds,
        coverage_min_records=min_records,
        thresholds=checks,
        quality_failures=[failure_text(c) for c in checks if not c["passed"]],
    )
    return combined


def format_report(report: Mapping[str, Any]) -> str:
    """A short table: coverage of the core fields per site and type (a "!" marks a share below its
    threshold), then the quality verdict and, when the output step ran, what it merged."""
    failed = {(c["site"], c["type"], c["field"]) for c in report.get("thresholds", []) if not c["passed"]}
    lines = ["coverage (share of records carrying each field; ! = below its threshold):"]
    coverage = report.get("coverage", {})
    for kind, columns in CORE_FIELDS.items():
        rows = [(site, kinds[kind]) for site, kinds in sorted(coverage.items()) if kind in kinds]
        if not rows:
            continue
        width = max(len(site) for site, _ in rows) + 2
        headings = [_HEADINGS.get(column, column) for column in columns]
        widths = [max(len(heading), 5) for heading in headings]
        lines.append(f"  {kind:<{width}}{'n':>5}  " + "  ".join(h.rjust(w) for h, w in zip(headings, widths)))
        for site, entry in rows:
            cells = []
            for column, cell_width in zip(columns, widths):
                share = entry["fields"].get(column, {}).get("share", 0.0)
                mark = "!" if (site, kind, column) in failed else ""
                cells.append(f"{share:.2f}{mark}".rjust(cell_width))
            lines.append(f"  {site:<{width}}{entry['records']:>5}  " + "  ".join(cells))
    drifted = {where: row for where, row in report.get("fallback", {}).items() if row["fallback_records"]}
    if drifted:
        lines.append("read by fallback (site/page type: records of records read, fields):")
        lines.extend(
            f"  {where:<28} {row['fallback_records']:>5} of {row['records']:<5} {row['fallback_fields']:>5} fields"
            for where, row in drifted.items()
        )
    failures = report.get("quality_failures", [])
    checks = report.get("thresholds", [])
    if failures:
        lines.append(f"quality: {len(failures)} of {len(checks)} coverage checks FAILED")
        lines.extend(f"  {failure}" for failure in failures)
    else:
        lines.append(f"quality: all {len(checks)} coverage checks passed")
    output = report.get("output")
    if output:
        duplicates = sum(output.get("duplicates_merged", {}).values())
        by_field = Counter(report.get("merge_conflicts", output.get("merge_conflicts", {})))
        fields = f" ({', '.join(f'{name} {n}' for name, n in by_field.most_common(5))})" if by_field else ""
        lines.append(
            f"merged: {duplicates} repeated record(s) into their first; {sum(by_field.values())} "
            f"conflicting value(s) kept from the first{fields}; {output.get('films', 0)} film records on "
            f"{output.get('film_keys', 0)} film keys"
        )
        if output.get("merged_view"):
            lines.append(
                f"merged view: {output.get('merged_view_records', 0)} films, one per film key, in "
                f"{output['merged_view']}"
            )
    return "\n".join(lines)
