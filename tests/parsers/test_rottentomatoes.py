"""Rotten Tomatoes movie pages of every era, browse grids and top lists: what the parser must give."""

from __future__ import annotations

from decimal import Decimal

import pytest
from parsel import Selector

from crawler.core.extraction import selector_for
from crawler.core.parsers import rottentomatoes
from crawler.core.parsers.errors import PageLayoutError, UnsupportedPage
from tests.fixture_cases import load_page

MOVIE_URL = "https://www.rottentomatoes.com/m/red_shoes"
ERA_2008 = ("rottentomatoes/movie/red_shoes_2008.html", "http://www.rottentomatoes.com/m/red_shoes/")
ERA_2008_EARLY = ("rottentomatoes/movie/red_shoes_2008-early.html", "http://www.rottentomatoes.com/m/red_shoes/")
ERA_2020 = ("rottentomatoes/movie/red_shoes_2020.html", MOVIE_URL)
ERA_2021 = ("rottentomatoes/movie/red_shoes_2021.html", MOVIE_URL)
ERA_2022 = ("rottentomatoes/movie/red_shoes_2022.html", MOVIE_URL)
ERA_2025 = ("rottentomatoes/movie/red_shoes_2025.html", MOVIE_URL)
BROWSE = (
    "rottentomatoes/browse/movies_in_theaters.html",
    "https://www.rottentomatoes.com/browse/movies_in_theaters/sort:newest",
)
TOP = ("rottentomatoes/top/bestofrt_1948.html", "https://www.rottentomatoes.com/top/bestofrt/?year=1948")
TOP_WITH_SIDEBAR = (
    "rottentomatoes/top/top_100_classics_2021.html",
    "https://www.rottentomatoes.com/top/bestofrt/top_100_classics_movies/",
)


def parse(case: tuple[str, str]) -> dict:
    path, url = case
    records = rottentomatoes.parse(selector_for(load_page(path)), url=url)
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize(
    ("case", "value", "count"),
    [
        (ERA_2008, 95, 42),
        (ERA_2008_EARLY, 95, 41),
        (ERA_2020, 96, 57),
        (ERA_2021, 96, 58),
        (ERA_2022, 96, 59),
        (ERA_2025, 97, 61),
    ],
)
def test_movie_parser_should_make_the_tomatometer_the_main_rating_with_its_review_count(case, value, count):
    film = parse(case)
    assert film["rating"] == {"value": Decimal(value), "best": Decimal(100), "worst": Decimal(0), "count": count}
    assert film["ratings"][0] == dict(film["rating"], kind="critic", label="Tomatometer")
    assert film["critic_review_count"] == count


@pytest.mark.parametrize("case", [ERA_2008, ERA_2020, ERA_2021, ERA_2025])
def test_movie_parser_should_give_the_slug_id_and_the_title(case):
    film = parse(case)
    assert film["id"] == "rottentomatoes:m/red_shoes"
    assert film["title"] == "The Red Shoes"
    assert film["url"].rstrip("/").endswith("/m/red_shoes")


@pytest.mark.parametrize(("case", "year"), [(ERA_2008, 1948), (ERA_2020, 1948), (ERA_2021, 1948)])
def test_movie_parser_should_read_the_year_shown_beside_the_title(case, year):
    assert parse(case)["year"] == year


def test_movie_parser_should_keep_the_audience_score_and_its_exact_count_only():
    assert parse(ERA_2020)["ratings"][1] == {
        "kind": "audience",
        "label": "Audience Score",
        "value": Decimal(93),
        "best": Decimal(100),
        "worst": Decimal(0),
        "count": 12431,
    }
    banded = parse(ERA_2021)["ratings"][1]
    assert banded["value"] == Decimal(93) and "count" not in banded  # "10,000+ Ratings" is not a count


def test_movie_parser_should_list_average_ratings_on_their_own_scales():
    assert parse(ERA_2008)["ratings"][1] == {
        "kind": "critic",
        "label": "Tomatometer average rating",
        "value": Decimal("8.7"),
        "best": Decimal(10),
        "worst": Decimal(0),
    }
    labels = {(r["label"], r["value"], r["best"]) for r in parse(ERA_2025)["ratings"]}
    assert ("Popcornmeter", Decimal(92), Decimal(100)) in labels
    assert ("Tomatometer average rating", Decimal("8.80"), Decimal(10)) in labels
    assert ("Audience average rating", Decimal("4.4"), Decimal(5)) in labels


