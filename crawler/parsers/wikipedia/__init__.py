"""Wikipedia: film articles (`/wiki/<Article_title>`) read from their infobox and lead sentence, and lists of
films (`/wiki/List_of_...`) read as listings of the film articles they link."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

from parsel import Selector

from ..errors import UnsupportedPage
from ..page import Page
from . import film_article, film_list

# The film fields this site's title pages show: the end-of-job coverage check expects each of them on at least
# FILMCRAWL_COVERAGE_DECLARED_MINIMUM of the site's film records (crawler.sites.title_fields).
TITLE_FIELDS: tuple[str, ...] = (
    "title", "year", "directors", "writers", "cast", "runtime_minutes", "release_date", "countries", "languages")

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
    if article.startswith("List_of_"):
        if not sel.xpath(film_list.ROWS):
            raise UnsupportedPage("not_a_film_list", f"{article} has no table of films")
        return [film_list.parse(page)]
    if not film_article.is_film_article(page):
        raise UnsupportedPage("not_a_film", f"{article} has no film infobox")
    return [film_article.parse(page, article=article)]
