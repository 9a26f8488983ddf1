from __future__ import annotations

import pytest

from crawler.core.normalize import Helpful, NormalizeError, helpful_from_votes, parse_helpful

CASES = [
    # IMDb user review (2017 layout)
    ("23 of 29 people found this review helpful", Helpful(yes=23, total=29)),
    ("\n  23 out of 29 found this helpful.\n", Helpful(yes=23, total=29)),
    ("1,234 of 2,000 people found this review helpful", Helpful(yes=1234, total=2000)),
    ("0 of 0 people found this review helpful", Helpful(yes=0, total=0)),
    # store page review
    ("12 of 12 customers found this useful", Helpful(yes=12, total=12)),
]

REFUSED = [
    "",
    "Helpful",
    "23 people found this helpful",
    "30 of 29 people found this review helpful",
    "Review 3 of 10: 23 of 29 people found this helpful",
]

VOTE_CASES = [
    # review APIs with separate up and down votes
    ((23, 6), Helpful(yes=23, total=29)),
    ((0, 0), Helpful(yes=0, total=0)),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_parse_helpful(raw: str, expected: Helpful) -> None:
    assert parse_helpful(raw) == expected


@pytest.mark.parametrize("raw", REFUSED)
def test_parse_helpful_refuses(raw: str) -> None:
    with pytest.raises(NormalizeError) as caught:
        parse_helpful(raw)
    assert caught.value.kind == "helpful count"
    assert raw in str(caught.value)


@pytest.mark.parametrize(("votes", "expected"), VOTE_CASES)
def test_helpful_from_votes(votes: tuple[int, int], expected: Helpful) -> None:
    assert helpful_from_votes(*votes) == expected


@pytest.mark.parametrize("votes", [(-1, 3), (3, -1), (True, 1)])
def test_helpful_from_votes_refuses(votes: tuple[int, int]) -> None:
    with pytest.raises(NormalizeError):
        helpful_from_votes(*votes)