@pytest.mark.parametrize("case", [ERA_2020, ERA_2021, ERA_2022, ERA_2025])
def test_movie_parser_should_keep_only_the_certificate_code_from_the_rating_line(case):
    assert parse(case)["certificate"] == {"code": "PG", "normalized": "PG", "country": "US"}


@pytest.mark.parametrize("case", [ERA_2008, ERA_2020, ERA_2021, ERA_2022, ERA_2025])
def test_movie_parser_should_take_the_theatrical_date_as_release_date(case):
    film = parse(case)
    assert (film["release_date"], film["release_date_raw"]) == ("1948-10-22", "Oct 22, 1948")
    assert film["runtime_minutes"] == 133


def test_movie_parser_should_keep_disc_streaming_and_rerelease_dates_as_releases_only():
    assert [(r["date"], r["note"]) for r in parse(ERA_2020)["releases"]] == [
        ("1948-10-22", "Theatrical, limited"),
        ("1999-07-20", "Disc/Streaming"),
    ]
    assert [(r["date"], r["note"]) for r in parse(ERA_2025)["releases"]] == [
        ("1948-10-22", "Theaters, limited"),
        ("2016-07-15", "Rerelease Theaters"),
        ("2010-07-20", "Streaming"),
    ]
    assert [(r["date"], r["note"]) for r in parse(ERA_2022)["releases"]] == [
        ("1948-10-22", "Theaters, original"),
        ("2016-08-02", "Streaming"),
    ]


def test_2008_movie_parser_should_ignore_the_dvd_box_release_date():
    film = parse(ERA_2008)
    assert [r["date"] for r in film["releases"]] == ["1948-10-22"]


@pytest.mark.parametrize(
    ("case", "cast"),
    [
        (
            ERA_2008,
            [
                ("Anton Walbrook", None),
                ("Marius Goring", None),
                ("Moira Shearer", None),
                ("Robert Helpmann", None),
                ("Léonide Massine", None),
            ],
        ),
        (
            ERA_2020,
            [
                ("Anton Walbrook", "Boris Lermontov"),
                ("Marius Goring", "Julian Craster"),
                ("Moira Shearer", "Victoria Page"),
                ("Irene Browne", None),
            ],
        ),
        (ERA_2021, [("Anton Walbrook", "Boris Lermontov"), ("Moira Shearer", "Victoria Page")]),
        (
            ERA_2022,
            [
                ("Moira Shearer", "Victoria Page"),
                ("Anton Walbrook", "Boris Lermontov"),
                ("Marius Goring", "Julian Craster"),
            ],
        ),
        (ERA_2025, [("Anton Walbrook", "Boris Lermontov"), ("Moira Shearer", "Victoria Page")]),
    ],
)
def test_movie_parser_should_list_the_cast_in_visible_order_without_crew(case, cast):
    film = parse(case)
    assert [(m["name"], m.get("character")) for m in film["cast"]] == cast
    assert [m["order"] for m in film["cast"]] == list(range(1, len(cast) + 1))


@pytest.mark.parametrize("case", [ERA_2008, ERA_2008_EARLY, ERA_2020, ERA_2021, ERA_2022, ERA_2025])
def test_movie_parser_should_read_both_directors(case):
    assert [d["name"] for d in parse(case)["directors"]] == ["Michael Powell", "Emeric Pressburger"]


def test_early_2008_movie_page_should_read_the_info_box():
    film = parse(ERA_2008_EARLY)
    assert ("Tomatometer average rating", Decimal("8.7"), Decimal(10)) in [
        (r["label"], r["value"], r["best"]) for r in film["ratings"]
    ]
    assert (film["runtime_minutes"], film["genres"]) == (133, ["Dramas", "Classics"])
    assert [m["name"] for m in film["cast"]] == ["Anton Walbrook", "Marius Goring", "Moira Shearer"]
    assert [(w["name"], w["note"]) for w in film["writers"]] == [("Emeric Pressburger", "Screenwriter")]
    assert "release_date" not in film  # the DVD box's date is the disc's


def test_early_2008_page_of_the_top_critics_tab_should_give_no_tomatometer():
    film = parse((ERA_2008_EARLY[0], "http://www.rottentomatoes.com/m/red_shoes/?critic=creamcrop"))
    assert "rating" not in film
    assert not film.get("ratings")


