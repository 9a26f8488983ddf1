"""The film of a page's application state (crawler.core.parsers.generic.embedded): the most film-like object,
scored by its film keys, and never an object without a title."""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector

from crawler.core.parsers.generic import embedded

SCORES = [
    # (state object, score; an object scoring under three keys never counts as a film)
    ({"title": "The Red Shoes", "year": 1948, "runtime": 133, "genres": ["Drama"]}, 3),
    ({"title": "The Red Shoes", "year": 1948, "runtime": 133, "__typename": "Movie"}, 3),
    ({"titleText": {"text": "The Red Shoes"}, "releaseYear": {"year": 1948}, "director": "x", "cast": ["y"]}, 3),
    # no title, however many film keys
    ({"year": 1948, "runtime": 133, "genres": ["Drama"], "director": "x"}, 0),
    ({"title": "", "year": 1948, "runtime": 133, "genres": ["Drama"]}, 0),
    # empty values do not count
    ({"title": "The Red Shoes", "year": None, "runtime": "", "genres": [], "director": {}}, 0),
    # too few film keys to be a film
    ({"title": "The Red Shoes", "year": 1948}, 0),
    ({"name": "Moira Shearer"}, 0),
]


@pytest.mark.parametrize(("node", "score"), SCORES)
def test_a_state_object_should_score_its_film_keys_when_it_has_a_title(node: dict[str, Any], score: int) -> None:
    assert embedded._film_score(node) == score


def test_the_title_of_an_object_too_small_to_be_a_film_should_not_be_read(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Any] = []
    text = embedded._text

    def counting(value: Any) -> str | None:
        read.append(value)
        return text(value)

    monkeypatch.setattr(embedded, "_text", counting)
    for n in range(100):
        embedded._film_score({"name": f"Person {n}", "id": n})
    assert read == []


def test_only_scripts_that_assign_an_object_should_be_searched_for_page_state(monkeypatch: Any) -> None:
    searched: list[str] = []
    pattern = embedded._STATE_ASSIGNMENT

    class Recording:
        def finditer(self, text: str) -> Any:
            searched.append(text)
            return pattern.finditer(text)

    monkeypatch.setattr(embedded, "_STATE_ASSIGNMENT", Recording())
    scripts = [
        "var tracker = 'x'; ga('send', 'pageview');",
        "if (a == b) { run(); }",
        'window.__INITIAL_STATE__ = {"movie": {"title": "The Red Shoes", "year": 1948}};',
        "var list =\n  [1, 2, 3];",
    ]
    body = "".join(f"<script>{script}</script>" for script in scripts)
    states = embedded.state_objects(Selector(text=f"<html><body>{body}</body></html>"))
    assert searched == scripts[2:]
    assert states == [{"movie": {"title": "The Red Shoes", "year": 1948}}]  # a list is searched, not a state


_RED_SHOES = {"titleText": {"text": "The Red Shoes"}, "releaseYear": {"year": 1948}}
FIELD_CASES = [
    # (state object, the fields read from it)
    # A GraphQL title's sub-page state: credits grouped by job, under camelCase-qualified keys.
    (
        {
            **_RED_SHOES,
            "directorsPageTitle": [{"credits": [{"name": {"id": "nm1", "nameText": {"text": "Michael Powell"}}}]}],
            "castPageTitle": {"edges": [{"node": {"name": {"nameText": {"text": "Moira Shearer"}}}}]},
        },
        {
            "directors": [{"name": "Michael Powell"}],
            "cast": [{"name": "Moira Shearer", "order": 1}],
        },
    ),
    # Genres wrapped per item, a plot as rich text, a certificate as an object, countries by their code.
    (
        {
            **_RED_SHOES,
            "titleGenres": {"genres": [{"genre": {"text": "Drama"}}, {"genre": {"text": "Romance"}}]},
            "plot": {"plotText": {"plainText": "A ballerina is torn between love and her art."}},
            "certificate": {"rating": "PG"},
            "countriesOfOrigin": {"countries": [{"id": "GB"}]},
        },
        {
            "genres": ["Drama", "Romance"],
            "plot": "A ballerina is torn between love and her art.",
            "certificate": {"code": "PG", "normalized": "PG", "country": None},
            "countries": ["GB"],
        },
    ),
    # Keys that extend a credit's name into another thing are not credits.
    (
        {
            **_RED_SHOES,
            "castAndCrew": [{"name": "Jack Cardiff"}],
            "castCount": 40,
            "directorIds": ["nm1"],
        },
        {},
    ),
]


@pytest.mark.parametrize(("node", "fields"), FIELD_CASES)
def test_a_state_objects_fields_should_be_read_under_the_keys_frameworks_give_them(
    node: dict[str, Any], fields: dict[str, Any]
) -> None:
    read, _ = embedded.film_fields(node)
    assert {name: value for name, value in read.items() if name not in ("title", "year")} == fields


CHARACTER_CASES: list[tuple[dict[str, Any], dict[str, str]]] = [
    # a character as text beside the name
    (
        {"cast": [{"name": "Anton Walbrook", "character": "Boris Lermontov"}, {"name": "Moira Shearer"}]},
        {"Anton Walbrook": "Boris Lermontov"},
    ),
    # a GraphQL credit: the person an object, the characters a list, the credit's notes after the first role
    (
        {
            "cast": {
                "edges": [
                    {
                        "node": {
                            "name": {"nameText": {"text": "Marius Goring"}},
                            "characters": [{"name": "Julian Craster"}, {"name": "Narrator"}],
                            "attributes": [{"text": "voice"}],
                        }
                    }
                ]
            }
        },
        {"Marius Goring": "Julian Craster (voice)"},
    ),
    # the billed cast in groups of credits
    (
        {"principalCast": [{"credits": [{"name": {"nameText": {"text": "Moira Shearer"}}, "characters": ["Vicky"]}]}]},
        {"Moira Shearer": "Vicky"},
    ),
    # no role given: nothing
    ({"cast": [{"name": "Léonide Massine", "characters": []}], "castCount": 3}, {}),
]


@pytest.mark.parametrize(("node", "characters"), CHARACTER_CASES)
def test_a_state_objects_cast_should_give_each_person_the_character_it_names(
    node: dict[str, Any], characters: dict[str, str]
) -> None:
    assert embedded.cast_characters(node) == characters
