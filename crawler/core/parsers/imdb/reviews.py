"""User review pages: a title's (`/title/tt.../reviews`), a user's (`/user/ur.../reviews`) and one review's
own page (`/review/rw.../`).

Three layouts: 2008-2016 reviews in `div#tn15content`, each a `div` holding "12 out of 15 people found the
following review useful:", the headline `h2`, the rating image (alt "8/10"), "Author:" with the user link,
"from <place>" and the date in `small`, its text in the `p` after the div (a spoiler warning in a `p` of its
own before it); 2017-2023 `div.review-container` items (headline `a.title`, `span.rating-other-user-rating`,
author `span.display-name-link`, `span.review-date`, "23 out of 29 found this helpful.", the next page's
key in `div.load-more-data`), and since 2024 `article.user-review-item` cards (`data-testid` review summary,
author link, up/down vote counts, `tturv-total-reviews`). The 2024+ section is sometimes saved on its own
without any heading naming the film: the film id then comes from the URL only, and stays null without it.

Records: one review per item, a `reviews` listing carrying the total and the next page, and a film record
when the page names the film. A user's reviews page has the title page's items, each opening with a link to
the film it reviews ("The Red Shoes (1948)"): each review names its own film. A review's own page holds that
one item: its review, with no listing.
"""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urlencode, urlsplit

from parsel import Selector, SelectorList

from crawler.core.normalize import helpful_from_votes, parse_helpful
from schemas.record_fields import FilmFields, HelpfulFields, ListingFields, RecordFields, ReviewFields

from ..errors import PageLayoutError
from ..fields import iso_date, or_none
from ..ids import digest_id
from ..page import Page
from .common import BASE, IMDB_BEST, count_of, film_id, film_of_review, multiline, text
from .ids import title_id
from .listing_rows import year_in_parens
from .subpage import film_fields

MARKER = '//article[contains(@class, "user-review-item")] | //div[contains(@class, "review-container")]'
CARDS = '//article[contains(@class, "user-review-item")]'
CARD_RATING = './/span[contains(@aria-label, "rating")]/span[1]'
CARD_HEADLINE = './/*[@data-testid="review-summary"]'
CARD_BODY = './/*[@data-testid="review-overflow"] | .//*[@data-testid="review-spoiler-content"]/div[position() > 1]'
CARD_SPOILER = './/*[@data-testid="review-spoiler-content" or @data-testid="review-spoiler-button"]'
CARD_AUTHOR = './/*[@data-testid="author-link"]'
CARD_DATE = './/*[@data-testid="reviews-author"]//li[not(.//a)]'
CARD_PERMALINK = './/a[contains(@href, "/review/rw")]/@href'
CARD_UP = './/button[@title="Is helpful" or @aria-label="Is helpful"]/following-sibling::span[1]//span[last()]'
CARD_DOWN = (
    './/button[@title="Is not helpful" or @aria-label="Is not helpful"]/following-sibling::span[1]//span[last()]'
)
CARD_UP_PARENT = './/button[@title="Is helpful"]/parent::*/following-sibling::span[1]/span[last()]'
CARD_DOWN_PARENT = './/button[@title="Is not helpful"]/parent::*/following-sibling::span[1]/span[last()]'
TOTAL = '//*[@data-testid="tturv-total-reviews"] | //div[contains(@class, "lister")]/div[contains(@class, "header")]//span[contains(., "Review")]'
OLD_ITEMS = '//div[contains(@class, "review-container")]'
OLD_HEADLINE = './/a[contains(@class, "title")]'
OLD_RATING = './/span[contains(@class, "rating-other-user-rating")]/span[1]'
OLD_AUTHOR = './/span[contains(@class, "display-name-link")]/a'
OLD_DATE = './/span[contains(@class, "review-date")]'
OLD_BODY = './/div[contains(@class, "text") and contains(@class, "show-more__control")]'
OLD_SPOILER = './/span[contains(@class, "spoiler-warning")]'
OLD_HELPFUL = './/div[contains(@class, "actions")]'
LOAD_MORE = '//div[contains(@class, "load-more-data")]'
# On a user's reviews page, an item's own film: the first link to a title page, and the text after it.
ITEM_FILM_LINK = './/a[contains(@href, "/title/tt")][normalize-space()][1]'
ITEM_FILM_AFTER = "concat(following-sibling::text()[1], ' ', following-sibling::*[1])"
CLASSIC_ITEMS = '//div[@id="tn15content"]/div[h2]'
CLASSIC_RATING = './img[re:test(@alt, "^\\d+/10$")]/@alt'
CLASSIC_AUTHOR = './a[contains(@href, "/user/ur")][normalize-space()][1]'
CLASSIC_SMALLS = "./small"
CLASSIC_BODIES = "following-sibling::*[position() <= 2][self::p]"
CLASSIC_VOTE_WIDGET = 'following-sibling::div[contains(@class, "yn")][1]/@id'
CLASSIC_NEXT = '//div[@id="tn15content"]//a[starts-with(normalize-space(), "[Next]") or normalize-space()="Next"]/@href'
CLASSIC_TOTAL = '//div[@id="tn15content"]//td[contains(., "reviews in total")]'
_SPOILER_WARNING = re.compile(r"\*+\s*This review may contain spoilers\s*\*+", re.IGNORECASE)

