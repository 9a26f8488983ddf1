"""Metacritic movie pages (pre-2023 and 2023+ layouts): what the Metacritic parser must give."""

from __future__ import annotations

from decimal import Decimal

import pytest
from parsel import Selector

from crawler.core.extraction import selector_for
from crawler.core.parsers import metacritic
from crawler.core.parsers.errors import UnsupportedPage
from tests.fixture_cases import load_page

CLASSIC = ("metacritic/movie/the_red_shoes_2017.html", "http://www.metacritic.com/movie/the-red-shoes")
CURRENT = ("metacritic/movie/the_red_shoes_2025.html", "https://www.metacritic.com/movie/the-red-shoes-2025/")
# The 2011-2016 product page: div.product_title, metascore_wrap / userscore_wrap, li.summary_detail facts.
PRODUCT_2014 = ("metacritic/movie/the-red-shoes-2014.html", "http://www.metacritic.com/movie/the-red-shoes")


def parse(case: tuple[str, str]) -> dict:
    path, url = case
    records = metacritic.parse(selector_for(load_page(path)), url=url)
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize(
    ("case", "metascore", "critics", "user", "ratings"),
    [
        (CLASSIC, 100, 9, "8.6", 112),
        (CURRENT, 64, 12, "7.1", 1204),
        (PRODUCT_2014, 91, 14, "8.7", 62),  # not the 100 of the critic review listed below
    ],
)
def test_movie_parser_should_make_the_metascore_main_and_keep_the_user_score(case, metascore, critics, user, ratings):
    film = parse(case)
    assert film["rating"] == {"value": Decimal(metascore), "best": Decimal(100), "worst": Decimal(0), "count": critics}
    assert film["ratings"] == [
        dict(film["rating"], kind="metascore", label="Metascore"),
        {
            "kind": "user",
            "label": "User Score",
            "value": Decimal(user),
            "best": Decimal(10),
            "worst": Decimal(0),
            "count": ratings,
        },
    ]
    assert film["critic_review_count"] == critics


def test_movie_parser_should_read_the_starring_line_in_printed_order_not_the_json_ld_actors():
    film = parse(CLASSIC)  # the file starts with a byte order mark
    assert [m["name"] for m in film["cast"]] == [
        "Albert Basserman",
        "Anton Walbrook",
        "Léonide Massine",
        "Marius Goring",
        "Moira Shearer",
    ]
    assert film["cast"][0]["url"] == "http://www.metacritic.com/person/albert-basserman"


@pytest.mark.parametrize(
    ("case", "fields"),
    [
        (
            CLASSIC,
            {
                "id": "metacritic:movie/the-red-shoes",
                "title": "The Red Shoes",
                "year": 1948,
                "runtime_minutes": 133,
                "genres": ["Drama", "Romance", "Music"],
                "release_date": "1948-10-22",
                "release_date_raw": "October 22, 1948",
            },
        ),
        (
            CURRENT,
            {
                "id": "metacritic:movie/the-red-shoes-2025",
                "title": "The Red Shoes",
                "year": 2025,
                "runtime_minutes": 128,
                "genres": ["Drama", "Horror", "Music"],
                "release_date": "2025-09-12",
            },
        ),
    ],
)
def test_movie_parser_should_read_the_details_block(case, fields):
    film = parse(case)
    assert {key: film.get(key) for key in fields} == fields


def test_movie_parser_should_give_certificate_and_both_directors():
    film = parse(CLASSIC)
    assert film["certificate"] == {"code": "Not Rated", "normalized": "NR", "country": "US"}
    assert [d["name"] for d in film["directors"]] == ["Michael Powell", "Emeric Pressburger"]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.metacritic.com/game/the-red-shoes/",
        "https://www.metacritic.com/news/",
    ],
)
def test_parser_should_refuse_pages_other_than_movie_pages(url):
    with pytest.raises(UnsupportedPage):
        metacritic.parse(Selector(text="<html><body><h1>x</h1></body></html>"), url=url)


