"""The listing record every site's list reader gives: the page's address, its heading and next page when shown,
and each title once."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers.listing_record import each_title_once, listing_record
from crawler.core.parsers.page import Page
from schemas.record_fields import ListingEntryFields

CANONICAL = '<html><head><link rel="canonical" href="https://example.org/chart/"></head><body></body></html>'
ENTRY: ListingEntryFields = {"title": "The Red Shoes", "id": "x:1"}


@pytest.mark.parametrize(
    ("html", "options", "expected"),
    [
        # The canonical address names the list; no heading and no next page: neither key is written.
        (CANONICAL, {}, {"url": "https://example.org/chart/"}),
        ("<html></html>", {}, {"url": "https://example.org/chart?page=1"}),
        # A site whose canonical link names another page keeps the address read.
        (CANONICAL, {"url": "https://example.org/chart?page=1"}, {"url": "https://example.org/chart?page=1"}),
        (
            "<html></html>",
            {"title": "Top films", "next_url": "https://example.org/chart?page=2"},
            {
                "url": "https://example.org/chart?page=1",
                "title": "Top films",
                "next_url": "https://example.org/chart?page=2",
            },
        ),
        ("<html></html>", {"title": "", "next_url": None}, {"url": "https://example.org/chart?page=1"}),
    ],
)
def test_listing_record_should_write_what_the_page_shows(html: str, options: dict, expected: dict) -> None:
    page = Page(Selector(text=html), "https://example.org/chart?page=1")
    record = listing_record(page, source="x", kind="chart", entries=[ENTRY], **options)
    assert record == {"type": "listing", "source": "x", "kind": "chart", "entries": [ENTRY], **expected}


@pytest.mark.parametrize(
    ("entries", "titles"),
    [
        ([ENTRY, None, {"title": "The Red Shoes", "id": "x:1"}], ["x:1"]),
        ([{"title": "A", "id": "x:1"}, {"title": "B", "id": "x:2"}], ["x:1", "x:2"]),
        # Without an id a title is known by its name.
        ([{"title": "A"}, {"title": "A"}, {"title": "B"}], ["A", "B"]),
    ],
)
def test_each_title_once_should_keep_the_first_entry_of_each_title(
    entries: list[ListingEntryFields | None], titles: list[str]
) -> None:
    assert [e.get("id") or e["title"] for e in each_title_once(entries)] == titles
