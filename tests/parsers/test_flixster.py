"""Flixster movie pages of the 2008 layout: what the Flixster parser must give."""

from __future__ import annotations

from decimal import Decimal

import pytest
from parsel import Selector

from crawler.core.extraction import selector_for
from crawler.core.parsers import flixster
from crawler.core.parsers.errors import PageLayoutError, UnsupportedPage
from tests.fixture_cases import load_page

MOVIE = ("flixster/movie/the-red-shoes-1948.html", "http://www.flixster.com/movie/the-red-shoes/")


def parse(case: tuple[str, str] = MOVIE) -> dict:
    path, url = case
    records = flixster.parse(selector_for(load_page(path)), url=url)
    assert len(records) == 1
    return records[0]


def test_movie_parser_should_read_the_all_flixster_average_on_five_with_its_count():
    film = parse()
    assert film["rating"] == {"value": Decimal("4.0"), "best": Decimal(5), "worst": Decimal(0), "count": 2841}


def test_movie_parser_should_list_every_rating_row_but_not_want_to_see_counts():
    assert [(r["label"], r["value"], r["count"]) for r in parse()["ratings"]] == [
        ("All Flixster", Decimal("4.0"), 2841),
        ("Female", Decimal("4.5"), 1602),
        ("Male", Decimal("3.5"), 1239),
    ]


def test_movie_parser_should_read_the_details_box():
    film = parse()
    assert (film["id"], film["url"], film["title"]) == (
        "flixster:the-red-shoes",
        "http://www.flixster.com/movie/the-red-shoes/",
        "The Red Shoes",
    )
    assert film["certificate"]["code"] == "NR"
    assert [d["name"] for d in film["directors"]] == ["Michael Powell", "Emeric Pressburger"]
    assert film["genres"] == ["Drama", "Musical & Performing Arts", "Romance"]
    assert (film["release_date"], film["release_date_raw"], film["year"]) == ("1948-10-22", "October 22, 1948", 1948)
    assert "runtime_minutes" not in film


def test_movie_parser_should_keep_the_cast_box_order_and_decode_latin_1():
    cast = parse()["cast"]
    assert [(m["name"], m["order"]) for m in cast] == [
        ("Anton Walbrook", 1),
        ("Marius Goring", 2),
        ("Moira Shearer", 3),
        ("Léonide Massine", 4),
    ]
    assert cast[0]["id"] == "anton-walbrook"
    assert "character" not in cast[0]  # the photo caption is not a character name


def test_movie_parser_should_join_the_folded_plot_without_the_read_more_link():
    assert parse()["plot"] == (
        "A young ballet dancer is torn between the man she loves and her pursuit to become "
        "a prima ballerina, under the eye of the impresario Boris Lermontov."
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://www.flixster.com/movie/the-red-shoes/reviews",
        "http://www.flixster.com/actor/moira-shearer",
    ],
)
def test_parser_should_refuse_pages_other_than_movie_profiles(url):
    with pytest.raises(UnsupportedPage):
        flixster.parse(selector_for(load_page(MOVIE[0])), url=url)


def test_parser_should_refuse_a_movie_url_of_another_layout():
    with pytest.raises(UnsupportedPage):
        flixster.parse(Selector(text="<html><body><h1>The Red Shoes</h1></body></html>"), url=MOVIE[1])


def test_movie_parser_should_fail_on_a_profile_without_a_title():
    page = '<html><body><div id="movieProfile"><div id="main"><div class="box_header"><h1></h1></div></div></div></body></html>'
    with pytest.raises(PageLayoutError):
        flixster.parse(Selector(text=page), url=MOVIE[1])


# The 2011 layout: h1#movieTitle "The Red Shoes (1948)", the users' percentage in #details .minibox, label lines.
MOVIE_2011 = ("flixster/movie/the-red-shoes-2011.html", "http://www.flixster.com/movie/the-red-shoes")


def test_movie_page_of_2011_should_read_title_and_year_from_the_heading():
    film = parse(MOVIE_2011)
    assert film["extraction"]["parser"] == "flixster/movie/movie_2010"
    assert (film["id"], film["title"], film["year"]) == ("flixster:the-red-shoes", "The Red Shoes", 1948)


def test_movie_page_of_2011_should_read_the_users_percentage_but_not_the_critics_tomatometer():
    film = parse(MOVIE_2011)
    assert film["rating"] == {"value": Decimal(86), "best": Decimal(100), "worst": Decimal(0), "count": 3021}
    assert [(r["kind"], r["label"], r["value"]) for r in film["ratings"]] == [
        ("audience", "Flixster Users", Decimal(86))
    ]


def test_movie_page_of_2011_should_read_the_details_lines():
    film = parse(MOVIE_2011)
    assert film["certificate"]["code"] == "NR"
    assert (film["runtime_minutes"], film["genres"]) == (133, ["Drama", "Romance"])
    assert [d["id"] for d in film["directors"]] == ["michael-powell", "emeric-pressburger"]
    assert [(m["name"], m["order"]) for m in film["cast"]] == [
        ("Anton Walbrook", 1),
        ("Marius Goring", 2),
        ("Moira Shearer", 3),
    ]  # not the "See full cast" link
    # A re-release date: kept as the release, not taken for the year.
    assert (film["release_date"], film["year"]) == ("2009-12-24", 1948)