@pytest.mark.parametrize("case", [ERA_2008, ERA_2020, ERA_2021, ERA_2022, ERA_2025])
def test_movie_parser_should_read_both_directors_and_the_consensus(case):
    film = parse(case)
    assert [d["name"] for d in film["directors"]] == ["Michael Powell", "Emeric Pressburger"]
    assert film["critics_consensus"].startswith(("The Red Shoes turns", "A ravishing backstage"))


def test_2022_movie_info_lines_should_give_linked_credits_language_and_runtime():
    film = parse(ERA_2022)
    assert [(w["name"], w["url"]) for w in film["writers"]] == [
        ("Emeric Pressburger", "https://www.rottentomatoes.com/celebrity/emeric_pressburger"),
        ("Keith Winter", "https://www.rottentomatoes.com/celebrity/keith_winter"),
    ]
    assert film["directors"][0]["url"] == "https://www.rottentomatoes.com/celebrity/michael_powell"
    assert film["languages"] == ["English"]
    assert film["cast"][0]["url"] == "https://www.rottentomatoes.com/celebrity/moira_shearer"


def test_2008_movie_parser_should_note_screenwriters_and_story_credits():
    writers = [(w["name"], w["note"]) for w in parse(ERA_2008)["writers"]]
    assert writers == [
        ("Emeric Pressburger", "Screenwriter"),
        ("Michael Powell", "Screenwriter"),
        ("Hans Christian Andersen", "Story"),
    ]


def test_browse_parser_should_list_tiles_with_years_from_the_item_list():
    listing = parse(BROWSE)
    assert listing["kind"] == "browse"
    assert [(e["title"], e.get("year"), e["id"]) for e in listing["entries"]] == [
        ("The Red Shoes", 2025, "rottentomatoes:m/red_shoes_2025"),
        ("The Red Shoes", 1948, "rottentomatoes:m/red_shoes"),
        ("Black Narcissus", None, "rottentomatoes:m/black_narcissus"),
    ]
    assert listing["entries"][0]["rating"] == {"value": Decimal(88), "best": 100, "worst": 0, "count": 41}
    assert listing["next_url"] == "https://www.rottentomatoes.com/browse/movies_in_theaters/sort:newest?page=2"


BROWSE_ITEM_LIST_ONLY = """<html><head><script type="application/ld+json">
{"@type": "ItemList", "itemListElement": [
  {"@type": "ListItem", "position": 1, "item": {"@type": "Movie", "name": "The Archers' Ballet",
   "url": "/m/archers_ballet", "dateCreated": "1951-03-02",
   "aggregateRating": {"ratingValue": "91", "reviewCount": 23}}},
  {"@type": "ItemList", "itemListElement": [
    {"@type": "Movie", "name": "A Lantern at Sea", "url": "https://www.rottentomatoes.com/m/lantern_at_sea"}
  ]}
]}
</script></head><body><h1>Classics on stage</h1></body></html>"""


def test_browse_parser_should_list_the_item_list_when_the_page_shows_no_tiles():
    records = rottentomatoes.parse(Selector(text=BROWSE_ITEM_LIST_ONLY), url=BROWSE[1])
    assert [(e["rank"], e["title"], e.get("year"), e["url"], e["id"]) for e in records[0]["entries"]] == [
        (
            1,
            "The Archers' Ballet",
            1951,
            "https://www.rottentomatoes.com/m/archers_ballet",
            "rottentomatoes:m/archers_ballet",
        ),
        (
            2,
            "A Lantern at Sea",
            None,
            "https://www.rottentomatoes.com/m/lantern_at_sea",
            "rottentomatoes:m/lantern_at_sea",
        ),
    ]


def test_top_list_parser_should_read_rank_title_year_and_score():
    listing = parse(TOP)
    assert listing["kind"] == "chart"
    assert [(e["rank"], e["title"], e["year"]) for e in listing["entries"]] == [
        (1, "The Red Shoes", 1948),
        (2, "Hamlet", 1948),
        (3, "The Bicycle Thief (Ladri di biciclette)", 1948),
    ]
    assert listing["entries"][2]["rating"]["count"] == 70


