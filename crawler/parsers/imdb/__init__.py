"""IMDb: title pages of every layout era, title sub-pages, and (in `listings`) charts, searches and lists.

The route is picked by the URL path first (`/title/tt.../fullcredits`, `/chart/`, `/find`...), then by
page markers for pages saved without a telling URL. Title pages pick their layout module by marker:

    Next.js (2022+)            title_next      data-testid hero title block, JSON-LD, __NEXT_DATA__
    title_wrapper (2016-2021)  title_wrapper   div.title_wrapper, microdata, later JSON-LD
    overview-top (2010-2016)   title_overview  td#overview-top, microdata
    classic (<2010, /combined) title_classic   div.info rows labelled by h5
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from ..errors import PageLayoutError, UnsupportedPage
from ..page import Page
from ..provenance import read_by
from . import fullcredits, locations, releaseinfo, reviews, title_classic, title_next, title_overview, title_wrapper
from .common import title_id_of

_LISTING_PATH = re.compile(r"^/(?:chart|find|search|list)(?:/|$)|^/user/ur\d+/(?:watchlist|ratings|lists?)")
_TITLE_PATH = re.compile(r"^/title/tt\d+/?(?P<sub>[^?#]*)")

TITLE_LAYOUTS = (title_next, title_wrapper, title_overview, title_classic)
SUBPAGES = {"fullcredits": fullcredits, "releaseinfo": releaseinfo, "locations": locations, "reviews": reviews}
MAIN_VIEWS = {"", "maindetails", "combined", "reference"}


def parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"IMDb {sel.type} documents are not read")
    page = Page(sel, url)
    path = urlsplit(url).path or "/"
    if _LISTING_PATH.match(path):
        return _listing(page)
    match = _TITLE_PATH.match(path)
    if match:
        sub = match.group("sub").strip("/").split("/")[0]
        if sub in SUBPAGES:
            return _subpage(page, SUBPAGES[sub])
        if sub in MAIN_VIEWS:
            return _title(page)
        raise UnsupportedPage("title_subpage", f"IMDb title sub-page /{sub} is not read")
    if _is_listing(page):
        return _listing(page)
    for module in SUBPAGES.values():
        if module.matches(page):
            return _subpage(page, module)
    return _title(page)


def _title(page: Page) -> list[dict[str, Any]]:
    tt = title_id_of(page)
    for layout in TITLE_LAYOUTS:
        if layout.matches(page):
            if not tt:
                raise PageLayoutError("no_title_id", "title page without a tt id in its URL or canonical link")
            return read_by(f"imdb/title/{_name(layout)}", layout.parse(page, tt))
    raise PageLayoutError("unknown_layout", "no known IMDb title layout marker on the page", page_type="title")


def _subpage(page: Page, module: Any) -> list[dict[str, Any]]:
    tt = title_id_of(page)
    label = f"imdb/{_name(module)}/{_name(module)}"
    if module is reviews:
        return read_by(label, reviews.parse(page, tt))
    if not tt:
        raise PageLayoutError("no_title_id", "title sub-page without a tt id in its URL or canonical link",
                              page_type=_name(module))
    return read_by(label, module.parse(page, tt))


def _name(module: Any) -> str:
    return str(module.__name__).rsplit(".", 1)[-1]


def _listings_module() -> Any:
    try:
        from . import listings
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.listings":
            raise
        return None
    return listings


def _is_listing(page: Page) -> bool:
    module = _listings_module()
    return bool(module and module.is_listing(page))


def _listing(page: Page) -> list[dict[str, Any]]:
    module = _listings_module()
    if module is None:
        raise UnsupportedPage("listing", "IMDb listing pages are not read")
    return read_by("imdb/listing/listings", module.parse_listing(page))
