"""Letterboxd: film pages, user lists and watchlists.

The page type is read from the URL path (`/film/<slug>/`, `/<user>/list/<slug>/`, `/<user>/watchlist/`) and
confirmed by the page's own markers before a module reads it.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from . import film, lists

FILM_PATH = re.compile(r"^/film/[^/]+/?(?:(?:details|crew|genres|releases)/?)?$")
LIST_PATH = re.compile(r"^/[^/]+/list/[^/]+/")
WATCHLIST_PATH = re.compile(r"^/[^/]+/watchlist/")


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
    raise UnsupportedPage("unknown_page_type", f"no Letterboxd parser for {path}")
