"""Old-style film pages of sites without a parser of their own: no JSON-LD, no OpenGraph film type, only a
heading and printed "Label: value" facts in <b>, <strong> or table markup. The generic reader gives the film the
heading names, its year from the printed release date; pages that are not about one film (a news list whose one
item prints a film's facts, an actor's biography) give none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from crawler.core.extraction import extract, selector_for
from crawler.core.parsers.errors import PageError
from tests.fixture_cases import load_page

SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def records_of(body: bytes, url: str) -> list[dict[str, Any]]:
    return extract(selector_for(body), url=url, site="generic", scraped_at=SCRAPED_AT).records


@dataclass(frozen=True)
class LabelPage:
    page: str
    url: str
    title: str
    year: int
    directors: list[str]

    @property
    def id(self) -> str:
        return self.page.rsplit("/", 1)[-1].removesuffix(".html")


LABEL_PAGES = [
    # 2008 movie-news summary: <h1> title, <b>Label:</b> value<br> lines; the year from "Release Date:"
    LabelPage(
        "generic/film/movie-news-summary-2008-bold-labels.html",
        "http://www.reelwire.example/movies/red-shoes/summary.html",
        "The Red Shoes",
        1948,
        ["Michael Powell", "Emeric Pressburger"],
    ),
    # 2009 archive: no <h1>; the <title>'s first piece "Peeping Tom (1960)" names it; a two-column label table
    LabelPage(
        "generic/film/film-archive-2009-label-table.html",
        "http://www.cinevault.example/films/peeping-tom-1960.html",
        "Peeping Tom",
        1960,
        ["Michael Powell"],
    ),
    # 2010 cinema listing: <p><strong>Label:</strong> value</p> facts and one line of synopsis: a film, not a
    # review article
    LabelPage(
        "generic/film/picture-house-2010-strong-paragraphs.html",
        "https://www.bijou.example/films/black-narcissus/",
        "Black Narcissus",
        1947,
        ["Michael Powell", "Emeric Pressburger"],
    ),
]


@pytest.mark.parametrize("case", LABEL_PAGES, ids=[c.id for c in LABEL_PAGES])
def test_label_only_page_should_give_the_film_its_heading_names(case: LabelPage) -> None:
    (film,) = records_of(load_page(case.page), case.url)
    assert film["type"] == "film" and film["extraction"]["parser"] == "generic"
    assert (film["title"], film["year"]) == (case.title, case.year)
    assert [person["name"] for person in film["directors"]] == case.directors


def test_a_heading_the_page_title_names_should_title_the_film_on_a_page_without_h1() -> None:
    body = load_page("generic/film/film-archive-2009-label-table.html").replace(
        b"<title>Peeping Tom (1960) :: Film Archive :: CineVault</title>",
        b"<title>CineVault :: Film Archive :: Peeping Tom</title>",
    )
    (film,) = records_of(body, "http://www.cinevault.example/films/peeping-tom-1960.html")
    assert (film["title"], film["year"]) == ("Peeping Tom", 1960)


def test_the_heading_over_the_facts_should_title_the_film_not_the_sites_name_heading() -> None:
    # A site-name <h1> in the page header, the film's <h2> over its facts, the <title> sorting its article last.
    body = (
        load_page("generic/film/movie-news-summary-2008-bold-labels.html")
        .replace(
            b'<a href="/"><img src="/img/logo.gif" alt="ReelWire Movie News" /></a>',
            b'<h1 class="logo"><a href="/">ReelWire Movie News</a></h1>',
        )
        .replace(b"<h1>The Red Shoes</h1>", b'<h2 class="movietitle">The Red Shoes</h2>')
    )
    (film,) = records_of(body, "http://www.reelwire.example/movies/red-shoes/summary.html")
    assert (film["title"], film["year"]) == ("The Red Shoes", 1948)


@pytest.mark.parametrize(
    ("page_title", "section"),
    [
        # a section heading over the facts is no item's headline: the page keeps its film
        (b"Red Shoes, The - Movie Summary - ReelWire Movie News", b"Movie Details"),
        # a section the <title> names in its middle piece does not title the film
        (b"The Red Shoes - Cast &amp; Crew - ReelWire", b"Cast &amp; Crew"),
    ],
)
def test_a_section_heading_over_the_facts_should_neither_title_nor_refuse_the_film(
    page_title: bytes, section: bytes
) -> None:
    body = (
        load_page("generic/film/movie-news-summary-2008-bold-labels.html")
        .replace(b"Red Shoes, The - Movie Summary - ReelWire Movie News", page_title)
        .replace(b"<b>Release Date:</b>", b"<h3>" + section + b"</h3>\n<b>Release Date:</b>")
    )
    (film,) = records_of(body, "http://www.reelwire.example/movies/red-shoes/summary.html")
    assert (film["title"], film["year"]) == ("The Red Shoes", 1948)


@pytest.mark.parametrize("qualifier", ["(re-release)", "(DVD)", "(50th anniversary restoration)"])
def test_a_later_release_date_should_not_give_the_year(qualifier: str) -> None:
    body = load_page("generic/film/movie-news-summary-2008-bold-labels.html").replace(
        b"September 6, 1948<br />", f"June 12, 2009 {qualifier}<br />".encode()
    )
    (film,) = records_of(body, "http://www.reelwire.example/movies/red-shoes/summary.html")
    assert film["title"] == "The Red Shoes" and film.get("year") is None


@pytest.mark.parametrize("name", ["movie-news-list-2008.html", "actor-biography-2009.html"])
def test_a_page_not_about_one_film_should_give_no_film(name: str) -> None:
    # The news list prints "Release Date:" and "Directed by:" under one item's own heading.
    with pytest.raises(PageError):
        records_of(load_page(f"generic/not_film/{name}"), f"http://www.reelwire.example/{name}")


_FACTS = "<p><b>Runtime:</b> 52 min</p><p><b>Genre:</b> Drama</p><p><b>Country:</b> UK</p>"
EPISODE_HEADINGS = [
    # (the page's <h1>, the title and year read)
    ('"The Lantern Keepers" The Fog Bell <span>(<a href="/year/2014/">2014</a>)</span>', ("The Fog Bell", 2014)),
    ('"The Lantern Keepers" <span><em>The Fog Bell</em> (2014)</span>', ("The Fog Bell", 2014)),
    # the series' own page: its title unquoted
    ('"The Lantern Keepers" <span>(<a href="/year/2014/">2014</a>)</span>', ("The Lantern Keepers", 2014)),
    # a title that only opens with a quotation is no series heading
    ("The Lantern Keepers <span>(2014)</span>", ("The Lantern Keepers", 2014)),
]


@pytest.mark.parametrize(("heading", "read"), EPISODE_HEADINGS, ids=[c[0][:40] for c in EPISODE_HEADINGS])
def test_a_heading_naming_a_quoted_series_before_the_episode_should_title_the_episode(
    heading: str, read: tuple[str, int]
) -> None:
    body = f"<html><head><title>tt9910012</title></head><body><h1>{heading}</h1>{_FACTS}</body></html>"
    (film,) = records_of(body.encode(), "http://tv.example/title/tt9910012/")
    assert (film["title"], film["year"]) == read
