"""IMDb critic reviews pages (`/title/tt.../criticreviews`) of every era: one critic review per quote
(publication, critic, score on 100, quote) and the film's Metascore with its number of reviews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from crawler.core.extraction import extract, selector_for
from crawler.core.parsers.errors import PageLayoutError
from schemas import validate_record
from tests.fixture_cases import load_page

SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def records_of(relative: str, url: str) -> list[dict[str, Any]]:
    records = extract(selector_for(load_page(relative)), url=url, site="imdb", scraped_at=SCRAPED_AT).records
    for record in records:
        validate_record(record)
    return records


@dataclass(frozen=True)
class CriticPage:
    page: str
    url: str
    parser: str
    metascore: int
    count: int
    quotes: tuple[tuple[str, str, int], ...]  # (publication, author, score) in page order

    @property
    def id(self) -> str:
        return self.page.rsplit("/", 1)[-1].removesuffix(".html")


CRITIC_PAGES = [
    # The Red Shoes (1948), 2010-2016 `crits_results` table; one quote signed by its publication alone.
    CriticPage(
        "imdb/criticreviews/red-shoes-1948-criticreviews-2015.html",
        "http://www.imdb.com/title/tt0040725/criticreviews",
        "imdb/criticreviews/crits_table",
        94,
        4,
        (
            ("The Evening Gazette", "Margaret Holloway", 100),
            ("Screen Weekly", "Screen Weekly", 100),
            ("Northern Film Review", "Tom Aldridge", 90),
            ("The Daily Courier", "R. P. Lindqvist", 60),
        ),
    ),
    # Peeping Tom (1960), 2017-2022: the same table, the critic's name printed straight in `itemprop="author"`.
    CriticPage(
        "imdb/criticreviews/peeping-tom-1960-criticreviews-2019.html",
        "https://www.imdb.com/title/tt0054167/criticreviews",
        "imdb/criticreviews/crits_table",
        78,
        3,
        (
            ("Screen Weekly", "Screen Weekly", 100),
            ("The Evening Gazette", "Margaret Holloway", 83),
            ("The Daily Courier", "R. P. Lindqvist", 50),
        ),
    ),
    # The Red Shoes (2025), 2023+ Next.js: quotes from the page data, the Metascore from the header.
    CriticPage(
        "imdb/criticreviews/red-shoes-2025-criticreviews-next-2024.html",
        "https://www.imdb.com/title/tt9990025/criticreviews/",
        "imdb/criticreviews/next",
        65,
        3,
        (
            ("The Evening Gazette", "Margaret Holloway", 80),
            ("Screen Weekly", "Screen Weekly", 63),
            ("Northern Film Review", "Tom Aldridge", 40),
        ),
    ),
]


@pytest.mark.parametrize("case", CRITIC_PAGES, ids=lambda c: c.id)
def test_critic_reviews_page_should_give_one_critic_review_per_quote(case: CriticPage) -> None:
    reviews = [r for r in records_of(case.page, case.url) if r["type"] == "review"]
    assert [(r["publication"], r["author"], r["rating"]["value"]) for r in reviews] == [
        (publication, author, Decimal(score)) for publication, author, score in case.quotes
    ]
    assert {r["kind"] for r in reviews} == {"critic"}
    assert all(r["rating"]["best"] == 100 and r["text"] for r in reviews)
    assert {r["extraction"]["parser"] for r in reviews} == {case.parser}


@pytest.mark.parametrize("case", CRITIC_PAGES, ids=lambda c: c.id)
def test_critic_reviews_page_should_give_the_films_metascore_and_review_count(case: CriticPage) -> None:
    (film,) = [r for r in records_of(case.page, case.url) if r["type"] == "film"]
    (metascore,) = [r for r in film["ratings"] if r["kind"] == "metascore"]
    assert (metascore["value"], metascore["best"], metascore["count"]) == (case.metascore, 100, case.count)
    assert film["critic_review_count"] == case.count
    # The Metascore is the critics' figure, never the film's main (users') rating.
    assert film.get("rating") is None or film["rating"]["best"] == 10


@pytest.mark.parametrize("case", CRITIC_PAGES, ids=lambda c: c.id)
def test_critic_reviews_page_saved_without_its_url_should_be_known_by_its_markup(case: CriticPage) -> None:
    reviews = [r for r in records_of(case.page, "http://localhost/saved.html") if r["type"] == "review"]
    assert [r["publication"] for r in reviews] == [q[0] for q in case.quotes]


def test_critic_reviews_page_without_quotes_should_be_refused_as_an_unknown_layout() -> None:
    body = b"<html><head><title>Critic Reviews - IMDb</title></head><body><h1>Critic Reviews</h1></body></html>"
    with pytest.raises(PageLayoutError) as refused:
        extract(
            selector_for(body),
            url="https://www.imdb.com/title/tt0040725/criticreviews",
            site="imdb",
            scraped_at=SCRAPED_AT,
        )
    assert refused.value.reason == "no_reviews"
