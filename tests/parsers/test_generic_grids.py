"""Poster grids and episode lists read by the generic listing reader (crawler.core.parsers.generic.listing):
posters whose title page is an address in a data attribute of their wrapper, titled by a data attribute or
the image's alternative text; episode rows that print their season and episode; the years a list's
description states; and the strips of posters that are no listing. Whole pages are fixtures under
tests/fixtures/generic/listing/ and tests/fixtures/generic/not_listing/."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from parsel import Selector

from crawler.core.parsers import generic
from crawler.core.parsers.errors import PageLayoutError
from crawler.core.parsers.generic.listing import encoded_address, read_listing
from crawler.core.parsers.page import Page

URL = "https://films.example.org/lists/silent-canon/"
FILMS = [("nosferatu", "Nosferatu", 1922), ("metropolis", "Metropolis", 1927), ("sunrise", "Sunrise", 1927),
         ("the-kid", "The Kid", 1921), ("greed", "Greed", 1924), ("the-crowd", "The Crowd", 1928)]  # fmt: skip


def _page(rows: str, *, head: str = "") -> Page:
    markup = f"<html><head>{head}</head><body><main><h1>A list</h1><ul class='grid'>{rows}</ul></main></body></html>"
    return Page(Selector(text=markup), URL)


def _rows(row: str, films: list[tuple[str, str, int]] = FILMS) -> str:
    return "".join(
        row.format(slug=slug, title=title, year=year, n=n) for n, (slug, title, year) in enumerate(films, start=1)
    )


def _read(page: Page) -> list[tuple[Any, ...]] | None:
    record = read_listing(page, "films")
    if record is None:
        return None
    return [
        (entry["title"], entry.get("year"), entry.get("season"), entry.get("episode"), entry["url"])
        for entry in record["entries"]
    ]


def _expected(*, years: bool = False) -> list[tuple[Any, ...]]:
    return [
        (title, year if years else None, None, None, f"https://films.example.org/film/{slug}/")
        for slug, title, year in FILMS
    ]


# (the markup of one poster, whether its year is stated)
POSTERS = [
    pytest.param(
        '<li class="poster-container"><div class="film-poster" data-target-link="/film/{slug}/"'
        ' data-poster-url="/film/{slug}/image-150/"><img alt="{title}" src="/empty.png"></div></li>',
        False,
        id="lazy poster: the address in data-target-link, the title in the image's alt",
    ),
    pytest.param(
        '<li><div class="poster" data-film-slug="/film/{slug}/"><span class="frame"><img alt="{title}"></span></div></li>',
        False,
        id="the address in data-film-slug, the image in a frame",
    ),
    pytest.param(
        '<li><div class="tile" data-item-link="/film/{slug}/" data-item-name="{title} ({year})"><img alt=""></div></li>',
        True,
        id="the title and its year in data-item-name",
    ),
    pytest.param(
        '<li class="tile" data-film-release-year="{year}"><div data-target-link="/film/{slug}/"><img alt="{title}"></div></li>',
        True,
        id="the year in a data attribute of the row",
    ),
    pytest.param(
        '<li><div data-target-link="/film/{slug}/"><img alt="Poster for {title}"></div></li>',
        False,
        id="the alt text says 'Poster for'",
    ),
    pytest.param(
        '<li><div data-target-link="/film/{slug}/"><img alt="poster"></div><a href="/film/{slug}/">{title}</a> ({year})</li>',
        True,
        id="a link beside the poster prints the title and the row its year",
    ),
]


@pytest.mark.parametrize(("row", "dated"), POSTERS)
def test_a_poster_grid_should_list_its_posters_titles(row: str, dated: bool) -> None:
    assert _read(_page(_rows(row))) == _expected(years=dated)


# Grids that are no listing of the site's titles: a wrong list is worse than none.
NOT_GRIDS = [
    pytest.param(
        '<li><div class="poster" data-item-slug="{slug}"><img alt="{title}"></div></li>',
        "",
        id="a bare slug is no address: it would resolve against the list's own page",
    ),
    pytest.param(
        '<li><div class="poster" data-poster-url="/film/{slug}/image-150/"><img alt="{title}"></div></li>',
        "",
        id="an image's address is no title's",
    ),
    pytest.param(
        '<li><div data-target-link="https://watch.partner.example/film/{slug}/"><img alt="{title}"></div></li>',
        "",
        id="posters linking another site",
    ),
    pytest.param(
        '<li><div data-target-link="/film/{slug}/"><img alt="{title}"></div></li>',
        "three",
        id="a strip of three posters",
    ),
]


@pytest.mark.parametrize(("row", "films"), NOT_GRIDS)
def test_posters_that_are_no_list_of_the_sites_titles_should_give_no_listing(row: str, films: str) -> None:
    assert _read(_page(_rows(row, FILMS[:3] if films == "three" else FILMS))) is None


def test_posters_in_an_aside_or_a_similar_films_strip_should_give_no_listing() -> None:
    posters = _rows('<li><div data-target-link="/film/{slug}/"><img alt="{title}"></div></li>')
    for block in (f"<aside><ul>{posters}</ul></aside>", f"<h2>Similar films</h2><div><ul>{posters}</ul></div>"):
        page = Page(Selector(text=f"<html><body><h1>Nosferatu</h1><p>A film.</p>{block}</body></html>"), URL)
        assert read_listing(page, "films") is None


# (the entry as an episode list prints it, the title, season and episode read)
EPISODES = [
    pytest.param(
        '<li><a href="/title/tt10{n}/">S1.E{n} ∙ {title}</a> <span>Mar 3, 19{n}1</span></li>',
        True,
        id="the numbers before the title in its link",
    ),
    pytest.param(
        '<div class="row"><a href="/title/tt10{n}/"><img alt="{title}"><div>S1, Ep{n}</div></a>'
        '<div class="airdate">3 Mar. 19{n}1</div><strong><a href="/title/tt10{n}/">{title}</a></strong></div>',
        True,
        id="the numbers under the still, the title in a link of its own",
    ),
    pytest.param(
        '<li><a href="/title/tt10{n}/">{title}</a> Season 1 Episode {n}</li>',
        False,
        id="the numbers spelled out after the title",
    ),
]


@pytest.mark.parametrize(("row", "dated"), EPISODES)
def test_episode_rows_should_carry_their_season_and_episode(row: str, dated: bool) -> None:
    shorts = [("", title, 0) for title in ("Guts", "Fog", "Relief", "The Lamp Room", "Tide", "Supply Boat")]
    record = read_listing(_page(_rows(row, shorts)), "films")
    assert record is not None and record["kind"] == "episodes"
    assert [(e["title"], e.get("season"), e.get("episode"), e.get("year")) for e in record["entries"]] == [
        (title, 1, n, 1901 + 10 * n if dated else None) for n, (_, title, _) in enumerate(shorts, start=1)
    ]


LAZY_ROW = '<li><div data-target-link="/film/{slug}/"><img alt="{title}"></div></li>'

# (the page's description, the years read for the entries)
DESCRIBED = [
    pytest.param(
        "A list of 6 films, including Nosferatu (1922), Metropolis (1927) and Sunrise (1927).",
        [1922, 1927, 1927, None, None, None],
        id="the titles the description names with their years",
    ),
    pytest.param(
        "Including The Kid Brother (1927), Greedy Greed (1924) and Metropolis 2 (1949).",
        [None] * 6,
        id="longer titles that hold the list's",
    ),
    pytest.param(
        "Including Nosferatu (1922), and the remake, Nosferatu (1979).",
        [None] * 6,
        id="a title named twice with two years",
    ),
]


@pytest.mark.parametrize(("description", "years"), DESCRIBED)
def test_a_grid_should_take_the_years_its_description_states(description: str, years: list[int | None]) -> None:
    page = _page(_rows(LAZY_ROW), head=f'<meta name="description" content="{description}">')
    assert [entry[1] for entry in _read(page) or []] == years


def test_a_title_the_list_holds_twice_should_take_no_described_year() -> None:
    films = [*FILMS, ("nosferatu-1979", "Nosferatu", 1979)]
    page = _page(_rows(LAZY_ROW, films), head='<meta name="description" content="Including Nosferatu (1922).">')
    assert [entry[1] for entry in _read(page) or []] == [None] * 7


SEASON = """<html><head><title>Harbour Lights - Season 1</title></head><body><div id="main">
<div itemscope itemtype="http://schema.org/TVSeries"><h1 itemprop="name">Harbour Lights</h1></div>
<div itemscope itemtype="http://schema.org/TVSeason"><meta itemprop="numberOfEpisodes" content="8">
<h2 itemprop="name">Season 1</h2>{rows}</div>
<div class="also"><h3>More series</h3>{others}</div></div></body></html>"""
SEASON_ROW = (
    '<div class="ep" itemprop="episode" itemscope itemtype="http://schema.org/TVEpisode">'
    '<a href="/show/1/episode/{n}/" itemprop="url"><span itemprop="name">{title}</span></a>'
    ' <span class="aired">{n} March 1951</span></div>'
)
SERIES_ROW = '<div class="ep"><a href="/show/{n}/"><span>{title}</span></a></div>'


def test_a_season_whose_data_names_its_episodes_should_give_them_as_an_episodes_listing() -> None:
    titles = ["The Lamp Room", "Fog Signal", "Supply Boat", "The Inspector", "Spring Tide", "Relief"]
    rows = "".join(SEASON_ROW.format(n=n, title=title) for n, title in enumerate(titles, start=1))
    markup = SEASON.format(rows=rows, others="")
    records = generic.parse(Selector(text=markup), url="https://tv.example/show/1/season/1/", source="tv")
    [listing] = [record for record in records if record["type"] == "listing"]
    assert listing["kind"] == "episodes"
    assert listing.get("total") == 8
    assert [(e["title"], e.get("year"), e["url"]) for e in listing["entries"]] == [
        (title, 1951, f"https://tv.example/show/1/episode/{n}/") for n, title in enumerate(titles, start=1)
    ]


def test_a_season_page_whose_only_run_of_titles_is_other_series_should_give_no_listing() -> None:
    episode = SEASON_ROW.format(n=1, title="The Lamp Room")
    others = "".join(SERIES_ROW.format(n=n, title=f"Series {n}") for n in range(2, 9))
    markup = SEASON.format(rows=episode, others=others)
    try:
        records = generic.parse(Selector(text=markup), url="https://tv.example/show/1/season/1/", source="tv")
    except PageLayoutError:
        records = []
    assert [record for record in records if record["type"] == "listing"] == []


def test_poster_wrappers_should_be_looked_for_only_above_images(monkeypatch: pytest.MonkeyPatch) -> None:
    from crawler.core.parsers.generic import listing

    asked: list[Any] = []
    wrapper_of = listing._poster_wrapper

    def counting(image: Any) -> Any:
        asked.append(image)
        return wrapper_of(image)

    monkeypatch.setattr(listing, "_poster_wrapper", counting)
    text_rows = "".join(f"<li><a href='/film/{n}/'>Film {n}</a> <span>({1930 + n})</span></li>" for n in range(40))
    assert read_listing(_page(text_rows), "films") is not None
    assert asked == []
    assert read_listing(_page(_rows(LAZY_ROW)), "films") is not None
    assert len(asked) == len(FILMS)


TABLE_ROW = (
    '<tr><td>{n}</td><td>"<a href="/wiki/{slug}_(Harbour_Lights)">{title}</a>"</td>'
    '<td><a href="/wiki/Director_{n}">Director {n}</a></td><td>{n} March {year}</td></tr>'
)

# (the table's header row, the titles and years read: None where the table is no listing)
TABLES = [
    pytest.param(
        "<tr><th>No.</th><th>Title</th><th>Directed by</th><th>Original air date</th></tr>",
        [(title, year) for _, title, year in FILMS],
        id="the Title column, the year of the air date column",
    ),
    pytest.param(
        "<tr><th>N°</th><th>Titre</th><th>Réalisation</th><th>Date</th></tr>",
        [(title, year) for _, title, year in FILMS],
        id="a French header",
    ),
    pytest.param(
        "<tr><th>No.</th><th>Name</th><th>Directed by</th><th>Original air date</th></tr>",
        None,
        id="no column called the title: which link is it?",
    ),
    pytest.param("", None, id="no header at all"),
]


@pytest.mark.parametrize(("header", "read"), TABLES)
def test_a_table_of_rows_linking_several_titles_should_be_read_by_its_title_column(
    header: str, read: list[tuple[str, int]] | None
) -> None:
    rows = "".join(
        TABLE_ROW.format(n=n, slug=slug, title=title, year=year) for n, (slug, title, year) in enumerate(FILMS)
    )
    page = Page(Selector(text=f"<html><body><h1>Episodes</h1><table>{header}{rows}</table></body></html>"), URL)
    record = read_listing(page, "films")
    assert (None if record is None else [(e["title"], e.get("year")) for e in record["entries"]]) == read


def test_a_block_classed_header_inside_the_main_content_should_stay_readable() -> None:
    rows = _rows('<li><a href="/film/{slug}/">{title}</a> ({year})</li>')
    for holder, read in (
        ('<div id="main"><div class="header">{}</div></div>', True),
        ('<div class="header">{}</div>', False),
    ):
        markup = f"<html><body>{holder.format(f'<ul>{rows}</ul>')}</body></html>"
        assert (read_listing(Page(Selector(text=markup), URL), "films") is not None) is read


def test_a_table_whose_cells_each_link_the_rows_title_should_list_one_entry_per_row() -> None:
    # A search result: the picture and the name link the same title, a second line links the series it is
    # an episode of; no header names a title column, none is needed.
    row = (
        '<tr class="result"><td class="photo"><a href="/film/{slug}/?ref=s{n}"><img src="/p.jpg"></a></td>'
        '<td class="text"><a href="/film/{slug}/?ref=s{n}">{title}</a> ({year}) <br>'
        '<small>- <a href="/film/silent-hour/?ref=s{n}s">Silent Hour</a> (1960) (TV Series)</small></td></tr>'
    )
    markup = f"<html><body><h1>Results</h1><table class='results'>{_rows(row)}</table></body></html>"
    record = read_listing(Page(Selector(text=markup), URL), "films")
    assert record is not None
    assert [(e["title"], e.get("year"), e["url"]) for e in record["entries"]] == [
        (title, year, f"https://films.example.org/film/{slug}/") for slug, title, year in FILMS
    ]


def _count_listing_reads(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The calls of the generic listing reader from now on, one entry each."""
    calls: list[Any] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return read_listing(*args, **kwargs)

    monkeypatch.setattr(generic, "read_listing", counting)
    return calls


