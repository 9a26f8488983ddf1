"""The plausibility rules (crawler.core.plausibility.RULES): a value that fails becomes null with its raw text kept."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from crawler.core.plausibility import RULES, check_record

TODAY = datetime(2026, 6, 1, tzinfo=UTC)  # next year is 2027

FILM = {
    "type": "film",
    "id": "imdb:tt0040725",
    "source": "imdb",
    "url": "https://www.imdb.com/title/tt0040725/",
    "title": "The Red Shoes",
}
LISTING = {
    "type": "listing",
    "source": "letterboxd",
    "url": "https://letterboxd.com/faultlab/list/fav/",
    "kind": "list",
}
REVIEW = {
    "type": "review",
    "id": "imdb:rw1",
    "source": "imdb",
    "url": "https://www.imdb.com/review/rw1/",
    "kind": "user",
}

PLAUSIBLE = [
    # (record type, fields)
    (FILM, {"year": 1870}),
    (FILM, {"year": 2027}),
    (FILM, {"year": 1999, "end_year": 2013}),
    (FILM, {"release_date": "2024-02-29"}),
    (FILM, {"release_date": "1948-09", "release_date_raw": "September 1948"}),
    (FILM, {"certificate": {"code": "PG-13"}}),
    (FILM, {"certificate": {"code": "12"}}),
    (FILM, {"certificate": {"code": "Tous publics"}}),
    (FILM, {"certificate": {"code": "Nevhodný mládeži do 15 let"}}),
    (FILM, {"rating": {"value": Decimal("8.3"), "best": 10, "worst": 1, "count": 0}}),
    (FILM, {"rating": {"value": "97", "best": 100}}),
    (FILM, {"runtime_minutes": 1}),
    (FILM, {"runtime_minutes": 1500}),
    (FILM, {"user_review_count": 0}),
    (REVIEW, {"film_year": 1948, "date": "2026-01-31", "rating": {"value": 8, "best": 10}}),
    (REVIEW, {"rating": {"raw": "A-"}}),
    (LISTING, {"entries": [{"title": "The Red Shoes", "url": "https://letterboxd.com/film/the-red-shoes/"}]}),
    (LISTING, {"entries": [{"title": "No link"}], "total": 3}),
    # A title page whose address holds a word of site navigation ("browse") is still a title page.
    (
        dict(LISTING, source="fandango_at_home", url="https://athome.fandango.com/browse/movies/"),
        {
            "entries": [
                {
                    "title": "The Red Shoes",
                    "url": "https://athome.fandango.com/content/browse/details/The-Red-Shoes/21421",
                }
            ]
        },
    ),
    # A TV series' page (and its seasons and episodes) is a title page of the sites that declare it so.
    *(
        (
            dict(LISTING, source=source, url=listing_url),
            {"entries": [{"title": "Red Shoes Diaries", "url": entry_url}]},
        )
        for source, listing_url, entry_url in (
            (
                "metacritic",
                "https://www.metacritic.com/search/red%20shoes/",
                "https://www.metacritic.com/tv/red-shoes-diaries/",
            ),
            (
                "rottentomatoes",
                "https://www.rottentomatoes.com/search?search=red%20shoes",
                "https://www.rottentomatoes.com/tv/red_shoes_diaries",
            ),
            (
                "rottentomatoes",
                "https://www.rottentomatoes.com/browse/tv_series_browse/",
                "https://www.rottentomatoes.com/tv/red_shoes_diaries/s01",
            ),
        )
    ),
    # A mirror of the site (a test server) answers for the site its records name.
    (
        dict(LISTING, url="http://127.0.0.1:8800/faultlab/list/fav/"),
        {"entries": [{"title": "The Red Shoes", "url": "http://127.0.0.1:8800/film/the-red-shoes/"}]},
    ),
]


@pytest.mark.parametrize(("base", "fields"), PLAUSIBLE)
def test_plausible_values_should_pass_untouched(base: dict[str, Any], fields: dict[str, Any]) -> None:
    record = dict(base, **fields)
    checked = check_record(record, today=TODAY)
    assert checked.findings == []
    assert checked.record == record


IMPLAUSIBLE = [
    # (record, fields, field reported, unparsed key, raw text kept)
    (FILM, {"year": 1869}, "year", "year", "1869"),
    (FILM, {"year": 2028}, "year", "year", "2028"),
    (FILM, {"year": 2010, "end_year": 2005}, "end_year", "end_year", "2005"),
    (FILM, {"release_date": "1999", "release_date_raw": "1999–2013"}, "release_date", "release_date", "1999"),
    (FILM, {"release_date": "2023-02-30"}, "release_date", "release_date", "2023-02-30"),
    (FILM, {"release_date": "2023-13"}, "release_date", "release_date", "2023-13"),
    (FILM, {"releases": [{"date": "2023-04-31"}]}, "releases.date", "releases.date", "2023-04-31"),
    (FILM, {"certificate": {"code": "-"}}, "certificate", "certificate", "-"),
    (FILM, {"certificate": {"code": "·"}}, "certificate", "certificate", "·"),
    # an MPAA sentence kept whole when no code could be read from it
    (
        FILM,
        {"certificate": {"code": "Rated R for strong violence throughout, a vicious fight, language and some nudity"}},
        "certificate",
        "certificate",
        "Rated R for strong violence throughout, a vicious fight, language and some nudity",
    ),
    (FILM, {"rating": {"value": 83, "best": 10}}, "rating", "rating", "83/10"),
    (FILM, {"rating": {"value": 5, "best": 10**9}}, "rating", "rating", f"5/{10**9}"),
    (FILM, {"ratings": [{"value": 11, "best": 10, "kind": "user"}]}, "ratings", "ratings.0", "11/10"),
    (FILM, {"runtime_minutes": 0}, "runtime_minutes", "runtime_minutes", "0"),
    (FILM, {"runtime_minutes": 9999}, "runtime_minutes", "runtime_minutes", "9999"),
    (FILM, {"user_review_count": -4}, "user_review_count", "user_review_count", "-4"),
    (FILM, {"rating": {"value": 8, "best": 10, "count": -1}}, "rating.count", "rating.count", "-1"),
    (REVIEW, {"date": "2026-02-29"}, "date", "date", "2026-02-29"),
    (
        LISTING,
        {"entries": [{"title": "Another list", "url": "https://letterboxd.com/someone/list/other/"}]},
        "entries",
        "entries.0",
        "Another list <https://letterboxd.com/someone/list/other/>",
    ),
    (
        LISTING,
        {"entries": [{"title": "Elsewhere", "url": "https://www.imdb.com/title/tt0040725/"}]},
        "entries",
        "entries.0",
        "Elsewhere <https://www.imdb.com/title/tt0040725/>",
    ),
    # People and news rows of a search stay out.
    *(
        (
            dict(LISTING, source=source, url=listing_url),
            {"entries": [{"title": "Moira Shearer", "url": entry_url}]},
            "entries",
            "entries.0",
            f"Moira Shearer <{entry_url}>",
        )
        for source, listing_url, entry_url in (
            (
                "metacritic",
                "https://www.metacritic.com/search/red%20shoes/",
                "https://www.metacritic.com/person/moira-shearer/",
            ),
            (
                "rottentomatoes",
                "https://www.rottentomatoes.com/search?search=red%20shoes",
                "https://www.rottentomatoes.com/celebrity/moira_shearer",
            ),
            (
                "metacritic",
                "https://www.metacritic.com/search/red%20shoes/",
                "https://www.metacritic.com/news/red-shoes-restored/",
            ),
        )
    ),
    (
        LISTING,
        {"entries": [{"title": "Film", "url": "https://letterboxd.com/film/x/", "year": 3000}]},
        "entries.year",
        "entries.year",
        "3000",
    ),
]


@pytest.mark.parametrize(
    ("base", "fields", "field", "key", "raw"), IMPLAUSIBLE, ids=[f"{c[2]}={c[4]}" for c in IMPLAUSIBLE]
)
def test_implausible_value_should_become_null_with_its_raw_text(
    base: dict[str, Any], fields: dict[str, Any], field: str, key: str, raw: str
) -> None:
    record = dict(base, **fields)
    checked = check_record(record, today=TODAY)
    assert [(f.field, f.raw) for f in checked.implausible] == [(field, raw)]
    assert checked.record["extraction"]["unparsed"][key] == raw
    assert record == dict(base, **fields)  # the input is left as it was


def test_implausible_item_of_a_list_should_be_dropped_and_the_rest_kept() -> None:
    entries = [
        {"title": "The Red Shoes", "url": "https://letterboxd.com/film/the-red-shoes/"},
        {"title": "Popular lists", "url": "https://letterboxd.com/lists/popular/"},
        {"title": "Black Narcissus", "url": "https://letterboxd.com/film/black-narcissus/"},
    ]
    checked = check_record(dict(LISTING, entries=entries), today=TODAY)
    assert [e["title"] for e in checked.record["entries"]] == ["The Red Shoes", "Black Narcissus"]


def test_every_rule_should_name_a_record_type_and_what_it_accepts() -> None:
    assert all(rule.record_types and rule.states for rule in RULES)
    assert len({(rule.record_types, rule.path) for rule in RULES}) == len(RULES)
