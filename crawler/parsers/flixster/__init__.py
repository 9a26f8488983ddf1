"""Flixster: movie pages of the 2008 profile layout.

The page type is read from the URL path (`/movie/<slug>`) and confirmed by the movie profile box before the
movie module reads it; other pages (actors, reviews, photos, showtimes) are refused as unsupported.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from . import movie_2008

MOVIE_PATH = re.compile(r"^/movie/[^/]+/?$")
# The 2008 profile: a "movieProfile" wrapper around the main, cast and details boxes.
PROFILE_2008_MARKER = '//div[@id="movieProfile"]'


def parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"Flixster {sel.type} documents are not read")
    path = urlsplit(url).path or "/"
    if MOVIE_PATH.match(path):
        if sel.xpath(PROFILE_2008_MARKER):
            return read_by("flixster/movie/movie_2008", [movie_2008.parse(Page(sel, url))])
        raise UnsupportedPage("flixster_layout", f"unrecognised Flixster movie page layout at {url}",
                              page_type="movie")
    raise UnsupportedPage("flixster_page_type", f"no Flixster parser for {path}")
