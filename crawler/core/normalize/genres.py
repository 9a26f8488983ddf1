"""Genre lists.

Genres come as one string joined with commas or bars ("Drama, Music, Musical",
"Drama | Romance | War"); they become a clean list without repeats.
"""

from __future__ import annotations

import re

from .text import clean_text

_SEPARATORS = re.compile(r"[,|;·•]")


def split_genres(s: str) -> list[str]:
    """["Drama", "Music", "Musical"] from "Drama, Music, Musical"; repeats (any case) dropped, order kept."""
    genres: list[str] = []
    seen: set[str] = set()
    for part in _SEPARATORS.split(s):
        genre = clean_text(part)
        key = genre.casefold()
        if genre and key not in seen:
            seen.add(key)
            genres.append(genre)
    return genres
