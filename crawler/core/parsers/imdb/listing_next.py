"""Listing layouts of the Next.js site (Nov 2022 on): rendered list items, page data and JSON-LD.

Rendered markup: `li.ipc-metadata-list-summary-item` rows of
- charts (`cli-title` h3 "1. The Shawshank Redemption", `cli-title-metadata-item` "1994"),
- searches and lists (`dli-title` h3 "1. The Last of Us", `dli-title-metadata-item` "2023–"),
- /find (`find-title-result`, link `a.ipc-metadata-list-summary-item__t`, inline labels "1948", "TV Episode"),
with the star rating in `span.ipc-rating-star--imdb` ("8.7" and an abbreviated "(2.8M)" or exact "(646.623)").
A raw chart response renders only the first rows; `__NEXT_DATA__` and the JSON-LD ItemList hold the whole list:
- chart: pageProps.pageData.chartTitles.edges[] {currentRank, node {id, titleText, releaseYear, ratingsSummary}}
- find: pageProps.titleResults.results[] {id, titleNameText, titleReleaseText} (2022-2023) or
  {listItem {titleId, titleText, releaseYear}} (2024 on)
- search: pageProps.searchResults.titleResults {titleListItems[] {titleId, titleText, releaseYear, ratingSummary},
  total}
- list / watchlist: pageProps.mainColumnData.(list|predefinedList).titleListItemSearch {edges[] {listItem}, total}
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from parsel import Selector

from ..page import Page
from ..presence import first_href
from ..schemaorg import aggregate_rating, text_of
from ..structured import as_list, dig
from .ids import title_id
from .listing_rows import (
    IMDB_BEST,
    IMDB_WORST,
    Row,
    data_count,
    data_rating,
    data_text,
    data_year,
    exact_count,
    has_rank_prefix,
    joined,
    leading_year,
    rating_value,
    split_rank,
    text,
)

ITEMS = (
    "//ul[contains(@class,'ipc-metadata-list')]/li[contains(@class,'ipc-metadata-list-summary-item')]"
    "[.//*[contains(@class,'dli-title') or contains(@class,'cli-title')] or contains(@class,'find-title-result')]"
)
ITEM_TITLE_BLOCK = ".//*[contains(@class,'dli-title') or contains(@class,'cli-title')]"
ITEM_HEADING = ITEM_TITLE_BLOCK + "//h3[contains(@class,'ipc-title__text')]"
ITEM_HEADING_LINK = ITEM_TITLE_BLOCK + "//a[contains(@href,'/title/')]/@href"
ITEM_METADATA = ".//*[contains(@class,'dli-title-metadata-item') or contains(@class,'cli-title-metadata-item')]//text()"
FIND_LINK = ".//a[contains(@class,'ipc-metadata-list-summary-item__t')]"
# The first inline list is the row's own "1948 · TV Episode"; later ones name the series and its years.
FIND_LABELS = (
    "(.//ul[contains(@class,'ipc-metadata-list-summary-item__tl')])[1]"
    "//*[contains(@class,'ipc-metadata-list-summary-item__li')]//text()"
)
ANY_TITLE_LINK = ".//a[contains(@href,'/title/')]/@href"
STAR = ".//span[contains(@class,'ipc-rating-star--imdb')]"
STAR_VALUE = "./span[contains(@class,'ipc-rating-star--rating')]//text()"
STAR_OWN_TEXT = "./text()"
STAR_VOTES = "./span[contains(@class,'ipc-rating-star--voteCount')]//text()"
NEXT_PAGE_LINK = (
    "//a[contains(@data-testid,'pagination-nxt') or contains(@data-testid,'pagination-next')]/@href"
    " | //link[@rel='next']/@href"
)

CHART_EDGES = ("props", "pageProps", "pageData", "chartTitles", "edges")
FIND_RESULTS = ("props", "pageProps", "titleResults", "results")
SEARCH_RESULTS = ("props", "pageProps", "searchResults", "titleResults")
LIST_SEARCHES = (
    ("props", "pageProps", "mainColumnData", "list", "titleListItemSearch"),
    ("props", "pageProps", "mainColumnData", "predefinedList", "titleListItemSearch"),
)
LIST_NAMES = (
    ("props", "pageProps", "mainColumnData", "list", "name", "originalText"),
    ("props", "pageProps", "aboveTheFoldData", "name", "originalText"),
)


def rendered_rows(sel: Selector) -> list[Row]:
    items = _ITEMS(sel.root) if isinstance(sel.root, etree._Element) else []
    headings = [text(" ".join(t for heading in _ITEM_HEADING(item) for t in _TEXTS(heading))) for item in items]
    # "1. Title" numbering is stripped only when every heading carries it, so "1917" or "9. April" stay whole.
    numbered = bool(headings) and all(has_rank_prefix(h) for h in headings if h)
    rows: list[Row] = []
    for item, heading in zip(items, headings):
        row = _find_item(item) if heading is None else _titled_item(item, heading, numbered)
        if row is not None:
            row.rating_value, row.rating_count = _star(item)
            rows.append(row)
    return rows


def _titled_item(item: Any, heading: str, numbered: bool) -> Row | None:
    tt = title_id(_first(_ITEM_HEADING_LINK(item)) or _first(_ANY_TITLE_LINK(item)))
    if not tt:
        return None
    rank, title = split_rank(heading) if numbered else (None, heading)
    metadata = [t for t in (text(s) for s in _ITEM_METADATA(item)) if t]
    return Row(tt=tt, title=title, rank=rank, year=leading_year(metadata[0]) if metadata else None)


def _find_item(item: Any) -> Row | None:
    links = _FIND_LINK(item)
    tt = title_id(links[0].get("href") if links else None)
    if not tt:
        return None
    labels = [t for t in (text(s) for s in _FIND_LABELS(item)) if t]
    year = next((leading_year(label) for label in labels if leading_year(label)), None)
    return Row(tt=tt, title=joined([t for link in links for t in _TEXTS(link)]), year=year)


def _star(item: Any) -> tuple[Any, int | None]:
    stars = _STAR(item)
    if not stars:
        return None, None
    star = stars[0]
    value = rating_value(joined(_STAR_VALUE(star)) or joined(_STAR_OWN_TEXT(star)))
    return value, exact_count(joined(_STAR_VOTES(star)))


# Rows are read with the queries above compiled once and run on lxml elements: a page of hundreds of rows
# asks each of them once per row, and parsel's Selector per result cost more than the query.
def _compiled(query: str) -> etree.XPath:
    return etree.XPath(query, smart_strings=False)


def _first(found: list[Any]) -> Any:
    return found[0] if found else None


_TEXTS = _compiled(".//text()")
(
    _ITEMS,
    _ITEM_HEADING,
    _ITEM_HEADING_LINK,
    _ITEM_METADATA,
    _FIND_LINK,
    _FIND_LABELS,
    _ANY_TITLE_LINK,
    _STAR,
    _STAR_VALUE,
    _STAR_OWN_TEXT,
    _STAR_VOTES,
) = map(
    _compiled,
    (
        ITEMS,
        ITEM_HEADING,
        ITEM_HEADING_LINK,
        ITEM_METADATA,
        FIND_LINK,
        FIND_LABELS,
        ANY_TITLE_LINK,
        STAR,
        STAR_VALUE,
        STAR_OWN_TEXT,
        STAR_VOTES,
    ),
)


def data_rows(page: Page) -> tuple[list[Row], int | None]:
    """Rows of the page data and the whole list's size when it is stated there."""
    data = page.next_data
    if not data:
        return [], None
    edges = dig(data, *CHART_EDGES)
    if isinstance(edges, list):
        rows = [_title_node(e.get("node"), e.get("currentRank")) for e in edges if isinstance(e, dict)]
        return [r for r in rows if r], None
    results = dig(data, *FIND_RESULTS)
    if isinstance(results, list):
        return [r for r in (_find_result(x) for x in results) if r], None
    search = dig(data, *SEARCH_RESULTS)
    if isinstance(search, dict) and isinstance(search.get("titleListItems"), list):
        return [r for r in (_title_node(x) for x in search["titleListItems"]) if r], data_count(search.get("total"))
    for path in LIST_SEARCHES:
        found = dig(data, *path)
        if isinstance(found, dict) and isinstance(found.get("edges"), list):
            rows = [
                _title_node(e.get("listItem") or e.get("node"), dig(e, "node", "absolutePosition"))
                for e in found["edges"]
                if isinstance(e, dict)
            ]
            return [r for r in rows if r], data_count(found.get("total"))
    return [], None