@pytest.mark.parametrize(
    ("around", "walked"),
    [
        ("{}", False),  # nothing to give a site listing: no heading, no stated size
        ("<h1>Silent canon</h1>{}", True),
        ("<p>6 films</p>{}", True),
    ],
)
def test_a_site_listing_should_be_completed_only_from_a_page_that_prints_a_title_or_a_size(
    monkeypatch: pytest.MonkeyPatch, around: str, walked: bool
) -> None:
    calls = _count_listing_reads(monkeypatch)
    rows = _rows('<li><a href="/film/{slug}/">{title}</a> ({year})</li>')
    markup = f"<html><body><main>{around.format(f'<ul>{rows}</ul>')}</main></body></html>"
    # The fallback fills a site listing's fields: listings wanted, no film, the film's fields named.
    try:
        generic.parse(Selector(text=markup), url=URL, source="films", wanted={"listing"}, fields_of_film=set())
    except PageLayoutError:
        assert not walked  # nothing read: the site's own listing stands as it is
    assert bool(calls) is walked


# (an element's class, the address it encodes: the page's script makes it a link)
ENCODED = [
    ("ACrL2ZACrpbG0vZmljaGVmaWxtX2dlbl9jZmlsbT00MDcyLmh0bWw= meta-title-link", "/film/fichefilm_gen_cfilm=4072.html"),
    ("L2ZpbG0vNDA3Mi8= thumbnail-link", "/film/4072/"),  # no marker
    ("aHR0cHM6Ly9maWxtcy5leGFtcGxlLm9yZy9maWxtLzQwNzIv", "https://films.example.org/film/4072/"),
    ("meta-title-link dark-grey-link", None),  # ordinary classes
    ("thumbnailcontainer", None),  # decodes to bytes that are no address
    ("L2Zp", None),  # too short to be an address
]


