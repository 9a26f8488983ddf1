"""IMDb title sub-pages listing one field's items (trivia, goofs, quotes, crazy credits) and the technical
specifications, in both markups: the pre-2023 lists and tables and the 2023+ Next.js page data, each giving the
film record with what the sub-page holds."""

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


def film_of(relative: str, url: str) -> dict[str, Any]:
    records = extract(selector_for(load_page(relative)), url=url, site="imdb", scraped_at=SCRAPED_AT).records
    (film,) = records
    validate_record(film)
    return film


@dataclass(frozen=True)
class ItemsPage:
    page: str
    url: str
    field: str
    parser: str
    first: str
    count: int

    @property
    def id(self) -> str:
        return self.page.rsplit("/", 1)[-1].removesuffix(".html")


ITEM_PAGES = [
    # 2010-2022 lists of div.sodatext; a keyword link inside an item is part of its text
    ItemsPage(
        "imdb/trivia/red-shoes-1948-trivia-soda-2015.html",
        "http://www.imdb.com/title/tt0040725/trivia",
        "trivia",
        "imdb/trivia/soda",
        "The ballet at the heart of the film was rehearsed for weeks before a single frame of it was shot.",
        3,
    ),
    # a quote keeps one line per speaker
    ItemsPage(
        "imdb/quotes/red-shoes-1948-quotes-soda-2019.html",
        "https://www.imdb.com/title/tt0040725/quotes",
        "quotes",
        "imdb/quotes/soda",
        "Boris Lermontov: Why do you want to dance?\nVictoria Page: Why do you want to live?",
        2,
    ),
    # 2023+: page data, goofs over all their categories in page order
    ItemsPage(
        "imdb/goofs/red-shoes-1948-goofs-next-2024.html",
        "https://www.imdb.com/title/tt0040725/goofs/",
        "goofs",
        "imdb/goofs/next",
        "When Vicky climbs the stairs the ribbon on her left shoe is tied, then loose in the next shot.",
        3,
    ),
    ItemsPage(
        "imdb/quotes/red-shoes-2025-quotes-next-2024.html",
        "https://www.imdb.com/title/tt9990025/quotes/",
        "quotes",
        "imdb/quotes/next",
        "Vicky: I want to dance until the music stops.\nLerner: It never stops.",
        2,
    ),
    ItemsPage(
        "imdb/crazycredits/red-shoes-1948-crazycredits-next-2024.html",
        "https://www.imdb.com/title/tt0040725/crazycredits/",
        "crazy_credits",
        "imdb/crazycredits/next",
        "The opening credits are painted onto a theatre curtain that rises as the music starts.",
        1,
    ),
]


@pytest.mark.parametrize("case", ITEM_PAGES, ids=lambda c: c.id)
def test_item_subpage_should_give_the_film_with_every_item_of_its_field(case: ItemsPage) -> None:
    film = film_of(case.page, case.url)
    assert film["title"] == "The Red Shoes" and film["id"] in ("imdb:tt0040725", "imdb:tt9990025")
    assert (film[case.field][0], len(film[case.field])) == (case.first, case.count)
    assert film["extraction"]["parser"] == case.parser


@pytest.mark.parametrize("case", [c for c in ITEM_PAGES if "soda" in c.parser], ids=lambda c: c.id)
def test_item_subpage_saved_without_its_url_should_be_known_by_its_list(case: ItemsPage) -> None:
    film = film_of(case.page, "http://localhost/saved.html")
    assert len(film[case.field]) == case.count


def test_item_subpage_without_items_should_be_refused_as_an_unknown_layout() -> None:
    body = b"<html><head><title>Trivia - IMDb</title></head><body><h1>Trivia</h1></body></html>"
    with pytest.raises(PageLayoutError) as refused:
        extract(
            selector_for(body), url="https://www.imdb.com/title/tt0040725/trivia", site="imdb", scraped_at=SCRAPED_AT
        )
    assert refused.value.reason == "no_items"


@pytest.mark.parametrize(
    ("page", "url", "runtime", "technical"),
    [
        # 2010-2022 labelValueTable: the first runtime is the title's (the restored cut is another); a linked
        # value without its bracketed note; camera and laboratory have no field
        (
            "imdb/technical/red-shoes-1948-technical-2015.html",
            "http://www.imdb.com/title/tt0040725/technical",
            136,
            {"sound_mix": ["Mono"], "color": ["Color"], "aspect_ratio": ["1.37 : 1"]},
        ),
        # 2023+: page data items by id, values from listContent[].text
        (
            "imdb/technical/red-shoes-2025-technical-next-2024.html",
            "https://www.imdb.com/title/tt9990025/technical/",
            118,
            {"sound_mix": ["Dolby Atmos", "Dolby Digital"], "color": ["Color"], "aspect_ratio": ["2.39 : 1"]},
        ),
    ],
)
def test_technical_page_should_give_the_runtime_and_the_specifications(page, url, runtime, technical) -> None:
    film = film_of(page, url)
    assert film["runtime_minutes"] == runtime
    assert film["technical"] == technical


@pytest.mark.parametrize(
    ("page", "url", "value", "votes"),
    [
        # 2008-2022: "41,230 IMDb users have given a weighted average vote of 8.1 / 10" (not the arithmetic mean)
        ("imdb/ratings/red-shoes-1948-ratings-2016.html", "http://www.imdb.com/title/tt0040725/ratings", "8.1", 41230),
        # 2023+: contentData.histogramData, not a country's own average
        (
            "imdb/ratings/red-shoes-2025-ratings-next-2024.html",
            "https://www.imdb.com/title/tt9990025/ratings/",
            "6.9",
            4212,
        ),
    ],
)
def test_ratings_page_should_give_the_weighted_average_and_its_votes(page, url, value, votes) -> None:
    film = film_of(page, url)
    assert (film["rating"]["value"], film["rating"]["best"], film["rating"]["count"]) == (Decimal(value), 10, votes)
    assert [r["kind"] for r in film["ratings"]] == ["user"]


@pytest.mark.parametrize(
    ("page", "url", "tagline"),
    [
        # pre-2023 div.soda items of #taglines_content; 2023+ page data htmlContent
        (
            "imdb/taglines/red-shoes-1948-taglines-2014.html",
            "http://www.imdb.com/title/tt0040725/taglines",
            "The ballet that became a legend on the screen!",
        ),
        (
            "imdb/taglines/red-shoes-2025-taglines-next-2024.html",
            "https://www.imdb.com/title/tt9990025/taglines/",
            "Every step has a price.",
        ),
    ],
)
def test_taglines_page_should_give_the_first_tagline_the_title_page_shows(page, url, tagline) -> None:
    film = film_of(page, url)
    assert film["tagline"] == tagline
    assert film["extraction"]["parser"].startswith("imdb/taglines/")


def test_technical_page_saved_without_its_url_should_be_known_by_its_specification_labels() -> None:
    film = film_of("imdb/technical/red-shoes-1948-technical-2015.html", "http://localhost/saved.html")
    assert film["technical"]["aspect_ratio"] == ["1.37 : 1"]
