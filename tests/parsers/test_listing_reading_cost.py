"""Listing pages cost what their rows cost: the per-row queries run compiled on each row's element, so the
number of parsel queries a page takes does not grow with its rows."""

from __future__ import annotations

from typing import Any

from parsel import Selector

from bench.site import GeneratedSite
from crawler.core.parsers.imdb import parse


class _CountingSelector(Selector):
    queries = 0

    def xpath(self, query: str, namespaces: Any = None, **kwargs: Any) -> Any:
        type(self).queries += 1
        return super().xpath(query, namespaces, **kwargs)


def _queries_for_list_of(entries: int) -> int:
    _CountingSelector.queries = 0
    sel = _CountingSelector(text=GeneratedSite(entries, entries).list_page(1))
    records = parse(sel, url="https://www.imdb.com/list/ls000000001/")
    listing = next(r for r in records if r["type"] == "listing")
    assert len(listing["entries"]) == entries
    return _CountingSelector.queries


def test_imdb_list_page_should_take_as_many_queries_for_3_rows_as_for_60() -> None:
    assert _queries_for_list_of(3) == _queries_for_list_of(60)


def test_imdb_list_page_should_not_be_searched_for_the_layouts_it_does_not_have(monkeypatch: Any) -> None:
    """Chart, /find and old-table rows, pagination links and stated totals are looked for only on a page that
    holds their elements: each query would visit every node of the page to find nothing."""
    from crawler.core.parsers.imdb import listing_classic, listing_next

    compiled: list[Any] = []
    run_rows = listing_classic._rows

    def recording(query: Any, sel: Selector) -> list[Any]:
        compiled.append(query)
        return run_rows(query, sel)

    monkeypatch.setattr(listing_classic, "_rows", recording)
    asked: list[str] = []

    class Recording(Selector):
        def xpath(self, query: str, namespaces: Any = None, **kwargs: Any) -> Any:
            asked.append(query)
            return super().xpath(query, namespaces, **kwargs)

    page = GeneratedSite(3, 3).list_page(1).replace('class="lister-page-next', 'class="page-link')
    parse(Recording(text=page), url="https://www.imdb.com/list/ls000000001/")
    assert compiled == [listing_classic._LISTER_ITEMS]
    ruled_out = {
        listing_classic.OLD_CHART_ROWS,
        listing_classic.OLD_FIND_TABLES,
        listing_classic.NEXT_PAGE_LINK,
        listing_next.NEXT_PAGE_LINK,
        '//script[@type="application/ld+json"]/text()',
    }
    assert not ruled_out & set(asked)


_LINKS = [
    '<a class="lister-page-next next-page" href="/list/ls1/?page=2">Next</a>',
    '<a class="flat-button next-page" href="?page=3">Next</a>',
    '<a class="next-pages" href="/wrong">x</a><a class="x\tnext-page\n" href="/right">Next</a>',
    '<a class="next-page">no address</a><a class="lister-page-next" href="/second">Next</a>',
    '<a class="page next-page-link" href="/not-a-token">x</a>',
    '<a data-testid="pagination-nxt" href="/next-data">Next</a>',
    '<a data-testid="pagination-next-page" href="/next-page-two">Next</a><link rel="next" href="/after">',
    '<link rel="next" href="/link-first"><a data-testid="pagination-nxt" href="/anchor">Next</a>',
    '<link rel="next nofollow" href="/two-rels"><a class="previous" href="/prev">Prev</a>',
    "",
]


def test_next_page_links_should_be_found_as_their_queries_define_them() -> None:
    from crawler.core.parsers.imdb import listing_classic, listing_next
    from crawler.core.parsers.page import Page

    for links in _LINKS:
        sel = Selector(text=f"<html><head></head><body><div>{links}</div></body></html>")
        page = Page(sel, "https://www.imdb.com/list/ls1/")
        for module in (listing_classic, listing_next):
            expected = page.absolute(sel.xpath(module.NEXT_PAGE_LINK).get())
            assert module.next_page(page) == expected, (module.__name__, links)
