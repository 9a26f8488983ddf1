"""The generic listing reader (crawler.core.parsers.generic.listing) and the RDFa reader
(crawler.core.parsers.rdfa): which addresses are titles, which block is the list, what each entry prints, and
the pages that must give no listing at all. Pages with expected records are fixtures under
tests/fixtures/generic/; the pages that must give none are under tests/fixtures/generic/not_listing/."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from parsel import Selector

from crawler.core.extraction import extract, selector_for
from crawler.core.parsers import generic
from crawler.core.parsers.errors import PageLayoutError
from crawler.core.parsers.generic.listing import _card_year, _year, read_listing, registrable_host, title_family
from crawler.core.parsers.ids import host_of
from crawler.core.parsers.page import Page
from crawler.core.parsers.rdfa import rdfa
from crawler.core.plausibility import check_record
from tests.fixture_cases import load_page

SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)

# (address, the shape its site's titles share, or None when it is no title's address)
TITLE_FAMILIES = [
    # seen on TMDB, Trakt, Kinopoisk, Douban, FilmAffinity, MUBI, Filmweb, JustWatch, AlloCiné
    ("https://www.themoviedb.org/movie/11167-the-red-shoes", ("movie", "*")),
    ("https://trakt.tv/movies/the-red-shoes-1948", ("movies", "*")),
    ("https://www.kinopoisk.ru/film/401/", ("film", "*")),
    ("https://movie.douban.com/subject/1292052/", ("subject", "*")),
    ("https://www.filmaffinity.com/es/film809297.html", ("es", "film#.html")),
    ("https://mubi.com/en/films/narcissus", ("en", "films", "*")),
    ("https://www.filmweb.pl/film/Czerwone+trzewiki-1948-1234", ("film", "*")),
    ("https://www.justwatch.com/us/movie/the-red-shoes", ("us", "movie", "*")),
    ("https://www.allocine.fr/film/fichefilm_gen_cfilm=1234.html", ("film", "*.html")),
    ("https://www.imdb.com/title/tt0040725/", ("title", "tt#")),
    ("http://old-cinema.example/film.php?id=12&ref=nav", ("film.php", "?id")),
    # seen on Box Office Mojo (2000s-2010s): the id is a slug in the query
    ("http://www.boxoffice-ledger.example/movies/?id=redshoes.htm", ("movies", "?id")),
    ("http://old-cinema.example/film.php?movie_id=red-shoes", ("film.php", "?movie_id")),
    ("http://old-cinema.example/chart/?view=weekend&sort=title", None),
    ("http://old-cinema.example/film.php?title=red-shoes", None),
    # people, lists, searches and the site's own pages are never titles
    ("https://www.themoviedb.org/person/1234-michael-powell", None),
    ("https://www.imdb.com/name/nm0003836/", None),
    ("https://trakt.tv/users/ann/lists/ballet", None),
    ("https://www.kinopoisk.ru/lists/top250/", None),
    ("https://mubi.com/en/films/popular", ("en", "films", "*")),  # its shape; the block decides
    ("https://old-cinema.example/about", None),
    ("https://old-cinema.example/", None),
    ("https://old-cinema.example/search?q=red+shoes", None),
]


@pytest.mark.parametrize(("url", "family"), TITLE_FAMILIES, ids=[url for url, _ in TITLE_FAMILIES])
def test_title_family_should_tell_title_addresses_by_their_shape(url: str, family: tuple[str, ...] | None) -> None:
    assert title_family(url) == family


@pytest.mark.parametrize(
    ("host", "registered"),
    [("www.imdb.com", "imdb.com"), ("movie.douban.com", "douban.com"), ("m.kinopoisk.co.uk", "kinopoisk.co.uk")],
)
def test_registrable_host_should_be_the_part_a_site_registers(host: str, registered: str) -> None:
    assert registrable_host(host) == registered


@pytest.mark.parametrize(
    ("url", "host"),
    [("https://www.Example.org/film/1/", "www.example.org"), ("http://[reviews/user/1", ""), ("/user/1", "")],
)
def test_host_of_should_give_no_host_for_an_address_that_is_no_url(url: str, host: str) -> None:
    assert host_of(url) == host


# (text printed in an entry beside its title, the year read)
YEARS = [
    ("(1948)", 1948),
    ("Dec 1, 2017 Director / Writer", 2017),
    ("The Red Shoes, 1948, 133 мин.", 1948),
    ("2022–2025 TV-14 12 eps", 2022),  # a series' run: its first year
    ("(2012) (TV Episode)", 2012),
    ("1994 / 美国 / 犯罪 剧情", 1994),
    ("142 min 2,281,671 votes", None),  # no year printed
    ("1948 and its 2025 remake", None),  # two years: whose is it?
    ("(1789)", None),  # before moving pictures
    # Japanese and Chinese pages: the production year, never the year of the release in the country
    ("1948年", 1948),
    ("1948年製作／133分／G／イギリス", 1948),
    ("製作年：1948年 劇場公開日：1950年3月21日", 1948),
    ("1950年3月21日公開", None),
    ("2019年10月4日(金)より全国ロードショー", None),
    ("劇場公開日：1950年3月21日", None),
    ("上映日：1950年03月21日 133分", None),
    ("1950年公開", None),
    ("2019-10-04(中国大陆)上映", None),
]


@pytest.mark.parametrize(("text", "year"), YEARS, ids=[text for text, _ in YEARS])
def test_entry_year_should_be_the_one_printed_beside_the_title(text: str, year: int | None) -> None:
    assert _year(text, 2027) == year


def _list_page(summary: str, *, count: int = 6) -> str:
    rows = "".join(f'<li><a href="/film/{n}-title-{n}/">Title {n}</a> ({1940 + n})</li>' for n in range(1, count + 1))
    return f'<html><body><div class="main"><h1>A list</h1><p>{summary}</p><ul class="films">{rows}</ul></div></body></html>'


# (the list's size as the page prints it, the total read)
TOTALS = [
    ("Showing 1-6 of 250 films", 250),
    ("1 à 6 sur 1 234 films", 1234),
    ("1–6 von 1.234 Titeln", 1234),
    ("1-6 de 1.234 películas", 1234),
    ("250 фильмов", 250),
    ("共250部", 250),
    ("12,408 titles", 12408),
    ("32 résultats trouvés dans les titres de films", 32),
    ("41 resultados encontrados", 41),
    ("118 Ergebnisse", 118),
    ("27 risultati", 27),
    ("64 találat", 64),
    ("Top films of the year", None),
    ("3 films", None),  # fewer than the page shows: not the list's size
]


@pytest.mark.parametrize(("summary", "total"), TOTALS, ids=[summary for summary, _ in TOTALS])
def test_listing_total_should_be_the_size_the_page_states(summary: str, total: int | None) -> None:
    record = read_listing(Page(Selector(text=_list_page(summary)), "https://films.example/lists/x"), "films")
    assert record is not None
    assert record.get("total") == total


NOT_LISTINGS = [
    "nav-menu-only.html",  # the only run of film links is the site's menu
    "trending-sidebar-only.html",  # an essay beside a block named "trending-now"
    "trending-heading-block.html",  # a block headed "Trending this week"
    "two-lists-of-like-size.html",  # two programmes of five: no clear main list
    "film-page-with-related-films.html",  # a film's page: its related films are no listing
    "article-with-film-links-in-prose.html",  # films named in running text
    "film-page-with-similar-poster-strip.html",  # a film's page: its "similar films" posters are no listing
    "essay-with-poster-strips.html",  # "people who liked this also liked" posters, three posters in an aside
    "posters-linking-another-site.html",  # a grid of posters whose addresses are another site's
    "episode-table-with-an-unlinked-title.html",  # a row's title without a link: the list's size is unknown
    "table-of-links-without-a-title-column.html",  # rows of three links and no "Title" column to choose
]


@pytest.mark.parametrize("name", NOT_LISTINGS)
def test_page_without_a_main_list_should_give_no_listing(name: str) -> None:
    sel = selector_for(load_page(f"generic/not_listing/{name}"))
    try:
        records = generic.parse(sel, url="https://cinema-diary.example/essays/this-week", source="cinema_diary")
    except PageLayoutError:
        records = []
    assert [record for record in records if record["type"] == "listing"] == []


def test_film_page_with_related_films_should_stay_a_film() -> None:
    sel = selector_for(load_page("generic/not_listing/film-page-with-related-films.html"))
    records = generic.parse(sel, url="https://cinema-diary.example/movies/the-red-shoes-1948/", source="cinema_diary")
    assert [(record["type"], record.get("title")) for record in records] == [("film", "The Red Shoes")]


CHART_WITH_NEW_MARKUP = """<html><head><title>Top 250 Movies</title></head><body>
<div class="nav-bar"><a href="/name/nm0003836/">Michael Powell</a></div>
<section class="chart-v9"><h1>Top 250 Movies</h1><ol class="chart-v9__rows">{rows}</ol></section>
<aside><a href="/title/tt0039305/">Black Narcissus</a><a href="/title/tt0038733/">A Matter of Life and Death</a></aside>
</body></html>"""
CHART_ROWS = [("tt0040725", "The Red Shoes", 1948), ("tt0039305", "Black Narcissus", 1947),
              ("tt0038733", "A Matter of Life and Death", 1946), ("tt0043569", "The Tales of Hoffmann", 1951),
              ("tt0054167", "Peeping Tom", 1960), ("tt0037795", "I Know Where I'm Going!", 1945)]  # fmt: skip


def test_known_site_listing_of_an_unknown_layout_should_be_read_by_the_generic_reader() -> None:
    rows = "".join(
        f'<li class="chart-v9__row"><span>{n}.</span> <a href="/title/{tt}/?ref_=chart">{title}</a> ({year})'
        f' <a href="/name/nm0003836/">Michael Powell</a></li>'
        for n, (tt, title, year) in enumerate(CHART_ROWS, start=1)
    )
    page = CHART_WITH_NEW_MARKUP.format(rows=rows).encode()
    extraction = extract(selector_for(page), url="https://www.imdb.com/chart/top/", site="imdb", scraped_at=SCRAPED_AT)
    [listing] = extraction.records
    assert listing["type"] == "listing"
    assert listing["extraction"]["parser"] == "generic"
    assert [(e["title"], e["year"], e["rank"], e["url"]) for e in listing["entries"]] == [
        (title, year, n, f"https://www.imdb.com/title/{tt}/") for n, (tt, title, year) in enumerate(CHART_ROWS, 1)
    ]
    # The entries are titles linking to title pages of the list's own site: nothing implausible to take out.
    assert check_record(listing).implausible == []


# RDFa: (markup, the top-level items read)
RDFA: list[tuple[str, list[dict[str, Any]]]] = [
    (
        '<div vocab="https://schema.org/" typeof="Movie"><h1 property="name">The Red Shoes</h1>'
        '<div property="director" typeof="Person"><span property="name">Michael Powell</span></div></div>',
        [{"@type": "Movie", "name": "The Red Shoes", "director": {"@type": "Person", "name": "Michael Powell"}}],
    ),
    (
        '<div prefix="schema: http://schema.org/" typeof="schema:Movie"><span property="schema:name">Peeping Tom'
        '</span><time property="schema:datePublished" datetime="1960-05-16">May 1960</time></div>',
        [{"@type": "Movie", "name": "Peeping Tom", "datePublished": "1960-05-16"}],
    ),
    # Another vocabulary, and OpenGraph properties, are not schema.org.
    ('<div vocab="http://xmlns.com/foaf/0.1/" typeof="Person"><span property="name">Ann</span></div>', []),
    ('<meta property="og:title" content="The Red Shoes">', []),
]


@pytest.mark.parametrize(("markup", "items"), RDFA, ids=["vocab", "prefix", "foaf", "opengraph"])
def test_rdfa_should_read_schema_org_items_like_microdata(markup: str, items: list[dict[str, Any]]) -> None:
    assert rdfa(Selector(text=f"<html><body>{markup}</body></html>")) == items


def _nested_list(depth: int, rows: int) -> Page:
    opening = "".join(f"<div class='level-{n} odd'>" for n in range(depth))
    items = "".join(f"<li class='row'><a href='/film/{n}/'>Film {n}</a> ({1940 + n})</li>" for n in range(rows))
    markup = f"{opening}<ul class='films'>{items}</ul>{'</div>' * depth}"
    return Page(Selector(text=f"<html><body>{markup}</body></html>"), "https://films.example.org/lists/best/")


def test_the_elements_above_the_entries_should_be_read_once_however_deep_the_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from crawler.core.parsers.generic import listing

    read: list[Any] = []
    classes = listing._classes

    def counting(element: Any) -> tuple[str, ...]:
        read.append(element)
        return classes(element)

    monkeypatch.setattr(listing, "_classes", counting)
    record = read_listing(_nested_list(depth=30, rows=40), "example")
    assert record is not None and len(record["entries"]) == 40
    assert len(read) == len(set(read))


def test_a_path_signature_should_be_the_tags_and_classes_above_the_entry() -> None:
    from crawler.core.parsers.generic.listing import _classes, _path_signature

    root = _nested_list(depth=5, rows=6).sel.root
    paths: dict[Any, tuple[Any, ...]] = {}
    for element in root.iter():
        # the classes of rows and list items are not part of it: a run of rows may take classes in turn
        above = [
            (ancestor.tag, () if ancestor.tag in ("tr", "li") else _classes(ancestor))
            for ancestor in element.iterancestors()
        ]
        assert _path_signature(element, paths) == _path_signature(element) == (element.tag, *reversed(above))


def test_table_rows_striped_by_classes_of_any_name_should_make_one_list() -> None:
    # each row: the title's picture and its name in cells of their own, an episode's series linked after the
    # name, so that each cell is an entry of its own kind
    rows = "".join(
        f"<tr class='r{n % 2}'><td><a href='/title/tt{1000 + n}/'><img src='/p/{n}.jpg'></a></td>"
        f"<td><a href='/title/tt{1000 + n}/'>Film {n}</a> ({1940 + n}) (TV Episode)"
        f"<br><small>- <a href='/title/tt{2000 + n}/'>Series {n}</a> (1939) (TV Series)</small></td></tr>"
        for n in range(12)
    )
    page = Page(Selector(text=f"<html><body><table>{rows}</table></body></html>"), "https://films.example.org/find")
    record = read_listing(page, "example")
    assert record is not None
    assert [entry["title"] for entry in record["entries"]] == [f"Film {n}" for n in range(12)]


def test_each_address_should_be_read_once_however_often_the_page_links_it(monkeypatch: pytest.MonkeyPatch) -> None:
    menu = "".join("<a href='/lists/'>Lists</a>" for _ in range(10))
    rows = "".join(
        f"<li><a href='/film/{n}/'><img alt='Film {n}'></a><a href='/film/{n}/'>Film {n}</a> ({1940 + n})</li>"
        for n in range(20)
    )
    page = Page(
        Selector(text=f"<html><body><nav>{menu}</nav><ul>{rows}</ul></body></html>"), "https://films.example.org/"
    )
    resolved: list[str | None] = []
    absolute = Page.absolute

    def counting(self: Page, href: str | None) -> str | None:
        resolved.append(href)
        return absolute(self, href)

    monkeypatch.setattr(Page, "absolute", counting)
    record = read_listing(page, "example")
    assert record is not None and len(record["entries"]) == 20
    assert len(resolved) == len(set(resolved))  # 50 links, 21 addresses


# (the markup around the list, its heading, its stated total)
HEADINGS = [
    ("<main><h1>A list</h1>{rows}</main>", "A list", None),
    # a <header> heading a section of the page is no page furniture
    ("<section><header><h1>A list</h1></header>{rows}</section>", "A list", None),
    # the site's header is
    ("<header><h1>Site</h1></header><div>{rows}</div>", None, None),
    # a count printed in an element of its own at the heading's end is the list's size, not its title
    ("<section><header><h1>Ratings <span>142</span></h1></header>{rows}</section>", "Ratings", 142),
    ("<main><h1>Ratings <span>(3)</span></h1>{rows}</main>", "Ratings", None),  # fewer than the entries shown
    # a heading marked as the list's author names who made it; the list's own heading follows
    (
        '<main><h1 itemprop="author"><small>List by</small> Vicky Page</h1><h1 itemprop="title">Ballet films</h1>'
        "{rows}</main>",
        "Ballet films",
        None,
    ),
]


@pytest.mark.parametrize(("markup", "title", "total"), HEADINGS, ids=[markup for markup, _, _ in HEADINGS])
def test_listing_heading_should_be_the_lists_own(markup: str, title: str | None, total: int | None) -> None:
    rows = (
        "<ul class='films'>"
        + "".join(f'<li><a href="/film/{n}-title-{n}/">Title {n}</a> ({1940 + n})</li>' for n in range(1, 7))
        + "</ul>"
    )
    page = Page(
        Selector(text="<html><body>" + markup.format(rows=rows) + "</body></html>"), "https://films.example/lists/x"
    )
    record = read_listing(page, "films")
    assert record is not None
    assert (record.get("title"), record.get("total")) == (title, total)


# (the markup of an entry's title link, "{id}" its id and "{n}" its place; the first entry's title, year and rank)
ENTRY_TITLES = [
    # A poster's link printing its place alone: the rank; the title is the link's title or the poster's alt text.
    ('<a href="/film/{id}-red-shoes/" title="The Red Shoes"><span>{n}.</span><img src="/p/{id}.jpg"></a>',
     ("The Red Shoes", None, 1)),
    ('<a href="/film/{id}-red-shoes/"><span class="position">{n}.</span><img src="/p.jpg" alt="The Red Shoes"></a>',
     ("The Red Shoes", None, 1)),
    # A number printed alone without another name for the film is its title.
    ('<a href="/film/{id}-300/">300</a>', ("300", None, 1)),
    # A rank glued to the title ("1.The Red Shoes") is a rank.
    ('<a href="/film/{id}-red-shoes/"><span>{n}.</span>The Red Shoes</a>', ("The Red Shoes", None, 1)),
    # The year glued to the title, kind notes after it.
    ('<a href="/film/{id}-red-shoes/">The Red Shoes(1948)</a>', ("The Red Shoes", 1948, 1)),
    ('<a href="/film/{id}-red-shoes/">The Red Shoes (1948) (TV film)</a>', ("The Red Shoes", 1948, 1)),
    ('<a href="/film/{id}-red-shoes/">The Red Shoes(1993)(seriál)</a>', ("The Red Shoes", 1993, 1)),
]  # fmt: skip


@pytest.mark.parametrize(("link", "first"), ENTRY_TITLES, ids=[link for link, _ in ENTRY_TITLES])
def test_entry_title_should_be_the_printed_title_without_its_rank_and_year(
    link: str, first: tuple[str, int | None, int]
) -> None:
    rows = "".join(f'<li class="item">{link.format(id=100 + n, n=n)}</li>' for n in range(1, 7))
    page = f'<html><head><title>Programme</title></head><body><main><ul class="films">{rows}</ul></main></body></html>'
    records = generic.parse(Selector(text=page), url="https://kino.example.cz/program/", source="example")
    [listing] = [r for r in records if r["type"] == "listing"]
    entry = listing["entries"][0]
    assert (entry["title"], entry.get("year"), entry["rank"]) == first


# (what the list's heading prints last, in an element of its own; the total read from it)
HEADING_COUNTS = [
    ("<span>427</span>", 427),
    ("<span>(1,204)</span>", 1204),
    # a year beside the heading is the film's or the list's year, never its size
    ('<small class="metadata"><a href="/films/year/1948/">1948</a></small>', None),
    ("<span>(2019)</span>", None),
]


@pytest.mark.parametrize(("printed", "total"), HEADING_COUNTS)
def test_a_year_printed_last_in_the_heading_should_not_be_the_lists_size(printed: str, total: int | None) -> None:
    rows = "".join(f'<li><a href="/film/{n}-title-{n}/">Title {n}</a> ({1940 + n})</li>' for n in range(1, 7))
    page = f'<html><body><div class="main"><h1>Films like The Red Shoes {printed}</h1><ul class="films">{rows}</ul></div></body></html>'
    records = generic.parse(Selector(text=page), url="https://films.example.org/lists/red-shoes/", source="example")
    [listing] = [r for r in records if r["type"] == "listing"]
    assert listing.get("total") == total


# (a card's link as printed, the year read from its line of facts under the title)
CARD_YEARS = [
    ("<a><span>Зеленая миля</span><span>The Green Mile, 1999, 189 мин.</span></a>", 1999),
    ("<a><span>Paper Comets</span><span>2019, 1h 42m</span></a>", 2019),
    ("<a><span>Paper Comets</span><span>Opened Feb 07, 2025</span></a>", None),  # a release's date
    ("<a><span>Paper Comets</span><span>1999, 2001</span></a>", None),  # two years: which one?
    ("<a><span>Paper Comets</span></a>", None),
]


@pytest.mark.parametrize(("markup", "year"), CARD_YEARS, ids=[markup for markup, _ in CARD_YEARS])
def test_a_cards_line_of_facts_should_give_its_year_only_as_an_item_of_its_own(markup: str, year: int | None) -> None:
    anchor = Selector(text=markup).root.xpath("//a")[0]
    assert _card_year(anchor, 2027) == year
