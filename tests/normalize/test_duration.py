from __future__ import annotations

import pytest

from crawler.core.normalize import NormalizeError, parse_runtime, seconds_to_minutes

CASES = [
    # IMDb title page and technical specs
    ("133 min", 133),
    ("2h 13min", 133),
    ("2h 13m", 133),
    # Korean film pages (Naver, Watcha)
    ("133분", 133),
    ("2시간 13분", 133),
    ("2h", 120),
    ("USA:142 min", 142),
    ("142 min (director's cut)", 142),
    ("USA:142 min, France:138 min", 142),
    ("1 hour 53 minutes", 113),
    # schema.org duration (ISO 8601)
    ("PT2H13M", 133),
    ("PT133M", 133),
    ("PT1H", 60),
    ("PT2H13M30S", 134),
    ("P1DT2H", 1560),
    ("pt1h30m", 90),
    # Letterboxd footer
    ("133\u00a0mins", 133),
    ("105 mins", 105),
    # Rotten Tomatoes / Metacritic
    ("2h13m", 133),
    ("133min", 133),
    ("2 hr 13 min", 133),
    ("1 hr 53 min", 113),
    ("2 hours and 13 minutes", 133),
    # localised pages
    ("98 perc", 98),  # Hungarian
    ("1 óra 53 perc", 113),  # Hungarian
    ("142 Min.", 142),  # German
    ("2 Std. 13 Min.", 133),  # German
    ("1,5 Std.", 90),  # German decimal comma
    ("136 minut", 136),  # Czech / Polish
    ("2 godz. 13 min.", 133),  # Polish: the hours are not left out
    ("2 godziny 13 minut", 133),  # Polish
    ("2 hod. 13 min.", 133),  # Czech / Slovak
    ("2 часа 13 минут", 133),  # Russian
    ("2 tim 13 min", 133),  # Swedish
    ("2 timer 13 min", 133),  # Danish / Norwegian
    # hours and minutes joined by the language's "and": all of it, never the hours alone
    ("2 godziny i 13 minut", 133),  # Polish
    ("1 uur en 58 minuten", 118),  # Dutch
    ("1 time og 58 minutter", 118),  # Norwegian / Danish
    ("1 timme och 58 minuter", 118),  # Swedish
    ("2 часа и 13 минут", 133),  # Russian
    ("2 hodiny a 13 minut", 133),  # Czech / Slovak
    ("1 tunti ja 58 minuuttia", 118),  # Finnish
    ("2 Stunden und 13 Minuten", 133),  # German
    ("2 heures et 13 minutes", 133),  # French
    ("90'", 90),  # Italian listings
    # seconds with a unit, rounded to the nearest minute
    ("5770 seconds", 96),
    ("5770s", 96),
    ("1:53:00", 113),
    # long art films are allowed
    ("14400 min", 14400),
]

REFUSED = [
    "",
    "tbd",
    "2 hours-ish",
    # numbers without a unit are not guessed at
    "216",
    "2h 16",
    "2h 13",
    "2:13",
    # ranges
    "90-120 min",
    "90 to 120 min",
    # out of range
    "0 min",
    "PT0M",
    "20001 min",
    "2,500 min",
    "13 min 2 h",
    # an "and" before a number whose unit is not read: not the hours alone
    "2 hours and 13",
    "2 godziny i 13",
    "2 uur en 13",
    "PT",
]

SECONDS_CASES = [
    # API lengthSeconds fields
    ("5770", 96),
    (5770, 96),
    (" 5770 ", 96),
    (90, 2),
    (30, 1),
    (89, 1),
]

SECONDS_REFUSED = ["", "abc", "57.5", "-60", "0", "29", 0, -60, 10**30]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_parse_runtime(raw: str, expected: int) -> None:
    assert parse_runtime(raw) == expected


@pytest.mark.parametrize("raw", REFUSED)
def test_parse_runtime_refuses(raw: str) -> None:
    with pytest.raises(NormalizeError) as caught:
        parse_runtime(raw)
    assert caught.value.kind == "runtime"
    assert raw in str(caught.value)


@pytest.mark.parametrize(("raw", "expected"), SECONDS_CASES)
def test_seconds_to_minutes(raw: int | str, expected: int) -> None:
    assert seconds_to_minutes(raw) == expected


@pytest.mark.parametrize("raw", SECONDS_REFUSED)
def test_seconds_to_minutes_refuses(raw: int | str) -> None:
    with pytest.raises(NormalizeError):
        seconds_to_minutes(raw)