def test_product_page_of_2011_2016_should_be_read_from_its_summary_details():
    film = parse(PRODUCT_2014)
    assert film["extraction"]["parser"] == "metacritic/movie/movie_2011"
    assert (film["id"], film["url"], film["title"]) == (
        "metacritic:movie/the-red-shoes",
        "http://www.metacritic.com/movie/the-red-shoes",
        "The Red Shoes",
    )
    assert film["certificate"] == {"code": "Not Rated", "normalized": "NR", "country": "US"}
    assert (film["runtime_minutes"], film["genres"]) == (133, ["Drama", "Romance", "Music"])
    assert (film["release_date"], film["release_date_raw"]) == ("1948-10-22", "Oct 22, 1948")
    assert [d["id"] for d in film["directors"]] == ["michael-powell", "emeric-pressburger"]
    assert [(m["name"], m["order"]) for m in film["cast"]] == [
        ("Anton Walbrook", 1),
        ("Marius Goring", 2),
        ("Moira Shearer", 3),
    ]
    assert film["plot"].startswith("A young dancer joins") and film["plot"].endswith("the composer she loves.")


def test_product_page_of_2011_2016_should_not_take_a_release_date_for_the_films_year():
    # The date is the US release the reviews were filed under: a restoration's for an old film.
    html = (
        '<html><body><div class="product_title"><a href="/movie/the-red-shoes"><h1>The Red Shoes</h1></a></div>'
        '<ul class="summary_details"><li class="summary_detail release_data"><span class="label">Release Date:</span>'
        ' <span class="data">Jul 31, 2009</span></li></ul></body></html>'
    )
    film = metacritic.parse(Selector(text=html), url=PRODUCT_2014[1])[0]
    assert (film.get("release_date"), film.get("year")) == ("2009-07-31", None)


PRODUCT_2015 = ("metacritic/movie/macbeth-2015-2016.html", "http://www.metacritic.com/movie/macbeth-2015")


def test_product_page_of_2011_2016_should_take_the_year_its_address_and_release_date_agree_on():
    film = parse(PRODUCT_2015)
    assert (film["id"], film["year"], film["release_date"]) == ("metacritic:movie/macbeth-2015", 2015, "2015-12-04")


@pytest.mark.parametrize(
    ("path", "released", "year"),
    [
        ("/movie/macbeth-2015", "Dec 4, 2015", 2015),
        ("/movie/macbeth-2015/", "Dec 4, 2015", 2015),
        # a restoration of a film told apart by its own year: the date is not the film's
        ("/movie/the-red-shoes-1948", "Jul 31, 2009", None),
        # the title's own number, not a year of the film
        ("/movie/blade-runner-2049", "Oct 6, 2017", None),
        ("/movie/the-class-of-1999", "May 11, 1990", None),
        # no year in the address
        ("/movie/the-red-shoes", "Jul 31, 2009", None),
        # a date without its year
        ("/movie/macbeth-2015", "TBA", None),
    ],
)
def test_product_page_of_2011_2016_should_take_a_release_year_only_when_its_address_names_it(path, released, year):
    html = (
        '<html><body><div class="product_title"><a href="/movie/x"><h1>The Film</h1></a></div>'
        '<ul class="summary_details"><li class="summary_detail release_data"><span class="label">Release Date:</span>'
        f' <span class="data">{released}</span></li></ul></body></html>'
    )
    film = metacritic.parse(Selector(text=html), url=f"https://www.metacritic.com{path}")[0]
    assert film.get("year") == year


@pytest.mark.parametrize(
    ("metascore", "user_score"),
    [("tbd", "tbd"), ("", "")],
)
def test_product_page_of_2011_2016_should_give_no_rating_for_an_unscored_film(metascore, user_score):
    html = (
        '<html><body><div class="product_title"><h1>The Red Shoes</h1></div>'
        f'<div class="metascore_wrap"><div class="metascore_w xlarge movie tbd">{metascore}</div></div>'
        f'<div class="userscore_wrap"><div class="metascore_w user large movie tbd">{user_score}</div></div>'
        '<ul class="summary_details"><li class="summary_detail product_runtime"><span class="label">Runtime:</span>'
        ' <span class="data">133 min</span></li></ul></body></html>'
    )
    film = metacritic.parse(Selector(text=html), url=PRODUCT_2014[1])[0]
    assert ("rating" not in film, "ratings" not in film, film["runtime_minutes"]) == (True, True, 133)


