"""The bundled sample site and the parser fixtures share their page files: a fixture that shows a sample-site
page is a link to it (the package holds the file, so `filmcrawl demo` has it when installed), never a copy.

A fixture may start from a sample-site page and change its structure to show what the sample site cannot serve
(a next page, another era's layout); such a near-copy is declared in NEAR_COPIES with what it adds. One that
merely changes names and values is a copy by another name: it is refused, and becomes a link.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from crawler.sample_site import PAGES
from tests.fixture_cases import case_of

FIXTURES = Path(__file__).resolve().parent / "fixtures"

NEAR_COPY_RATIO = 0.9
"""Share of lines two pages have in common above which one is a near-copy of the other. The closest
undeclared pair today shares 0.88 of its lines (a fixture with two more list entries than its page)."""

NEAR_COPIES: dict[str, str] = {
    "imdb/reviews/red-shoes-1948-reviews-2019.html": "the 2019 'load more' key, a next page the sample site does not serve",
    "letterboxd/film/the-red-shoes-1948-2015.html": "the 2015 layout: no JSON-LD, every field read from the markup",
}
"""Fixtures that are near-copies of a sample-site page on purpose, with what they show that the page cannot."""


def test_no_fixture_should_be_a_copy_of_a_sample_site_page() -> None:
    pages = {page.read_bytes(): page.resolve() for page in PAGES.rglob("*") if page.is_file()}
    copies = [
        f"{fixture.relative_to(FIXTURES)} copies {pages[body].relative_to(PAGES.resolve())}"
        for fixture in sorted(FIXTURES.rglob("*"))
        if fixture.is_file()
        and (body := fixture.read_bytes()) in pages
        and fixture.resolve() != pages[body]
        and fixture.name != "site.json"
    ]
    assert copies == []


def test_a_shared_page_should_live_in_the_package() -> None:
    links = [fixture for fixture in FIXTURES.rglob("*") if fixture.is_symlink()]
    assert links, "the fixtures read some sample-site pages"
    assert all(link.resolve().is_relative_to(PAGES.resolve()) for link in links)


def test_a_linked_fixture_should_keep_its_expected_file_beside_the_link() -> None:
    link = next(fixture for fixture in sorted(FIXTURES.rglob("*.html")) if fixture.is_symlink())
    assert case_of(link).expected_path == link.with_name(link.stem + ".expected.json")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def _near_copies() -> dict[str, str]:
    """Fixtures that are no link but share more than NEAR_COPY_RATIO of their lines with a sample-site page."""
    pages = [(page, _lines(page)) for page in sorted(PAGES.rglob("*")) if page.is_file() and page.name != "site.json"]
    found: dict[str, str] = {}
    for fixture in sorted(FIXTURES.rglob("*")):
        if fixture.is_symlink() or not fixture.is_file() or fixture.name.endswith(".expected.json"):
            continue
        lines = _lines(fixture)
        for page, page_lines in pages:
            if page.suffix != fixture.suffix:
                continue
            matcher = difflib.SequenceMatcher(None, page_lines, lines, autojunk=False)
            # The cheap upper bounds first: most pairs share too few lines to need the full comparison.
            if matcher.real_quick_ratio() >= NEAR_COPY_RATIO and matcher.quick_ratio() >= NEAR_COPY_RATIO:
                if matcher.ratio() >= NEAR_COPY_RATIO:
                    found[str(fixture.relative_to(FIXTURES))] = str(page.relative_to(PAGES))
    return found


@pytest.fixture(scope="module")
def near_copies() -> dict[str, str]:
    return _near_copies()


def test_no_fixture_should_be_an_undeclared_near_copy_of_a_sample_site_page(near_copies: dict[str, str]) -> None:
    undeclared = {fixture: page for fixture, page in near_copies.items() if fixture not in NEAR_COPIES}
    assert undeclared == {}, "link these fixtures to the sample-site page, or declare what they add in NEAR_COPIES"


def test_every_declared_near_copy_should_still_be_one(near_copies: dict[str, str]) -> None:
    assert sorted(NEAR_COPIES) == sorted(fixture for fixture in near_copies if fixture in NEAR_COPIES)
