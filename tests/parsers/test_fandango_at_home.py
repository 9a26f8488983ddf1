"""Fandango at Home (Vudu): api2 answers and rendered title pages, checked against seed 001 (The Red Shoes)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from parsel import Selector

from crawler.core.extraction import selector_for
from crawler.core.parsers import fandango_at_home
from crawler.core.parsers.errors import PageLayoutError, UnsupportedPage
from crawler.core.parsers.fandango_at_home.content import certificate
from crawler.core.parsers.fandango_at_home.urls import details_url, next_page_url
from tests.fixture_cases import load_page

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "001_12f16b4c4d1442bf.txt"
SYNOPSIS = (
    "In this classic drama, Vicky Page is an aspiring ballerina torn between her dedication to dance and her "
    "desire to love. While her imperious instructor, Boris Lermontov, urges to her to forget anything but "
    "ballet, Vicky begins to fall for the charming young composer Julian Craster. Eventually Vicky, under great "
    "emotional stress, must choose to pursue either her art or her romance, a decision that carries serious "
    "consequences."
)
TITLE_URL = "https://athome.fandango.com/content/browse/details/The-Red-Shoes/12345"
API_TITLE = (
    "fandango_at_home/title/the-red-shoes-12345.json",
    "https://apicache.vudu.com/api2/?_type=contentSearch&contentId=12345&dimensionality=any"
    "&format=application%2Fjson&followup=ratingsSummaries&followup=genres&followup=credits"
    "&followup=usefulStreamableOffers",
)
RENDERED_TITLE = ("fandango_at_home/title/the-red-shoes-12345-rendered.html", TITLE_URL)
SEARCH = (
    "fandango_at_home/browse/search-red-shoes-offset-0.json",
    "http://apicache.vudu.com/api2/claimedAppId/myvudu/format/application*2Fjson/_type/contentSearch/count/3"
    "/offset/0/sortBy/title/superType/movies/titleMagic/red%20shoes/type/program/followup/ratingsSummaries"
    "/followup/totalCount",
)
UX_PAGE = (
    "fandango_at_home/browse/uxpage-classic-musicals-512.xml",
    "https://apicache.vudu.com/api2/?_type=uxPageGet&pageId=512&elementCount=30&rowCount=5&zToken=z1",
)


def parse(case: tuple[str, str]) -> list[dict]:
    path, url = case
    return fandango_at_home.parse(selector_for(load_page(path)), url=url)


def api(data: dict, url: str = "https://apicache.vudu.com/api2/?_type=contentSearch") -> list[dict]:
    return fandango_at_home.parse(selector_for(b"/*-secure-" + json.dumps(data).encode() + b"*/"), url=url)


# Seed 001 values shared by the API answer and the rendered page.
def assert_seed_001_values(film: dict) -> None:
    assert film["id"] == "fandango_at_home:12345"
    assert film["url"] == TITLE_URL
    assert film["title"] == "The Red Shoes"
    assert film["rating"]["value"] == Decimal("4.3") and film["rating"]["best"] == 5
    assert film["rating"]["count"] == 398
    store = next(r for r in film["ratings"] if r["kind"] == "store")
    assert (store["value"], store["best"], store["count"]) == (Decimal("4.3"), 5, 398)
    assert film["genres"][:2] == ["Drama", "Romance"] and "Music" in film["genres"]
    assert film["year"] == 1948
    assert film["runtime_minutes"] == 133
    assert film["certificate"]["code"] == "NR"
    assert film["certificate"]["normalized"] == "NR"
    assert film["certificate"]["country"] == "US"
    assert film["plot"] == SYNOPSIS
    assert [c["name"] for c in film["cast"]][:3] == ["Anton Walbrook", "Marius Goring", "Moira Shearer"]
    assert film["available_on"] == ["Movies Anywhere"]


def test_synopsis_constant_should_be_the_seed_text():
    if SEED.exists():
        assert SYNOPSIS in SEED.read_text(encoding="utf-8")


def test_api_title_answer_should_give_every_seed_value():
    (film,) = parse(API_TITLE)
    assert_seed_001_values(film)


def test_api_title_answer_should_keep_the_full_release_date_and_credits():
    (film,) = parse(API_TITLE)
    assert film["release_date"] == "1948-10-22"
    assert [d["name"] for d in film["directors"]] == ["Michael Powell", "Emeric Pressburger"]
    assert [w["name"] for w in film["writers"]] == ["Michael Powell", "Emeric Pressburger"]
    assert film["cast"][0] == {"name": "Anton Walbrook", "id": "700201", "character": "Boris Lermontov", "order": 1}
    assert film["cast"][4]["name"] == "Léonide Massine"


def test_api_title_answer_should_add_the_tomatometer_as_a_critic_rating():
    (film,) = parse(API_TITLE)
    critic = next(r for r in film["ratings"] if r["kind"] == "critic")
    assert (critic["value"], critic["best"], critic["label"]) == (Decimal(96), 100, "Tomatometer")


def test_api_title_answer_should_list_rent_and_buy_offers_per_quality():
    (film,) = parse(API_TITLE)
    offers = {(o["quality"], o["kind"]): o["price"] for o in film["offers"]}
    assert offers == {
        ("SD", "buy"): Decimal("9.99"),
        ("SD", "rent"): Decimal("2.99"),
        ("HD", "buy"): Decimal("12.99"),
        ("HD", "rent"): Decimal("3.99"),
        ("UHD", "buy"): Decimal("14.99"),
        ("UHD", "rent"): Decimal("4.99"),
    }
    assert {(o["store"], o["currency"]) for o in film["offers"]} == {("Fandango at Home", "USD")}


def test_rendered_title_page_should_give_every_seed_value():
    film, review = parse(RENDERED_TITLE)
    assert_seed_001_values(film)
    assert film["runtime_raw"] == "133 min"
    assert film["audio_description"] is True


def test_rendered_title_page_should_read_the_community_review():
    film, review = parse(RENDERED_TITLE)
    assert review["type"] == "review" and review["kind"] == "user"
    assert review["film_id"] == film["id"]
    assert (review["film_title"], review["film_year"]) == ("The Red Shoes", 1948)
    assert review["title"] == "The music is all that matters. Only the music."
    assert review["text"].startswith("This is one of the most visually arresting films ever made.")
    assert "SUGGESTION: For those of you who do double features" in review["text"]
    assert review["text"].endswith("I can't recommend this enough.")
    assert review["text"].count("\n\n") == 2


@pytest.mark.parametrize(
    ("code", "shown", "normalized"),
    [
        ("nr", "NR", "NR"),
        ("pg13", "PG-13", "PG-13"),
        ("r", "R", "R"),
        ("tvma", "TV-MA", "TV-MA"),
    ],
)
def test_certificate_should_be_written_as_the_store_shows_it(code, shown, normalized):
    assert certificate({"mpaaRating": [code]}) == {"code": shown, "normalized": normalized, "country": "US"}


def test_certificate_should_fall_back_to_the_usa_content_rating():
    content = {"contentRating": [{"_type": "contentRating", "ratingSystem": ["usa"], "ratingValue": ["pg"]}]}
    assert certificate(content)["code"] == "PG"


def test_certificate_with_no_known_printed_form_should_be_left_out():
    assert certificate({"mpaaRating": ["nrFamilyFriendly"]}) is None


def test_search_answer_should_list_entries_and_films_with_catalogue_data():
    listing, *films = parse(SEARCH)
    assert listing["kind"] == "search" and listing["total"] == 212
    assert [(e["title"], e.get("year")) for e in listing["entries"]] == [
        ("The Red Shoes", 1948),
        ("The Red Shoes", 2025),
        ("Red Shoes & the Seven Dwarfs", None),
    ]
    assert listing["entries"][1]["id"] == "fandango_at_home:4101777"
    assert listing["entries"][1]["url"] == "https://athome.fandango.com/content/browse/details/The-Red-Shoes/4101777"
    # The third content carries only id, title and type: it is listed but gets no film record.
    assert [f["id"] for f in films] == ["fandango_at_home:12345", "fandango_at_home:4101777"]


def test_search_answer_should_point_to_the_next_offset_when_more_below():
    listing = parse(SEARCH)[0]
    assert "/count/3/offset/3/" in listing["next_url"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://apicache.vudu.com/api2/?_type=contentSearch&count=50&offset=100&type=program",
            "https://apicache.vudu.com/api2/?_type=contentSearch&count=50&offset=150&type=program",
        ),
        (
            "http://apicache.vudu.com/api2/_type/contentSearch/count/100/offset/0/type/program",
            "http://apicache.vudu.com/api2/_type/contentSearch/count/100/offset/100/type/program",
        ),
        ("https://api.vudu.com/api2/", None),  # POSTed query: no offset in the URL
        ("https://apicache.vudu.com/api2/?_type=contentSearch&offset=0", None),  # no count
    ],
)
def test_next_page_url_should_move_the_offset_by_the_count(url, expected):
    assert next_page_url(url) == expected


def test_list_without_more_below_should_have_no_next_url():
    contents = [
        {"_type": "content", "contentId": [str(i)], "title": [f"Film {i}"], "type": ["program"]} for i in (1, 2)
    ]
    (listing,) = api(
        {"_type": "contentList", "content": contents, "moreBelow": ["false"]},
        url="https://apicache.vudu.com/api2/?_type=contentSearch&count=2&offset=0",
    )
    assert "next_url" not in listing
    assert [e["rank"] for e in listing["entries"]] == [1, 2]


def test_library_list_should_be_a_list_kind_with_no_film_records():
    contents = [
        {"_type": "content", "contentId": ["10969"], "title": ["Casablanca"], "type": ["program"]},
        {"_type": "content", "contentId": ["10559"], "title": ["Gone with the Wind"], "type": ["program"]},
    ]
    records = api(
        {"_type": "contentList", "moreBelow": ["false"], "content": contents},
        url="https://api.vudu.com/api2/?_type=contentSearch&listType=rentedOrOwned&count=50&offset=0",
    )
    assert [r["type"] for r in records] == ["listing"]
    assert records[0]["kind"] == "list"


def test_api_error_should_raise_a_layout_error_with_its_code():
    with pytest.raises(PageLayoutError) as error:
        api({"_type": ["error"], "code": ["authenticationExpired"], "text": ["Session expired"]})
    assert error.value.reason == "api_error"
    assert "authenticationExpired" in error.value.detail


def test_empty_content_list_should_raise_a_layout_error():
    with pytest.raises(PageLayoutError):
        api({"_type": "contentList", "content": [], "moreBelow": ["false"]})


def test_ux_page_should_list_content_elements_of_every_row_in_order():
    (listing,) = parse(UX_PAGE)
    assert listing["kind"] == "browse" and listing["title"] == "Classic Musicals"
    assert [e["title"] for e in listing["entries"]] == ["The Red Shoes", "An American in Paris", "Singin' in the Rain"]
    assert listing["entries"][2]["url"] == "https://athome.fandango.com/content/browse/details/Singin-in-the-Rain/10969"


def test_ux_page_without_xml_prolog_should_read_the_same_when_parsed_as_html():
    path, url = UX_PAGE
    as_html = Selector(text=load_page(path).decode("utf-8"), type="html")
    assert fandango_at_home.parse(as_html, url=url) == parse(UX_PAGE)


def test_details_url_should_keep_case_and_dash_other_characters():
    assert details_url("11/4/08", "196411") == "https://athome.fandango.com/content/browse/details/11-4-08/196411"
    assert details_url("Singin' in the Rain", "1").endswith("/details/Singin-in-the-Rain/1")


def test_html_page_that_is_not_a_title_page_should_be_unsupported():
    sel = Selector(text="<html><body><main><h2>Browse</h2></main></body></html>")
    with pytest.raises(UnsupportedPage):
        fandango_at_home.parse(sel, url="https://athome.fandango.com/content/browse/")


@pytest.mark.parametrize(
    ("url", "page_type"),
    [
        ("https://apicache.vudu.com/api2/?_type=contentSearch&contentId=129115&followup=credits", "title"),
        (
            "http://apicache.vudu.com/api2/claimedAppId/myvudu/format/application*2Fjson/_type/contentSearch"
            "/contentId/129115/dimensionality/any/followup/usefulStreamableOffers/followup/credits",
            "title",
        ),
        ("https://apicache.vudu.com/api2/?_type=contentSearch&count=100&offset=0&type=program", "browse"),
        (
            "http://apicache.vudu.com/api2/claimedAppId/myvudu/format/application*2Fjson/_type/contentSearch"
            "/count/100/offset/200/sortBy/title/superType/movies/type/program",
            "browse",
        ),
        ("https://apicache.vudu.com/api2/_type/uxPageGet/pageId/405/rowCount/5", "browse"),
        ("https://athome.fandango.com/content/browse/details/Black-Book/128791", "title"),
        ("http://apicache.vudu.com/api2/claimedAppId/myvudu/_type/contentSearch/titleMagic/red", None),
    ],
)
def test_api_requests_of_either_style_should_route_to_their_page_type(url, page_type):
    assert fandango_at_home.SITE.page_type_of(url) == page_type