USERS_2009 = '<h4>Flixster Users</h4><div class="score"><span>{shown}</span> <span>{votes}</span></div>'


@pytest.mark.parametrize(
    ("shown", "votes", "expected"),
    [
        ("79%", "1,204 ratings", {"value": Decimal(79), "best": Decimal(100), "worst": Decimal(0), "count": 1204}),
        ("79%", "", {"value": Decimal(79), "best": Decimal(100), "worst": Decimal(0)}),
        ("--", "0 ratings", None),  # no score yet
        ("179%", "12 ratings", None),  # off the scale: none rather than a wrong one
    ],
)
def test_movie_page_of_2009_2010_should_read_the_figure_under_the_flixster_users_heading(shown, votes, expected):
    page = (
        '<html><body><h1><a href="/movie/the-red-shoes">The Red Shoes (1948)</a></h1>'
        f"{USERS_2009.format(shown=shown, votes=votes)}<h4>Critics</h4><div><span>100%</span></div></body></html>"
    )
    film = flixster.parse(Selector(text=page), url=MOVIE_2011[1])[0]
    assert (film["title"], film["year"]) == ("The Red Shoes", 1948)
    assert film.get("rating") == expected


def test_movie_page_of_2009_2015_should_give_no_year_when_the_heading_prints_none():
    page = '<html><body><h1 id="movieTitle"><span>The Red Shoes</span></h1></body></html>'
    film = flixster.parse(Selector(text=page), url=MOVIE_2011[1])[0]
    assert (film["title"], film.get("year")) == ("The Red Shoes", None)


def test_details_given_as_definition_list_cells_should_be_read_too():
    page = (
        '<html><body><h1 id="movieTitle"><span>The Red Shoes (1948)</span></h1><div id="details"><dl>'
        "<dt>Rated:</dt><dd>NR</dd><dt>Running Time:</dt><dd>133 min</dd><dt>Genres:</dt><dd>Drama</dd>"
        "</dl></div></body></html>"
    )
    film = flixster.parse(Selector(text=page), url=MOVIE_2011[1])[0]
    assert (film["certificate"]["code"], film["runtime_minutes"], film["genres"]) == ("NR", 133, ["Drama"])


PARAGRAPHS_2009 = ("flixster/movie/the-red-shoes-2009-paragraphs.html", "http://www.flixster.com/movie/the-red-shoes")
PARAGRAPHS_2011 = ("flixster/movie/the-red-shoes-2011-paragraphs.html", "http://www.flixster.com/movie/the-red-shoes")


@pytest.mark.parametrize(
    ("case", "year", "users"),
    [
        (PARAGRAPHS_2009, None, {"value": Decimal(88), "best": Decimal(100), "worst": Decimal(0)}),
        (PARAGRAPHS_2011, 1948, {"value": Decimal(88), "best": Decimal(100), "worst": Decimal(0), "count": 4117}),
    ],
)
def test_movie_pages_of_2009_2011_should_read_the_users_box_not_the_critics_one(case, year, users):
    film = parse(case)
    assert film["rating"] == users
    assert [r["label"] for r in film["ratings"]] == ["Flixster Users"]
    assert film.get("year") == year


@pytest.mark.parametrize("case", [PARAGRAPHS_2009, PARAGRAPHS_2011])
def test_movie_pages_of_2009_2011_should_read_the_classed_fact_paragraphs(case):
    film = parse(case)
    assert film["certificate"]["code"] == "NR"
    assert film["runtime_minutes"] == 133
    assert [(d["name"], d["url"]) for d in film["directors"]] == [
        ("Michael Powell", "http://www.flixster.com/actor/michael-powell"),
        ("Emeric Pressburger", "http://www.flixster.com/actor/emeric-pressburger"),
    ]
    assert (film["release_date"], film["release_date_raw"]) == ("1948-10-22", "October 22, 1948")
    assert film["plot"].endswith("a girl in enchanted shoes that cannot stop dancing.")
    assert "read more" not in film["plot"]


def test_movie_page_of_2011_should_list_the_cast_hidden_behind_see_more():
    assert [m["name"] for m in parse(PARAGRAPHS_2011)["cast"]] == [
        "Moira Shearer",
        "Anton Walbrook",
        "Marius Goring",
        "Robert Helpmann",
        "Leonide Massine",
    ]


def test_movie_page_of_2011_should_take_characters_from_the_cast_box_captions():
    assert [(m["name"], m.get("character")) for m in parse(PARAGRAPHS_2011)["cast"]] == [
        ("Moira Shearer", "Victoria Page"),
        ("Anton Walbrook", "Boris Lermontov"),
        ("Marius Goring", None),
        ("Robert Helpmann", None),
        ("Leonide Massine", None),
    ]
