"""A film's releases read from the one release list a page prints (crawler.core.parsers.generic.releases):
country-first rows with a date, whatever the list's classes; and where the field-by-field fallback takes them
(the film's own page and its release page, never another sub-page)."""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector

from crawler.core.parsers import generic
from crawler.core.parsers.fallback import read_page
from crawler.core.parsers.generic.releases import read_releases
from crawler.core.parsers.provenance import read_by

TABLE_ROWS = """<table class="{cls}">
<tr><td><a href="/calendar/?region=gb">UK</a></td><td>22 July <a href="/year/1948/">1948</a></td><td> (London)
 (premiere)</td></tr>
<tr><td><a href="/calendar/?region=gb">UK</a></td><td>6 September <a href="/year/1948/">1948</a></td><td></td></tr>
<tr><td><a href="/calendar/?region=us">USA</a></td><td>22 October 1948</td><td>(New York City, New York)</td></tr>
</table>"""
NESTED_ROWS = """<div><ul class="{cls}">
<li><a href="/calendar/?region=GB">United Kingdom</a><div><ul><li><span>July 22, 1948</span>
<span>(London, premiere)</span></li></ul></div></li>
<li><a href="/calendar/?region=US">United States</a><div><ul><li><span>October 22, 1948</span></li></ul></div></li>
<li><a href="/calendar/?region=FR">France</a><div><ul><li><span>March 2, 1949</span></li></ul></div></li>
</ul></div>"""
FLAG_ROWS = """<section><h3>Premiéry</h3><ul class="{cls}">
<li><span><img src="/cz.svg" title="Česko" alt="Česko"></span><p>V kinech od</p><span>02.12.1949 Ústřední půjčovna</span></li>
<li><span><img src="/cz.svg" title="Česko" alt="Česko"></span><p>Na DVD od</p><span>05.11.2009</span></li>
<li><span><img src="/gb.svg" title="Velká Británie" alt="Velká Británie"></span><p>V kinech od</p><span>22.07.1948</span></li>
</ul></section>"""
FIRST_TABLE = {"country": "UK", "country_code": "GB", "date": "1948-07-22", "date_raw": "22 July 1948"}
FIRST_NESTED = {"country": "United Kingdom", "country_code": "GB", "date": "1948-07-22", "date_raw": "July 22, 1948"}
FIRST_FLAG = {"country": "Česko", "country_code": "CZ", "date": "1949-12-02", "date_raw": "02.12.1949"}

# (the page's body, how many releases are read, the first one without its note)
LISTS: list[tuple[str, int, dict[str, str] | None]] = [
    (TABLE_ROWS.format(cls="release_dates"), 3, FIRST_TABLE),
    (TABLE_ROWS.format(cls="x9-rows"), 3, FIRST_TABLE),
    (
        TABLE_ROWS.format(cls="x9-rows").replace("<tr>", "<tbody><tr>", 1).replace("</table>", "</tbody></table>"),
        3,
        FIRST_TABLE,
    ),
    (NESTED_ROWS.format(cls="sub-section-releases"), 3, FIRST_NESTED),
    (NESTED_ROWS.format(cls="q7"), 3, FIRST_NESTED),
    (FLAG_ROWS.format(cls="premieres"), 3, FIRST_FLAG),
    (FLAG_ROWS.format(cls=""), 3, FIRST_FLAG),
    # a header row of <th> cells is no row of the list
    (
        TABLE_ROWS.format(cls="h").replace("<tr>", "<tr><th>Country</th><th>Date</th><th></th></tr><tr>", 1),
        3,
        FIRST_TABLE,
    ),
    # two rows are no list of releases
    ("<ul><li>USA <span>July 22, 1948</span></li><li>France <span>March 2, 1949</span></li></ul>", 0, None),
    # two release lists: nothing says which is the film's
    (TABLE_ROWS.format(cls="a") + NESTED_ROWS.format(cls="b"), 0, None),
    # countries without dates: the titles a film goes by
    (
        "<table><tr><td>Spain</td><td>Las zapatillas rojas</td></tr><tr><td>France</td><td>Les chaussons rouges</td>"
        "</tr><tr><td>Italy</td><td>Scarpette rosse</td></tr></table>",
        0,
        None,
    ),
    # a country, a title, a year: films of a filmography, not releases
    (
        "<table><tr><td>USA</td><td>Heat</td><td>1995</td></tr><tr><td>UK</td><td>Brazil</td><td>1985</td></tr>"
        "<tr><td>France</td><td>Amélie</td><td>2001</td></tr></table>",
        0,
        None,
    ),
    # a date first, then a country: news items, not releases
    (
        "<ul><li>July 22, 1948 <b>UK</b></li><li>July 23, 1948 <b>France</b></li><li>July 24, 1948 <b>Italy</b></li></ul>",
        0,
        None,
    ),
    # two-letter words are no countries ("TV" is Tuvalu's code)
    (
        "<ul><li><b>TV</b> <span>July 22, 1948</span></li><li><b>TV</b> <span>July 23, 1948</span></li>"
        "<li><b>TV</b> <span>July 24, 1948</span></li></ul>",
        0,
        None,
    ),
    # a list mostly of other things
    (
        "<ul><li>UK <span>July 22, 1948</span></li><li>USA <span>October 22, 1948</span></li><li>Italy <span>1 May 1950</span>"
        "</li><li>Cast</li><li>Crew</li><li>Trivia</li></ul>",
        0,
        None,
    ),
    # a note as long as a paragraph is no release's qualifier
    ("<ul>" + "<li>UK <span>July 22, 1948</span> <span>" + "long words " * 12 + "</span></li>" * 3 + "</ul>", 0, None),
]


