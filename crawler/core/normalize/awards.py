"""Award summary lines ("Won 2 Oscars. Another 2 wins & 5 nominations.").

IMDb and OMDb summarise awards in a few fixed phrasings. Two are in use:

* the older "Won 2 Oscars. Another 2 wins & 5 nominations.", where the
  "Another" counts come on top of the headline, and
* the newer "Nominated for 7 Oscars. 21 wins & 43 nominations total", where the
  counts already include it.

``wins`` and ``nominations`` are always totals over all awards: for the older
phrasing the headline is added ("Won 2 Oscars. Another 2 wins" -> 4 wins). As on
IMDb, nominations count only nominations that did not end in a win, so Oscar
wins are not added to ``nominations``. A count the text does not give stays
``None`` ("Won 2 Oscars." says nothing about nominations). Counts next to a
headline with neither "Another" nor "total" could be read both ways and are
refused.
"""

from __future__ import annotations

import re

from schemas.film import Awards

from .errors import NormalizeError
from .text import clean_text

_KIND = "awards summary"
_MAX_LEN = 1000
_N = r"(?<![0-9,.])[0-9]{1,6}(?![0-9])"

_HEADLINE = re.compile(
    rf"(?P<verb>won|nominated\s+for)\s+(?P<n>{_N})\s+(?P<award>[^.|0-9]+?)\s*(?=[.|]|$)",
    re.IGNORECASE,
)
_OSCAR = re.compile(r"oscars?|academy\s+awards?", re.IGNORECASE)
_COUNTS = re.compile(
    r"(?:(?P<another>another)\s+)?"
    rf"(?:(?P<wins>{_N})\s+wins?(?:\s*(?:&|and)\s*(?P<noms>{_N})\s+nominations?)?"
    rf"|(?P<only_noms>{_N})\s+nominations?)"
    r"(?P<total>\s+total)?(?![^\W\d_])",
    re.IGNORECASE,
)


def _add(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def parse_awards(s: str) -> Awards:
    """Counts from "Won 2 Oscars. Another 2 wins & 5 nominations.", "12 wins & 24 nominations.", ..."""
    text = clean_text(s)
    if len(text) > _MAX_LEN:
        raise NormalizeError(_KIND, s, "text too long")
    oscar_wins: int | None = None
    oscar_noms: int | None = None
    head_wins: int | None = None
    head_noms: int | None = None
    for headline in _HEADLINE.finditer(text):
        n = int(headline.group("n"))
        won = headline.group("verb").lower() == "won"
        if _OSCAR.fullmatch(headline.group("award")):
            if (oscar_wins if won else oscar_noms) is not None:
                raise NormalizeError(_KIND, s, "Oscars counted twice")
            if won:
                oscar_wins = n
            else:
                oscar_noms = n
        if won:
            head_wins = _add(head_wins, n)
        else:
            head_noms = _add(head_noms, n)
    rest = _HEADLINE.sub(" ", text)
    counts = list(_COUNTS.finditer(rest))
    if len(counts) > 1:
        raise NormalizeError(_KIND, s, "several win/nomination counts")
    if not counts and head_wins is None and head_noms is None:
        raise NormalizeError(_KIND, s, "no award counts")
    wins, noms = head_wins, head_noms
    if counts:
        found = counts[0]
        more_wins = int(found.group("wins")) if found.group("wins") else None
        more_noms_text = found.group("noms") or found.group("only_noms")
        more_noms = int(more_noms_text) if more_noms_text else None
        has_headline = head_wins is not None or head_noms is not None
        if found.group("total"):
            wins, noms = more_wins, more_noms
        elif found.group("another") or not has_headline:
            wins, noms = _add(head_wins, more_wins), _add(head_noms, more_noms)
        else:
            raise NormalizeError(_KIND, s, 'counts next to a headline need "Another" or "total"')
    return Awards.model_construct(
        raw=text, wins=wins, nominations=noms, oscar_wins=oscar_wins, oscar_nominations=oscar_noms
    )
