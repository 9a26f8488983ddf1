"""Metacritic browse lists and search results (`/browse/movie/...`, `/browse/movies/...`, `/search/...`).

Three markups list a product the same way: a link to its `/movie/<slug>` (or `/tv/<slug>`) page holding or
beside its title, a release date, and the Metascore badge.
- 2013-2018 `li.product` (`div.product_title a`, `li.release_date span.data`, `div.metascore_w`), and search
  results `ul.search_results li.result` (`h3.product_title a`, the same release date and Metascore);
- 2019-2022 `table.clamp-list` rows (`a.title h3`, `span.numbered` "1.", `div.clamp-details span`);
- 2023+ `div.c-finderProductCard` (`div.c-finderProductCard_title` "1. The Godfather", `_meta span` date,
  `c-siteReviewScore`), and search results `c-pageSiteSearch-results-item`.
The title is the heading inside the item (a 2023 card's link wraps its whole text); a leading "1." is the rank.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text
from schemas.listing import ListingKind
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..listing_record import each_title_once, listing_record
from ..page import Page
from .common import SOURCE

_OUTSIDE = "ancestor::header or ancestor::footer or ancestor::nav or ancestor::aside"
ITEMS = (
    f'//li[contains(concat(" ",normalize-space(@class)," ")," product ")][not({_OUTSIDE})]'
    f' | //table[contains(@class,"clamp-list")]//tr[.//a[contains(@class,"title")]][not({_OUTSIDE})]'
    f' | //div[contains(concat(" ",normalize-space(@class)," ")," c-finderProductCard ")][not({_OUTSIDE})]'
    f' | //*[contains(concat(" ",normalize-space(@class)," ")," c-pageSiteSearch-results-item ")][not({_OUTSIDE})]'
    f' | //ul[contains(@class,"search_results")]/li[contains(concat(" ",normalize-space(@class)," ")," result ")]'
    f"[not({_OUTSIDE})]"
)
# Search results, as against a browse list: 2013-2018 ul.search_results, 2023+ c-pageSiteSearch items.
SEARCH_MARKER = '//ul[contains(@class,"search_results")]/li | //*[contains(@class,"c-pageSiteSearch-results-item")]'
LINK = './/a[contains(@href,"/movie/") or contains(@href,"/tv/")]/@href'
TITLE = (
    './/*[contains(@class,"c-finderProductCard_title")] | .//a[contains(@class,"title")]//h3'
    ' | .//div[contains(@class,"product_title")]//a | .//h3 | .//p[contains(@class,"g-text-medium-fluid")]'
)
RANK = './/span[contains(@class,"numbered")]'
# The pagination's "next" link: 2023+ c-navigationPagination, 2013-2022 span.flipper.next / a[rel=next].
NEXT_PAGE = (
    '//a[contains(@class,"c-navigationPagination_item--next")]/@href'
    ' | //span[contains(@class,"flipper") and contains(@class,"next")]//a/@href | //a[@rel="next"]/@href'
)
DATE = (
    './/div[contains(@class,"c-finderProductCard_meta")]//span | .//div[contains(@class,"clamp-details")]/span'
    ' | .//li[contains(@class,"release_date")]//span[contains(@class,"data")]'
    ' | .//span[contains(@class,"u-text-uppercase")]'
)
SCORE = './/*[contains(@class,"c-siteReviewScore")] | .//*[contains(@class,"metascore_w")]'
HEADING = "//h1"

TITLE_PATH = re.compile(r"^/(movie|tv)/([^/?#]+)/?$")
LEADING_RANK = re.compile(r"^(\d+)\.\s+")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def is_browse_list(page: Page) -> bool:
    return bool(page.sel.xpath(ITEMS))


def parse(page: Page, *, kind: ListingKind) -> ListingFields:
    entries = each_title_once(_entry(page, item) for item in page.sel.xpath(ITEMS))
    if not entries:
        raise PageLayoutError("no_entries", f"Metacritic list without title entries at {page.url}")
    return listing_record(
        page,
        source=SOURCE,
        kind=kind,
        entries=entries,
        title=clean_text(page.sel.xpath(HEADING).xpath("string()").get() or ""),
        next_url=page.absolute(page.sel.xpath(NEXT_PAGE).get()),
    )


def _text(node: Any) -> str:
    """The node's text with its pieces spaced ("<span>1.</span><span>The Red Shoes</span>")."""
    return clean_text(" ".join(node.xpath(".//text()").getall())) if node else ""


def _entry(page: Page, item: Any) -> ListingEntryFields | None:
    url = page.absolute(item.xpath(LINK).get())
    found = TITLE_PATH.match(urlsplit(url or "").path)
    title = _text(item.xpath(TITLE)[:1])
    if not url or not found or not title:
        return None
    entry: ListingEntryFields = {"title": title, "url": url, "id": f"{SOURCE}:{found.group(1)}/{found.group(2)}"}
    rank = LEADING_RANK.match(title) or LEADING_RANK.match(_text(item.xpath(RANK)[:1]) + " ")
    if rank:
        entry["rank"] = int(rank.group(1))
        entry["title"] = LEADING_RANK.sub("", title) or title
    years = YEAR.findall(_text(item.xpath(DATE)[:1]))
    if len(years) == 1:
        entry["year"] = int(years[0])
    score = _text(item.xpath(SCORE)[:1])
    if score.isdigit() and int(score) <= 100:
        entry["rating"] = {"value": Decimal(score), "best": Decimal(100), "worst": Decimal(0)}
    return entry
