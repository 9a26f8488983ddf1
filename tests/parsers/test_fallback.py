"""Field-by-field fallback (crawler.core.parsers.fallback): the site parser's values stand, the generic readers fill
what it left empty, and replace it only when it refuses the page and they find a film, review or listing."""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector

from crawler.core.parsers.errors import PageLayoutError, UnsupportedPage
from crawler.core.parsers.fallback import read_page
from crawler.core.parsers.provenance import read_by

URL = "https://www.imdb.com/title/tt0040725/"
FILM_PAGE = Selector(
    text="""<html><head><title>The Red Shoes (1948) - IMDb</title>
<script type="application/ld+json">{"@type": "Movie", "name": "The Red Shoes", "datePublished": "1948-09-06",
 "duration": "PT2H13M", "aggregateRating": {"ratingValue": 8.1, "bestRating": 10, "ratingCount": 39000},
 "genre": ["Drama", "Music"]}</script></head><body></body></html>"""
)
LIST_PAGE = Selector(
    text="""<html><head><title>Powell and Pressburger</title>
<script type="application/ld+json">{"@type": "ItemList", "itemListElement": [
 {"@type": "ListItem", "position": 1, "item": {"@type": "Movie", "name": "The Red Shoes", "url": "/title/tt0040725/"}}
]}</script></head><body></body></html>"""
)


def generic(sel: Selector, *, url: str, **wanted: Any) -> list[dict[str, Any]]:
    from crawler.core.parsers import generic as reader

    return reader.parse(sel, url=url, source="imdb", **wanted)


def site_film(**fields: Any) -> Any:
    def parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
        record = {"type": "film", "source": "imdb", "id": "imdb:tt0040725", "url": URL, **fields}
        return read_by("imdb/title/title_next", [record])

    return parse


def refusing(error: Exception) -> Any:
    def parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
        raise error

    return parse


def test_fields_the_site_parser_read_should_never_be_replaced() -> None:
    reading = read_page(
        site_film(title="Les Chaussons rouges", year=1948, genres=["Musical"]), generic, FILM_PAGE, url=URL, site="imdb"
    )
    [film] = reading.records
    assert (film["title"], film["genres"]) == ("Les Chaussons rouges", ["Musical"])
    assert (film["runtime_minutes"], film["runtime_raw"], str(film["rating"]["value"])) == (133, "PT2H13M", "8.1")
    assert film["extraction"] == {
        "parser": "imdb/title/title_next",
        "fallback_fields": ["rating", "runtime_minutes"],
    }
    assert "release_date" not in film  # a JSON-LD datePublished is not the release the page prints
    assert reading.page_type == "title"


STORYLINE = "A young dancer joins a ballet company. She must choose between the dance and love."
PLOT_SECTION_PAGE = Selector(
    text=f"""<html><head><title>The Red Shoes (1948)</title>
<script type="application/ld+json">{{"@type": "Movie", "name": "The Red Shoes"}}</script></head><body><main><h1>The Red Shoes</h1>
<h2>Plot</h2><p>{STORYLINE.split(". ")[0]}.</p><p>She must choose between the dance and love.</p></main></body></html>"""
)


@pytest.mark.parametrize(
    ("storyline", "plot"),
    [
        (STORYLINE, None),
        # the same paragraphs as the site parser keeps them, a blank line between
        ("A young dancer joins a ballet company.\n\nShe must choose between the dance and love.", None),
        (None, "A young dancer joins a ballet company."),
    ],
)
def test_the_start_of_the_storyline_the_site_parser_read_should_not_become_its_plot(
    storyline: str | None, plot: str | None
) -> None:
    fields = (
        {"title": "The Red Shoes", "year": 1948, "storyline": storyline} if storyline else {"title": "The Red Shoes"}
    )
    reading = read_page(site_film(**fields), generic, PLOT_SECTION_PAGE, url=URL, site="imdb")
    [film] = reading.records
    assert film.get("plot") == plot


def test_a_site_record_with_every_field_read_should_carry_no_fallback_fields() -> None:
    reading = read_page(
        site_film(title="The Red Shoes"), lambda sel, *, url, **wanted: [], FILM_PAGE, url=URL, site="imdb"
    )
    assert reading.records[0]["extraction"] == {"parser": "imdb/title/title_next"}


