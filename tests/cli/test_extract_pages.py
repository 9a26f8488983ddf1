"""`filmcrawl extract` reads each page with its own URL: one --url is never spread over several pages, pages
are paired with URLs by PAGE=URL or a manifest, a page whose canonical link names another page is read with
a warning, and an unknown --site is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.sample_site import PAGES
from tests.cli.run import filmcrawl, json_lines

FILM_1948 = PAGES / "imdb/title-tt0040725.html"
FILM_2025 = PAGES / "imdb/title-tt9990025.html"
URL_1948 = "https://www.imdb.com/title/tt0040725/"
URL_2025 = "https://www.imdb.com/title/tt9990025/"


def films(stdout: str) -> list[tuple[str, int]]:
    return [(r["id"], r["year"]) for r in json_lines(stdout) if r["type"] == "film"]


def test_one_url_for_several_pages_should_be_refused() -> None:
    run = filmcrawl("extract", "--url", URL_1948, FILM_1948, FILM_2025)
    assert run.returncode == 2
    assert run.stdout == ""
    assert "--url gives one URL for 2 pages" in run.stderr and "PAGE=URL" in run.stderr


def test_pages_paired_with_their_urls_should_keep_their_own_ids() -> None:
    run = filmcrawl("extract", f"{FILM_1948}={URL_1948}", f"{FILM_2025}={URL_2025}")
    assert run.returncode == 0, run.stderr
    assert films(run.stdout) == [("imdb:tt0040725", 1948), ("imdb:tt9990025", 2025)]
    assert run.stderr == ""


@pytest.mark.parametrize(
    "manifest",
    [
        # lines "PAGE URL", with a comment; JSON object; JSON list (the eval's GOLD.json shape: "file" and "url")
        f"# saved pages\n{FILM_1948} {URL_1948}\n\n{FILM_2025}  {URL_2025}\n",
        json.dumps({str(FILM_1948): URL_1948, str(FILM_2025): URL_2025}),
        json.dumps([{"page": str(FILM_1948), "url": URL_1948}, {"file": str(FILM_2025), "url": URL_2025}]),
    ],
    ids=["lines", "json-object", "json-list"],
)
def test_a_manifest_should_pair_pages_with_urls(manifest: str, tmp_path: Path) -> None:
    path = tmp_path / "pages.txt"
    path.write_text(manifest, encoding="utf-8")
    run = filmcrawl("extract", "--manifest", path)
    assert run.returncode == 0, run.stderr
    assert films(run.stdout) == [("imdb:tt0040725", 1948), ("imdb:tt9990025", 2025)]


def test_manifest_paths_should_be_read_from_the_manifest_folder(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(FILM_2025.read_bytes())
    (tmp_path / "pages.txt").write_text(f"page.html {URL_2025}\n", encoding="utf-8")
    run = filmcrawl("extract", "--manifest", tmp_path / "pages.txt")
    assert run.returncode == 0, run.stderr
    assert films(run.stdout) == [("imdb:tt9990025", 2025)]


@pytest.mark.parametrize(
    ("manifest", "error"),
    [
        ("page.html\n", "pages.txt:1: expected 'PAGE URL'"),
        ("page.html ftp://example.org/x\n", "entry 1: expected a page path and an http(s) URL"),
        ("[1, 2]", "entry 1: expected a page path and an http(s) URL"),
        ("{not json", "not JSON"),
    ],
)
def test_a_broken_manifest_should_be_refused(manifest: str, error: str, tmp_path: Path) -> None:
    (tmp_path / "pages.txt").write_text(manifest, encoding="utf-8")
    run = filmcrawl("extract", "--manifest", tmp_path / "pages.txt")
    assert run.returncode == 2 and run.stdout == ""
    assert error in run.stderr
    assert "Traceback" not in run.stderr


def test_a_page_whose_canonical_url_names_another_page_should_warn() -> None:
    run = filmcrawl("extract", "--url", URL_1948, FILM_2025)
    assert run.returncode == 0
    warnings = run.stderr.splitlines()
    assert len(warnings) == 1
    assert f"canonical URL {URL_2025} is not the URL given, {URL_1948}" in warnings[0]


@pytest.mark.parametrize(
    ("canonical", "given", "disagree"),
    [
        (URL_1948, URL_1948, False),
        (URL_1948, "http://imdb.com/title/tt0040725", False),  # another scheme, host spelling, no slash
        (URL_1948, URL_1948 + "fullcredits", False),  # a sub-page of the canonical page
        ("http://www.imdb.com/title/tt0166222/", "http://akas.imdb.com/title/tt0166222/", False),  # a host of the site
        ("https://films.example.org/red-shoes", "https://m.films.example.org/red-shoes/", False),
        ("https://films.example.org/red-shoes", "https://films.example.org/red-shoes-2025", True),
        (None, URL_1948, False),  # no canonical link: nothing to compare
        (URL_2025, URL_1948, True),
        (URL_1948, "https://letterboxd.com/film/the-red-shoes/", True),
    ],
)
def test_canonical_disagreement(canonical: str | None, given: str, disagree: bool) -> None:
    from crawler.jobs.commands.extract import canonical_disagreement

    assert canonical_disagreement(canonical, given) is disagree


@pytest.mark.parametrize("site", ["imbd", "IMDB", "rotten", "reviews"])
def test_an_unknown_site_should_be_refused_with_the_known_slugs(site: str) -> None:
    run = filmcrawl("extract", "--site", site, FILM_1948)
    assert run.returncode == 2 and run.stdout == ""
    assert f"unknown site {site!r}" in run.stderr
    assert (
        "known: csfd, fandango_at_home, flixster, imdb, letterboxd, metacritic, rottentomatoes, wikipedia, "
        "generic" in run.stderr
    )


@pytest.mark.parametrize(("site", "source"), [("imdb", "imdb"), ("generic", "imdb")])
def test_known_sites_and_generic_should_stay_allowed(site: str, source: str) -> None:
    run = filmcrawl("extract", "--site", site, FILM_1948)
    assert run.returncode == 0, run.stderr
    assert {r["source"] for r in json_lines(run.stdout)} == {source}
