"""Fandango at Home (formerly Vudu): api2 JSON and XML responses, and rendered title pages.

The store is a client-side app over its `api2` API, so what its pages receive is API data:
`contentSearch` answers (JSON, `/*-secure-` wrapper already stripped) and `uxPageGet` browse pages (XML).
Rendered HTML title pages are read from their `data-testid` markup.
"""

from __future__ import annotations

from parsel import Selector

from schemas.record_fields import RecordFields

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from ..site import PageType, Site
from .api import parse_api
from .title_page import is_title_page, parse_title_page
from .urls import BROWSE_MOVIES
from .uxpage import is_ux_answer, parse_ux_page

# The site, declared once (crawler.core.parsers.site); crawler/core/sites.py registers it.
SITE = Site(
    slug="fandango_at_home",
    order=60,
    name="Fandango at Home",
    hosts=(
        "athome.fandango.com",
        "vudu.com",
    ),
    origin="https://apicache.vudu.com",
    start_urls=(BROWSE_MOVIES,),
    page_types=(
        PageType("title", r"^/content/(browse|movies)/details/"),
        PageType("title", r"/api2/?\?(.*&)?contentId="),
        # The path-style requests of the 2014 clients write each parameter as /key/value
        # ("/api2/claimedAppId/myvudu/_type/contentSearch/contentId/129115/...").
        PageType("title", r"^/api2/(.+/)?contentId/\d+(/|$)"),
        PageType("browse", r"/api2/?\?(.*&)?(offset=|_type=uxPageGet)"),
        PageType("browse", r"^/api2/(.+/)?(offset/\d+|_type/uxPageGet)(/|$)"),
    ),
    layouts=(
        "api2 contentSearch JSON (2014+)",
        "api2 uxPageGet XML",
        "rendered title pages",
    ),
    title_fields=(
        "title",
        "year",
        "rating",
        "cast",
        "genres",
        "runtime_minutes",
        "plot",
        "certificate",
        "offers",
    ),
    coverage={"film.year": 0.9, "film.rating": 0.5, "film.offers": 0.5},
    link_paths=r"^/content/(browse|movies)/details/",
)


def parse(sel: Selector, *, url: str) -> list[RecordFields]:
    if sel.type == "json":
        # A json Selector holds the decoded document as its root.
        return read_by("fandango_at_home/api/api", [*parse_api(sel.root, url=url)])
    if sel.type == "xml" or is_ux_answer(sel):
        return read_by("fandango_at_home/uxpage/uxpage", [*parse_ux_page(sel, url=url)])
    page = Page(sel, url)
    if is_title_page(page):
        return read_by("fandango_at_home/title/title_page", [*parse_title_page(page)])
    raise UnsupportedPage("page_type", f"no parser for this page of the store: {url}")
