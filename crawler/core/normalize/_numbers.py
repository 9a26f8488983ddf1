"""Digit-group reading shared by the count-like normalisers.

Pages group thousands with commas, dots, spaces, non-breaking spaces or
apostrophes depending on locale. A group separator is only believed when every
group after the first has exactly three digits (or the groups follow the Indian
lakh pattern), so "1.5" is never read as 15.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .errors import NormalizeError

# No real count, amount or duration needs more digits; longer runs are noise
# (and int() refuses very long digit strings anyway).
MAX_DIGITS = 30

_SEPARATOR = re.compile(r"[ ,.'’]")
# Indian lakh/crore grouping: "50,00,000" is five million.
INDIAN_GROUPING = re.compile(r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}")


def grouped_int(token: str) -> int | None:
    """ "21,464", "1 234", "21.464" or "398" as an int; ``None`` when the grouping is not thousands.

    Indian grouping ("1,00,000") is read too.
    """
    if INDIAN_GROUPING.fullmatch(token):
        return int(token.replace(",", ""))
    groups = _SEPARATOR.split(token)
    if not all(group.isascii() and group.isdigit() for group in groups):
        return None
    if sum(map(len, groups)) > MAX_DIGITS:
        return None
    if len(groups) > 1:
        separators = set(_SEPARATOR.findall(token))
        if len(separators) != 1 or not 1 <= len(groups[0]) <= 3:
            return None
        if any(len(group) != 3 for group in groups[1:]):
            return None
    return int("".join(groups))


# --- one bounded reader for numbers written in data (JSON-LD, page JSON) --------------------------------------

# No value any film page states needs an exponent beyond this: a larger one is a hostile or broken page, and
# Decimal arithmetic or int() on it could take minutes ("1e999999" as an int has a million digits).
MAX_EXPONENT = 12
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,6})?")
_MAX_INT_BITS = 4 * MAX_DIGITS  # a MAX_DIGITS-digit number needs fewer bits than this


def bounded_decimal(value: object) -> Decimal:
    """A finite Decimal from a JSON number or a numeric string ("8.3", 8.3, "8,3", "1e2"), with at most
    MAX_DIGITS digits and an exponent within ±MAX_EXPONENT, checked before any arithmetic.

    Raises NormalizeError (kind "number") for anything else: booleans, "1e5000", infinities, "²", a
    5,000-digit count.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise NormalizeError("number", repr(value)[:200], "not a number")
    if isinstance(value, int):
        if value.bit_length() > _MAX_INT_BITS:
            raise NormalizeError("number", f"<{value.bit_length()}-bit integer>", "too many digits")
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise NormalizeError("number", repr(value), "not finite")
        text = repr(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise NormalizeError("number", str(value), "not finite")
        text = str(value)
    else:
        text = value.strip().replace(",", ".")
    if len(text) > MAX_DIGITS + 10 or not _PLAIN_NUMBER.fullmatch(text):
        raise NormalizeError("number", str(value)[:200], f"not a plain number of at most {MAX_DIGITS} digits")
    mantissa, _, exponent = text.lower().partition("e")
    digits = mantissa.lstrip("+-").replace(".", "").lstrip("0")
    if len(digits) > MAX_DIGITS:
        raise NormalizeError("number", text, "too many digits")
    if exponent and abs(int(exponent)) > MAX_EXPONENT:
        raise NormalizeError("number", text, f"exponent beyond ±{MAX_EXPONENT}")
    number = Decimal(text)
    if number != 0 and abs(number.adjusted()) > MAX_EXPONENT + MAX_DIGITS:
        raise NormalizeError("number", text, "out of range")
    return number


def bounded_count(value: object) -> int:
    """A non-negative whole number from a JSON integer or a string of ASCII digits, optionally grouped in
    thousands ("21,464"); at most MAX_DIGITS digits. Raises NormalizeError (kind "count") otherwise: "²",
    "-3", 4.5, a 5,000-digit string."""
    if isinstance(value, bool):
        raise NormalizeError("count", repr(value), "not a number")
    if isinstance(value, int):
        if value < 0:
            raise NormalizeError("count", str(value), "negative")
        if value.bit_length() > _MAX_INT_BITS:
            raise NormalizeError("count", f"<{value.bit_length()}-bit integer>", "too many digits")
        return value
    if isinstance(value, str):
        text = value.strip()
        whole = grouped_int(text) if len(text) <= MAX_DIGITS + 10 else None
        if whole is None:
            raise NormalizeError("count", text[:200], "not a whole number of ASCII digits")
        return whole
    raise NormalizeError("count", repr(value)[:200], "not a whole number")


def whole_number(text: str | None) -> int | None:
    """The whole number `text` is when it is nothing but ASCII digits, at most MAX_DIGITS of them; else None.
    ("²".isdigit() is True, and int() refuses it; int() of 5,000 digits raises.)"""
    if text is None or not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
        return None
    return int(text)
