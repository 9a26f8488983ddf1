"""The year of a schema.org film read by the generic readers: the page's headline year, from og:title or from the
<title> where it follows the film's name, over the year of its datePublished (one country's release)."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers import generic

JSON_LD = '<script type="application/ld+json">{"@type": "Movie", "name": "Tide Mill", "datePublished": "2019-03-01"}'


def year_of(head: str) -> int | None:
    sel = Selector(text=f"<html><head>{head}{JSON_LD}</script></head><body></body></html>")
    [film] = generic.parse(sel, url="https://reviews.example.net/movie/tide-mill", source="reviews")
    return film.get("year")


# (<head> markup, year)
CASES: list[tuple[str, int | None]] = [
    ('<meta property="og:title" content="Tide Mill (2018)"><title>Tide Mill</title>', 2018),
    ('<meta property="og:title" content="Tide Mill"><title>Tide Mill (2018) Reviews - Site</title>', 2018),
    ("<title>tide mill (2018) - Site</title>", 2018),
    # a year in the <title> that does not follow the film's name is another thing's
    ('<meta property="og:title" content="Tide Mill"><title>Tide Mill Reviews - Best of (2020)</title>', 2019),
    ('<meta property="og:title" content="Tide Mill"><title>Tide Mill Reviews - Site</title>', 2019),
]


@pytest.mark.parametrize(("head", "year"), CASES, ids=[c[0][-45:] for c in CASES])
def test_the_year_should_be_the_one_the_page_heads_the_film_with(head: str, year: int | None) -> None:
    assert year_of(head) == year
