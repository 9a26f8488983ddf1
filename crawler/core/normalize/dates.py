"""Release and review dates, only as precise as the page states them.

"1948" is a year, not 1 January 1948, so a date keeps its precision ("year",
"month" or "day") and its ISO form is cut to match. Trailing notes such as
"(UK)" are kept, and read as a country when they name one.

Common English and ISO forms go through regexes compiled at import time; that
path is fast and does not touch dateparser. Other languages and forms fall back
to one cached dateparser ``DateDataParser`` per language set. The fallback
trusts dateparser's reported period, never the day or month it fills in, and
never a year that does not appear in the text (dateparser would otherwise read
"12. Juli" as July 2012 or supply a century to "12.07.88").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from .country import country_code
from .errors import NormalizeError
from .text import clean_text

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["DATEPARSER_CALLS", "PartialDate", "Precision", "dateparser_calls", "parse_date", "warm_up"]

Precision = Literal["year", "month", "day"]

_KIND = "date"
_MAX_LEN = 200
MIN_YEAR = 1870
MAX_YEAR = 2100


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as its text: ``iso`` is "1948", "1948-09" or "1948-09-06".

    ``note`` holds the text of trailing parenthesised notes ("UK"; several are
    joined with "; "), ``country`` the ISO alpha-2 code when a note names a
    country.
    """

    iso: str
    precision: Precision
    note: str | None = None
    country: str | None = None


class _CallCounter:
    """Number of times the fallback has handed a text to dateparser."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        self.value += 1


DATEPARSER_CALLS = _CallCounter()


def dateparser_calls() -> int:
    """How many texts the fallback has given to dateparser since import."""
    return DATEPARSER_CALLS.value


# --- fast path ---------------------------------------------------------------

# Spelled out rather than taken from ``calendar``, whose names follow the locale.
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}

_MONTH = r"(?P<month_name>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>[0-9]{4})"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"

_FAST_FORMS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        _YEAR,
        r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2})"
        r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?)?",
        r"(?P<year>[0-9]{4})(?P<sep>[./])\s?(?P<month>[0-9]{1,2})(?P=sep)\s?(?P<day>[0-9]{1,2})\.?",
        _WEEKDAY + _DAY + r"\.?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR,
        _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR,
        _MONTH + r",?\s+" + _YEAR,
        # Japanese, Chinese and Korean: "1950年3月21日", "1950년 3월 21일", "1950年3月"
        r"(?P<year>[0-9]{4})\s*[年년]\s*(?:(?P<month>[0-9]{1,2})\s*[月월]\s*(?:(?P<day>[0-9]{1,2})\s*[日일])?)?",
    )
)
_NUMERIC = re.compile(r"(?P<a>[0-9]{1,2})(?P<sep>[./-])(?P<b>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{4})\.?")
_RELATIVE = re.compile(
    r"(?P<count>[0-9]{1,4}|an?|one)\s+(?P<unit>second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago",
    re.IGNORECASE,
)
_TODAY = {"today": 0, "just now": 0, "now": 0, "yesterday": 1}

_NOTE_AT_END = re.compile(r"\s*[(（]([^()（）]*)[)）]\s*$")
# The release's reach printed after its date ("Jun 23, 2006 Wide", "Sep 10, 1994 limited"): a note, as in brackets.
_REACH_AT_END = re.compile(r"[\s,]+((?:wide|limited|nationwide)(?: release)?)\s*$", re.IGNORECASE)
_TRAILING_DASHES = re.compile(r"[\s\-–—]+$")


def _refuse(s: str, why: str) -> NormalizeError:
    return NormalizeError(_KIND, s, why)


def _build(s: str, year: int, month: int | None = None, day: int | None = None) -> tuple[str, Precision]:
    """The ISO text and precision for the stated parts, after checking they exist."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _refuse(s, f"year {year} outside {MIN_YEAR}..{MAX_YEAR}")
    if month is None:
        return f"{year:04d}", "year"
    if not 1 <= month <= 12:
        raise _refuse(s, f"no month {month}")
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    try:
        date(year, month, day)
    except ValueError as error:
        raise _refuse(s, f"no day {day} in {year:04d}-{month:02d}") from error
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def _as_datetime(reference: datetime | date) -> datetime:
    if isinstance(reference, datetime):
        return reference
    return datetime.combine(reference, datetime.min.time())


