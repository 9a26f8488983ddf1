"""The layout-drift alarm (docs/crawling.md, "Layout-drift alarm"): when a site changes its markup, the crawl
still reads its pages through the generic readers, and fails with exit 3 naming the site and page type."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crawler.core.drift import count_reading, drift_failures, fallback_table

from .film_site import FilmSite, title_id
from .runs import records, run, stat


def renamed_markup(body: bytes) -> bytes:
    """The page as a redesign leaves it: every class name and test hook renamed, the data left as it was."""
    return re.sub(rb'(class|data-testid)="', rb'\1="redesign-', body)


def test_a_title_page_whose_layout_changed_should_be_read_by_fallback_and_fail_the_job(tmp_path: Path) -> None:
    out = tmp_path / "films.jsonl"
    with FilmSite(titles=3) as site:
        for number in (1, 2, 3):
            path = f"/title/{title_id(number)}/"
            site.pages[path] = renamed_markup(site.pages[path])
        result = run("crawl", "imdb", "--start-url", site.start_url, "-o", str(out), "--no-cache")
    assert result.returncode == 3, result.stderr[-3000:]
    assert (
        "imdb title pages: layout drift, 3 of 3 records (1.00) read by fallback > 0.05 (FILMCRAWL_FALLBACK_MAX_RATIO)"
    ) in result.stderr
    films = {r["id"]: r for r in records(out) if r["type"] == "film"}
    assert sorted(films) == [f"imdb:{title_id(n)}" for n in (1, 2, 3)]
    for film in films.values():
        assert (film["title"], film["year"], film["rating"]["value"], film["runtime_minutes"]) == (
            "The Red Shoes",
            2025,
            7.2,
            128,
        )
        assert film["extraction"]["parser"] == "generic"
        assert {"title", "year", "rating", "runtime_minutes"} <= set(film["extraction"]["fallback_fields"])
    assert stat(result.stderr, "filmcrawl/fallback/records/imdb/title") == 3
    report = json.loads(out.with_name("films.report.json").read_text(encoding="utf-8"))
    assert report["fallback"]["imdb/title"]["fallback_records"] == 3


def test_a_crawl_of_known_layouts_should_read_nothing_by_fallback(tmp_path: Path) -> None:
    out = tmp_path / "films.jsonl"
    with FilmSite(titles=3) as site:
        result = run("crawl", "imdb", "--start-url", site.start_url, "-o", str(out), "--no-cache")
    assert result.returncode == 0, result.stderr[-3000:]
    assert stat(result.stderr, "filmcrawl/read/records/imdb/title") == 3
    assert stat(result.stderr, "filmcrawl/fallback/records/imdb/title") is None


class Stats(dict[str, int]):
    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self[key] = self.get(key, start) + count


def film(*fallback_fields: str) -> dict[str, object]:
    return {"type": "film", "extraction": {"parser": "imdb/title/title_next", "fallback_fields": list(fallback_fields)}}


@pytest.mark.parametrize(
    ("pages", "limit", "failures"),
    [
        # (records of each page read as imdb title pages, FILMCRAWL_FALLBACK_MAX_RATIO, failures)
        pytest.param([[film()]] * 20, 0.05, [], id="no-fallback"),
        pytest.param([[film("countries")]] + [[film()]] * 19, 0.05, [], id="one-in-twenty-is-at-the-limit"),
        pytest.param(
            [[film("countries")]] * 2 + [[film()]] * 18,
            0.05,
            [
                "imdb title pages: layout drift, 2 of 20 records (0.10) read by fallback > 0.05 "
                "(FILMCRAWL_FALLBACK_MAX_RATIO)"
            ],
            id="two-in-twenty",
        ),
        pytest.param([[film("countries")]] * 2 + [[film()]] * 18, 0.2, [], id="a-looser-limit"),
    ],
)
def test_drift_failures_should_compare_the_share_of_fallback_records_with_the_limit(
    pages: list[list[dict[str, object]]], limit: float, failures: list[str]
) -> None:
    stats = Stats()
    for page in pages:
        count_reading(stats, "imdb", "title", page)
    assert drift_failures(stats, limit) == failures


def test_fallback_table_should_count_records_and_fields_by_site_and_page_type() -> None:
    stats = Stats()
    count_reading(stats, "imdb", "title", [film("rating", "year"), film()])
    count_reading(stats, "letterboxd", "list", [{"type": "listing"}])
    assert fallback_table(stats) == {
        "imdb/title": {"records": 2, "fallback_records": 1, "fallback_fields": 2},
        "letterboxd/list": {"records": 1, "fallback_records": 0, "fallback_fields": 0},
    }
