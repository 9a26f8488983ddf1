"""How parsers read text into fields (crawler.core.parsers.fields): a normaliser's refusal leaves the field null
and, for the text a field is read from, keeps that text in `extraction.unparsed`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from crawler.core.normalize import parse_certificate, parse_money, parse_rating, parse_runtime
from crawler.core.parsers.fields import (
    iso_date,
    keep_unparsed,
    normalised,
    or_none,
    put_credits,
    runtime_fields,
    value_fields,
)
from crawler.core.parsers.page import Page
from schemas.record_fields import FilmFields


def test_normalised_should_give_the_value_and_keep_nothing_when_the_text_reads() -> None:
    unparsed: dict[str, str] = {}
    assert normalised(unparsed, "runtime_minutes", parse_runtime, "133 min") == 133
    assert unparsed == {}


def test_normalised_should_keep_the_refused_text_under_its_field() -> None:
    unparsed: dict[str, str] = {}
    assert normalised(unparsed, "budget", parse_money, "a lot of money") is None
    assert normalised(unparsed, "budget", parse_money, "more") is None
    assert unparsed == {"budget": "a lot of money"}  # the first refused text of a field


def test_normalised_should_pass_the_normalisers_options() -> None:
    unparsed: dict[str, str] = {}
    rating = normalised(unparsed, "rating", parse_rating, "8.3", best=10)
    assert rating is not None and (rating.value, rating.best) == (Decimal("8.3"), Decimal(10))


def test_or_none_should_keep_nothing_when_refused() -> None:
    assert or_none(parse_runtime, "soon") is None
    assert or_none(parse_runtime, "2h 13min") == 133


@pytest.mark.parametrize(
    ("raw", "fields"),
    [
        ("133 min", {"runtime_minutes": 133, "runtime_raw": "133 min"}),
        ("two hours or so", {"runtime_raw": "two hours or so"}),  # the raw text is the record's own field
    ],
)
def test_runtime_fields_should_always_keep_the_raw_text(raw: str, fields: dict[str, Any]) -> None:
    assert runtime_fields(raw) == fields


@pytest.mark.parametrize(("raw", "iso"), [("6 September 1948", "1948-09-06"), ("coming soon", None)])
def test_iso_date_should_give_the_date_or_none(raw: str, iso: str | None) -> None:
    assert iso_date(raw) == iso


def test_value_fields_should_give_the_fields_a_normaliser_stated() -> None:
    assert value_fields(parse_certificate("Not Rated")) == {"code": "Not Rated", "normalized": "NR", "country": None}
    assert value_fields(parse_rating("4.5/5")) == {"value": Decimal("4.5"), "best": Decimal(5), "worst": 0}
    assert type(value_fields(parse_rating("4.3/5"))["value"]) is Decimal  # exact, not a float


def test_keep_unparsed_should_add_to_the_records_extraction() -> None:
    record: dict[str, Any] = {"extraction": {"parser": "imdb/title", "unparsed": {"year": "MCMXLVIII"}}}
    keep_unparsed(record, {"budget": "a lot"})
    assert record["extraction"] == {"parser": "imdb/title", "unparsed": {"year": "MCMXLVIII", "budget": "a lot"}}
    untouched: dict[str, Any] = {}
    keep_unparsed(untouched, {})
    assert untouched == {}


# --- values parsers used to drop without their raw text --------------------------------------------------------


def _schemaorg_film(movie: dict[str, Any]) -> dict[str, Any]:
    from crawler.core.parsers.schemaorg import film_fields

    return film_fields(movie, Page(Selector(text="<html></html>"), "https://example.org/film/1"))


def _fixture_film(page: str, url: str, shown: str, instead: str) -> dict[str, Any]:
    """The film record of a fixture page with one printed value replaced, read through the crawl's path."""
    from datetime import UTC, datetime

    from crawler.core.extraction import extract, selector_for

    body = (FIXTURES / page).read_bytes()
    assert shown.encode() in body
    sel = selector_for(body.replace(shown.encode(), instead.encode()))
    record: dict[str, Any] = extract(sel, url=url, site=url.split(".")[1], scraped_at=datetime.now(UTC)).records[0]
    return record


FIXTURES = Path(__file__).parents[1] / "fixtures"
RED_SHOES_2025 = "https://www.imdb.com/title/tt9990025/"

