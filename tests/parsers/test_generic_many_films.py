"""A page of many films (a calendar, search results, a chart) is never read as one film by the generic readers:
one item of the list, or the first result's labelled facts, are not the page's film."""

from __future__ import annotations

import json
from typing import Any

import pytest
from parsel import Selector

from crawler.core.parsers import generic
from crawler.core.parsers.errors import PageLayoutError
from crawler.core.parsers.generic.labels import read_labels

URL = "https://films.example.org/page"


def _film(title: str, year: int, minutes: int, genres: list[str]) -> dict[str, Any]:
    return {
        "__typename": "Title",
        "titleText": {"text": title},
        "releaseYear": {"year": year},
        "runtime": {"seconds": minutes * 60},
        "genres": {"genres": [{"text": g} for g in genres]},
        "releaseDate": {"year": year, "month": 10, "day": 22},
    }


def _next_data(props: dict[str, Any]) -> str:
    return f'<script id="__NEXT_DATA__" type="application/json">{json.dumps({"props": {"pageProps": props}})}</script>'


CALENDAR = _next_data(
    {
        "groups": [
            {
                "date": "Oct 22, 2025",
                "entries": [
                    _film("The Red Shoes", 2025, 118, ["Drama", "Music"]),
                    _film("Black Narcissus", 2025, 101, ["Drama"]),
                    _film("The Small Back Room", 2025, 106, ["Thriller"]),
                ],
            }
        ]
    }
)
SEARCH_RESULTS = "".join(
    f'<li class="result"><h3><a href="/movie/{slug}">{title}</a></h3>'
    f"<p><span>Runtime:</span> {minutes} min</p><p><span>Director:</span> {director}</p>"
    f"<p><span>Release Date:</span> {date}</p><p>Rated {rated}</p></li>"
    for slug, title, minutes, director, date, rated in [
        ("the-red-shoes", "The Red Shoes", 133, "Michael Powell", "October 22, 1948", "PG"),
        ("red-shoes-2025", "The Red Shoes", 118, "Joanna Hogg", "October 22, 2025", "PG-13"),
        ("the-red-shoes-diaries", "Red Shoe Diaries", 105, "Zalman King", "May 14, 1992", "R"),
    ]
)

PAGES_OF_MANY_FILMS = [
    # a calendar of upcoming releases: film-shaped objects side by side in the page data
    ("calendar-page-data", f"<html><head><title>Release calendar</title>{CALENDAR}</head><body></body></html>"),
    # search results printing "Runtime:", "Director:" and "Rated PG" under each result
    (
        "search-results-labels",
        f"<html><head><title>red shoes - Search</title></head><body><main><ul>{SEARCH_RESULTS}</ul></main></body></html>",
    ),
]


@pytest.mark.parametrize(("name", "markup"), PAGES_OF_MANY_FILMS, ids=[c[0] for c in PAGES_OF_MANY_FILMS])
def test_a_page_of_many_films_should_not_be_read_as_one_film(name: str, markup: str) -> None:
    with pytest.raises(PageLayoutError):
        generic.parse(Selector(text=markup), url=URL, source="example")


def test_labels_repeated_under_each_result_should_be_left_out() -> None:
    facts = read_labels(Selector(text=f"<html><body><main><ul>{SEARCH_RESULTS}</ul></main></body></html>"))
    assert facts.repeated >= {"runtime", "directors", "release_date"}
    assert not {"runtime_minutes", "directors", "release_date", "certificate"} & set(facts.fields)


FILM_WITH_RELATED = _next_data(
    {
        "title": {
            **_film("The Red Shoes", 1948, 133, ["Drama", "Music", "Romance"]),
            "directors": [{"name": {"nameText": {"text": "Michael Powell"}}}],
            "plot": {"plainText": "A young ballerina is torn between the man she loves and her pursuit of fame."},
        },
        "moreLikeThis": [
            _film("Black Narcissus", 1947, 101, ["Drama"]),
            _film("The Tales of Hoffmann", 1951, 138, ["Fantasy"]),
            _film("A Matter of Life and Death", 1946, 104, ["Fantasy"]),
        ],
    }
)


def test_a_film_page_listing_related_films_should_still_be_read_as_its_film() -> None:
    markup = f"<html><head><title>The Red Shoes (1948)</title>{FILM_WITH_RELATED}</head><body></body></html>"
    [film] = generic.parse(Selector(text=markup), url=URL, source="example")
    assert (film["title"], film["year"], film["runtime_minutes"]) == ("The Red Shoes", 1948, 133)


def test_one_film_printed_with_its_labels_once_should_still_be_read() -> None:
    markup = (
        "<html><head><title>The Red Shoes (1948)</title></head><body><main><h1>The Red Shoes</h1>"
        "<p><span>Runtime:</span> 133 min</p><p><span>Director:</span> Michael Powell</p><p>Rated PG</p>"
        "</main></body></html>"
    )
    [film] = generic.parse(Selector(text=markup), url=URL, source="example")
    assert (film["runtime_minutes"], film["directors"], film["certificate"]["code"]) == (
        133,
        [{"name": "Michael Powell"}],
        "PG",
    )


def _edges(*films: dict[str, Any]) -> dict[str, Any]:
    return {"edges": [{"node": film} for film in films]}


@pytest.mark.parametrize(
    "related",
    [
        # "More like this" as a GraphQL connection: films wrapped in edges[].node
        _edges(
            _film("Black Narcissus", 1947, 101, ["Drama"]),
            _film("The Tales of Hoffmann", 1951, 138, ["Fantasy"]),
            _film("A Matter of Life and Death", 1946, 104, ["Fantasy"]),
        ),
        # one related film only: no list, but it names another film than the page
        _edges(_film("Black Narcissus", 1947, 101, ["Drama"])),
    ],
    ids=["edges-of-three", "one-other-film"],
)
def test_a_film_page_without_data_of_its_own_should_borrow_nothing_from_related_films(related: dict[str, Any]) -> None:
    state = _next_data(
        {
            "aboveTheFoldData": {"titleText": {"text": "The Red Shoes Ballet"}, "releaseYear": None},
            "mainColumnData": {"moreLikeThisTitles": related},
        }
    )
    markup = (
        '<html><head><title>The Red Shoes Ballet (TV Movie) - Films</title><script type="application/ld+json">'
        '{"@type": "Movie", "name": "The Red Shoes Ballet"}</script>'
        f"{state}</head><body></body></html>"
    )
    [film] = generic.parse(Selector(text=markup), url=URL, source="example")
    assert film["title"] == "The Red Shoes Ballet"
    assert not {"year", "rating", "runtime_minutes", "genres", "release_date"} & {k for k, v in film.items() if v}
