"""ČSFD (csfd.cz / csfd.sk): film pages.

The page type is read from the URL path (`/film/<number>-<slug>/` or its `prehled/` overview, an episode
under its series `/film/<n>-<slug>/<m>-<slug>/`) and confirmed by the film header before the film module
reads it; charts (`/zebricky/...`) are read as listings. Other pages (reviews, galleries, people) are refused
as unsupported.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from ..errors import UnsupportedPage
from ..page import Page
from . import chart, film

# The film fields this site's title pages show: the end-of-job coverage check expects each of them on at least
# FILMCRAWL_COVERAGE_DECLARED_MINIMUM of the site's film records (crawler.sites.title_fields).
TITLE_FIELDS: tuple[str, ...] = (
    "title", "original_title", "year", "rating", "directors", "cast", "genres", "runtime_minutes", "countries")

# Optional language prefix, the film (and episode) segments, then the overview tab or nothing.
FILM_PATH = re.compile(r"^/(?:[a-z]{2}/)?film/\d+-[^/]*/(?:\d+-[^/]*/)?(?:prehled/)?$")
CHART_PATH = re.compile(r"^/(?:[a-z]{2}/)?zebricky/")
FILM_MARKER = '//header[contains(@class, "film-header")] | //div[contains(@class, "film-info")]'


def parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"ČSFD {sel.type} documents are not read")
    path = urlsplit(url).path or "/"
    if not path.endswith("/"):
        path += "/"
    if FILM_PATH.match(path):
        if not sel.xpath(FILM_MARKER):
            raise UnsupportedPage("csfd_layout", f"unrecognised ČSFD film page layout at {url}")
        return [film.parse(Page(sel, url))]
    if CHART_PATH.match(path):
        if sel.xpath(FILM_MARKER) or not sel.xpath(chart.ENTRIES):  # a film page lists related films too
            raise UnsupportedPage("csfd_layout", f"unrecognised ČSFD chart layout at {url}")
        return [chart.parse(Page(sel, url))]
    raise UnsupportedPage("csfd_page_type", f"no ČSFD parser for {path}")
