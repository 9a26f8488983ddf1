"""Letterboxd film pages, lists and watchlists: what the Letterboxd parser must give."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from parsel import Selector

from crawler.core.extraction import extract, selector_for
from crawler.core.parsers import letterboxd
from crawler.core.parsers.errors import PageLayoutError, PageWithoutData, UnsupportedPage
from crawler.core.parsers.letterboxd.lists import described_years
from tests.fixture_cases import load_page

FILM_1948 = ("letterboxd/film/the-red-shoes-1948.html", "https://letterboxd.com/film/the-red-shoes/")
FILM_2025 = ("letterboxd/film/the-red-shoes-2025.html", "https://letterboxd.com/film/the-red-shoes-2025/")
LIST = ("letterboxd/list/the-archers-ranked.html", "https://letterboxd.com/vickypage/list/the-archers-ranked/")
WATCHLIST = ("letterboxd/watchlist/vickypage.html", "https://letterboxd.com/vickypage/watchlist/")


def parse(case: tuple[str, str]) -> dict:
    path, url = case
    records = letterboxd.parse(selector_for(load_page(path)), url=url)
    assert len(records) == 1
    return records[0]


def test_film_parser_should_read_the_member_rating_on_five_with_its_exact_counts():
    film = parse(FILM_1948)
    assert film["rating"] == {"value": Decimal("4.19"), "best": Decimal(5), "worst": Decimal(0), "count": 68342}
    assert film["ratings"] == [dict(film["rating"], kind="member", label="Letterboxd rating")]
    assert film["user_review_count"] == 9215


def test_film_parser_should_give_the_site_id_title_year_and_footer_runtime():
    film = parse(FILM_1948)
    assert film["id"] == "letterboxd:film/the-red-shoes"
    assert film["url"] == "https://letterboxd.com/film/the-red-shoes/"
    assert (film["title"], film["year"]) == ("The Red Shoes", 1948)
    assert (film["runtime_minutes"], film["runtime_raw"]) == (133, "133 mins")
    assert film["external_ids"] == {"imdb": "tt0040725"}


def test_film_parser_should_keep_the_visible_cast_order_not_the_json_ld_one():
    cast = parse(FILM_1948)["cast"]
    assert [m["name"] for m in cast[:3]] == ["Anton Walbrook", "Marius Goring", "Moira Shearer"]
    assert [m["order"] for m in cast] == list(range(1, len(cast) + 1))
    assert cast[0]["character"] == "Boris Lermontov"


def test_film_parser_should_split_a_credited_as_note_from_the_character():
    massine = parse(FILM_1948)["cast"][4]
    assert (massine["name"], massine["character"], massine["credited_as"]) == (
        "Léonide Massine",
        "Grischa Ljubov",
        "Leonide Massine",
    )


@pytest.mark.parametrize(
    ("case", "genres"),
    [
        (FILM_1948, ["Drama", "Romance", "Music"]),  # the genres tab, spelled as the JSON-LD spells them
        (FILM_2025, ["Drama", "Fantasy"]),  # no genres tab: JSON-LD genre
    ],
)
def test_film_parser_should_read_genres_from_the_tab_first(case, genres):
    assert parse(case)["genres"] == genres


def test_film_parser_should_never_take_database_dates_for_release_dates():
    film = parse(FILM_1948)
    assert "release_date" not in film and "releases" not in film


def test_film_parser_should_read_every_release_with_its_country_and_type():
    film = parse(FILM_2025)
    assert film["releases"][0] == {
        "date": "2025-08-29",
        "date_raw": "29 Aug 2025",
        "country": "Italy",
        "country_code": "IT",
        "note": "Premiere (Venice Film Festival)",
    }
    assert [(r["country_code"], r["date"], r["note"]) for r in film["releases"][1:]] == [
        # the country's name with a tooltip naming the festival ("<span class="name tooltip" title=...>")
        ("GB", "2025-10-17", "Theatrical (BFI London Film Festival)"),
        ("IE", "2025-10-17", "Theatrical"),
        ("US", "2025-11-07", "Theatrical"),
        ("US", "2025-12-12", "Digital"),
    ]
    assert (film["release_date"], film["release_country"]) == ("2025-10-17", "GB")


def test_film_parser_should_leave_out_a_rating_the_page_does_not_give():
    film = parse(FILM_2025)
    assert "rating" not in film and "ratings" not in film and "external_ids" not in film


def test_film_parser_should_read_crew_and_details_tabs():
    film = parse(FILM_1948)
    assert [d["name"] for d in film["directors"]] == ["Michael Powell", "Emeric Pressburger"]
    assert [(w["name"], w.get("note")) for w in film["writers"]] == [
        ("Michael Powell", None),
        ("Emeric Pressburger", None),
        ("Hans Christian Andersen", "original writer"),
    ]
    assert (film["countries"], film["languages"]) == (["UK"], ["English"])


def test_list_parser_should_give_ranked_entries_with_years_from_the_description():
    listing = parse(LIST)
    assert (listing["kind"], listing["total"]) == ("list", 120)
    assert listing["next_url"] == "https://letterboxd.com/vickypage/list/the-archers-ranked/page/2/"
    first = listing["entries"][0]
    assert first == {
        "title": "The Red Shoes",
        "year": 1948,
        "rank": 1,
        "url": "https://letterboxd.com/film/the-red-shoes/",
        "id": "letterboxd:film/the-red-shoes",
    }
    assert [e.get("year") for e in listing["entries"]] == [1948, 1947, 1946, 1960, 1943, None]


def test_watchlist_parser_should_split_title_and_year_from_the_item_name():
    listing = parse(WATCHLIST)
    assert (listing["kind"], listing["total"], listing.get("next_url")) == ("watchlist", 4, None)
    assert [(e["title"], e.get("year")) for e in listing["entries"]] == [
        ("The Red Shoes", 2025),
        ("The Red Shoes", 1948),
        ("Gone to Earth", 1950),
        ("Untitled Archers Project", None),
    ]
    assert all("rank" not in e for e in listing["entries"])


@pytest.mark.parametrize(
    ("description", "years"),
    [
        (
            "A list of 9 films compiled on Letterboxd, including Come and See (1985), Parasite (2019) and See (2007). "
            "About this list: x",
            {"Come and See": 1985, "Parasite": 2019, "See": 2007},
        ),
        (
            "A list of 3 films, including Crouching Tiger, Hidden Dragon (2000) and Ran (1985).",
            {"Crouching Tiger, Hidden Dragon": 2000, "Ran": 1985},
        ),
        ("A list of 2 films, including Psycho (1960) and Psycho (1998).", {}),
        ("samtestacct's Watchlist", {}),
    ],
)
def test_list_description_should_name_years_only_when_certain(description, years):
    assert described_years(description) == years


@pytest.mark.parametrize(
    "url",
    [
        "https://letterboxd.com/film/the-red-shoes/reviews/",
        "https://letterboxd.com/vickypage/",
        "https://letterboxd.com/vickypage/followers/",
        "https://letterboxd.com/vickypage/films/diary/",  # a diary without its table
        "https://letterboxd.com/film/the-red-shoes/reviews/",  # a review list without reviews
    ],
)
def test_parser_should_refuse_page_types_it_does_not_read(url):
    with pytest.raises(UnsupportedPage):
        letterboxd.parse(Selector(text="<html><body><h1>x</h1></body></html>"), url=url)


SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)
# A member's lists page: each list's preview posters, films of other pages than this one.
LISTS_OF_LISTS = (
    "<html><head><title>Vicky Page’s lists</title></head><body><section class='list-set'>"
    + "".join(
        f'<article class="list-summary"><ul class="poster-list -overlapped">'
        f'<li class="posteritem"><div class="react-component" data-item-name="{name}" data-item-link="/film/{slug}/">'
        f'<a href="/film/{slug}/" class="frame"><span class="frame-title">{name}</span></a></div></li>'
        f'<li class="posteritem"><div class="react-component" data-item-name="Peeping Tom (1960)"'
        f' data-item-link="/film/peeping-tom/"><a href="/film/peeping-tom/" class="frame">'
        f'<span class="frame-title">Peeping Tom (1960)</span></a></div></li></ul>'
        f'<h2 class="name"><a href="/vickypage/list/l{n}/">List {n}</a></h2></article>'
        for n, (name, slug) in enumerate(
            [("The Red Shoes (1948)", "the-red-shoes"), ("Black Narcissus (1947)", "black-narcissus")]
        )
    )
    + "</section></body></html>"
)


@pytest.mark.parametrize(
    "path",
    [
        "/vickypage/lists/",
        "/vickypage/lists/page/2/",
        "/film/the-red-shoes/lists/by/popular/",
        "/film/the-red-shoes/members/",
        "/film/the-red-shoes/fans/",
        "/film/the-red-shoes/likes/",
        "/film/the-red-shoes/ratings/rated/4/",
        "/vickypage/following/",
    ],
)
def test_pages_of_people_or_lists_should_give_no_films_not_even_through_the_generic_readers(path):
    url = f"https://letterboxd.com{path}"
    with pytest.raises(PageWithoutData):
        letterboxd.parse(Selector(text=LISTS_OF_LISTS), url=url)
    with pytest.raises(PageWithoutData):
        extract(selector_for(LISTS_OF_LISTS.encode()), url=url, site="letterboxd", scraped_at=SCRAPED_AT)


def test_film_parser_should_refuse_a_page_without_a_title():
    with pytest.raises(PageLayoutError):
        letterboxd.parse(
            Selector(text="<html><body><p>nothing</p></body></html>"), url="https://letterboxd.com/film/the-red-shoes/"
        )


USER_FILMS = ("letterboxd/user_films/vickypage-watched.html", "https://letterboxd.com/vickypage/films/")
BROWSE_FRAGMENT = (
    "letterboxd/browse/popular-music-ajax.html",
    "https://letterboxd.com/films/ajax/popular/genre/music/",
)


@pytest.mark.parametrize(
    ("case", "kind", "parser"),
    [
        (USER_FILMS, "user_films", "letterboxd/user_films/poster_grid"),
        (BROWSE_FRAGMENT, "browse", "letterboxd/browse/poster_grid"),
    ],
)
def test_poster_grids_of_a_member_and_of_the_browser_should_be_listings(case, kind, parser):
    listing = parse(case)
    assert (listing["kind"], listing["extraction"]["parser"]) == (kind, parser)
    assert [e["title"] for e in listing["entries"][:2]] == ["The Red Shoes", "Black Narcissus"]
    assert listing["entries"][0]["id"] == "letterboxd:film/the-red-shoes"


def test_user_films_should_leave_out_the_sidebars_posters():
    titles = [e["title"] for e in parse(USER_FILMS)["entries"]]
    assert len(titles) == 5 and "Peeping Tom" not in titles


USER_FILMS_2025 = ("letterboxd/user_films/vickypage-films-2025.html", "https://letterboxd.com/vickypage/films/")


@pytest.mark.parametrize(
    ("case", "stars"),
    [
        # 2013-2023 poster containers, stars in `p.poster-viewingdata -rated`
        (USER_FILMS, [Decimal(5), Decimal(4), Decimal("3.5"), Decimal("4.5"), Decimal(3)]),
        # 2024+ grid items; a poster only liked has no stars, nor do the sidebar's posters count
        (USER_FILMS_2025, [Decimal("4.5"), None, Decimal("0.5")]),
    ],
)
def test_member_films_should_carry_the_members_stars_under_each_poster(case, stars):
    entries = parse(case)["entries"]
    assert [(e.get("rating") or {}).get("value") for e in entries] == stars
    assert all(e["rating"]["best"] == 5 for e in entries if e.get("rating"))


@pytest.mark.parametrize(
    ("tooltip", "total"),
    [
        ('data-original-title="1,204&nbsp;films"', 1204),  # the page saved after its tooltips ran
        ('title="925&nbsp;films"', 925),  # the page as served
        ('title="Films Vicky Page has watched"', None),  # no count
    ],
)
def test_member_films_should_give_the_number_of_films_the_headings_tooltip_states(tooltip, total):
    page = (
        f'<html><body><h1 class="section-heading"><span class="tooltip" {tooltip}>Watched</span></h1>'
        '<ul class="grid"><li class="griditem"><div class="react-component" data-item-name="The Red Shoes (1948)"'
        ' data-item-link="/film/the-red-shoes/"></div></li></ul></body></html>'
    )
    listing = letterboxd.parse(Selector(text=page), url="https://letterboxd.com/vickypage/films/")[0]
    assert listing.get("total") == total
    assert parse(USER_FILMS_2025)["total"] == 1204


def test_a_lists_posters_should_not_take_stars_as_a_rating():
    page = (
        '<html><body><ul class="poster-list"><li class="poster-container"><div data-film-slug="/film/x/">'
        '<img alt="X"/></div><p class="poster-viewingdata"><span class="rating rated-8">★★★★</span></p></li></ul>'
        "</body></html>"
    )
    entry = letterboxd.parse(Selector(text=page), url="https://letterboxd.com/vickypage/list/x/")[0]["entries"][0]
    assert "rating" not in entry


def test_browse_fragment_should_give_its_stated_size_the_average_ratings_and_the_next_page():
    listing = parse(BROWSE_FRAGMENT)
    assert listing["total"] == 1286
    assert listing["entries"][0]["rating"] == {"value": Decimal("4.19"), "best": Decimal(5), "worst": Decimal(0)}
    assert listing["next_url"] == "https://letterboxd.com/films/popular/genre/music/size/small/page/2/"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://letterboxd.com/vickypage/films/", "user_films"),
        ("https://letterboxd.com/vickypage/films/by/rating/page/2/", "user_films"),
        ("https://letterboxd.com/films/popular/this/week/", "browse"),
        ("https://letterboxd.com/films/ajax/popular/", "browse"),
    ],
)
def test_poster_grid_urls_should_route_to_their_kind(url, kind):
    grid = '<ul class="poster-list"><li class="poster-container"><div data-film-slug="/film/x/"><img alt="X"/></div></li></ul>'
    assert letterboxd.parse(Selector(text=f"<html><body>{grid}</body></html>"), url=url)[0]["kind"] == kind


DIARY = ("letterboxd/diary/vickypage-2025.html", "https://letterboxd.com/vickypage/films/diary/")
FILM_REVIEWS = (
    "letterboxd/reviews/the-red-shoes-by-activity.html",
    "https://letterboxd.com/film/the-red-shoes/reviews/by/activity/",
)
MEMBER_REVIEWS = ("letterboxd/reviews/vickypage-reviews.html", "https://letterboxd.com/vickypage/films/reviews/")
FILM_REVIEWS_2025 = (
    "letterboxd/reviews/the-red-shoes-by-activity-2025.html",
    "https://letterboxd.com/film/the-red-shoes/reviews/by/activity/",
)
MEMBER_REVIEWS_2025 = (
    "letterboxd/reviews/vickypage-reviews-2025.html",
    "https://letterboxd.com/vickypage/films/reviews/",
)


def parse_all(case: tuple[str, str]) -> list[dict]:
    path, url = case
    return letterboxd.parse(selector_for(load_page(path)), url=url)


def test_diary_should_list_the_logged_films_with_year_and_the_members_stars():
    diary = parse(DIARY)
    assert (diary["kind"], diary["extraction"]["parser"]) == ("user_films", "letterboxd/diary/diary_table")
    assert [(e["id"], e["year"], e["rating"]["value"]) for e in diary["entries"]] == [
        ("letterboxd:film/the-red-shoes", 1948, Decimal(5)),  # bare data-film-slug (until 2021)
        ("letterboxd:film/the-red-shoes-2025", 2025, Decimal(3)),  # "/film/<slug>/" (2022+)
        ("letterboxd:film/a-matter-of-life-and-death", 1946, Decimal("4.5")),  # data-film-link
    ]
    assert diary["next_url"] == "https://letterboxd.com/vickypage/films/diary/page/2/"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        # a film's reviews: the film from the URL and the page title, the author from the attribution
        (
            FILM_REVIEWS,
            [
                ("letterboxd:film/the-red-shoes", "The Red Shoes", 1948, "Julian Craster", Decimal("4.5")),
                ("letterboxd:film/the-red-shoes", "The Red Shoes", 1948, "Boris Lermontov", Decimal(5)),
            ],
        ),
        # a member's reviews: the film from each review's heading, the author from the URL
        (
            MEMBER_REVIEWS,
            [
                ("letterboxd:film/the-red-shoes-2025", "The Red Shoes", 2025, "vickypage", Decimal(3)),
                ("letterboxd:film/the-red-shoes", "The Red Shoes", 1948, "vickypage", Decimal(5)),
            ],
        ),
        # 2024+ `article.production-viewing` items: stars as `rated-<n>`, as a labelled glyph, or none; the
        # sidebar's popular review of another film is no review of the page
        (
            FILM_REVIEWS_2025,
            [
                ("letterboxd:film/the-red-shoes", "The Red Shoes", 1948, "Vicky Page", Decimal("4.5")),
                ("letterboxd:film/the-red-shoes", "The Red Shoes", 1948, "Julian Craster", Decimal(4)),
                ("letterboxd:film/the-red-shoes", "The Red Shoes", 1948, "Boris L.", None),
            ],
        ),
        # a 2024+ member's reviews: the film from each item's poster, its year from `span.releasedate` or
        # the poster's name
        (
            MEMBER_REVIEWS_2025,
            [
                ("letterboxd:film/the-red-shoes-2025", "The Red Shoes", 2025, "vickypage", Decimal(3)),
                ("letterboxd:film/the-red-shoes", "The Red Shoes", 1948, "vickypage", Decimal(5)),
            ],
        ),
    ],
)
def test_review_lists_should_give_each_review_with_its_film_author_and_stars(case, expected):
    reviews = parse_all(case)
    assert [
        (r["film_id"], r["film_title"], r["film_year"], r["author"], (r.get("rating") or {}).get("value"))
        for r in reviews
    ] == expected
    assert {r["kind"] for r in reviews} == {"user"}


def test_a_spoiler_warning_should_flag_the_review_and_stay_out_of_its_text():
    flagged = parse_all(FILM_REVIEWS)[1]
    assert flagged["spoiler"] is True and "may contain spoilers" not in flagged["text"]


def test_a_watched_date_should_be_read_without_its_verb():
    review = parse_all(MEMBER_REVIEWS)[0]
    assert (review["date_raw"], review["date"]) == ("Watched 3 May 2025", "2025-05-03")


SEARCH = ("letterboxd/search/red-shoes.html", "https://letterboxd.com/search/films/red%20shoes/")
SEARCH_2025 = ("letterboxd/search/red-shoes-2025.html", "https://letterboxd.com/search/red%20shoes/")


# until 2023 `span.film-title-wrapper` headings; 2024+ `li.search-result.-production` posters, the year of the
# poster's name or of `small.metadata` (a review's, a member's or a director's result is no film result)
@pytest.mark.parametrize("case", [SEARCH, SEARCH_2025])
def test_search_page_should_list_film_results_only(case):
    listing = parse(case)
    assert (listing["kind"], listing["extraction"]["parser"]) == ("search", "letterboxd/search/results")
    assert [(e["id"], e["year"]) for e in listing["entries"]] == [
        ("letterboxd:film/the-red-shoes", 1948),
        ("letterboxd:film/the-red-shoes-2025", 2025),
    ]
    # a member result links elsewhere, and the sidebar's film is not a result


FILM_2015 = ("letterboxd/film/the-red-shoes-1948-2015.html", "https://letterboxd.com/film/the-red-shoes/")


def test_film_page_without_json_ld_should_take_the_average_from_its_twitter_card_without_a_count():
    film = parse(FILM_2015)
    assert film["rating"] == {"value": Decimal("4.19"), "best": Decimal(5), "worst": Decimal(0)}
    assert "user_review_count" not in film
    assert (film["title"], film["year"], film["runtime_minutes"]) == ("The Red Shoes", 1948, 133)


PERSON_2022 = ("letterboxd/person/michael-powell-director-2022.html", "https://letterboxd.com/director/michael-powell/")


def test_person_page_should_give_the_persons_poster_grid_as_a_filmography():
    listing = parse(PERSON_2022)
    # the heading's context line ("Films directed by") is not the name; the sidebar's posters are not entries
    assert (listing["kind"], listing["title"]) == ("filmography", "Michael Powell")
    assert [(e["title"], e.get("year"), e["id"]) for e in listing["entries"]] == [
        ("The Red Shoes", 1948, "letterboxd:film/the-red-shoes"),
        ("Black Narcissus", 1947, "letterboxd:film/black-narcissus"),
        ("A Matter of Life and Death", 1946, "letterboxd:film/a-matter-of-life-and-death"),
        ("Peeping Tom", 1960, "letterboxd:film/peeping-tom"),
    ]
    assert listing["extraction"]["parser"] == "letterboxd/person/poster_grid"


@pytest.mark.parametrize(
    "path", ["/actor/anton-walbrook/", "/writer/emeric-pressburger/by/rating/", "/cinematography/jack-cardiff/"]
)
def test_person_pages_of_every_credit_should_be_read_as_filmographies(path):
    listing = parse((PERSON_2022[0], f"https://letterboxd.com{path}"))
    assert listing["kind"] == "filmography" and len(listing["entries"]) == 4


def test_liked_films_page_should_be_read_as_the_members_films():
    listing = parse(
        ("letterboxd/user_films/vickypage-likes-2025.html", "https://letterboxd.com/vickypage/likes/films/")
    )
    # the remake and the original keep their own years; the sidebar's poster is not an entry
    assert listing["kind"] == "user_films"
    assert [(e["title"], e.get("year")) for e in listing["entries"]] == [
        ("The Red Shoes", 1948),
        ("The Red Shoes", 2025),
        ("Peeping Tom", 1960),
    ]


@pytest.mark.parametrize(
    ("path", "films"),
    [
        # until 2023: li.poster-container with data-film-slug; a favourite also watched recently is listed once
        (
            "letterboxd/profile/vickypage-2016.html",
            [("The Red Shoes", 1948), ("Black Narcissus", 1947), ("Peeping Tom", 1960)],
        ),
        # since 2024: li.posteritem / li.griditem with data-item-name "Title (year)"
        (
            "letterboxd/profile/vickypage-2024.html",
            [("The Red Shoes", 1948), ("The Red Shoes", 2025), ("Peeping Tom", 1960)],
        ),
    ],
)
def test_profile_should_list_its_favourites_then_recent_films_and_no_site_or_sidebar_posters(path, films):
    # The header's and sidebar's posters and a "Popular this week" strip are not the member's films.
    listing = parse((path, "https://letterboxd.com/vickypage/"))
    assert (listing["type"], listing["kind"], listing["title"]) == ("listing", "user_films", "Vicky Page")
    assert listing["extraction"]["parser"] == "letterboxd/profile/poster_sections"
    assert [(entry["title"], entry["year"]) for entry in listing["entries"]] == films
    assert all(entry["url"].startswith("https://letterboxd.com/film/") for entry in listing["entries"])


@pytest.mark.parametrize(
    ("path", "stars"),
    [
        # the favourite also watched recently takes the stars shown under its recent poster
        ("letterboxd/profile/vickypage-2016.html", [Decimal(5), None, Decimal(4)]),
        ("letterboxd/profile/vickypage-2024.html", [None, None, Decimal("3.5")]),
    ],
)
def test_profile_entries_should_carry_the_members_stars_on_five(path, stars):
    listing = parse((path, "https://letterboxd.com/vickypage/"))
    assert [(entry.get("rating") or {}).get("value") for entry in listing["entries"]] == stars
    assert all(entry["rating"]["best"] == 5 for entry in listing["entries"] if entry.get("rating"))


@pytest.mark.parametrize(
    ("url", "page_type"),
    [
        ("https://letterboxd.com/vickypage/", "profile"),
        ("https://letterboxd.com/vickypage", "profile"),
        ("https://letterboxd.com/films/", None),
        ("https://letterboxd.com/members/", None),
        ("https://letterboxd.com/vickypage/followers/", "no_films"),
    ],
)
def test_a_profile_should_be_one_path_segment_that_is_not_a_site_section(url, page_type):
    assert letterboxd.SITE.page_type_of(url) == page_type


MEMBER_REVIEW = (
    "letterboxd/review/vickypage-the-red-shoes-1-2019.html",
    "https://letterboxd.com/vickypage/film/the-red-shoes/1/",
)


def test_a_members_review_page_should_give_the_review_with_its_film_stars_and_diary_day():
    review = parse(MEMBER_REVIEW)
    assert review["extraction"]["parser"] == "letterboxd/review/viewing_info"
    assert (review["film_id"], review["film_title"], review["film_year"]) == (
        "letterboxd:film/the-red-shoes",
        "The Red Shoes",
        1948,
    )
    assert (review["author"], review["author_url"]) == ("Vicky Page", "https://letterboxd.com/vickypage/")
    # "rated-large-9" on the review's own page; the sidebar's other review ("rated-8") is not this one
    assert review["rating"]["value"] == Decimal("4.5")
    # the printed parts ("14 Mar 2019") dated by the diary day they link to
    assert (review["date_raw"], review["date"]) == ("Rewatched 14 Mar 2019", "2019-03-14")
    assert review["spoiler"] is True and "may contain spoilers" not in review["text"]


@pytest.mark.parametrize(
    ("url", "page_type"),
    [
        ("https://letterboxd.com/vickypage/film/the-red-shoes/", "review"),
        ("https://letterboxd.com/vickypage/film/the-red-shoes", "review"),
        ("https://letterboxd.com/vickypage/film/the-red-shoes/1/", "review"),
        ("https://letterboxd.com/vickypage/film/the-red-shoes/likes/", None),
        ("https://letterboxd.com/vickypage/film/the-red-shoes/activity/", None),
        ("https://letterboxd.com/film/the-red-shoes/", "film"),
        ("https://letterboxd.com/film/the-red-shoes/reviews/", "reviews"),
    ],
)
def test_a_members_review_address_should_be_its_own_page_type(url, page_type):
    assert letterboxd.SITE.page_type_of(url) == page_type


HEADING_STARS = '<span class="rating rating-large rated-large-9">'
REACTIONS_STRIP = '<div class="content-reactions-strip"><span class="rating -green rated-7">★★★½</span></div>'


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # the stars of a review list's markup
        ([("rated-large-9", "rated-9")], {"rating": Decimal("4.5")}),
        # no stars by the heading: none, not those of the sidebar's review
        ([(HEADING_STARS, '<span class="hidden">')], {"rating": None}),
        # the stars in the reactions strip under the review (2024 on)
        (
            [(HEADING_STARS, '<span class="hidden">'), ('<p class="like-link-target', REACTIONS_STRIP + "<p ")],
            {"rating": Decimal("3.5")},
        ),
        # no diary link: the printed date is read without its verb
        (
            [('<a href="/vickypage/films/diary/for/2019/03/14/">14</a>', "14")],
            {"date": "2019-03-14"},
        ),
        # a diary day that is no date gives way to the printed one
        ([("/for/2019/03/14/", "/for/2019/02/31/")], {"date": "2019-03-14"}),
        # a date printed without its verb is the whole of date_raw
        ([("Rewatched", "")], {"date_raw": "14 Mar 2019"}),
        # no heading link: the film of the address, untitled
        (
            [('<a href="/film/the-red-shoes/">The Red Shoes</a>', "")],
            {"film_id": "letterboxd:film/the-red-shoes", "film_title": None},
        ),
    ],
)
def test_a_members_review_page_should_read_each_variant_of_its_markup(changes, expected):
    path, url = MEMBER_REVIEW
    html = load_page(path).decode()
    for old, new in changes:
        assert old in html
        html = html.replace(old, new)
    review = letterboxd.parse(selector_for(html.encode()), url=url)[0]
    for key, value in expected.items():
        got = review.get(key)
        assert (got["value"] if key == "rating" and got else got) == value


def test_a_members_review_page_without_its_text_should_be_refused():
    path, url = MEMBER_REVIEW
    html = load_page(path).decode()
    html = html.replace("Second time round I watched the orchestra pit instead of the stage.", "")
    html = html.replace("The ending still lands like a dropped tray of glasses.", "")
    with pytest.raises(PageLayoutError):
        letterboxd.parse(selector_for(html.encode()), url=url)


LIST_DETAIL = (
    "letterboxd/list/the-archers-ranked-detail-2017.html",
    "https://letterboxd.com/vickypage/list/the-archers-ranked/detail/",
)


def test_a_lists_detail_view_should_give_each_row_with_its_printed_year_and_number():
    listing = parse(LIST_DETAIL)
    assert (listing["kind"], listing["extraction"]["parser"], listing["total"]) == ("list", "letterboxd/list/lists", 4)
    assert [(e["rank"], e["id"], e["title"], e["year"]) for e in listing["entries"]] == [
        (1, "letterboxd:film/the-red-shoes", "The Red Shoes", 1948),
        (2, "letterboxd:film/black-narcissus", "Black Narcissus", 1947),
        # a row without its poster: titled and linked by its heading
        (3, "letterboxd:film/a-matter-of-life-and-death", "A Matter of Life and Death", 1946),
        (4, "letterboxd:film/peeping-tom", "Peeping Tom", 1960),
    ]


LIST_DETAIL_2025 = (
    "letterboxd/list/the-archers-ranked-detail-2025.html",
    "https://letterboxd.com/vickypage/list/the-archers-ranked/detail/",
)


def test_a_2024_lists_detail_view_should_give_each_row_headed_by_its_film():
    """Rows under `div.js-list-entries`, headed `h2.name.-primary`, the year in `span.releasedate`; a row that
    prints no year has none, and the sidebar's row is not an entry."""
    listing = parse(LIST_DETAIL_2025)
    assert [(e["rank"], e["id"], e.get("year")) for e in listing["entries"]] == [
        (1, "letterboxd:film/the-red-shoes", 1948),
        (2, "letterboxd:film/black-narcissus", 1947),
        (3, "letterboxd:film/the-red-shoes-2025", None),
    ]


