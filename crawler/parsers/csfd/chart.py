"""A ČSFD chart page (`/zebricky/...`: the best, most popular or most controversial films): one listing.

Each film of the chart is an `article` holding its title link (`a.film-title-name` to `/film/<number>-<slug>/`),
its year in brackets beside it, its position (`.film-title-user`, "12.") and the users' average
(`.rating-average`, "91,2%").
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from crawler.normalize import NormalizeError, clean_text, parse_rating

from ..errors import PageLayoutError
from ..page import Page
from .film import FILM_ID, SOURCE

HEADING = '//h1//text() | //h2[contains(@class, "box-header")]//text()'
ENTRIES = '//article[.//a[contains(@class, "film-title-name")]]'
ENTRY_LINK = './/a[contains(@class, "film-title-name")]'
ENTRY_INFO = './/*[contains(@class, "film-title-info")]//text()'
ENTRY_RANK = './/*[contains(@class, "film-title-user")]//text()'
ENTRY_RATING = './/*[contains(@class, "rating-average")]//text()'
NEXT_PAGE = '//a[contains(@class, "page-next")]/@href'

YEAR = re.compile(r"\((\d{4})\)")
RANK = re.compile(r"^(\d+)\.?$")


def parse(page: Page) -> dict[str, Any]:
    entries = [entry for entry in (_entry(page, article, n) for n, article in enumerate(page.sel.xpath(ENTRIES), 1))
               if entry]
    if not entries:
        raise PageLayoutError("no_entries", f"ČSFD chart without films at {urlsplit(page.url).path}")
    record: dict[str, Any] = {"type": "listing", "source": SOURCE, "url": page.url, "kind": "chart",
                              "entries": entries}
    title = clean_text(" ".join(page.sel.xpath(HEADING).getall()[:1]))
    if title:
        record["title"] = title
    next_url = page.absolute(page.sel.xpath(NEXT_PAGE).get())
    if next_url:
        record["next_url"] = next_url
    return record


def _entry(page: Page, article: Any, position: int) -> dict[str, Any] | None:
    link = article.xpath(ENTRY_LINK)
    url = page.absolute(link.attrib.get("href"))
    title = clean_text(link[0].xpath("string()").get() or "") if link else ""
    match = FILM_ID.search(urlsplit(url).path) if url else None
    if not title or not url or not match:
        return None
    entry: dict[str, Any] = {"title": title, "url": url, "id": f"{SOURCE}:{match.group(2) or match.group(1)}"}
    year = YEAR.search(clean_text(" ".join(article.xpath(ENTRY_INFO).getall())) or "")
    if year:
        entry["year"] = int(year.group(1))
    rank = RANK.match(clean_text(" ".join(article.xpath(ENTRY_RANK).getall())) or "")
    entry["rank"] = int(rank.group(1)) if rank else position
    average = clean_text(" ".join(article.xpath(ENTRY_RATING).getall()))
    if average and average.endswith("%"):
        try:
            rating = parse_rating(average.replace(",", "."), best=100)  # "91,2%": a decimal comma
        except NormalizeError:
            return entry
        entry["rating"] = {"value": rating.value, "best": rating.best, "worst": rating.worst}
    return entry
