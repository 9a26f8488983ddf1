"""Review pages of a movie or TV show (`/movie/<slug>/critic-reviews`, `/movie/<slug>/user-reviews`, `/tv/...`).

Three markups are read, one review per item:
- 2011-2016 `li.review.critic_review` / `li.review.user_review`: `div.review_critic div.source` (or
  `div.name a` for a user), `div.review_grade`, `div.date` and `div.review_body`;
- 2017-2022 `div.review` blocks: the score badge `div.metascore_w` (`user` among its classes on user reviews),
  `span.source`, `span.author`, `span.date` and the quote in `div.summary` (`span.blurb_expanded` when a
  user review is folded);
- 2023+ `div.c-siteReview`: `c-siteReviewHeader_publicationName` or `_username`, `c-siteReview_criticName`
  ("By Peter Bradshaw"), `c-siteReviewScore`, `c-siteReviewHeader_reviewDate` and `c-siteReview_quote`.
Critic scores are on 100, user scores on 10; which page it is comes from the URL.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text
from schemas.record_fields import ReviewFields

from ..errors import PageLayoutError
from ..fields import iso_date
from ..ids import digest_id
from ..page import Page
from .common import SOURCE

ITEMS = (
    '//div[contains(concat(" ",normalize-space(@class)," ")," c-siteReview ")]'
    ' | //li[contains(concat(" ",normalize-space(@class)," ")," review ")]'
    '[contains(@class,"critic_review") or contains(@class,"user_review")]'
    ' | //div[contains(concat(" ",normalize-space(@class)," ")," review ")][.//div[contains(@class,"summary")]]'
    '[not(ancestor::li[contains(@class,"review")])]'
)
PUBLICATION = (
    './/*[contains(@class,"c-siteReviewHeader_publicationName")] | .//span[contains(@class,"source")]'
    ' | .//div[contains(@class,"review_critic")]//div[contains(@class,"source")]'
)
AUTHOR = (
    './/*[contains(@class,"c-siteReview_criticName")] | .//*[contains(@class,"c-siteReviewHeader_username")]'
    ' | .//span[contains(@class,"author")] | .//div[contains(@class,"review_critic")]//div[contains(@class,"author")]'
    ' | .//div[contains(@class,"review_critic")]//div[contains(@class,"name")]'
)
SCORE = (
    './/*[contains(@class,"c-siteReviewScore")][not(contains(@class,"c-siteReviewScore_background"))]'
    ' | .//div[contains(@class,"metascore_w")] | .//div[contains(@class,"review_grade")]'
)
DATE = (
    './/*[contains(@class,"c-siteReviewHeader_reviewDate")] | .//span[contains(@class,"date")]'
    ' | .//div[contains(@class,"review_critic")]//div[contains(@class,"date")]'
)
TEXT = (
    './/*[contains(@class,"c-siteReview_quote")] | .//span[contains(@class,"blurb_expanded")]'
    ' | .//div[contains(@class,"review_body")][not(.//span[contains(@class,"blurb_expanded")])]'
    ' | .//div[contains(@class,"summary")][not(.//div[contains(@class,"review_body")])]'
)
# The film's own title only: a bare h1 of these pages may be "Critic Reviews".
HEADING = (
    '//*[contains(@class,"c-productSubpageHeader_back")] | //div[contains(@class,"product_title")]//h1'
    ' | //div[contains(@class,"product_page_title")]//h1'
)

# 2017-2022: the header's "Release Date:" line beside the distributor, its value in the span after the label.
RELEASE_DATE = (
    '//span[contains(@class,"release_date")][span[contains(@class,"label")]]/span[not(contains(@class,"label"))]'
)

TITLE_PATH = re.compile(r"^/(movie|tv)/([^/]+)/(critic-reviews|user-reviews)/?$")
# The film's year closing its slug: "black-christmas-2019".
SLUG_YEAR = re.compile(r"-(1[89]\d\d|20\d\d)$")
BY = re.compile(r"^By\s+", re.I)


def parse(page: Page) -> list[ReviewFields]:
    path = TITLE_PATH.match(urlsplit(page.url).path)
    if not path:
        raise PageLayoutError("no_title_slug", f"{page.url} has no /movie/<slug>/<kind>-reviews path")
    kind: Literal["user", "critic"] = "critic" if path.group(3) == "critic-reviews" else "user"
    film: ReviewFields = {"film_id": f"{SOURCE}:{path.group(1)}/{path.group(2)}"}
    title = clean_text(page.sel.xpath(HEADING).xpath("string()").get() or "")
    if title:
        film["film_title"] = title
    year = _year_of_slug_and_release(page, path.group(2))
    if year:
        film["film_year"] = year
    reviews = [r for item in page.sel.xpath(ITEMS) if (r := _review(page, item, kind, film))]
    if not reviews:
        raise PageLayoutError("no_reviews", f"Metacritic reviews page without review items at {page.url}")
    return reviews


def _year_of_slug_and_release(page: Page, slug: str) -> int | None:
    """The header's release date's year, when the page's address closes with that same year: the site tells
    films of one title apart by their year, which a restoration's later release date does not match."""
    named = SLUG_YEAR.search(slug)
    if not named:
        return None
    released = _text(page.sel.xpath(RELEASE_DATE)[:1])
    return int(named.group(1)) if re.search(rf"\b{named.group(1)}\b", released) else None


def _text(node: Any) -> str:
    return clean_text(node.xpath("string()").get() or "") if node else ""


def _review(page: Page, item: Any, kind: Literal["user", "critic"], film: ReviewFields) -> ReviewFields | None:
    text = _text(item.xpath(TEXT)[:1])
    author = BY.sub("", _text(item.xpath(AUTHOR)[:1]))
    publication = _text(item.xpath(PUBLICATION)[:1]) if kind == "critic" else ""
    if not text:
        return None
    signed = author or publication
    record: ReviewFields = {
        "type": "review",
        "source": SOURCE,
        "kind": kind,
        "url": page.url,
        "id": f"{SOURCE}:{digest_id(page.url, signed, text)}",
        **film,
        "text": text,
    }
    if signed:
        record["author"] = signed
    if publication:
        record["publication"] = publication
    date_raw = _text(item.xpath(DATE)[:1])
    if date_raw:
        record["date_raw"] = date_raw
        if date := iso_date(date_raw):
            record["date"] = date
    score = _text(item.xpath(SCORE)[:1])
    best = 100 if kind == "critic" else 10
    if score.isdigit() and int(score) <= best:
        record["rating"] = {"value": Decimal(score), "best": Decimal(best), "raw": score}
    return record
