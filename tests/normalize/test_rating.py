from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from crawler.core.normalize import NormalizeError, Rating, parse_rating


def rating(value: str, best: str, worst: str = "0") -> Rating:
    return Rating(value=Decimal(value), best=Decimal(best), worst=Decimal(worst))


CASES: list[tuple[str, dict[str, Any], Rating]] = [
    # IMDb title page
    ("8.3/10", {}, rating("8.3", "10")),
    ("7/10 stars", {}, rating("7", "10")),
    # German IMDb: decimal comma
    ("8,3/10", {}, rating("8.3", "10")),
    # schema.org aggregateRating: value and bestRating in separate fields
    ("8.3", {"best": 10}, rating("8.3", "10")),
    ("4.3", {"best": 5}, rating("4.3", "5")),
    ("4", {"best": Decimal(5), "worst": 1}, rating("4", "5", "1")),
    ("8.30", {"best": 10}, rating("8.30", "10")),
    # store page
    ("3.5 out of 5 stars", {}, rating("3.5", "5")),
    ("5 stars (out of 5)", {}, rating("5", "5")),
    ("Rated 4 out of 5", {}, rating("4", "5")),
    # Rotten Tomatoes
    ("74%", {}, rating("74", "100")),
    ("93 %", {"best": 100}, rating("93", "100")),
    # Metacritic
    ("90/100", {}, rating("90", "100")),
    # Letterboxd review: star glyphs, ½ for half a star
    ("★★★½", {}, rating("3.5", "5")),
    ("★★★★", {}, rating("4", "5")),
    ("½", {}, rating("0.5", "5")),
    ("3½/5", {}, rating("3.5", "5")),
    # filled and empty stars: the empty ones state the scale
    ("★★★☆☆", {}, rating("3", "5")),
    ("★★★½☆", {}, rating("3.5", "5")),
    ("★★☆☆☆☆☆☆☆☆", {}, rating("2", "10")),
    ("★★★★★★★", {"best": 10}, rating("7", "10")),
]

REFUSED: list[tuple[str, dict[str, Any]]] = [
    ("", {}),
    ("N/A", {}),
    # a bare number without a scale
    ("8.3", {}),
    ("4.5 stars", {}),
    # letter grades are kept raw by callers
    ("B+", {}),
    ("A-", {"best": 10}),
    # outside the scale
    ("11/10", {}),
    ("12", {"best": 10}),
    ("0", {"best": 5, "worst": 1}),
    ("-1/10", {}),
    # the text's scale disagrees with the caller's
    ("★★★☆☆", {"best": 10}),
    ("8/10", {"best": 5}),
    ("74%", {"best": 10}),
    # an all-empty row of stars is an unrated widget
    ("☆☆☆☆☆", {}),
    ("★☆★", {}),
    ("★★★ 5", {}),
    ("8/10 9/10", {}),
    ("1.2.3", {"best": 10}),
    ("5", {"best": 5, "worst": 5}),
]


@pytest.mark.parametrize(("raw", "kwargs", "expected"), CASES)
def test_parse_rating(raw: str, kwargs: dict[str, Any], expected: Rating) -> None:
    assert parse_rating(raw, **kwargs) == expected


def test_value_keeps_its_written_digits() -> None:
    assert str(parse_rating("8.3/10").value) == "8.3"
    assert str(parse_rating("8.30", best=10).value) == "8.30"


@pytest.mark.parametrize(("raw", "kwargs"), REFUSED)
def test_parse_rating_refuses(raw: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(NormalizeError) as caught:
        parse_rating(raw, **kwargs)
    assert caught.value.kind == "rating"
    assert raw in str(caught.value)


def test_unusable_scale_arguments_are_refused() -> None:
    with pytest.raises(NormalizeError):
        parse_rating("5", best=Decimal("NaN"))
    with pytest.raises(NormalizeError):
        parse_rating("5", best=True)
