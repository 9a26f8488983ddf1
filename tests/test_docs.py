"""What the README and the topic pages under docs/ state about the project holds: their links lead somewhere,
the sample-site addresses in their examples are the ones `filmcrawl sample-site` serves, and the README fits a
newcomer's first screens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.sample_site import sample_sites

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
DEFAULT_BASE_PORT = 8800  # `filmcrawl sample-site --port`'s default
SAMPLE_URL = re.compile(r"crawl (?P<site>[a-z_]+) --start-url http://127\.0\.0\.1:(?P<port>\d+)(?P<path>/\S*)")
LINK = re.compile(r"\]\((?!https?://|#)(?P<target>[^)#]+)(?:#[^)]*)?\)")


def test_the_readme_should_fit_a_first_screen_and_link_every_topic_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    for topic in ("crawling", "distributed", "dataset", "faults", "performance", "adding-a-site", "cli", "sites"):
        assert f"(docs/{topic}.md)" in readme, topic


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_should_lead_to_files_of_the_project(page: Path) -> None:
    for match in LINK.finditer(page.read_text(encoding="utf-8")):
        assert (page.parent / match["target"]).exists(), f"{page.name}: {match['target']}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_sample_site_addresses_in_examples_should_be_the_ones_it_serves(page: Path) -> None:
    ports = {site.slug: DEFAULT_BASE_PORT + offset for offset, site in enumerate(sample_sites())}
    starts = {site.slug: site.start for site in sample_sites()}
    for match in SAMPLE_URL.finditer(page.read_text(encoding="utf-8")):
        site, port, path = match["site"], int(match["port"]), match["path"]
        assert ports.get(site) == port, f"{page.name}: {site} is served on port {ports.get(site)}, not {port}"
        assert path in starts[site], f"{page.name}: {path} is not a start page of the {site} sample site"
