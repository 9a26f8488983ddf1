"""Metacritic: movie pages of the 2008-2010 `/film/titles/` layout, of the pre-2023 layout (and of the 2023+
layout through its JSON-LD Movie), TV show pages of the 2023+ layout and TV season
and show pages of the 2011-2022 one, critic and user review pages of every era,
person pages' credits, and browse lists and search results.

The switch below picks the module by the page type `SITE` declares for the URL and by layout markers; other pages are refused as unsupported.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from parsel import Selector

from schemas.listing import ListingKind
from schemas.record_fields import RecordFields

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from ..site import PageType, Site
from . import browse, details, film_2008, movie_2011, movie_2017, movie_2023, person, reviews, tv_2011, tv_2023

# The site, declared once (crawler.core.parsers.site); crawler/core/sites.py registers it.
SITE = Site(
    slug="metacritic",
    order=40,
    name="Metacritic",
    hosts=("metacritic.com",),
    origin="https://www.metacritic.com",
    start_urls=("https://www.metacritic.com/browse/movie/",),
    page_types=(
        PageType("reviews", r"^/(movie|tv)/[^/?]+/(critic|user)-reviews/?(\?|$)"),
        PageType("details", r"^/(movie|tv)/[^/?]+(/season-\d+)?/details/?(\?|$)"),
        PageType("movie", r"^/movie/[^/?]+/?(\?|$)|^/film/titles/[^/?]+/?(\?|$)"),
        PageType("tv", r"^/tv/[^/?]+(/season-\d+)?/?(\?|$)"),
        PageType("person", r"^/person/[^/?]+/?(\?|$)"),
        PageType("browse", r"^/browse([/?]|$)"),
        PageType("search", r"^/search([/?]|$)"),
    ),
    layouts=(
        "2008-2010 /film/titles/ page",
        "2011-2016 product page (div.product_title, li.summary_detail)",
        "2017-2022 product page (div.product_page_title)",
        "2023+ Nuxt layout",
    ),
    title_fields=(
        "title",
        "year",
        "rating",
        "directors",
        "cast",
        "genres",
        "runtime_minutes",
        "release_date",
        "plot",
        "certificate",
    ),
    coverage={"film.year": 0.9, "film.directors": 0.9, "film.rating": 0.5},
    link_paths=r"^/(movie|person|critic)/[a-z0-9-]+",
)

# The pre-2023 product header: h1 with the release year beside it, score tables, "Starring:" summary.
CLASSIC_MARKER = '//div[contains(@class, "product_page_title")] | //div[contains(@class, "summary_cast")]'
# The 2023+ Nuxt layout: product hero and score info components.
CURRENT_MARKER = (
    '//*[contains(@class, "c-productHero")] | //*[contains(@class, "c-productScoreInfo")]'
    ' | //script[@id="__NUXT_DATA__"]'
)


def parse(sel: Selector, *, url: str) -> list[RecordFields]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"{url} is not an HTML page")
    page = Page(sel, url)
    page_type = SITE.page_type_of(url)
    known_layout = sel.xpath(CLASSIC_MARKER) or sel.xpath(CURRENT_MARKER)
    if page_type == "movie" and not known_layout and film_2008.matches(page):
        film, quotes = film_2008.parse(page)
        return read_by("metacritic/movie/film_2008", [film, *quotes])
    if page_type == "movie":
        if movie_2011.matches(page):
            return read_by("metacritic/movie/movie_2011", [*movie_2011.parse(page)])
        if sel.xpath(CLASSIC_MARKER):
            return read_by("metacritic/movie/movie_2017", [*movie_2017.parse(page)])
        if sel.xpath(CURRENT_MARKER) and page.of_type("Movie"):
            return read_by("metacritic/movie/movie_2023", [*movie_2023.parse(page)])
        raise UnsupportedPage(
            "metacritic_layout", f"unrecognised Metacritic movie page layout at {url}", page_type="movie"
        )
    if page_type == "reviews":
        if sel.xpath(reviews.ITEMS):
            return read_by("metacritic/reviews/review_items", [*reviews.parse(page)])
        raise UnsupportedPage("metacritic_layout", f"unrecognised Metacritic reviews page layout at {url}")
    if page_type == "details":
        if details.matches(page):
            return read_by("metacritic/details/credits_tables", [*details.parse(page)])
        raise UnsupportedPage("metacritic_layout", f"unrecognised Metacritic details page layout at {url}")
    if page_type == "tv":
        if tv_2023.matches(page):
            return read_by("metacritic/tv/tv_2023", [*tv_2023.parse(page)])
        if tv_2011.matches(page):
            return read_by("metacritic/tv/tv_2011", [*tv_2011.parse(page)])
        raise UnsupportedPage("metacritic_layout", f"unrecognised Metacritic TV page layout at {url}")
    if page_type == "person":
        if person.is_person_page(page):
            return read_by("metacritic/person/credits_table", [person.parse(page)])
        raise UnsupportedPage("metacritic_layout", f"unrecognised Metacritic person page layout at {url}")
    if page_type in ("browse", "search"):
        kind: ListingKind = "browse" if page_type == "browse" else "search"
        if browse.is_browse_list(page):
            return read_by(f"metacritic/{kind}/product_items", [browse.parse(page, kind=kind)])
        raise UnsupportedPage("metacritic_layout", f"unrecognised Metacritic {kind} layout at {url}")
    if not urlsplit(url).path.strip("/"):
        # A page saved without its URL (read at the site's root): its markup says what it is.
        if movie_2011.matches(page):
            return read_by("metacritic/movie/movie_2011", [*movie_2011.parse(page)])
        if sel.xpath(CLASSIC_MARKER):
            return read_by("metacritic/movie/movie_2017", [*movie_2017.parse(page)])
        if sel.xpath(CURRENT_MARKER) and page.of_type("Movie"):
            return read_by("metacritic/movie/movie_2023", [*movie_2023.parse(page)])
        if person.is_person_page(page):
            return read_by("metacritic/person/credits_table", [person.parse(page)])
        if browse.is_browse_list(page):
            kind = "search" if sel.xpath(browse.SEARCH_MARKER) else "browse"
            return read_by(f"metacritic/{kind}/product_items", [browse.parse(page, kind=kind)])
    raise UnsupportedPage("metacritic_page_type", f"no Metacritic parser for {urlsplit(url).path or '/'}")
