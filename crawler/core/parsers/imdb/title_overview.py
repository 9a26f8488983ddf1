"""Title pages of 2010-2016: `td#overview-top` with `h1.header`, `div.infobar`, `div.star-box-details` and
schema.org microdata (`itemprop`); no JSON-LD. The articles below the header, the credit lines and the
featured review are shared with the 2016-2021 layout (see `articles` and `title_2010s`).

The first pages of this layout (2010-2011) carry less microdata: the year is a plain `span` in the h1, the
infobar prints "111 min" and shows the certificate as an image titled "PG_13", the star box prints
"7.6/10" (`span.rating-rating`) beside a "47,712 votes" link, and the articles have no ids.

A series prints "TV Series" first in the infobar and its run "(2009–2011)" in the h1; an episode prints
"TV Episode" and names its series and "Season 1, Episode 3" in `.tv_header` above the h1.
"""

from __future__ import annotations

import re

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields, RatingFields, RecordFields

from ..errors import PageLayoutError
from ..fields import without_more_link
from ..page import Page
from . import articles, kinds
from .common import (
    certificate_field,
    film_base,
    outline,
    rated_code,
    release_fields,
    runtime_fields,
    set_ratings,
    sprite_certificate,
    text,
    user_rating,
    year_in,
)
from .title_2010s import credit_fields, detail, release_date, with_featured_review

MARKER = '//td[@id="overview-top"]'
TITLE = '//td[@id="overview-top"]/h1[contains(@class, "header")]'
# A localised page prints the original title after the year: '<span class="title-extra">The Red Shoes
# <i>(original title)</i></span>', itself marked itemprop="name" on some pages.
TITLE_NAME = '(.//*[@itemprop="name"][not(contains(@class, "title-extra"))])[1]'
ORIGINAL_TITLE = './span[contains(@class, "title-extra")]'
ORIGINAL_TITLE_NOTE = "./i"
YEAR = '(./span[contains(@class, "nobr")] | ./span[not(@itemprop)][not(contains(@class, "title-extra"))])[1]'
INFOBAR = '//td[@id="overview-top"]/div[contains(@class, "infobar")]'
# Late 2010: the h1 and the infobar stand above the overview table, not in td#overview-top.
TITLE_ABOVE = '(//h1[contains(@class, "header")][following::td[@id="overview-top"]])[1]'
INFOBAR_ABOVE = '(//div[contains(@class, "infobar")][following::td[@id="overview-top"]])[1]'
# 2012-2014: the certificate drawn as a sprite, '<span title="R" class="us_r titlePageSprite absmiddle">'.
INFOBAR_CERTIFICATE_SPRITE = './span[contains(@class, "titlePageSprite")]/@class'
INFOBAR_CERTIFICATE = './meta[@itemprop="contentRating"]/@content | .//span[@itemprop="contentRating"]/@content'
INFOBAR_CERTIFICATE_IMAGE = (
    './img[contains(@src, "/certificates/")]/@title | ./img[contains(@src, "/certificates/")]/@alt'
)
INFOBAR_OWN_TEXT = "./text()"
INFOBAR_RUNTIME = ".//time/@datetime"
INFOBAR_RUNTIME_TEXT = ".//time"
INFOBAR_GENRES = './/*[@itemprop="genre"]'
INFOBAR_GENRE_LINKS = './a[contains(@href, "/genre/")]'
INFOBAR_RELEASE = './/a[contains(@href, "releaseinfo")]'
STAR_BOX = (
    '//td[@id="overview-top"]//div[contains(@class, "star-box-details")]'
    ' | //td[@id="overview-top"]//div[contains(concat(" ", normalize-space(@class), " "), " star-box ")]'
)
RATING_VALUE = './/*[@itemprop="ratingValue"]'
RATING_COUNT = './/*[@itemprop="ratingCount"]'
RATING_SHOWN = './/span[contains(@class, "rating-rating")]'
RATING_VOTES_LINK = './a[contains(@href, "ratings")]'
TV_HEADER = '//*[contains(@class, "tv_header")]'
TV_HEADER_SERIES = './/a[contains(@href, "/title/tt")]'
METASCORE_LINK = './/a[contains(@href, "criticreviews")]'
PLOT = '//td[@id="overview-top"]/p[@itemprop="description"]'
PLOT_PLAIN = '//td[@id="overview-top"]/p[normalize-space()][1]'
CREDITS = '//td[@id="overview-top"]/div[contains(@class, "txt-block")][h4]'


