"""Running times in whole minutes.

Runtimes come as "133 min", "2h 13min", "PT2H13M" (schema.org), "98 perc", "2 godz. 13 min." or
"USA:142 min", and API fields give seconds. Everything becomes whole minutes.
A number without a unit ("216", "2h 16") is refused rather than guessed at.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ._numbers import MAX_DIGITS
from .errors import NormalizeError
from .text import clean_text

_KIND = "runtime"
_MAX_LEN = 500
# Some art films run for days; nothing real runs longer than this.
MAX_MINUTES = 20_000

_SECONDS_PER = {"h": 3600, "m": 60, "s": 1}
_UNITS = {
    "h": r"hours|hour|hrs|hr|h|stunden|stunde|std|óra|heures|heure|horas|hora|ore|ora|uur|часов|часа|час|ч|"
    r"godzin|godziny|godzina|godz|hodin|hodiny|hodina|hod|timmar|timme|tim|timer|time|tuntia|tunti|小时|小時|時間|시간",
    "m": r"minutes|minute|minuten|minutos|minuto|minuti|minuty|minutter|minuter|minuuttia|minuutti|minut|mins|min"
    r"|perc|mn|m|[′']|минуты|минут|мин"
    r"|分钟|分鐘|分|분",
    "s": r"seconds|second|sekunden|secs|sec|sek|másodperc|s|초",
}
_COMPONENT = re.compile(
    r"(?<![0-9.,])(?P<number>[0-9]+(?:[.,][0-9]{1,2}(?![0-9]))?)\s*"
    r"(?:(?P<h>" + _UNITS["h"] + r")|(?P<m>" + _UNITS["m"] + r")|(?P<s>" + _UNITS["s"] + r"))"
    r"(?![^\W\d_]|-[^\W\d_])\.?",
    re.IGNORECASE,
)
# "and" between the hours and the minutes, in the languages of the units above: "2 godziny i 13 minut".
_AND = r"and|&|und|és|et|y|e|i|a|en|och|og|ja|и"
_JOINER = re.compile(rf"\s*(?:,|(?:{_AND})(?![^\W\d_]))?\s*", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"[0-9][0-9.,]*\s*(?:[-–—~/+]|to|bis)?\s*$", re.IGNORECASE)
# A number after the duration, alone or after an "and" whose unit was not read: the duration is not all there
# ("2 hours and 13"), so none is given rather than its hours alone.
_NUMBER_AFTER = re.compile(rf"\s*(?:(?:{_AND})(?![^\W\d_]))?\s*[0-9]", re.IGNORECASE)
_ISO = re.compile(
    r"P(?:(?P<d>[0-9]+)D)?"
    r"(?:T(?=[0-9])(?:(?P<h>[0-9]+(?:[.,][0-9]+)?)H)?(?:(?P<m>[0-9]+(?:[.,][0-9]+)?)M)?"
    r"(?:(?P<s>[0-9]+(?:[.,][0-9]+)?)S)?)?",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"(?P<h>[0-9]{1,2}):(?P<m>[0-5][0-9]):(?P<s>[0-5][0-9])")


def _number(token: str, s: str) -> Decimal:
    if len(token) > MAX_DIGITS:
        raise NormalizeError(_KIND, s, "number too long")
    return Decimal(token.replace(",", "."))


def _minutes(seconds: Decimal, s: str) -> int:
    with localcontext(prec=3 * MAX_DIGITS):
        minutes = int((seconds / 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if minutes < 1:
        raise NormalizeError(_KIND, s, "shorter than a minute")
    if minutes > MAX_MINUTES:
        raise NormalizeError(_KIND, s, f"longer than {MAX_MINUTES} minutes")
    return minutes


def _iso(text: str, s: str) -> int | None:
    match = _ISO.fullmatch(text)
    if match is None or not any(match.group(part) for part in "dhms"):
        return None
    seconds = Decimal(0)
    with localcontext(prec=3 * MAX_DIGITS):
        if match.group("d"):
            seconds += _number(match.group("d"), s) * 86400
        for unit, factor in _SECONDS_PER.items():
            if match.group(unit):
                seconds += _number(match.group(unit), s) * factor
    return _minutes(seconds, s)


def _unit(match: re.Match[str]) -> str:
    return next(unit for unit in "hms" if match.group(unit) is not None)


def _spoken(text: str, s: str) -> int:
    first = _COMPONENT.search(text)
    if first is None:
        raise NormalizeError(_KIND, s, "no duration with a unit")
    if _NUMBER_BEFORE.search(text, 0, first.start()):
        raise NormalizeError(_KIND, s, "a number without a unit comes first")
    components = [first]
    end = first.end()
    while True:
        joiner = _JOINER.match(text, end)
        following = _COMPONENT.match(text, joiner.end() if joiner else end)
        if following is None:
            break
        components.append(following)
        end = following.end()
    if _NUMBER_AFTER.match(text, end):
        raise NormalizeError(_KIND, s, "a number without a unit follows")
    units = [_unit(component) for component in components]
    if units != sorted(set(units), key="hms".index):
        raise NormalizeError(_KIND, s, "units out of order")
    with localcontext(prec=3 * MAX_DIGITS):
        seconds = sum(
            (_number(c.group("number"), s) * _SECONDS_PER[u] for c, u in zip(components, units, strict=True)),
            Decimal(0),
        )
    return _minutes(seconds, s)


def parse_runtime(s: str) -> int:
    """Whole minutes from "133 min", "2h 13min", "1 hour 53 minutes", "PT2H13M" or "98 perc".

    Only the first duration in the text counts ("USA:142 min, France:138 min"
    -> 142). Seconds are rounded to the nearest minute, halves up.
    """
    text = clean_text(s)
    if len(text) > _MAX_LEN:
        raise NormalizeError(_KIND, s, "text too long")
    if not text:
        raise NormalizeError(_KIND, s, "empty")
    iso = _iso(text, s)
    if iso is not None:
        return iso
    clock = _CLOCK.fullmatch(text)
    if clock is not None:
        seconds = sum(int(clock.group(unit)) * factor for unit, factor in _SECONDS_PER.items())
        return _minutes(Decimal(seconds), s)
    return _spoken(text, s)


def seconds_to_minutes(seconds: int | str) -> int:
    """Whole minutes, halves up, from an API seconds field: 5770 or "5770" -> 96."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, str)):
        raise NormalizeError(_KIND, repr(seconds), "seconds must be an int or a digit string")
    if isinstance(seconds, int):
        if seconds.bit_length() > 64:
            raise NormalizeError(_KIND, "a very large number", "not a plausible number of seconds")
        raw, value = str(seconds), seconds
    else:
        raw, digits = seconds, clean_text(seconds)
        if not (digits.isascii() and digits.isdigit()) or len(digits) > MAX_DIGITS:
            raise NormalizeError(_KIND, raw, "not a whole number of seconds")
        value = int(digits)
    if value < 0:
        raise NormalizeError(_KIND, raw, "negative")
    return _minutes(Decimal(value), raw)
