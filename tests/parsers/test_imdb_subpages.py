"""IMDb title sub-pages give records linked to the title's main page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.core.extraction import extract, selector_for
from crawler.core.parsers.errors import PageLayoutError
from tests.fixture_cases import load_page

SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def records_of(relative: str, url: str) -> list[dict]:
    return extract(selector_for(load_page(relative)), url=url, site="imdb", scraped_at=SCRAPED_AT).records


def test_reviews_parser_should_link_every_review_to_the_film_and_keep_pagination():
    records = records_of(
        "imdb/reviews/red-shoes-1948-reviews-2019.html", "https://www.imdb.com/title/tt0040725/reviews"
    )
    reviews = [r for r in records if r["type"] == "review"]
    listing = next(r for r in records if r["type"] == "listing")
    film = next(r for r in records if r["type"] == "film")
    assert film["url"] == "https://www.imdb.com/title/tt0040725/" and film["user_review_count"] == 141
    assert [r["film_id"] for r in reviews] == ["imdb:tt0040725", "imdb:tt0040725"]
    assert [r["helpful"] for r in reviews] == [{"yes": 23, "total": 29}, {"yes": 7, "total": 12}]
    assert [r["spoiler"] for r in reviews] == [False, True]
    assert listing["total"] == 141
    assert listing["next_url"].endswith("/title/tt0040725/reviews/_ajax?paginationKey=g4wp7cbkry2tmzyd")


def test_releaseinfo_parser_should_read_every_release_and_the_original_title():
    (film,) = records_of(
        "imdb/releaseinfo/red-shoes-1948-releaseinfo-2016.html", "http://www.imdb.com/title/tt0040725/releaseinfo"
    )
    assert film["title"] == "Die roten Schuhe" and film["original_title"] == "The Red Shoes"
    assert [(r["country_code"], r["date"], r.get("note")) for r in film["releases"]] == [
        ("GB", "1948-07-22", "(London) (premiere)"),
        ("GB", "1948-09-06", None),
        ("DE", "1950-09-14", None),
    ]


def test_subpage_without_a_title_heading_should_be_refused():
    with pytest.raises(PageLayoutError):
        extract(
            selector_for(b"<html><body><table id='release_dates'></table></body></html>"),
            url="https://www.imdb.com/title/tt0040725/releaseinfo",
            site="imdb",
            scraped_at=SCRAPED_AT,
        )


@pytest.mark.parametrize(
    ("page", "url", "first", "spoilers", "total", "next_url"),
    [
        # 2008-2016: div#tn15content, "31 out of 34 people found the following review useful:", rating image
        # "10/10", "from <place>", a spoiler warning in a paragraph of its own; the review number on its vote widget.
        (
            "imdb/reviews/red-shoes-1948-reviews-2010.html",
            "http://www.imdb.com/title/tt0040725/reviews",
            (
                "imdb:rw9900801",
                "The ballet sequence alone is worth the price",
                "lanternreel",
                "2009-03-12",
                10,
                {"yes": 31, "total": 34},
            ),
            [False, True],
            14,
            "http://www.imdb.com/title/tt0040725/reviews?start=10",
        ),
        # 2017-2023: div.review-container items, paged by an ajax key.
        (
            "imdb/reviews/red-shoes-1948-reviews-2019.html",
            "https://www.imdb.com/title/tt0040725/reviews",
            None,
            [False, True],
            141,
            "https://www.imdb.com/title/tt0040725/reviews/_ajax?paginationKey=g4wp7cbkry2tmzyd",
        ),
    ],
)
def test_reviews_page_of_each_era_should_give_reviews_of_the_named_film(page, url, first, spoilers, total, next_url):
    records = records_of(page, url)
    film = next(r for r in records if r["type"] == "film")
    reviews = [r for r in records if r["type"] == "review"]
    listing = next(r for r in records if r["type"] == "listing")
    assert (film["title"], film["year"], film["user_review_count"]) == ("The Red Shoes", 1948, total)
    assert all(r["film_id"] == "imdb:tt0040725" for r in reviews)
    assert [r["spoiler"] for r in reviews] == spoilers
    if first is not None:
        r = reviews[0]
        assert (r["id"], r["title"], r["author"], r["date"], r["rating"]["value"], r["helpful"]) == first
    assert (listing["total"], listing["next_url"]) == (total, next_url)
