"""The dataset the demo writes: one film_key per film across every sample site, the merged view, the printed
report, and the README's DuckDB query over `filmcrawl load` output."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from crawler.cli import main
from tests.dataset.conftest import DemoRun

ROOT = Path(__file__).resolve().parents[2]
SITES = ("imdb", "rottentomatoes", "letterboxd", "metacritic", "wikipedia", "fandango_at_home", "csfd", "flixster")
# The Flixster of the sample site is the 2008 one: it knows the 1948 film, not the remake.
SITES_2025 = tuple(site for site in SITES if site != "flixster")
BLOG = "filmreverie"


@pytest.fixture(scope="module")
def demo(demo_run: DemoRun) -> dict[str, Any]:
    out = demo_run.out
    read = lambda path: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {
        "out": out,
        "stdout": demo_run.stdout,
        "records": read(out),
        "view": read(out.with_name("films.merged.jsonl")),
        "report": json.loads(out.with_name("films.report.json").read_text(encoding="utf-8")),
    }


def keys_of(demo: dict[str, Any], year: int) -> dict[str, set[str]]:
    """film_key of every film and review of The Red Shoes of `year`, by site."""
    found: dict[str, set[str]] = {}
    for record in demo["records"]:
        title, film_year = (
            (record.get("title"), record.get("year"))
            if record["type"] == "film"
            else (record.get("film_title"), record.get("film_year"))
        )
        if record["type"] == "film" and film_year is None and record.get("release_date"):
            film_year = int(record["release_date"][:4])  # Rotten Tomatoes pages state a release date only
        named = "The Red Shoes" in (title, record.get("original_title"))  # ČSFD shows the Czech title
        if record["type"] in ("film", "review") and named and film_year == year:
            found.setdefault(record["source"], set()).add(record["film_key"])
    return found


@pytest.mark.parametrize(
    ("year", "key", "sites"), [(1948, "imdb:tt0040725", SITES), (2025, "imdb:tt9990025", SITES_2025)]
)
def test_the_same_film_on_every_sample_site_should_share_one_film_key(
    demo: dict[str, Any], year: int, key: str, sites: tuple[str, ...]
) -> None:
    assert keys_of(demo, year) == {site: {key} for site in (*sites, BLOG)}


def test_merged_view_should_hold_each_film_once_with_every_sites_ratings(demo: dict[str, Any]) -> None:
    views = {v["film_key"]: v for v in demo["view"]}
    assert len(views) == len(demo["view"]) == demo["report"]["output"]["film_keys"]
    original = views["imdb:tt0040725"]
    assert set(original["sources"]) == set(SITES)
    assert {"imdb", "metacritic", "rottentomatoes", "letterboxd"} <= set(original["ratings"])
    assert original["review_counts"] == {BLOG: 1, "imdb": 2}
    assert original["provenance"]["title"] == "imdb"


def test_demo_should_print_the_report_with_every_coverage_check_passed(demo: dict[str, Any]) -> None:
    stdout = demo["stdout"]
    assert f"report: {demo['out'].with_name('films.report.json')}" in stdout
    assert re.search(r"^coverage \(share of records carrying each field", stdout, re.MULTILINE)
    assert re.search(r"^quality: all \d+ coverage checks passed$", stdout, re.MULTILINE)
    assert demo["report"]["quality_failures"] == [] and demo["report"]["rejects"] == {}


def readme_query() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Dataset for analysts") :]
    return re.search(r"```sql\n(.*?)```", section, re.DOTALL).group(1)  # type: ignore[union-attr]


def test_readme_query_should_run_over_the_loaded_demo_output(demo: dict[str, Any], tmp_path: Path) -> None:
    database = tmp_path / "films.duckdb"
    assert main(["load", str(demo["out"]), "--duckdb", str(database)]) == 0
    with duckdb.connect(str(database), read_only=True) as db:
        rows = db.execute(readme_query()).fetchall()
    assert [(decade, films) for decade, _, _, films in rows] == [(1940, 1), (2020, 1)]
    assert [(float(imdb), float(metascore)) for _, imdb, metascore, _ in rows] == [(8.3, 100.0), (7.2, 64.0)]
