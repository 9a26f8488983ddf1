"""IMDb title pages of every layout era, and the sub-pages, read as a specification.

One row per saved fixture page: the key fields every layout must give (title, original title, year, the
users' rating with its exact vote count, runtime, genres, certificate, release date and country, directors,
the first billed cast member with character and credited-as name, writers with their credit notes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from crawler.core.extraction import extract, resolve_site, selector_for
from crawler.core.parsers.errors import BlockedPage
from crawler.core.parsers.imdb import TITLE_LAYOUTS, title_classic, title_next, title_overview, title_wrapper
from crawler.core.parsers.page import Page
from schemas import validate_record
from tests.fixture_cases import load_page

SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def records_of(relative: str, url: str, *, status: int | None = None) -> list[dict[str, Any]]:
    sel = selector_for(load_page(relative))
    found = extract(sel, url=url, site="imdb", scraped_at=SCRAPED_AT, status=status).records
    for record in found:
        validate_record(record)
    return found


def film_of(relative: str, url: str) -> dict[str, Any]:
    return next(r for r in records_of(relative, url) if r["type"] == "film")


@dataclass(frozen=True)
class Layout:
    page: str
    url: str
    module: Any
    title: str
    year: int
    rating: tuple[str, int] | None  # (value out of 10, exact vote count)
    runtime: int | None
    genres: list[str]
    certificate: str | None
    release: tuple[str, str] | None  # (ISO date, country code)
    directors: list[str]
    first_cast: tuple[str, str | None, str | None]  # (name, character, credited as)
    writers: list[tuple[str, str | None]] = field(default_factory=list)
    original_title: str | None = None

    @property
    def id(self) -> str:
        return self.page.rsplit("/", 1)[-1].removesuffix(".html")


POWELL_PRESSBURGER = ["Michael Powell", "Emeric Pressburger"]

LAYOUTS = [
    # 2008, pre-2010 table layout (browser-saved, no structured data): Black Narcissus (1947).
    Layout(
        "imdb/title/black-narcissus-1947-classic-2008.html",
        "http://www.imdb.com/title/tt0039192/",
        title_classic,
        "Black Narcissus",
        1947,
        ("8.0", 7543),
        100,
        ["Drama"],
        "Approved",
        ("1947-05-26", "GB"),
        POWELL_PRESSBURGER,
        ("Deborah Kerr", "Sister Clodagh", None),
        [("Rumer Godden", "(novel)"), ("Michael Powell", "(screenplay)"), ("Emeric Pressburger", "(screenplay)")],
    ),
    # 2010-2016, overview-top microdata: A Matter of Life and Death (1946).
    Layout(
        "imdb/title/a-matter-of-life-and-death-1946-overview-2015.html",
        "http://www.imdb.com/title/tt0038733/",
        title_overview,
        "A Matter of Life and Death",
        1946,
        ("8.1", 18765),
        104,
        ["Drama", "Fantasy", "Romance"],
        "Approved",
        ("1946-11-15", "GB"),
        POWELL_PRESSBURGER,
        ("David Niven", "Squadron Leader Peter David Carter", None),
        [("Michael Powell", "(written by)"), ("Emeric Pressburger", "(written by)")],
    ),
    # 2010-2011, first overview-top pages: a plain year span, "133 min" and a certificate image in the infobar,
    # "8.3/10" and "21,464 votes" in the star box, articles without ids: The Red Shoes (1948).
    Layout(
        "imdb/title/red-shoes-1948-overview-2011.html",
        "http://www.imdb.com/title/tt0040725/",
        title_overview,
        "The Red Shoes",
        1948,
        ("8.3", 21464),
        133,
        ["Drama", "Music", "Romance"],
        "NOT_RATED",
        ("1948-09-06", "GB"),
        POWELL_PRESSBURGER,
        ("Anton Walbrook", "Boris Lermontov", None),
        [("Hans Christian Andersen", "(fairy tale)"), ("Emeric Pressburger", "(original screenplay)")],
    ),
    # Late 2010: the same page with the h1 and the infobar above the overview table, outside td#overview-top.
    Layout(
        "imdb/title/red-shoes-1948-overview-header-above-2010.html",
        "http://www.imdb.com/title/tt0040725/",
        title_overview,
        "The Red Shoes",
        1948,
        ("8.3", 21464),
        133,
        ["Drama", "Music", "Romance"],
        "NOT_RATED",
        ("1948-09-06", "GB"),
        POWELL_PRESSBURGER,
        ("Anton Walbrook", "Boris Lermontov", None),
        [("Hans Christian Andersen", "(fairy tale)"), ("Emeric Pressburger", "(original screenplay)")],
    ),
    # 2016-2021, title_wrapper without JSON-LD: Peeping Tom (1960).
    Layout(
        "imdb/title/peeping-tom-1960-title-wrapper-2017.html",
        "http://www.imdb.com/title/tt0054167/",
        title_wrapper,
        "Peeping Tom",
        1960,
        ("7.7", 29118),
        101,
        ["Drama", "Horror", "Thriller"],
        "Unrated",
        ("1960-05-16", "GB"),
        ["Michael Powell"],
        ("Karlheinz Böhm", "Mark Lewis", "Carl Boehm"),
        [("Leo Marks", "(original screenplay)")],
    ),
    # 2020, title_wrapper + JSON-LD, German locale ("7,9", "31.245"): Black Narcissus (1947) as "Die schwarze Narzisse".
    Layout(
        "imdb/title/black-narcissus-1947-de-locale-2020.html",
        "https://www.imdb.com/title/tt0039192/",
        title_wrapper,
        "Die schwarze Narzisse",
        1947,
        ("7.9", 31245),
        100,
        ["Drama", "Romance"],
        "Approved",
        ("1947-05-26", "GB"),
        POWELL_PRESSBURGER,
        ("Deborah Kerr", "Sister Clodagh", None),
        [("Rumer Godden", "(based on the novel by)"), ("Michael Powell", "(screenplay by)")],
        original_title="Black Narcissus",
    ),
    # 2022-01, Next.js hero-title-block, US display title: A Matter of Life and Death (1946) as "Stairway to Heaven".
    Layout(
        "imdb/title/a-matter-of-life-and-death-1946-next-2022-01.html",
        "https://www.imdb.com/title/tt0038733/",
        title_next,
        "Stairway to Heaven",
        1946,
        ("8.1", 19112),
        104,
        ["Drama", "Fantasy", "Romance"],
        "Approved",
        ("1946-12-25", "US"),
        POWELL_PRESSBURGER,
        ("David Niven", "Peter Carter", None),
        [("Michael Powell", "(written by)"), ("Emeric Pressburger", "(written by)")],
        original_title="A Matter of Life and Death",
    ),
    # 2022-10, Next.js with aboveTheFoldData, "21K" on screen: The Red Shoes (1948).
    Layout(
        "imdb/title/red-shoes-1948-next-2022-10.html",
        "https://www.imdb.com/title/tt0040725/",
        title_next,
        "The Red Shoes",
        1948,
        ("8.1", 21464),
        133,
        ["Drama", "Music", "Romance"],
        "Not Rated",
        ("1948-10-22", "US"),
        POWELL_PRESSBURGER,
        ("Anton Walbrook", "Boris Lermontov", None),
        [
            ("Emeric Pressburger", "(original screenplay)"),
            ("Michael Powell", None),
            ("Hans Christian Andersen", "(fairy tale)"),
        ],
    ),
    # 2009, /combined details view (classic rows, no div.info-content): The Red Shoes (1948).
    Layout(
        "imdb/reference/red-shoes-1948-combined-2009.html",
        "http://www.imdb.com/title/tt0040725/combined",
        title_classic,
        "The Red Shoes",
        1948,
        ("8.2", 9872),
        133,
        ["Drama", "Music", "Romance"],
        "Approved",
        ("1948-09-06", "GB"),
        POWELL_PRESSBURGER,
        ("Anton Walbrook", "Boris Lermontov", None),
        [("Hans Christian Andersen", '(fairy tale "The Red Shoes")'), ("Emeric Pressburger", "(original screenplay)")],
    ),
    # 2016, /combined with div.info-content and a canonical link to /combined: Peeping Tom (1960).
    Layout(
        "imdb/reference/peeping-tom-1960-combined-2016.html",
        "http://www.imdb.com/title/tt0054167/combined",
        title_classic,
        "Peeping Tom",
        1960,
        ("7.7", 28406),
        101,
        ["Drama", "Horror", "Thriller"],
        "Unrated",
        ("1960-05-16", "GB"),
        ["Michael Powell"],
        ("Karlheinz Böhm", "Mark Lewis", "Carl Boehm"),
        [("Leo Marks", "(original screenplay)")],
    ),
]


@pytest.fixture(scope="module", params=LAYOUTS, ids=lambda layout: layout.id)
def layout(request) -> Layout:
    return request.param


@pytest.fixture(scope="module")
def film(layout: Layout) -> dict[str, Any]:
    return film_of(layout.page, layout.url)


def test_title_page_should_be_read_by_the_module_of_its_era(layout: Layout):
    page = Page(selector_for(load_page(layout.page)), layout.url)
    assert next(m for m in TITLE_LAYOUTS if m.matches(page)) is layout.module


def test_title_parser_should_identify_the_film_by_its_main_page(layout: Layout, film):
    tt = layout.url.split("/title/")[1].split("/")[0]
    assert film["id"] == f"imdb:{tt}"
    assert film["url"] == f"https://www.imdb.com/title/{tt}/"
    assert film["external_ids"] == {"imdb": tt}


def test_title_parser_should_read_the_displayed_and_original_title(layout: Layout, film):
    assert film["title"] == layout.title
    assert film.get("original_title") == layout.original_title
    assert film["year"] == layout.year


def test_title_parser_should_read_the_user_rating_with_the_exact_vote_count(layout: Layout, film):
    value, count = layout.rating
    assert film["rating"] == {"value": Decimal(value), "best": Decimal(10), "worst": Decimal(1), "count": count}
    assert film["ratings"][0] == dict(film["rating"], kind="user", label="IMDb RATING")


def test_title_parser_should_read_runtime_genres_and_certificate(layout: Layout, film):
    assert film["runtime_minutes"] == layout.runtime
    assert film["genres"] == layout.genres
    assert film["certificate"]["code"] == layout.certificate


def test_title_parser_should_read_the_visible_release_date_and_its_country(layout: Layout, film):
    date, country = layout.release
    assert film["release_date"] == date
    assert film["release_country"] == country


def test_title_parser_should_read_directors_and_writers_with_their_notes(layout: Layout, film):
    assert [d["name"] for d in film["directors"]] == layout.directors
    assert all(d["id"].startswith("nm") for d in film["directors"])
    assert [(w["name"], w.get("note")) for w in film["writers"]] == layout.writers


def test_title_parser_should_read_the_first_billed_cast_member(layout: Layout, film):
    first = film["cast"][0]
    assert (first["name"], first.get("character"), first.get("credited_as")) == layout.first_cast
    assert first["order"] == 1
    assert [m["order"] for m in film["cast"]] == list(range(1, len(film["cast"]) + 1))


# ---------------------------------------------------------------- details particular to some eras


@pytest.mark.parametrize(
    ("page", "url", "shown", "exact"),
    [
        # 2022-01: "19K" on screen, 19112 in the JSON-LD.
        (
            "imdb/title/a-matter-of-life-and-death-1946-next-2022-01.html",
            "https://www.imdb.com/title/tt0038733/",
            "19K",
            19112,
        ),
        # 2022-10: "21K" on screen, 21464 in the JSON-LD and in __NEXT_DATA__ aboveTheFoldData.
        ("imdb/title/red-shoes-1948-next-2022-10.html", "https://www.imdb.com/title/tt0040725/", "21K", 21464),
    ],
)
def test_next_title_parser_should_take_the_exact_count_behind_an_abbreviated_one(page, url, shown, exact):
    sel = selector_for(load_page(page))
    assert sel.xpath(f'//*[@data-testid="hero-rating-bar__aggregate-rating"]//div[text()="{shown}"]')
    assert film_of(page, url)["rating"]["count"] == exact


def test_localised_title_wrapper_should_read_comma_decimals_and_dot_thousands_as_numbers():
    sel = selector_for(load_page("imdb/title/black-narcissus-1947-de-locale-2020.html"))
    assert sel.xpath(f"string({title_wrapper.RATING_VALUE})").get() == "7,9"
    assert sel.xpath(f"string({title_wrapper.RATING_COUNT})").get() == "31.245"
    film = film_of("imdb/title/black-narcissus-1947-de-locale-2020.html", "https://www.imdb.com/title/tt0039192/")
    assert (film["rating"]["value"], film["rating"]["count"]) == (Decimal("7.9"), 31245)
    assert film["ratings"][1] == {
        "value": Decimal(86),
        "best": Decimal(100),
        "worst": Decimal(0),
        "kind": "metascore",
        "label": "Metascore",
    }


@pytest.mark.parametrize(
    ("page", "url", "name", "character", "credited_as"),
    [
        # 2008 classic table: "(as Sabu)" inside td.char, "(uncredited)" kept with the character as printed.
        (
            "imdb/title/black-narcissus-1947-classic-2008.html",
            "http://www.imdb.com/title/tt0039192/",
            "Sabu",
            "The Young General",
            "Sabu",
        ),
        (
            "imdb/title/black-narcissus-1947-classic-2008.html",
            "http://www.imdb.com/title/tt0039192/",
            "Ley On",
            "Phuba (uncredited)",
            None,
        ),
        # 2015 overview cast_list: the note after the character's div text.
        (
            "imdb/title/a-matter-of-life-and-death-1946-overview-2015.html",
            "http://www.imdb.com/title/tt0038733/",
            "Edwin Max",
            "Dr. McEwen",
            "Edward Max",
        ),
        (
            "imdb/title/a-matter-of-life-and-death-1946-overview-2015.html",
            "http://www.imdb.com/title/tt0038733/",
            "Tommy Duggan",
            "Patrick Aloyusius Mahoney (uncredited)",
            None,
        ),
        # 2022-10 Next.js: the note in its own list item after the character link.
        (
            "imdb/title/red-shoes-1948-next-2022-10.html",
            "https://www.imdb.com/title/tt0040725/",
            "Léonide Massine",
            "Grischa Ljubov",
            "Leonide Massine",
        ),
        (
            "imdb/title/red-shoes-1948-next-2022-10.html",
            "https://www.imdb.com/title/tt0040725/",
            "Alan Carr",
            "Sergei Ratov (uncredited)",
            None,
        ),
        # 2009 /combined (ISO-8859-1 page): name with an accent, note after the character link.
        (
            "imdb/reference/red-shoes-1948-combined-2009.html",
            "http://www.imdb.com/title/tt0040725/combined",
            "Léonide Massine",
            "Grischa Ljubov",
            "Leonide Massine",
        ),
    ],
)
def test_cast_should_split_the_credited_as_name_from_the_character(page, url, name, character, credited_as):
    member = next(m for m in film_of(page, url)["cast"] if m["name"] == name)
    assert (member.get("character"), member.get("credited_as")) == (character, credited_as)


def test_combined_2016_should_read_akas_with_their_countries_and_the_usa_certificate():
    film = film_of("imdb/reference/peeping-tom-1960-combined-2016.html", "http://www.imdb.com/title/tt0054167/combined")
    assert film["also_known_as"][1:] == [
        {"title": "Augen der Angst", "country": "West Germany"},
        {"title": "Le voyeur", "country": "France"},
    ]
    assert film["certificate"] == {"code": "Unrated", "normalized": "UNRATED", "country": "US"}
    assert film["runtime_minutes"] == 101


# ---------------------------------------------------------------- sub-pages


def test_fullcredits_parser_should_read_writers_with_notes_and_the_cast_in_credits_order():
    (film,) = records_of(
        "imdb/fullcredits/red-shoes-1948-fullcredits-2016.html", "http://www.imdb.com/title/tt0040725/fullcredits"
    )
    assert (film["id"], film["title"], film["year"]) == ("imdb:tt0040725", "The Red Shoes", 1948)
    assert [d["name"] for d in film["directors"]] == POWELL_PRESSBURGER
    assert [(w["name"], w["note"]) for w in film["writers"]][0::2] == [
        ("Hans Christian Andersen", '(fairy tale "The Red Shoes")'),
        ("Emeric Pressburger", "(screenplay)"),
        ("Keith Winter", "(additional dialogue) (uncredited)"),
    ]
    assert [(m["name"], m.get("character"), m.get("credited_as"), m["order"]) for m in film["cast"]][3:] == [
        ("Robert Helpmann", "Ivan Boleslawsky", "Robert Helpman", 4),
        ("Léonide Massine", "Grischa Ljubov", "Leonide Massine", 5),
        ("Ludmilla Tchérina", "Irina Boronskaja", "Ludmilla Tcherina", 6),
        ("Alan Carr", "Sergei Ratov (uncredited)", None, 7),
    ]


def test_locations_parser_should_read_every_place_with_its_note_and_the_title_summary():
    (film,) = records_of(
        "imdb/locations/red-shoes-1948-locations-2025.html", "https://www.imdb.com/title/tt0040725/locations/"
    )
    assert film["filming_locations"] == [
        "Monte Carlo, Monaco (opera house and harbour exteriors)",
        "Villefranche-sur-Mer, Alpes-Maritimes, France (villa and railway station)",
        "Royal Opera House, Covent Garden, London, England, UK",
        "Pinewood Studios, Iver Heath, Buckinghamshire, England, UK (studio)",
    ]
    assert (film["title"], film["year"], film["runtime_minutes"]) == ("The Red Shoes", 1948, 133)
    assert film["rating"]["count"] == 41287
    assert [d["name"] for d in film["directors"]] == POWELL_PRESSBURGER


REVIEW_FRAGMENT = "imdb/reviews/red-shoes-2025-review-cards-fragment-2025.html"


def test_review_fragment_saved_without_its_url_should_be_recognised_as_imdb_by_its_links():
    sel = selector_for(load_page(REVIEW_FRAGMENT))
    site, url = resolve_site(sel, url=None, site=None)
    assert site == "imdb"
    assert "imdb.com" in url


@pytest.mark.parametrize(
    ("review_id", "rating", "helpful", "spoiler", "date"),
    [
        ("imdb:rw9990101", Decimal(8), {"yes": 41, "total": 57}, False, "2025-09-14"),
        ("imdb:rw9990102", Decimal(6), {"yes": 4, "total": 8}, True, "2025-09-20"),
        ("imdb:rw9990103", None, {"yes": 0, "total": 3}, False, "2025-10-02"),
    ],
)
def test_review_cards_should_read_rating_up_and_down_votes_spoiler_and_date(review_id, rating, helpful, spoiler, date):
    sel = selector_for(load_page(REVIEW_FRAGMENT))
    _, url = resolve_site(sel, url=None, site=None)
    review = next(r for r in records_of(REVIEW_FRAGMENT, url) if r.get("id") == review_id)
    assert (review.get("rating") or {}).get("value") == rating
    assert review["helpful"] == helpful
    assert review["spoiler"] is spoiler
    assert review["date"] == date
    assert "film_id" not in review  # the fragment names no film and has no URL
    assert review["author_url"].startswith("https://www.imdb.com/user/ur")


def test_review_fragment_should_give_the_total_as_a_reviews_listing():
    sel = selector_for(load_page(REVIEW_FRAGMENT))
    _, url = resolve_site(sel, url=None, site=None)
    listing = next(r for r in records_of(REVIEW_FRAGMENT, url) if r["type"] == "listing")
    assert (listing["kind"], listing["total"]) == ("reviews", 1204)


@pytest.mark.parametrize("status", [202, None])
def test_waf_challenge_answer_should_be_refused_as_blocked(status):
    with pytest.raises(BlockedPage) as raised:
        records_of("imdb/blocked/waf-challenge-2026.html", "https://www.imdb.com/title/tt0040725/", status=status)
    assert raised.value.reason == "waf_challenge"


# ---------------------------------------------------------------- values that once came out wrong


def test_classic_certification_should_keep_a_multi_word_usa_certificate():
    page = load_page("imdb/title/black-narcissus-1947-classic-2008.html").replace(b"USA:Approved", b"USA:Not Rated")
    film = next(
        r
        for r in extract(
            selector_for(page), url="http://www.imdb.com/title/tt0039192/", site="imdb", scraped_at=SCRAPED_AT
        ).records
        if r["type"] == "film"
    )
    assert film["certificate"]["code"] == "Not Rated"


@pytest.mark.parametrize(
    ("certification", "expected"),
    [
        # No US entry: the first country listed, never the whole row.
        (b"Finland:K-16</a> <i>(self-rating: K-18)</i> | ", {"code": "K-16", "normalized": None, "country": "FI"}),
        (
            b"Japan:Unrated</a> <i>(self-rating: R-20)</i> | ",
            {"code": "Unrated", "normalized": "UNRATED", "country": "JP"},
        ),
    ],
)
def test_classic_certification_without_a_usa_entry_should_give_the_first_country_listed(certification, expected):
    page = load_page("imdb/title/black-narcissus-1947-classic-2008.html")
    start = page.index(b"Finland:K-16</a>")
    end = page.index(b"</div>", start)
    page = page[:start] + certification + b"UK:PG</a>\n" + page[end:]
    page = page.replace(b"Finland:K-16&amp;", b"X&amp;")
    film = next(
        r
        for r in extract(
            selector_for(page), url="http://www.imdb.com/title/tt0039192/", site="imdb", scraped_at=SCRAPED_AT
        ).records
        if r["type"] == "film"
    )
    assert film["certificate"] == expected
    assert "certificate" not in film["extraction"].get("fallback_fields", [])


def test_title_wrapper_2020_should_read_the_storyline_without_microdata():
    film = film_of("imdb/title/black-narcissus-1947-de-locale-2020.html", "https://www.imdb.com/title/tt0039192/")
    assert film.get("storyline", "").startswith("Sister Clodagh leads a small group of nuns")


def test_fullcredits_writer_note_should_not_keep_the_team_ampersand():
    (film,) = records_of(
        "imdb/fullcredits/red-shoes-1948-fullcredits-2016.html", "http://www.imdb.com/title/tt0040725/fullcredits"
    )
    assert film["writers"][1]["note"] == "(screenplay)"


def test_combined_aka_note_should_not_be_read_as_part_of_the_country():
    film = film_of("imdb/reference/peeping-tom-1960-combined-2016.html", "http://www.imdb.com/title/tt0054167/combined")
    assert film["also_known_as"][0] == {"title": "Face of Fear", "country": "USA", "note": "(TV title)"}


@pytest.mark.parametrize(
    ("header", "title", "original", "year"),
    [
        # 2010-2011: the title as h1 text, the year in a plain span.
        (
            '<h1 class="header">Die roten Schuhe <span>(<a href="/year/1948/">1948</a>)</span>'
            '<span class="title-extra">The Red Shoes <i>(original title)</i></span></h1>',
            "Die roten Schuhe",
            "The Red Shoes",
            1948,
        ),
        # 2012-2016: itemprop name spans, the original title marked itemprop="name" too.
        (
            '<h1 class="header"><span class="itemprop" itemprop="name">Die roten Schuhe</span>'
            '<span class="nobr">(<a href="/year/1948/">1948</a>)</span>'
            '<span class="title-extra" itemprop="name">The Red Shoes <i>(original title)</i></span></h1>',
            "Die roten Schuhe",
            "The Red Shoes",
            1948,
        ),
    ],
)
def test_overview_title_should_keep_the_localised_and_original_titles_apart(header, title, original, year):
    body = load_page("imdb/title/red-shoes-1948-overview-2011.html").decode()
    start, end = body.index('<h1 class="header">'), body.index("</h1>") + len("</h1>")
    page = (body[:start] + header + body[end:]).encode()
    found = next(
        r
        for r in extract(
            selector_for(page), url="http://www.imdb.com/title/tt0040725/", site="imdb", scraped_at=SCRAPED_AT
        ).records
        if r["type"] == "film"
    )
    assert (found["title"], found.get("original_title"), found["year"]) == (title, original, year)