_OWN_PAGE = re.compile(r"^/review/rw\d+")
_HELPFUL = re.compile(r"(\d[\d,]*)\s+(?:out\s+)?of\s+(\d[\d,]*)")


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def _helpful_text(raw: str | None) -> HelpfulFields | None:
    if not raw:
        return None
    found = or_none(parse_helpful, raw)
    if found is not None:
        return {"yes": found.yes, "total": found.total}
    match = _HELPFUL.search(raw)
    if not match:
        return None
    yes, total = count_of(match.group(1)), count_of(match.group(2))
    return {"yes": yes, "total": total} if yes is not None and total is not None and yes <= total else None


def _votes(card: Selector) -> HelpfulFields | None:
    up = count_of(text(card.xpath(CARD_UP)) or text(card.xpath(CARD_UP_PARENT)))
    down = count_of(text(card.xpath(CARD_DOWN)) or text(card.xpath(CARD_DOWN_PARENT)))
    if up is None or down is None:
        return None
    found = or_none(helpful_from_votes, up, down)
    return {"yes": found.yes, "total": found.total} if found else None


def _review(
    page: Page,
    tt: str | None,
    film: FilmFields,
    *,
    headline: str | None,
    author_link: SelectorList[Selector],
    date_raw: str | None,
    score: str | None,
    body: str | None,
    spoiler: bool,
    helpful: HelpfulFields | None,
    permalink: str | None,
    item: Selector | None = None,
) -> ReviewFields | None:
    if not headline and not body:
        return None
    if not tt and item is not None:
        # A page of several films' reviews (a user's): each item names the film it reviews.
        tt, film = _item_film(item)
    author = text(author_link)
    rw = re.search(r"/review/(rw\d+)", permalink or "")
    record: ReviewFields = {
        "type": "review",
        "source": "imdb",
        "kind": "user",
        "url": page.url,
        "id": f"imdb:{rw.group(1)}" if rw else f"imdb:{digest_id(page.url, author, headline)}",
        "spoiler": spoiler,
    }
    if tt:
        record["film_id"] = film_id(tt)
    record.update(film_of_review(film))
    if headline:
        record["title"] = headline
    if author:
        record["author"] = author
    user = re.search(r"/user/(ur\d+)", author_link.attrib.get("href", "") if author_link else "")
    if user:
        record["author_url"] = f"{BASE}/user/{user.group(1)}/"
    if date_raw:
        record["date_raw"] = date_raw
        if date := iso_date(date_raw):
            record["date"] = date
    if score and re.fullmatch(r"\d+", score):
        record["rating"] = {"value": Decimal(score), "best": IMDB_BEST, "raw": f"{score}/10"}
    if body:
        record["text"] = body
    if helpful:
        record["helpful"] = helpful
    return record


def _item_film(item: Selector) -> tuple[str | None, FilmFields]:
    """The tt id, title and year of the film an item of a user's reviews page opens with."""
    link = item.xpath(ITEM_FILM_LINK)
    tt = title_id(link.attrib.get("href")) if link else None
    if not tt:
        return None, {}
    film: FilmFields = {"type": "film", "source": "imdb"}
    title = text(link)
    if title:
        film["title"] = title
    year = year_in_parens(link.xpath(ITEM_FILM_AFTER).get())
    if year:
        film["year"] = year
    return tt, film


