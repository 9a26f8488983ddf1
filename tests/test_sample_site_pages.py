"""The bundled sample site and the parser fixtures share their page files: a fixture that shows a sample-site
page is a link to it (the package holds the file, so `filmcrawl demo` has it when installed), never a copy."""

from __future__ import annotations

from pathlib import Path

from crawler.sample_site import PAGES

FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
