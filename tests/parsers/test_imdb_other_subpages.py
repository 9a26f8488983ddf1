"""IMDb title sub-pages of every era (before 2010, 2010-2022, Next.js since 2023) that are read for the film
their header names plus what each adds: plot summaries, the parents' guide's US certificate, soundtrack,
connections, the awards totals; any other title sub-page (keywords...) gives the film alone. Person sub-pages
hold no film and are still refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from crawler.core.extraction import extract, selector_for
from crawler.core.parsers.errors import PageError
from schemas import validate_record
from tests.fixture_cases import load_page

SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def film_of(body: bytes, url: str) -> dict[str, Any]:
    (film,) = extract(selector_for(body), url=url, site="imdb", scraped_at=SCRAPED_AT).records
    validate_record(film)
    return film


@dataclass(frozen=True)
class SubPage:
    page: str
    url: str
    parser: str
    title: str
    year: int
    field: str
    value: Any

    @property
    def id(self) -> str:
        return self.page.rsplit("/", 1)[-1].removesuffix(".html")


SUB_PAGES = [
    # before 2010: p.plotpar, the "Written by" line left out
    SubPage(
        "imdb/plotsummary/red-shoes-1948-plotsummary-classic-2008.html",
        "http://www.imdb.com/title/tt0040725/plotsummary",
        "imdb/plotsummary/classic",
        "The Red Shoes",
        1948,
        "plot",
        "A young dancer joins a touring ballet company and is cast in a new ballet about a pair of enchanted shoes.",
    ),
    # 2017-2022: the first of #plot-summaries-content, its author container left out; the synopsis is not plot
    SubPage(
        "imdb/plotsummary/red-shoes-1948-plotsummary-2019.html",
        "https://www.imdb.com/title/tt0040725/plotsummary?ref_=tt_stry_pl",
        "imdb/plotsummary/zebra_list",
        "The Red Shoes",
        1948,
        "plot",
        "A young ballet dancer is torn between the composer she loves and the impresario who wants her to live "
        "only for dance.",
    ),
    # 2013-2017: p.plotSummary, its "—author" line in a span of the paragraph left out
    SubPage(
        "imdb/plotsummary/black-narcissus-1947-plotsummary-2015.html",
        "http://www.imdb.com/title/tt0039192/plotsummary",
        "imdb/plotsummary/plot_summary",
        "Black Narcissus",
        1947,
        "plot",
        "Five nuns set up a school and a dispensary in an old palace perched on a Himalayan ridge, and the place "
        "slowly works on each of them.",
    ),
    SubPage(
        "imdb/plotsummary/red-shoes-2025-plotsummary-next-2024.html",
        "https://www.imdb.com/title/tt9990025/plotsummary/",
        "imdb/plotsummary/next",
        "The Red Shoes",
        2025,
        "plot",
        "A prima ballerina in a modern European company rehearses a new staging of an old ballet that begins to "
        "take over her life.",
    ),
    # before 2010: the MPAA line under its h5 label
    SubPage(
        "imdb/parentalguide/peeping-tom-1960-parentalguide-classic-2009.html",
        "http://www.imdb.com/title/tt0054167/parentalguide",
        "imdb/parentalguide/classic",
        "Peeping Tom",
        1960,
        "certificate",
        {"code": "R", "normalized": "R", "country": "US"},
    ),
    # 2017-2022 without an MPAA row: the United States entry of the certificate list, not the first country's
    SubPage(
        "imdb/parentalguide/red-shoes-1948-parentalguide-2019.html",
        "https://www.imdb.com/title/tt0040725/parentalguide",
        "imdb/parentalguide/certificates",
        "The Red Shoes",
        1948,
        "certificate",
        {"code": "Approved", "normalized": "APPROVED", "country": "US"},
    ),
    SubPage(
        "imdb/parentalguide/red-shoes-2025-parentalguide-next-2024.html",
        "https://www.imdb.com/title/tt9990025/parentalguide/",
        "imdb/parentalguide/next",
        "The Red Shoes",
        2025,
        "certificate",
        {"code": "PG-13", "normalized": "PG-13", "country": "US"},
    ),
    # until 2013: ul.trivia items, the title's quotes left out
    SubPage(
        "imdb/soundtrack/peeping-tom-1960-soundtrack-classic-2009.html",
        "http://www.imdb.com/title/tt0054167/soundtrack",
        "imdb/soundtrack/classic",
        "Peeping Tom",
        1960,
        "soundtrack",
        [
            {"title": "Mark's Theme", "credits": ["Written by Anselm Gray", "Played on the piano by Anselm Gray"]},
            {"title": "Dance at the Newsagent's", "credits": ["Written by Clara Voss"]},
        ],
    ),
    SubPage(
        "imdb/soundtrack/red-shoes-1948-soundtrack-2015.html",
        "http://www.imdb.com/title/tt0040725/soundtrack",
        "imdb/soundtrack/soda",
        "The Red Shoes",
        1948,
        "soundtrack",
        [
            {
                "title": "The Ballet of the Red Shoes",
                "credits": [
                    "Written by Brian Easdale",
                    "Performed by The Royal Philharmonic Orchestra",
                    "Conducted by Thomas Beecham",
                ],
            },
            {"title": "Coppélia Waltz", "credits": ["Music by Léo Delibes"]},
            {"title": "Swan Lake (uncredited)", "credits": []},
        ],
    ),
    SubPage(
        "imdb/soundtrack/red-shoes-2025-soundtrack-next-2024.html",
        "https://www.imdb.com/title/tt9990025/soundtrack/",
        "imdb/soundtrack/next",
        "The Red Shoes",
        2025,
        "soundtrack",
        [
            {"title": "Vicky's Waltz", "credits": ["Written by Lena Marsh", "Performed by The Berlin Studio Strings"]},
            {"title": "Night Train to Monte Carlo", "credits": ["Written and performed by Otto Brenner"]},
        ],
    ),
    # each entry after its group's heading, the heading's count and the entry's note left out
    SubPage(
        "imdb/movieconnections/red-shoes-1948-movieconnections-2016.html",
        "http://www.imdb.com/title/tt0040725/movieconnections",
        "imdb/movieconnections/soda",
        "The Red Shoes",
        1948,
        "connections",
        [
            "Referenced in Backstage at the Ballet (1955) (TV)",
            "Referenced in The Dancers' Year (1962)",
            "Featured in Colour on the Screen (1986) (TV)",
        ],
    ),
    # before 2010: h5 headings, one entry a line, a " - note" line left out
    SubPage(
        "imdb/movieconnections/peeping-tom-1960-movieconnections-classic-2009.html",
        "http://www.imdb.com/title/tt0054167/movieconnections",
        "imdb/movieconnections/classic",
        "Peeping Tom",
        1960,
        "connections",
        [
            "Referenced in The Camera Never Blinks (1974) (TV)",
            "Referenced in Watching the Watchers (1999)",
            "Spoofed in Peeping Tomfoolery (1965)",
        ],
    ),
    # 2023+: the page data's categories, each item's first line after its category's name
    SubPage(
        "imdb/movieconnections/red-shoes-1948-movieconnections-next-2024.html",
        "https://www.imdb.com/title/tt0040725/movieconnections/",
        "imdb/movieconnections/next",
        "The Red Shoes",
        1948,
        "connections",
        ["Referenced in Backstage at the Ballet (1955)", "Remade as The Red Shoes (2025)"],
    ),
    SubPage(
        "imdb/title_subpage/red-shoes-1948-awards-2019.html",
        "https://www.imdb.com/title/tt0040725/awards?ref_=tt_awd",
        "imdb/title_subpage/awards",
        "The Red Shoes",
        1948,
        "awards",
        {
            "raw": "Showing all 4 wins and 6 nominations",
            "wins": 4,
            "nominations": 6,
            "oscar_wins": None,
            "oscar_nominations": None,
        },
    ),
    SubPage(
        "imdb/title_subpage/red-shoes-1948-keywords-2012.html",
        "http://www.imdb.com/title/tt0040725/keywords",
        "imdb/title_subpage/keywords",
        "The Red Shoes",
        1948,
        "id",
        "imdb:tt0040725",
    ),
    SubPage(
        "imdb/title_subpage/red-shoes-2025-keywords-next-2024.html",
        "https://www.imdb.com/title/tt9990025/keywords/",
        "imdb/title_subpage/keywords",
        "The Red Shoes",
        2025,
        "id",
        "imdb:tt9990025",
    ),
]


@pytest.mark.parametrize("case", SUB_PAGES, ids=[c.id for c in SUB_PAGES])
def test_title_sub_page_should_give_the_film_its_header_names_with_what_the_page_adds(case: SubPage) -> None:
    film = film_of(load_page(case.page), case.url)
    assert film["extraction"]["parser"] == case.parser
    assert (film["title"], film["year"]) == (case.title, case.year)
    assert film["url"] == f"https://www.imdb.com/title/{film['id'].split(':')[1]}/"
    assert film[case.field] == case.value


def test_next_plot_summaries_rendered_on_the_client_should_come_from_the_page_data() -> None:
    body = load_page("imdb/plotsummary/red-shoes-2025-plotsummary-next-2024.html").decode()
    start = body.index('<section class="ipc-page-section"><div class="ipc-title"><h3 class="ipc-title__text">Summaries')
    client_only = body[:start] + body[body.index("</section></main>") + len("</section>") :]
    film = film_of(client_only.encode(), "https://www.imdb.com/title/tt9990025/plotsummary/")
    assert film["plot"].startswith("A prima ballerina in a modern European company")


def test_a_page_class_naming_an_author_should_not_hide_the_summaries() -> None:
    # Only an author line inside a summary is left out of it.
    body = load_page("imdb/plotsummary/red-shoes-1948-plotsummary-2019.html").replace(
        b'<body id="styleguide-v2" class="fixed">', b'<body id="styleguide-v2" class="fixed authoring-tools">'
    )
    film = film_of(body, "https://www.imdb.com/title/tt0040725/plotsummary")
    assert film["plot"].startswith("A young ballet dancer is torn between")


def test_next_soundtrack_rendered_on_the_client_should_come_from_the_page_data() -> None:
    body = load_page("imdb/soundtrack/red-shoes-2025-soundtrack-next-2024.html").decode()
    start = body.index('<section class="ipc-page-section" data-testid="sub-section">')
    client_only = body[:start] + body[body.index("</section></main>") + len("</section>") :]
    film = film_of(client_only.encode(), "https://www.imdb.com/title/tt9990025/soundtrack/")
    assert film["extraction"]["parser"] == "imdb/soundtrack/next"
    assert [song["title"] for song in film["soundtrack"]] == ["Vicky's Waltz", "Night Train to Monte Carlo"]


def test_next_mpaa_line_rendered_on_the_client_should_come_from_the_page_data() -> None:
    body = load_page("imdb/parentalguide/red-shoes-2025-parentalguide-next-2024.html").decode()
    start = body.index('<section class="ipc-page-section" data-testid="content-rating">')
    client_only = body[:start] + body[body.index("</section></main>") + len("</section>") :]
    film = film_of(client_only.encode(), "https://www.imdb.com/title/tt9990025/parentalguide/")
    assert film["extraction"]["parser"] == "imdb/parentalguide/next"
    assert film["certificate"] == {"code": "PG-13", "normalized": "PG-13", "country": "US"}


def test_a_certificate_list_without_a_united_states_entry_should_give_no_certificate() -> None:
    body = load_page("imdb/parentalguide/red-shoes-1948-parentalguide-2019.html").replace(
        b'<li class="ipl-inline-list__item"><a href="/search/title?certificates=US:Approved">United States:Approved</a>'
        b" (PCA #12876)</li>",
        b"",
    )
    film = film_of(body, "https://www.imdb.com/title/tt0040725/parentalguide")
    assert film["title"] == "The Red Shoes" and film.get("certificate") is None


@pytest.mark.parametrize(
    ("view", "parser"),
    [
        ("plotsummary", "imdb/plotsummary/header_only"),
        ("parentalguide", "imdb/parentalguide/header_only"),
        ("soundtrack", "imdb/soundtrack/header_only"),
        ("movieconnections", "imdb/movieconnections/header_only"),
        ("companycredits", "imdb/title_subpage/companycredits"),
        ("externalreviews", "imdb/title_subpage/externalreviews"),
        ("mediaindex", "imdb/title_subpage/mediaindex"),
        ("videogallery", "imdb/title_subpage/videogallery"),
        ("alternateversions", "imdb/title_subpage/alternateversions"),
        ("faq", "imdb/title_subpage/faq"),
        ("news", "imdb/title_subpage/news"),
        ("mediaviewer/rm1234567", "imdb/title_subpage/mediaviewer"),
        ("x%3Cscript%3E", "imdb/title_subpage/other"),
    ],
)
def test_sub_page_without_entries_should_give_the_film_its_header_names(view: str, parser: str) -> None:
    # A sub-page saying it has nothing yet ("It looks like we don't have any ... for this title yet").
    body = load_page("imdb/title_subpage/red-shoes-1948-keywords-2012.html")
    film = film_of(body, f"https://www.imdb.com/title/tt0040725/{view}")
    assert (film["id"], film["title"], film["year"]) == ("imdb:tt0040725", "The Red Shoes", 1948)
    assert film["extraction"]["parser"] == parser


def test_sub_page_of_an_unknown_header_markup_should_take_the_film_from_its_head_title() -> None:
    body = load_page("imdb/title_subpage/red-shoes-2025-keywords-next-2024.html").decode()
    body = body.replace('data-testid="subtitle"', 'data-testid="hero-subtitle"')
    body = body[: body.index('<script id="__NEXT_DATA__"')] + "</body></html>"
    film = film_of(body.encode(), "https://www.imdb.com/title/tt9990025/keywords/")
    assert (film["id"], film["title"], film["year"]) == ("imdb:tt9990025", "The Red Shoes", 2025)
    assert film["extraction"]["parser"] == "imdb/title_subpage/keywords"


def test_sub_page_whose_header_names_no_film_should_be_refused() -> None:
    body = b"<html><head><title>IMDb</title></head><body><div id='main'><p>Nothing here.</p></div></body></html>"
    with pytest.raises(PageError):
        extract(
            selector_for(body), url="https://www.imdb.com/title/tt0040725/keywords", site="imdb", scraped_at=SCRAPED_AT
        )