@pytest.mark.parametrize(
    ("case", "title"), [(TOP, "Top 100 Movies of 1948"), (TOP_WITH_SIDEBAR, "Top 100 Classics Movies")]
)
def test_top_list_should_be_named_by_its_own_heading(case, title):
    assert parse(case)["title"] == title


def test_top_list_should_leave_out_the_sidebar_rows_whose_score_is_linked_before_the_title():
    listing = parse(TOP_WITH_SIDEBAR)
    assert [e["title"] for e in listing["entries"]] == [
        "The Red Shoes",
        "Hamlet",
        "The Bicycle Thief (Ladri di biciclette)",
    ]


def test_parser_should_refuse_pages_it_does_not_read():
    with pytest.raises(UnsupportedPage):
        rottentomatoes.parse(
            Selector(text="<html><body></body></html>"), url="https://www.rottentomatoes.com/critics/authors?letter=p"
        )


def test_movie_parser_should_raise_a_layout_error_without_a_title():
    with pytest.raises(PageLayoutError):
        rottentomatoes.parse(Selector(text="<html><body><p>gone</p></body></html>"), url=MOVIE_URL)


def parse_all(case: tuple[str, str]) -> list[dict]:
    path, url = case
    return rottentomatoes.parse(selector_for(load_page(path)), url=url)


CRITICS_2016 = ("rottentomatoes/reviews/red_shoes_critics_2016.html", f"{MOVIE_URL}/reviews/")
CRITICS_2023 = ("rottentomatoes/reviews/red_shoes_critics_2023.html", f"{MOVIE_URL}/reviews")
AUDIENCE_2021 = ("rottentomatoes/reviews/red_shoes_audience_2021.html", f"{MOVIE_URL}/reviews?type=user")
CELEBRITY_2016 = (
    "rottentomatoes/celebrity/michael_powell_2016.html",
    "https://www.rottentomatoes.com/celebrity/michael_powell",
)
CELEBRITY_2021 = (
    "rottentomatoes/celebrity/michael_powell_2021.html",
    "https://www.rottentomatoes.com/celebrity/michael_powell",
)
CELEBRITY_2024 = (
    "rottentomatoes/celebrity/emeric_pressburger_2024.html",
    "https://www.rottentomatoes.com/celebrity/emeric_pressburger",
)
SERIES = ("rottentomatoes/tv/red_shoes_diaries_series_2024.html", "https://www.rottentomatoes.com/tv/red_shoes_diaries")
SEASON = (
    "rottentomatoes/tv/red_shoes_diaries_s01_2024.html",
    "https://www.rottentomatoes.com/tv/red_shoes_diaries/s01",
)


@pytest.mark.parametrize(
    ("case", "kind", "first"),
    [
        # until 2022: div.review_table_row, "Full Review | Original Score: 4/5"
        (
            CRITICS_2016,
            "critic",
            ("Bosley Crowther", "1948-10-23", {"value": Decimal(4), "best": Decimal(5), "raw": "4/5"}),
        ),
        # 2023+: div.review-row, the date inside the score line
        (
            CRITICS_2023,
            "critic",
            ("Peter Bradshaw", "2024-11-21", {"value": Decimal(5), "best": Decimal(5), "raw": "5/5"}),
        ),
        # audience reviews: four full stars and a half
        (AUDIENCE_2021, "user", ("Margaret L", "2021-01-03", {"value": Decimal("4.5"), "best": Decimal(5)})),
    ],
)
def test_review_pages_should_give_one_review_per_row_with_author_date_and_score(case, kind, first):
    reviews = parse_all(case)
    assert {r["type"] for r in reviews} == {"review"} and {r["kind"] for r in reviews} == {kind}
    assert (reviews[0]["author"], reviews[0]["date"], reviews[0]["rating"]) == first
    assert reviews[0]["film_id"] == "rottentomatoes:m/red_shoes" and reviews[0]["film_title"] == "The Red Shoes"
    assert reviews[0]["extraction"]["parser"] == "rottentomatoes/reviews/review_rows"


@pytest.mark.parametrize(
    ("index", "rating"),
    [
        (1, None),  # no original score printed
        (2, {"raw": "C+"}),  # a letter grade is kept raw, never turned into a number
    ],
)
def test_critic_review_scores_should_be_read_only_when_printed_on_a_scale(index, rating):
    assert parse_all(CRITICS_2016)[index].get("rating") == rating