def test_a_cut_reviews_more_link_should_stay_out_of_its_text():
    review = parse_all(FILM_REVIEWS_2025)[1]
    assert review["text"].endswith("outlasted every note of it, which is…")


def test_a_2024_reviews_date_should_be_the_viewings_not_the_films_release_year():
    reviews = parse_all(MEMBER_REVIEWS_2025)
    assert [(r.get("date"), r.get("date_raw")) for r in reviews] == [
        ("2025-05-03", "Watched 03 May 2025"),
        (None, None),
    ]


# A heading holding an empty `small.metadata` inside its title link before the one printing the year.
EMPTY_THEN_YEAR = (
    '<h2 class="headline-2 prettify"><span class="film-title-wrapper"><a href="{href}">The Red Shoes'
    ' <small class="metadata"></small></a> <small class="metadata"><a href="/films/year/1948/">1948</a></small>'
    "</span></h2>"
)


@pytest.mark.parametrize(
    ("url", "row", "read"),
    [
        (
            "https://letterboxd.com/vickypage/films/reviews/",
            '<li class="film-detail"><div class="film-detail-content">'
            + EMPTY_THEN_YEAR.format(href="/vickypage/film/the-red-shoes/")
            + '<div class="body-text"><p>The ballet sequence, still.</p></div></div></li>',
            lambda records: records[0]["film_year"],
        ),
        (
            "https://letterboxd.com/vickypage/list/the-archers-ranked/detail/",
            '<ul class="js-list-entries"><li class="film-detail"><p class="list-number">1</p>'
            + EMPTY_THEN_YEAR.format(href="/film/the-red-shoes/")
            + "</li></ul>",
            lambda records: records[0]["entries"][0]["year"],
        ),
        (
            "https://letterboxd.com/search/red%20shoes/",
            '<ul class="results"><li>' + EMPTY_THEN_YEAR.format(href="/film/the-red-shoes/") + "</li></ul>",
            lambda records: records[0]["entries"][0]["year"],
        ),
    ],
)
def test_a_headings_year_should_be_its_first_printed_one(url, row, read):
    records = letterboxd.parse(Selector(text=f"<html><body><section>{row}</section></body></html>"), url=url)
    assert read(records) == 1948


