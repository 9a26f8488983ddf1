"""Whitespace, credit notes and title suffixes.

Scraped text carries layout noise: non-breaking and zero-width spaces, newlines
from the markup, composed and decomposed accents. Comparing or storing such text
needs one canonical form, and a few small textual conventions of film pages
("(as ...)" credit notes, "Title (1948)") need undoing before the text is used.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import NormalizeError

# Invisible characters that only mark break opportunities or byte order. They
# are removed, not turned into spaces: "Red\u200bShoes" renders as "RedShoes".
# ZWJ/ZWNJ are kept because they change how some scripts and emoji render.
_INVISIBLE_CHARACTERS = "\u200b\u2060\ufeff\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARACTERS), None)
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")

_AS_NOTE = re.compile(r"\(\s*(?:credited\s+)?as\s+([^()]*?)\s*\)", re.IGNORECASE)
_AS_BARE = re.compile(r"^\(?\s*(?:credited\s+)?as\s+([^()]+?)\s*(?:\)|\(.*)?$", re.IGNORECASE)

_MIN_YEAR = 1870
_MAX_YEAR = 2100
_ROMAN = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII|XVIII|XIX|XX)"
_KINDS = (
    r"TV\s+Movie|TV\s+Series|TV\s+Mini[\s-]Series|TV\s+Special|TV\s+Short|TV\s+Episode"
    r"|Video\s+Game|Video|Short|Podcast\s+Series|Music\s+Video"
)
_YEAR_NOTE = re.compile(
    r"\s*\(\s*"
    rf"(?:(?:{_KINDS})\s+)?"
    r"(?P<year>[0-9]{4})"
    rf"(?:\s*/\s*{_ROMAN})?"
    r"(?:\s*[-–—]\s*(?:[0-9]{4})?)?"
    r"(?:\s+(?:[A-Z][\w-]*\s+)?film)?"
    # Japanese sites' production note: "(1948年製作の映画)", "film made in 1948" (never "(1950年公開)", a release).
    r"(?:年製作(?:の(?:映画|作品|アニメ|ドラマ))?)?"
    r"\s*\)\s*$",
    re.IGNORECASE,
)
_ROMAN_NOTE = re.compile(rf"\s*\(\s*{_ROMAN}\s*\)\s*$")
_FILM_NOTE = re.compile(r"\s*\(\s*film\s*\)\s*$", re.IGNORECASE)


def clean_text(s: str) -> str:
    """One line of text: NFC, invisible characters dropped, whitespace runs as one space."""
    # Most text is ASCII, which holds no invisible character and is its own NFC: what is left to do is the
    # whitespace (the reader cleans every paragraph and line of a page, and translate() reads each character).
    if not s.isascii():
        if any(invisible in s for invisible in _INVISIBLE_CHARACTERS):
            s = s.translate(_INVISIBLE)
        s = unicodedata.normalize("NFC", s)
    return " ".join(s.split())


def clean_multiline(s: str) -> str:
    """Like :func:`clean_text`, but blank lines survive as paragraph breaks ("\\n\\n")."""
    text = _LINE_BREAKS.sub("\n", s.translate(_INVISIBLE))
    paragraphs = (clean_text(part) for part in _PARAGRAPH_BREAK.split(text))
    return "\n\n".join(part for part in paragraphs if part)


def parse_credited_as(s: str) -> str:
    """The name from a credit note: "(as Leonide Massine)" or "as Ludmilla Tcherina"."""
    text = clean_text(s)
    match = _AS_NOTE.search(text) or _AS_BARE.match(text)
    name = match.group(1).strip(" ,;:") if match else ""
    if not name or "(" in name or ")" in name:
        raise NormalizeError("credit note", s, 'no "as ..." note')
    return name


def strip_year_suffix(title: str) -> tuple[str, int | None]:
    """Split a trailing year note off a title: "The Red Shoes (1948)" -> ("The Red Shoes", 1948).

    Understands "(1997 film)", "(TV Movie 2007)", "(Video 2003)", "(2004/I)" and
    IMDb's "(I) (2004)" disambiguation. Without such a note the cleaned title
    comes back with ``None``. This never raises: a title that would be empty
    after stripping (a film called "(1948)") is returned as it is.
    """
    text = clean_text(title)
    match = _YEAR_NOTE.search(text)
    if match is None:
        rest = _FILM_NOTE.sub("", text)
        return (rest, None) if rest else (text, None)
    year = int(match.group("year"))
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return text, None
    rest = _ROMAN_NOTE.sub("", text[: match.start()])
    if not rest:
        return text, None
    if len(rest) > 2 and rest[0] == rest[-1] == '"' and '"' not in rest[1:-1]:
        rest = rest[1:-1].strip() or rest  # IMDb quotes a series' title before its year: '"Cheers" (1982)'
    return rest, year
