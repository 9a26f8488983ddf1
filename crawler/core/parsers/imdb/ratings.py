"""User ratings (`/title/tt.../ratings`): the IMDb users' weighted average and the number of votes.

Until 2022 the page states it in a sentence ("41,230 IMDb users have given a weighted average vote of 8.1 / 10",
in `div.allText`, or in `div#tn15content` before 2010) above the vote histogram; since 2023 the Next.js page
data holds it in `contentData.histogramData` (`aggregateRating`, `totalVoteCount`).
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields

from ..errors import PageLayoutError
from ..page import Page
from ..structured import dig
from .common import set_ratings, user_rating
from .subpage import film_fields

SENTENCE_BLOCKS = '//div[contains(@class, "allText")] | //div[@id="tn15content"]'
HISTOGRAM = ("props", "pageProps", "contentData", "histogramData")
WEIGHTED_AVERAGE = re.compile(
    r"(?P<votes>\d[\d,.\s]*)\s+IMDb users have given a weighted average vote of\s+(?P<value>\d+(?:\.\d)?)\s*/\s*10"
)


def matches(page: Page) -> bool:
    return any(WEIGHTED_AVERAGE.search(_text(node)) for node in page.sel.xpath(SENTENCE_BLOCKS))


def parse(page: Page, tt: str) -> list[FilmFields]:
    rating, layout = None, "next"
    for node in page.sel.xpath(SENTENCE_BLOCKS):
        stated = WEIGHTED_AVERAGE.search(_text(node))
        if stated:
            rating, layout = user_rating(stated.group("value"), stated.group("votes")), "weighted_average"
            break
    if rating is None:
        histogram = dig(page.next_data, *HISTOGRAM)
        rating = user_rating(dig(histogram, "aggregateRating"), dig(histogram, "totalVoteCount"))
    if rating is None:
        raise PageLayoutError("no_rating", "IMDb ratings page without its weighted average", page_type="ratings")
    film = film_fields(page, tt)
    set_ratings(film, rating)
    film["extraction"] = {"parser": f"imdb/ratings/{layout}"}
    return [film]


def _text(node: Selector) -> str:
    return clean_text(" ".join(node.xpath(".//text()[not(ancestor::script)]").getall()))
