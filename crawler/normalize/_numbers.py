"""Digit-group reading shared by the count-like normalisers.

Pages group thousands with commas, dots, spaces, non-breaking spaces or
apostrophes depending on locale. A group separator is only believed when every
group after the first has exactly three digits (or the groups follow the Indian
lakh pattern), so "1.5" is never read as 15.
"""

from __future__ import annotations

import re

# No real count, amount or duration needs more digits; longer runs are noise
# (and int() refuses very long digit strings anyway).
MAX_DIGITS = 30

_SEPARATOR = re.compile(r"[ ,.'’]")
# Indian lakh/crore grouping: "50,00,000" is five million.
INDIAN_GROUPING = re.compile(r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}")


def grouped_int(token: str) -> int | None:
    """"21,464", "1 234", "21.464" or "398" as an int; ``None`` when the grouping is not thousands.

    Indian grouping ("1,00,000") is read too.
    """
    if INDIAN_GROUPING.fullmatch(token):
        return int(token.replace(",", ""))
    groups = _SEPARATOR.split(token)
    if not all(group.isascii() and group.isdigit() for group in groups):
        return None
    if sum(map(len, groups)) > MAX_DIGITS:
        return None
    if len(groups) > 1:
        separators = set(_SEPARATOR.findall(token))
        if len(separators) != 1 or not 1 <= len(groups[0]) <= 3:
            return None
        if any(len(group) != 3 for group in groups[1:]):
            return None
    return int("".join(groups))
