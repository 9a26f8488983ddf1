"""The 2017-layout IMDb title page of The Red Shoes (1948): every value the page shows has its place."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from crawler.core.extraction import extract, selector_for
from schemas import validate_record
from tests.fixture_cases import load_page

URL = "https://www.imdb.com/title/tt0040725/"


@pytest.fixture(scope="module")
def records():
    sel = selector_for(load_page("imdb/title/red-shoes-1948-title-wrapper-2017.html"))
    found = extract(sel, url=URL, site="imdb", scraped_at=datetime(2026, 1, 1, tzinfo=UTC)).records
    for record in found:
        validate_record(record)
    return found


@pytest.fixture(scope="module")
def film(records):
    return next(r for r in records if r["type"] == "film")


@pytest.fixture(scope="module")
def review(records):
    return next(r for r in records if r["type"] == "review")


def test_title_parser_should_identify_the_film(film):
    assert film["id"] == "imdb:tt0040725"
    assert film["url"] == URL
    assert film["title"] == "The Red Shoes"
    assert film["year"] == 1948
    assert film["external_ids"] == {"imdb": "tt0040725"}


def test_title_parser_should_read_the_rating_and_exact_vote_count(film):
    assert film["rating"] == {"value": Decimal("8.3"), "best": Decimal(10), "worst": Decimal(1), "count": 21464}
    assert film["ratings"][0]["kind"] == "user"


def test_title_parser_should_read_user_and_critic_review_counts(film):
    assert film["user_review_count"] == 141
    assert film["critic_review_count"] == 139


def test_title_parser_should_read_certificate_genres_runtime_and_release(film):
    assert film["certificate"]["code"] == "Not Rated"
    assert film["certificate"]["normalized"] == "NR"
    assert film["genres"] == ["Drama", "Music", "Musical"]
    assert film["runtime_minutes"] == 133
    assert film["release_date"] == "1948-09-06"
    assert film["release_date_raw"] == "6 September 1948 (UK)"
    assert film["release_country"] == "GB"


def test_title_parser_should_read_plot_directors_and_writers_with_notes(film):
    assert film["plot"].startswith("A young ballet dancer is torn between")
    assert [d["name"] for d in film["directors"]] == ["Michael Powell", "Emeric Pressburger"]
    assert [(w["name"], w["note"]) for w in film["writers"]] == [
        ("Hans Christian Andersen", "(fairy tale)"),
        ("Emeric Pressburger", "(original screenplay)"),
    ]


@pytest.mark.parametrize(
    ("order", "name", "character", "credited_as"),
    [
        (2, "Jean Short", "Terry", None),
        (3, "Gordon Littmann", "Ike", None),
        (4, "Julia Lang", "A Balletomane", None),
        (5, "Bill Shine", "Her Mate", None),
        (6, "Léonide Massine", "Ljubov", "Leonide Massine"),
        (8, "Austin Trevor", "Professor Palmer", None),
        (10, "Eric Berry", "Dimitri", None),
        (13, "Ludmilla Tchérina", "Irina Boronskaja", "Ludmilla Tcherina"),
        (14, "Jerry Verno", "Stage-Door Keeper", None),
        (15, "Robert Helpmann", "Ivan Boleslawsky", None),
    ],
)
def test_title_parser_should_read_cast_in_billing_order(film, order, name, character, credited_as):
    member = film["cast"][order - 1]
    assert (member["order"], member["name"], member["character"], member.get("credited_as")) == (
        order,
        name,
        character,
        credited_as,
    )


def test_title_parser_should_keep_storyline_with_its_author(film):
    assert film["storyline"].startswith("Under the authoritarian rule of charismatic ballet impressario")
    assert film["storyline"].endswith("Written by Paul Penna <tterrace@wco.com>")
    assert film["tagline"] == "A Dancing, Singing, Swinging Love Tale"


def test_title_parser_should_read_details(film):
    assert film["budget"] == {
        "amount": Decimal(500000),
        "currency": "GBP",
        "estimated": True,
        "raw": "£500,000 (estimated)",
    }
    assert film["awards"]["raw"] == "Won 2 Oscars. Another 2 wins & 5 nominations."
    assert film["awards"]["oscar_wins"] == 2
    assert film["also_known_as"] == [{"title": "Las zapatillas rojas"}]
    assert film["countries"] == ["UK"]
    assert film["languages"] == ["English", "French", "Russian"]
    assert film["technical"] == {
        "sound_mix": ["Mono (Western Electric Recording)"],
        "color": ["Color (as Colour by) (Technicolor)"],
        "aspect_ratio": ["1.37 : 1"],
    }


def test_title_parser_should_read_did_you_know(film):
    assert film["trivia"][0].startswith("There is a frequent complaint")
    assert film["goofs"][0].startswith("Just before Julian Craster begins to play the piano")
    assert film["quotes"] == [
        "[first lines]\n[holding doors closed]\nDoorman: They're going mad, sir. It's the "
        "students.\n[From outside]\nJulian Craster: Down with tyrants!\nManager, Covent "
        "Garden: All right, let them in."
    ]
    assert film["crazy_credits"] == ["The end of the film finishes with 'Finis' instead of 'The End'."]
    assert film["connections"] == ["Referenced in Inside the Actors Studio: Martin Scorsese (2002)"]
    assert film["soundtrack"] == [
        {
            "title": "Giselle",
            "credits": [
                "(uncredited)",
                "Music by Adolphe Adam",
                "Arranged by Gordon Jacob",
                "Played by rehearsal pianist",
            ],
        }
    ]


def test_title_parser_should_read_related_titles(film):
    related = film["related"]
    assert [r["title"] for r in related] == [
        "Black Narcissus",
        "A Matter of Life and Death",
        "The Life and Death of Colonel Blimp",
        "Peeping Tom",
        "Brief Encounter",
    ]
    blimp = related[2]
    assert blimp["rating"]["value"] == Decimal("8.2") and blimp["rating"]["best"] == Decimal(10)
    assert blimp["certificate"] == "Passed"
    assert blimp["genres"] == ["Drama", "Romance", "War"]
    assert blimp["directors"] == ["Michael Powell", "Emeric Pressburger"]
    assert blimp["stars"] == ["Roger Livesey", "Deborah Kerr", "Anton Walbrook"]
    assert (
        blimp["plot"]
        == "From the Boer War through World War II, a soldier rises through the ranks in the British military."
    )
    assert related[3]["year"] == 1960 and related[3]["id"] == "imdb:tt0054167"


def test_title_parser_should_read_the_store_offer(film):
    assert film["offers"] == [
        {
            "store": "Amazon Video",
            "price": Decimal("2.99"),
            "currency": "USD",
            "quality": "SD",
            "price_is_minimum": True,
            "raw": "From $2.99 (SD) on Amazon Video",
        }
    ]


def test_title_parser_should_emit_the_featured_review(review):
    assert review["kind"] == "user"
    assert review["film_id"] == "imdb:tt0040725"
    assert review["title"] == "A Very Creative Movie About Creative Artists At Work"
    assert review["date"] == "2005-05-26"
    assert review["author_location"] == "Ohio"
    assert review["helpful"] == {"yes": 23, "total": 29}
    assert review["text"].startswith("The resourceful approach")
    assert review["text"].count("\n\n") == 3