@pytest.mark.parametrize(
    "refusal",
    [
        PageLayoutError("unknown_layout", "no known IMDb title layout marker", page_type="title"),
        UnsupportedPage("title_subpage", "not read", page_type="title"),
    ],
)
def test_a_refused_page_should_be_read_by_the_generic_readers_in_the_sites_id_scheme(refusal: Exception) -> None:
    reading = read_page(refusing(refusal), generic, FILM_PAGE, url=URL + "?ref_=nv", site="imdb")
    [film] = reading.records
    assert (film["id"], film["title"], film["year"], film["runtime_minutes"]) == (
        "imdb:tt0040725",
        "The Red Shoes",
        1948,
        133,
    )
    assert film["extraction"]["parser"] == "generic"
    assert {"title", "year", "rating", "runtime_minutes", "genres"} <= set(film["extraction"]["fallback_fields"])
    assert reading.page_type == "title"


EPISODE_PAGE = Selector(
    text="""<html><head><title>The Ballet (1958) - IMDb</title>
<script type="application/ld+json">{"@type": "TVEpisode", "name": "The Ballet", "episodeNumber": 5,
 "partOfSeason": {"@type": "TVSeason", "seasonNumber": 2},
 "partOfSeries": {"@type": "TVSeries", "name": "Ballet Stories", "url": "/title/tt0103506/?ref_=tt_ov"}}</script>
</head><body></body></html>"""
)


def test_a_refused_episode_page_should_name_its_series_in_the_sites_id_scheme() -> None:
    refusal = PageLayoutError("unknown_layout", "no known IMDb title layout marker", page_type="title")
    [episode] = read_page(
        refusing(refusal), generic, EPISODE_PAGE, url="https://www.imdb.com/title/tt0660000/", site="imdb"
    ).records
    assert (episode["id"], episode["title_kind"], episode["season"], episode["episode"]) == (
        "imdb:tt0660000",
        "tv_episode",
        2,
        5,
    )
    assert episode["series"] == {"id": "imdb:tt0103506", "title": "Ballet Stories"}


def test_a_refused_page_without_film_review_or_listing_should_stay_refused() -> None:
    refusal = PageLayoutError("unknown_layout", "no marker")
    with pytest.raises(PageLayoutError) as raised:
        read_page(
            refusing(refusal), generic, Selector(text="<html><body><p>Hello</p></body></html>"), url=URL, site="imdb"
        )
    assert raised.value is refusal


def test_a_listing_page_should_not_become_a_film() -> None:
    def site_listing(sel: Selector, *, url: str) -> list[dict[str, Any]]:
        return read_by(
            "imdb/listing/listings",
            [
                {
                    "type": "listing",
                    "source": "imdb",
                    "url": url,
                    "kind": "list",
                    "entries": [{"title": "The Red Shoes"}],
                }
            ],
        )

    reading = read_page(site_listing, generic, LIST_PAGE, url="https://www.imdb.com/list/ls1/", site="imdb")
    assert [record["type"] for record in reading.records] == ["listing"]


def test_a_refused_listing_page_should_give_the_generic_listing_with_its_page_type_from_the_record() -> None:
    reading = read_page(
        refusing(PageLayoutError("no_listing_entries", "no rows")),
        generic,
        LIST_PAGE,
        url="https://www.imdb.com/list/ls1/",
        site="imdb",
    )
    assert [record["type"] for record in reading.records] == ["listing"]
    assert reading.page_type == "listing"


def test_the_generic_readers_should_be_asked_only_for_the_record_types_missing_a_field() -> None:
    asked: list[set[str]] = []

    def recording(sel: Selector, *, url: str, wanted: Any, **fields: Any) -> list[dict[str, Any]]:
        asked.append(set(wanted))
        return generic(sel, url=url, wanted=wanted, **fields)

    def site_listing(sel: Selector, *, url: str) -> list[dict[str, Any]]:
        listing = {"type": "listing", "source": "imdb", "url": url, "kind": "list", "entries": [{"title": "A"}]}
        return read_by("imdb/listing/listings", [listing])

    read_page(site_listing, recording, LIST_PAGE, url="https://www.imdb.com/list/ls1/", site="imdb")
    complete = dict.fromkeys(("original_title", "year", "title_kind", "end_year", "runtime_minutes", "plot"), 1)
    complete |= dict.fromkeys(("genres", "directors", "writers", "cast", "countries", "languages", "releases"), ["x"])
    complete |= {"rating": {"value": 8}, "certificate": {"code": "U"}, "title": "The Red Shoes"}
    read_page(site_film(**complete), recording, FILM_PAGE, url=URL, site="imdb")
    assert asked == [{"listing"}]