def test_a_review_signed_only_by_its_publication_should_name_the_publication():
    assert parse_all(CRITICS_2016)[2]["author"] == "Monthly Film Bulletin"


@pytest.mark.parametrize(
    ("case", "name", "expected"),
    [
        (
            CELEBRITY_2016,
            "Michael Powell",
            [("The Red Shoes", 1948, Decimal(97)), ("Black Narcissus", 1947, Decimal(88))],
        ),
        (
            CELEBRITY_2021,
            "Michael Powell",
            [
                ("The Red Shoes", 1948, Decimal(97)),
                ("Black Narcissus", 1947, Decimal(88)),
                ("Peeping Tom", 1960, None),  # no Tomatometer yet: data-tomatometer="0"
                ("Espionage", None, None),
            ],
        ),  # a TV run "1963-1964" is not a year
        # 2024+: rt-text cells, the Tomatometer in span.icon__tomatometer-score, not on the row
        (
            CELEBRITY_2024,
            "Emeric Pressburger",
            [
                ("The Red Shoes", 1948, Decimal(96)),
                ("A Canterbury Tale", 1944, Decimal(93)),
                ("Miracle in Soho", 1957, None),  # "- -": no Tomatometer, never 0
                ("The Small Back Room Stories", None, None),
            ],
        ),
    ],
)
def test_celebrity_pages_should_give_the_filmography_tables_as_a_listing(case, name, expected):
    listing = parse(case)
    assert (listing["kind"], listing["title"]) == ("filmography", name)
    assert [(e["title"], e.get("year"), (e.get("rating") or {}).get("value")) for e in listing["entries"]] == expected
    assert all(e["url"].startswith("https://www.rottentomatoes.com/") for e in listing["entries"])


def test_series_page_should_read_its_run_as_a_span_not_a_release_date():
    series = parse(SERIES)
    assert (series["id"], series["title_kind"], series["year"], series["end_year"]) == (
        "rottentomatoes:tv/red_shoes_diaries",
        "tv_series",
        1992,
        1997,
    )
    assert "release_date" not in series
    assert series["rating"]["value"] == Decimal(60) and series["certificate"]["code"] == "TV-MA"


def test_season_page_should_name_its_series_and_list_only_its_own_episodes():
    season, episodes = parse_all(SEASON)
    assert season["series"] == {"id": "rottentomatoes:tv/red_shoes_diaries", "title": "Red Shoes Diaries"}
    assert season["season"] == 1 and "year" not in season
    assert episodes["kind"] == "episodes"
    assert [(e["title"], e["season"], e["episode"]) for e in episodes["entries"]] == [
        ("Another Woman's Lipstick", 1, 1),
        ("Just Like That", 1, 2),
    ]  # not another series' episode


@pytest.mark.parametrize(
    "url",
    [
        "https://www.rottentomatoes.com/m/red_shoes/reviews",
        "https://www.rottentomatoes.com/celebrity/michael_powell",
    ],
)
def test_review_and_celebrity_pages_without_their_rows_should_be_refused_not_emptied(url):
    with pytest.raises(UnsupportedPage):
        rottentomatoes.parse(Selector(text="<html><body><h1>x</h1></body></html>"), url=url)


ERA_2012 = ("rottentomatoes/movie/red_shoes_2012.html", "http://www.rottentomatoes.com/m/red_shoes/")
ERA_2016 = ("rottentomatoes/movie/red_shoes_2016.html", "https://www.rottentomatoes.com/m/red_shoes/")


@pytest.mark.parametrize("case", [ERA_2012, ERA_2016], ids=["2010-13 critic_stats", "2014-19 scoreStats"])
def test_movie_pages_of_the_2010s_should_read_the_score_panel_beside_its_labels(case):
    film = parse(case)
    assert (film["title"], film["year"]) == ("The Red Shoes", 1948)
    assert [(r["label"], r["value"], r.get("count")) for r in film["ratings"]] == [
        ("Tomatometer", Decimal(97), 61),
        ("Tomatometer average rating", Decimal("8.8"), None),
        ("Audience Score", Decimal(92), 31123),
        ("Audience average rating", Decimal("4.2"), None),
    ]
    assert film["critics_consensus"] == "A ravishing fairy tale of art and obsession."