def test_product_page_of_2011_2016_should_not_take_a_user_badge_in_the_summary_for_the_metascore():
    html = (
        '<html><body><div class="product_title"><h1>The Red Shoes</h1></div>'
        '<div class="metascore_summary"><div class="metascore_w user medium movie positive">8.4</div>'
        '<div class="metascore_w xlarge movie positive">91</div><span class="count">based on 14 Critics</span></div>'
        '<ul class="summary_details"><li class="summary_detail product_runtime"><span class="label">Runtime:</span>'
        ' <span class="data">133 min</span></li></ul></body></html>'
    )
    film = metacritic.parse(Selector(text=html), url=PRODUCT_2014[1])[0]
    assert film["rating"] == {"value": Decimal(91), "best": Decimal(100), "worst": Decimal(0), "count": 14}


def test_parser_should_refuse_an_unrecognised_movie_layout():
    with pytest.raises(UnsupportedPage):
        metacritic.parse(
            Selector(text="<html><body><h1>The Red Shoes</h1></body></html>"),
            url="https://www.metacritic.com/movie/the-red-shoes",
        )


PERSON_2017 = (
    "metacritic/person/michael-powell-movies-2017.html",
    "http://www.metacritic.com/person/michael-powell?filter-options=movies",
)


def test_person_parser_should_list_the_credits_table_as_a_filmography():
    listing = parse(PERSON_2017)
    assert (listing["type"], listing["kind"], listing["title"]) == ("listing", "filmography", "Michael Powell")
    assert listing["extraction"]["parser"] == "metacritic/person/credits_table"
    assert [(e["title"], e.get("year"), e["id"]) for e in listing["entries"]] == [
        ("The Red Shoes", 2025, "metacritic:movie/the-red-shoes-2025"),
        ("The Tales of Hoffmann", 1951, "metacritic:movie/the-tales-of-hoffmann"),
        ("The Red Shoes", 1948, "metacritic:movie/the-red-shoes"),
        ("A Matter of Life and Death", 1946, "metacritic:movie/a-matter-of-life-and-death"),
    ]  # not the masthead's menu table, which links a film too


@pytest.mark.parametrize(
    ("badge", "rating"),
    [
        ("100", {"value": Decimal(100), "best": Decimal(100), "worst": Decimal(0)}),
        ("tbd", None),  # no score yet
    ],
)
def test_person_parser_should_read_the_metascore_badge_of_each_credit(badge, rating):
    entries = {e["id"]: e for e in parse(PERSON_2017)["entries"]}
    entry = entries["metacritic:movie/the-red-shoes" if badge == "100" else "metacritic:movie/the-red-shoes-2025"]
    assert entry.get("rating") == rating


PERSON_2024 = (
    "metacritic/person/michael-powell-product-cards-2024.html",
    "https://www.metacritic.com/person/michael-powell/",
)


def test_person_parser_should_list_the_2023_product_cards_as_a_filmography():
    listing = parse(PERSON_2024)
    assert (listing["kind"], listing["title"]) == ("filmography", "Michael Powell")
    assert listing["extraction"]["parser"] == "metacritic/person/product_cards"
    # Each title once (The Red Shoes is carded under Director and Writer); the header's trending card and the
    # aside's are not the person's credits; "tbd" is no Metascore.
    assert [(e["title"], e.get("year"), (e.get("rating") or {}).get("value"), e["id"]) for e in listing["entries"]] == [
        ("The Red Shoes", 1948, Decimal(100), "metacritic:movie/the-red-shoes"),
        ("Black Narcissus", 1947, Decimal(86), "metacritic:movie/black-narcissus"),
        ("A Matter of Life and Death", 1946, None, "metacritic:movie/a-matter-of-life-and-death"),
        ("Espionage", 1963, None, "metacritic:tv/espionage"),
    ]


def test_person_parser_should_refuse_a_person_page_without_its_credits_table():
    with pytest.raises(UnsupportedPage):
        metacritic.parse(
            Selector(text="<html><body><h1>Michael Powell</h1></body></html>"),
            url="https://www.metacritic.com/person/michael-powell",
        )


def parse_all(case: tuple[str, str]) -> list[dict]:
    path, url = case
    return metacritic.parse(selector_for(load_page(path)), url=url)


