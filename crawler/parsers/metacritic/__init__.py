"""Metacritic: movie pages of the pre-2023 layout (and of the 2023+ layout through its JSON-LD Movie).

The switch below picks the module by URL path and layout markers; other pages are refused as unsupported.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from . import movie_2017, movie_2023

# The pre-2023 product header: h1 with the release year beside it, score tables, "Starring:" summary.
CLASSIC_MARKER = '//div[contains(@class, "product_page_title")] | //div[contains(@class, "summary_cast")]'
# The 2023+ Nuxt layout: product hero and score info components.
CURRENT_MARKER = ('//*[contains(@class, "c-productHero")] | //*[contains(@class, "c-productScoreInfo")]'
                  ' | //script[@id="__NUXT_DATA__"]')


def parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"{url} is not an HTML page")
    page = Page(sel, url)
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if len(parts) == 2 and parts[0] == "movie":
        if sel.xpath(CLASSIC_MARKER):
            return read_by("metacritic/movie/movie_2017", movie_2017.parse(page))
        if sel.xpath(CURRENT_MARKER) and page.of_type("Movie"):
            return read_by("metacritic/movie/movie_2023", movie_2023.parse(page))
        raise UnsupportedPage("metacritic_layout", f"unrecognised Metacritic movie page layout at {url}",
                              page_type="movie")
    raise UnsupportedPage("metacritic_page_type", f"no Metacritic parser for {urlsplit(url).path or '/'}")
