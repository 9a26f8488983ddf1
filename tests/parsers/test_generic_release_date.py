"""The release date of a film page read by the generic readers: the date the page prints under a release-date label
is the release it means, with its country; schema.org's datePublished (the first showing of any kind: a festival
premiere, or a date wrongly given to the film by unscoped news-item markup) stands only where nothing is printed.
A date and a country are never taken from two different releases."""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector

from crawler.core.parsers import generic

URL = "https://films.example.org/film/harbour-lights"
JSON_LD = (
    '<script type="application/ld+json">{"@type": "Movie", "name": "Harbour Lights", '
    '"datePublished": "2011-09-02"}</script>'
)
MICRODATA_NEWS = (
    '<div itemscope itemtype="http://schema.org/Movie"><h1 itemprop="name">Harbour Lights</h1>'
    '<div class="news"><span itemprop="headline">Harbour Lights sequel announced</span>'
    '<span itemprop="datePublished">4 May 2015</span></div>{labels}</div>'
)
PRINTED = '<div class="details"><h4>Release Date:</h4> 16 September 2011 (UK)</div>'


def film_of(head: str, body: str) -> dict[str, Any]:
    sel = Selector(text=f"<html><head><title>Harbour Lights (2011)</title>{head}</head><body>{body}</body></html>")
    [film] = generic.parse(sel, url=URL, source="generic")
    return {key: value for key, value in film.items() if key.startswith("release")}


# (case, <head> markup, <body> markup, release fields)
CASES: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "printed date over json-ld datePublished",
        JSON_LD,
        PRINTED,
        {"release_date": "2011-09-16", "release_date_raw": "16 September 2011 (UK)", "release_country": "GB"},
    ),
    (
        "printed date over a news item's microdata datePublished",
        "",
        MICRODATA_NEWS.format(labels=PRINTED),
        {"release_date": "2011-09-16", "release_date_raw": "16 September 2011 (UK)", "release_country": "GB"},
    ),
    (
        "json-ld datePublished where nothing is printed",
        JSON_LD,
        "<p>A lighthouse keeper's last winter.</p>",
        {"release_date": "2011-09-02", "release_date_raw": "2011-09-02"},
    ),
    (
        "a printed date the normalisers refuse leaves the json-ld date with no country of its own",
        JSON_LD,
        '<div class="details"><h4>Release Date:</h4> coming soon (UK)</div>',
        {"release_date": "2011-09-02", "release_date_raw": "2011-09-02"},
    ),
]


@pytest.mark.parametrize(("case", "head", "body", "release"), CASES, ids=[c[0] for c in CASES])
def test_the_release_should_be_the_printed_one_with_its_own_country(
    case: str, head: str, body: str, release: dict[str, Any]
) -> None:
    assert film_of(head, body) == release