def parse(page: Page, tt: str | None) -> list[RecordFields]:
    sel = page.sel
    film: FilmFields = film_fields(page, tt) if tt else {}
    reviews = []
    for card in sel.xpath(CARDS):
        permalink = card.xpath(CARD_PERMALINK).get()
        review = _review(
            page,
            tt,
            film,
            headline=text(card.xpath(CARD_HEADLINE)),
            author_link=card.xpath(CARD_AUTHOR),
            date_raw=text(card.xpath(CARD_DATE)),
            score=text(card.xpath(CARD_RATING)),
            body=multiline(card.xpath(CARD_BODY)),
            spoiler=bool(card.xpath(CARD_SPOILER)),
            helpful=_votes(card),
            permalink=permalink,
            item=card,
        )
        if review:
            reviews.append(review)
    for item in sel.xpath(OLD_ITEMS):
        link = item.xpath(OLD_HEADLINE)
        review = _review(
            page,
            tt,
            film,
            headline=text(link),
            author_link=item.xpath(OLD_AUTHOR),
            date_raw=text(item.xpath(OLD_DATE)),
            score=text(item.xpath(OLD_RATING)),
            body=multiline(item.xpath(OLD_BODY)),
            spoiler=bool(item.xpath(OLD_SPOILER)),
            helpful=_helpful_text(text(item.xpath(OLD_HELPFUL))),
            permalink=link.attrib.get("href") if link else None,
            item=item,
        )
        if review:
            reviews.append(review)
    for item in sel.xpath(CLASSIC_ITEMS):
        review = _classic_review(page, tt, film, item)
        if review:
            reviews.append(review)
    if not reviews:
        raise PageLayoutError("no_reviews", "reviews page without review items")
    if _OWN_PAGE.match(urlsplit(page.url).path) and len(reviews) == 1:
        return [*reviews]  # a review's own page lists nothing
    total = None
    for node in sel.xpath(f"{TOTAL} | {CLASSIC_TOTAL}"):
        total = count_of(re.sub(r"\s*(?:user\s+)?reviews?\b.*$", "", text(node) or "", flags=re.IGNORECASE))
        if total is not None:
            break
    listing: ListingFields = {"type": "listing", "source": "imdb", "kind": "reviews", "url": page.url}
    if film.get("title"):
        listing["title"] = film["title"]
    if total is not None:
        listing["total"] = total
    more = sel.xpath(LOAD_MORE)
    key = more.attrib.get("data-key") if more else None
    ajax = more.attrib.get("data-ajaxurl") if more else None
    if key and tt:
        listing["next_url"] = f"{BASE}/title/{tt}/reviews/_ajax?{urlencode({'paginationKey': key})}"
    elif key and ajax and ajax.startswith("/user/ur"):
        listing["next_url"] = f"{BASE}{ajax}?{urlencode({'paginationKey': key})}"
    elif sel.xpath(CLASSIC_NEXT):
        listing["next_url"] = page.absolute(sel.xpath(CLASSIC_NEXT).get())
    records: list[RecordFields] = []
    if film.get("title"):
        if total is not None:
            film["user_review_count"] = total
        records.append(film)
    records.extend(reviews)
    records.append(listing)
    return records


def _classic_review(page: Page, tt: str | None, film: FilmFields, item: Selector) -> ReviewFields | None:
    """One review of the 2008-2016 layout: the heading div and the paragraphs after it."""
    smalls = [t for t in (text(n) for n in item.xpath(CLASSIC_SMALLS)) if t]
    helpful = next((_helpful_text(t) for t in smalls if "useful" in t), None)
    place = next((t[5:].strip() for t in smalls if t.lower().startswith("from ")), None)
    date_raw = next((t for t in smalls if "useful" not in t and not t.lower().startswith("from ")), None)
    spoiler = False
    body = None
    for paragraph in item.xpath(CLASSIC_BODIES):
        shown = text(paragraph) or ""
        if _SPOILER_WARNING.fullmatch(shown):
            spoiler = True
            continue
        body = multiline(paragraph)
        break
    score = item.xpath(CLASSIC_RATING).get() or ""
    review = _review(
        page,
        tt,
        film,
        headline=text(item.xpath("./h2")),
        author_link=item.xpath(CLASSIC_AUTHOR),
        date_raw=date_raw,
        score=score.split("/")[0] or None,
        body=body,
        spoiler=spoiler,
        helpful=helpful,
        permalink=_classic_permalink(item),
    )
    if review and place:
        review["author_location"] = place
    return review


def _classic_permalink(item: Selector) -> str | None:
    """The review's number is on its helpful-vote widget ("ynd_1096263"): the same review is /review/rw1096263/
    on later pages, so both layouts give it one id."""
    number = item.xpath(CLASSIC_VOTE_WIDGET).re_first(r"(\d+)")
    return f"/review/rw{number}/" if number else None
