"""Movie pages of the pre-2023 layout (product header with score tables; "Movie Details & Credits").

    div.product_page_title h1 + span.release_year; .ms_wrapper span.metascore_w + span.based_on
    ("based on 47 Critics"); .us_wrapper span.metascore_w.user + span.based_on ("based on 1856 Ratings");
    span.release_date (label + value); div.summary_cast links ("Starring:", as printed); div.summary_deck;
    div.director / div.genres / div.rating / div.runtime, each a span.label followed by the value.
JSON-LD Movie agrees on scores but lists only part of the cast, so the visible credits are read.
"""

from __future__ import annotations

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text
from schemas.record_fields import CastMemberFields, FilmFields, PersonFields

from ..errors import PageLayoutError
from ..fields import PersonT, put_credits
from ..page import Page
from ..schemaorg import credits, release, text_of
from ..schemaorg import runtime as json_ld_runtime
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

TITLE = '//div[contains(@class, "product_page_title")]/h1//text()'
YEAR = '//div[contains(@class, "product_page_title")]/span[contains(@class, "release_year")]//text()'
METASCORE = '(//div[contains(@class, "ms_wrapper")]//span[contains(@class, "metascore_w")])[1]//text()'
METASCORE_COUNT = '(//div[contains(@class, "ms_wrapper")]//span[contains(@class, "based_on")])[1]//text()'
USER_SCORE = (
    '(//div[contains(@class, "us_wrapper")]//span[contains(@class, "metascore_w")'
    ' and contains(@class, "user")])[1]//text()'
)
USER_COUNT = '(//div[contains(@class, "us_wrapper")]//span[contains(@class, "based_on")])[1]//text()'
LABELLED_VALUE = './*[not(contains(@class, "label"))]'
RELEASE = '//span[contains(@class, "release_date")][span[contains(@class, "label")]]'
CAST = '//div[contains(@class, "summary_cast")]//a'
SUMMARY_EXPANDED = '//div[contains(@class, "summary_deck")]//span[contains(@class, "blurb_expanded")]//text()'
SUMMARY = '//div[contains(@class, "summary_deck")]/span[not(contains(@class, "label"))]//text()'
DIRECTORS = '//div[contains(@class, "details_section")]/div[contains(@class, "director")]//a'
GENRES = '//div[contains(@class, "details_section")]/div[contains(@class, "genres")]/span[not(contains(@class, "label"))]/span//text()'
RATING = '//div[contains(@class, "details_section")]/div[contains(@class, "rating")][span[contains(@class, "label")]]'
RUNTIME = '//div[contains(@class, "details_section")]/div[contains(@class, "runtime")][span[contains(@class, "label")]]'


def parse(page: Page) -> list[FilmFields]:
    sel = page.sel
    title = clean_text(" ".join(sel.xpath(TITLE).getall()))
    movies = page.of_type("Movie")
    movie = movies[0] if movies else {}
    if not title:
        raise PageLayoutError("no_title", "no h1 in div.product_page_title on a Metacritic movie page")
    record = film_identity(page)
    record["title"] = title
    year = clean_text(" ".join(sel.xpath(YEAR).getall()))
    if year.isdecimal() and len(year) == 4:
        record["year"] = int(year)

    apply_ratings(
        record,
        [
            metascore(" ".join(sel.xpath(METASCORE).getall()), based_on(" ".join(sel.xpath(METASCORE_COUNT).getall()))),
            user_score(" ".join(sel.xpath(USER_SCORE).getall()), based_on(" ".join(sel.xpath(USER_COUNT).getall()))),
        ],
    )

    release_box = sel.xpath(RELEASE)
    record.update(release(_labelled(release_box)))
    cast = _unique(
        [person(page, a.xpath("string()").get(), a.attrib.get("href"), kind=CastMemberFields) for a in sel.xpath(CAST)]
    )
    put_credits(record, billed=cast)
    plot = clean_text(" ".join(sel.xpath(SUMMARY_EXPANDED).getall())) or clean_text(
        " ".join(sel.xpath(SUMMARY).getall())
    )
    if plot:
        record["plot"] = plot
    directors = _unique(
        [person(page, a.xpath("string()").get(), a.attrib.get("href"), kind=PersonFields) for a in sel.xpath(DIRECTORS)]
    ) or credits(movie.get("director"), page, kind=PersonFields)
    if directors:
        record["directors"] = directors
    genres = [clean_text(g) for g in sel.xpath(GENRES).getall() if clean_text(g).strip(",")]
    if genres:
        record["genres"] = genres
    cert = certificate(_labelled(sel.xpath(RATING))) or certificate(text_of(movie.get("contentRating")))
    if cert:
        record["certificate"] = cert
    shown_runtime = runtime(_labelled(sel.xpath(RUNTIME)))
    record.update(shown_runtime or json_ld_runtime(movie.get("duration")))
    return [record]


def _labelled(nodes: SelectorList[Selector]) -> str | None:
    """The value text beside `<span class="label">Rating:</span>` in the first matching block."""
    if not nodes:
        return None
    return clean_text(" ".join(nodes[0].xpath(LABELLED_VALUE).xpath("string()").getall())) or None


def _unique(found: list[PersonT | None]) -> list[PersonT]:
    out: list[PersonT] = []
    for entry in found:
        if entry and all(entry["name"] != seen["name"] for seen in out):
            out.append(entry)
    return out
