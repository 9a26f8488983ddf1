"""Review helpfulness votes.

Sites report "23 of 29 people found this review helpful" or separate up/down
vote counts; both become ``yes`` out of ``total``.
"""

from __future__ import annotations

import re

from schemas.review import Helpful

from ._numbers import grouped_int
from .errors import NormalizeError
from .text import clean_text

_KIND = "helpful count"
_MAX_LEN = 500
_NUMBER = r"[0-9]+(?:[ ,.'’][0-9]{3})*"
_OF = re.compile(
    rf"(?<![0-9.,\-−])(?P<yes>{_NUMBER})\s+(?:out\s+)?of\s+(?:the\s+)?(?P<total>{_NUMBER})(?![0-9])",
    re.IGNORECASE,
)


def parse_helpful(s: str) -> Helpful:
    """Votes from "23 of 29 people found this review helpful" or "23 out of 29 found this helpful"."""
    text = clean_text(s)
    if len(text) > _MAX_LEN:
        raise NormalizeError(_KIND, s, "text too long")
    matches = list(_OF.finditer(text))
    if not matches:
        raise NormalizeError(_KIND, s, 'no "N of M" votes')
    if len(matches) > 1:
        raise NormalizeError(_KIND, s, "several vote counts")
    yes, total = grouped_int(matches[0].group("yes")), grouped_int(matches[0].group("total"))
    if yes is None or total is None:
        raise NormalizeError(_KIND, s, "numbers not grouped in thousands")
    if yes > total:
        raise NormalizeError(_KIND, s, "more helpful votes than votes")
    return Helpful.model_construct(yes=yes, total=total)


def _show(value: object) -> str:
    if isinstance(value, int) and value.bit_length() > 256:
        return "a very large number"
    return repr(value)[:80]


def helpful_from_votes(up: int, down: int) -> Helpful:
    """Votes from separate counts: ``up`` helpful and ``down`` not helpful."""
    for count in (up, down):
        if isinstance(count, bool) or not isinstance(count, int):
            raise NormalizeError(_KIND, f"{_show(up)}/{_show(down)}", "vote counts must be ints")
        if count < 0:
            raise NormalizeError(_KIND, f"{_show(up)}/{_show(down)}", "negative vote count")
    return Helpful.model_construct(yes=up, total=up + down)
