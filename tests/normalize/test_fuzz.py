"""Any text either gives a value or a NormalizeError, never another exception."""

from __future__ import annotations

import calendar
import contextlib
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.core.normalize import (
    NormalizeError,
    clean_multiline,
    clean_text,
    country_code,
    helpful_from_votes,
    parse_awards,
    parse_certificate,
    parse_count,
    parse_credited_as,
    parse_date,
    parse_helpful,
    parse_money,
    parse_rating,
    parse_runtime,
    seconds_to_minutes,
    split_genres,
    strip_year_suffix,
)

# Characters the parsers look at, mixed with anything at all, so examples reach
# past the first "no number here" check.
_MEANINGFUL = [
    *"0123456789 ,.'-–/:()%$€£¥₹★☆½#&|hHmMsSPTKBkx\u00a0\u200b",
    " min",
    " of ",
    " out of ",
    "Won ",
    "Oscars",
    " wins",
    " nominations",
    "Another ",
    " total",
    "January",
    "Sep",
    "ago",
    "days",
    "PT",
    "USA",
    "UK",
    "(estimated)",
    "million",
    "Rated ",
    "FSK ",
]
TEXT = st.one_of(
    st.text(),
    st.lists(st.sampled_from(_MEANINGFUL) | st.characters(), max_size=30).map("".join),
)

# Each public text function, with the keyword variants callers use.
PARSERS: dict[str, list[Callable[[str], object]]] = {
    "parse_count": [parse_count],
    "parse_rating": [
        parse_rating,
        lambda s: parse_rating(s, best=10),
        lambda s: parse_rating(s, best=Decimal(5), worst=1),
    ],
    "parse_runtime": [parse_runtime],
    "seconds_to_minutes": [seconds_to_minutes],
    "country_code": [country_code],
    "parse_date": [
        parse_date,
        lambda s: parse_date(s, reference=datetime(2024, 3, 31, 12)),
        lambda s: parse_date(s, languages=("de", "hu"), reference=datetime(2024, 3, 31)),
        lambda s: parse_date(s, day_first=True),
    ],
    "parse_money": [parse_money, lambda s: parse_money(s, default_currency="USD")],
    "parse_certificate": [
        parse_certificate,
        lambda s: parse_certificate(s, country="GB"),
        lambda s: parse_certificate(s, country="DE"),
    ],
    "parse_helpful": [parse_helpful],
    "parse_awards": [parse_awards],
    "parse_credited_as": [parse_credited_as],
    "strip_year_suffix": [strip_year_suffix],
    "split_genres": [split_genres],
    "clean_text": [clean_text],
    "clean_multiline": [clean_multiline],
}


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_any_text_gives_a_value_or_normalize_error(name: str) -> None:
    @given(TEXT, st.sampled_from(PARSERS[name]))
    def check(text: str, parse: Callable[[str], object]) -> None:
        try:
            parse(text)
        except NormalizeError as error:
            assert error.raw is not None

    check()


@given(st.integers())
def test_any_int_of_seconds(seconds: int) -> None:
    with contextlib.suppress(NormalizeError):
        assert seconds_to_minutes(seconds) >= 1


@given(st.integers(), st.integers())
def test_any_vote_counts(up: int, down: int) -> None:
    try:
        found = helpful_from_votes(up, down)
    except NormalizeError:
        assert up < 0 or down < 0
    else:
        assert 0 <= found.yes <= found.total


@given(st.text())
def test_clean_text_is_idempotent_and_single_spaced(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert "  " not in cleaned
    assert cleaned == cleaned.strip()


@given(st.text())
def test_clean_multiline_is_idempotent(text: str) -> None:
    cleaned = clean_multiline(text)
    assert clean_multiline(cleaned) == cleaned


# Round trips: what a page prints from a known value reads back as that value.


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([",", ".", " ", "\u00a0"]))
def test_grouped_counts_read_back(number: int, separator: str) -> None:
    assert parse_count(f"{number:,}".replace(",", separator) + " votes") == number


@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=9))
def test_ratings_read_back(whole: int, tenth: int) -> None:
    value = Decimal(f"{min(whole, 9)}.{tenth}")
    assert parse_rating(f"{value}/10").value == value


@given(st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=59))
def test_runtimes_read_back(hours: int, minutes: int) -> None:
    total = hours * 60 + minutes
    if total == 0:
        return
    text = f"{hours}h {minutes}min" if hours else f"{minutes} min"
    assert parse_runtime(text) == total
    assert parse_runtime(f"PT{hours}H{minutes}M") == total


@given(st.dates(min_value=date(1870, 1, 1), max_value=date(2100, 12, 31)))
def test_english_dates_read_back(when: date) -> None:
    month = calendar.month_name[when.month]
    iso = when.isoformat()
    assert parse_date(f"{when.day} {month} {when.year}").iso == iso
    assert parse_date(f"{month} {when.day}, {when.year}").iso == iso
    assert parse_date(f"{month[:3].upper()} {when.day}, {when.year}").iso == iso
    assert parse_date(iso).iso == iso
    assert parse_date(f"{month} {when.year}").iso == iso[:7]


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=99))
def test_money_reads_back(whole: int, cents: int) -> None:
    found = parse_money(f"${whole:,}.{cents:02d}")
    assert found.amount == Decimal(whole) + Decimal(cents) / 100
    assert "E" not in str(found.amount)


def _no_exception(parse: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    with contextlib.suppress(NormalizeError):
        parse(*args, **kwargs)


@given(st.text(max_size=10), st.sampled_from([None, "GB", "US", "DE", "uk", "Narnia"]))
def test_certificate_with_any_country(text: str, country: str | None) -> None:
    _no_exception(parse_certificate, text, country=country)


@given(TEXT, st.datetimes() | st.datetimes(timezones=st.timezones()), st.none() | st.booleans())
def test_dates_with_any_reference(text: str, reference: datetime, day_first: bool | None) -> None:
    _no_exception(parse_date, text, reference=reference, day_first=day_first)


@given(TEXT, st.none() | st.integers() | st.decimals(), st.integers() | st.decimals())
def test_ratings_with_any_scale(text: str, best: int | Decimal | None, worst: int | Decimal) -> None:
    _no_exception(parse_rating, text, best=best, worst=worst)


@given(TEXT, st.none() | st.text(max_size=5))
def test_money_with_any_default_currency(text: str, default_currency: str | None) -> None:
    _no_exception(parse_money, text, default_currency=default_currency)


@given(st.text())
def test_clean_text_is_nfc_without_invisible_characters_on_one_line(text: str) -> None:
    import unicodedata

    invisible = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
    assert clean_text(text) == " ".join(unicodedata.normalize("NFC", text.translate(invisible)).split())
