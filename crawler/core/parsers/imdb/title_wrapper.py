"""Title pages of 2016-2021: `div.title_wrapper` header (h1 with `#titleYear`, `div.subtext`,
`div.ratings_wrapper`), `div.credit_summary_item` credit lines, later pages with a JSON-LD Movie.

The h1 is the title as displayed in the page's locale ("A világítótorony"); `div.originalTitle` carries the
original title when it differs. The JSON-LD Movie is read first for the rating (exact numbers even where the
page prints "7,8" and "51 188"), genres, runtime and people; the release date and title are the visible ones.

The subtext's release link names what the title is: "TV Series (2007–2019)" (a run, never a release date),
"TV Mini-Series (2016)", "Episode aired 24 September 2007", "TV Movie 12 June 1998". An episode names its
series in `div.titleParent` and "Season 1 | Episode 3" in the button panel's `div.bp_heading`.

The articles below the header, the credit lines and the featured review are those of the 2010-2016 layout
(see `articles` and `title_2010s`).
"""

from __future__ import annotations

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields, PersonFields, RecordFields

from ..errors import PageLayoutError
from ..fields import JsonObject
from ..page import Page
from ..schemaorg import credits, strings, text_of
from . import articles, kinds
from .common import (
    certificate_field,
    film_base,
    outline,
    release_fields,
    runtime_fields,
    set_ratings,
    text,
    user_rating,
    year_in,
)
from .title_2010s import credit_fields, release_date, with_featured_review

MARKER = '//div[contains(@class, "title_wrapper")]'
TITLE = '//div[contains(@class, "title_wrapper")]/h1'
TITLE_TEXT = "./text()"
YEAR = '//span[@id="titleYear"]'
ORIGINAL_TITLE = '//div[contains(@class, "title_wrapper")]/div[contains(@class, "originalTitle")]/text()'
SUBTEXT = '//div[contains(@class, "title_wrapper")]/div[contains(@class, "subtext")]'
SUBTEXT_CERTIFICATE = './meta[@itemprop="contentRating"]/@content'
SUBTEXT_FIRST_TEXT = "./text()[normalize-space()][1]"
SUBTEXT_RUNTIME = "./time/@datetime"
SUBTEXT_GENRES = './a[contains(@href, "/genre") or contains(@href, "genres=")]'
SUBTEXT_RELEASE = './a[contains(@href, "releaseinfo")]'
RATING_VALUE = '//div[contains(@class, "ratings_wrapper")]//*[@itemprop="ratingValue"]'
RATING_COUNT = '//div[contains(@class, "ratings_wrapper")]//*[@itemprop="ratingCount"]'
PLOT = '//div[contains(@class, "plot_summary")]//div[contains(@class, "summary_text")]'
CREDITS = '//div[contains(@class, "plot_summary")]//div[contains(@class, "credit_summary_item")]'
SERIES_LINK = '//div[contains(@class, "titleParent")]/a[contains(@href, "/title/tt")]'
EPISODE_HEADING = '//div[contains(@class, "bp_heading")]'


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def parse(page: Page, tt: str) -> list[RecordFields]:
    sel = page.sel
    title = clean_text(" ".join(sel.xpath(TITLE).xpath(TITLE_TEXT).getall()))
    if not title:
        raise PageLayoutError("no_title", "title_wrapper page without an h1 title")
    movie = next(iter(page.of_type("Movie", "TVSeries", "TVMovie", "TVEpisode")), {})
    record = film_base(tt)
    record["title"] = title
    original = clean_text(" ".join(sel.xpath(ORIGINAL_TITLE).getall()))
    if original and original != title:
        record["original_title"] = original
    record["year"] = year_in(text(sel.xpath(YEAR)))

    # Structured data first, then the markup.
    agg = movie.get("aggregateRating") if isinstance(movie.get("aggregateRating"), dict) else {}
    rating = user_rating(agg.get("ratingValue"), agg.get("ratingCount")) if agg else None
    if rating is None:
        rating = user_rating(text(sel.xpath(RATING_VALUE)), text(sel.xpath(RATING_COUNT)))
    set_ratings(record, rating, articles.metascore(page))

    subtext = sel.xpath(SUBTEXT)
    lower = articles.lower_sections(page)
    genres = (
        strings(movie.get("genre"))
        or lower.pop("genres", [])
        or [g for g in (text(a) for a in subtext.xpath(SUBTEXT_GENRES)) if g]
    )
    lower.pop("genres", [])
    record["genres"] = genres
    record.update(runtime_fields(text_of(movie.get("duration")) or subtext.xpath(SUBTEXT_RUNTIME).get()))
    code = subtext.xpath(SUBTEXT_CERTIFICATE).get() or _bare_certificate(subtext) or text_of(movie.get("contentRating"))
    cert = certificate_field(code)
    lower_cert = lower.pop("certificate", None)
    record["certificate"] = cert or lower_cert
    release_label = text(subtext.xpath(SUBTEXT_RELEASE))
    record.update(release_fields(release_date(page, release_label)))

    record["plot"] = outline(sel.xpath(PLOT))
    record.update(credit_fields(page, sel.xpath(CREDITS), lower))
    record["directors"] = record["directors"] or credits(movie.get("director"), page, kind=PersonFields)
    record.update(lower)
    _title_kind(page, record, movie, release_label)
    return with_featured_review(page, tt, record)


def _bare_certificate(subtext: SelectorList[Selector]) -> str | None:
    """The certificate printed as the subtext's first bare text ("R" before the first bar)."""
    first = clean_text(subtext.xpath(SUBTEXT_FIRST_TEXT).get() or "")
    # Without a certificate the first bare text is the comma between two genres: no code, and the JSON-LD
    # contentRating is read instead.
    if first and len(first) <= 12 and "|" not in first and not first[0].isdigit() and any(c.isalnum() for c in first):
        return first
    return None


def _title_kind(page: Page, record: FilmFields, movie: JsonObject, release_label: str | None) -> None:
    link = page.sel.xpath(SERIES_LINK)
    series = kinds.series_ref(link.attrib.get("href") if link else None, text(link)) if link else None
    kind = (
        kinds.from_label(release_label)
        or kinds.from_schema_type(movie.get("@type"))
        or ("tv_episode" if series else None)
    )
    numbers = next((n for n in (kinds.season_episode(text(h)) for h in page.sel.xpath(EPISODE_HEADING)) if n), None)
    kinds.apply(record, kind=kind, span=kinds.year_span(release_label), series=series, numbers=numbers)
    released = record.get("release_date")
    if record.get("title_kind") == "tv_episode" and not record.get("year") and released:
        record["year"] = int(released[:4])  # An episode's year is the year it aired.