def test_the_top_critics_tab_should_not_be_read_as_the_tomatometer():
    assert parse(ERA_2016)["critic_review_count"] == 61  # not the top critics' 12


SEARCH = ("rottentomatoes/search/red-shoes-2024.html", "https://www.rottentomatoes.com/search?search=red%20shoes")


def test_search_page_should_list_movie_and_tv_rows_but_not_people():
    listing = parse(SEARCH)
    assert (listing["kind"], listing["extraction"]["parser"]) == ("search", "rottentomatoes/search/media_rows")
    assert [(e["id"], e.get("year"), (e.get("rating") or {}).get("value")) for e in listing["entries"]] == [
        ("rottentomatoes:m/red_shoes", 1948, Decimal(97)),
        ("rottentomatoes:m/the_red_shoes_2025", 2025, None),  # no Tomatometer yet
        ("rottentomatoes:tv/red_shoes_diaries", None, Decimal(60)),  # a series' start year is not its year
    ]


CRITIC_2017 = (
    "rottentomatoes/critic/margaret_holloway_2017.html",
    "https://www.rottentomatoes.com/critic/margaret-holloway/movies",
)


def test_critic_page_should_give_one_review_per_film_signed_by_the_critic():
    reviews = parse_all(CRITIC_2017)
    assert {(r["type"], r["kind"], r["author"]) for r in reviews} == {("review", "critic", "Margaret Holloway")}
    assert [(r["film_id"], r["film_title"], r["film_year"], r["publication"], r["date"]) for r in reviews] == [
        ("rottentomatoes:m/red_shoes", "The Red Shoes", 1948, "The Evening Gazette", "2017-01-04"),
        ("rottentomatoes:m/the_small_back_room_1949", "The Small Back Room", 1949, "Screen Weekly", "2016-11-18"),
        ("rottentomatoes:m/black_narcissus", "Black Narcissus", 1947, "The Evening Gazette", "2016-09-02"),
    ]
    assert reviews[0]["extraction"]["parser"] == "rottentomatoes/critic/review_table"


@pytest.mark.parametrize(
    ("index", "rating"),
    [
        (0, {"value": Decimal(4), "best": Decimal(5), "raw": "4/5"}),
        (1, {"raw": "C+"}),  # a letter grade is kept raw
        (2, None),  # an icon titled "Fresh" is a sentiment, not a score
    ],
)
def test_critic_page_should_read_the_original_score_only_when_printed(index, rating):
    assert parse_all(CRITIC_2017)[index].get("rating") == rating


def test_critic_page_without_its_review_table_should_be_refused():
    with pytest.raises(UnsupportedPage):
        rottentomatoes.parse(
            Selector(text="<html><body><h2>Margaret Holloway</h2></body></html>"),
            url="https://www.rottentomatoes.com/critic/margaret-holloway/movies",
        )


# 2020-2022: rows in tbody#review-table-body, the film linked in the title column with its year beside the link.
CRITIC_2021 = (
    "rottentomatoes/critic/margaret_holloway_2021.html",
    "https://www.rottentomatoes.com/critic/margaret-holloway/movies",
)
# 2023+: /critics/<slug>/movies, the rows rendered in the browser, the reviews served as a JSON-LD ItemList.
CRITIC_2024 = (
    "rottentomatoes/critic/margaret_holloway_2024.html",
    "https://www.rottentomatoes.com/critics/margaret-holloway/movies",
)


@pytest.mark.parametrize(
    ("case", "parser", "expected"),
    [
        (
            CRITIC_2021,
            "rottentomatoes/critic/review_table",
            [
                ("rottentomatoes:m/red_shoes", "The Red Shoes", 1948, "The Evening Gazette", "2021-03-14"),
                (
                    "rottentomatoes:m/the_small_back_room_1949",
                    "The Small Back Room",
                    1949,
                    "Screen Weekly",
                    "2020-11-18",
                ),
            ],
        ),
        (
            CRITIC_2024,
            "rottentomatoes/critic/review_json_ld",
            [
                ("rottentomatoes:m/red_shoes", "The Red Shoes", None, "The Evening Gazette", "2024-03-14"),
                (
                    "rottentomatoes:m/the_small_back_room_1949",
                    "The Small Back Room",
                    None,
                    "Screen Weekly",
                    "2023-11-18",
                ),
                ("rottentomatoes:m/the_red_shoes_2025", "The Red Shoes", 2025, "The Evening Gazette", "2025-04-02"),
            ],
        ),
    ],
)
def test_critic_pages_of_2020_on_should_give_one_review_per_film_signed_by_the_critic(case, parser, expected):
    reviews = parse_all(case)
    assert {(r["type"], r["kind"], r["author"]) for r in reviews} == {("review", "critic", "Margaret Holloway")}
    assert [
        (r["film_id"], r["film_title"], r.get("film_year"), r["publication"], r["date"]) for r in reviews
    ] == expected  # a review whose film has no page link is left out
    assert {r["extraction"]["parser"] for r in reviews} == {parser}


