"""Embedded structured data is read the way real pages carry it, and hostile data cannot break a parser."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from parsel import Selector

from crawler.core.extraction import extract, selector_for
from crawler.core.parsers.structured import dig, dig_object, json_ld, microdata, next_data, of_type


def page(*scripts: str, extra: str = "") -> Selector:
    body = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    return Selector(text=f"<html><head>{body}{extra}</head><body></body></html>")


CASES = [
    # (what, scripts, expected @types in order)
    ("one object", ['{"@type": "Movie", "name": "The Red Shoes"}'], ["Movie"]),
    ("a list of objects", ['[{"@type": "Movie"}, {"@type": "Person"}]'], ["Movie", "Person"]),
    (
        "an @graph",
        ['{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {"@type": "Movie"}]}'],
        ["WebPage", "Movie"],
    ),
    # Letterboxd wraps its JSON-LD in a CDATA comment.
    ("CDATA comment wrapper", ['\n/* <![CDATA[ */\n{"@type": "Movie", "name": "x"}\n/* ]]> */\n'], ["Movie"]),
    ("raw newlines inside strings", ['{"@type": "Movie", "description": "line one\nline two"}'], ["Movie"]),
    ("broken JSON is skipped, the rest is kept", ['{"@type": "Movie",,}', '{"@type": "Review"}'], ["Review"]),
    ("objects without @type are not records", ['{"name": "x"}'], []),
    ("empty script", [""], []),
]


@pytest.mark.parametrize(("what", "scripts", "types"), CASES, ids=[c[0] for c in CASES])
def test_json_ld_should_flatten_every_object(what: str, scripts: list[str], types: list[str]) -> None:
    assert [o["@type"] for o in json_ld(page(*scripts))] == types


def test_json_ld_should_survive_hostile_nesting() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert json_ld(page(deep, '{"@type": "Movie"}')) == [{"@type": "Movie"}]


def test_of_type_should_match_full_iris_and_type_lists() -> None:
    objects = [{"@type": "http://schema.org/Movie"}, {"@type": ["CreativeWork", "Review"]}]
    assert of_type(objects, "Movie") == [objects[0]]
    assert of_type(objects, "Review") == [objects[1]]


def test_next_data_should_read_the_nextjs_page_state() -> None:
    sel = page(
        extra='<script id="__NEXT_DATA__" type="application/json">{"props": {"pageProps": {"tconst": "tt1"}}}</script>'
    )
    assert dig(next_data(sel), "props", "pageProps", "tconst") == "tt1"
    assert next_data(page()) is None


def test_dig_should_stop_at_the_first_missing_step() -> None:
    data = {"a": [{"b": 1}]}
    assert dig(data, "a", 0, "b") == 1
    assert dig(data, "a", 5, "b") is None
    assert dig(data, "a", "b") is None


@pytest.mark.parametrize(
    ("held", "found"),
    [
        ({"summary": {"voteCount": 3}}, {"voteCount": 3}),
        ({"summary": " "}, {}),  # a page whose state holds a string where an object was
        ({"summary": [{"voteCount": 3}]}, {}),
        ({"summary": None}, {}),
        ({}, {}),
        ("not an object", {}),
    ],
)
def test_dig_object_should_give_an_object_or_an_empty_one(held: object, found: dict[str, object]) -> None:
    assert dig_object(held, "summary") == found


def test_an_imdb_page_state_with_a_string_for_its_ratings_summary_should_still_give_the_film() -> None:
    path = Path(__file__).parent / "fixtures/imdb/title/paper-orchard-tv-mini-series-next-2024.html"
    page = path.read_text(encoding="utf-8")
    broken = page.replace('"ratingsSummary": {"aggregateRating": 7.6, "voteCount": 4210}', '"ratingsSummary": " "')
    assert broken != page
    url = "https://www.imdb.com/title/tt9920000/"
    film = extract(selector_for(broken.encode()), url=url, site="imdb", scraped_at=datetime.now(UTC)).records[0]
    assert film.get("title") == "The Paper Orchard"
    assert film.get("rating", {}).get("value") == Decimal("7.6")  # read from the rendered score instead


def test_one_microdata_person_with_several_names_should_be_several_people() -> None:
    from crawler.core.parsers.schemaorg import credits
    from schemas.record_fields import PersonFields

    two = {"@type": "Person", "name": ["Michael Powell", "Emeric Pressburger"], "url": ["/name/nm1/", "/name/nm2/"]}
    assert credits(two, None, kind=PersonFields) == [{"name": "Michael Powell"}, {"name": "Emeric Pressburger"}]
    one = {"@type": "Person", "name": "Michael Powell"}
    assert credits(one, None, kind=PersonFields) == [{"name": "Michael Powell"}]


def test_a_person_credited_twice_should_be_listed_once() -> None:
    from crawler.core.parsers.schemaorg import credits
    from schemas.record_fields import PersonFields

    writers = [
        {"@type": "Person", "name": "Emeric Pressburger"},
        {"@type": "Person", "name": "Rumer Godden"},
        {"@type": "Person", "name": "Emeric Pressburger"},
    ]
    assert credits(writers, None, kind=PersonFields) == [{"name": "Emeric Pressburger"}, {"name": "Rumer Godden"}]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("During her family&apos;s move", "During her family's move"),  # HTML5 entity, unknown to HTML 4
        ("Powell &amp; Pressburger", "Powell & Pressburger"),
        ("Tom & Jerry", "Tom & Jerry"),
        ("<b>The Red Shoes</b>", "The Red Shoes"),
    ],
)
def test_json_ld_text_should_be_unescaped_as_html(raw: str, text: str) -> None:
    from crawler.core.parsers.schemaorg import text_of

    assert text_of(raw) == text


@pytest.mark.parametrize(
    ("description", "plot"),
    [
        ("A ballerina torn between love and art.", "A ballerina torn between love and art."),
        ("The Red Shoes: Directed by Michael Powell. With Anton Walbrook, Marius Goring. A ballerina...", None),
        ("Directed by Michael Powell, Emeric Pressburger. With Moira Shearer. A ballerina...", None),
        ("Directed by desire, a dancer gives everything.", "Directed by desire, a dancer gives everything."),
        # a list of the page's sections after its title is no plot
        ("Červené střevíčky (1948) - film: Recenze, Hodnocení, Zajímavosti, Videa, Galerie, Diskuze a další...", None),
        ("The Red Shoes: reviews, ratings, trivia, videos, photos, release dates", None),
        # a plot may list a few things
        ("A dancer, a composer, an impresario: one ballet.", "A dancer, a composer, an impresario: one ballet."),
    ],
)
def test_a_credits_summary_should_not_be_read_as_a_plot(description: str, plot: str | None) -> None:
    from crawler.core.parsers.schemaorg import plot_text

    assert plot_text(description) == plot


DESCRIPTIONS = [
    # (what, the description element, the description read)
    (
        "an invitation to add a plot",
        '<p itemprop="description"><a href="/updates?update=tt9930000:outlines.add.1">Add a Plot</a></p>',
        None,
    ),
    (
        "the invitation and the arrow after it",
        '<div itemprop="description"><a href="/updates?update=tt9930000%3Aoutlines.add.1">Add a Plot</a>&nbsp;&raquo;'
        "</div>",
        None,
    ),
    (
        "a plot with a link in it",
        '<p itemprop="description">A dancer joins <a href="/company/co1/">the Lermontov Ballet</a>.</p>',
        "A dancer joins the Lermontov Ballet.",
    ),
    (
        "a plot and a link to edit it",
        '<p itemprop="description">A dancer joins a ballet company. <a href="/updates?edit=tt1">Edit</a></p>',
        "A dancer joins a ballet company. Edit",
    ),
    ("a plot", '<p itemprop="description">A dancer joins a ballet company.</p>', "A dancer joins a ballet company."),
]


@pytest.mark.parametrize(("what", "element", "description"), DESCRIPTIONS, ids=[c[0] for c in DESCRIPTIONS])
def test_a_microdata_description_that_only_invites_one_should_not_be_read(
    what: str, element: str, description: str | None
) -> None:
    sel = Selector(text=f'<html><body><div itemscope itemtype="http://schema.org/Movie">{element}</div></body></html>')
    assert microdata(sel)[0].get("description") == description
