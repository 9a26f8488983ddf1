"""One bounded reader for numbers written in page data: digits and exponent checked before any arithmetic."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crawler.core.normalize import NormalizeError, bounded_count, bounded_decimal
from crawler.core.parsers.schemaorg import aggregate_rating

DECIMALS = [
    # (JSON value, Decimal)
    ("8.3", Decimal("8.3")),
    ("8,3", Decimal("8.3")),
    (8.3, Decimal("8.3")),
    (10, Decimal(10)),
    ("1e2", Decimal(100)),
    (" 4.10 ", Decimal("4.10")),
    ("-1", Decimal(-1)),
]

REFUSED_DECIMALS = [
    "1e5000",
    "1e999999",
    "-1e999999",
    1e400,
    float("nan"),
    "NaN",
    "Infinity",
    "²",
    "٣",
    "8.3/10",
    "",
    True,
    None,
    "9" * 5000,
    10**5000,
    [4],
    {"value": 4},
]


def _id(value: object) -> str:
    return (
        f"<{value.bit_length()}-bit int>" if isinstance(value, int) and value.bit_length() > 100 else repr(value)[:20]
    )


@pytest.mark.parametrize(("value", "expected"), DECIMALS)
def test_bounded_decimal_should_read_plain_numbers(value: object, expected: Decimal) -> None:
    assert bounded_decimal(value) == expected


@pytest.mark.parametrize("value", REFUSED_DECIMALS, ids=[_id(v) for v in REFUSED_DECIMALS])
def test_bounded_decimal_should_refuse_what_no_page_states(value: object) -> None:
    with pytest.raises(NormalizeError):
        bounded_decimal(value)


COUNTS = [("21,464", 21464), ("398", 398), (1203, 1203), ("1 234", 1234), (0, 0)]
REFUSED_COUNTS = ["²", "9" * 5000, 10**5000, -3, "-3", 4.5, "4.5", "many", True, None, ""]


@pytest.mark.parametrize(("value", "expected"), COUNTS)
def test_bounded_count_should_read_whole_numbers(value: object, expected: int) -> None:
    assert bounded_count(value) == expected


@pytest.mark.parametrize("value", REFUSED_COUNTS, ids=[_id(v) for v in REFUSED_COUNTS])
def test_bounded_count_should_refuse_anything_else(value: object) -> None:
    with pytest.raises(NormalizeError):
        bounded_count(value)


AGGREGATES = [
    # (aggregateRating, rating read, extraction.unparsed)
    ({"ratingValue": "1e5000", "bestRating": "1e5000"}, None, {"rating": "1e5000 / 1e5000"}),
    (
        {"ratingValue": 4.1, "bestRating": 5, "ratingCount": "²"},
        {"value": Decimal("4.1"), "best": 5, "worst": 0},
        {"rating.count": "²"},
    ),
    (
        {"ratingValue": 4.1, "bestRating": 5, "ratingCount": "²", "reviewCount": 12},
        {"value": Decimal("4.1"), "best": 5, "worst": 0, "count": 12},
        {},
    ),
    (
        {"ratingValue": "8.3", "bestRating": 10, "ratingCount": "2,532,909"},
        {"value": Decimal("8.3"), "best": 10, "worst": 0, "count": 2532909},
        {},
    ),
]


@pytest.mark.parametrize(("agg", "rating", "unparsed"), AGGREGATES)
def test_aggregate_rating_should_keep_the_raw_text_of_what_it_cannot_read(
    agg: dict[str, object], rating: object, unparsed: dict[str, str]
) -> None:
    found: dict[str, str] = {}
    assert aggregate_rating(agg, unparsed=found) == rating
    assert found == unparsed


WHOLE_NUMBERS = [
    ("42", 42),
    ("007", 7),
    ("²", None),
    ("٣", None),
    ("9" * 5000, None),
    ("4.5", None),
    ("", None),
    (None, None),
    ("1,234", None),
]


@pytest.mark.parametrize(("text", "expected"), WHOLE_NUMBERS, ids=[repr(t)[:12] for t, _ in WHOLE_NUMBERS])
def test_whole_number_should_read_only_short_runs_of_ascii_digits(text: str | None, expected: int | None) -> None:
    from crawler.core.normalize import whole_number

    assert whole_number(text) == expected
