"""A film page found by its printed facts, its item typed as something else (MyAnimeList's 2016 pages mark each
anime a schema.org Product): the page's one marked-up average is the film's rating; several, or one critic's
score, give none."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers import generic

FACTS = (
    "<h1>The Red Shoes</h1><div><span>Type:</span> Movie</div><div><span>Aired:</span> Sep 6, 1948</div>"
    "<div><span>Genres:</span> Drama, Music</div><div><span>Duration:</span> 2 hr. 13 min.</div>"
)


def _average(value: str, count: str, item: str = "Product") -> str:
    return (
        f'<div itemscope itemtype="http://schema.org/{item}"><span itemprop="name">The Red Shoes</span>'
        '<div itemprop="aggregateRating" itemscope itemtype="http://schema.org/AggregateRating">'
        f'<span itemprop="ratingValue">{value}</span> (scored by <span itemprop="ratingCount">{count}</span> users)'
        '<meta itemprop="bestRating" content="10"></div></div>'
    )


# (the page's marked items, the rating read)
CASES = [
    (_average("8.12", "21,464"), {"value": 8.12, "best": 10, "worst": 0, "count": 21464}),
    # a list's averages, one a row: none is the film's
    (_average("8.12", "21,464") + _average("7.5", "300"), None),
    # one critic's score
    (_average("8.12", "21,464", item="Review"), None),
]


@pytest.mark.parametrize(("marked", "rating"), CASES, ids=["one average", "two averages", "a review's"])
def test_the_pages_one_marked_average_should_be_the_films_rating(marked: str, rating: dict[str, float] | None) -> None:
    page = f"<html><head><title>The Red Shoes - Shelf</title></head><body><main>{FACTS}{marked}</main></body></html>"
    records = generic.parse(Selector(text=page), url="https://animeshelf.example/anime/48/", source="animeshelf")
    [film] = [r for r in records if r["type"] == "film"]
    read = film.get("rating")
    assert ({k: float(v) if k == "value" else v for k, v in read.items()} if read else None) == rating
