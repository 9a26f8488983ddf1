"""IMDb listing pages (charts, /find, title searches, user lists): what the listing parser must give."""

from __future__ import annotations

from decimal import Decimal

import pytest
from parsel import Selector

from crawler.core.extraction import selector_for
from crawler.core.parsers.errors import PageLayoutError
from crawler.core.parsers.imdb.listings import is_listing, parse_listing
from crawler.core.parsers.page import Page
from tests.fixture_cases import load_page

CHART_2009 = ("imdb/listing/chart-2009-table.html", "http://www.imdb.com/chart/top")
CHART_2020 = ("imdb/listing/chart-2020-table.html", "https://www.imdb.com/chart/top")
CHART_2013 = ("imdb/listing/chart-2013-table.html", "http://www.imdb.com/chart/top")
CHART_NEXT = ("imdb/listing/chart-2023-nextjs.html", "https://www.imdb.com/chart/top/")
FIND_2018 = ("imdb/listing/find-2018-findlist.html", "https://www.imdb.com/find?q=red+shoes&s=all")
FIND_NEXT = ("imdb/listing/find-2023-nextjs.html", "https://www.imdb.com/find/?q=red%20shoes&ref_=nv_sr_sm")
SEARCH_FRAGMENT = ("imdb/listing/search-advanced-nextjs-fragment.html", "http://localhost/")
SEARCH_LISTER = (
    "imdb/listing/search-title-lister-2019.html",
    "https://www.imdb.com/search/title/?title_type=feature&release_date=1940-01-01,1949-12-31",
)
LIST_LISTER = ("imdb/listing/list-lister-item-2020.html", "https://www.imdb.com/list/ls099900001/")


def page_of(case: tuple[str, str]) -> Page:
    path, url = case
    return Page(selector_for(load_page(path)), url)


def listing(case: tuple[str, str]) -> dict:
    records = parse_listing(page_of(case))
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize(
    ("case", "kind", "n_entries", "first_titles", "first_years"),
    [
        (
            CHART_2009,
            "chart",
            5,
            ["The Red Shoes", "Black Narcissus", "A Matter of Life and Death"],
            [1948, 1947, 1946],
        ),
        (
            CHART_2013,
            "chart",
            3,
            ["The Red Shoes", "Black Narcissus", "A Matter of Life and Death"],
            [1948, 1947, 1946],
        ),
        (
            CHART_2020,
            "chart",
            6,
            ["The Red Shoes", "Black Narcissus", "A Matter of Life and Death"],
            [1948, 1947, 1946],
        ),
        (
            CHART_NEXT,
            "chart",
            30,
            ["The Red Shoes", "Black Narcissus", "A Matter of Life and Death"],
            [1948, 1947, 1946],
        ),
        (FIND_2018, "search", 5, ["The Red Shoes", "The Red Shoes", "The Red Shoes"], [1948, 2025, 2010]),
        (FIND_NEXT, "search", 5, ["The Red Shoes", "The Red Shoes", "Red Shoes Diary"], [1948, 2025, None]),
        (
            SEARCH_FRAGMENT,
            "search",
            4,
            ["The Red Shoes Company", "Archers at War", "Matter of Heaven"],
            [2023, 2022, 2025],
        ),
        (
            SEARCH_LISTER,
            "search",
            5,
            ["A Matter of Life and Death", "The Life and Death of Colonel Blimp", "Peeping Tom"],
            [1946, 1943, 1960],
        ),
        (
            LIST_LISTER,
            "list",
            5,
            ["The Red Shoes", "Black Narcissus", "A Matter of Life and Death"],
            [1948, 1947, 1946],
        ),
    ],
)
def test_listing_parser_should_give_every_entry_in_page_order(case, kind, n_entries, first_titles, first_years):
    record = listing(case)
    assert record["type"] == "listing"
    assert record["source"] == "imdb"
    assert record["kind"] == kind
    assert len(record["entries"]) == n_entries
    assert [e["title"] for e in record["entries"][:3]] == first_titles
    assert [e.get("year") for e in record["entries"][:3]] == first_years


@pytest.mark.parametrize(
    "case", [CHART_2009, CHART_2020, CHART_NEXT, FIND_2018, FIND_NEXT, SEARCH_FRAGMENT, SEARCH_LISTER, LIST_LISTER]
)
def test_listing_entries_should_link_the_title_page_without_tracking_parameters(case):
    for entry in listing(case)["entries"]:
        tt = entry["id"].removeprefix("imdb:")
        assert entry["url"] == f"https://www.imdb.com/title/{tt}/"