CRITICS_2017 = (
    "metacritic/reviews/the_red_shoes_critic_2017.html",
    "http://www.metacritic.com/movie/the-red-shoes/critic-reviews",
)
USERS_2017 = (
    "metacritic/reviews/the_red_shoes_user_2017.html",
    "http://www.metacritic.com/movie/the-red-shoes/user-reviews",
)
CRITICS_2014 = (
    "metacritic/reviews/the-red-shoes-critic-2014.html",
    "http://www.metacritic.com/movie/the-red-shoes/critic-reviews",
)
USERS_2014 = (
    "metacritic/reviews/the-red-shoes-user-2014.html",
    "http://www.metacritic.com/movie/the-red-shoes/user-reviews",
)
CRITICS_2025 = (
    "metacritic/reviews/the_red_shoes_2025_critic_2025.html",
    "https://www.metacritic.com/movie/the-red-shoes-2025/critic-reviews/",
)
TV_2024 = ("metacritic/tv/red_shoes_diaries_2024.html", "https://www.metacritic.com/tv/red-shoes-diaries/")


@pytest.mark.parametrize(
    ("case", "kind", "film_id", "first"),
    [
        (CRITICS_2017, "critic", "metacritic:movie/the-red-shoes", ("Peter Bradshaw", "2009-11-18", Decimal(100), 100)),
        (USERS_2017, "user", "metacritic:movie/the-red-shoes", ("balletfan", "2017-08-12", Decimal(9), 10)),
        (CRITICS_2014, "critic", "metacritic:movie/the-red-shoes", ("Ada Quill", "2009-08-06", Decimal(100), 100)),
        (USERS_2014, "user", "metacritic:movie/the-red-shoes", ("pointeshoe", "2013-03-02", Decimal(9), 10)),
        (
            CRITICS_2025,
            "critic",
            "metacritic:movie/the-red-shoes-2025",
            ("Peter Bradshaw", "2025-03-14", Decimal(80), 100),
        ),
    ],
)
def test_review_pages_should_give_each_review_with_its_score_on_the_pages_scale(case, kind, film_id, first):
    reviews = parse_all(case)
    assert {(r["type"], r["kind"], r["film_id"], r["film_title"]) for r in reviews} == {
        ("review", kind, film_id, "The Red Shoes")
    }
    author, date, value, best = first
    assert (reviews[0]["author"], reviews[0]["date"], reviews[0]["rating"]["value"], reviews[0]["rating"]["best"]) == (
        author,
        date,
        value,
        Decimal(best),
    )
    assert reviews[0]["extraction"]["parser"] == "metacritic/reviews/review_items"


@pytest.mark.parametrize(
    ("case", "index", "author"),
    [
        (CRITICS_2017, 2, "Variety"),  # no critic named: the publication signs it
        (CRITICS_2014, 1, "Harbour Weekly"),
        (CRITICS_2025, 1, "Sight and Sound"),
    ],
)
def test_a_critic_review_without_a_critic_should_be_signed_by_its_publication(case, index, author):
    assert parse_all(case)[index]["author"] == author


def test_a_folded_user_review_should_give_its_whole_text_once():
    assert parse_all(USERS_2017)[0]["text"] == "I watch it every winter and it still surprises me."


def test_tv_page_should_be_a_series_whose_premiere_gives_only_the_year():
    series = parse(TV_2024)
    assert (series["id"], series["title"], series["title_kind"], series["year"]) == (
        "metacritic:tv/red-shoes-diaries",
        "Red Shoes Diaries",
        "tv_series",
        1992,
    )
    assert "release_date" not in series
    assert series["rating"]["value"] == Decimal(64)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.metacritic.com/movie/the-red-shoes/critic-reviews",
        "https://www.metacritic.com/tv/red-shoes-diaries",
    ],
)
def test_review_and_tv_pages_of_an_unknown_layout_should_be_refused(url):
    with pytest.raises(UnsupportedPage):
        metacritic.parse(Selector(text="<html><body><h1>x</h1></body></html>"), url=url)


BROWSE_2020 = (
    "metacritic/browse/best-movies-2020.html",
    "https://www.metacritic.com/browse/movies/score/metascore/all/filtered",
)
BROWSE_2024 = ("metacritic/browse/best-movies-2024.html", "https://www.metacritic.com/browse/movie/")


