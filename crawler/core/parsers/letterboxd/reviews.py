"""Review lists: a film's reviews (`/film/<slug>/reviews/...`) and a member's (`/<user>/films/reviews/...`).

Each review is an `li.film-detail` in the page's `section.viewings-list` (or its `ul`), holding
`div.film-detail-content` with the attribution ("Review by <strong class="name">"), the member's stars as
`span.rating.rated-<half stars>`, the text in `div.body-text` (a first `p.contains-spoilers` is a warning,
not text) and, on a member's list, the film as `h2.headline-2 a` with its year in `small a`.

Since 2024 each review is an `article.production-viewing` (in `div.viewing-list`, one `div.listitem` each):
the author's `a.avatar` and "Review by <strong class="displayname">" in the permalink `a.context`, the
stars as `span.rating.rated-<half stars>` or, since 2025, an inline star glyph labelled "★★★★½", the text in
`div.js-review-body` (a long one cut in a `div.collapsed-text` ending "… more": the link is not text) and, on
a member's list, the film as its poster (`data-item-name` "The Red Shoes (1948)", `data-item-link`) beside
`h2` linking the review, with the year in `span.releasedate`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text, strip_year_suffix
from schemas.record_fields import ReviewFields

from ..errors import PageLayoutError
from ..fields import iso_date
from ..ids import digest_id
from ..page import Page
from .lists import SOURCE, film_slug, first_printed

# The page's own reviews: not the sidebar's "popular reviews" of other films, nor the header's or footer's.
OUTSIDE_FURNITURE = (
    "[not(ancestor::aside or ancestor::nav or ancestor::header or ancestor::footer"
    ' or ancestor::*[contains(concat(" ",normalize-space(@class)," ")," sidebar ")])]'
)
ITEMS = (
    '//li[contains(concat(" ",normalize-space(@class)," ")," film-detail ")][.//div[contains(@class,"body-text")]]'
    + OUTSIDE_FURNITURE
    + ' | //article[contains(concat(" ",normalize-space(@class)," ")," production-viewing ")]'
    '[.//div[contains(@class,"body-text")]]' + OUTSIDE_FURNITURE
)
AUTHOR = './/strong[contains(@class,"name")] | .//a[contains(@class,"avatar")]//img/@alt'
AUTHOR_LINK = './/a[contains(@class,"avatar")]/@href'
FILM_LINK = './/h2[contains(@class,"headline-2")]//a[contains(@href,"/film/")][1]'
FILM_YEAR = (
    './/h2[contains(@class,"headline-2")]//small//a | .//h2[contains(@class,"headline-2")]//small'
    ' | .//span[contains(@class,"releasedate")]'
)
# The 2024+ item's poster: the film's name with its year and its /film/<slug>/ link.
POSTER = ".//*[@data-item-name or @data-film-slug or @data-item-link][1]"
STARS = './/span[contains(@class,"rating")]/@class'
# The 2025 stars: an inline glyph labelled with them ("★★★★½").
STAR_GLYPHS = './/*[contains(@class,"-rating") or contains(@class,"inline-rating")]//@aria-label'
BODY_PARAGRAPHS = (
    './/div[contains(@class,"body-text")]//p[not(contains(@class,"contains-spoilers"))'
    ' and not(contains(@class,"spoiler-container"))]'
)
# A cut review's "more" link, which opens the rest: not the reviewer's words.
REVEAL = './/a[contains(@class,"reveal")]'
SPOILER = './/*[contains(@class,"contains-spoilers") or contains(@class,"spoiler-container")]'
# The viewing's date ("Watched 3 May 2025"); not the film's `span.releasedate`.
DATE = (
    './/span[contains(@class,"_nobr")] | .//span[contains(concat(" ",normalize-space(@class)," ")," date ")] | .//time'
)
REVIEW_LINK = './/a[contains(@class,"context")]/@href | .//h2[contains(@class,"headline-2")]//a/@href'
FILM_TITLE = '//meta[@property="og:title"]/@content'

FILM_REVIEWS_PATH = re.compile(r"^/film/([^/]+)/reviews/")
USER_REVIEWS_PATH = re.compile(r"^/([^/]+)/films/reviews/")
# "Watched 3 May 2025": the verb says which date it is, the rest is the date.
DATE_VERB = re.compile(r"^(?:Watched|Rewatched|Reviewed|Logged|Added)\s+(?:on\s+)?", re.I)
RATED = re.compile(r"\brated-(\d{1,2})\b")
GLYPHS = re.compile(r"^\s*(★{0,5})(½?)\s*$")
CUT = re.compile(r"\s*…\s*$")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# og:title of a film's reviews page: "Reviews of The Red Shoes (1948)" / "The Red Shoes reviews".
OG_FILM = re.compile(
    r"^(?:Reviews of |.*?['’]s reviews of )?(?P<title>.+?)(?: \((?P<year>\d{4})\))?(?: reviews)?"
    r"(?: [•|] Letterboxd)?$",
    re.I,
)


def is_review_list(page: Page) -> bool:
    return bool(page.sel.xpath(ITEMS))


def parse(page: Page) -> list[ReviewFields]:
    path = urlsplit(page.url).path
    if not path.endswith("/"):
        path += "/"
    film_page = FILM_REVIEWS_PATH.match(path)
    member = USER_REVIEWS_PATH.match(path)
    film: ReviewFields = {}
    if film_page:
        film["film_id"] = f"{SOURCE}:film/{film_page.group(1)}"
        found = OG_FILM.match(clean_text(page.sel.xpath(FILM_TITLE).get() or ""))
        if found:
            film["film_title"] = found.group("title")
            if found.group("year"):
                film["film_year"] = int(found.group("year"))
    reviews = [
        r for item in page.sel.xpath(ITEMS) if (r := _review(page, item, film, member.group(1) if member else None))
    ]
    if not reviews:
        raise PageLayoutError("no_reviews", f"Letterboxd review list without reviews at {page.url}")
    return reviews


def _review(page: Page, item: Any, film: ReviewFields, member: str | None) -> ReviewFields | None:
    text = "\n\n".join(t for t in (_paragraph(p) for p in item.xpath(BODY_PARAGRAPHS)) if t)
    if not text:
        return None
    author = clean_text(item.xpath(AUTHOR).xpath("string()").get() or "") if item.xpath(AUTHOR) else ""
    author = author or (member or "")
    fields: ReviewFields = {**film}
    link = item.xpath(FILM_LINK)
    poster = item.xpath(POSTER)
    if link:
        slug = film_slug({}, link[0].attrib.get("href"))
        if slug:
            fields["film_id"] = f"{SOURCE}:film/{slug}"
        fields["film_title"] = clean_text(link[0].xpath("string()").get() or "") or None
        year = first_printed(item.xpath(FILM_YEAR))
        if YEAR.match(year):
            fields["film_year"] = int(year)
    elif poster and not film.get("film_id"):
        # A 2024+ member's review: the poster names the film, the heading links the review.
        attrs = poster[0].attrib
        slug = film_slug(attrs)
        if slug:
            fields["film_id"] = f"{SOURCE}:film/{slug}"
        title, year_of_name = strip_year_suffix(clean_text(attrs.get("data-item-name") or ""))
        if title:
            fields["film_title"] = title
        printed = first_printed(item.xpath(FILM_YEAR))
        if YEAR.match(printed):
            fields["film_year"] = int(printed)
        elif year_of_name:
            fields["film_year"] = year_of_name
    permalink = page.absolute(item.xpath(REVIEW_LINK).get())
    record: ReviewFields = {
        "type": "review",
        "source": SOURCE,
        "kind": "user",
        "url": page.url,
        "id": f"{SOURCE}:{digest_id(permalink or page.url, author, text)}",
    }
    # The film's fields that are known (a review list of one film states them once for all its reviews).
    if fields.get("film_id"):
        record["film_id"] = fields.get("film_id")
    if fields.get("film_title"):
        record["film_title"] = fields.get("film_title")
    if fields.get("film_year"):
        record["film_year"] = fields.get("film_year")
    record["text"] = text
    record["spoiler"] = bool(item.xpath(SPOILER))
    if author:
        record["author"] = author
    author_url = page.absolute(item.xpath(AUTHOR_LINK).get()) or (
        f"https://letterboxd.com/{member}/" if member else None
    )
    if author_url:
        record["author_url"] = author_url
    half_stars = _half_stars(item)
    if half_stars:
        record["rating"] = {
            "value": Decimal(half_stars) / 2,
            "best": Decimal(5),
            "raw": "★" * (half_stars // 2) + ("½" if half_stars % 2 else ""),
        }
    date_raw = clean_text(item.xpath(DATE).xpath("string()").get() or "") if item.xpath(DATE) else ""
    if date_raw:
        record["date_raw"] = date_raw
        if date := iso_date(DATE_VERB.sub("", date_raw)):
            record["date"] = date
    return record


def _paragraph(paragraph: Any) -> str:
    """A paragraph's text without a cut review's "more" link and the ellipsis before it."""
    reveal = paragraph.xpath(REVEAL)
    text = clean_text(paragraph.xpath("string()").get() or "")
    if reveal:
        more = clean_text(reveal[-1].xpath("string()").get() or "")
        if more and text.endswith(more):
            text = CUT.sub("…", text[: -len(more)].rstrip()).rstrip()
    return text


def _half_stars(item: Any) -> int | None:
    """The member's stars in half stars, from `rated-<n>` or a glyph labelled "★★★★½"; None without stars."""
    rated = RATED.search(" ".join(item.xpath(STARS).getall()))
    if rated and 1 <= int(rated.group(1)) <= 10:
        return int(rated.group(1))
    for label in item.xpath(STAR_GLYPHS).getall():
        glyphs = GLYPHS.match(label)
        if glyphs and (glyphs.group(1) or glyphs.group(2)):
            return len(glyphs.group(1)) * 2 + (1 if glyphs.group(2) else 0)
    return None
