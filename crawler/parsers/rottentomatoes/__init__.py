"""Rotten Tomatoes: movie pages of every layout era, browse grids and "best of" tables.

The switch below picks one module per page type (and per layout era for movie pages) from the URL path and
a few page markers; each module reads only its own structure.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from . import browse, movie, movie_2008, top

# The 2008 page: the Tomatometer box and the info area of the IGN-era design.
LEGACY_MOVIE_MARKER = '//div[@id="tomatometer_score"] | //div[contains(@class, "movie_info_area")]'


def parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
    page = Page(sel, url)
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"{url} is not an HTML page")
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if len(parts) >= 2 and parts[0] == "m" and (len(parts) == 2 or parts[2] in ("index.php", "")):
        if sel.xpath(LEGACY_MOVIE_MARKER):
            return read_by("rottentomatoes/movie/movie_2008", movie_2008.parse(page))
        return read_by("rottentomatoes/movie/movie", movie.parse(page))
    if parts and parts[0] == "browse":
        return read_by("rottentomatoes/browse/browse", browse.parse(page))
    if parts and parts[0] == "top":
        return read_by("rottentomatoes/top/top", top.parse(page))
    raise UnsupportedPage("rottentomatoes_page_type", f"no Rotten Tomatoes parser for {urlsplit(url).path or '/'}")
