"""Wikipedia: film articles (`/wiki/<Article_title>`) read from their infobox and lead sentence."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

from parsel import Selector

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from . import film_article

ARTICLE_PREFIX = "/wiki/"
NON_ARTICLE_NAMESPACES = ("Special:", "Talk:", "User:", "Wikipedia:", "File:", "Template:", "Category:",
                          "Help:", "Portal:", "Draft:", "Module:", "MediaWiki:")


def parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"Wikipedia {sel.type} documents are not read")
    path = urlsplit(url).path
    if not path.startswith(ARTICLE_PREFIX):
        raise UnsupportedPage("unknown_page_type", f"no Wikipedia parser for {path}")
    article = unquote(path[len(ARTICLE_PREFIX):]).replace(" ", "_")
    if not article or article.startswith(NON_ARTICLE_NAMESPACES):
        raise UnsupportedPage("unknown_page_type", f"no Wikipedia parser for {path}")
    page = Page(sel, url)
    if not film_article.is_film_article(page):
        raise UnsupportedPage("not_a_film", f"{article} has no film infobox")
    return read_by("wikipedia/film_article/film_article", [film_article.parse(page, article=article)])
