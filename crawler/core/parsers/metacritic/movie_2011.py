"""Movie pages of the 2011-2016 layout (`/movie/<slug>`: the product page before the 2017 score tables).

    div.product_title (the title in its h1, or in the span[itemprop=name] of its link);
    div.metascore_wrap (or div.metascore_summary): .metascore_w with the Metascore, span.count
    ("based on 12 Critics"); div.userscore_wrap: .metascore_w.user with the user score, span.count
    ("based on 45 Ratings"); ul.summary_details: one li.summary_detail per fact, a span.label ("Rating:",
    "Runtime:", "Release Date:", "Genre(s):", "Director:", "Starring:", "Summary:") before its value.
The release date printed is the US release Metacritic filed the reviews under (a restoration's date for an
old film), so the film's year is read from a year printed beside the title, else from that date only when the
page's address names the same year: Metacritic tells films of one title apart by their year
("/movie/moonlight-2016"), which a restoration's date does not match. A title ending in a number that is
not that date's year ("/movie/blade-runner-2049", "/movie/the-class-of-1999") gives no year.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import CastMemberFields, FilmFields, PersonFields, ScoredRatingFields

from ..errors import PageLayoutError
from ..fields import PersonT
from ..page import Page
from ..schemaorg import release
from .common import (
    apply_ratings,
    based_on,
    certificate,
    film_identity,
    metascore,
    person,
    runtime,
    user_score,
)

PRODUCT_TITLE = '//div[contains(concat(" ", normalize-space(@class), " "), " product_title ")]'
MARKER = (
    f'{PRODUCT_TITLE}[//li[contains(@class, "summary_detail")]][not(//div[contains(@class, "product_page_title")])]'
)
TITLE = f'({PRODUCT_TITLE}//h1 | {PRODUCT_TITLE}//*[@itemprop="name"] | {PRODUCT_TITLE}/a)'
YEAR = f'{PRODUCT_TITLE}//span[contains(@class, "release_year")]'
# The product's own scores: never the badges of the critic or user reviews listed lower on the page.
NOT_A_REVIEW = 'not(ancestor::li[contains(@class, "review")]) and not(ancestor::div[contains(@class, "review")])'
METASCORE_BOX = (
    f'(//div[contains(@class, "metascore_wrap") or contains(@class, "metascore_summary")][{NOT_A_REVIEW}]'
    '[not(contains(@class, "user"))])[1]'
)
USER_SCORE_BOX = f'(//div[contains(@class, "userscore_wrap")][{NOT_A_REVIEW}])[1]'
# A user score badge is a metascore_w too, "user" among its classes: never the Metascore. The class is
# matched whole: the box itself may be a "metascore_wrap", whose text is the whole summary.
BADGE = 'contains(concat(" ", normalize-space(@class), " "), " metascore_w ")'
METASCORE = f'.//*[{BADGE}][not(contains(@class, "user"))]'
USER_SCORE = f".//*[{BADGE}]"
COUNT = './/*[contains(@class, "count")] | .//*[@itemprop="reviewCount"]/..'
DETAILS = '//li[contains(@class, "summary_detail")][span[contains(@class, "label")]]'
DETAIL_LABEL = './span[contains(@class, "label")]'
DETAIL_VALUE = './*[not(contains(@class, "label"))]'
DETAIL_DATA = './/span[contains(@class, "data")]'
EXPANDED = './/span[contains(@class, "blurb_expanded")]'
COLLAPSED = './/span[contains(@class, "blurb_collapsed")] | .//*[contains(@class, "toggle_expand_collapse")]'

# The film's year closing its address: "/movie/moonlight-2016".
SLUG_YEAR = re.compile(r"^/movie/[^/]+-(1[89]\d\d|20\d\d)/?$")

DIRECTOR_LABELS = {"director", "directors", "directed by"}
CAST_LABELS = {"starring", "cast"}


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def parse(page: Page) -> list[FilmFields]:
    sel = page.sel
    title = clean_text(sel.xpath(TITLE).xpath("string()").get() or "")
    if not title:
        raise PageLayoutError("no_title", "no title in div.product_title on a Metacritic movie page")
    record = film_identity(page)
    record["title"] = title
    year = clean_text(sel.xpath(YEAR).xpath("string()").get() or "").strip("()")
    if year.isdecimal() and len(year) == 4:
        record["year"] = int(year)
    apply_ratings(record, [_score(sel, METASCORE_BOX, user=False), _score(sel, USER_SCORE_BOX, user=True)])
    for item in sel.xpath(DETAILS):
        label = clean_text(item.xpath(DETAIL_LABEL).xpath("string()").get() or "").rstrip(":").strip().lower()
        _apply_detail(page, record, label, item)
    if "year" not in record:
        _year_of_address_and_release(page, record)
    return [record]


def _year_of_address_and_release(page: Page, record: FilmFields) -> None:
    """The release date's year, when the page's address names the same year."""
    named = SLUG_YEAR.match(urlsplit(page.url).path)
    released = record.get("release_date") or ""
    if named and released[:4] == named.group(1):
        record["year"] = int(named.group(1))


def _score(sel: Selector, box_path: str, *, user: bool) -> ScoredRatingFields | None:
    boxes = sel.xpath(box_path)
    if not boxes:
        return None
    box = boxes[0]
    shown = clean_text(box.xpath(USER_SCORE if user else METASCORE).xpath("string()").get() or "")
    count = based_on(clean_text(" ".join(box.xpath(COUNT).xpath("string()").getall())))
    return user_score(shown, count) if user else metascore(shown, count)


def _apply_detail(page: Page, record: FilmFields, label: str, item: Selector) -> None:
    value = clean_text(" ".join(item.xpath(DETAIL_VALUE).xpath("string()").getall()))
    if label == "rating":
        cert = certificate(value)
        if cert:
            record["certificate"] = cert
    elif label == "runtime":
        record.update(runtime(value))
    elif label == "release date":
        record.update(release(value or None))
    elif label in ("genre(s)", "genres", "genre"):
        genres = [
            g for g in (clean_text(d).strip(",") for d in item.xpath(DETAIL_DATA).xpath("string()").getall()) if g
        ]
        if not genres:
            genres = [g for g in (clean_text(g) for g in value.split(",")) if g]
        if genres:
            record["genres"] = genres
    elif label in DIRECTOR_LABELS:
        directors = _people(page, item, kind=PersonFields)
        if directors:
            record["directors"] = directors
    elif label in CAST_LABELS:
        cast = _people(page, item, kind=CastMemberFields)
        for order, member in enumerate(cast, start=1):
            member["order"] = order
        if cast:
            record["cast"] = cast
    elif label == "summary":
        plot = clean_text(item.xpath(EXPANDED).xpath("string()").get() or "")
        if not plot:
            folded = {clean_text(t) for t in item.xpath(COLLAPSED).xpath("string()").getall()}
            plot = clean_text(
                " ".join(t for t in item.xpath(f"{DETAIL_VALUE}//text()").getall() if t.strip() not in folded)
            )
        if plot:
            record["plot"] = plot


def _people(page: Page, item: Selector, *, kind: type[PersonT]) -> list[PersonT]:
    found: list[PersonT] = []
    for link in item.xpath('.//a[contains(@href, "/person/")]'):
        entry = person(page, link.xpath("string()").get(), link.attrib.get("href"), kind=kind)
        if entry and all(entry["name"] != seen["name"] for seen in found):
            found.append(entry)
    return found
