"""The end-of-job report: coverage per site, type and field; thresholds that fail a job and say which field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

from crawler.dataset.report import (
    CoverageCounter,
    ThresholdError,
    check_coverage,
    combine_reports,
    format_report,
    validate_thresholds,
)
from crawler.runtime.extensions.report import QUALITY_FAILURES, DatasetReportExtension

from .records import film, review

POWELL = ("Michael Powell",)


def coverage_of(*records: dict[str, Any]) -> dict[str, Any]:
    counter = CoverageCounter()
    for record in records:
        counter.add(record)
    return counter.coverage()


def test_coverage_should_be_the_share_of_records_carrying_each_field() -> None:
    coverage = coverage_of(
        film("imdb", "tt1", "A", 1999, directors=POWELL, rating={"value": 8, "best": 10}),
        film("imdb", "tt2", "B", 2000),
        film("metacritic", "movie/a", "A", 1999, directors=POWELL),
    )
    imdb = coverage["imdb"]["film"]
    assert imdb["records"] == 2
    assert imdb["fields"]["title"] == {"count": 2, "share": 1.0}
    assert imdb["fields"]["directors"] == {"count": 1, "share": 0.5}
    assert imdb["fields"]["rating.value"] == {"count": 1, "share": 0.5}  # object fields also by subfield
    assert imdb["fields"]["rating.count"] == {"count": 0, "share": 0.0}
    assert imdb["fields"]["plot"] == {"count": 0, "share": 0.0}  # every field of the record type is listed
    assert coverage["metacritic"]["film"]["fields"]["directors"]["share"] == 1.0


THRESHOLDS = {
    "*": {"film.directors": 0.9, "review.text": 0.5},
    "metacritic": {"film.directors": None, "film.rating": 0.5},
}

CHECKS = [
    # (what, thresholds, min records, expected failures)
    (
        "a site's own entry overrides *, None switches a check off",
        THRESHOLDS,
        1,
        [
            "imdb film.directors coverage 0.50 < 0.90 (1 of 2 records)",
            "metacritic film.rating coverage 0.00 < 0.50 (0 of 1 records)",
        ],
    ),
    (
        "fewer records than the minimum are not checked",
        THRESHOLDS,
        2,
        ["imdb film.directors coverage 0.50 < 0.90 (1 of 2 records)"],
    ),
    ("a type the job did not write is not checked", {"*": {"listing.entries": 1.0}}, 1, []),
]


@pytest.mark.parametrize(("what", "thresholds", "min_records", "failures"), CHECKS, ids=[c[0] for c in CHECKS])
def test_coverage_checks(what: str, thresholds: dict[str, Any], min_records: int, failures: list[str]) -> None:
    coverage = coverage_of(
        film("imdb", "tt1", "A", 1999, directors=POWELL),
        film("imdb", "tt2", "B", 2000),
        film("metacritic", "movie/a", "A", 1999),
    )
    checks = check_coverage(coverage, thresholds, min_records)
    assert [
        f"{c['site']} {c['type']}.{c['field']} coverage {c['share']:.2f} < {c['minimum']:.2f} "
        f"({c['count']} of {c['records']} records)"
        for c in checks
        if not c["passed"]
    ] == failures


@pytest.mark.parametrize(
    "thresholds",
    [
        {"*": {"films.rating": 0.5}},
        {"*": {"film.ratting": 0.5}},
        {"imdb": {"film.rating": 1.5}},
        {"imdb": {"rating": 0.5}},
    ],
)
def test_thresholds_naming_what_does_not_exist_should_be_refused(thresholds: dict[str, Any]) -> None:
    with pytest.raises(ThresholdError):
        validate_thresholds(thresholds)


def run_extension(tmp_path: Path, items: list[dict[str, Any]], **settings: Any) -> tuple[Any, dict[str, Any]]:
    report = tmp_path / "films.report.json"
    crawler = get_crawler(
        Spider, settings_dict={"FILMCRAWL_REPORT_FILE": str(report), "FILMCRAWL_COVERAGE_MIN_RECORDS": 1, **settings}
    )
    extension = DatasetReportExtension.from_crawler(crawler)
    crawler.stats.set_value("filmcrawl/pages", 4)
    crawler.stats.set_value("filmcrawl/rejects/no_title", 1)
    crawler.stats.set_value("filmcrawl/rejects", 1)
    crawler.stats.set_value("blocked/waf_challenge", 2)
    for item in items:
        extension.item_scraped(item)
    extension.spider_closed(Spider("imdb"), "finished")
    return crawler.stats, json.loads(report.read_text(encoding="utf-8"))


def test_extension_should_write_the_report_and_put_failed_checks_in_the_stats(tmp_path: Path) -> None:
    items = [
        film("imdb", "tt1", "A", 1999, directors=POWELL),
        film("imdb", "tt2", "B", 2000),
        review("imdb", "rw1", film_id="imdb:tt1", text="Good."),
    ]
    stats, report = run_extension(tmp_path, items, FILMCRAWL_COVERAGE_THRESHOLDS={"imdb": {"film.directors": 0.9}})
    assert stats.get_value(QUALITY_FAILURES) == ["imdb film.directors coverage 0.50 < 0.90 (1 of 2 records)"]
    assert report["quality_failures"] == stats.get_value(QUALITY_FAILURES)
    assert report["records"] == {"film/imdb": 2, "review/imdb": 1}
    assert (report["pages"], report["rejects"], report["blocked"]) == (4, {"no_title": 1}, {"waf_challenge": 2})
    assert report["coverage"]["imdb"]["review"]["fields"]["text"]["share"] == 1.0


def test_extension_should_leave_an_empty_list_when_all_is_well(tmp_path: Path) -> None:
    stats, report = run_extension(
        tmp_path,
        [film("imdb", "tt1", "A", 1999, directors=POWELL)],
        FILMCRAWL_COVERAGE_THRESHOLDS={"imdb": {"film.directors": 0.9}},
    )
    assert stats.get_value(QUALITY_FAILURES) == [] and report["thresholds"][0]["passed"]


def test_extension_should_write_the_report_beside_the_first_feed_by_default(tmp_path: Path) -> None:
    feed = tmp_path / "night" / "films.jsonl"
    crawler = get_crawler(Spider, settings_dict={"FEEDS": {str(feed): {"format": "jsonlines"}}})
    DatasetReportExtension.from_crawler(crawler).spider_closed(Spider("imdb"), "finished")
    assert (tmp_path / "night" / "films.report.json").exists()


def test_combined_report_should_sum_counts_and_check_the_summed_coverage_again() -> None:
    thresholds = {"imdb": {"film.directors": 0.6}}
    # A run stopped early (one film of two without directors) and the run that finished the job.
    stopped = {
        "pages": 2,
        "records": {"film/imdb": 2},
        "rejects": {"no_title": 1},
        "blocked": {},
        "duplicates": {},
        "coverage": coverage_of(film("imdb", "tt1", "A", 1999, directors=POWELL), film("imdb", "tt2", "B", 2000)),
        "coverage_thresholds": thresholds,
        "thresholds": [],
        "quality_failures": ["imdb film.directors coverage 0.50 < 0.60 (1 of 2 records)"],
    }
    finished = {
        "pages": 3,
        "records": {"film/imdb": 2},
        "rejects": {"no_title": 2, "http_404": 1},
        "blocked": {},
        "duplicates": {},
        "coverage": coverage_of(
            film("imdb", "tt3", "C", 2001, directors=POWELL), film("imdb", "tt4", "D", 2002, directors=POWELL)
        ),
        "coverage_thresholds": thresholds,
        "thresholds": [],
        "quality_failures": [],
    }
    combined = combine_reports([stopped, finished])
    assert combined["pages"] == 5 and combined["rejects"] == {"http_404": 1, "no_title": 3}
    assert combined["coverage"]["imdb"]["film"]["records"] == 4
    assert combined["coverage"]["imdb"]["film"]["fields"]["directors"] == {"count": 3, "share": 0.75}
    assert combined["quality_failures"] == [] and combined["thresholds"][0]["passed"]


def test_printed_table_should_mark_the_failed_field_and_name_the_failure(tmp_path: Path) -> None:
    _, report = run_extension(
        tmp_path,
        [film("imdb", "tt1", "A", 1999), film("imdb", "tt2", "B", 2000)],
        FILMCRAWL_COVERAGE_THRESHOLDS={"imdb": {"film.directors": 0.9}},
    )
    text = format_report(report)
    lines = text.splitlines()
    header = next(n for n, line in enumerate(lines) if line.split()[:2] == ["film", "n"])
    cells = dict(zip(lines[header].split()[1:], lines[header + 1].split()[1:]))
    assert cells["directors"] == "0.00!" and cells["n"] == "2"
    assert "quality: 1 of 1 coverage checks FAILED" in text
    assert "imdb film.directors coverage 0.00 < 0.90 (0 of 2 records)" in text
