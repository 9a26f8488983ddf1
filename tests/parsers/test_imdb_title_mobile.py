"""IMDb's mobile title pages (m.imdb.com, 2011-2021), read as a specification.

One row per saved mobile page of each era: which layout reads it, and the fields it must give. Then the
cases that set the mobile layout apart: a desktop page of any era is never claimed by it, the rating is read
from the bar when the page has no structured data, a title not yet rated is read without a rating, and a page
saved without its URL is told by its markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from crawler.core.extraction import extract, selector_for
from crawler.core.parsers import imdb
from crawler.core.parsers.imdb import TITLE_LAYOUTS, title_mobile
from crawler.core.parsers.page import Page
from schemas import validate_record
from tests.fixture_cases import FIXTURES, load_page

SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)
MOBILE_2013 = "imdb/title/a-matter-of-life-and-death-1946-mobile-2013.html"
MOBILE_2018 = "imdb/title/red-shoes-1948-mobile-2018.html"
MOBILE_UNRATED = "imdb/title/tides-of-saunton-mobile-2019-unrated.html"
SAVED_FILE_URL = "file:///home/user/Downloads/saved-title-page.html"


def films_of(html: bytes, url: str) -> list[dict[str, Any]]:
    found = extract(selector_for(html), url=url, site="imdb", scraped_at=SCRAPED_AT).records
    for record in found:
        validate_record(record)
    return [record for record in found if record["type"] == "film"]


def film_of(html: bytes, url: str) -> dict[str, Any]:
    films = films_of(html, url)
    assert len(films) == 1
    return films[0]


def without(pattern: str, html: bytes) -> bytes:
    """The page with every match of `pattern` (a regular expression over its text) cut out."""
    return re.sub(pattern, "", html.decode("utf-8"), flags=re.DOTALL).encode("utf-8")


@dataclass(frozen=True)
class MobilePage:
    page: str
    url: str
    title: str
    year: int
    rating: tuple[str, int] | None  # (value out of 10, exact vote count)
    metascore: int | None
    runtime: int | None
    genres: list[str]
    certificate: str | None
    release: tuple[str, str]  # (ISO date, country code)
    directors: list[str]
    writers: list[tuple[str, str | None]]
    first_cast: tuple[str, str | None]  # (name, character)
    countries: list[str]
    languages: list[str]

    @property
    def id(self) -> str:
        return self.page.rsplit("/", 1)[-1].removesuffix(".html")


POWELL_PRESSBURGER = ["Michael Powell", "Emeric Pressburger"]

PAGES = [
    # 2011-2014 "mobile-web": microdata throughout, credits in headed sections.
    MobilePage(
        MOBILE_2013,
        "http://m.imdb.com/title/tt0038733/",
        "A Matter of Life and Death",
        1946,
        ("8.1", 18765),
        None,
        104,
        ["Drama", "Fantasy", "Romance"],
        "Approved",
        ("1946-11-15", "GB"),
        POWELL_PRESSBURGER,
        [("Michael Powell", "(written by)"), ("Emeric Pressburger", "(written by)")],
        ("David Niven", "Squadron Leader Peter David Carter"),
        ["UK"],
        ["English", "French"],
    ),
    # 2015-2021: #titleOverview header, JSON-LD Movie, "8.2/10" ratings bar, #cast-and-crew cards.
    MobilePage(
        MOBILE_2018,
        "https://m.imdb.com/title/tt0040725/",
        "The Red Shoes",
        1948,
        ("8.2", 30512),
        100,
        133,
        ["Drama", "Music", "Romance"],
        "Not Rated",
        ("1948-09-06", "GB"),
        POWELL_PRESSBURGER,
        [("Hans Christian Andersen", "(fairy tale)"), ("Emeric Pressburger", "(original screenplay)")],
        ("Anton Walbrook", "Boris Lermontov"),
        ["UK"],
        ["English", "French", "Russian"],
    ),
    # 2015-2021, a title not yet released: no rating, no runtime, no certificate; saved without its URL.
    MobilePage(
        MOBILE_UNRATED,
        SAVED_FILE_URL,
        "The Tides of Saunton",
        2021,
        None,
        None,
        None,
        ["Drama", "Mystery"],
        None,
        ("2021-05-14", "GB"),
        ["Ada Penrose"],
        [],
        ("Tom Ellery", "Sam Hartley"),
        ["UK"],
        [],
    ),
]


@pytest.fixture(params=PAGES, ids=[p.id for p in PAGES])
def mobile(request: pytest.FixtureRequest) -> MobilePage:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def film(mobile: MobilePage) -> dict[str, Any]:
    return film_of(load_page(mobile.page), mobile.url)


# ---------------------------------------------------------------- detection


def test_mobile_page_should_be_read_by_the_mobile_layout(mobile: MobilePage, film: dict[str, Any]):
    page = Page(selector_for(load_page(mobile.page)), mobile.url)
    assert next(m for m in TITLE_LAYOUTS if m.matches(page)) is title_mobile
    assert film["extraction"]["parser"] == "imdb/title/title_mobile"


DESKTOP_PAGES = sorted(
    str(p.relative_to(FIXTURES))
    for p in (FIXTURES / "imdb" / "title").glob("*.html")
    if "-mobile-" not in p.name and (p.with_name(p.stem + ".expected.json")).exists()
)


@pytest.mark.parametrize("page", DESKTOP_PAGES)
def test_desktop_page_of_any_era_should_never_be_claimed_by_the_mobile_layout(page: str):
    assert not title_mobile.matches(Page(selector_for(load_page(page)), "https://www.imdb.com/title/tt0040725/"))


def test_mobile_page_should_be_told_by_its_markup_under_a_desktop_or_no_url():
    html = load_page(MOBILE_2018)
    for url in ("https://www.imdb.com/title/tt0040725/", SAVED_FILE_URL):
        assert film_of(html, url)["extraction"]["parser"] == "imdb/title/title_mobile"


def test_page_without_url_or_canonical_link_should_be_named_by_its_page_id():
    html = without(r'<link rel="canonical"[^>]*>', load_page(MOBILE_UNRATED))
    film = film_of(html, SAVED_FILE_URL)
    assert (film["id"], film["url"]) == ("imdb:tt9990107", "https://www.imdb.com/title/tt9990107/")


# ---------------------------------------------------------------- fields


def test_mobile_page_should_identify_the_film_by_its_main_page(film: dict[str, Any]):
    tt = film["external_ids"]["imdb"]
    assert film["id"] == f"imdb:{tt}"
    assert film["url"] == f"https://www.imdb.com/title/{tt}/"


def test_mobile_page_should_read_title_and_year(mobile: MobilePage, film: dict[str, Any]):
    assert (film["title"], film["year"]) == (mobile.title, mobile.year)


def test_mobile_page_should_read_the_rating_with_exact_votes_and_the_metascore(
    mobile: MobilePage, film: dict[str, Any]
):
    if mobile.rating is None:
        assert "rating" not in film
        assert "ratings" not in film
        return
    value, count = mobile.rating
    assert film["rating"] == {"value": Decimal(value), "best": Decimal(10), "worst": Decimal(1), "count": count}
    metascores = [r["value"] for r in film["ratings"] if r["kind"] == "metascore"]
    assert metascores == ([Decimal(mobile.metascore)] if mobile.metascore is not None else [])


def test_mobile_page_should_read_runtime_genres_and_certificate(mobile: MobilePage, film: dict[str, Any]):
    assert film.get("runtime_minutes") == mobile.runtime
    assert film["genres"] == mobile.genres
    assert (film["certificate"]["code"] if "certificate" in film else None) == mobile.certificate


def test_mobile_page_should_read_the_release_date_and_its_country(mobile: MobilePage, film: dict[str, Any]):
    assert (film["release_date"], film["release_country"]) == mobile.release


def test_mobile_page_should_read_directors_and_writers_with_ids_and_notes(mobile: MobilePage, film: dict[str, Any]):
    assert [d["name"] for d in film["directors"]] == mobile.directors
    assert all(d["id"].startswith("nm") for d in film["directors"])
    assert [(w["name"], w.get("note")) for w in film.get("writers", [])] == mobile.writers


def test_mobile_page_should_read_the_cast_in_billing_order_with_characters(mobile: MobilePage, film: dict[str, Any]):
    first = film["cast"][0]
    assert (first["name"], first.get("character")) == mobile.first_cast
    assert [m["order"] for m in film["cast"]] == list(range(1, len(film["cast"]) + 1))
    assert all(m["id"].startswith("nm") for m in film["cast"])


def test_mobile_page_should_read_countries_and_languages(mobile: MobilePage, film: dict[str, Any]):
    assert film.get("countries", []) == mobile.countries
    assert film.get("languages", []) == mobile.languages


def test_cast_card_should_split_the_credited_as_name_from_the_character():
    film = film_of(load_page(MOBILE_2018), "https://m.imdb.com/title/tt0040725/")
    massine = next(m for m in film["cast"] if m["name"] == "Léonide Massine")
    assert (massine["character"], massine["credited_as"]) == ("Ljubov", "Leonide Massine")


# ---------------------------------------------------------------- markup when the structured data is missing

JSON_LD = r'<script type="application/ld\+json">.*?</script>'
MICRODATA = r'\s(itemscope|itemtype="[^"]*"|itemprop="[^"]*")'


@pytest.mark.parametrize(
    ("page", "structured", "rating"),
    [
        (MOBILE_2018, JSON_LD, ("8.2", 30512)),  # "8.2/10" over "30,512"
        (MOBILE_2013, MICRODATA, ("8.1", 18765)),  # "8.1/10 (18,765 votes)"
    ],
)
def test_rating_should_be_read_from_the_ratings_bar_without_structured_data(page, structured, rating):
    film = film_of(without(structured, load_page(page)), "https://m.imdb.com/title/tt0040725/")
    value, count = rating
    assert (film["rating"]["value"], film["rating"]["count"]) == (Decimal(value), count)
    assert film["extraction"]["parser"] == "imdb/title/title_mobile"
    assert film["directors"] and film["cast"][0].get("character")


def test_markup_only_page_should_read_runtime_genres_and_certificate_from_the_infobar():
    film = film_of(without(JSON_LD, load_page(MOBILE_2018)), "https://m.imdb.com/title/tt0040725/")
    assert (film["runtime_minutes"], film["genres"], film["certificate"]["code"]) == (
        133,
        ["Drama", "Music", "Romance"],
        "Not Rated",
    )


def test_ratings_bar_without_a_score_should_give_no_rating_rather_than_a_guess():
    film = film_of(load_page(MOBILE_UNRATED), SAVED_FILE_URL)
    assert "rating" not in film
    assert film["title"] == "The Tides of Saunton"


# ---------------------------------------------------------------- what the title is

SERIES_PAGE = b"""<!DOCTYPE html><html><head><title>The Lantern Keepers (TV Series 2009-2011) - IMDb</title>
<link rel="canonical" href="https://www.imdb.com/title/tt9990001/"></head>
<body><div id="titleOverview"><div class="media vital"><div class="media-body">
<h1>The Lantern Keepers <small class="sub-header">(2009&ndash;2011)</small></h1>
<div class="infobar">TV Series <span class="ghost">|</span> 45 min <span class="ghost">|</span>
<span itemprop="genre">Drama</span></div></div></div>
<div id="ratings-bar"><div class="inline-block"><span class="mobile-sprite yellow-star"></span>
<span class="inline-block text-left vertically-middle">7.4<span>/10</span><br><small>1,204</small></span></div></div>
</div></body></html>"""


def test_series_page_should_give_its_kind_and_run_without_a_release_date():
    film = film_of(SERIES_PAGE, "https://m.imdb.com/title/tt9990001/")
    assert (film["title_kind"], film["year"], film["end_year"]) == ("tv_series", 2009, 2011)
    assert (film["runtime_minutes"], film["rating"]["count"]) == (45, 1204)
    assert "release_date" not in film


# ---------------------------------------------------------------- values that belong to no one: left out

OVERVIEW_PAGE = """<!DOCTYPE html><html><head><link rel="canonical" href="https://www.imdb.com/title/tt0040725/">
</head><body><div id="titleOverview"><div class="media vital"><div class="media-body">
<h1>The Red Shoes <small class="sub-header">(1948)</small></h1><div class="infobar">Drama</div></div></div>
<div id="ratings-bar"><div class="inline-block"><span class="mobile-sprite yellow-star"></span>
<span class="inline-block vertically-middle">8.2<span>/10</span><br><small>30,512</small></span></div>{bar}</div></div>
<section id="cast-and-crew"><h3>Cast &amp; Crew</h3>{credits}</section>{sections}</body></html>"""


def overview_film(*, bar: str = "", credits: str = "", sections: str = "") -> dict[str, Any]:
    html = OVERVIEW_PAGE.format(bar=bar, credits=credits, sections=sections)
    return film_of(html.encode("utf-8"), "https://m.imdb.com/title/tt0040725/")


@pytest.mark.parametrize(
    ("bar", "metascore"),
    [
        ('<a href="/title/tt0040725/criticreviews"><span class="metascore">97</span><small>Metascore</small></a>', 97),
        ('<a href="/title/tt0040725/criticreviews">Metascore: 88</a>', 88),
        ('<a href="/title/tt0040725/criticreviews">12 critic reviews</a>', None),  # a count, not a score
    ],
)
def test_metascore_should_be_read_only_where_the_bar_names_it(bar: str, metascore: int | None):
    scores = [r["value"] for r in overview_film(bar=bar)["ratings"] if r["kind"] == "metascore"]
    assert scores == ([Decimal(metascore)] if metascore is not None else [])


def test_recommended_film_marked_up_below_should_not_lend_its_values():
    recommended = (
        '<section><h3>More Like This</h3><div itemscope itemtype="http://schema.org/Movie">'
        '<span itemprop="name">A Matter of Life and Death</span><span itemprop="genre">Fantasy</span>'
        '<time itemprop="duration" datetime="PT104M">104 min</time></div></section>'
    )
    # The layout's own reading (the extraction may still fill a field it leaves empty from the generic readers).
    html = OVERVIEW_PAGE.format(bar="", credits="", sections=recommended)
    (film,) = imdb.parse(selector_for(html.encode("utf-8")), url="https://m.imdb.com/title/tt0040725/")
    assert film["extraction"]["parser"] == "imdb/title/title_mobile"
    assert ("genres", "runtime_minutes") & film.keys() == set()


def test_details_block_should_leave_out_its_see_more_link():
    sections = '<section><h3>Language</h3><p><a href="/l/en">English</a> <a href="/title/tt0040725/details">See more »</a></p></section>'
    assert overview_film(sections=sections)["languages"] == ["English"]


def test_stars_line_should_give_the_cast_when_the_page_has_no_cast_cards():
    credits = '<p><span>Stars:</span> <a href="/name/nm0908919/">Anton Walbrook</a>, <a href="/name/nm0331183/">Marius Goring</a></p>'
    cast = overview_film(credits=credits)["cast"]
    assert [(m["name"], m["id"], m["order"]) for m in cast] == [
        ("Anton Walbrook", "nm0908919", 1),
        ("Marius Goring", "nm0331183", 2),
    ]
