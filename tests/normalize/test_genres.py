from __future__ import annotations

import pytest

from crawler.core.normalize import split_genres

CASES = [
    # IMDb title page
    ("Drama, Music, Musical", ["Drama", "Music", "Musical"]),
    # Letterboxd / store pages
    ("Drama | Romance | War", ["Drama", "Romance", "War"]),
    ("Comedy|Drama", ["Comedy", "Drama"]),
    # noise: repeats, empty parts, odd whitespace
    (" Drama ,drama, ,Music\u00a0Video ", ["Drama", "Music Video"]),
    ("Sci-Fi", ["Sci-Fi"]),
    ("", []),
    (" | , ", []),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_split_genres(raw: str, expected: list[str]) -> None:
    assert split_genres(raw) == expected
