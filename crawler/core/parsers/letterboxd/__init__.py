"""Letterboxd: film pages, user lists, watchlists, a member's profile, films, diary and reviews, a film's reviews,
one member's review of a film and the site's browse grids.

The page type is the one `SITE` declares for the URL path (`/film/<slug>/`, `/film/<slug>/reviews/`, `/<user>/list/<slug>/`,
`/<user>/watchlist/`, `/<user>/films/`, `/<user>/films/diary/`, `/<user>/films/reviews/`, `/<user>/film/<slug>/`,
`/<user>/`, `/films/popular/` and its `/films/ajax/...` fragment, `/film/<slug>/similar/`, `/search/<query>/`) and
confirmed by the page's own
markers before a module reads it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from parsel import Selector

from schemas.record_fields import RecordFields

from ..errors import PageWithoutData, UnsupportedPage
from ..page import Page
from ..provenance import read_by
from ..site import PageType, Site
from . import diary, film, lists, person, profile, review_page, reviews, search

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
        PageType("film", r"^/film/[^/?]+/?((details|crew|genres|releases)/?)?(\?|$)"),
        PageType("watchlist", r"^/[^/?]+/watchlist([/?]|$)"),
        PageType("list", r"^/[^/?]+/list/[^/?]+"),
        PageType("search", r"^/search/(films/)?[^/?]+"),
        PageType("reviews", r"^/(film/[^/?]+|[^/?]+/films)/reviews([/?]|$)"),
        PageType("diary", r"^/[^/?]+/films/diary([/?]|$)"),
        # One member's review of one film ("/vickypage/film/the-red-shoes/"), a later viewing numbered after it
        # ("/vickypage/film/the-red-shoes/1/"); not its likes, activity or lists pages.
        PageType("review", r"^/[^/?]+/film/[^/?]+(/(\d+/?)?)?(\?|$)"),
        # The site's film browser ("/films/popular/this/week/", "/films/genre/drama/") and the fragment its grid
        # is loaded from ("/films/ajax/popular/"); before user_films, which "films" as a user name would match.
        PageType("browse", r"^/films/[^?]"),
        # The films members find like one film ("/film/the-red-shoes/similar/"), a poster grid under the film's
        # own poster.
        PageType("similar", r"^/film/[^/?]+/similar/?(\?|$)"),
        # A person's films under each credit the site lists them by ("/director/michael-powell/by/release/").
        PageType(
            "person",
            r"^/(actor|director|co-director|writer|original-writer|story|producer|executive-producer"
            r"|cinematography|editor|composer|songs|casting|production-design|costume-design)/[^/?]+",
        ),
        # A member's films, every filter and page of them ("/mondodrew/films/", "/<user>/films/by/rating/page/2/"),
        # and the films they liked ("/<user>/likes/films/").
        PageType("user_films", r"^/[^/?]+/(likes/)?films([/?]|$)"),
        # Pages of people or of lists, not of films: a film's members, fans, likes, ratings and the lists it is in
        # ("/film/the-red-shoes/fans/"), a member's lists ("/vickypage/lists/"), followers and following. Their
        # posters are previews of other lists or avatars, never entries.
        PageType(
            "no_films",
            r"^/(film/[^/?]+/(members|fans|likes|ratings|lists)|[^/?]+/(lists|followers|following))([/?]|$)",
        ),
        # A member's profile ("/vickypage/"): one path segment that is none of the site's own sections.
        PageType(
            "profile",
            r"^/(?!(films|lists|members|journal|search|about|pro|patron|settings|activity|welcome|sign-in"
            r"|create-account|legal|contact|apps|api|reviews|tags|showdown|hq|film|year-in-review)/?(\?|$))"
            r"[^/?]+/?(\?|$)",
        ),
    ),
    layouts=(
        "film page 2012-2025 (JSON-LD in CDATA)",
        "poster grids of every era",
        "a member's review page 2013-2023 (section.film-viewing-info-wrapper)",
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


def parse(sel: Selector, *, url: str) -> list[RecordFields]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"Letterboxd {sel.type} documents are not read")
    page = Page(sel, url)
    page_type = SITE.page_type_of(url)
    path = urlsplit(url).path or "/"
    if not path.endswith("/"):
        path += "/"
    if page_type == "no_films":
        raise PageWithoutData("letterboxd_no_films", f"Letterboxd page of people or lists at {path}")
    if page_type == "film":
        return read_by("letterboxd/film/film", [film.parse(page)])
    if page_type == "watchlist":
        return read_by("letterboxd/watchlist/lists", [lists.parse(page, kind="watchlist")])
    if page_type == "list":
        return read_by("letterboxd/list/lists", [lists.parse(page, kind="list")])
    if page_type == "search":
        if search.is_search_page(page):
            return read_by("letterboxd/search/results", [search.parse(page)])
        raise UnsupportedPage("letterboxd_layout", f"unrecognised Letterboxd search page at {path}")
    if page_type == "reviews":
        if reviews.is_review_list(page):
            return read_by("letterboxd/reviews/film_detail", [*reviews.parse(page)])
        raise UnsupportedPage("letterboxd_layout", f"unrecognised Letterboxd review list at {path}")
    if page_type == "review":
        if review_page.is_review_page(page):
            return read_by("letterboxd/review/viewing_info", [review_page.parse(page)])
        raise UnsupportedPage("letterboxd_layout", f"unrecognised Letterboxd review page at {path}")
    if page_type == "diary":
        if diary.is_diary(page):
            return read_by("letterboxd/diary/diary_table", [diary.parse(page)])
        raise UnsupportedPage("letterboxd_layout", f"unrecognised Letterboxd diary at {path}")
    if page_type == "browse":
        return read_by("letterboxd/browse/poster_grid", [lists.parse(page, kind="browse")])
    if page_type == "similar":
        return read_by("letterboxd/similar/poster_grid", [lists.similar(page)])
    if page_type == "user_films":
        return read_by("letterboxd/user_films/poster_grid", [lists.parse(page, kind="user_films")])
    if page_type == "person":
        return read_by("letterboxd/person/poster_grid", [person.parse(page)])
    if page_type == "profile":
        if profile.is_profile(page):
            return read_by("letterboxd/profile/poster_sections", [profile.parse(page)])
        raise UnsupportedPage("letterboxd_layout", f"unrecognised Letterboxd profile at {path}")
    raise UnsupportedPage("unknown_page_type", f"no Letterboxd parser for {path}")
