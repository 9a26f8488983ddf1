"""What a page's structured data decodes to is read once per document and shared by every reader of it (the site
parser and the generic readers each wrap the same Selector in a Page): no reader may change it."""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector

from crawler.core.extraction import extract, resolve_site, selector_for
from crawler.core.parsers import structured
from crawler.core.parsers.errors import PageError
from crawler.core.parsers.page import Page, forget
from tests.fixture_cases import SCRAPED_AT, FixtureCase, all_cases

PAGE = """<html><head><link rel="canonical" href="/film/red-shoes/">
<meta property="og:title" content="The Red Shoes">
<script type="application/ld+json">{"@type": "Movie", "name": "The Red Shoes"}</script>
<script id="__NEXT_DATA__" type="application/json">{"props": {"pageProps": {"id": "tt0040725"}}}</script>
</head><body></body></html>"""


def _decoded(page: Page) -> dict[str, Any]:
    return {
        "json_ld": page.json_ld,
        "microdata": page.microdata,
        "rdfa": page.rdfa,
        "next_data": page.next_data,
        "meta": page.meta("og:title"),
        "canonical_url": page.canonical_url,
    }


def test_every_page_of_one_document_should_share_one_decoded_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[str] = []
    for name in ("json_ld", "next_data", "microdata"):
        original = getattr(structured, name)

        def counted(sel: Selector, _name: str = name, _original: Any = original) -> Any:
            decoded.append(_name)
            return _original(sel)

        monkeypatch.setattr(structured, name, counted)
    sel = Selector(text=PAGE)
    site, generic = Page(sel, "https://films.example/film/red-shoes/"), Page(sel, "https://films.example/x")
    assert site.json_ld is generic.json_ld
    assert site.next_data is generic.next_data
    assert site.microdata is generic.microdata
    assert site.canonical_url == generic.canonical_url == "https://films.example/film/red-shoes/"
    assert sorted(decoded) == ["json_ld", "microdata", "next_data"]
    forget(sel)
    assert Page(sel, "https://films.example/").json_ld == site.json_ld
    assert sorted(decoded) == ["json_ld", "json_ld", "microdata", "next_data"]


def test_each_document_should_be_decoded_on_its_own() -> None:
    other = Selector(text=PAGE.replace("The Red Shoes", "Black Narcissus"))
    assert Page(Selector(text=PAGE), "https://a.example/").json_ld != Page(other, "https://a.example/").json_ld


@pytest.mark.parametrize("case", all_cases(), ids=lambda case: case.name)
def test_reading_a_page_should_leave_its_decoded_data_as_decoded(case: FixtureCase) -> None:
    expected = case.expected()
    url, site = expected["url"], expected["site"]
    sel = selector_for(case.page.read_bytes())
    if sel.type != "html":
        pytest.skip("structured data is read from HTML pages")
    try:
        extract(sel, url=url, site=site, scraped_at=SCRAPED_AT)
    except PageError:
        pass
    # The same page read anew, as the readers saw it (a saved page unwrapped), decoded by no reader before.
    fresh = selector_for(case.page.read_bytes())
    resolve_site(fresh, url=url, site=site)
    assert _decoded(Page(sel, url)) == _decoded(Page(fresh, url))
