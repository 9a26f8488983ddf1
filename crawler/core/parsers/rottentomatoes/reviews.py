"""Review pages of a movie or a TV season (`/m/<slug>/reviews`, `?type=user`, `/tv/<slug>/s01/reviews`).

Critic reviews come in two markups:
- until 2022, `div.review_table_row`: the critic (`div.critic_name a`, publication `em.critic-publication`),
  the fresh/rotten icon, `div.review_date`, the quote `div.the_review` and "Full Review | Original Score: 4/5";
- since 2023, `div.review-row`: `a.display-name`, `a.publication`, `p.review-text`, and
  `p.original-score-and-url` holding "Full Review | Original Score: 3/5 | Jan 12, 2024".
Audience reviews (`?type=user`) are `li.audience-reviews__item` (2020-2023) or `div.audience-review-row`
(2024+): `audience-reviews__name`, a star display (filled and half stars) or a `score` attribute, the date
in `audience-reviews__duration` and the text in `p.audience-reviews__review`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text, parse_rating
from schemas.record_fields import ReviewFields, ReviewRatingFields

from ..errors import PageLayoutError
from ..fields import iso_date, or_none
from ..ids import digest_id
from ..page import Page
from .common import SOURCE

CRITIC_ROWS = (
    '//div[contains(concat(" ",normalize-space(@class)," ")," review_table_row ")]'
    ' | //div[contains(concat(" ",normalize-space(@class)," ")," review-row ")]'
)
CRITIC_NAME = (
    './/div[contains(@class,"critic_name")]/a[1] | .//a[contains(@class,"display-name")]'
    ' | .//*[@data-qa="review-critic-link"]'
)
PUBLICATION = (
    './/em[contains(@class,"critic-publication")] | .//a[contains(@class,"publication")]'
    ' | .//*[@data-qa="review-publication"]'
)
CRITIC_TEXT = './/div[contains(@class,"the_review")] | .//p[contains(@class,"review-text")]'
CRITIC_DATE = (
    './/div[contains(@class,"review_date")] | .//*[@data-qa="review-date"]'
    ' | .//p[contains(@class,"original-score-and-url")]/span'
)
SCORE_LINE = './/div[contains(@class,"review-link")] | .//p[contains(@class,"original-score-and-url")]'
FULL_REVIEW = (
    './/div[contains(@class,"review-link")]//a/@href | .//p[contains(@class,"original-score-and-url")]//a/@href'
)
SENTIMENT = (
    './/div[contains(@class,"review_icon")]/@class | .//*[starts-with(name(),"score-icon-critic")]/@state'
    ' | .//*[starts-with(name(),"score-icon-critic")]/@sentiment'
)
AUDIENCE_ROWS = (
    '//li[contains(concat(" ",normalize-space(@class)," ")," audience-reviews__item ")]'
    ' | //div[contains(concat(" ",normalize-space(@class)," ")," audience-review-row ")]'
)
AUDIENCE_NAME = (
    './/*[contains(@class,"audience-reviews__name")] | .//*[contains(@class,"audience-reviewer__name")]'
    ' | .//*[@data-qa="review-name"]'
)
AUDIENCE_TEXT = './/*[contains(@class,"audience-reviews__review") and not(contains(@class,"wrap"))]'
AUDIENCE_DATE = './/*[contains(@class,"audience-reviews__duration")]'
STARS_FILLED = './/*[contains(@class,"star-display__filled")]'
STARS_HALF = './/*[contains(@class,"star-display__half")]'
STARS_SCORE = './/rating-stars-group/@score | .//*[@data-qa="review-rating"]/@score'
FILM_LINK = (
    '//a[contains(@class,"sidebar-title") or @data-qa="sidebar-media-link"]'
    ' | //*[contains(@class,"panel-heading")]//a[starts-with(@href,"/m/") or starts-with(@href,"/tv/")]'
)

ORIGINAL_SCORE = re.compile(r"Original Score:\s*([^|]+?)\s*(?:\||$)")
PAGE_TITLE = re.compile(
    r"^(?:(?:Top )?Critic Reviews for |Audience Reviews for |Reviews for )?(?P<title>.+?)"
    r"(?:\s*\((?P<year>\d{4})\))?(?:\s*[-|:]\s*(?:Movie |Audience |Critic )?Reviews)?"
    r"\s*[-|]\s*Rotten Tomatoes\s*$"
)
TITLE_PATH = re.compile(r"^/(m|tv)/([^/]+)(?:/(s\d+))?")
FIVE = Decimal(5)


def is_reviews_page(page: Page) -> bool:
    return bool(page.sel.xpath(CRITIC_ROWS) or page.sel.xpath(AUDIENCE_ROWS))


def parse(page: Page) -> list[ReviewFields]:
    film = _film(page)
    reviews = [r for row in page.sel.xpath(CRITIC_ROWS) if (r := _critic(page, row, film))]
    reviews += [r for row in page.sel.xpath(AUDIENCE_ROWS) if (r := _audience(page, row, film))]
    if not reviews:
        raise PageLayoutError("no_reviews", f"Rotten Tomatoes reviews page without review items at {page.url}")
    return reviews


def _film(page: Page) -> ReviewFields:
    found: ReviewFields = {}
    path = TITLE_PATH.match(urlsplit(page.url).path)
    if path:
        found["film_id"] = f"{SOURCE}:{path.group(1)}/{path.group(2)}" + (f"/{path.group(3)}" if path.group(3) else "")
    title = clean_text(page.sel.xpath(FILM_LINK).xpath("string()").get() or "")
    page_title = PAGE_TITLE.match(clean_text(page.sel.xpath("//title/text()").get() or ""))
    if not title and page_title:
        title = page_title.group("title")
    if title:
        found["film_title"] = title
    if page_title and page_title.group("year"):
        found["film_year"] = int(page_title.group("year"))
    return found


def _base(page: Page, kind: Literal["user", "critic"], author: str, text: str, film: ReviewFields) -> ReviewFields:
    return {
        "type": "review",
        "source": SOURCE,
        "kind": kind,
        "url": page.url,
        "id": f"{SOURCE}:{digest_id(page.url, author, text)}",
        **film,
    }


def _dated(record: ReviewFields, raw: str) -> None:
    if not raw:
        return
    record["date_raw"] = raw
    if date := iso_date(raw):
        record["date"] = date


def _critic(page: Page, row: Any, film: ReviewFields) -> ReviewFields | None:
    text = clean_text(row.xpath(CRITIC_TEXT).xpath("string()").get() or "")
    author = clean_text(row.xpath(CRITIC_NAME).xpath("string()").get() or "")
    publication = clean_text(row.xpath(PUBLICATION).xpath("string()").get() or "")
    if not text and not author:
        return None
    record = _base(page, "critic", author, text, film)
    if author or publication:
        record["author"] = author or publication  # a review signed by its publication only
    if publication:
        record["publication"] = publication
    author_link = row.xpath(CRITIC_NAME).xpath("@href").get()
    if author and author_link and page.absolute(author_link):
        record["author_url"] = page.absolute(author_link)
    if text:
        record["text"] = text
    _dated(record, clean_text(row.xpath(CRITIC_DATE).xpath("string()").get() or ""))
    score = ORIGINAL_SCORE.search(clean_text(row.xpath(SCORE_LINE).xpath("string()").get() or ""))
    if score:
        record["rating"] = original_score(score.group(1))
    return record


def original_score(raw: str) -> ReviewRatingFields:
    """The critic's own score: "4/5" and "3.5/4" read on their scale; a letter grade ("B+") kept raw."""
    rating = or_none(parse_rating, raw)
    if rating is None:
        return {"raw": raw}
    return {"value": rating.value, "best": rating.best, "raw": raw}


def _audience(page: Page, row: Any, film: ReviewFields) -> ReviewFields | None:
    text = clean_text(row.xpath(AUDIENCE_TEXT).xpath("string()").get() or "")
    author = clean_text(row.xpath(AUDIENCE_NAME).xpath("string()").get() or "")
    if not text:
        return None
    record = _base(page, "user", author, text, film)
    if author:
        record["author"] = author
    record["text"] = text
    _dated(record, clean_text(row.xpath(AUDIENCE_DATE).xpath("string()").get() or ""))
    stars = _stars(row)
    if stars is not None:
        record["rating"] = {"value": stars, "best": FIVE}
    return record


def _stars(row: Any) -> Decimal | None:
    score = (row.xpath(STARS_SCORE).get() or "").strip()
    if score:
        try:
            value = Decimal(score)
        except ArithmeticError:
            return None
        return value if value.is_finite() and 0 <= value <= FIVE else None
    filled, half = len(row.xpath(STARS_FILLED)), len(row.xpath(STARS_HALF))
    if not filled and not half:
        return None
    value = Decimal(filled) + Decimal(half) / 2
    return value if value <= FIVE else None
