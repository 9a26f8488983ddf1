"""Fandango at Home (formerly Vudu): api2 JSON and XML responses, and rendered title pages.

The store is a client-side app over its `api2` API, so what its pages receive is API data:
`contentSearch` answers (JSON, `/*-secure-` wrapper already stripped) and `uxPageGet` browse pages (XML).
Rendered HTML title pages are read from their `data-testid` markup.
"""

from __future__ import annotations

from typing import Any

from parsel import Selector

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from .api import parse_api
from .title_page import is_title_page, parse_title_page
from .uxpage import is_ux_answer, parse_ux_page


def parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
    if sel.type == "json":
        # A json Selector holds the decoded document as its root.
        return read_by("fandango_at_home/api/api", parse_api(sel.root, url=url))
    if sel.type == "xml" or is_ux_answer(sel):
        return read_by("fandango_at_home/uxpage/uxpage", parse_ux_page(sel, url=url))
    page = Page(sel, url)
    if is_title_page(page):
        return read_by("fandango_at_home/title/title_page", parse_title_page(page))
    raise UnsupportedPage("page_type", f"no parser for this page of the store: {url}")
