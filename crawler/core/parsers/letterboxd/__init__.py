"""Letterboxd: film pages, user lists, watchlists, a member's films, diary and reviews, a film's reviews and
the site's browse grids.

The page type is read from the URL path (`/film/<slug>/`, `/film/<slug>/reviews/`, `/<user>/list/<slug>/`,
`/<user>/watchlist/`, `/<user>/films/`, `/<user>/films/diary/`, `/<user>/films/reviews/`, `/films/popular/`
and its `/films/ajax/...` fragment, `/search/<query>/`) and confirmed by the page's own markers before a module reads it.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from ..site import PageType, Site
from . import diary, film, lists, person, reviews, search

# The site, declared once (crawler.core.parsers.site); crawler/core/sites.py registers it.
SITE = Site(
    slug="letterboxd",
    order=30,
    name="Letterboxd",
    hosts=(
        "letterboxd.com",
        "boxd.it",
    ),
    origin="https://letterboxd.com",
    start_urls=("https://letterboxd.com/films/popular/",),
    page_types=(
        PageType("reviews", r"^/film/[^/]+/reviews/|^/[^/]+/films/reviews/"),
        PageType("film", r"^/film/"),
        PageType("browse", r"^/films/"),
        PageType("list", r"/list/"),
        PageType("watchlist", r"/watchlist/"),
        PageType("user_films", r"^/[^/]+/films/"),
        PageType("user_films", r"^/[^/]+/likes/films/"),
        # A person's films under each credit the site lists them by.
        PageType(
            "person",
            r"^/(actor|director|co-director|writer|original-writer|story|producer|executive-producer"
            r"|cinematography|editor|composer|songs|casting|production-design|costume-design)/[^/]+/",
        ),
    ),
    layouts=(
        "film page 2012-2025 (JSON-LD in CDATA)",
        "poster grids of every era",
    ),
    title_fields=(
        "title",
        "year",
        "rating",
        "directors",
        "cast",
        "genres",
        "runtime_minutes",
        "plot",
    ),
    coverage={"film.year": 0.9, "film.directors": 0.9, "film.runtime_minutes": 0.5, "film.rating": 0.5},
    link_paths=r"^/(film/[a-z0-9-]+/|[a-z0-9_]+/(list|watchlist)/)",
)

FILM_PATH = re.compile(r"^/film/[^/]+/?(?:(?:details|crew|genres|releases)/?)?$")
LIST_PATH = re.compile(r"^/[^/]+/list/[^/]+/")
WATCHLIST_PATH = re.compile(r"^/[^/]+/watchlist/")
# The site's film browser ("/films/popular/this/week/", "/films/genre/drama/") and the fragment its grid is
# loaded from ("/films/ajax/popular/"); checked before USER_FILMS_PATH, which "films" as a user name would match.
BROWSE_PATH = re.compile(r"^/films/.+")
# A member's films, every filter and page of them ("/mondodrew/films/", "/<user>/films/by/rating/page/2/");
# their diary and reviews live under the same prefix but are other page types.
USER_FILMS_PATH = re.compile(r"^/[^/]+/films/(?!diary/|reviews/)")
DIARY_PATH = re.compile(r"^/[^/]+/films/diary/")
SEARCH_PATH = re.compile(r"^/search/(?:films/)?[^/]+/")
REVIEWS_PATH = re.compile(r"^/(?:film/[^/]+|[^/]+/films)/reviews/")


def parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"Letterboxd {sel.type} documents are not read")
    page = Page(sel, url)
    path = urlsplit(url).path or "/"
    if not path.endswith("/"):
        path += "/"
    if FILM_PATH.match(path):
        return read_by("letterboxd/film/film", [film.parse(page)])
    if WATCHLIST_PATH.match(path):
        return read_by("letterboxd/watchlist/lists", [lists.parse(page, kind="watchlist")])
    if LIST_PATH.match(path):
        return read_by("letterboxd/list/lists", [lists.parse(page, kind="list")])
    if SEARCH_PATH.match(path):
        if search.is_search_page(page):
            return read_by("letterboxd/search/results", [search.parse(page)])
        raise UnsupportedPage("letterboxd_layout", f"unrecognised Letterboxd search page at {path}")
    if REVIEWS_PATH.match(path):
        if reviews.is_review_list(page):
            return read_by("letterboxd/reviews/film_detail", reviews.parse(page))
        raise UnsupportedPage("letterboxd_layout", f"unrecognised Letterboxd review list at {path}")
    if DIARY_PATH.match(path):
        if diary.is_diary(page):
            return read_by("letterboxd/diary/diary_table", [diary.parse(page)])
        raise UnsupportedPage("letterboxd_layout", f"unrecognised Letterboxd diary at {path}")
    if BROWSE_PATH.match(path):
        return read_by("letterboxd/browse/poster_grid", [lists.parse(page, kind="browse")])
    if USER_FILMS_PATH.match(path):
        return read_by("letterboxd/user_films/poster_grid", [lists.parse(page, kind="user_films")])
    if SITE.page_type_of(path) == "user_films":  # the films a member liked ("/<user>/likes/films/")
        return read_by("letterboxd/user_films/poster_grid", [lists.parse(page, kind="user_films")])
    if SITE.page_type_of(path) == "person":
        return read_by("letterboxd/person/poster_grid", [person.parse(page)])
    raise UnsupportedPage("unknown_page_type", f"no Letterboxd parser for {path}")
