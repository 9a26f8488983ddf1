"""A Flixster movie page of the 2008 profile layout (`/movie/<slug>`).

The page carries no structured data: the title is the main box heading, the users' ratings are the
"Rating Averages" table (star images whose alt text gives the average on five, the ratings count in
brackets beside it), and the "Details" box lists "Rated", "Directed by", "Genres" and "Released" lines.
The "Want To See" / "Not Interested" figures in the same table are not ratings and are not read.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from parsel import Selector, SelectorList

from crawler.core.normalize import (
    clean_text,
    parse_count,
    parse_date,
    parse_rating,
    split_genres,
)
from schemas.record_fields import CastMemberFields, FilmFields, PersonFields, ScoredRatingFields

from ..errors import PageLayoutError
from ..fields import PersonT, main_rating, or_none, put_credits, scored_rating
from ..page import Page
from ..people_links import people_of_links
from ..schemaorg import certificate

SOURCE = "flixster"

TITLE = '//div[@id="main"]/div[contains(@class, "box_header")]/h1'
PLOT = '//p[@id="plot"]'
PLOT_TEXT = './text() | ./*[not(self::strong) and not(@id="readMoreLink")]//text()'
RATING_ROWS = '//div[@id="ratingAverages"]//tr[th]'
RATING_LABEL = "./th"
RATING_CELL = "./td[1]"
RATING_STARS = ".//img/@alt"
RATING_COUNT = "./text()"
DETAIL_ITEMS = '//div[@id="details"]//li[strong]'
DETAIL_LABEL = "./strong"
DETAIL_TEXT = "./text()"
DETAIL_LINKS = "./a"
CAST_LINKS = '//div[@id="cast"]//li/div[contains(@class, "name")]/a'

MOVIE_SLUG = re.compile(r"^/movie/([^/]+)")
ACTOR_SLUG = re.compile(r"/actor/([^/?#]+)")
STARS = re.compile(r"^(\d+(?:\.\d+)?)\s+stars?$", re.IGNORECASE)
# The site-wide average comes first; the other rows split it by member group.
MAIN_RATING_LABEL = "All Flixster"


def parse(page: Page) -> FilmFields:
    sel = page.sel
    title = clean_text(sel.xpath(TITLE).xpath("string()").get() or "")
    slug = MOVIE_SLUG.match(urlsplit(page.url).path or "")
    if not title or not slug:
        raise PageLayoutError("no_title", "Flixster movie page without a title heading or movie slug")
    parts = urlsplit(page.url)
    record: FilmFields = {
        "type": "film",
        "source": SOURCE,
        "id": f"{SOURCE}:{slug.group(1)}",
        "url": urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")),
        "title": title,
    }
    record.update(_ratings(sel))
    record.update(_details(page))
    cast = _people(page, sel.xpath(CAST_LINKS), kind=CastMemberFields)
    put_credits(record, billed=cast)
    plot = _plot(sel)
    if plot:
        record["plot"] = plot
    return record


def _ratings(sel: Selector) -> FilmFields:
    ratings: list[ScoredRatingFields] = []
    for row in sel.xpath(RATING_ROWS):
        label = clean_text(row.xpath(RATING_LABEL).xpath("string()").get() or "")
        cell = row.xpath(RATING_CELL)
        stars = STARS.match(clean_text(cell.xpath(RATING_STARS).get() or ""))
        if not label or not stars:
            continue  # "Not rated."
        parsed = or_none(parse_rating, stars.group(0), best=5)
        if parsed is None:
            continue
        votes = clean_text(" ".join(cell.xpath(RATING_COUNT).getall()))
        count = or_none(parse_count, votes) if votes else None
        ratings.append(scored_rating(parsed, kind="user", label=label, count=count))
    main = next((r for r in ratings if r.get("label") == MAIN_RATING_LABEL), None)
    if main is None:
        return {}
    ratings.sort(key=lambda r: r is not main)
    return {"rating": main_rating(main), "ratings": ratings}


def _details(page: Page) -> FilmFields:
    fields: FilmFields = {}
    for item in page.sel.xpath(DETAIL_ITEMS):
        label = clean_text(item.xpath(DETAIL_LABEL).xpath("string()").get() or "").rstrip(":").lower()
        text = clean_text(" ".join(item.xpath(DETAIL_TEXT).getall())).lstrip(":").strip()
        if label == "rated" and text:
            cert = certificate(text.strip("()").strip())
            if cert:
                fields["certificate"] = cert
        elif label == "directed by":
            directors = _people(page, item.xpath(DETAIL_LINKS), kind=PersonFields)
            if directors:
                fields["directors"] = directors
        elif label == "genres" and text:
            genres = or_none(split_genres, text)
            if genres is not None:
                fields["genres"] = genres
        elif label == "released" and text:
            fields["release_date_raw"] = text
            released = or_none(parse_date, text)
            if released is None:
                continue
            fields["release_date"] = released.iso
            fields["year"] = int(released.iso[:4])
    return fields


def _people(page: Page, links: SelectorList[Selector], *, kind: type[PersonT]) -> list[PersonT]:
    return people_of_links(page, links, ACTOR_SLUG, kind=kind)


def _plot(sel: Selector) -> str | None:
    paragraph = sel.xpath(PLOT)
    if not paragraph:
        return None
    return clean_text("".join(paragraph[0].xpath(PLOT_TEXT).getall())) or None
