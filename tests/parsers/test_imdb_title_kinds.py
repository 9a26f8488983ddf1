"""What an IMDb title is, read on every title layout: feature, TV series and mini-series with their run,
TV movie, and episodes with their series, season and episode number.

A series' run "2014–2019" is a span of years: it gives `year` and `end_year`, never a release date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from crawler.core.extraction import extract, selector_for
from crawler.core.parsers.imdb import kinds
from schemas import validate_record
from tests.fixture_cases import load_page

SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)
LANTERN_KEEPERS = {"id": "imdb:tt9910000", "title": "The Lantern Keepers"}


def film_of(body: bytes, url: str) -> dict[str, Any]:
    records = extract(selector_for(body), url=url, site="imdb", scraped_at=SCRAPED_AT).records
    film = next(r for r in records if r["type"] == "film")
    validate_record(film)
    return film


@dataclass(frozen=True)
class Kind:
    page: str
    url: str
    title_kind: str
    year: int | None
    end_year: int | None = None
    series: dict[str, str] | None = None
    place: tuple[int, int] | None = None  # (season, episode)
    release_date: str | None = None

    @property
    def id(self) -> str:
        return self.page.rsplit("/", 1)[-1].removesuffix(".html")


KINDS = [
    # The invented series "The Lantern Keepers" (2014–2019) and its episodes, in each layout era.
    # 2008-2016 /combined: quoted title, "TV series 2014-2019" after the year.
    Kind(
        "imdb/title/lantern-keepers-tv-series-combined-2014.html",
        "http://www.imdb.com/title/tt9910000/combined",
        "tv_series",
        2014,
        2019,
        release_date="2014-10-05",
    ),
    # /combined episode: '"The Lantern Keepers" The Fog Bell', "12 October 2014 (Season 1, Episode 2)".
    Kind(
        "imdb/title/lantern-keepers-episode-combined-2014.html",
        "http://www.imdb.com/title/tt9910012/combined",
        "tv_episode",
        2014,
        series=LANTERN_KEEPERS,
        place=(1, 2),
        release_date="2014-10-12",
    ),
    # /combined episode of 2011-2016: the episode's name apart, '"The Lantern Keepers" <span><em>The Fog Bell</em>'.
    Kind(
        "imdb/title/lantern-keepers-episode-combined-2016.html",
        "http://www.imdb.com/title/tt9910012/combined",
        "tv_episode",
        2014,
        series=LANTERN_KEEPERS,
        place=(1, 2),
        release_date="2014-10-12",
    ),
    # 2010-2016 overview-top episode: "TV Episode" in the infobar, series and "Season 1, Episode 1" in .tv_header.
    Kind(
        "imdb/title/lantern-keepers-episode-overview-2014.html",
        "http://www.imdb.com/title/tt9910011/",
        "tv_episode",
        2014,
        series=LANTERN_KEEPERS,
        place=(1, 1),
        release_date="2014-10-05",
    ),
    # 2016-2021 title_wrapper series: "TV Series (2014–2019)" is the release link's text, and not a date.
    Kind(
        "imdb/title/lantern-keepers-tv-series-title-wrapper-2018.html",
        "https://www.imdb.com/title/tt9910000/",
        "tv_series",
        2014,
        2019,
    ),
    # title_wrapper episode: div.titleParent, "Season 1 | Episode 2", "Episode aired 12 October 2014 (UK)".
    Kind(
        "imdb/title/lantern-keepers-episode-title-wrapper-2018.html",
        "https://www.imdb.com/title/tt9910012/",
        "tv_episode",
        2014,
        series=LANTERN_KEEPERS,
        place=(1, 2),
        release_date="2014-10-12",
    ),
    # 2022+ Next.js episode: titleType tvEpisode and series.episodeNumber in the page data.
    Kind(
        "imdb/title/lantern-keepers-episode-next-2024.html",
        "https://www.imdb.com/title/tt9910012/",
        "tv_episode",
        2014,
        series=LANTERN_KEEPERS,
        place=(1, 2),
    ),
    # Next.js mini-series (invented: "The Paper Orchard", 2021): titleType tvMiniSeries, JSON-LD only says TVSeries.
    Kind(
        "imdb/title/paper-orchard-tv-mini-series-next-2024.html",
        "https://www.imdb.com/title/tt9920000/",
        "tv_mini_series",
        2021,
    ),
    # Pre-2010 classic page of a TV movie: "(1950) (TV)".
    Kind(
        "imdb/title/red-shoes-ballet-tv-movie-classic-2008.html",
        "http://www.imdb.com/title/tt9900204/",
        "tv_movie",
        1950,
        release_date="1950-12-24",
    ),
    # A feature film on the Next.js layout: titleType movie.
    Kind(
        "imdb/title/red-shoes-1948-next-2022-10.html",
        "https://www.imdb.com/title/tt0040725/",
        "movie",
        1948,
        release_date="1948-10-22",
    ),
]


@pytest.mark.parametrize("case", KINDS, ids=lambda c: c.id)
def test_title_page_should_say_what_the_title_is(case: Kind):
    film = film_of(load_page(case.page), case.url)
    assert film.get("title_kind") == case.title_kind
    assert film.get("year") == case.year
    assert film.get("end_year") == case.end_year


@pytest.mark.parametrize("case", KINDS, ids=lambda c: c.id)
def test_episode_page_should_name_its_series_season_and_episode(case: Kind):
    film = film_of(load_page(case.page), case.url)
    assert film.get("series") == case.series
    assert (film.get("season"), film.get("episode")) == (case.place or (None, None))


@pytest.mark.parametrize("case", [k for k in KINDS if k.series], ids=lambda c: c.id)
def test_episode_page_should_be_titled_by_its_episode_not_its_series(case: Kind):
    film = film_of(load_page(case.page), case.url)
    assert case.series is not None
    assert film["title"] and film["title"] != case.series["title"]


@pytest.mark.parametrize("case", KINDS, ids=lambda c: c.id)
def test_a_series_run_should_never_become_a_release_date(case: Kind):
    film = film_of(load_page(case.page), case.url)
    assert film.get("release_date") == case.release_date


NEXT_DATA = re.compile(rb'<script id="__NEXT_DATA__".*?</script>', re.S)


@pytest.mark.parametrize(
    ("page", "url", "title_kind", "series", "place"),
    [
        # Hero metadata "TV Mini Series" without page data (JSON-LD alone would say TVSeries).
        (
            "imdb/title/paper-orchard-tv-mini-series-next-2024.html",
            "https://www.imdb.com/title/tt9920000/",
            "tv_mini_series",
            None,
            (None, None),
        ),
        # The hero's series link and "S1.E2" line without page data.
        (
            "imdb/title/lantern-keepers-episode-next-2024.html",
            "https://www.imdb.com/title/tt9910012/",
            "tv_episode",
            LANTERN_KEEPERS,
            (1, 2),
        ),
    ],
)
def test_next_title_page_should_say_what_the_title_is_from_its_markup_alone(page, url, title_kind, series, place):
    body = NEXT_DATA.sub(b"", load_page(page))
    film = film_of(body, url)
    assert (film.get("title_kind"), film.get("series"), (film.get("season"), film.get("episode"))) == (
        title_kind,
        series,
        place,
    )


# ---------------------------------------------------------------- the readers, one printed form per row


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("TV Series (2007–2019)", "tv_series"),
        ("TV Mini-Series (2016)", "tv_mini_series"),
        ("TV Mini Series", "tv_mini_series"),
        ("TV series 2007-", "tv_series"),
        ("Episode aired 24 September 2007", "tv_episode"),
        ("TV Episode", "tv_episode"),
        ("TV Movie 12 June 1998", "tv_movie"),
        ("( 1950 ) (TV)", "tv_movie"),
        ("TV Special", "tv_special"),
        ("TV Short", "short"),
        ("Video", "video"),
        ("( 2005 ) (V)", "video"),
        ("Video Game", None),
        ("TV-14", None),
        ("111 min - -", None),
    ],
)
def test_printed_label_should_name_the_title_kind(label, kind):
    assert kinds.from_label(label) == kind


@pytest.mark.parametrize(
    ("printed", "span"),
    [
        ("TV Series (2007–2019)", (2007, 2019)),
        ("(2010– )", (2010, None)),
        ("TV series 2007-", (2007, None)),
        ("2014-2019", (2014, 2019)),
        ("(1948)", None),
        ("6 September 1948", None),
        ("2019–2014", None),  # a run cannot end before it starts
    ],
)
def test_year_span_should_give_the_first_and_last_year(printed, span):
    assert kinds.year_span(printed) == span


@pytest.mark.parametrize(
    ("printed", "place"),
    [
        ("Season 1 | Episode 3", (1, 3)),
        ("Season 1, Episode 3", (1, 3)),
        ("S1, Ep3", (1, 3)),
        ("S1.E3 ∙ Tell It to the Frogs", (1, 3)),
        ("12 October 2014 (Season 2, Episode 10)", (2, 10)),
        ("Season 1", None),
        ("Episode Guide", None),
    ],
)
def test_season_and_episode_should_be_read_as_printed(printed, place):
    assert kinds.season_episode(printed) == place


@pytest.mark.parametrize(
    ("label", "release"),
    [
        ("TV Series (2007–2019)", None),
        ("TV Mini-Series (2016)", None),
        ("Episode aired 24 September 2007", "24 September 2007"),
        ("TV Movie 12 June 1998 (USA)", "12 June 1998 (USA)"),
        ("15 May 1948 (UK)", "15 May 1948 (UK)"),
    ],
)
def test_release_link_should_give_a_date_only_when_it_prints_one(label, release):
    assert kinds.release_in_label(label) == release
