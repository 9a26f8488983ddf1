"""Listing rows: what every IMDb listing reader yields, and the text readers they share.

A reader turns one source of a listing page (a layout's markup, the page data, JSON-LD) into `Row`s in page
order. Rows of several sources are merged by title id in `listings.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from crawler.core.normalize import clean_text, parse_count, parse_rating, whole_number

from ..fields import or_none
from ..schemaorg import number
from ..structured import dig

IMDB_BEST = 10
IMDB_WORST = 1

_YEAR_IN_PARENS = re.compile(r"\((?:[IVXLC]+\)\s*\()?(\d{4})(?:[–\-/\s][^)]*)?\)")
_LEADING_YEAR = re.compile(r"^\s*(\d{4})(?!\d)")
_RANK_PREFIX = re.compile(r"^\s*(\d{1,6})\.\s+(\S.*)$", re.S)
_BASED_ON = re.compile(r"\sbased? on\s", re.IGNORECASE)
_PLAIN_COUNT = re.compile(r"^[\s(]*\d{1,3}(?:[.,\s\u00a0\u202f]\d{3})*[\s)]*$|^[\s(]*\d+[\s)]*$")


@dataclass
class Row:
    """One entry as one source states it; None where that source does not say."""

    tt: str
    title: str | None = None
    year: int | None = None
    rank: int | None = None
    rating_value: Decimal | None = None
    rating_count: int | None = None


def text(value: str | None) -> str | None:
    cleaned = clean_text(value) if value else ""
    return cleaned or None


def joined(parts: list[str]) -> str | None:
    return text(" ".join(parts))


def year_in_parens(value: str | None) -> int | None:
    """The year of "(1948)", "(I) (2015)", "(2011– )" or "(2015 TV Movie)"; None when none is printed."""
    match = _YEAR_IN_PARENS.search(value or "")
    return int(match.group(1)) if match else None


def leading_year(value: str | None) -> int | None:
    """The start year of "1948", "2023–" or "2022–2025"."""
    match = _LEADING_YEAR.match(value or "")
    return int(match.group(1)) if match else None


def split_rank(value: str | None) -> tuple[int | None, str | None]:
    """("1. The Red Shoes") -> (1, "The Red Shoes"); a title without a rank prefix comes back unchanged."""
    cleaned = text(value)
    match = _RANK_PREFIX.match(cleaned or "")
    if not match:
        return None, cleaned
    return int(match.group(1)), match.group(2)


def has_rank_prefix(value: str | None) -> bool:
    return bool(_RANK_PREFIX.match(text(value) or ""))


def rank_number(value: str | None) -> int | None:
    """The rank of "1." or "12"."""
    cleaned = (text(value) or "").rstrip(".")
    return whole_number(cleaned)


def rating_value(value: str | None) -> Decimal | None:
    """An IMDb star rating as printed ("8.1", "8,1"); None when absent or off the 1-10 scale."""
    cleaned = text(value)
    if not cleaned:
        return None
    rating = or_none(parse_rating, cleaned, best=IMDB_BEST, worst=IMDB_WORST)
    return rating.value if rating else None


def exact_count(value: str | None) -> int | None:
    """A vote count printed in full ("38,216", "(646.623)"); None for abbreviated ones ("2.8M")."""
    cleaned = text(value)
    if not cleaned or not _PLAIN_COUNT.match(cleaned):
        return None
    return or_none(parse_count, cleaned)


def count_in_phrase(value: str | None) -> int | None:
    """The vote count of "9.2 based on 1,646,089 user ratings"."""
    cleaned = text(value)
    if not cleaned:
        return None
    parts = _BASED_ON.split(cleaned, maxsplit=1)
    if len(parts) != 2:
        return None
    return or_none(parse_count, parts[1])


def data_text(value: Any) -> str | None:
    """A string of page data that is either plain or wrapped as {"text": ...}."""
    if isinstance(value, dict):
        value = value.get("text")
    return text(value) if isinstance(value, str) else None


def data_year(value: Any) -> int | None:
    """A year of page data: 1948, "1948", {"year": 1948} or a printed range "2023–"."""
    if isinstance(value, dict):
        value = value.get("year")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return leading_year(value)
    return None


def data_count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if value >= 0 else None


def data_rating(summary: Any) -> tuple[Decimal | None, int | None]:
    """(value, count) of page data's {"aggregateRating": 9.3, "voteCount": 2836665}."""
    value = number(dig(summary, "aggregateRating"))
    if value is not None and not IMDB_WORST <= value <= IMDB_BEST:
        value = None
    return value, data_count(dig(summary, "voteCount"))
