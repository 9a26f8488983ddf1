"""A page budget (`crawl --max-pages N`) never drops data silently: a real crawl of the sample site's IMDb
section (a list -> two title pages -> fullcredits, releaseinfo and reviews of each), cut at several budgets.

Every title page read gives its film record; a film whose sub-page chain the budget cut is written with what
was read and names its unread sub-pages in `extraction.unread_subpages`; the summary says the budget was
reached; and no more than N pages are fetched.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.sample_site import SampleSiteServer

ROOT = Path(__file__).resolve().parents[2]
SUBPAGES = {"fullcredits", "releaseinfo", "reviews"}
TITLES = 2


@pytest.fixture(scope="module")
def imdb_start() -> Iterator[list[str]]:
    with SampleSiteServer() as server:
        yield server.start_urls()["imdb"]


def crawl(start_urls: list[str], out: Path, *extra: str) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "crawler",
        "crawl",
        "imdb",
        "-o",
        str(out),
        "--no-cache",
        "--log-level",
        "WARNING",
        *extra,
        *(arg for url in start_urls for arg in ("--start-url", url)),
    ]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    report = out.with_name("films.report.json")
    return {
        "run": run,
        "films": [r for r in records if r["type"] == "film"],
        "report": json.loads(report.read_text(encoding="utf-8")) if report.exists() else {},
    }


def unread_subpages(film: dict[str, Any]) -> list[str]:
    return (film.get("extraction") or {}).get("unread_subpages", [])


# (budget, title pages the crawl can reach within it): the list page is fetched first, then the titles.
BUDGETS = [(3, 2), (5, 2), (8, 2)]


@pytest.mark.parametrize(("budget", "titles"), BUDGETS)
def test_a_budget_cut_should_write_every_title_read_with_its_unread_subpages(
    imdb_start: list[str], tmp_path: Path, budget: int, titles: int
) -> None:
    result = crawl(imdb_start, tmp_path / "films.jsonl", "--max-pages", str(budget))
    run = result["run"]
    assert run.returncode == 0, run.stderr[-2000:]
    pages = result["report"]["pages"]
    assert pages == budget  # never more pages than the budget
    films = result["films"]
    assert len(films) == titles  # every title page read gave its film
    unread = [set(unread_subpages(film)) for film in films]
    assert all(u <= SUBPAGES for u in unread)
    # Nothing fetched was lost: the list, the titles and the sub-pages read add up to the pages fetched.
    subpages_read = sum(len(SUBPAGES - u) for u in unread)
    assert 1 + len(films) + subpages_read == pages
    cut = sum(1 for u in unread if u)
    assert cut  # below the 9 pages of the whole crawl, some chain was cut
    assert f"page budget reached: {budget} pages fetched" in run.stdout
    assert f"{cut} film(s) written without some sub-pages" in run.stdout


def test_a_budget_the_crawl_stays_within_should_cut_nothing(imdb_start: list[str], tmp_path: Path) -> None:
    result = crawl(imdb_start, tmp_path / "films.jsonl", "--max-pages", "100")
    assert result["run"].returncode == 0, result["run"].stderr[-2000:]
    assert result["report"]["pages"] == 1 + TITLES * (1 + len(SUBPAGES))
    assert [unread_subpages(film) for film in result["films"]] == [[], []]
    assert "page budget: 100 pages, not reached" in result["run"].stdout
