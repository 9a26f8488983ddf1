"""IMDb episode lists and person pages of every era as listings, /find pages before 2012, and the page types
that hold no schema field, refused with a typed reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from crawler.core.extraction import extract, selector_for
from crawler.core.parsers.errors import UnsupportedPage
from schemas import validate_record
from tests.fixture_cases import load_page

SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def records_of(relative: str, url: str) -> list[dict[str, Any]]:
    records = extract(selector_for(load_page(relative)), url=url, site="imdb", scraped_at=SCRAPED_AT).records
    for record in records:
        validate_record(record)
    return records


def listing_of(relative: str, url: str) -> dict[str, Any]:
    return next(r for r in records_of(relative, url) if r["type"] == "listing")


@dataclass(frozen=True)
class EpisodeList:
    page: str
    url: str
    parser: str
    first_rating: tuple[float, int] | None  # (value, votes) of the first episode

    @property
    def id(self) -> str:
        return self.page.rsplit("/", 1)[-1].removesuffix(".html")


EPISODE_LISTS = [
    # 2013: div.list_item rows, "S1, Ep1" on the image, air date "Oct. 5, 2014", no ratings yet.
    EpisodeList(
        "imdb/episodes/lantern-keepers-season-1-eplist-2013.html",
        "http://www.imdb.com/title/tt9910000/episodes?season=1",
        "imdb/episodes/eplist",
        None,
    ),
    # 2019: the same rows with ipl-rating-star ratings and "(1,204)" votes.
    EpisodeList(
        "imdb/episodes/lantern-keepers-season-1-eplist-2019.html",
        "https://www.imdb.com/title/tt9910000/episodes?season=1",
        "imdb/episodes/eplist",
        (7.9, 1204),
    ),
    # 2024 Next.js: two cards rendered, the whole season in __NEXT_DATA__ (exact vote counts behind "1.2K").
    EpisodeList(
        "imdb/episodes/lantern-keepers-season-1-next-2024.html",
        "https://www.imdb.com/title/tt9910000/episodes/?season=1",
        "imdb/episodes/next",
        (7.9, 1204),
    ),
]


@pytest.mark.parametrize("case", EPISODE_LISTS, ids=lambda c: c.id)
def test_episode_list_should_be_an_episodes_listing_of_the_whole_season(case: EpisodeList):
    listing = listing_of(case.page, case.url)
    assert listing["kind"] == "episodes"
    assert listing["title"] == "The Lantern Keepers"
    assert listing["extraction"]["parser"] == case.parser
    assert [(e["title"], e["year"], e["season"], e["episode"]) for e in listing["entries"]] == [
        ("Low Tide", 2014, 1, 1),
        ("The Fog Bell", 2014, 1, 2),
        ("Salt and Iron", 2014, 1, 3),
    ]
    assert listing["total"] == 3


@pytest.mark.parametrize("case", EPISODE_LISTS, ids=lambda c: c.id)
def test_episode_list_should_link_each_episode_and_keep_its_rating(case: EpisodeList):
    first = listing_of(case.page, case.url)["entries"][0]
    assert (first["id"], first["url"]) == ("imdb:tt9910011", "https://www.imdb.com/title/tt9910011/")
    rating = first.get("rating")
    assert (None if rating is None else (float(rating["value"]), rating.get("count"))) == case.first_rating


def test_episode_list_should_never_count_the_sidebar_titles():
    for case in EPISODE_LISTS:
        titles = [e["title"] for e in listing_of(case.page, case.url)["entries"]]
        assert "The Lamplighters" not in titles


@pytest.mark.parametrize(
    ("page", "url", "parser"),
    [
        # Before 2010: div.filmo ol > li "<a>Title</a> (1948) .... Character".
        ("imdb/person/moira-shearer-classic-2008.html", "http://www.imdb.com/name/nm0790454/", "imdb/person/classic"),
        # The filmography by type: the name in h1 > a.main, the "In Development" block left out.
        (
            "imdb/person/moira-shearer-classic-filmotype-2011.html",
            "http://www.imdb.com/name/nm0790454/filmotype",
            "imdb/person/classic",
        ),
        # 2010-2022: div.filmo-row per credit, a hidden "Self" section repeating a title.
        (
            "imdb/person/moira-shearer-filmo-rows-2015.html",
            "http://www.imdb.com/name/nm0790454/",
            "imdb/person/filmo_rows",
        ),
        # 2012: markup that closes div#filmography after the first row, the others following it.
        (
            "imdb/person/moira-shearer-filmo-rows-unclosed-2012.html",
            "http://www.imdb.com/name/nm0790454/",
            "imdb/person/filmo_rows",
        ),
        # 2023+: releasedPrimaryCredits in __NEXT_DATA__ (an unreleased project beside it).
        ("imdb/person/moira-shearer-next-2024.html", "https://www.imdb.com/name/nm0790454/", "imdb/person/next"),
        # 2023+ rendered accordion rows alone, the known-for strip beside them.
        (
            "imdb/person/moira-shearer-next-rendered-only-2024.html",
            "https://www.imdb.com/name/nm0790454/",
            "imdb/person/next",
        ),
    ],
)
def test_person_page_should_give_the_filmography_as_a_listing(page, url, parser):
    listing = listing_of(page, url)
    assert (listing["kind"], listing["title"], listing["extraction"]["parser"]) == (
        "filmography",
        "Moira Shearer",
        parser,
    )
    assert [(e["title"], e["year"], e["id"]) for e in listing["entries"]] == [
        ("The Swan Path", 1961, "imdb:tt9900601"),
        ("Black Tights", 1960, "imdb:tt9900602"),
        ("Peeping Tom", 1960, "imdb:tt9900603"),
        ("The Red Shoes", 1948, "imdb:tt0040725"),
    ]


def test_find_page_before_2012_should_list_the_title_blocks_only():
    listing = listing_of("imdb/listing/find-2011-title-blocks.html", "http://akas.imdb.com/find?q=Red+Shoes;s=tt")
    assert listing["kind"] == "search"
    # Popular, exact and approximate title blocks in page order; the names and companies blocks are not titles,
    # and the quotes marking a series are not part of its title.
    assert [(e["title"], e.get("year")) for e in listing["entries"]] == [
        ("The Red Shoes", 1948),
        ("The Red Shoes", 2005),
        ("The Red Shoes Diaries", 1992),
        ("Red Shoe Diaries 2: Double Dare", 1992),
        ("The Red Shoes Ballet", 1950),
    ]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://www.imdb.com/name/nm0790454/bio", "name_subpage"),
        ("https://www.imdb.com/name/nm0790454/awards", "name_subpage"),
    ],
)
def test_page_types_without_schema_fields_should_be_refused_with_their_reason(url, reason):
    body = load_page("imdb/title/red-shoes-1948-next-2022-10.html")
    with pytest.raises(UnsupportedPage) as refused:
        extract(selector_for(body), url=url, site="imdb", scraped_at=SCRAPED_AT)
    assert refused.value.reason == reason


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("imdb/person/moira-shearer-filmo-rows-2015.html", "filmography"),
        ("imdb/episodes/lantern-keepers-season-1-eplist-2019.html", "episodes"),
        ("imdb/episodes/lantern-keepers-season-1-next-2024.html", "episodes"),
    ],
)
def test_pages_saved_without_their_url_should_be_known_by_their_markup(page, kind):
    assert listing_of(page, "http://localhost/")["kind"] == kind
