"""Rotten Tomatoes: movie pages of every layout era, TV series, season and episode pages, critic and
audience review pages, critics' pages, celebrity filmographies, search results, browse grids, "best of" tables and
the editorial site's ranked guides.

The switch below picks one module per page type (and per layout era for movie pages) from the page type `SITE`
declares for the URL and a few page markers; each module reads only its own structure.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from parsel import Selector

from schemas.record_fields import RecordFields

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from ..site import PageType, Site
from . import browse, celebrity, critic, critic_2023, editorial, movie, movie_2008, reviews, search, top, tv

# The site, declared once (crawler.core.parsers.site); crawler/core/sites.py registers it.
SITE = Site(
    slug="rottentomatoes",
    order=50,
    name="Rotten Tomatoes",
    hosts=("rottentomatoes.com",),
    origin="https://www.rottentomatoes.com",
    start_urls=("https://www.rottentomatoes.com/browse/movies_in_theaters/",),
    page_types=(
        PageType("reviews", r"^/(m|tv)/([^?]*/)?reviews/?(\?|$)"),
        # A series, a season (/s01) or an episode (/s01/e02).
        PageType("tv", r"^/tv/[^/?]+(/s\d+)?(/e\d+)?/?(\?|$)"),
        PageType("celebrity", r"^/celebrity/[^/?]+/?(\?|$)"),
        PageType("movie", r"^/m/[^/?]+/?(index\.php([/?]|$)|\?|$)"),
        PageType("search", r"^/search/?(\?|$)"),
        # A critic's reviews: /critic/<slug>/movies until 2022, /critics/<slug>/movies since (not the critics'
        # index pages under /critics/: authors, latest reviews, sources).
        PageType(
            "critic",
            r"^/critic/[^/?]+(/movies)?/?(\?|$)"
            r"|^/critics/(?!(authors|legacy_authors|latest_reviews|home|top_critics)([/?]|$))[^/?]+(/movies)?/?(\?|$)",
        ),
        PageType("browse", r"^/browse([/?]|$)"),
        PageType("top", r"^/top([/?]|$)"),
        # editorial.rottentomatoes.com's ranked lists ("140 Essential Action Movies"), one article a list.
        PageType("list", r"^/guide/[^/?]+(/\d+)?/?(\?|$)"),
    ),
    layouts=(
        "2008",
        "mop-ratings-wrap (2020-2021)",
        "score-board (2021-2023)",
        "media-scorecard (2023+)",
        "critic page review table (2014-2022)",
        "critic page JSON-LD review list (2023+)",
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
        "critic_review_count",
    ),
    coverage={"film.year": 0.9, "film.directors": 0.9, "film.rating": 0.5, "film.release_date": 0.5},
    link_paths=r"^/(m|tv|celebrity)/[a-z0-9_-]+",
)

# The 2008 page: the Tomatometer box and the info area of the IGN-era design.
LEGACY_MOVIE_MARKER = '//div[@id="tomatometer_score"] | //div[contains(@class, "movie_info_area")]'


def parse(sel: Selector, *, url: str) -> list[RecordFields]:
    page = Page(sel, url)
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"{url} is not an HTML page")
    page_type = SITE.page_type_of(url)
    if page_type == "reviews":
        if reviews.is_reviews_page(page):
            return read_by("rottentomatoes/reviews/review_rows", [*reviews.parse(page)])
        raise UnsupportedPage("rottentomatoes_layout", f"unrecognised Rotten Tomatoes reviews layout at {url}")
    if page_type == "tv":
        return read_by("rottentomatoes/tv/scorecard_json_ld", [*tv.parse(page)])
    if page_type == "celebrity":
        if celebrity.is_celebrity_page(page):
            return read_by("rottentomatoes/celebrity/filmography_table", [celebrity.parse(page)])
        raise UnsupportedPage("rottentomatoes_layout", f"unrecognised Rotten Tomatoes celebrity layout at {url}")
    if page_type == "movie":
        if sel.xpath(LEGACY_MOVIE_MARKER):
            return read_by("rottentomatoes/movie/movie_2008", [*movie_2008.parse(page)])
        return read_by("rottentomatoes/movie/movie", [*movie.parse(page)])
    if page_type == "critic":
        if critic.matches(page):
            return read_by("rottentomatoes/critic/review_table", [*critic.parse(page)])
        if critic_2023.matches(page):
            return read_by("rottentomatoes/critic/review_json_ld", [*critic_2023.parse(page)])
        raise UnsupportedPage("rottentomatoes_layout", f"unrecognised Rotten Tomatoes critic page layout at {url}")
    if page_type == "search":
        if search.is_search_page(page):
            return read_by("rottentomatoes/search/media_rows", [search.parse(page)])
        raise UnsupportedPage("rottentomatoes_layout", f"unrecognised Rotten Tomatoes search layout at {url}")
    if page_type == "browse":
        return read_by("rottentomatoes/browse/browse", [*browse.parse(page)])
    if page_type == "top":
        return read_by("rottentomatoes/top/top", [*top.parse(page)])
    if page_type == "list":
        if editorial.is_guide_page(page):
            return read_by("rottentomatoes/list/editorial_countdown", [editorial.parse(page)])
        raise UnsupportedPage("rottentomatoes_layout", f"unrecognised Rotten Tomatoes guide layout at {url}")
    raise UnsupportedPage("rottentomatoes_page_type", f"no Rotten Tomatoes parser for {urlsplit(url).path or '/'}")
