"""The speed bench (`make bench`, bench/) at toy sizes, so that its code keeps working: the generated site read
by the project's parsers, and one whole bench run (a real server, one crawl of each kind) writing every figure.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.site import FIRST_TITLE, GeneratedSite, answer
from crawler.core.extraction import extract, selector_for

ROOT = Path(__file__).resolve().parents[1]
FIGURES = (
    "extract_lxml_ratio",
    "extract_lxml_worst_type_ratio",
    "extract_extruct_ratio",
    "large_page_ratio",
    "size_growth",
    "crawl_minimal_fetch_ratio",
    "cli_help_seconds",
    "extract_one_page_seconds",
    "rss_growth_mb",
    "dateparser_calls_per_1000_pages",
)
BENCH_TIMEOUT_SECONDS = 300


def test_generated_site_should_give_each_title_once_with_its_reviews_and_chain_its_list_pages() -> None:
    site = GeneratedSite(titles=5, per_list=2)
    films, reviews, next_urls = [], set(), []
    for path in site.paths():
        status, _, body = answer(path)
        assert status == 200, path
        records = extract(
            selector_for(body), url="https://www.imdb.com" + path, site="imdb", scraped_at=datetime.now(UTC)
        ).records
        films += [r["id"] for r in records if r["type"] == "film" and "/title/" in path and path.count("/") == 3]
        reviews |= {r["id"] for r in records if r["type"] == "review"}
        next_urls += [r.get("next_url") for r in records if r["type"] == "listing" and "/list/" in path]
    assert site.pages == len(list(site.paths())) == 3 + 4 * 5
    assert films == [f"imdb:tt{FIRST_TITLE + n}" for n in range(5)]
    assert len(reviews) == 2 * 5  # every title's reviews have ids of their own
    assert next_urls == [f"https://www.imdb.com{site.list_path(2)}", f"https://www.imdb.com{site.list_path(3)}", None]


def test_generated_site_should_answer_unknown_pages_with_404() -> None:
    assert answer("/title/tt0040725/")[0] == 404
    assert answer(GeneratedSite(titles=5, per_list=2).list_path(4))[0] == 404


def test_bench_should_print_and_write_every_figure_with_its_baselines(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--out",
            str(out),
            "--fixtures-limit",
            "3",
            "--rounds",
            "1",
            "--crawl-pages",
            "20",
            "--crawl-rounds",
            "1",
            "--ab-pages",
            "20",
            "--ab-rounds",
            "1",
            "--memory-pages",
            "20",
            "--capacity-seconds",
            "0.1",
            "--large-sizes",
            "0.02,0.04",
            "--large-rounds",
            "1",
            "--start-rounds",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BENCH_TIMEOUT_SECONDS,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    for figure in FIGURES:
        assert isinstance(result[figure], (int, float)), figure
        assert figure in run.stdout
        assert result["targets"][figure]["met"] in (True, False)
    runs = result["details"]["crawl"]["runs"]
    project, fetch, parse = (next(c for c in runs if c["spider"] == kind) for kind in ("imdb", "fetch", "parse"))
    assert project["pages"] == project["site_pages"] + 1  # robots.txt too
    assert fetch["pages"] == parse["pages"] == project["site_pages"]  # the minimal spiders obey no robots.txt
    assert project["records"]["film/imdb"] == project["titles"]
    assert project["rejects"] == {} and project["errors"] == 0
    assert set(result["details"]["ab"]) == {
        "as_set",
        "item_concurrency_100",
        "cache_gzip",
        "cache_gzip_level_9",
        "cache_plain",
        "no_report_no_progress",
        "feed_merge_off",
    }
    assert all(variant["same_records"] for variant in result["details"]["ab"].values())
    assert {row["shape"] for row in result["details"]["large_pages"]["rows"]} == {"listing", "article"}
    assert (tmp_path / "bench-profile.txt").read_text(encoding="utf-8")


def test_bench_corpus_should_give_every_fixture_a_page_type() -> None:
    from bench.extraction import fixture_pages

    assert {page.kind for page in fixture_pages()} <= {"title", "listing", "article", "sub-page", "blocked"}


def test_generated_large_pages_should_be_read_as_their_shape() -> None:
    from bench.large import SHAPES

    for shape, make in SHAPES.items():
        page = make(200_000)
        assert 150_000 < len(page.body) < 250_000
        records = extract(
            selector_for(page.body), url=page.url or "", site=page.site or "generic", scraped_at=datetime.now(UTC)
        ).records
        assert {"listing": "listing", "article": "review"}[shape] in {r["type"] for r in records}
