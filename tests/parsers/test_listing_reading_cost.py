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
