from __future__ import annotations

import pytest

from crawler.core.normalize import NormalizeError, parse_count

CASES = [
    # IMDb title page: rating count under the star
    ("21,464", 21464),
    ("1.2M", 1_200_000),
    ("995K", 995_000),
    ("2.5k", 2_500),
    ("1.5B", 1_500_000_000),
    # IMDb user reviews tab
    ("(398)", 398),
    # IMDb ratings page
    ("2,532,909 votes", 2_532_909),
    # Metacritic
    ("based on 51 Critic Reviews", 51),
    # Letterboxd: space and no-break space as thousands separators
    ("1 234", 1234),
    ("1\u00a0234", 1234),
    ("51 188", 51188),
    ("12\u202f345\u202f678", 12_345_678),
    # German page: dot thousands (groups of exactly three)
    ("21.464", 21464),
    ("1.234.567 Bewertungen", 1_234_567),
    # Goodreads-style widget
    ("5,914 ratings", 5914),
    # the same number twice is still one number
    ("398 reviews (398)", 398),
    ("0 ratings", 0),
]

REFUSED = [
    "",
    "n/a",
    "-",
    "abc",
    "-5",
    "−12",
    # two different numbers: which one is the count?
    "23 of 29",
    "Top 250 #12",
    # not whole numbers, or not thousands grouping
    "1.5",
    "1,2,3",
    "12 34",
    "1.2345K",
    "9" * 40,
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_parse_count(raw: str, expected: int) -> None:
    assert parse_count(raw) == expected


@pytest.mark.parametrize("raw", REFUSED)
def test_parse_count_refuses(raw: str) -> None:
    with pytest.raises(NormalizeError) as caught:
        parse_count(raw)
    assert caught.value.kind == "count"
    assert raw in str(caught.value)
