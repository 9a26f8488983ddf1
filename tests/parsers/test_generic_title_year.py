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


def titles_of(body: str) -> tuple[object, object]:
    data = '{"@type": "Movie", "name": "Melin Lanw", "alternateName": "Tide Mill"}'
    sel = Selector(
        text=f'<html><head><script type="application/ld+json">{data}</script></head><body>{body}</body></html>'
    )
    [film] = generic.parse(sel, url="https://reviews.example.net/movie/tide-mill", source="reviews")
    return film.get("title"), film.get("original_title")


# (the page's body, the title and original title read beside a JSON-LD name and alternateName)
ALTERNATE_CASES: list[tuple[str, tuple[object, object]]] = [
    # the heading prints the alternate name: the page's title, the name being the original one
    ("<h1>Tide Mill</h1>", ("Tide Mill", "Melin Lanw")),
    ("<h1>Tide Mill <span>(2019)</span></h1>", ("Tide Mill", "Melin Lanw")),
    # the heading prints the name, or nothing: the alternate name may be any other title, none is guessed
    ("<h1>Melin Lanw</h1>", ("Melin Lanw", None)),
    ("<p>Tide Mill</p>", ("Melin Lanw", None)),
]


@pytest.mark.parametrize(("body", "titles"), ALTERNATE_CASES, ids=[c[0] for c in ALTERNATE_CASES])
def test_an_alternate_name_should_be_the_title_only_where_the_heading_prints_it(
    body: str, titles: tuple[object, object]
) -> None:
    assert titles_of(body) == titles


def labelled_page_title(head: str, body: str) -> object:
    sel = Selector(
        text=f"<html><head>{head}</head><body>{body}<p>Runtime: 133 min</p><p>Director: Ann Vale</p></body></html>"
    )
    [film] = generic.parse(sel, url="https://films.example.net/film/12", source="films")
    return film.get("title")


# (<head>, <body> before the facts, title): og:title repeating the <title> gives way to the <h1> it names first
HEADING_CASES: list[tuple[str, str, str]] = [
    (
        '<meta property="og:title" content="赤い靴 : 作品情報 - Site"><title>赤い靴 : 作品情報 - Site</title>',
        "<h1>赤い靴</h1>",
        "赤い靴",
    ),
    (
        '<meta property="og:title" content="Tide Mill｜Site"><title>Tide Mill｜Site</title>',
        "<h1>Tide Mill</h1>",
        "Tide Mill",
    ),
    # og:title of its own, or an <h1> that is the site's logo, changes nothing
    (
        '<meta property="og:title" content="Tide Mill Review"><title>Tide Mill - Site</title>',
        "<h1>Tide Mill</h1>",
        "Tide Mill Review",
    ),
    (
        '<meta property="og:title" content="Site | Tide Mill"><title>Site | Tide Mill</title>',
        '<h1><a href="/">Site</a></h1>',
        "Site | Tide Mill",
    ),
]


@pytest.mark.parametrize(("head", "body", "title"), HEADING_CASES, ids=[c[2] for c in HEADING_CASES])
def test_a_heading_named_first_by_a_repeated_title_should_be_the_title(head: str, body: str, title: str) -> None:
    assert labelled_page_title(head, body) == title


# (schema.org type of the page's item, the printed release line, the year read)
PRINTED_RELEASES: list[tuple[str, str, int | None]] = [
    # a series' year is its first showing
    ("TVSeries", "<dt>Aired:</dt><dd>Apr 6, 2024 to ?</dd>", 2024),
    # a film's printed date may be a re-release's or a streaming release's: never its year
    ("Movie", "<dt>Release Date (Streaming)</dt><dd>Jan 12, 2016</dd>", None),
    ("Movie", "<dt>Release date:</dt><dd>Jul 22, 1949</dd>", None),
]


@pytest.mark.parametrize(("kind", "printed", "year"), PRINTED_RELEASES, ids=[c[1][4:30] for c in PRINTED_RELEASES])
def test_a_printed_release_should_give_a_series_year_but_never_a_films(
    kind: str, printed: str, year: int | None
) -> None:
    data = f'{{"@type": "{kind}", "name": "Tide Mill"}}'
    sel = Selector(
        text=f'<html><head><script type="application/ld+json">{data}</script></head><body><dl>{printed}</dl></body></html>'
    )
    [film] = generic.parse(sel, url="https://reviews.example.net/title/tide-mill", source="reviews")
    assert film.get("year") == year
    assert film.get("release_date") is not None