_MINUTES = re.compile(r"\b(\d{1,4})\s*min\b")
_SHOWN = re.compile(r"(\d{1,2}(?:[.,]\d)?)\s*/\s*10\b")


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def parse(page: Page, tt: str) -> list[RecordFields]:
    sel = page.sel
    header = sel.xpath(TITLE) or sel.xpath(TITLE_ABOVE)
    title = text(header.xpath(TITLE_NAME)) or clean_text(" ".join(header.xpath("./text()").getall()))
    if not title:
        raise PageLayoutError("no_title", "overview-top page without a title")
    record = film_base(tt)
    record["title"] = title
    extra = header.xpath(ORIGINAL_TITLE)
    # 2012-2016 pages print it in quotes ('"Kaze no tani no Naushika" <i>(original title)</i>'): IMDb's, not the
    # title's.
    original = _unquoted(clean_text(" ".join(extra.xpath("./text()").getall()))) if extra else ""
    if original and original != title and "original" in (text(extra.xpath(ORIGINAL_TITLE_NOTE)) or "").lower():
        record["original_title"] = original
    record["year"] = year_in(text(header.xpath(YEAR)))
    box = sel.xpath(STAR_BOX)
    rating = next((r for r in (_box_rating(b) for b in box) if r), None)
    meta = None
    for link in box.xpath(METASCORE_LINK):
        shown = text(link) or ""
        if shown.endswith("/100"):
            meta = shown.split("/")[0].strip()
            break
    set_ratings(record, rating, meta or articles.metascore(page))

    infobar = sel.xpath(INFOBAR) or sel.xpath(INFOBAR_ABOVE)
    lower = articles.lower_sections(page)
    genres = [g for g in (text(n) for n in infobar.xpath(INFOBAR_GENRES) or infobar.xpath(INFOBAR_GENRE_LINKS)) if g]
    story_genres = lower.pop("genres", [])
    record["genres"] = story_genres or genres
    infobar_text = clean_text(" ".join(infobar.xpath(INFOBAR_OWN_TEXT).getall()))
    printed_minutes = _MINUTES.search(infobar_text)
    record.update(
        runtime_fields(
            infobar.xpath(INFOBAR_RUNTIME).get()
            or text(infobar.xpath(INFOBAR_RUNTIME_TEXT))
            or (printed_minutes.group(0) if printed_minutes else None)
            or detail("Runtime", page)
        )
    )
    cert = certificate_field(
        infobar.xpath(INFOBAR_CERTIFICATE).get()
        or infobar.xpath(INFOBAR_CERTIFICATE_IMAGE).get()
        or sprite_certificate(infobar.xpath(INFOBAR_CERTIFICATE_SPRITE).get())
    )
    lower_cert = lower.pop("certificate", None)
    mpaa = certificate_field(rated_code(detail("Motion Picture Rating (MPAA)", page)), country="US")
    record["certificate"] = cert or lower_cert or mpaa
    record.update(release_fields(release_date(page, text(infobar.xpath(INFOBAR_RELEASE)))))
    # The outline's text holds its "See full summary »" link, no part of the plot.
    record["plot"] = without_more_link(outline(sel.xpath(PLOT)) or outline(sel.xpath(PLOT_PLAIN)))
    record.update(credit_fields(page, sel.xpath(CREDITS), lower))
    record.update(lower)
    _title_kind(page, record, header, infobar_text)
    return with_featured_review(page, tt, record)


def _unquoted(title: str) -> str:
    """A title without the pair of double quotes around it."""
    if len(title) > 2 and title[0] == title[-1] == '"':
        return title[1:-1].strip()
    return title


def _box_rating(box: Selector) -> RatingFields | None:
    return user_rating(text(box.xpath(RATING_VALUE)), text(box.xpath(RATING_COUNT))) or _shown_rating(box)


def _shown_rating(box: Selector) -> RatingFields | None:
    """The rating of the star box without microdata: "7.6/10" and the "47,712 votes" link."""
    shown = _SHOWN.search(text(box.xpath(RATING_SHOWN)) or "")
    votes = text(box.xpath(RATING_VOTES_LINK)) or ""
    return user_rating(shown.group(1) if shown else None, votes.replace("votes", "").strip() or None)


def _title_kind(page: Page, record: FilmFields, header: SelectorList[Selector], infobar_text: str) -> None:
    kind = kinds.from_label(infobar_text)
    header_line = page.sel.xpath(TV_HEADER)
    series = None
    numbers = None
    if header_line:
        link = header_line.xpath(TV_HEADER_SERIES)
        series = kinds.series_ref(link.attrib.get("href") if link else None, text(link))
        numbers = kinds.season_episode(text(header_line))
        kind = kind or ("tv_episode" if series else None)
    kinds.apply(record, kind=kind, span=kinds.year_span(text(header.xpath(YEAR))), series=series, numbers=numbers)
