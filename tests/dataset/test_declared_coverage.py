"""Coverage that tells the truth: every site declares the film fields its title pages show (`title_fields` of the SITE in its
parser package), and the end-of-job coverage check covers every one of them, so a field a layout change (or a
parser bug) empties on every record fails the job instead of passing unchecked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.core.sites import SITES, title_fields
from crawler.dataset.report import build_report, coverage_from_counts
from crawler.runtime.extensions.report import DatasetReportExtension
from schemas import Film


def project_thresholds() -> dict[str, dict[str, float | None]]:
    crawler = get_crawler(
        settings_dict={
            name: getattr(project_settings, name)
            for name in ("FILMCRAWL_COVERAGE_THRESHOLDS", "FILMCRAWL_COVERAGE_DECLARED_MINIMUM")
        }
    )
    return dict(DatasetReportExtension.from_crawler(crawler).thresholds)


@pytest.mark.parametrize("site", sorted(SITES))
def test_every_site_should_declare_the_film_fields_of_its_title_pages(site: str) -> None:
    declared = title_fields(site)
    assert {"title", "year"} <= set(declared)
    assert set(declared) <= set(Film.model_fields), set(declared) - set(Film.model_fields)


@pytest.mark.parametrize("site", sorted(SITES))
def test_the_coverage_check_should_cover_every_declared_field(site: str) -> None:
    thresholds = project_thresholds()
    rules = {**thresholds.get("*", {}), **thresholds.get(site, {})}
    unchecked = [name for name in title_fields(site) if rules.get(f"film.{name}") is None]
    assert unchecked == []


def test_a_declared_field_empty_on_every_record_should_fail_the_job() -> None:
    # Rotten Tomatoes films without their year: the check the summary once passed without looking.
    carried = {name: 5 for name in title_fields("rottentomatoes") if name != "year"}
    coverage = coverage_from_counts({("rottentomatoes", "film"): (5, carried)})
    report = build_report(coverage, {}, project_thresholds())
    assert report["quality_failures"] == ["rottentomatoes film.year coverage 0.00 < 0.90 (0 of 5 records)"]


def test_the_demo_crawl_should_check_and_pass_every_declared_field(demo_output: Path) -> None:
    report = json.loads(demo_output.with_name("films.report.json").read_text(encoding="utf-8"))
    checked = {(c["site"], c["field"]) for c in report["thresholds"] if c["type"] == "film"}
    crawled = {site for site, kinds in report["coverage"].items() if "film" in kinds and site in SITES}
    assert crawled >= {"imdb", "rottentomatoes", "letterboxd", "metacritic", "wikipedia", "fandango_at_home"}
    missing = {(site, name) for site in crawled for name in title_fields(site)} - checked
    assert missing == set()
    assert report["quality_failures"] == []
    assert report["coverage"]["rottentomatoes"]["film"]["fields"]["year"]["share"] == 1.0