BROWSE_PAGE = """<html><head><title>{title}</title></head><body><h1>{heading}</h1><ul class="poster-list">
<li class="poster-container"><div class="film-poster" data-target-link="/film/the-red-shoes/">
<img alt="The Red Shoes" src="/p.png"></div></li>
<li class="poster-container"><div class="film-poster" data-target-link="/film/hamlet-1948/" data-film-release-year="1948">
<img alt="Hamlet" src="/p.png"></div></li></ul></body></html>"""


# (page title, heading, address; the years of the entries: the first states none, the second 1948)
BROWSE_YEARS = [
    ("Popular films of 1948 • Letterboxd", "Popular films of 1948", "/films/popular/year/1948/", [1948, 1948]),
    ("Films released in 1948 • Letterboxd", "", "/films/year/1948/", [1948, 1948]),
    # the address alone says nothing of the films' years
    ("Films • Letterboxd", "Popular films", "/films/popular/year/1948/", [None, 1948]),
    # "this year" is when members watched them, not the films' year
    ("Popular films this year • Letterboxd", "", "/films/popular/this/year/", [None, 1948]),
    # the page and its address disagree: no year for all
    ("Popular films of 1948 • Letterboxd", "", "/films/popular/year/1949/", [None, 1948]),
    ("Popular films of 1940 • Letterboxd", "", "/films/popular/decade/1940s/", [None, 1948]),
    # the title and the heading state different years
    ("Popular films of 1948 • Letterboxd", "Popular films of 1949", "/films/popular/", [None, 1948]),
]