def test_chart_parser_should_read_rank_rating_and_exact_votes_of_the_table():
    first = listing(CHART_2020)["entries"][0]
    assert first == {
        "title": "The Red Shoes",
        "year": 1948,
        "url": "https://www.imdb.com/title/tt0040725/",
        "id": "imdb:tt0040725",
        "rank": 1,
        "rating": {"value": Decimal("8.3"), "best": 10, "worst": 1, "count": 21464},
    }


def test_chart_table_of_2009_should_give_rank_rating_and_votes_from_its_plain_cells():
    entries = listing(CHART_2009)["entries"]
    assert (entries[4]["rank"], entries[4]["title"], entries[4]["rating"]["value"], entries[4]["rating"]["count"]) == (
        5,
        "I Know Where I'm Going!",
        Decimal("7.8"),
        4307,
    )


def test_chart_parser_should_take_the_rows_a_raw_response_does_not_render_from_the_page_data():
    page = page_of(CHART_NEXT)
    assert len(page.sel.css("li.ipc-metadata-list-summary-item")) == 25
    entries = listing(CHART_NEXT)["entries"]
    assert [e["rank"] for e in entries] == list(range(1, 31))
    assert entries[25] == {
        "title": "Archers Reel 26",
        "year": 1966,
        "url": "https://www.imdb.com/title/tt9990126/",
        "id": "imdb:tt9990126",
        "rank": 26,
        "rating": {"value": Decimal("7.8"), "best": 10, "worst": 1, "count": 1962},
    }


def test_chart_parser_should_give_the_exact_vote_count_behind_an_abbreviated_one():
    first = listing(CHART_NEXT)["entries"][0]
    assert "(21.5K)" in " ".join(page_of(CHART_NEXT).sel.css("li")[0].xpath(".//text()").getall()).replace(" ", "")
    assert first["rating"] == {"value": Decimal("8.3"), "best": 10, "worst": 1, "count": 21464}


def test_chart_parser_should_take_the_heading_and_the_stated_size():
    record = listing(CHART_2020)
    assert record["title"] == "Top Rated Archers Films"
    assert record["total"] == 6
    assert listing(CHART_NEXT)["title"] == "Top Archers Films"


def test_find_parser_should_count_only_the_title_results():
    ids = [e["id"] for e in listing(FIND_2018)["entries"]]
    assert ids == ["imdb:tt0040725", "imdb:tt9990025", "imdb:tt9990301", "imdb:tt9990302", "imdb:tt9990304"]
    next_ids = [e["id"] for e in listing(FIND_NEXT)["entries"]]
    assert "imdb:nm9990001" not in next_ids and len(next_ids) == 5


def test_find_parser_should_not_give_an_episode_the_year_of_its_series():
    by_id = {e["id"]: e for e in listing(FIND_2018)["entries"]}
    assert "year" not in by_id["imdb:tt9990302"]
    assert by_id["imdb:tt9990304"]["year"] == 2009  # "(2009) (Video)" keeps its year
    assert by_id["imdb:tt9990301"]["year"] == 2010  # "(I) (2010) (TV Episode)"


def test_search_parser_should_split_the_printed_rank_from_the_title_and_read_local_numbers():
    first = listing(SEARCH_FRAGMENT)["entries"][0]
    assert first == {
        "title": "The Red Shoes Company",
        "year": 2023,
        "url": "https://www.imdb.com/title/tt9990401/",
        "id": "imdb:tt9990401",
        "rank": 1,
        "rating": {"value": Decimal("8.7"), "best": 10, "worst": 1, "count": 646623},
    }


def test_search_parser_should_take_the_episode_of_an_episode_result_not_its_series():
    last = listing(SEARCH_LISTER)["entries"][-1]
    assert last == {
        "title": "The Red Shoes Revisited",
        "year": 1952,
        "url": "https://www.imdb.com/title/tt9990501/",
        "id": "imdb:tt9990501",
        "rank": 5,
        "rating": {"value": Decimal("7.2"), "best": 10, "worst": 1, "count": 312},
    }


