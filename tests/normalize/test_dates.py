from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.core.normalize import NormalizeError, PartialDate, dateparser_calls, parse_date, warm_up

REFERENCE = datetime(2024, 3, 31, 0, 30)


def day(iso: str, note: str | None = None, country: str | None = None) -> PartialDate:
    return PartialDate(iso=iso, precision="day", note=note, country=country)


# Forms the fast path must read without dateparser.
FAST_CASES: list[tuple[str, dict[str, Any], PartialDate]] = [
    # IMDb 2017 title page (The Red Shoes): release date with country note
    ("6 September 1948 (UK)", {}, day("1948-09-06", "UK", "GB")),
    ("12 July 1988", {}, day("1988-07-12")),
    ("20 July 1988 (USA)", {}, day("1988-07-20", "USA", "US")),
    ("2007 (USA)", {}, PartialDate("2007", "year", "USA", "US")),
    # Japanese, Chinese and Korean film pages (eiga.com, Filmarks, Mtime, Naver)
    ("1950年3月21日", {}, day("1950-03-21")),
    ("1950年03月", {}, PartialDate("1950-03", "month")),
    ("1948年", {}, PartialDate("1948", "year")),
    ("1950년 3월 21일", {}, day("1950-03-21")),
    ("1950年3月21日（日本）", {}, day("1950-03-21", "日本", "JP")),
    # a release's reach after its date, as film sites print it under "In Theaters:"
    ("Jun 23, 2006 Wide", {}, day("2006-06-23", "Wide")),
    ("Sep 10, 1994\u00a0limited release", {}, day("1994-09-10", "limited release")),
    # IMDb release info page: several notes
    (
        "6 September 1948 (Westwood, California) (premiere)",
        {},
        day("1948-09-06", "Westwood, California; premiere"),
    ),
    # IMDb 2023 title page
    ("October 26, 1984 (United States)", {}, day("1984-10-26", "United States", "US")),
    ("May 26, 2005", {}, day("2005-05-26")),
    ("26 May 2005", {}, day("2005-05-26")),
    ("1 January 2020", {}, day("2020-01-01")),
    # Letterboxd diary and review headers
    ("JUN 5, 2017—", {}, day("2017-06-05")),
    ("APR 11, 2015", {}, day("2015-04-11")),
    ("Sep 10, 1994", {}, day("1994-09-10")),
    ("Sep 6 1948", {}, day("1948-09-06")),
    ("Sept. 6, 1948", {}, day("1948-09-06")),
    ("6th September 1948", {}, day("1948-09-06")),
    ("Monday, 6 September 1948", {}, day("1948-09-06")),
    # Wikipedia infobox: partial dates keep their precision
    ("September 1948", {}, PartialDate("1948-09", "month")),
    ("1948", {}, PartialDate("1948", "year")),
    ("2017–", {}, PartialDate("2017", "year")),
    # schema.org datePublished / uploadDate
    ("2020-07-30", {}, day("2020-07-30")),
    ("2020-07-30T12:00:00Z", {}, day("2020-07-30")),
    ("2020-07-30T12:00:00+02:00", {}, day("2020-07-30")),
    ("2020-07-30T23:59:59.123-05:00", {}, day("2020-07-30")),
    ("2020-07", {}, PartialDate("2020-07", "month")),
    # German and Hungarian numeric dates (day first when dotted, year first when it leads)
    ("05.08.1999", {}, day("1999-08-05")),
    ("5.8.1999", {}, day("1999-08-05")),
    ("2019.10.25.", {}, day("2019-10-25")),
    ("2019. 10. 25.", {}, day("2019-10-25")),
    ("2019/10/25", {}, day("2019-10-25")),
    # slashed dates: only when unambiguous or the caller says which comes first
    ("13/08/1999", {}, day("1999-08-13")),
    ("08/13/1999", {}, day("1999-08-13")),
    ("05/08/1999", {"day_first": True}, day("1999-08-05")),
    ("05/08/1999", {"day_first": False}, day("1999-05-08")),
    # relative dates on review pages, counted back from the crawl time
    ("2 days ago", {"reference": REFERENCE}, day("2024-03-29")),
    ("3 weeks ago", {"reference": REFERENCE}, day("2024-03-10")),
    ("yesterday", {"reference": REFERENCE}, day("2024-03-30")),
    ("today", {"reference": REFERENCE}, day("2024-03-31")),
    ("an hour ago", {"reference": REFERENCE}, day("2024-03-30")),
    ("a day ago", {"reference": REFERENCE.replace(tzinfo=UTC)}, day("2024-03-30")),
    ("2 months ago", {"reference": REFERENCE}, PartialDate("2024-01", "month")),
    ("1 year ago", {"reference": REFERENCE}, PartialDate("2023", "year")),
]