@pytest.mark.parametrize(("title", "heading", "path", "years"), BROWSE_YEARS, ids=[c[0] + c[2] for c in BROWSE_YEARS])
def test_browse_page_stating_the_year_of_all_its_films_should_give_it_to_each(title, heading, path, years):
    page = BROWSE_PAGE.format(title=title, heading=heading).encode()
    [listing] = letterboxd.parse(selector_for(page), url=f"https://letterboxd.com{path}")
    assert [e.get("year") for e in listing["entries"]] == years


def test_a_user_list_named_for_a_year_should_not_date_its_films():
    page = BROWSE_PAGE.format(title="Films of 1948 I love, a list by someone • Letterboxd", heading="").encode()
    [listing] = letterboxd.parse(selector_for(page), url="https://letterboxd.com/someone/list/films-of-1948/")
    assert [e.get("year") for e in listing["entries"]] == [None, 1948]


def test_poster_caption_should_give_the_year_of_the_title_it_names():
    listing = parse(
        ("letterboxd/list/namesakes-frame-captions-2019.html", "https://letterboxd.com/redshoesfan/list/namesakes/")
    )
    assert [(e["title"], e.get("year")) for e in listing["entries"]] == [
        ("The Red Shoes", 1948), ("The Red Shoes", 2025), ("Black Narcissus", 1947), ("Peeping Tom", None),
        ("The Tales of Hoffmann", 1951), ("Gone to Earth", 1950),
    ]  # fmt: skip


