"""Vote, rating and review counts.

Counts appear as "21,464", "1.2M", "995K", "(398)", "51 188" or inside a phrase
such as "based on 51 Critic Reviews". The phrase must hold exactly one number:
in "23 of 29" either could be meant, and picking one would be a guess.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext

from ._numbers import MAX_DIGITS, grouped_int
from .errors import NormalizeError
from .text import clean_text

_MAX_LEN = 500
_KIND = "count"

_MULTIPLIERS: dict[str, int] = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mio": 1_000_000,
    "mln": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
_NUMBER = re.compile(
    r"(?:(?<![^\W_])(?P<sign>[-−]))?"
    r"(?<![0-9])(?P<num>[0-9]+(?:[ ,.'’][0-9]+)*)"
    r"(?:\s?(?P<mult>thousand|million|billion|mln|mio|bn|mn|k|m|b)(?![^\W\d_]))?",
    re.IGNORECASE,
)
_DECIMAL = re.compile(r"[0-9]+[.,][0-9]+")


def _value(token: str, multiplier: str | None) -> int | None:
    if multiplier is None:
        return grouped_int(token)
    factor = _MULTIPLIERS[multiplier.lower()]
    whole = grouped_int(token)
    if whole is not None and not _DECIMAL.fullmatch(token):
        return whole * factor
    if not _DECIMAL.fullmatch(token) or len(token) > MAX_DIGITS:
        return None
    try:
        with localcontext(prec=2 * MAX_DIGITS):
            amount = Decimal(token.replace(",", ".")) * factor
    except InvalidOperation:
        return None
    return int(amount) if amount == amount.to_integral_value() else None


def parse_count(s: str) -> int:
    """The one non-negative whole number stated in ``s``: "2,532,909 votes" -> 2532909."""
    text = clean_text(s)
    if len(text) > _MAX_LEN:
        raise NormalizeError(_KIND, s, "text too long")
    values: set[int] = set()
    for match in _NUMBER.finditer(text):
        if match.group("sign"):
            raise NormalizeError(_KIND, s, "negative")
        value = _value(match.group("num"), match.group("mult"))
        if value is None:
            raise NormalizeError(_KIND, s, f"{match.group(0)!r} is not a whole number")
        values.add(value)
    if not values:
        raise NormalizeError(_KIND, s, "no number")
    if len(values) > 1:
        raise NormalizeError(_KIND, s, "several numbers")
    return values.pop()