@pytest.mark.parametrize(("body", "count", "first"), LISTS, ids=[str(n) for n in range(len(LISTS))])
def test_a_release_list_should_be_read_by_its_rows_whatever_its_classes(
    body: str, count: int, first: dict[str, str] | None
) -> None:
    releases = read_releases(Selector(text=f"<html><body><main>{body}</main></body></html>"))
    assert len(releases) == count
    if first is not None:
        assert {name: value for name, value in releases[0].items() if name != "note"} == first


def test_a_release_row_should_keep_its_notes_as_printed() -> None:
    releases = read_releases(Selector(text=TABLE_ROWS.format(cls="t") + "<p>x</p>"))
    assert [release.get("note") for release in releases] == ["(London) (premiere)", None, "(New York City, New York)"]
    flagged = read_releases(Selector(text=FLAG_ROWS.format(cls="")))
    assert [release.get("note") for release in flagged] == ["V kinech od Ústřední půjčovna", "Na DVD od", "V kinech od"]


INFO_ROWS = """<ul class="{cls}">
<li><div class="k">Rating: </div><div class="v">PG</div></li>
<li><div class="k">In Theaters: </div><div class="v"><time datetime="1948-10-22">Oct 22, 1948</time>
<span>&nbsp;limited</span></div></li>
<li><div class="k">On Disc/Streaming: </div><div class="v"><time>Mar 10, 2010</time></div></li>
<li><div class="k">Runtime: </div><div class="v">133 minutes</div></li>
</ul>"""
INFO_LINES = """<ul><li><b>Genre:</b> <span>Drama</span></li>
<li><b>Release Date (Theaters):</b> <span><time>Oct 22, 1948</time>&nbsp;limited</span></li>
<li><b>Release Date (Streaming):</b> <span>Mar 10, 2010</span></li></ul>"""
INFO_TERMS = """<dl><div><dt><rt-text>Release Date (Theaters)</rt-text></dt><dd><rt-text>Oct 22, 1948, Limited</rt-text></dd></div>
<div><dt><rt-text>Rerelease Date (Theaters)</rt-text></dt><dd><rt-text>Jul 2, 2009</rt-text></dd></div></dl>"""