def test_lister_pages_should_give_total_and_next_page():
    search = listing(SEARCH_LISTER)
    assert search["total"] == 1234
    assert search["next_url"] == (
        "https://www.imdb.com/search/title/?title_type=feature&release_date=1940-01-01,1949-12-31&start=51&ref_=adv_nxt"
    )
    user_list = listing(LIST_LISTER)
    assert user_list["title"] == "Archers Essentials"
    assert user_list["total"] == 120
    assert user_list["next_url"].endswith("/list/ls099900001/?sort=list_order,asc&st_dt=&mode=detail&page=2")


def test_list_parser_should_read_the_imdb_rating_not_the_viewers_own():
    first = listing(LIST_LISTER)["entries"][0]
    assert first["rating"]["value"] == Decimal("8.3")


@pytest.mark.parametrize(
    "case", [CHART_2009, CHART_2020, CHART_NEXT, FIND_2018, FIND_NEXT, SEARCH_FRAGMENT, SEARCH_LISTER, LIST_LISTER]
)
def test_is_listing_should_recognise_listing_markup_without_a_url(case):
    page = Page(selector_for(load_page(case[0])), "http://localhost/")
    assert is_listing(page)


def test_listing_kind_should_come_from_the_markup_when_the_url_says_nothing():
    assert parse_listing(Page(selector_for(load_page(CHART_NEXT[0])), "http://localhost/"))[0]["kind"] == "chart"
    assert parse_listing(Page(selector_for(load_page(FIND_2018[0])), "http://localhost/"))[0]["kind"] == "search"
    assert parse_listing(Page(selector_for(load_page(SEARCH_FRAGMENT[0])), "http://localhost/"))[0]["kind"] == "search"


def test_is_listing_should_refuse_a_page_without_listing_rows():
    page = Page(
        Selector(
            text="<html><body><h1>The Red Shoes (1948)</h1>"
            "<a href='/title/tt0039192/'>Black Narcissus</a></body></html>"
        ),
        "http://localhost/",
    )
    assert not is_listing(page)
    with pytest.raises(PageLayoutError):
        parse_listing(page)


def test_list_parser_should_read_a_nextjs_list_from_its_page_data():
    data = (
        '{"props":{"pageProps":{"mainColumnData":{"list":{"name":{"originalText":"Archers Essentials"},'
        '"titleListItemSearch":{"total":120,"edges":['
        '{"node":{"absolutePosition":1},"listItem":{"id":"tt0040725","titleText":{"text":"The Red Shoes"},'
        '"releaseYear":{"year":1948},"ratingsSummary":{"aggregateRating":8.3,"voteCount":21464}}},'
        '{"node":{"absolutePosition":2},"listItem":{"id":"tt0039192","titleText":{"text":"Black Narcissus"},'
        '"releaseYear":{"year":1947},"ratingsSummary":{"aggregateRating":7.8,"voteCount":30718}}}]}}}}}}'
    )
    page = Page(
        Selector(
            text=f'<html><body><div id="__next"></div><script id="__NEXT_DATA__" '
            f'type="application/json">{data}</script></body></html>'
        ),
        "https://www.imdb.com/list/ls099900001/",
    )
    assert is_listing(page)
    record = parse_listing(page)[0]
    assert (record["kind"], record["title"], record["total"]) == ("list", "Archers Essentials", 120)
    assert record["entries"][1] == {
        "title": "Black Narcissus",
        "year": 1947,
        "url": "https://www.imdb.com/title/tt0039192/",
        "id": "imdb:tt0039192",
        "rank": 2,
        "rating": {"value": Decimal("7.8"), "best": 10, "worst": 1, "count": 30718},
    }


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.imdb.com/user/ur0000001/ratings", "user_films"),
        ("https://www.imdb.com/user/ur0000001/watchlist", "watchlist"),
        ("https://www.imdb.com/list/ls099900001/", "list"),
    ],
)
def test_user_pages_should_say_whose_films_they_list(url, kind):
    page = Page(selector_for(load_page(LIST_LISTER[0])), url)
    assert parse_listing(page)[0]["kind"] == kind


def test_chart_of_2013_should_give_the_imdb_rating_column_not_the_star_widget_beside_it():
    # The "IMDb Rating" cell prints 8.2 based on 19,512 votes; the reader's star widget in the next cell
    # carries another average (8.3).
    chart = listing(CHART_2013)
    assert [(e["rank"], float(e["rating"]["value"]), e["rating"]["count"]) for e in chart["entries"]] == [
        (1, 8.2, 19512),
        (2, 8.0, 14250),
        (3, 8.1, 12877),
    ]
