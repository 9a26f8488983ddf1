"""Title pages of 2010-2016: `td#overview-top` with `h1.header`, `div.infobar`, `div.star-box-details` and
schema.org microdata (`itemprop`); no JSON-LD. The articles below the header are shared with the 2016-2021
layout (see `articles`)."""

from __future__ import annotations

from typing import Any

from crawler.normalize import clean_text

from ..errors import PageLayoutError
from ..page import Page
from . import articles
from .common import (
    certificate_field,
    drop_empty,
    film_base,
    release_fields,
    runtime_fields,
    set_ratings,
    text,
    user_rating,
    year_in,
)
from .credits import labelled, names

MARKER = '//td[@id="overview-top"]'
TITLE = '//td[@id="overview-top"]/h1[contains(@class, "header")]'
TITLE_NAME = './/*[@itemprop="name"]'
YEAR = './span[contains(@class, "nobr")]'
INFOBAR = '//td[@id="overview-top"]/div[contains(@class, "infobar")]'
INFOBAR_CERTIFICATE = './meta[@itemprop="contentRating"]/@content | .//span[@itemprop="contentRating"]/@content'
INFOBAR_RUNTIME = './/time/@datetime'
INFOBAR_RUNTIME_TEXT = './/time'
INFOBAR_GENRES = './/*[@itemprop="genre"]'
INFOBAR_RELEASE = './/a[contains(@href, "releaseinfo")]'
STAR_BOX = '//td[@id="overview-top"]//div[contains(@class, "star-box-details")]'
RATING_VALUE = './/*[@itemprop="ratingValue"]'
RATING_COUNT = './/*[@itemprop="ratingCount"]'
METASCORE_LINK = './/a[contains(@href, "criticreviews")]'
PLOT = '//td[@id="overview-top"]/p[@itemprop="description"]'
CREDITS = '//td[@id="overview-top"]/div[contains(@class, "txt-block")][h4]'


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def parse(page: Page, tt: str) -> list[dict[str, Any]]:
    sel = page.sel
    header = sel.xpath(TITLE)
    title = text(header.xpath(TITLE_NAME)) or clean_text(" ".join(header.xpath("./text()").getall()))
    if not title:
        raise PageLayoutError("no_title", "overview-top page without a title")
    record = film_base(tt)
    record["title"] = title
    record["year"] = year_in(text(header.xpath(YEAR)))
    box = sel.xpath(STAR_BOX)
    rating = user_rating(text(box.xpath(RATING_VALUE)), text(box.xpath(RATING_COUNT)))
    meta = None
    for link in box.xpath(METASCORE_LINK):
        shown = text(link) or ""
        if shown.endswith("/100"):
            meta = shown.split("/")[0].strip()
            break
    set_ratings(record, rating, meta or articles.metascore(page))

    infobar = sel.xpath(INFOBAR)
    lower = articles.lower_sections(page)
    genres = [g for g in (text(n) for n in infobar.xpath(INFOBAR_GENRES)) if g]
    story_genres = lower.pop("genres", None)
    record["genres"] = story_genres or genres
    record.update(runtime_fields(infobar.xpath(INFOBAR_RUNTIME).get() or text(infobar.xpath(INFOBAR_RUNTIME_TEXT))))
    cert = certificate_field(infobar.xpath(INFOBAR_CERTIFICATE).get())
    lower_cert = lower.pop("certificate", None)
    record["certificate"] = cert or lower_cert
    release = text(infobar.xpath(INFOBAR_RELEASE))
    if not release:
        block = articles.details(page).get("Release Date")
        release = articles.block_value(block) if block is not None else None
    record.update(release_fields(release))
    record["plot"] = text(sel.xpath(PLOT))
    blocks = sel.xpath(CREDITS)
    record["directors"] = names(labelled(blocks, r"Directors?"), page)
    record["writers"] = names(labelled(blocks, r"Writers?"), page, notes=True)
    stars = names(labelled(blocks, r"Stars?"), page)
    lower_cast = lower.pop("cast", None)
    record["cast"] = lower_cast or [dict(s, order=i) for i, s in enumerate(stars, start=1)]
    record.update(lower)
    film = drop_empty(record)
    records = [film]
    review = articles.featured_review(page, tt, film)
    if review:
        records.append(review)
    return records