# Other languages and forms go to the dateparser fallback.
FALLBACK_CASES: list[tuple[str, dict[str, Any], PartialDate]] = [
    # German page
    ("12. Juli 1988", {"languages": ("de",)}, day("1988-07-12")),
    ("Juli 1988", {"languages": ("de",)}, PartialDate("1988-07", "month")),
    ("vor 2 Tagen", {"languages": ("de",), "reference": REFERENCE}, day("2024-03-29")),
    ("gestern", {"languages": ("de",), "reference": REFERENCE}, day("2024-03-30")),
    # Hungarian page
    ("2019. október 25.", {"languages": ("hu",)}, day("2019-10-25")),
    ("2019. október 25. (Magyarország)", {"languages": ("hu",)}, day("2019-10-25", "Magyarország", "HU")),
    ("tegnap", {"languages": ("de", "hu"), "reference": REFERENCE}, day("2024-03-30")),
]

REFUSED: list[tuple[str, dict[str, Any]]] = [
    ("", {}),
    ("TBA", {}),
    ("coming soon", {}),
    ("Coming Soon", {"reference": REFERENCE}),
    # dates that do not exist
    ("32 January 2020", {}),
    ("2020-13-01", {}),
    ("Feb 30, 2020", {}),
    ("29 February 2023", {}),
    # outside film history
    ("1869", {}),
    ("2101", {}),
    # relative dates need a reference time
    ("2 days ago", {}),
    ("yesterday", {}),
    ("vor 2 Tagen", {"languages": ("de",)}),
    # day and month could be either way round
    ("05/08/1999", {}),
    # the year is not written out: never filled in
    ("12. Juli", {"languages": ("de",)}),
    ("12.07.88", {}),
    ("6 September", {}),
    ("1600000000", {}),
]


@pytest.mark.parametrize(("raw", "kwargs", "expected"), FAST_CASES)
def test_parse_date_fast_forms(raw: str, kwargs: dict[str, Any], expected: PartialDate) -> None:
    assert parse_date(raw, **kwargs) == expected


@pytest.mark.parametrize(("raw", "kwargs", "expected"), FALLBACK_CASES)
def test_parse_date_other_languages(raw: str, kwargs: dict[str, Any], expected: PartialDate) -> None:
    assert parse_date(raw, **kwargs) == expected


@pytest.mark.parametrize(("raw", "kwargs"), REFUSED)
def test_parse_date_refuses(raw: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(NormalizeError) as caught:
        parse_date(raw, **kwargs)
    assert caught.value.kind == "date"
    assert raw in str(caught.value)


def test_fast_path_never_calls_dateparser() -> None:
    before = dateparser_calls()
    for raw, kwargs, _ in FAST_CASES:
        parse_date(raw, **kwargs)
    for raw in ("32 January 2020", "2020-13-01", "Feb 30, 2020", "1869", "05/08/1999", "2 days ago", "TBA", ""):
        with pytest.raises(NormalizeError):
            parse_date(raw)
    assert dateparser_calls() == before


def test_fallback_calls_are_counted() -> None:
    before = dateparser_calls()
    parse_date("12. Juli 1988", languages=("de",))
    assert dateparser_calls() == before + 1


def test_warm_up_prepares_without_counting() -> None:
    before = dateparser_calls()
    warm_up()
    warm_up(("de", "hu"))
    assert dateparser_calls() == before


def test_unknown_language_is_refused() -> None:
    with pytest.raises(NormalizeError):
        parse_date("12 Xyz 1988", languages=("zz-not-a-language",))


def test_importing_does_not_load_dateparser() -> None:
    root = Path(__file__).resolve().parents[2]
    code = "import sys, crawler.core.normalize; sys.exit('dateparser' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0