@pytest.mark.parametrize("case", [BROWSE_2020, BROWSE_2024], ids=["clamp-list", "finder cards"])
def test_browse_lists_should_give_rank_title_year_and_metascore_of_each_product(case):
    listing = parse(case)
    assert listing["kind"] == "browse"
    assert [(e["rank"], e["title"], e["year"], (e.get("rating") or {}).get("value")) for e in listing["entries"]] == [
        (1, "The Red Shoes", 1948, Decimal(100)),
        (2, "Black Narcissus", 1947, Decimal(86)),
        (3, "The Tales of Hoffmann", 1951, None),
    ]  # "tbd" is no score; header and footer links are no entries


def test_search_results_of_2013_2018_should_list_films_and_shows_but_not_games():
    path, url = "metacritic/search/red-shoes-2017.html", "http://www.metacritic.com/search/all/red%20shoes/results"
    [listing] = metacritic.parse(selector_for(load_page(path)), url=url)
    assert listing["kind"] == "search"
    assert [(e["title"], e.get("year"), e["rating"]["value"]) for e in listing["entries"]] == [
        ("The Red Shoes", 1948, Decimal(100)),
        ("Red Shoe Diaries", 1992, Decimal(45)),
        ("The Red Shoes Ballet", 1950, Decimal(78)),
    ]


FILM_TITLES_2009 = (
    "metacritic/movie/redshoes-film-titles-2009.html",
    "http://www.metacritic.com/film/titles/redshoes",
)


def test_film_titles_page_of_2008_2010_should_give_the_film_with_its_title_unfiled():
    film, *_ = parse_all(FILM_TITLES_2009)
    # The site filed the title as "Red Shoes, The"; the year is the studio line's, not the release's.
    assert (film["id"], film["title"], film["year"]) == ("metacritic:film/titles/redshoes", "The Red Shoes", 1948)
    assert film["rating"]["value"] == Decimal(94) and film["ratings"][0]["kind"] == "metascore"
    assert [d["name"] for d in film["directors"]] == ["Michael Powell", "Emeric Pressburger"]
    # "(based on the story by ...)" is a note, not a writer
    assert [w["name"] for w in film["writers"]] == ["Emeric Pressburger", "Michael Powell"]
    assert [c["name"] for c in film["cast"]] == ["Anton Walbrook", "Marius Goring", "Moira Shearer"]
    assert (film["genres"], film["certificate"]["code"], film["release_date"]) == (
        ["Drama", "Music"],
        "Not Rated",
        "1948-10-22",
    )
    assert film["extraction"]["parser"] == "metacritic/movie/film_2008"


def test_film_titles_page_should_give_one_critic_review_per_quote():
    _, *reviews = parse_all(FILM_TITLES_2009)
    # "Staff (Not credited)" is no critic: the quote is signed by its publication
    assert [(r["author"], r["publication"], r["rating"]["value"]) for r in reviews] == [
        ("Margaret Holloway", "The Evening Gazette", Decimal(100)),
        ("Screen Weekly", "Screen Weekly", Decimal(88)),
    ]
    assert {r["film_id"] for r in reviews} == {"metacritic:film/titles/redshoes"}


@pytest.mark.parametrize(
    ("path", "released", "year"),
    [
        ("/movie/the-red-shoes-1948/user-reviews", "October 22, 1948", 1948),
        ("/movie/the-red-shoes-1948/critic-reviews", "October 22, 1948", 1948),
        ("/movie/the-red-shoes-1948/user-reviews", "September 4, 2009", None),  # a restoration's release
        ("/movie/the-red-shoes/user-reviews", "October 22, 1948", None),  # the address names no year
    ],
)
def test_review_page_of_2017_2022_should_take_the_year_its_address_and_release_date_agree_on(path, released, year):
    page = load_page("metacritic/reviews/the_red_shoes_1948_user_2019.html").replace(
        b"October 22, 1948", released.encode()
    )
    reviews = metacritic.parse(selector_for(page), url=f"https://www.metacritic.com{path}")
    assert {review.get("film_year") for review in reviews} == {year}