@pytest.mark.parametrize(
    ("case", "index", "rating"),
    [
        (CRITIC_2021, 0, {"value": Decimal(4), "best": Decimal(5), "raw": "4/5"}),
        (CRITIC_2021, 1, None),  # "Rotten" is a sentiment
        (CRITIC_2024, 0, {"value": Decimal(4), "best": Decimal(5), "raw": "4/5"}),
        (CRITIC_2024, 1, None),  # a bare "3" with no stated scale
        (CRITIC_2024, 2, None),
    ],
)
def test_critic_pages_of_2020_on_should_read_a_score_only_on_a_stated_scale(case, index, rating):
    assert parse_all(case)[index].get("rating") == rating


@pytest.mark.parametrize(
    ("url", "page_type"),
    [
        ("https://www.rottentomatoes.com/critics/margaret-holloway/movies", "critic"),
        ("https://www.rottentomatoes.com/critics/margaret-holloway", "critic"),
        ("https://www.rottentomatoes.com/critic/margaret-holloway/movies?page=2", "critic"),
        ("https://www.rottentomatoes.com/critics/authors?letter=p", None),
        ("https://www.rottentomatoes.com/critics/latest_reviews", None),
        ("https://www.rottentomatoes.com/critics/source/268", None),
    ],
)
def test_critic_pages_should_be_routed_under_both_their_old_and_their_2023_paths(url, page_type):
    assert rottentomatoes.SITE.page_type_of(url) == page_type


GUIDE = (
    "rottentomatoes/list/all_powell_and_pressburger_ranked.html",
    "https://editorial.rottentomatoes.com/guide/all-powell-and-pressburger-movies-ranked/",
)


def test_editorial_guide_should_list_its_countdown_with_printed_rank_year_and_tomatometer():
    guide = parse(GUIDE)
    assert (guide["kind"], guide["title"]) == ("list", "All Powell and Pressburger Movies Ranked")
    assert [
        (e["rank"], e["title"], e["year"], e["id"], (e.get("rating") or {}).get("value")) for e in guide["entries"]
    ] == [
        (5, "The Tales of Hoffmann", 1951, "rottentomatoes:m/the_tales_of_hoffmann", None),
        (4, "Black Narcissus", 1947, "rottentomatoes:m/black_narcissus", Decimal(97)),
        (3, "A Matter of Life and Death", 1946, "rottentomatoes:m/a_matter_of_life_and_death", Decimal(96)),
        (
            2,
            "The Life and Death of Colonel Blimp",
            1943,
            "rottentomatoes:m/the_life_and_death_of_colonel_blimp",
            Decimal(95),
        ),
        (1, "The Red Shoes", 1948, "rottentomatoes:m/red_shoes", Decimal(96)),
    ]


def test_editorial_guide_should_not_take_the_next_article_for_a_next_page():
    assert "next_url" not in parse(GUIDE)


@pytest.mark.parametrize(
    ("url", "page_type"),
    [
        ("https://editorial.rottentomatoes.com/guide/140-essential-action-movies-to-watch-now/", "list"),
        ("https://editorial.rottentomatoes.com/guide/140-essential-action-movies-to-watch-now/2/", "list"),
        ("https://editorial.rottentomatoes.com/article/red-shoes-restoration/", None),
    ],
)
def test_editorial_guides_should_be_routed_as_guides(url, page_type):
    assert rottentomatoes.SITE.page_type_of(url) == page_type


def test_a_guide_without_countdown_rows_should_be_refused():
    page = Selector(text="<html><body><h1>Guide</h1><p>Text only.</p></body></html>")
    with pytest.raises(UnsupportedPage):
        rottentomatoes.parse(page, url=GUIDE[1])