def _relative(core: str, reference: datetime | date | None, s: str) -> tuple[str, Precision] | None:
    lowered = core.lower()
    match = _RELATIVE.fullmatch(core)
    if match is None and lowered not in _TODAY:
        return None
    if reference is None:
        raise _refuse(s, "a relative date needs a reference time")
    base = _as_datetime(reference)
    if match is None:
        try:
            then = base - timedelta(days=_TODAY[lowered])
        except OverflowError as error:
            raise _refuse(s, "too far back") from error
        return _build(s, then.year, then.month, then.day)
    count_text = match.group("count").lower()
    count = int(count_text) if count_text.isdigit() else 1
    unit = match.group("unit").lower()
    if unit == "year":
        return _build(s, base.year - count)
    if unit == "month":
        months = base.year * 12 + base.month - 1 - count
        return _build(s, months // 12, months % 12 + 1)
    seconds = {
        "sec": 1,
        "second": 1,
        "min": 60,
        "minute": 60,
        "hour": 3600,
        "hr": 3600,
        "day": 86400,
        "week": 7 * 86400,
    }[unit]
    try:
        then = base - timedelta(seconds=count * seconds)
    except OverflowError as error:
        raise _refuse(s, "too far back") from error
    return _build(s, then.year, then.month, then.day)


def _numeric(match: re.Match[str], day_first: bool | None, s: str) -> tuple[str, Precision]:
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    if day_first is None:
        if match.group("sep") == ".":
            day_first = True  # dotted dates are day-first wherever they are used
        elif a > 12 >= b:
            day_first = True
        elif b > 12 >= a or a == b:
            day_first = False
        else:
            raise _refuse(s, "day and month could be either way round")
    day, month = (a, b) if day_first else (b, a)
    return _build(s, year, month, day)


def _fast(core: str, reference: datetime | date | None, day_first: bool | None, s: str) -> tuple[str, Precision] | None:
    for form in _FAST_FORMS:
        match = form.fullmatch(core)
        if match is None:
            continue
        parts = match.groupdict()
        month_name = parts.get("month_name")
        month = _MONTHS[month_name.lower()] if month_name else parts.get("month")
        return _build(
            s,
            int(parts["year"]),
            int(month) if month is not None else None,
            int(parts["day"]) if parts.get("day") is not None else None,
        )
    numeric = _NUMERIC.fullmatch(core)
    if numeric is not None:
        return _numeric(numeric, day_first, s)
    return _relative(core, reference, s)


# --- dateparser fallback ------------------------------------------------------

# Relative phrases are resolved against this far-past base first: a result near
# it shows the text was relative, so it needs the caller's reference time.
_SENTINEL_BASE = datetime(1100, 1, 1)
_SENTINEL_LIMIT = 1500
_DEFAULT_LANGUAGES: tuple[str, ...] = ("en",)


@functools.lru_cache(maxsize=32)
def _parser(languages: tuple[str, ...], day_first: bool | None, base: datetime) -> DateDataParser:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": ["year"],
        "RELATIVE_BASE": base,
        # No "timestamp" (a long number is not an epoch here) and no
        # "no-spaces-time" (it reads any digit run as some date).
        "PARSERS": ["relative-time", "custom-formats", "absolute-time"],
    }
    if day_first is not None:
        settings["DATE_ORDER"] = "DMY" if day_first else "MDY"
        settings["PREFER_LOCALE_DATE_ORDER"] = False
    return DateDataParser(languages=list(languages), settings=settings)


def _get_parser(languages: tuple[str, ...], day_first: bool | None, base: datetime, s: str) -> DateDataParser:
    try:
        return _parser(languages, day_first, base)
    except Exception as error:  # dateparser rejects unknown language codes with various errors
        raise _refuse(s, f"unusable languages {languages!r}") from error


