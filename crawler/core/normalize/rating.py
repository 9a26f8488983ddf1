"""Ratings as a value on a known scale.

A rating number means nothing without its scale: "4.3" is good out of 5 and
poor out of 10. The scale comes from the text ("/10", "out of 5", "%", a row of
★☆ glyphs) or from the caller who knows the site; with neither the text is
refused. Values stay :class:`~decimal.Decimal` exactly as written.
"""

from __future__ import annotations

import re
from decimal import Decimal

from schemas.common import Rating

from ._numbers import MAX_DIGITS, bounded_decimal
from .errors import NormalizeError
from .text import clean_text

_KIND = "rating"
_MAX_LEN = 200

_NUM = r"[0-9]+(?:[.,][0-9]+)?"
_SIGN = r"(?:(?<![^\W_])(?P<sign>[-−]))?"
_SCALED = re.compile(
    rf"{_SIGN}(?<![0-9.,])(?P<value>{_NUM})\s*(?:stars?\s*)?\(?\s*(?:/|out\s+of)\s*(?P<best>{_NUM})(?![0-9])",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"{_SIGN}(?<![0-9.,])(?P<value>{_NUM})\s*%")
_ANY_NUMBER = re.compile(rf"{_SIGN}(?<![0-9.,])(?P<value>[0-9]+(?:[.,][0-9]+)*)")
_HALF_AFTER_DIGIT = re.compile(r"(?<=[0-9])\s?½")

_FULL_STARS = "★⭐"
_GLYPH_RUN = re.compile(r"[★⭐☆½](?:\s*[★⭐☆½])*")
_GLYPH_ROW = re.compile(r"(?P<full>[★⭐]*)(?P<half>½?)(?P<empty>☆*)")
_DEFAULT_STAR_SCALE = Decimal(5)


def _decimal(token: str, s: str) -> Decimal:
    if len(token) > MAX_DIGITS:
        raise NormalizeError(_KIND, s, "number too long")
    try:
        return bounded_decimal(token.replace(",", "."))
    except NormalizeError as error:  # pragma: no cover - the regexes only pass short runs of digits
        raise NormalizeError(_KIND, s, error.why) from error


def _given(value: int | Decimal | None, s: str, name: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise NormalizeError(_KIND, s, f"{name} must be an int or Decimal")
    number = Decimal(value)
    if not number.is_finite():
        raise NormalizeError(_KIND, s, f"{name} is not finite")
    return number


def _glyphs(text: str, s: str) -> tuple[Decimal, Decimal | None]:
    runs = _GLYPH_RUN.findall(text)
    if len(runs) != 1 or any(char.isdigit() for char in _GLYPH_RUN.sub("", text)):
        raise NormalizeError(_KIND, s, "stars mixed with other numbers")
    row = _GLYPH_ROW.fullmatch("".join(runs[0].split()))
    if row is None:
        raise NormalizeError(_KIND, s, "stars out of order")
    full, half, empty = len(row.group("full")), bool(row.group("half")), len(row.group("empty"))
    if not full and not half:
        # An all-empty row is how unrated items are drawn, not a stated zero.
        raise NormalizeError(_KIND, s, "no filled stars")
    value = Decimal(full) + (Decimal("0.5") if half else 0)
    stated = Decimal(full + half + empty) if empty else None
    return value, stated


def _single(matches: list[re.Match[str]], s: str) -> re.Match[str] | None:
    if not matches:
        return None
    if any(match.group("sign") for match in matches):
        raise NormalizeError(_KIND, s, "negative")
    if len({match.group(0).replace(" ", "") for match in matches}) > 1:
        raise NormalizeError(_KIND, s, "several ratings")
    return matches[0]


def _read(text: str, s: str, given_best: Decimal | None) -> tuple[Decimal, Decimal | None, Decimal | None]:
    """(value, scale stated in the text, fallback scale when none is stated)."""
    if text == "½" or any(char in _FULL_STARS + "☆" for char in text):
        value, stated = _glyphs(text, s)
        return value, stated, _DEFAULT_STAR_SCALE
    text = _HALF_AFTER_DIGIT.sub(".5", text)
    scaled = _single(list(_SCALED.finditer(text)), s)
    if scaled is not None:
        return _decimal(scaled.group("value"), s), _decimal(scaled.group("best"), s), None
    percent = _single(list(_PERCENT.finditer(text)), s)
    if percent is not None:
        return _decimal(percent.group("value"), s), Decimal(100), None
    numbers = list(_ANY_NUMBER.finditer(text))
    if len(numbers) != 1:
        raise NormalizeError(_KIND, s, "no rating number" if not numbers else "several numbers")
    bare = _single(numbers, s)
    assert bare is not None
    if given_best is None:
        raise NormalizeError(_KIND, s, "no scale stated or given")
    token = bare.group("value")
    if token.count(".") + token.count(",") > 1:
        raise NormalizeError(_KIND, s, "not a plain number")
    return _decimal(token, s), None, None


def parse_rating(s: str, *, best: int | Decimal | None = None, worst: int | Decimal = 0) -> Rating:
    """A rating with its scale: "8.3/10", "3.5 out of 5 stars", "74%", "★★★½", or "8.3" with ``best=10``.

    ``best`` is the scale the caller knows the site uses; a scale stated in the
    text must agree with it. Letter grades and bare numbers without any scale
    are refused.
    """
    text = clean_text(s)
    if len(text) > _MAX_LEN:
        raise NormalizeError(_KIND, s, "text too long")
    given_best = _given(best, s, "best")
    low = _given(worst, s, "worst")
    assert low is not None
    value, stated, fallback = _read(text, s, given_best)
    if stated is not None and given_best is not None and stated != given_best:
        raise NormalizeError(_KIND, s, f"scale {stated} in the text, {given_best} given")
    high = stated if stated is not None else given_best if given_best is not None else fallback
    if high is None:  # pragma: no cover - _read refuses this case
        raise NormalizeError(_KIND, s, "no scale stated or given")
    if high <= low:
        raise NormalizeError(_KIND, s, f"best {high} is not above worst {low}")
    if not low <= value <= high:
        raise NormalizeError(_KIND, s, f"{value} is outside {low}..{high}")
    return Rating.model_construct(value=value, best=high, worst=low)