# (the page's body, the releases read as (date, note))
LABELLED: list[tuple[str, list[tuple[str, str]]]] = [
    (
        INFO_ROWS.format(cls="content-meta"),
        [("1948-10-22", "In Theaters, limited"), ("2010-03-10", "On Disc/Streaming")],
    ),
    (INFO_ROWS.format(cls="r5"), [("1948-10-22", "In Theaters, limited"), ("2010-03-10", "On Disc/Streaming")]),
    (
        INFO_LINES,
        [("1948-10-22", "Release Date (Theaters), limited"), ("2010-03-10", "Release Date (Streaming)")],
    ),
    (
        INFO_TERMS,
        [("1948-10-22", "Release Date (Theaters), Limited"), ("2009-07-02", "Rerelease Date (Theaters)")],
    ),
    # labels broken over lines, or by a no-break space, as templates print them
    (
        "<ul><li><b>In\n      Theaters:</b> <span>Oct 22, 1948</span></li>"
        "<li><b>On&nbsp;DVD:</b> <span>Oct 2, 2010</span></li></ul>",
        [("1948-10-22", "In Theaters"), ("2010-10-02", "On DVD")],
    ),
    (
        "<ul><li><b>RELEASE DATE\n(THEATERS)</b> <span>Oct 22, 1948</span></li>"
        "<li><b>Re-release  Date (Theaters)</b> <span>Jul 2, 2009</span></li></ul>",
        [("1948-10-22", "RELEASE DATE (THEATERS)"), ("2009-07-02", "Re-release Date (Theaters)")],
    ),
    # one date of release is the labels' release date, no list
    ("<ul><li><b>Release Date (Theaters):</b> <span>Oct 22, 1948</span></li></ul>", []),
    # a kind printed twice: a page of several films, a date each
    (INFO_ROWS.format(cls="a") + INFO_ROWS.format(cls="b"), []),
    # a value that is no date
    (
        "<ul><li><b>In Theaters:</b> <span>Coming soon</span></li><li><b>On DVD:</b> <span>Oct 2, 2010</span></li></ul>",
        [],
    ),
    # the words in a link or a sentence
    ('<nav><a href="/t">In Theaters</a> Oct 22, 1948 <a href="/s">On Disc/Streaming</a> Mar 10, 2010</nav>', []),
    ("<p>In Theaters: Oct 22, 1948, and on Disc/Streaming: Mar 10, 2010</p>", []),
]


@pytest.mark.parametrize(("body", "expected"), LABELLED, ids=[str(n) for n in range(len(LABELLED))])
def test_labelled_dates_of_release_should_be_a_release_list(body: str, expected: list[tuple[str, str]]) -> None:
    releases = read_releases(Selector(text=f"<html><body><main><h1>The Red Shoes</h1>{body}</main></body></html>"))
    assert [(release["date"], release["note"]) for release in releases] == expected
    assert not any(release.get("country") for release in releases)


FILM_HEAD = (
    '<head><title>The Red Shoes (1948)</title><meta property="og:type" content="video.movie">'
    '<meta property="og:title" content="The Red Shoes (1948)"></head>'
)


def test_the_generic_film_should_carry_the_page_release_list() -> None:
    page = Selector(text=f"<html>{FILM_HEAD}<body><h1>The Red Shoes</h1>{NESTED_ROWS.format(cls='r')}</body></html>")
    [film] = generic.parse(page, url="https://films.example/film/red-shoes/", source="example", wanted={"film"})
    assert [release["date"] for release in film["releases"]] == ["1948-07-22", "1948-10-22", "1949-03-02"]


RELEASE_PAGE = Selector(text=f"<html>{FILM_HEAD}<body><h1>Release info</h1>{TABLE_ROWS.format(cls='z')}</body></html>")


TITLE_URL = "https://www.imdb.com/title/tt0040725/"


def site_film(sel: Selector, *, url: str) -> list[dict[str, Any]]:
    """The site's film of the title, without releases, whichever of its pages is read."""
    record = {"type": "film", "source": "imdb", "id": "imdb:tt0040725", "title": "The Red Shoes", "url": TITLE_URL}
    return read_by("imdb/releaseinfo/releaseinfo", [record])


def generic_reader(sel: Selector, *, url: str, **kwargs: Any) -> list[dict[str, Any]]:
    return generic.parse(sel, url=url, source="imdb", **kwargs)


# (the page's address, whether the site's film of the title takes the page's releases)
PAGES = [
    (TITLE_URL + "releaseinfo", True),
    (TITLE_URL + "releaseinfo/", True),
    (TITLE_URL, True),
    (TITLE_URL + "reference", True),
    # another sub-page's list is its own (an episode guide's air dates, a company's releases)
    (TITLE_URL + "episodes", False),
    (TITLE_URL + "companycredits", False),
    ("https://www.imdb.com/title/tt0099999/releaseinfo", False),
]


@pytest.mark.parametrize(("url", "filled"), PAGES, ids=[url.split("imdb.com")[1] for url, _ in PAGES])
def test_the_fallback_should_take_a_release_list_only_for_the_film_it_belongs_to(url: str, filled: bool) -> None:
    reading = read_page(site_film, generic_reader, RELEASE_PAGE, url=url, site="imdb")
    [film] = reading.records
    assert bool(film.get("releases")) is filled
    assert ("releases" in film["extraction"].get("fallback_fields", [])) is filled
