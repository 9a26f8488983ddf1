"""ČSFD film pages: what the ČSFD parser must give."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from parsel import Selector

from crawler.core.extraction import selector_for
from crawler.core.parsers import csfd
from crawler.core.parsers.errors import PageLayoutError, UnsupportedPage
from tests.fixture_cases import load_page

FILM_CZ = ("csfd/film/cervene-strevicky-1948.html", "https://www.csfd.cz/film/6380-cervene-strevicky/prehled/")
# The same film in the layout of 2020-2021: plain-text genres, "Velká Británie, 1948, 133 min", div.rating-average,
# div.creators without its id, the ratings count in the ratings tab.
FILM_2021 = ("csfd/film/cervene-strevicky-1948-2021.html", "https://www.csfd.cz/film/6380-cervene-strevicky/prehled/")
FILM_SK = ("csfd/film/the-red-shoes-2025-sk.html", "https://www.csfd.sk/film/1500210-cervene-crievicky/prehled/")


def parse(case: tuple[str, str]) -> dict:
    path, url = case
    records = csfd.parse(selector_for(load_page(path)), url=url)
    assert len(records) == 1
    return records[0]


def test_film_parser_should_prefer_the_shown_percentage_to_the_unrounded_json_ld_average():
    film = parse(FILM_CZ)
    assert film["rating"] == {"value": Decimal(86), "best": Decimal(100), "worst": Decimal(0), "count": 3050}
    assert film["ratings"] == [dict(film["rating"], kind="user", label="ČSFD")]
    assert film["user_review_count"] == 121  # shown, not the JSON-LD reviewCount


def test_film_page_of_2020_2021_should_give_what_the_later_layout_gives():
    film, later = parse(FILM_2021), parse(FILM_CZ)
    fields = ("genres", "runtime_minutes", "countries", "year", "rating", "directors", "writers", "cast")
    assert {k: film.get(k) for k in fields} == {k: later.get(k) for k in fields}
    assert film["genres"] == ["Drama", "Romantický", "Hudební"]
    assert (film["runtime_minutes"], film["rating"]["value"], film["rating"]["count"]) == (133, Decimal(86), 3050)


def test_film_parser_should_give_no_rating_when_the_page_shows_no_average_yet():
    film = parse(FILM_SK)
    assert "rating" not in film and "ratings" not in film
    assert film["user_review_count"] == 1


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            FILM_CZ,
            {
                "id": "csfd:6380",
                "title": "Červené střevíčky",
                "original_title": "The Red Shoes",
                "year": 1948,
                "runtime_minutes": 133,
                "runtime_raw": "133 min",
                "countries": ["Velká Británie"],
                "genres": ["Drama", "Romantický", "Hudební"],
            },
        ),
        (
            FILM_SK,
            {
                "id": "csfd:1500210",
                "title": "Červené črievičky",
                "original_title": "The Red Shoes",
                "year": 2025,
                "runtime_minutes": 98,
                "countries": ["Írsko", "Veľká Británia"],
                "genres": ["Dráma"],
            },
        ),
    ],
)
def test_film_parser_should_read_the_header_and_the_origin_line(case, expected):
    film = parse(case)
    assert {key: film.get(key) for key in expected} == expected


def test_film_parser_should_take_the_original_title_from_the_name_flagged_with_the_first_origin_country():
    film = parse(FILM_CZ)
    assert film["also_known_as"] == [
        {"title": "Červené střevíčky", "country": "Česko"},
        {"title": "Červené črievičky", "country": "Slovensko"},
        {"title": "The Red Shoes", "country": "Velká Británie"},
    ]


def test_film_parser_should_keep_the_visible_credits_in_order_including_folded_cast():
    film = parse(FILM_CZ)
    assert [d["name"] for d in film["directors"]] == ["Michael Powell", "Emeric Pressburger"]
    assert film["directors"][0]["id"] == "4210"
    assert [(m["name"], m["order"]) for m in film["cast"]] == [
        ("Anton Walbrook", 1),
        ("Marius Goring", 2),
        ("Moira Shearer", 3),
        ("Robert Helpmann", 4),
        ("Léonide Massine", 5),
        ("Albert Basserman", 6),
    ]
    assert [(w["name"], w.get("note")) for w in film["writers"]] == [
        ("Hans Christian Andersen", "Předloha"),
        ("Emeric Pressburger", None),
        ("Michael Powell", None),
    ]


def test_film_parser_should_read_slovak_credit_labels():
    film = parse(FILM_SK)
    assert [d["name"] for d in film["directors"]] == ["Síofra Campbell"]
    assert [m["name"] for m in film["cast"]] == ["Tara Nic Gabhann", "Aoife Hinds"]


def test_film_parser_should_date_the_film_by_the_earliest_cinema_release_of_the_first_country():
    film = parse(FILM_CZ)
    assert (film["release_date"], film["release_date_raw"], film["release_country"]) == (
        "1949-12-02",
        "02.12.1949",
        "CZ",
    )
    assert film["certificate"]["code"] == "Přístupný bez omezení"
    assert film["releases"][0] == {
        "country": "Česko",
        "country_code": "CZ",
        "date": "2019-03-14",
        "date_raw": "14.03.2019",
        "note": "V kinech (Aerofilms)",
    }
    assert len(film["releases"]) == 4


def test_film_parser_should_not_take_a_festival_screening_as_the_release_date():
    film = parse(FILM_SK)
    assert "release_date" not in film
    assert film["releases"][0]["note"] == "Na festivale (Dublin International Film Festival)"


def test_film_parser_should_drop_the_plot_source_and_keep_inline_names():
    assert parse(FILM_CZ)["plot"] == (
        "Mladá tanečnice Victoria Page (Moira Shearer) dostane hlavní roli v baletu "
        "Červené střevíčky a musí volit mezi láskou ke skladateli a tancem."
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.csfd.cz/film/6380-cervene-strevicky/recenze/",
        "https://www.csfd.cz/film/6380-cervene-strevicky/galerie/plakaty/?page=2",
        "https://www.csfd.cz/film/6380-cervene-strevicky/zajimavosti/",
        "https://www.csfd.sk/film/6380-cervene-strevicky/recenzie/",
    ],
)
def test_film_parser_should_read_the_film_printed_above_any_tab(url):
    [film] = csfd.parse(selector_for(load_page(FILM_CZ[0])), url=url)
    assert (film["id"], film["title"], film["year"]) == ("csfd:6380", "Červené střevíčky", 1948)
    assert film["extraction"]["parser"] == "csfd/film_subpage/film"


def test_film_parser_should_read_the_episode_printed_above_its_tab():
    [film] = csfd.parse(selector_for(load_page(EPISODE[0])), url=EPISODE[1].replace("/prehled/", "/galerie/"))
    assert (film["id"], film["title_kind"]) == ("csfd:67890", "tv_episode")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.csfd.cz/diskuze/",
        "https://www.csfd.cz/tvurce/4210-michael-powell/biografie/",
    ],
)
def test_parser_should_refuse_pages_it_does_not_read(url):
    with pytest.raises(UnsupportedPage):
        csfd.parse(selector_for(load_page(FILM_CZ[0])), url=url)


def test_parser_should_refuse_a_film_url_without_the_film_header():
    with pytest.raises(UnsupportedPage):
        csfd.parse(Selector(text="<html><body><p>Stránka nenalezena</p></body></html>"), url=FILM_CZ[1])


def test_film_parser_should_fail_on_a_film_header_without_a_title():
    page = '<html><body><header class="film-header"><h1> </h1></header></body></html>'
    with pytest.raises(PageLayoutError):
        csfd.parse(Selector(text=page), url=FILM_CZ[1])


SERIES = ("csfd/series/red-shoes-diaries-1992.html", "https://www.csfd.cz/film/12345-red-shoes-diaries/prehled/")
EPISODE = (
    "csfd/episode/red-shoes-diaries-s01e01.html",
    "https://www.csfd.cz/film/12345-red-shoes-diaries/67890-another-womans-lipstick/prehled/",
)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (FILM_CZ, {"title_kind": None, "year": 1948, "end_year": None}),  # a film says no kind
        (SERIES, {"title_kind": "tv_series", "year": 1992, "end_year": 1997}),  # "1992–1997" is a run
        (EPISODE, {"title_kind": "tv_episode", "year": 1992, "end_year": None}),
    ],
)
def test_film_parser_should_read_the_kind_note_and_a_run_of_years(case, expected):
    assert {key: parse(case).get(key) for key in expected} == expected


def test_a_series_run_should_never_become_a_release_date():
    assert "release_date" not in parse(SERIES)


# Since 2025 an episode's series is linked above the header (div.film-series-content), and an episode of a
# series without seasons is numbered "(E02)"; a season's heading links its series, "(série)" its note.
EPISODE_2025 = (
    "csfd/episode/red-shoes-diaries-e02-2025.html",
    "https://www.csfd.cz/film/12345-red-shoes-diaries/67891-the-game/prehled/",
)
SEASON = (
    "csfd/episode/red-shoes-diaries-serie-1.html",
    "https://www.csfd.cz/film/12345-red-shoes-diaries/12346-serie-1/prehled/",
)
RED_SHOES_DIARIES = {"title": "Red Shoes Diaries", "id": "csfd:12345"}


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (EPISODE, ("csfd:67890", "Another Woman's Lipstick", "tv_episode", RED_SHOES_DIARIES, 1, 1)),
        (EPISODE_2025, ("csfd:67891", "The Game", "tv_episode", RED_SHOES_DIARIES, None, 2)),
        (SEASON, ("csfd:12346", "Red Shoes Diaries - Série 1", None, RED_SHOES_DIARIES, 1, None)),
    ],
)
def test_episode_and_season_should_name_their_series_and_their_numbers_not_in_the_title(case, expected):
    film = parse(case)
    keys = ("id", "title", "title_kind", "series", "season", "episode")
    assert tuple(film.get(key) for key in keys) == expected


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (EPISODE_2025, (62, "1 h 2 min")),  # not the JSON-LD's duration
        (SEASON, (289, "4 h 49 min")),
    ],
)
def test_origin_line_should_give_a_runtime_printed_in_hours_and_minutes(case, expected):
    film = parse(case)
    assert (film.get("runtime_minutes"), film.get("runtime_raw")) == expected


def test_a_series_premiere_in_cinemas_should_not_be_its_release_date():
    film_page = load_page(FILM_CZ[0]).decode()
    premieres = re.search(r'<section class="[^"]*box-premieres.*?</section>', film_page, re.S)
    assert premieres
    series_page = load_page(SERIES[0]).decode().replace("</body>", premieres.group(0) + "</body>")
    series = csfd.parse(Selector(text=series_page), url=SERIES[1])[0]
    assert series["title_kind"] == "tv_series"
    assert series["releases"] and "release_date" not in series


CHART = (
    "csfd/chart/vlastni-vyber-moira-shearer.html",
    "https://www.csfd.cz/zebricky/vlastni-vyber/?herec=moira-shearer",
)
USER_RATINGS = ("csfd/user_films/vickypage-hodnoceni.html", "https://www.csfd.cz/uzivatel/4242-vickypage/hodnoceni/")
# Since 2025: the year bare ("1948"), a kind after it ("seriál", "epizoda (S01E01)").
USER_RATINGS_2026 = (
    "csfd/user_films/vickypage-hodnoceni-2026.html",
    "https://www.csfd.cz/uzivatel/4242-vickypage/hodnoceni/",
)


@pytest.mark.parametrize(
    ("case", "kind", "expected"),
    [
        # a chart: rank, year, average; a series' run "(1992–1997)" is not a year
        (
            CHART,
            "chart",
            [
                ("csfd:6380", 1948, 1, Decimal("91.2")),
                ("csfd:6379", 1947, 2, Decimal(88)),
                ("csfd:12345", None, 3, Decimal("62.5")),
            ],
        ),
        # a user's ratings: their stars on five; an episode's own number is its id
        (
            USER_RATINGS,
            "user_films",
            [
                ("csfd:6380", 1948, None, Decimal(5)),
                ("csfd:1500210", 2025, None, Decimal(3)),
                ("csfd:67890", 1992, None, Decimal(2)),
            ],
        ),
        (
            USER_RATINGS_2026,
            "user_films",
            [
                ("csfd:6380", 1948, None, Decimal(5)),
                ("csfd:12345", 1992, None, Decimal(3)),
                ("csfd:67890", 1992, None, Decimal(2)),
            ],
        ),
    ],
)
def test_listing_pages_should_give_their_films_and_only_theirs(case, kind, expected):
    listing = parse(case)
    assert (listing["type"], listing["kind"]) == ("listing", kind)
    assert [(e["id"], e.get("year"), e.get("rank"), e["rating"]["value"]) for e in listing["entries"]] == expected
    # the header's search box, the side box and the footer link films too: they are not entries


def test_listing_entry_of_an_episode_should_carry_its_numbers():
    entries = parse(USER_RATINGS_2026)["entries"]
    assert [(e.get("season"), e.get("episode")) for e in entries] == [(None, None), (None, None), (1, 1)]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.csfd.cz/zebricky/filmy/nejlepsi/",
        "https://www.csfd.cz/tvurce/3125-moira-shearer/",
    ],
)
def test_listing_pages_without_film_rows_should_be_refused(url):
    with pytest.raises(UnsupportedPage):
        csfd.parse(Selector(text="<html><body><h1>Žebříčky</h1></body></html>"), url=url)


FILM_2015 = ("csfd/film/cervene-strevicky-2015.html", "https://www.csfd.cz/film/6380-cervene-strevicky/prehled/")


def test_film_page_of_the_layout_before_2021_should_be_read_from_its_profile():
    film = parse(FILM_2015)
    assert film["extraction"]["parser"] == "csfd/film/film_2012"
    assert (film["title"], film["year"], film["runtime_minutes"], film["countries"]) == (
        "Červené střevíčky",
        1948,
        133,
        ["Velká Británie"],
    )
    assert film["rating"] == {"value": Decimal(86), "best": Decimal(100), "worst": Decimal(0)}
    assert [d["name"] for d in film["directors"]] == ["Michael Powell", "Emeric Pressburger"]
    assert [w["name"] for w in film["writers"]] == ["Emeric Pressburger", "Michael Powell"]  # not the source author
    assert [m["name"] for m in film["cast"]] == ["Moira Shearer", "Anton Walbrook", "Marius Goring"]


@pytest.mark.parametrize(
    ("note", "origin", "expected"),
    [
        ("(TV seriál)", "USA, 1992–1997, 30 min", {"title_kind": "tv_series", "year": 1992, "end_year": 1997}),
        ("(TV film)", "USA, 1995, 90 min", {"title_kind": "tv_movie", "year": 1995, "end_year": None}),
        ("", "Velká Británie / USA, 1948", {"title_kind": None, "year": 1948, "end_year": None}),
    ],
)
def test_old_layout_should_read_the_type_note_and_a_run_of_years(note, origin, expected):
    html = (
        f'<html><body><div id="profile"><div class="info"><h1 itemprop="name">Red Shoes Diaries '
        f'<span class="film-type">{note}</span></h1><p class="origin">{origin}</p></div></div></body></html>'
    )
    film = csfd.parse(Selector(text=html), url="https://www.csfd.cz/film/12345-red-shoes-diaries/")[0]
    assert film["title"] == "Red Shoes Diaries"
    assert {key: film.get(key) for key in expected} == expected


FILM_2010 = ("csfd/film/cervene-strevicky-2010.html", "http://www.csfd.cz/film/6380-cervene-strevicky/")


def test_film_page_before_2012_should_be_read_from_its_info_block():
    film = parse(FILM_2010)
    assert film["extraction"]["parser"] == "csfd/film/film_2008"
    assert (film["id"], film["title"], film["year"], film["runtime_minutes"], film["countries"]) == (
        "csfd:6380",
        "Červené střevíčky",
        1948,
        133,
        ["Velká Británie"],
    )
    assert film["genres"] == ["Drama", "Romantický", "Hudební"]
    assert film["rating"] == {"value": Decimal(82), "best": Decimal(100), "worst": Decimal(0)}


def test_film_page_before_2012_should_take_the_original_title_from_the_name_flagged_with_the_first_country():
    film = parse(FILM_2010)
    assert film["original_title"] == "The Red Shoes"  # not the Slovak name listed first
    assert film["also_known_as"] == [
        {"title": "Červené črievičky", "country": "Slovensko"},
        {"title": "The Red Shoes", "country": "Velká Británie"},
    ]


def test_film_page_before_2012_should_read_credits_of_every_old_person_path_but_not_the_more_link():
    film = parse(FILM_2010)
    assert [(d["name"], d["id"]) for d in film["directors"]] == [
        ("Michael Powell", "4210"),
        ("Emeric Pressburger", "4211"),
    ]
    assert [w["name"] for w in film["writers"]] == ["Emeric Pressburger", "Michael Powell"]  # not the composer
    assert [(m["name"], m["order"]) for m in film["cast"]] == [
        ("Anton Walbrook", 1),
        ("Marius Goring", 2),
        ("Moira Shearer", 3),
    ]
    assert film["cast"][0]["url"] == "http://www.csfd.cz/herec/5002-anton-walbrook/"


def _page_before_2012(rating_box: str, creators: str = "") -> str:
    return (
        '<html><body><div id="profile"><div class="info"><h1>Červené střevíčky</h1>'
        '<div class="origin">Velká Británie, 1948, 133 min</div>'
        f'<div class="creators">{creators}</div></div></div>{rating_box}</body></html>'
    )


@pytest.mark.parametrize(
    ("rating_box", "expected"),
    [
        ('<div id="rating"><h2 class="average">82%</h2></div>', Decimal(82)),
        ('<div id="rating"><h2>?%</h2><p>Hodnocení: 3</p></div>', None),  # too few ratings for an average
        ('<div id="rating"><h2>144%</h2></div>', None),  # off the scale: no value rather than a wrong one
        ('<div id="rating"></div><div id="charts">95% nejlepší film</div>', None),  # a chart's percentage
    ],
)
def test_film_page_before_2012_should_take_only_the_rating_boxs_percentage(rating_box, expected):
    film = csfd.parse(Selector(text=_page_before_2012(rating_box)), url=FILM_2010[1])[0]
    assert (film.get("rating") or {}).get("value") == expected


def test_film_page_before_2012_should_split_professions_printed_on_one_line():
    creators = (
        '<p><strong>Režie:</strong> <a href="/reziser/1-a-b/">Ann Bee</a> <strong>Hrají:</strong> '
        '<a href="/herec/2-c-d/">Cee Dee</a>, <a href="/herec/3-e-f/">Eff Gee</a></p>'
    )
    film = csfd.parse(Selector(text=_page_before_2012("", creators)), url=FILM_2010[1])[0]
    assert [d["name"] for d in film["directors"]] == ["Ann Bee"]
    assert [m["name"] for m in film["cast"]] == ["Cee Dee", "Eff Gee"]
