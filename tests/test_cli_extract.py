"""`filmcrawl extract`: the crawl's parsing and validation on saved pages, JSON Lines out, one line per failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.cli import main
from schemas import SCHEMA_VERSION
from tests.fixture_cases import FIXTURES

GRAPH_PAGE = FIXTURES / "generic/film/red-shoes-1948-jsonld-graph.html"
IMDB_PAGE = FIXTURES / "imdb/title/red-shoes-1948-title-wrapper-2017.html"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict], list[str]]:
    code = main(["extract", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err.splitlines()


def test_extract_should_print_validated_json_lines_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, records, errors = run(capsys, str(GRAPH_PAGE))
    assert code == 0 and errors == []
    assert [(r["type"], r["title"], r["schema_version"]) for r in records] == [
        ("film", "The Red Shoes", SCHEMA_VERSION)
    ]


@pytest.mark.parametrize(
    ("args", "source"),
    [
        # the site comes from --site, else from the URL's host, else from the page's canonical link
        (["--url", "https://www.imdb.com/title/tt0040725/"], "imdb"),
        (["--site", "imdb"], "imdb"),
        ([], "imdb"),
    ],
)
def test_extract_should_pick_the_site(capsys: pytest.CaptureFixture[str], args: list[str], source: str) -> None:
    code, records, _ = run(capsys, str(IMDB_PAGE), *args)
    assert code == 0
    assert {r["source"] for r in records} == {source}


def test_extract_should_fall_back_to_the_generic_parser_for_unknown_sites(capsys: pytest.CaptureFixture[str]) -> None:
    code, records, _ = run(capsys, str(GRAPH_PAGE), "--url", "https://films.example.org/red-shoes")
    assert code == 0 and records[0]["source"] == "example"


def test_extract_should_name_each_failed_page_and_why(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "about.html"
    empty.write_text("<html><body><p>About this blog</p></body></html>")
    challenge = tmp_path / "challenge.html"
    challenge.write_text("<html><head><title>Just a moment...</title></head><body></body></html>")
    missing = tmp_path / "missing.html"
    code, records, errors = run(capsys, str(GRAPH_PAGE), str(empty), str(challenge), str(missing))
    assert code == 1
    assert len(records) == 1
    assert len(errors) == 3
    assert errors[0].startswith(f"{empty}: PageLayoutError: no_film_data")
    assert errors[1].startswith(f"{challenge}: BlockedPage: cloudflare_challenge")
    assert errors[2].startswith(f"{missing}: cannot read")


def test_extract_should_leave_out_an_implausible_value_and_keep_its_raw_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        '<html><head><script type="application/ld+json">{"@type": "Movie", "name": "X", '
        '"datePublished": "1700-01-01"}</script></head></html>'
    )
    code, records, errors = run(capsys, str(page), "--url", "https://films.example.org/x")
    assert code == 0
    assert (records[0]["year"], records[0]["extraction"]["unparsed"]["year"]) == (None, "1700")
    assert "warning: year left out" in errors[0]
