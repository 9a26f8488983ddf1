"""Every site filmcrawl knows can be crawled: `filmcrawl crawl SITE` has a spider for it, and a real crawl of the
site's section of the sample site goes from a listing page through to the title pages it lists."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.spiderloader import SpiderLoader

from crawler.core.sites import SITES
from crawler.jobs.crawling import project_settings
from crawler.sample_site import PAGES, SampleSiteServer

ROOT = Path(__file__).resolve().parents[1]


def test_every_known_site_should_have_a_spider() -> None:
    spiders = set(SpiderLoader.from_settings(project_settings()).list())
    assert set(SITES) - spiders == set()


@pytest.mark.parametrize("site", sorted(SITES))
def test_every_known_site_should_have_a_sample_site_section(site: str) -> None:
    assert (PAGES / site / "site.json").is_file()


@pytest.fixture(scope="module")
def sample_site() -> Iterator[dict[str, list[str]]]:
    with SampleSiteServer() as server:
        yield server.start_urls()


@pytest.mark.parametrize("site", sorted(SITES))
def test_a_crawl_should_go_from_a_listing_to_the_title_pages_it_lists(
    site: str, sample_site: dict[str, list[str]], tmp_path: Path
) -> None:
    out = tmp_path / "films.jsonl"
    command = [
        sys.executable,
        "-m",
        "crawler",
        "crawl",
        site,
        "-o",
        str(out),
        "--no-cache",
        "--log-level",
        "WARNING",
        *(arg for url in sample_site[site] for arg in ("--start-url", url)),
    ]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stdout[-1500:] + run.stderr[-1500:]
    assert run.stderr == ""
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    listings = [r for r in records if r["type"] == "listing"]
    films = {r["id"] for r in records if r["type"] == "film"}
    listed = {entry["id"] for listing in listings for entry in listing["entries"] if entry.get("id")}
    assert listings and len(films) >= 2
    assert films <= listed  # every title came from the listing
    assert out.with_name("films.rejects.jsonl").read_text(encoding="utf-8") == ""
