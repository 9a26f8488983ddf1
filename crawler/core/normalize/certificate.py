"""Age certificates ("PG-13", "UK:12A", "FSK 16", "Not Rated").

Certificates are shown in many spellings ("pg13", "Rated PG-13 for violence",
"USA:R", "TV-MA"). The label as shown, without a country prefix, "Rated" or a
"for ..." reason, is kept as ``code``; ``normalized`` is the
board's canonical label when the code is known for the country, else ``None``.
Plausible but unknown labels ("Nevhodný mládeži do 15 let", "16+") are kept with
``normalized=None`` rather than refused, since they are still useful to show.

Choices: "Not Rated", "NR" and Google's "nrFamilyFriendly" normalise to "NR";
"Unrated" stays distinct as "UNRATED" (cuts released without a rating). Bare age
numbers ("15", "16") and "U" only normalise when the country is known, because
boards reuse them with different meanings; German ages normalise to the number
("FSK 16" -> "16", country "DE").
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping

from schemas.film import Certificate

from .country import country_code
from .errors import NormalizeError
from .text import clean_text

_KIND = "certificate"
_MAX_LEN = 80

_COMMON: Mapping[str, str] = {"NR": "NR", "NOTRATED": "NR", "NRFAMILYFRIENDLY": "NR", "UNRATED": "UNRATED"}
# Codes that only one rating system uses, so they need no country.
_DISTINCT: Mapping[str, str] = {
    "PG13": "PG-13",
    "NC17": "NC-17",
    "PASSED": "PASSED",
    "APPROVED": "APPROVED",
    "TVMA": "TV-MA",
    "TV14": "TV-14",
    "TVPG": "TV-PG",
    "TVG": "TV-G",
    "TVY": "TV-Y",
    "TVY7": "TV-Y7",
    "TVY7FV": "TV-Y7-FV",
    "12A": "12A",
    "14A": "14A",
    "18A": "18A",
}
_BY_COUNTRY: Mapping[str, Mapping[str, str]] = {
    "US": {"G": "G", "PG": "PG", "R": "R", "X": "X", "M": "M", "GP": "GP"},
    "GB": {
        "U": "U",
        "UC": "UC",
        "PG": "PG",
        "12": "12",
        "15": "15",
        "18": "18",
        "R18": "R18",
        "X": "X",
        "A": "A",
        "AA": "AA",
        "H": "H",
    },
    "CA": {"G": "G", "PG": "PG", "R": "R", "A": "A", "E": "E", "13+": "13+", "16+": "16+", "18+": "18+"},
}
# Pages without a country mostly follow the US (MPA) system.
_NO_COUNTRY = "US"
_GERMAN_AGE = re.compile(
    r"(?:fsk\s*)?(?:(?:freigegeben\s+)?ab\s*)?(?P<age>0|6|12|16|18)(?:\s*(?:jahren|j\.?))?|o\.\s*al\.?",
    re.IGNORECASE,
)
_BOARDS = {"fsk": "DE", "bbfc": "GB", "mpaa": "US", "mpa": "US"}
_BOARD = re.compile(r"(?P<board>fsk|bbfc|mpaa|mpa)(?![^\W\d_])\s*(?:rating\s*)?:?\s*(?P<rest>.*)", re.IGNORECASE)
_LABELS = {"rated", "rating", "certificate", "certification", "age rating", "content rating", "mpaa rating"}
_PREFIX = re.compile(r"(?P<prefix>[^:]{1,40}?)\s*:\s*(?P<body>.*)")
_RATED = re.compile(r"rated\s+(?P<code>\S+)(?:\s+for\b.*)?", re.IGNORECASE)
_MARKUP = re.compile(r"[<>{}]|&#?\w+;")
_COMPACT = re.compile(r"[\s\-_./]")


def _normalized(code: str, country: str | None) -> str | None:
    key = _COMPACT.sub("", code).upper()
    if key in _COMMON:
        return _COMMON[key]
    if key in _DISTINCT:
        return _DISTINCT[key]
    if country == "DE":
        match = _GERMAN_AGE.fullmatch(code)
        return (match.group("age") or "0") if match else None
    return _BY_COUNTRY.get(country or _NO_COUNTRY, {}).get(key)


def _given_country(country: str | None, s: str) -> str | None:
    if country is None:
        return None
    try:
        return country_code(country)
    except NormalizeError as error:
        raise NormalizeError(_KIND, s, f"unknown country {country!r}") from error


def parse_certificate(s: str, *, country: str | None = None) -> Certificate:
    """A :class:`Certificate` from "PG-13", "Rated R", "UK:12A", "FSK 16", "Not Rated", ...

    ``country`` (a name or code) is where the page applies; a country stated in
    the text ("UK:12A", "FSK 16") takes precedence.
    """
    text = clean_text(s)
    if len(text) > 2 and text[0] == "(" and text[-1] == ")" and "(" not in text[1:-1]:
        text = text[1:-1].strip()  # printed in brackets beside a title: "(PG-13)"
    if not text:
        raise NormalizeError(_KIND, s, "empty")
    if len(text) > _MAX_LEN:
        raise NormalizeError(_KIND, s, "too long for a certificate")
    if _MARKUP.search(text):
        raise NormalizeError(_KIND, s, "looks like markup")
    if "|" in text:
        raise NormalizeError(_KIND, s, "a list of certificates, not one")  # "Canada:PG | UK:12A"
    where = _given_country(country, s)
    body = text
    prefixed = _PREFIX.fullmatch(text)
    if prefixed is not None:
        prefix = prefixed.group("prefix")
        if prefix.casefold() in _LABELS:
            body = prefixed.group("body")
        else:
            with contextlib.suppress(NormalizeError):
                where, body = country_code(prefix), prefixed.group("body")
    rated = _RATED.fullmatch(body)
    if rated is not None:
        body = rated.group("code")
    body = body.strip()
    if not body:
        raise NormalizeError(_KIND, s, "no certificate after the prefix")
    label = body
    board = _BOARD.fullmatch(body)
    if board is not None and board.group("rest"):
        where = _BOARDS[board.group("board").lower()]
        if where != "DE":
            label = board.group("rest")
    return Certificate.model_construct(code=body, normalized=_normalized(label, where), country=where)
