from __future__ import annotations

import pytest

from crawler.core.normalize import Awards, NormalizeError, parse_awards

# (text, wins, nominations, oscar_wins, oscar_nominations)
CASES = [
    # IMDb title page, older layout / OMDb: "Another" counts come on top of the headline
    ("Won 2 Oscars. Another 2 wins & 5 nominations.", 4, 5, 2, None),
    ("Nominated for 1 Oscar. Another 3 wins & 10 nominations.", 3, 11, None, 1),
    ("Won 1 Golden Globe. Another 5 wins & 3 nominations.", 6, 3, None, None),
    ("Nominated for 2 BAFTA Film Awards. Another 1 win.", 1, 2, None, None),
    ("Won 2 Oscars.", 2, None, 2, None),
    ("Won 1 Oscar", 1, None, 1, None),
    # no headline
    ("12 wins & 24 nominations.", 12, 24, None, None),
    ("1 win.", 1, None, None, None),
    ("3 nominations.", None, 3, None, None),
    ("1 win & 1 nomination", 1, 1, None, None),
    # IMDb title page, newer layout: counts are totals already
    ("Top rated movie #1 | Nominated for 7 Oscars. 21 wins & 43 nominations total", 21, 43, None, 7),
    ("Won 3 Oscars. 50 wins & 80 nominations total", 50, 80, 3, None),
    ("Awards\n  1 win & 3 nominations total", 1, 3, None, None),
]

REFUSED = [
    "",
    "N/A",
    "Awards",
    "Top rated movie #1",
    # neither "Another" nor "total": could be read both ways
    "Won 2 Oscars. 12 wins & 24 nominations.",
    "3 wins. 5 wins.",
]


@pytest.mark.parametrize(("raw", "wins", "nominations", "oscar_wins", "oscar_nominations"), CASES)
def test_parse_awards(
    raw: str, wins: int | None, nominations: int | None, oscar_wins: int | None, oscar_nominations: int | None
) -> None:
    found = parse_awards(raw)
    assert found == Awards(
        raw=found.raw, wins=wins, nominations=nominations, oscar_wins=oscar_wins, oscar_nominations=oscar_nominations
    )
    assert found.raw == " ".join(raw.split())


@pytest.mark.parametrize("raw", REFUSED)
def test_parse_awards_refuses(raw: str) -> None:
    with pytest.raises(NormalizeError) as caught:
        parse_awards(raw)
    assert caught.value.kind == "awards summary"
    assert raw in str(caught.value)