SIMILAR = ("letterboxd/similar/the-red-shoes-2024.html", "https://letterboxd.com/film/the-red-shoes/similar/")


def test_similar_films_should_be_a_related_listing_of_the_grid_not_the_sidebar():
    listing = parse(SIMILAR)
    assert (listing["kind"], listing["extraction"]["parser"]) == ("related", "letterboxd/similar/poster_grid")
    titles = [e["title"] for e in listing["entries"]]
    assert titles[:2] == ["Black Narcissus", "The Tales of Hoffmann"] and len(titles) == 7
    assert "Casablanca" not in titles  # the sidebar's "popular this week"
    assert listing.get("total") is None  # the film's year beside the heading is no count


def test_similar_films_should_leave_out_the_films_own_poster_heading_the_grid():
    page = (
        load_page(SIMILAR[0])
        .decode()
        .replace(
            '<ul class="poster-list -p125 -grid film-list">',
            '<ul class="poster-list -p125 -grid film-list"><li class="poster-container"><div class="react-component poster'
            ' film-poster" data-item-name="The Red Shoes (1948)" data-item-slug="the-red-shoes"'
            ' data-item-link="/film/the-red-shoes/"><img alt="Poster for The Red Shoes (1948)"/></div></li>',
        )
    )
    [listing] = letterboxd.parse(Selector(text=page), url=SIMILAR[1])
    assert [e["title"] for e in listing["entries"]][:1] == ["Black Narcissus"]


def test_a_browse_page_whose_grid_loads_later_should_give_no_listing_not_even_the_sidebars():
    url = "https://letterboxd.com/films/popular/"
    page = load_page("letterboxd/browse/popular-shell-loading-2022.html")
    with pytest.raises(PageLayoutError):
        extract(selector_for(page), url=url, site="letterboxd", scraped_at=SCRAPED_AT)