@pytest.mark.parametrize(("classes", "address"), ENCODED, ids=[classes for classes, _ in ENCODED])
def test_encoded_address_should_be_the_path_a_class_writes_in_base64(classes: str, address: str | None) -> None:
    element = Selector(text=f'<html><body><span class="{classes}">The Red Shoes</span></body></html>')
    assert encoded_address(element.css("span")[0].root) == address


def test_titles_linked_by_encoded_classes_should_make_the_listing() -> None:
    def code(slug: str) -> str:
        encoded = base64.b64encode(f"/film/{slug}/".encode()).decode()
        return "ACr" + encoded[:3] + "ACr" + encoded[3:]

    rows = "".join(
        f'<li class="card"><h2><span class="{code(slug)} meta-title-link">{title}</span></h2>'
        f' <span class="date">{year}</span></li>'
        for slug, title, year in FILMS
    )
    assert _read(_page(rows)) == _expected(years=True)


# A film page whose state gives a runtime and a year, never genres, and which also lists titles.
FACTS_AND_A_LIST = (
    "<html><head><title>The Red Shoes (1948)</title>"
    '<script id="__NEXT_DATA__" type="application/json">'
    '{{"props": {{"movie": {{"title": "The Red Shoes", "releaseYear": 1948, "runtime": 133, "directors": ["Michael Powell"]}}}}}}'
    "</script></head><body><main><h1>The Red Shoes</h1><h2>More films</h2><ul>{rows}</ul></main></body></html>"
)


@pytest.mark.parametrize(("fields", "walked"), [({"genres"}, False), ({"runtime_minutes", "genres"}, True)])
def test_the_list_should_be_read_to_place_a_film_only_where_the_film_fills_a_field(
    monkeypatch: pytest.MonkeyPatch, fields: set[str], walked: bool
) -> None:
    # Read to fill a site film's empty fields, a film that holds none of them changes nothing, whether the
    # page's list would make it one of its entries or the page's subject: the list is not walked to tell.
    calls = _count_listing_reads(monkeypatch)
    markup = FACTS_AND_A_LIST.format(rows=_rows('<li><a href="/film/{slug}/">{title}</a> ({year})</li>'))
    try:
        records = generic.parse(Selector(text=markup), url=URL, source="films", wanted={"film"}, fields_of_film=fields)
    except PageLayoutError:
        records = []
    assert bool(calls) is walked
    assert bool(records) is walked