def test_fields_no_generic_reader_gives_should_not_make_the_page_read_again() -> None:
    # A title's kind and a series' last year come from the site parsers only: a site film missing nothing
    # else is complete as far as the generic readers go.
    asked: list[Any] = []

    def recording(sel: Selector, *, url: str, **wanted: Any) -> list[dict[str, Any]]:
        asked.append(wanted)
        return generic(sel, url=url, **wanted)

    complete = dict.fromkeys(("original_title", "year", "runtime_minutes", "plot"), 1)
    complete |= dict.fromkeys(("genres", "directors", "writers", "cast", "countries", "languages", "releases"), ["x"])
    complete |= {"rating": {"value": 8}, "certificate": {"code": "U"}, "title": "The Red Shoes"}
    [film] = read_page(site_film(**complete), recording, FILM_PAGE, url=URL, site="imdb").records
    assert asked == []
    assert film["extraction"] == {"parser": "imdb/title/title_next"}


def test_the_generic_reader_should_give_only_the_record_types_asked_for() -> None:
    from crawler.core.parsers import generic as reader

    assert [r["type"] for r in reader.parse(FILM_PAGE, url=URL, source="imdb", wanted={"listing"})] == []
    assert [r["type"] for r in reader.parse(FILM_PAGE, url=URL, source="imdb", wanted={"film"})] == ["film"]


@pytest.mark.parametrize(
    ("canonical", "listing_url", "asked"),
    [
        (None, "https://www.imdb.com/list/ls1/", True),
        ("https://www.imdb.com/list/ls1/", "https://www.imdb.com/list/ls1/", True),
        # every generic listing carries the page's canonical URL: a site listing under another is never completed
        ("https://www.imdb.com/list/ls1/", "https://www.imdb.com/list/ls1/?page=2", False),
        (None, "https://www.imdb.com/list/ls1/?sort=year", False),
    ],
)
def test_the_generic_listing_should_be_read_only_when_it_could_complete_the_site_listing(
    canonical: str | None, listing_url: str, asked: bool
) -> None:
    asked_for: list[set[str]] = []

    def recording(sel: Selector, *, url: str, wanted: Any, **fields: Any) -> list[dict[str, Any]]:
        asked_for.append(set(wanted))
        return generic(sel, url=url, wanted=wanted, **fields)

    def site_listing(sel: Selector, *, url: str) -> list[dict[str, Any]]:
        listing = {"type": "listing", "source": "imdb", "url": listing_url, "kind": "list", "entries": [{"title": "A"}]}
        return read_by("imdb/listing/listings", [listing])

    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    page = Selector(text=LIST_PAGE.get().replace("<head>", f"<head>{link}"))
    read_page(site_listing, recording, page, url="https://www.imdb.com/list/ls1/", site="imdb")
    assert asked_for == ([{"listing"}] if asked else [])


LABELS_PAGE = """<html><head><title>The Red Shoes (1948) :: Film Notes</title></head><body>
<h1>The Red Shoes (1948)</h1>
<dl><dt>Director</dt><dd>Michael Powell</dd><dt>Runtime</dt><dd>133 min</dd><dt>Genre</dt><dd>Drama</dd>{more}</dl>
<ul><li><a href="/film/a-matter-of-life-and-death/">A Matter of Life and Death</a></li></ul>
</body></html>"""


@pytest.mark.parametrize(
    ("more", "filled", "label_reads", "listing_reads"),
    [
        # no label of the missing field: the film the labels make could fill nothing, and is read no further
        ("", None, 1, 0),
        # the missing field printed: the film is read as before (every label, to count them; the listing it may be)
        ("<dt>Original title</dt><dd>Die roten Schuhe</dd>", "Die roten Schuhe", 2, 1),
    ],
)
def test_a_film_read_from_labels_should_be_read_only_as_far_as_it_could_fill_the_site_film(
    monkeypatch: pytest.MonkeyPatch, more: str, filled: str | None, label_reads: int, listing_reads: int
) -> None:
    from crawler.core.parsers import generic as reader

    calls = {"read_labels": 0, "read_listing": 0}

    def counted(name: str) -> Any:
        original = getattr(reader, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return original(*args, **kwargs)

        return call

    for name in calls:
        monkeypatch.setattr(reader, name, counted(name))
    url = "https://films.example/film/the-red-shoes/"
    # Every fillable field read but the original title.
    site_record = dict.fromkeys(("year", "title_kind", "end_year", "runtime_minutes", "plot"), 1)
    site_record |= dict.fromkeys(
        ("genres", "directors", "writers", "cast", "countries", "languages", "releases"), ["x"]
    )
    site_record |= {"rating": {"value": 8}, "certificate": {"code": "U"}, "title": "The Red Shoes", "url": url}

    def site_parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
        return read_by("example/film/page", [{"type": "film", "source": "example", "id": "example:x", **site_record}])

    page = Selector(text=LABELS_PAGE.format(more=more))
    reading = read_page(site_parse, generic, page, url=url, site="example")
    assert reading.records[0].get("original_title") == filled
    assert calls == {"read_labels": label_reads, "read_listing": listing_reads}