def _title_node(node: Any, rank: Any = None) -> Row | None:
    if not isinstance(node, dict):
        return None
    tt = node.get("titleId") or node.get("id")
    if not isinstance(tt, str) or not tt.startswith("tt"):
        return None
    value, votes = data_rating(node.get("ratingsSummary") or node.get("ratingSummary"))
    return Row(
        tt=tt,
        title=data_text(node.get("titleText")),
        year=data_year(node.get("releaseYear")),
        rank=data_count(rank) or None,
        rating_value=value,
        rating_count=votes,
    )


def _find_result(result: Any) -> Row | None:
    if not isinstance(result, dict):
        return None
    if isinstance(result.get("listItem"), dict):
        return _title_node(result["listItem"])
    tt = result.get("id")
    if not isinstance(tt, str) or not tt.startswith("tt"):
        return None
    return Row(tt=tt, title=data_text(result.get("titleNameText")), year=data_year(result.get("titleReleaseText")))


def json_ld_rows(page: Page) -> list[Row]:
    rows: list[Row] = []
    for item_list in page.of_type("ItemList"):
        for element in as_list(item_list.get("itemListElement")):
            item = element.get("item") if isinstance(element, dict) else None
            item = item if isinstance(item, dict) else element
            if not isinstance(item, dict):
                continue
            tt = title_id(item.get("url") if isinstance(item.get("url"), str) else None)
            if not tt:
                continue
            rating = aggregate_rating(item.get("aggregateRating"), default_best=IMDB_BEST, default_worst=IMDB_WORST)
            position = element.get("position") if isinstance(element, dict) else None
            rows.append(
                Row(
                    tt=tt,
                    title=text_of(item.get("name")),
                    rank=position if isinstance(position, int) and position > 0 else None,
                    rating_value=rating["value"] if rating else None,
                    rating_count=rating.get("count") if rating else None,
                )
            )
    return rows


def json_ld_name(page: Page) -> str | None:
    for item_list in page.of_type("ItemList"):
        name = text_of(item_list.get("name"))
        if name:
            return name
    return None


def data_list_name(page: Page) -> str | None:
    for path in LIST_NAMES:
        name = data_text(dig(page.next_data, *path)) if page.next_data else None
        if name:
            return name
    return None


def next_page(page: Page) -> str | None:
    """NEXT_PAGE_LINK's first link, found by a walk over the page's links (the query visits every node)."""
    return page.absolute(first_href(page.sel, "a", "link", where=_is_next_link))


def _is_next_link(element: Any) -> bool:
    if element.tag == "link":
        return bool(element.get("rel") == "next")
    test_id = element.get("data-testid") or ""
    return "pagination-nxt" in test_id or "pagination-next" in test_id
