"""Movie pages of the 2023+ (Nuxt) layout, read through their JSON-LD Movie and the visible score blocks.

    div.c-productHero_title h1; div.c-productScoreInfo blocks, each with div.c-productScoreInfo_scoreNumber
    and span.c-productScoreInfo_reviewsTotal ("Based on 47 Critic Reviews" / "Based on 1,856 User Ratings").
The JSON-LD Movie carries the credits, genres, certificate, runtime and the Metascore as aggregateRating.
"""

from __future__ import annotations

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields, ScoredRatingFields

from ..errors import PageLayoutError
from ..page import Page
from ..schemaorg import count, film_fields, release, text_of
from .common import apply_ratings, based_on, certificate, film_identity, metascore, user_score

TITLE = '//*[contains(@class, "c-productHero_title")]//h1//text()'
SCORE_BLOCKS = '//*[contains(concat(" ", normalize-space(@class), " "), " c-productScoreInfo ")]'
SCORE_NUMBER = './/*[contains(@class, "c-productScoreInfo_scoreNumber")]//text()'
SCORE_TOTAL = './/*[contains(@class, "c-productScoreInfo_reviewsTotal")]//text()'


def parse(page: Page) -> list[FilmFields]:
    movie = page.of_type("Movie")[0]
    fields = film_fields(movie, page)
    title = clean_text(" ".join(page.sel.xpath(TITLE).getall())) or fields.get("title")
    if not title:
        raise PageLayoutError("no_title", "no product hero title and no JSON-LD Movie name")
    record = film_identity(page)
    # The page shows these itself (scores, certificate, release): the JSON-LD's are not taken.
    fields.pop("rating", None)
    fields.pop("certificate", None)
    fields.pop("release_date", None)
    fields.pop("release_date_raw", None)
    fields.pop("release_country", None)
    record.update(fields)
    record["title"] = title
    record.update(release(text_of(movie.get("datePublished"))))
    cert = certificate(text_of(movie.get("contentRating")))
    if cert:
        record["certificate"] = cert

    critic: ScoredRatingFields | None = None
    user: ScoredRatingFields | None = None
    for block in page.sel.xpath(SCORE_BLOCKS):
        total = clean_text(" ".join(block.xpath(SCORE_TOTAL).getall()))
        value = clean_text(" ".join(block.xpath(SCORE_NUMBER).getall()))
        lowered = total.lower()
        if "critic" in lowered and critic is None:
            critic = metascore(value, based_on(total))
        elif "user" in lowered and user is None:
            user = user_score(value, based_on(total))
    if critic is None:
        agg = movie.get("aggregateRating")
        if isinstance(agg, dict) and (text_of(agg.get("bestRating")) or "100") == "100":
            critic = metascore(
                text_of(agg.get("ratingValue")),
                count(agg.get("reviewCount")) if agg.get("reviewCount") is not None else count(agg.get("ratingCount")),
            )
    apply_ratings(record, [critic, user])
    return [record]
