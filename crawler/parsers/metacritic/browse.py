"""A Metacritic browse page (`/browse/movie/...`, 2023+ layout): one listing of its product cards.

Each card (`c-finderProductCard`) links its movie page (`/movie/<slug>/`), names the title (its
`c-finderProductCard_title` element's `data-title`, else the heading text, "12. Title" with the rank in front)
and shows the Metascore (`c-siteReviewScore`). The next page is the pagination's "next" link.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from crawler.normalize import clean_text

from ..errors import PageLayoutError
from ..page import Page
from .common import SOURCE, movie_slug

CARDS = '//*[contains(concat(" ", normalize-space(@class), " "), " c-finderProductCard ")]'
CARD_LINK = './/a[contains(@href, "/movie/")]/@href'
CARD_TITLE = './/*[contains(@class, "c-finderProductCard_title")]'
CARD_SCORE = './/*[contains(@class, "c-siteReviewScore")]//span/text()'
CARD_DATE = './/*[contains(@class, "c-finderProductCard_meta")]//span/text()'
NEXT_PAGE = ('//*[contains(@class, "c-navigationPagination")]//a[contains(@class, "next") or @rel="next"]/@href'
             ' | //link[@rel="next"]/@href')

RANKED_TITLE = re.compile(r"^(\d+)\.\s+(.+)$")
YEAR = re.compile(r"\b(18[89]\d|19\d\d|20\d\d)\b")
SCORE = re.compile(r"^\d{1,3}$")


def parse(page: Page) -> dict[str, Any]:
    entries: list[dict[str, Any]] = []
    for card in page.sel.xpath(CARDS):
        url = page.absolute(card.xpath(CARD_LINK).get())
        slug = movie_slug(url)
        heading = card.xpath(CARD_TITLE)
        text = clean_text(heading.xpath("string()").get() or "") if heading else ""
        ranked = RANKED_TITLE.match(text or "")
        title = clean_text(heading.attrib.get("data-title") or "") if heading else ""
        title = title or (ranked.group(2) if ranked else text)
        if not slug or not url or not title:
            continue
        entry: dict[str, Any] = {"title": title, "url": url, "id": f"{SOURCE}:movie/{slug}",
                                 "rank": int(ranked.group(1)) if ranked else len(entries) + 1}
        year = YEAR.search(clean_text(" ".join(card.xpath(CARD_DATE).getall())) or "")
        if year:
            entry["year"] = int(year.group(1))
        score = clean_text(card.xpath(CARD_SCORE).get() or "")
        if score and SCORE.match(score) and int(score) <= 100:
            entry["rating"] = {"value": int(score), "best": 100, "worst": 0}
        entries.append(entry)
    if not entries:
        raise PageLayoutError("no_entries", f"Metacritic browse page without movie cards at {urlsplit(page.url).path}")
    record: dict[str, Any] = {"type": "listing", "source": SOURCE, "url": page.url, "kind": "browse",
                              "entries": entries}
    next_url = page.absolute(page.sel.xpath(NEXT_PAGE).get())
    if next_url:
        record["next_url"] = next_url
    return record
