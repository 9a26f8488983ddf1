"""One member's review of one film on its own page (`/<user>/film/<slug>/`, a later viewing of the same film at
`/<user>/film/<slug>/<n>/`), as Letterboxd served it from about 2013 to 2023.

    section.film-viewing-info-wrapper: the attribution (`h1` "Review by" `a.name`), the film as
    `h2.headline-2 span.film-title-wrapper a[href="/film/<slug>/"]` with its year in `small.metadata`, the
    member's stars as `span.rating` (`rated-<half stars>`, `rated-large-<half stars>` on this page; from 2024
    in the `div.content-reactions-strip` under the review) and the viewing date in `p.view-date`, each part of it a link to the diary day ("/<user>/films/diary/for/2019/03/14/");
    div.review.body-text: the text, a first `p.contains-spoilers` being the warning, not text.

The review's id is the digest of its page's address, author and text, as on the member's review list, where
each review links to this page.
"""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text
from schemas.record_fields import ReviewFields

from ..errors import PageLayoutError
from ..fields import iso_date
from ..ids import digest_id
from ..page import Page
from .lists import SOURCE, film_slug, first_printed
from .reviews import DATE_VERB, YEAR

INFO = '//section[contains(concat(" ",normalize-space(@class)," ")," film-viewing-info-wrapper ")]'
BODY = '//div[contains(@class,"review") and contains(@class,"body-text")]'
MARKER = f"{INFO}[{BODY}]"
FILM_LINK = f'{INFO}//*[contains(@class,"film-title-wrapper")]//a[starts-with(@href,"/film/")][1]'
FILM_YEAR = f'{INFO}//*[contains(@class,"film-title-wrapper")]//small[contains(@class,"metadata")]'
AUTHOR = f'{INFO}//*[contains(@class,"person-summary")]//a[contains(@class,"name")]'
_RATING = 'span[contains(concat(" ",normalize-space(@class)," ")," rating ")]'
# The stars beside the film's heading, or (2024 on) in the reactions strip under the review.
STARS = f'({INFO}//{_RATING} | //*[contains(@class,"content-reactions-strip")][not(ancestor::aside)]//{_RATING})/@class'
VIEW_DATE = f'{INFO}//p[contains(@class,"view-date")]'
DIARY_DAY_LINKS = f"{VIEW_DATE}//a/@href"
BODY_PARAGRAPHS = f'{BODY}//p[not(contains(@class,"contains-spoilers"))]'
SPOILER = f'{BODY}//*[contains(@class,"contains-spoilers")]'

REVIEW_PATH = re.compile(r"^/(?P<member>[^/]+)/film/(?P<slug>[^/]+)/(?:\d+/)?$")
# "rated-8" on review lists, "rated-large-8" on the review's own page: half stars out of ten.
RATED = re.compile(r"\brated-(?:large-)?(\d{1,2})\b")
DIARY_DAY = re.compile(r"/films/diary/for/(\d{4})/(\d{2})/(\d{2})/?$")


def is_review_page(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def parse(page: Page) -> ReviewFields:
    path = urlsplit(page.url).path
    if not path.endswith("/"):
        path += "/"
    address = REVIEW_PATH.match(path)
    if not address:
        raise PageLayoutError("no_review_address", f"not a Letterboxd review address: {page.url}")
    sel = page.sel
    text = "\n\n".join(
        t for t in (clean_text(p.xpath("string()").get() or "") for p in sel.xpath(BODY_PARAGRAPHS)) if t
    )
    if not text:
        raise PageLayoutError("no_review_text", f"Letterboxd review page without its text at {page.url}")
    member = address.group("member")
    author = clean_text(sel.xpath(AUTHOR).xpath("string()").get() or "") or member
    record: ReviewFields = {
        "type": "review",
        "source": SOURCE,
        "kind": "user",
        "url": page.url,
        "id": f"{SOURCE}:{digest_id(page.absolute(path) or page.url, author, text)}",
    }
    link = sel.xpath(FILM_LINK)
    # The film is the one the heading links to; the address's slug is the same film, kept when no link is shown.
    slug = (film_slug({}, link[0].attrib.get("href")) if link else None) or address.group("slug")
    record["film_id"] = f"{SOURCE}:film/{slug}"
    title = clean_text(link[0].xpath("string()").get() or "") if link else ""
    if title:
        record["film_title"] = title
    year = first_printed(sel.xpath(FILM_YEAR))
    if YEAR.match(year):
        record["film_year"] = int(year)
    record["text"] = text
    record["spoiler"] = bool(sel.xpath(SPOILER))
    record["author"] = author
    record["author_url"] = f"https://letterboxd.com/{member}/"
    rated = RATED.search(sel.xpath(STARS).get() or "")
    if rated and 1 <= int(rated.group(1)) <= 10:
        half_stars = int(rated.group(1))
        record["rating"] = {
            "value": Decimal(half_stars) / 2,
            "best": Decimal(5),
            "raw": "★" * (half_stars // 2) + ("½" if half_stars % 2 else ""),
        }
    _apply_date(page, record)
    return record


def _apply_date(page: Page, record: ReviewFields) -> None:
    """The viewing date as printed ("Watched 14 Mar 2019"), dated by the diary day its links point to: the
    printed parts alone leave the day and month order to guess."""
    date_raw = clean_text(page.sel.xpath(VIEW_DATE).xpath("string()").get() or "")
    if not date_raw:
        return
    record["date_raw"] = date_raw
    for href in page.sel.xpath(DIARY_DAY_LINKS).getall():
        day = DIARY_DAY.search(urlsplit(href).path)
        if day and (date := iso_date("-".join(day.groups()))):
            record["date"] = date
            return
    if date := iso_date(DATE_VERB.sub("", date_raw)):
        record["date"] = date
