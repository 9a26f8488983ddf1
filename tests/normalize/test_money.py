from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from crawler.core.normalize import Money, NormalizeError, parse_money

CASES: list[tuple[str, dict[str, Any], Money]] = [
    # IMDb box office section (The Red Shoes, Titanic)
    ("£500,000 (estimated)", {}, Money(Decimal("500000"), "GBP", True)),
    ("$63,000,000 (estimated)", {}, Money(Decimal("63000000"), "USD", True)),
    ("$2,187,463,944", {}, Money(Decimal("2187463944"), "USD", False)),
    ("DEM 5,000,000", {}, Money(Decimal("5000000"), "DEM", False)),
    ("HUF 1,000,000", {}, Money(Decimal("1000000"), "HUF", False)),
    ("CA$ 5,000,000", {}, Money(Decimal("5000000"), "CAD", False)),
    ("A$ 2,000,000", {}, Money(Decimal("2000000"), "AUD", False)),
    ("US$ 20,000,000", {}, Money(Decimal("20000000"), "USD", False)),
    ("¥1,000,000", {}, Money(Decimal("1000000"), "JPY", False)),
    ("₹ 50,00,000", {"default_currency": "INR"}, Money(Decimal("5000000"), "INR", False)),
    # Wikipedia infobox
    ("$40 million", {}, Money(Decimal("40000000"), "USD", False)),
    ("$1.2 billion", {}, Money(Decimal("1200000000"), "USD", False)),
    ("$40M", {}, Money(Decimal("40000000"), "USD", False)),
    ("€1.5 Mio.", {}, Money(Decimal("1500000"), "EUR", False)),
    ("CN¥4.68 billion", {}, Money(Decimal("4680000000"), "CNY", False)),  # The Wandering Earth
    ("RMB 1 billion", {}, Money(Decimal("1000000000"), "CNY", False)),
    ("₹100 crore", {}, Money(Decimal("1000000000"), "INR", False)),
    ("₹50 lakh", {}, Money(Decimal("5000000"), "INR", False)),
    # store page
    ("$2.99", {}, Money(Decimal("2.99"), "USD", False)),
    ("$2.99 (SD)", {}, Money(Decimal("2.99"), "USD", False)),
    ("₹ 499", {}, Money(Decimal("499"), "INR", False)),
    ("9.9900", {"default_currency": "USD"}, Money(Decimal("9.99"), "USD", False)),
    ("$5", {"default_currency": "CAD"}, Money(Decimal("5"), "CAD", False)),
    ("49 kr", {"default_currency": "SEK"}, Money(Decimal("49"), "SEK", False)),
    ("$0.00", {}, Money(Decimal("0"), "USD", False)),
    # European separators
    ("€1.234.567", {}, Money(Decimal("1234567"), "EUR", False)),
    ("€1.234,56", {}, Money(Decimal("1234.56"), "EUR", False)),
    ("2,50 €", {}, Money(Decimal("2.5"), "EUR", False)),
    ("1 000 000 Ft", {}, Money(Decimal("1000000"), "HUF", False)),
    ("CHF 1'500'000", {}, Money(Decimal("1500000"), "CHF", False)),
]

REFUSED: list[tuple[str, dict[str, Any]]] = [
    ("", {}),
    ("free", {}),
    ("Free", {"default_currency": "USD"}),
    ("N/A", {}),
    # a range is not one amount
    ("$63–65 million", {}),
    ("$63-65 million", {}),
    # no currency stated or given
    ("5,000,000", {}),
    ("49 kr", {}),
    # two currencies, a negative amount, odd grouping
    ("USD 5 EUR", {}),
    ("-$5", {}),
    ("$1,2,3", {}),
    ("5", {"default_currency": "dollars"}),
]


@pytest.mark.parametrize(("raw", "kwargs", "expected"), CASES)
def test_parse_money(raw: str, kwargs: dict[str, Any], expected: Money) -> None:
    found = parse_money(raw, **kwargs)
    assert found == expected
    assert "E" not in str(found.amount)


def test_amounts_never_use_exponent_notation() -> None:
    assert str(parse_money("£500,000").amount) == "500000"
    assert str(parse_money("$1.2 billion").amount) == "1200000000"
    assert str(parse_money("9.9900", default_currency="USD").amount) == "9.99"


@pytest.mark.parametrize(("raw", "kwargs"), REFUSED)
def test_parse_money_refuses(raw: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(NormalizeError) as caught:
        parse_money(raw, **kwargs)
    assert caught.value.kind == "money amount"
    assert raw in str(caught.value)
