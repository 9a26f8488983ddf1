"""TV show pages (`/tv/<slug>`) of the 2023+ (Nuxt) layout: the JSON-LD TVSeries and the visible score blocks.

The hero and score blocks are the movie pages' own (`c-productHero_title`, `c-productScoreInfo`). The
JSON-LD `datePublished` of a series is its premiere: it gives the year only, since the run is not one date.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields, ScoredRatingFields

from ..errors import PageLayoutError
from ..page import Page
from ..schemaorg import film_fields
from .common import SOURCE, apply_ratings, based_on, metascore, user_score
from .movie_2023 import SCORE_BLOCKS, SCORE_NUMBER, SCORE_TOTAL, TITLE

TV_PATH = re.compile(r"^/tv/([^/?#]+)/?$")


def matches(page: Page) -> bool:
    return bool(TV_PATH.match(urlsplit(page.url).path) and page.of_type("TVSeries"))


def parse(page: Page) -> list[FilmFields]:
    slug = TV_PATH.match(urlsplit(page.url).path)
    series = page.of_type("TVSeries")
    if not slug or not series:
        raise PageLayoutError("no_series", f"{page.url} is not a /tv/<slug> page with a JSON-LD TVSeries")
    fields = film_fields(series[0], page)
    title = clean_text(" ".join(page.sel.xpath(TITLE).getall())) or fields.get("title")
    if not title:
        raise PageLayoutError("no_title", "no product hero title and no JSON-LD TVSeries name")
    canonical = page.canonical_url if TV_PATH.match(urlsplit(page.canonical_url or "").path) else None
    record: FilmFields = {
        "type": "film",
        "source": SOURCE,
        "id": f"{SOURCE}:tv/{slug.group(1)}",
        "url": canonical or page.url,
    }
    # A series' JSON-LD rating and premiere are not the page's scores or a release of the run.
    fields.pop("rating", None)
    fields.pop("release_date", None)
    fields.pop("release_date_raw", None)
    fields.pop("release_country", None)
    record.update(fields)
    record["title"] = title
    record["title_kind"] = "tv_series"
    critic: ScoredRatingFields | None = None
    user: ScoredRatingFields | None = None
    for block in page.sel.xpath(SCORE_BLOCKS):
        total = clean_text(" ".join(block.xpath(SCORE_TOTAL).getall()))
        value = clean_text(" ".join(block.xpath(SCORE_NUMBER).getall()))
        if "critic" in total.lower() and critic is None:
            critic = metascore(value, based_on(total))
        elif "user" in total.lower() and user is None:
            user = user_score(value, based_on(total))
    apply_ratings(record, [critic, user])
    return [record]
