"""The speed bench (`make bench`, bench/) at toy sizes, so that its code keeps working: the generated site read
by the project's parsers, and one whole bench run (a real server, one crawl of each kind) writing every figure.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from bench.site import FIRST_TITLE, GeneratedSite, answer
from crawler.extraction import extract, selector_for

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ("extract_parse_ratio", "crawl_fetch_ratio", "rss_growth_mb", "dateparser_calls_per_1000_pages")
BENCH_TIMEOUT_SECONDS = 120


def test_generated_site_should_give_each_title_once_with_its_reviews_and_chain_its_list_pages() -> None:
    site = GeneratedSite(titles=5, per_list=2)
    films, reviews, next_urls = [], set(), []
    for path in site.paths():
        status, _, body = answer(path)
        assert status == 200, path
        records = extract(selector_for(body), url="https://www.imdb.com" + path, site="imdb",
                          scraped_at=datetime.now(timezone.utc)).records
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


def test_bench_should_print_and_write_the_four_figures(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--out", str(out), "--fixtures-limit", "3", "--rounds", "1",
         "--crawl-pages", "20", "--memory-pages", "20", "--fetch-runs", "1", "--capacity-seconds", "0.1"],
        cwd=ROOT, capture_output=True, text=True, timeout=BENCH_TIMEOUT_SECONDS)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    for figure in FIGURES:
        assert isinstance(result[figure], (int, float)), figure
        assert figure in run.stdout
        assert result["targets"][figure]["met"] in (True, False)
    project = next(c for c in result["details"]["crawl"]["runs"] if c["spider"] == "imdb")
    fetch = next(c for c in result["details"]["crawl"]["runs"] if c["spider"] == "fetch")
    assert project["pages"] == fetch["pages"] == project["site_pages"] + 1  # robots.txt too
    assert project["records"]["film/imdb"] == project["titles"]
    assert project["rejects"] == {} and project["errors"] == 0
    assert (tmp_path / "bench-profile.txt").read_text(encoding="utf-8")
