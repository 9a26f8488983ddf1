"""What every title sub-page (full credits, release info, locations, reviews) shows of its title: the
heading naming the film (`div.parent h3` before 2023, `data-testid="subtitle"` since) and, on Next.js
pages, the title summary in `__NEXT_DATA__` (`contentData.entityMetadata`).

A sub-page gives a film record with the main page's id and URL carrying only what the sub-page shows;
the records of one film are joined later.
"""

from __future__ import annotations

from typing import Any

from crawler.core.normalize import clean_text, seconds_to_minutes
from schemas.record_fields import CastMemberFields, FilmFields, PersonFields

from ..fields import JsonObject, PersonT, labelled, or_none
from ..page import Page
from ..structured import as_list, dig
from . import kinds
from .common import (
    BASE,
    USER_RATING_LABEL,
    certificate_field,
    drop_empty,
    film_base,
    split_title_year,
    text,
    user_rating,
    year_in,
)

PARENT_TITLE = '//div[contains(@class, "parent")]/h3'
PARENT_TITLE_LINK = "./a"
PARENT_YEAR = "./span"
SUBTITLE = '(//*[@data-testid="subtitle"])[1]'
HEAD_TITLE = "//title/text()"
CLASSIC_TITLE = '//div[@id="tn15title"]/h1'
CLASSIC_TITLE_LINK = './a[contains(@class, "main")][contains(@href, "/title/tt")]'


def entity(page: Page, tt: str) -> JsonObject:
    data = dig(page.next_data, "props", "pageProps", "contentData", "entityMetadata")
    return data if isinstance(data, dict) and data.get("id") in (None, tt) else {}


def film_fields(page: Page, tt: str) -> FilmFields:
    """Film record fields the sub-page shows; no "title" key when the page does not name the film."""
    record = film_base(tt)
    meta = entity(page, tt)
    heading = _heading(page)
    # The page data names the film only where the page has no heading at all.
    title, year = heading if heading else (dig(meta, "titleText", "text") if meta else None, None)
    if title:
        record["title"] = title
    record["year"] = year
    if meta:
        original = dig(meta, "originalTitleText", "text")
        if original and record.get("title") and original != record["title"]:
            record["original_title"] = original
        record["year"] = record.get("year") or dig(meta, "releaseYear", "year")
        rating = user_rating(dig(meta, "ratingsSummary", "aggregateRating"), dig(meta, "ratingsSummary", "voteCount"))
        if rating:
            record["rating"] = rating
            record["ratings"] = [labelled(rating, kind="user", label=USER_RATING_LABEL)]
        seconds = dig(meta, "runtime", "seconds")
        if isinstance(seconds, int) and (minutes := or_none(seconds_to_minutes, str(seconds))) is not None:
            record["runtime_minutes"] = minutes
        record["certificate"] = certificate_field(dig(meta, "certificate", "rating"))
        record["genres"] = [
            g for g in (dig(x, "genre", "text") for x in as_list(dig(meta, "titleGenres", "genres"))) if g
        ]
        record["directors"] = [
            director
            for group in as_list(dig(meta, "directorsPageTitle"))
            for c in as_list(dig(group, "credits"))
            if (director := _credit(c, kind=PersonFields))
        ]
        record["cast"] = _cast(as_list(dig(meta, "castPageTitle", "edges")))
        record["plot"] = dig(meta, "plot", "plotText", "plainText")
        record["user_review_count"] = dig(meta, "subNavReviews", "total")
        record["countries"] = [
            c
            for c in (dig(x, "id") for x in as_list(dig(meta, "countriesOfOrigin", "countries")))
            if isinstance(c, str) and c
        ]
        title_kind(record, meta)
    return drop_empty(record)


def _heading(page: Page) -> tuple[str | None, int | None] | None:
    """(title, year) the heading above the sub-page's content names; None when the page has no heading."""
    sel = page.sel
    heading = sel.xpath(PARENT_TITLE)
    if heading:
        return text(heading.xpath(PARENT_TITLE_LINK)) or text(heading), year_in(text(heading.xpath(PARENT_YEAR)))
    classic = sel.xpath(CLASSIC_TITLE)
    if classic:
        # Sub-pages before 2017: '<h1>The Red Shoes <span>(<a>1948</a>)</span></h1>'; from 2012 some name the film
        # in a link under a caption: '<h1><small>Reviews &amp; Ratings for<br></small><a class="main">Die Hard</a>'.
        own = clean_text(" ".join(classic.xpath("./text()").getall())) or text(classic.xpath(CLASSIC_TITLE_LINK))
        return own or None, year_in(text(classic.xpath("./span")))
    if sel.xpath(SUBTITLE):
        _, year = split_title_year((sel.xpath(HEAD_TITLE).get() or "").split(" - ")[0])
        return text(sel.xpath(SUBTITLE)), year
    return None


def _cast(edges: list[Any]) -> list[CastMemberFields]:
    """The cast of the page data, numbered by the edge's place in the list (an edge without a name keeps its
    number: the page's billing order, not the count of named members)."""
    members: list[CastMemberFields] = []
    for order, edge in enumerate(edges, start=1):
        member = _credit(dig(edge, "node") or {}, kind=CastMemberFields)
        if member:
            member["order"] = order
            members.append(member)
    return members


def _credit(node: JsonObject, *, kind: type[PersonT]) -> PersonT | None:
    name = dig(node, "name", "nameText", "text")
    nm = dig(node, "name", "id")
    if not name:
        return None
    found = kind(name=name)
    if nm:
        found["id"] = nm
        found["url"] = f"{BASE}/name/{nm}/"
    return found


def title_kind(record: FilmFields, data: JsonObject) -> None:
    """Title kind, a series' last year and an episode's series and numbers from page data (`titleType`,
    `releaseYear.endYear`, `series {series, episodeNumber}`), shared by the Next.js title and sub-pages."""
    kind = kinds.from_type_id(dig(data, "titleType", "id"))
    end = dig(data, "releaseYear", "endYear")
    start = record.get("year") or dig(data, "releaseYear", "year")
    span = (start, end if isinstance(end, int) else None) if isinstance(start, int) else None
    series_id = dig(data, "series", "series", "id")
    series_title = dig(data, "series", "series", "titleText", "text")
    series = kinds.series_ref(
        f"/title/{series_id}/" if isinstance(series_id, str) else None,
        series_title if isinstance(series_title, str) else None,
    )
    season = dig(data, "series", "episodeNumber", "seasonNumber")
    episode = dig(data, "series", "episodeNumber", "episodeNumber")
    numbers = (season, episode) if isinstance(season, int) and isinstance(episode, int) else None
    kinds.apply(record, kind=kind, span=span, series=series, numbers=numbers)
