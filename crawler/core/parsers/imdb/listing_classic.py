"""Listing layouts of the server-rendered site (to early 2023): chart tables, /find tables, lister items.

- chart table (2010s to early 2023): `tbody.lister-list` rows with `td.titleColumn` ("1. <a>Title</a> (1994)"),
  `td.ratingColumn strong[title="9.2 based on 1,234 user ratings"]` and `span[name=nv][data-value]`.
- chart table before 2010: a plain table headed "Rank | Rating | Title | Votes" (bold cells), rows "1." | "9.1" |
  "<a>The Shawshank Redemption</a> (1994)" | "428,329".
- /find (to Nov 2022): `div.findSection` blocks headed `h3.findSectionHeader` with `<a name="tt">` for titles
  (names, keywords, companies and characters sections are not film entries); rows `tr.findResult` whose
  `td.result_text` prints "<a>Title</a> (2015) (TV Episode)" and, in `<small>`, the series it belongs to.
- /find before 2012: bold headings "Popular Titles", "Titles (Exact Matches)", "Titles (Partial Matches)",
  "Titles (Approx Matches)", each followed by a plain table whose rows print "1." and
  "<a>Title</a> (2003) (TV)"; a series' title is quoted ('"Metric Revolution..." (2007) (TV series)').
- lister items (search and user lists, 2017-2023): `div.lister-item` with `h3.lister-item-header`
  ("<span.lister-item-index>1.</span> <a>Title</a> <span.lister-item-year>(1948)</span>"),
  `div.ratings-imdb-rating[data-value]` / `div.ipl-rating-star span.ipl-rating-star__rating`,
  `span[name=nv][data-value]`; paging in `a.lister-page-next` / `a.next-page`.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from parsel import Selector

from crawler.core.normalize import whole_number

from ..page import Page
from ..presence import class_has, first_href, holds
from .ids import title_id
from .listing_rows import (
    Row,
    count_in_phrase,
    exact_count,
    joined,
    rank_number,
    rating_value,
    text,
    year_in_parens,
)

# 2013-2014: the same rows in `table.chart > tbody` without a class, the IMDb rating in the first
# `td.ratingColumn` (the second holds the reader's own star widget, with another average).
CHART_ROWS = (
    "//tbody[contains(@class,'lister-list')]/tr[td[contains(@class,'titleColumn')]]"
    " | //table[contains(concat(' ',normalize-space(@class),' '),' chart ')]/tbody/tr[td[contains(@class,'titleColumn')]]"
)
CHART_TITLE_CELL = "./td[contains(@class,'titleColumn')]"
CHART_LINK = "./td[contains(@class,'titleColumn')]/a[contains(@href,'/title/')][1]"
CHART_RANK_TEXT = "./td[contains(@class,'titleColumn')]/text()[normalize-space()][1]"
CHART_RANK_DATA = ".//span[@name='rk']/@data-value"
CHART_YEAR = "./td[contains(@class,'titleColumn')]/span[contains(@class,'secondaryInfo')]/text()"
CHART_RATING = (
    "./td[contains(@class,'imdbRating')]/strong"
    " | ./td[contains(@class,'ratingColumn')][1][not(../td[contains(@class,'imdbRating')])]/strong"
)
CHART_VOTES_DATA = ".//span[@name='nv']/@data-value"

# The table whose header row names its columns "Rank", "Rating", "Title" and "Votes".
OLD_CHART_ROWS = (
    "//table[tr[1][td[1][normalize-space()='Rank'] and td[normalize-space()='Title'] and td[normalize-space()='Votes']]]"
    "/tr[td[3]//a[starts-with(@href,'/title/tt')]]"
)

FIND_TITLE_SECTIONS = "//div[contains(@class,'findSection')][h3[contains(@class,'findSectionHeader')]/a[@name='tt']]"
FIND_ROWS_IN_SECTION = ".//table[contains(@class,'findList')]//tr[contains(@class,'findResult')]"
FIND_ANY_ROWS = "//table[contains(@class,'findList')]//tr[contains(@class,'findResult')]"
FIND_LINK = "./td[contains(@class,'result_text')]/a[1]"
# The heading is a <b> in a <p> that the parser closes before the table, so the table follows the <p>.
OLD_FIND_TABLES = (
    "//p[b[starts-with(normalize-space(),'Popular Titles') or starts-with(normalize-space(),'Titles')]]"
    "/following-sibling::*[1][self::table]"
)
OLD_FIND_ROWS = "./tr[td/a[starts-with(@href,'/title/tt')][normalize-space()]]"
OLD_FIND_CELL = "./td[a[starts-with(@href,'/title/tt')][normalize-space()]][1]"
OLD_FIND_OWN_TEXT = "./text()"
FIND_OWN_TEXT = "./td[contains(@class,'result_text')]/text()"

LISTER_ITEMS = (
    "//div[contains(@class,'lister-list')]/div[contains(concat(' ',normalize-space(@class),' '),' lister-item ')]"
)
# h3 in the detailed views, span in the simple one. An episode result names its series first:
# "1. <a>Series</a> (2008–2013) Episode: <a>Episode</a> (2013)"; the entry is the last title link.
LISTER_HEADER = ".//*[contains(@class,'lister-item-header')][1]"
LISTER_LINKS_AND_YEARS = ".//a[contains(@href,'/title/')] | .//span[contains(@class,'lister-item-year')]"
LISTER_INDEX = ".//span[contains(@class,'lister-item-index')]/text()"
LISTER_RATING_DATA = ".//div[contains(@class,'ratings-imdb-rating')]/@data-value"
LISTER_RATING_TEXT = (
    ".//div[contains(@class,'ratings-imdb-rating')]/strong/text()"
    " | .//div[contains(@class,'col-imdb-rating')]/strong/text()"
    " | .//div[contains(@class,'ipl-rating-star') and not(contains(@class,'small'))]"
    "/span[contains(@class,'ipl-rating-star__rating')]/text()"
)
LISTER_RATING_PHRASE = ".//div[contains(@class,'col-imdb-rating')]/strong/@title"
LISTER_VOTES_DATA = ".//span[@name='nv']/@data-value"

NEXT_PAGE_LINK = (
    "//a[contains(@class,'lister-page-next') or contains(concat(' ',normalize-space(@class),' '),' next-page ')]/@href"
)
# The whole size: "100 titles" on lists, "1-50 of 3,269 titles." on searches, "Showing 250 Titles" on charts.
LISTER_TOTALS = (
    "//div[contains(@class,'lister-total-num-results')]//text()",
    "(//div[contains(concat(' ',normalize-space(@class),' '),' desc ')]/span)[1]//text()",
)

# A 2023 chart prints its size above the rows: "<span data-testid="chart-layout-total-items">250 Titles</span>".
CHART_TOTAL = '//*[@data-testid="chart-layout-total-items"]//text()'


def chart_rows(sel: Selector) -> list[Row]:
    rows: list[Row] = []
    if not holds(sel, "tbody", where=class_has("lister-list")) and not holds(sel, "table", where=class_has("chart")):
        return rows  # not a chart (CHART_ROWS)
    for tr in _rows(_CHART_ROWS, sel):
        link = _first(_CHART_LINK(tr))
        tt = title_id(link.get("href") if link is not None else None)
        if link is None or not tt:
            continue
        strongs = _CHART_RATING(tr)
        strong = _first(strongs)
        votes = _first(_CHART_VOTES_DATA(tr))
        rows.append(
            Row(
                tt=tt,
                title=joined(_TEXTS(link)),
                year=year_in_parens(_first(_CHART_YEAR(tr))),
                rank=rank_number(_first(_CHART_RANK_TEXT(tr))) or rank_number(_first(_CHART_RANK_DATA(tr))),
                rating_value=rating_value(joined([t for s in strongs for t in _TEXTS(s)])) if strongs else None,
                rating_count=(exact_count(votes) if votes and votes.isdigit() else None)
                or (count_in_phrase(strong.get("title")) if strong is not None else None),
            )
        )
    return rows


def old_chart_rows(sel: Selector) -> list[Row]:
    rows: list[Row] = []
    if not holds(sel, "table"):
        return rows  # OLD_CHART_ROWS
    for tr in sel.xpath(OLD_CHART_ROWS):
        cells = tr.xpath("./td")
        link = cells[2].xpath(".//a[starts-with(@href,'/title/tt')][1]")
        tt = title_id(link.attrib.get("href") if link else None)
        title = joined(link.xpath(".//text()").getall())
        if not tt or not title:
            continue
        votes = joined(cells[3].xpath(".//text()").getall()) if len(cells) > 3 else None
        rows.append(
            Row(
                tt=tt,
                title=title,
                year=year_in_parens(
                    " ".join(cells[2].xpath(".//a/following-sibling::text() | ./font/text()").getall())
                ),
                rank=rank_number(joined(cells[0].xpath(".//text()").getall())),
                rating_value=rating_value(joined(cells[1].xpath(".//text()").getall())),
                rating_count=exact_count(votes),
            )
        )
    return rows


def find_rows(sel: Selector) -> list[Row]:
    """Rows of the Titles section only; a page without section anchors keeps the rows that link to titles."""
    if not holds(sel, "table", where=class_has("findList")):
        return []  # not a /find page (FIND_ROWS_IN_SECTION, FIND_ANY_ROWS)
    sections = _rows(_FIND_TITLE_SECTIONS, sel)
    trs = (
        [tr for section in sections for tr in _FIND_ROWS_IN_SECTION(section)]
        if sections
        else _rows(_FIND_ANY_ROWS, sel)
    )
    rows: list[Row] = []
    for tr in trs:
        links = _FIND_LINK(tr)
        tt = title_id(links[0].get("href") if links else None)
        if not tt:
            continue
        # The row's own text follows the link up to the first <br>/<small>: "(2015) (TV Episode)".
        own = " ".join(_FIND_OWN_TEXT(tr))
        rows.append(Row(tt=tt, title=joined([t for link in links for t in _TEXTS(link)]), year=year_in_parens(own)))
    return rows


def old_find_rows(sel: Selector) -> list[Row]:
    """Rows of the title blocks of a /find page before 2012, in page order (popular, then exact, partial, approx)."""
    rows: list[Row] = []
    if not holds(sel, "table"):
        return rows  # OLD_FIND_TABLES
    for tr in sel.xpath(OLD_FIND_TABLES).xpath(OLD_FIND_ROWS):
        cell = tr.xpath(OLD_FIND_CELL)
        link = cell.xpath("./a[starts-with(@href,'/title/tt')][normalize-space()][1]")
        tt = title_id(link.attrib.get("href") if link else None)
        title = joined(link.xpath(".//text()").getall())
        if not tt or not title:
            continue
        # Series and episodes are printed in quotes; the quotes are a marker, not part of the title.
        if len(title) > 2 and title[0] == title[-1] == '"':
            title = title[1:-1].strip()
        own = " ".join(cell.xpath(OLD_FIND_OWN_TEXT).getall())
        rows.append(Row(tt=tt, title=title, year=year_in_parens(own)))
    return rows


def lister_rows(sel: Selector) -> list[Row]:
    rows: list[Row] = []
    for item in _rows(_LISTER_ITEMS, sel):
        header = _LISTER_HEADER(item)
        link, year_text = _last_title_and_its_year(header)
        tt = title_id(link.get("href") if link is not None else None)
        if link is None or not tt:
            continue
        votes = _first(_LISTER_VOTES_DATA(item))
        rows.append(
            Row(
                tt=tt,
                title=joined(_TEXTS(link)),
                year=year_in_parens(year_text),
                rank=rank_number(next((text for h in header for text in _LISTER_INDEX(h)), None)),
                rating_value=rating_value(_first(_LISTER_RATING_TEXT(item)))
                or rating_value(_first(_LISTER_RATING_DATA(item))),
                rating_count=(exact_count(votes) if votes and votes.isdigit() else None)
                or count_in_phrase(_first(_LISTER_RATING_PHRASE(item))),
            )
        )
    return rows


def _last_title_and_its_year(header: list[Any]) -> tuple[Any, str | None]:
    link: Any = None
    year: str | None = None
    for h in header:
        for node in _LISTER_LINKS_AND_YEARS(h):
            if node.tag == "a":
                link, year = node, None
            elif link is not None and year is None:
                year = joined(_TEXTS(node))
    return link, year


# Rows are read with the queries above compiled once and run on lxml elements: a page of thousands of rows
# asks each of them once per row, and parsel's Selector per result cost more than the query.
def _compiled(query: str) -> etree.XPath:
    return etree.XPath(query, smart_strings=False)


_TEXTS = _compiled(".//text()")
_FIND_TITLE_SECTIONS, _FIND_ROWS_IN_SECTION, _FIND_ANY_ROWS, _FIND_LINK, _FIND_OWN_TEXT = map(
    _compiled, (FIND_TITLE_SECTIONS, FIND_ROWS_IN_SECTION, FIND_ANY_ROWS, FIND_LINK, FIND_OWN_TEXT)
)
_CHART_ROWS, _CHART_LINK, _CHART_RANK_TEXT, _CHART_RANK_DATA, _CHART_YEAR, _CHART_RATING, _CHART_VOTES_DATA = map(
    _compiled, (CHART_ROWS, CHART_LINK, CHART_RANK_TEXT, CHART_RANK_DATA, CHART_YEAR, CHART_RATING, CHART_VOTES_DATA)
)
(
    _LISTER_ITEMS,
    _LISTER_HEADER,
    _LISTER_LINKS_AND_YEARS,
    _LISTER_INDEX,
    _LISTER_RATING_DATA,
    _LISTER_RATING_TEXT,
    _LISTER_RATING_PHRASE,
    _LISTER_VOTES_DATA,
) = map(
    _compiled,
    (
        LISTER_ITEMS,
        LISTER_HEADER,
        LISTER_LINKS_AND_YEARS,
        LISTER_INDEX,
        LISTER_RATING_DATA,
        LISTER_RATING_TEXT,
        LISTER_RATING_PHRASE,
        LISTER_VOTES_DATA,
    ),
)


def _rows(query: etree.XPath, sel: Selector) -> list[Any]:
    return query(sel.root) if isinstance(sel.root, etree._Element) else []


def _first(found: list[Any]) -> Any:
    return found[0] if found else None


def next_page(page: Page) -> str | None:
    """NEXT_PAGE_LINK's first link, found by a walk over the page's links (the query visits every node)."""
    return page.absolute(first_href(page.sel, "a", where=_is_next_link))


def _is_next_link(link: Any) -> bool:
    classes = link.get("class") or ""
    return "lister-page-next" in classes or "next-page" in _XML_SPACE.split(classes)


# XPath's normalize-space() splits on these only.
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_TOTAL_CLASSES = ("lister-total-num-results", "desc")


def lister_total(sel: Selector) -> int | None:
    """The whole result size of "1-50 of 3,269 titles.", "100 titles" or a 2023 chart's "250 Titles"."""
    stated = joined(sel.xpath(CHART_TOTAL).getall())
    if not stated:
        if not holds(sel, "div", where=lambda div: any(word in (div.get("class") or "") for word in _TOTAL_CLASSES)):
            return None  # LISTER_TOTALS
        stated = next((found for found in (joined(sel.xpath(path).getall()) for path in LISTER_TOTALS) if found), None)
    if not stated:
        return None
    words = stated.replace("\u00a0", " ").split()
    if "of" in words:
        words = words[words.index("of") + 1 :]
    digits = words[0].replace(",", "").replace(".", "") if words else ""
    return whole_number(digits)


def heading(sel: Selector) -> str | None:
    return text(" ".join(sel.xpath("(//h1)[1]//text()").getall()))
