"""ČSFD (csfd.cz / csfd.sk): film pages.

The page type is read from the URL path (`/film/<number>-<slug>/` or its `prehled/` overview, an episode
under its series `/film/<n>-<slug>/<m>-<slug>/`) and confirmed by the film header before the film module
reads it. Other pages (reviews, galleries, people, charts) are refused as unsupported.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from . import film

# Optional language prefix, the film (and episode) segments, then the overview tab or nothing.
FILM_PATH = re.compile(r"^/(?:[a-z]{2}/)?film/\d+-[^/]*/(?:\d+-[^/]*/)?(?:prehled/)?$")
FILM_MARKER = '//header[contains(@class, "film-header")] | //div[contains(@class, "film-info")]'


def parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"ČSFD {sel.type} documents are not read")
    path = urlsplit(url).path or "/"
    if not path.endswith("/"):
        path += "/"
    if FILM_PATH.match(path):
        if not sel.xpath(FILM_MARKER):
            raise UnsupportedPage("csfd_layout", f"unrecognised ČSFD film page layout at {url}", page_type="film")
        return read_by("csfd/film/film", [film.parse(Page(sel, url))])
    raise UnsupportedPage("csfd_page_type", f"no ČSFD parser for {path}")
