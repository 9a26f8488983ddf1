"""The film's year among printed labels (crawler.core.parsers.generic.labels): the year a film was made before
the year it was released in the page's country, which for a foreign film comes later ("製作年：1948年" before
"公開年：1950年", "Produktionsjahr" before "Erscheinungsjahr"); Japan's release year is a release, not a year."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers.generic.labels import read_labels

# (the page's labelled lines, the year read and the release date read)
YEARS: list[tuple[str, int | None, str | None]] = [
    ("<p>公開年：1950年<br>製作年：1948年<br>上映時間：133分</p>", 1948, "1950"),
    ("<dl><dt>公開年</dt><dd>1950年</dd><dt>製作年</dt><dd>1948年</dd></dl>", 1948, "1950"),
    # printed alone, Japan's release year is a release date, not the film's year
    ("<p>公開年：1950年<br>上映時間：133分</p>", None, "1950"),
    ("<p>Year of release: 1950<br>Production year: 1948</p>", 1948, None),
    ("<p>Erscheinungsjahr: 1950<br>Produktionsjahr: 1948</p>", 1948, None),
    # a release year printed alone stays the year where the page's language gives it as one
    ("<p>Year of release: 1950<br>Runtime: 133 min</p>", 1950, None),
]


@pytest.mark.parametrize(("lines", "year", "release"), YEARS)
def test_the_year_a_film_was_made_should_come_before_a_release_year(
    lines: str, year: int | None, release: str | None
) -> None:
    facts = read_labels(Selector(text=f"<html><body><main><h1>赤い靴</h1>{lines}</main></body></html>"))
    assert (facts.fields.get("year"), facts.fields.get("release_date")) == (year, release)
