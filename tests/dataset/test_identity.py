"""film_key: the same for one film on every site, different for different films that share a title."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from crawler.core.film_key import own_film_key, title_key
from crawler.dataset.identity import IdentityResolver

from .records import film, review

TITLES = [
    # (title as a site prints it, normalised key)
    ("The Red Shoes", "red-shoes"),
    ("Red Shoes, The", "red-shoes"),
    ("the red shoes", "red-shoes"),
    ("THE RED SHOES", "red-shoes"),
    ("Titanic (1997 film)", "titanic"),  # Wikipedia's article title
    ("The Red Shoes (2025)", "red-shoes"),
    ("Amélie", "amelie"),
    ("Le Fabuleux Destin d'Amélie Poulain", "le-fabuleux-destin-damelie-poulain"),
    ("Schindler’s List", "schindlers-list"),
    ("Rosencrantz & Guildenstern Are Dead", "rosencrantz-and-guildenstern-are-dead"),
    ("A", "a"),  # an article alone is the title
    ("七人の侍", "七人の侍"),
    ("?", "?"),
]


@pytest.mark.parametrize(("title", "key"), TITLES, ids=[t for t, _ in TITLES])
def test_title_key_should_reduce_a_title_to_what_sites_agree_on(title: str, key: str) -> None:
    assert title_key(title) == key


def resolve(*records: dict[str, Any]) -> list[str | None]:
    """The film key of each record, worked out over all of them."""
    resolver = IdentityResolver(sqlite3.connect(":memory:"))
    for seq, record in enumerate(records, 1):
        (resolver.add_film if record["type"] == "film" else resolver.add_review)(seq, record)
    resolver.resolve()
    keys = dict(resolver.keys())
    return [keys.get(seq) for seq in range(1, len(records) + 1)]


POWELL = ("Michael Powell", "Emeric Pressburger")
GUADAGNINO = ("Luca Guadagnino",)

SAME_FILM = [
    # (why, records that are one film)
    (
        "IMDb id on the IMDb page and on Letterboxd and Wikipedia",
        [
            film("imdb", "tt0040725", "The Red Shoes", 1948),
            film("letterboxd", "film/the-red-shoes", "The Red Shoes", 1948, external_ids={"imdb": "tt0040725"}),
            film("wikipedia", "The_Red_Shoes_(1948_film)", "The Red Shoes", 1948, external_ids={"imdb": "tt0040725"}),
        ],
    ),
    (
        "title and year, no identifier on either page",
        [
            film("metacritic", "movie/the-red-shoes", "The Red Shoes", 1948, directors=POWELL),
            film("fandango_at_home", "12345", "The Red Shoes", 1948, directors=POWELL),
        ],
    ),
    (
        "Wikipedia's '(1948 film)' title without a year field",
        [
            film("wikipedia", "The_Red_Shoes_(1948_film)", "The Red Shoes (1948 film)"),
            film("metacritic", "movie/the-red-shoes", "The Red Shoes", 1948),
        ],
    ),
    (
        "year from the release date when the page states no year",
        [
            film("rottentomatoes", "red_shoes", "The Red Shoes", release_date="1948-10-22"),
            film("metacritic", "movie/the-red-shoes", "The Red Shoes", 1948),
        ],
    ),
    (
        "festival year against release year, same director",
        [
            film("imdb", "tt9990025", "The Red Shoes", 2025, directors=GUADAGNINO),
            film("rottentomatoes", "red_shoes_2025", "The Red Shoes", 2026, directors=GUADAGNINO),
        ],
    ),
    (
        "localised title, original title known",
        [
            film(
                "csfd",
                "1-cervene-strevicky",
                "Červené střevíčky",
                1948,
                original_title="The Red Shoes",
                directors=POWELL,
            ),
            film("metacritic", "movie/the-red-shoes", "The Red Shoes", 1948, directors=POWELL),
        ],
    ),
    (
        "article moved to the end, director spelt without accents",
        [
            film("letterboxd", "film/amelie", "Amélie", 2001, directors=("Jean-Pierre Jeunet",)),
            film("fandango_at_home", "777", "Amelie", 2001, directors=("Jean-Pierre Jeunét",)),
        ],
    ),
    (
        "no year: the only group of that title sharing a director",
        [
            film("imdb", "tt0040725", "The Red Shoes", 1948, directors=POWELL),
            film("imdb", "tt9990025", "The Red Shoes", 2025, directors=GUADAGNINO),
            film("metacritic", "movie/the-red-shoes", "The Red Shoes", directors=("Michael Powell",)),
        ],
    ),
]


@pytest.mark.parametrize(("why", "records"), SAME_FILM, ids=[c[0] for c in SAME_FILM])
def test_records_of_one_film_should_share_a_key(why: str, records: list[dict[str, Any]]) -> None:
    keys = resolve(*records)
    if why.startswith("no year"):
        assert keys[2] == keys[0] != keys[1]
    else:
        assert len(set(keys)) == 1 and keys[0] is not None, keys


DIFFERENT_FILMS = [
    # (why, records that must stay apart)
    (
        "same title, years far apart (the 1948 film and the 2025 remake)",
        [
            film("metacritic", "movie/the-red-shoes", "The Red Shoes", 1948, directors=POWELL),
            film("rottentomatoes", "red_shoes_2025", "The Red Shoes", 2025, directors=GUADAGNINO),
        ],
    ),
    (
        "same title, a year apart, different directors",
        [
            film("metacritic", "movie/hamlet", "Hamlet", 1948, directors=("Laurence Olivier",)),
            film("rottentomatoes", "hamlet", "Hamlet", 1949, directors=("Someone Else",)),
        ],
    ),
    (
        "same title, a year apart, directors unknown",
        [film("metacritic", "movie/hamlet", "Hamlet", 1948), film("rottentomatoes", "hamlet", "Hamlet", 1949)],
    ),
    (
        "same title and year, different directors",
        [
            film("metacritic", "movie/crash", "Crash", 1996, directors=("David Cronenberg",)),
            film("rottentomatoes", "crash", "Crash", 1996, directors=("Someone Else",)),
        ],
    ),
    (
        "same title and year, different IMDb ids",
        [
            film("letterboxd", "film/crash", "Crash", 2004, external_ids={"imdb": "tt0375679"}),
            film("wikipedia", "Crash_(2004_film)", "Crash", 2004, external_ids={"imdb": "tt0999999"}),
        ],
    ),
    (
        "two films of one site that share a title and year",
        [film("fandango_at_home", "1", "Hamlet", 1948), film("fandango_at_home", "2", "Hamlet", 1948)],
    ),
]


@pytest.mark.parametrize(("why", "records"), DIFFERENT_FILMS, ids=[c[0] for c in DIFFERENT_FILMS])
def test_different_films_should_keep_different_keys(why: str, records: list[dict[str, Any]]) -> None:
    keys = resolve(*records)
    assert len(set(keys)) == len(keys), keys


def test_a_third_site_should_not_join_two_films_of_one_site() -> None:
    first, second, third = resolve(
        film("fandango_at_home", "1", "Hamlet", 1948),
        film("fandango_at_home", "2", "Hamlet", 1948),
        film("metacritic", "movie/hamlet", "Hamlet", 1948),
    )
    assert first != second and third in (first, second)


def test_key_should_be_the_imdb_id_when_any_record_of_the_film_carries_it() -> None:
    keys = resolve(
        film("metacritic", "movie/the-red-shoes", "The Red Shoes", 1948),
        film("letterboxd", "film/the-red-shoes", "The Red Shoes", 1948, external_ids={"imdb": "tt0040725"}),
    )
    assert keys == ["imdb:tt0040725", "imdb:tt0040725"]


def test_key_without_imdb_id_should_name_the_original_title_and_earliest_year() -> None:
    keys = resolve(
        film(
            "csfd", "1-cervene-strevicky", "Červené střevíčky", 1949, original_title="The Red Shoes", directors=POWELL
        ),
        film("metacritic", "movie/the-red-shoes", "The Red Shoes", 1948, directors=POWELL),
    )
    assert keys == ["title:red-shoes-1948", "title:red-shoes-1948"]


REVIEWS = [
    # (why, the review, the film it must join: index into FILMS_FOR_REVIEWS, or None for its own key)
    ("by film_id", review("imdb", "rw1", film_id="imdb:tt0040725", film_title="The Red Shoes"), 0),
    ("blog review by title and year", review("filmreverie", "a", film_title="The Red Shoes", film_year=2025), 1),
    (
        "blog review a year off, same director",
        review("filmreverie", "b", film_title="The Red Shoes", film_year=2026, directors=GUADAGNINO),
        1,
    ),
    (
        "blog review without a year, by director",
        review("filmreverie", "c", film_title="The Red Shoes", directors=POWELL),
        0,
    ),
    ("blog review without a year or director: ambiguous", review("filmreverie", "d", film_title="The Red Shoes"), None),
    ("a film not in the data", review("filmreverie", "e", film_title="Black Narcissus", film_year=1947), None),
]
FILMS_FOR_REVIEWS = [
    film("imdb", "tt0040725", "The Red Shoes", 1948, directors=POWELL),
    film("metacritic", "movie/the-red-shoes-2025", "The Red Shoes", 2025, directors=GUADAGNINO),
]


@pytest.mark.parametrize(("why", "record", "joins"), REVIEWS, ids=[c[0] for c in REVIEWS])
def test_review_should_join_the_film_it_names(why: str, record: dict[str, Any], joins: int | None) -> None:
    *film_keys, key = resolve(*FILMS_FOR_REVIEWS, record)
    assert key == (film_keys[joins] if joins is not None else own_film_key(record))
    assert key is not None


def test_reviews_should_never_join_two_films() -> None:
    keys = resolve(
        film("metacritic", "movie/hamlet", "Hamlet", 1948),
        review("filmreverie", "x", film_title="Hamlet", film_year=1949),
        film("rottentomatoes", "hamlet", "Hamlet", 1949),
    )
    assert keys[0] != keys[2]


def test_own_key_should_prefer_the_imdb_id_then_title_and_year() -> None:
    assert own_film_key(film("letterboxd", "film/x", "X", 1999, external_ids={"imdb": "tt0000001"})) == "imdb:tt0000001"
    assert own_film_key(film("metacritic", "movie/the-red-shoes", "The Red Shoes", 1948)) == "title:red-shoes-1948"
    assert own_film_key(film("metacritic", "movie/x", "X")) == "title:x"
    assert own_film_key(review("imdb", "rw1", film_id="imdb:tt0040725")) == "imdb:tt0040725"
    assert own_film_key(review("filmreverie", "r")) is None