DROPPED_RAW_TEXT = [
    pytest.param(
        lambda: _schemaorg_film({"name": "The Red Shoes", "contentRating": "{{rating}}"}),
        "certificate",
        "{{rating}}",
        id="json-ld contentRating that is template markup",
    ),
    pytest.param(
        lambda: _fixture_film(
            "imdb/title/red-shoes-2025-next-2025.html",
            RED_SHOES_2025,
            "$32,000,000 (estimated)",
            "$30,000,000 - $35,000,000",
        ),
        "budget",
        "$30,000,000 - $35,000,000",
        id="imdb budget printed as a range",
    ),
    pytest.param(
        lambda: _fixture_film(
            "rottentomatoes/movie/red_shoes_2008.html",
            "https://www.rottentomatoes.com/m/red_shoes",
            ">$5,000,000<",
            ">$5-6 million<",
        ),
        "box_office",
        "$5-6 million",
        id="rotten tomatoes box office printed as a range",
    ),
]


@pytest.mark.parametrize(("read", "field", "raw"), DROPPED_RAW_TEXT)
def test_a_value_a_parser_cannot_normalise_should_keep_its_raw_text(read: Any, field: str, raw: str) -> None:
    record = read()
    assert record.get(field) is None
    assert record["extraction"]["unparsed"][field] == raw


def test_the_record_building_example_of_docs_adding_a_site_should_run_as_it_says() -> None:
    import re

    text = (Path(__file__).parents[2] / "docs" / "adding-a-site.md").read_text(encoding="utf-8")
    example = re.findall(r"```python\n(.*?)```", text.split("## 4. How a parser builds a record")[1], re.S)[0]
    namespace: dict[str, Any] = {}
    exec(example, namespace)
    record = namespace["film"]("The Red Shoes", "133 min", "$30-35 million", "United Kingdom")
    assert (record["runtime_minutes"], record["countries"]) == (133, ["United Kingdom"])
    assert "budget" not in record
    assert record["extraction"]["unparsed"] == {"budget": "$30-35 million"}


def test_a_rotten_tomatoes_role_that_is_an_empty_credit_note_should_stay_the_character() -> None:
    from crawler.core.parsers.rottentomatoes.movie import _with_character

    # "(as )" names no one: once the normaliser's refusal escaped and the page gave no record
    assert _with_character({"name": "Moira Shearer"}, "(as )") == {"name": "Moira Shearer", "character": "(as )"}
    assert _with_character({"name": "Léonide Massine"}, "(as Leonide Massine)") == {
        "name": "Léonide Massine",
        "credited_as": "Leonide Massine",
    }


@pytest.mark.parametrize(
    ("credits", "expected"),
    [
        ({}, {}),
        # An empty list names no one: no key.
        ({"directors": [], "writers": [], "billed": []}, {}),
        (
            {
                "directors": [{"name": "Michael Powell"}],
                "billed": [{"name": "Moira Shearer"}, {"name": "Anton Walbrook"}],
            },
            {
                "directors": [{"name": "Michael Powell"}],
                "cast": [{"name": "Moira Shearer", "order": 1}, {"name": "Anton Walbrook", "order": 2}],
            },
        ),
        (
            {"writers": [{"name": "Emeric Pressburger", "note": "screenplay"}]},
            {"writers": [{"name": "Emeric Pressburger", "note": "screenplay"}]},
        ),
    ],
)
def test_put_credits_should_store_named_credits_and_number_the_cast_in_billing_order(credits, expected) -> None:
    record: FilmFields = {}
    put_credits(record, **credits)
    assert record == expected


# (schema.org object, year read): a series' year is its first showing's (AniDB's TVSeries items carry startDate
# only); a film's startDate is no date of its own (schema.org gives films none), and datePublished stays first.
STRUCTURED_YEARS = [
    ({"@type": "TVSeries", "name": "Akai Kutsu", "startDate": "2024-04-06", "endDate": "2024-06-22"}, 2024),
    ({"@type": "TVSeries", "name": "Akai Kutsu", "datePublished": "2023", "startDate": "2024-04-06"}, 2023),
    ({"@type": "Movie", "name": "The Red Shoes", "startDate": "1948-09-06"}, None),
    ({"@type": "TVSeries", "name": "Akai Kutsu", "startDate": "spring"}, None),
    # wrong types: a list of types, a number or an object for a date
    ({"@type": ["TVSeries", 7], "name": "Akai Kutsu", "startDate": "2024-04-06"}, 2024),
    ({"@type": ["Movie", 7], "name": "The Red Shoes", "startDate": 1948}, None),
    ({"@type": "TVSeries", "name": "Akai Kutsu", "startDate": {"@value": [2024]}}, None),
]


@pytest.mark.parametrize(("movie", "year"), STRUCTURED_YEARS, ids=[str(m) for m, _ in STRUCTURED_YEARS])
def test_a_series_start_date_should_give_its_year(movie: dict[str, Any], year: int | None) -> None:
    assert _schemaorg_film(movie).get("year") == year