def _ask(parser: DateDataParser, core: str, s: str) -> Any:
    DATEPARSER_CALLS.increment()
    try:
        data = parser.get_date_data(core)
    except Exception as error:  # third-party parser: any failure means "not a date"
        raise _refuse(s, "not a date") from error
    if data is None or data.date_obj is None:
        raise _refuse(s, "not a date")
    return data


def _precision(data: Any) -> Precision:
    period = getattr(data, "period", None)
    precision: Precision = "year" if period == "year" else "month" if period == "month" else "day"
    parts = getattr(data, "parts", None) or ()
    if parts:
        if "month" not in parts:
            precision = "year"
        elif "day" not in parts and precision == "day":
            precision = "month"
    return precision


def _fallback(
    core: str,
    reference: datetime | date | None,
    languages: tuple[str, ...],
    day_first: bool | None,
    s: str,
) -> tuple[str, Precision]:
    if reference is None and not any(char.isdigit() for char in core):
        # Without digits only a relative phrase ("gestern") could be a date.
        raise _refuse(s, "no date")
    data = _ask(_get_parser(languages, day_first, _SENTINEL_BASE, s), core, s)
    if data.date_obj.year < _SENTINEL_LIMIT:
        if reference is None:
            raise _refuse(s, "a relative date needs a reference time")
        base = _as_datetime(reference).replace(tzinfo=None)
        data = _ask(_get_parser(languages, day_first, base, s), core, s)
    elif str(data.date_obj.year) not in core:
        raise _refuse(s, "the year is not written out")
    found: datetime = data.date_obj
    precision = _precision(data)
    if precision == "year":
        return _build(s, found.year)
    if precision == "month":
        return _build(s, found.year, found.month)
    return _build(s, found.year, found.month, found.day)


def warm_up(languages: Sequence[str] = _DEFAULT_LANGUAGES) -> None:
    """Build the fallback parser for ``languages`` and load its data, e.g. at process start."""
    parser = _parser(tuple(languages), None, _SENTINEL_BASE)
    parser.get_date_data("1 January 2000")


# --- entry point ----------------------------------------------------------------


def _notes(text: str) -> tuple[str, list[str]]:
    notes: list[str] = []
    while True:
        match = _NOTE_AT_END.search(text) or _REACH_AT_END.search(text)
        if match is None:
            return text, notes[::-1]
        note = match.group(1).strip()
        if note:
            notes.append(note)
        text = text[: match.start()]


def _country(notes: list[str]) -> str | None:
    codes: set[str] = set()
    for note in notes:
        try:
            codes.add(country_code(note))
        except NormalizeError:
            continue
    return codes.pop() if len(codes) == 1 else None


def parse_date(
    s: str,
    *,
    reference: datetime | None = None,
    languages: Sequence[str] = _DEFAULT_LANGUAGES,
    day_first: bool | None = None,
) -> PartialDate:
    """A :class:`PartialDate` from "6 September 1948 (UK)", "2020-07-30", "September 1948", "2 days ago", ...

    ``reference`` is the time relative dates count back from (they are refused
    without it). ``languages`` are dateparser language codes for the fallback,
    and ``day_first`` settles "05/08/1999"-style dates (refused when both
    readings are possible and it is not given).
    """
    text = clean_text(s)
    if not text:
        raise _refuse(s, "empty")
    if len(text) > _MAX_LEN:
        raise _refuse(s, "text too long")
    core, notes = _notes(text)
    core = _TRAILING_DASHES.sub("", core)
    if not core:
        raise _refuse(s, "no date")
    found = _fast(core, reference, day_first, s)
    if found is None:
        wanted = (languages,) if isinstance(languages, str) else tuple(languages)
        found = _fallback(core, reference, wanted, day_first, s)
    iso, precision = found
    return PartialDate(iso=iso, precision=precision, note="; ".join(notes) or None, country=_country(notes))
