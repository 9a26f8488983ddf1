"""Flixster: movie pages of the 2008 profile layout and of the 2009-2015 layouts, and pages listing movies
(`/movies/...`).

The page type is the one `SITE` declares for the URL path (`/movie/<slug>`) and confirmed by the movie profile box before the
movie module reads it; other pages (actors, reviews, photos, showtimes) are refused as unsupported.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from parsel import Selector

from schemas.record_fields import RecordFields

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from ..site import PageType, Site
from . import movie_2008, movie_2010, movie_list

# The site, declared once (crawler.core.parsers.site); crawler/core/sites.py registers it.
SITE = Site(
    slug="flixster",
    order=80,
    name="Flixster",
    hosts=("flixster.com",),
    origin="https://www.flixster.com",
    start_urls=("https://www.flixster.com/movies/top-box-office",),
    page_types=(
        PageType("movie", r"^/movie/[^/?]+/?(\?|$)"),
        # Lists of movies: box office and opening charts, genre pages.
        PageType("list", r"^/movies([/?]|$)|^/top-box-office"),
    ),
    layouts=(
        "movieProfile (2008)",
        "movie title heading with the users' percentage (2009-2015)",
    ),
    title_fields=(
        "title",
        "year",
        "rating",
        "directors",
        "cast",
        "genres",
        "release_date",
        "plot",
        "certificate",
    ),
    coverage={"film.year": 0.9, "film.rating": 0.5},
    link_paths=r"^/(movie|actor)/[a-z0-9-]+",
)

# The 2008 profile: a "movieProfile" wrapper around the main, cast and details boxes.
PROFILE_2008_MARKER = '//div[@id="movieProfile"]'


def parse(sel: Selector, *, url: str) -> list[RecordFields]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"Flixster {sel.type} documents are not read")
    path = urlsplit(url).path or "/"
    page_type = SITE.page_type_of(url)
    if page_type == "movie":
        if sel.xpath(PROFILE_2008_MARKER):
            return read_by("flixster/movie/movie_2008", [movie_2008.parse(Page(sel, url))])
        if movie_2010.matches(Page(sel, url)):
            return read_by("flixster/movie/movie_2010", [movie_2010.parse(Page(sel, url))])
        raise UnsupportedPage("flixster_layout", f"unrecognised Flixster movie page layout at {url}", page_type="movie")
    if page_type == "list":
        if sel.xpath(PROFILE_2008_MARKER) or not sel.xpath(movie_list.MOVIE_LINKS):
            raise UnsupportedPage("flixster_layout", f"unrecognised Flixster movie list layout at {url}")
        return read_by("flixster/list/movie_list", [movie_list.parse(Page(sel, url))])
    raise UnsupportedPage("flixster_page_type", f"no Flixster parser for {path}")
