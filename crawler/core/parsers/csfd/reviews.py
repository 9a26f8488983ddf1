"""A user's reviews (`/uzivatel/<n>-<name>/recenze/`), the layout since 2020: one `article` per review.

div.user-profile h1: the user, who wrote every review of the page;
each review's `[data-film-review]` block: h3.film-title-inline with the film's a.film-title-name
(/film/<n>-<slug>/), its year in span.film-title-info span.info and the user's stars as
span.stars.stars-<0..5> (no stars: not rated); the date in `time` ("23.03.2026"); the text in
`[data-film-review-content]`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text
from schemas.record_fields import ReviewFields

from ..errors import PageLayoutError
from ..fields import iso_date
from ..ids import digest_id
from ..page import Page
from .film import SOURCE
from .listing import FILM_ID, STARS_CLASS

ITEMS = "//*[@data-film-review][.//*[@data-film-review-content]]"
AUTHOR = '//div[contains(@class, "user-profile")]//h1'
FILM_LINK = './/a[contains(@class, "film-title-name")]'
FILM_INFO = './/*[contains(@class, "film-title-info")]//span[contains(@class, "info")]'
STARS = './/*[contains(@class, "film-title-info")]//span[contains(@class, "stars")]/@class'
DATE = ".//time"
TEXT = ".//*[@data-film-review-content]"
USER_PATH = re.compile(r"^(/(?:[a-z]{2}/)?uzivatel/\d+-[^/]+/)")
YEAR = re.compile(r"^\(?((?:18|19|20)\d\d)\)?$")


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(ITEMS))


def parse(page: Page) -> list[ReviewFields]:
    author = clean_text(page.sel.xpath(AUTHOR).xpath("string()").get() or "") or None
    user = USER_PATH.match(urlsplit(page.url).path)
    author_url = page.absolute(user.group(1)) if user else None
    reviews = [review for item in page.sel.xpath(ITEMS) if (review := _review(page, item, author, author_url))]
    if not reviews:
        raise PageLayoutError("no_reviews", f"no reviews on the ČSFD user reviews page {page.url}")
    return reviews


def _review(page: Page, item: Any, author: str | None, author_url: str | None) -> ReviewFields | None:
    text = clean_text(item.xpath(TEXT).xpath("string()").get() or "")
    if not text:
        return None
    review: ReviewFields = {"type": "review", "source": SOURCE, "url": page.url, "kind": "user", "text": text}
    link = item.xpath(FILM_LINK)
    href = link[0].attrib.get("href", "") if link else ""
    found = FILM_ID.search(href)
    if link and found:
        review["film_id"] = f"{SOURCE}:{found.group(2) or found.group(1)}"
        review["film_title"] = clean_text(link[0].xpath("string()").get() or "") or None
    years = [
        m.group(1) for m in (YEAR.match(clean_text(t)) for t in item.xpath(FILM_INFO).xpath("string()").getall()) if m
    ]
    if len(years) == 1:
        review["film_year"] = int(years[0])
    stars = STARS_CLASS.search(" ".join(item.xpath(STARS).getall()))
    if stars:
        review["rating"] = {"value": Decimal(stars.group(1)), "best": Decimal(5)}
    raw = clean_text(item.xpath(DATE).xpath("string()").get() or "")
    if raw:
        review["date_raw"] = raw
        review["date"] = iso_date(raw)
    if author:
        review["author"] = author
    if author_url:
        review["author_url"] = author_url
    review["id"] = f"{SOURCE}:{digest_id(review.get('film_id') or page.url, author, text)}"
    return review
