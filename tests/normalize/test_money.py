from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from crawler.core.normalize import Money, NormalizeError, parse_money

CASES: list[tuple[str, dict[str, Any], Money]] = [
    # IMDb box office section (The Red Shoes, Titanic)
    ("£500,000 (estimated)", {}, Money(amount=Decimal("500000"), currency="GBP", estimated=True)),
    ("$63,000,000 (estimated)", {}, Money(amount=Decimal("63000000"), currency="USD", estimated=True)),
    ("$2,187,463,944", {}, Money(amount=Decimal("2187463944"), currency="USD", estimated=False)),
    ("DEM 5,000,000", {}, Money(amount=Decimal("5000000"), currency="DEM", estimated=False)),
    ("HUF 1,000,000", {}, Money(amount=Decimal("1000000"), currency="HUF", estimated=False)),
    ("CA$ 5,000,000", {}, Money(amount=Decimal("5000000"), currency="CAD", estimated=False)),
    ("A$ 2,000,000", {}, Money(amount=Decimal("2000000"), currency="AUD", estimated=False)),
    ("US$ 20,000,000", {}, Money(amount=Decimal("20000000"), currency="USD", estimated=False)),
    ("¥1,000,000", {}, Money(amount=Decimal("1000000"), currency="JPY", estimated=False)),
    ("₹ 50,00,000", {"default_currency": "INR"}, Money(amount=Decimal("5000000"), currency="INR", estimated=False)),
    # Wikipedia infobox
    ("$40 million", {}, Money(amount=Decimal("40000000"), currency="USD", estimated=False)),
    ("$1.2 billion", {}, Money(amount=Decimal("1200000000"), currency="USD", estimated=False)),
    ("$40M", {}, Money(amount=Decimal("40000000"), currency="USD", estimated=False)),
    ("€1.5 Mio.", {}, Money(amount=Decimal("1500000"), currency="EUR", estimated=False)),
    (
        "CN¥4.68 billion",
        {},
        Money(amount=Decimal("4680000000"), currency="CNY", estimated=False),
    ),  # The Wandering Earth
    ("RMB 1 billion", {}, Money(amount=Decimal("1000000000"), currency="CNY", estimated=False)),
    ("₹100 crore", {}, Money(amount=Decimal("1000000000"), currency="INR", estimated=False)),
    ("₹50 lakh", {}, Money(amount=Decimal("5000000"), currency="INR", estimated=False)),
    # store page
    ("$2.99", {}, Money(amount=Decimal("2.99"), currency="USD", estimated=False)),
    ("$2.99 (SD)", {}, Money(amount=Decimal("2.99"), currency="USD", estimated=False)),
    ("₹ 499", {}, Money(amount=Decimal("499"), currency="INR", estimated=False)),
    ("9.9900", {"default_currency": "USD"}, Money(amount=Decimal("9.99"), currency="USD", estimated=False)),
    ("$5", {"default_currency": "CAD"}, Money(amount=Decimal("5"), currency="CAD", estimated=False)),
    ("49 kr", {"default_currency": "SEK"}, Money(amount=Decimal("49"), currency="SEK", estimated=False)),
    ("$0.00", {}, Money(amount=Decimal("0"), currency="USD", estimated=False)),
    # where a shared symbol's usual meaning may not hold, what names one currency still does
    ("US$ 5", {"usual_meaning": False}, Money(amount=Decimal("5"), currency="USD", estimated=False)),
    ("A$5", {"usual_meaning": False}, Money(amount=Decimal("5"), currency="AUD", estimated=False)),
    (
        "$5",
        {"usual_meaning": False, "default_currency": "MXN"},
        Money(amount=Decimal("5"), currency="MXN", estimated=False),
    ),
    ("£5", {"usual_meaning": False}, Money(amount=Decimal("5"), currency="GBP", estimated=False)),
    # European separators
    ("€1.234.567", {}, Money(amount=Decimal("1234567"), currency="EUR", estimated=False)),
    ("€1.234,56", {}, Money(amount=Decimal("1234.56"), currency="EUR", estimated=False)),
    ("2,50 €", {}, Money(amount=Decimal("2.5"), currency="EUR", estimated=False)),
    ("1 000 000 Ft", {}, Money(amount=Decimal("1000000"), currency="HUF", estimated=False)),
    ("CHF 1'500'000", {}, Money(amount=Decimal("1500000"), currency="CHF", estimated=False)),
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
    # a shared symbol whose usual meaning may not hold, and that nothing settles
    ("$5", {"usual_meaning": False}),
    ("¥500", {"usual_meaning": False}),
    ("$5", {"usual_meaning": False, "default_currency": "EUR"}),
]


@pytest.mark.parametrize(("raw", "kwargs", "expected"), CASES)
def test_parse_money(raw: str, kwargs: dict[str, Any], expected: Money) -> None:
    found = parse_money(raw, **kwargs)
    assert found == expected.model_copy(update={"raw": raw})  # the text it was read from
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
