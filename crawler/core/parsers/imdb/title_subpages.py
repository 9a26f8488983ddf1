"""Title sub-pages without a reader of their own (`/keywords`, `/companycredits`, `/externalreviews`,
`/mediaindex`, `/videogallery`, `/alternateversions`, `/faq`, `/news`...) and the awards page: each names its
film in the header every sub-page shares (crawler.core.parsers.imdb.subpage), so each gives the film record
with what that header and, since 2023, the page data's title summary show.

The awards page also prints its totals, "Showing all 3 wins and 9 nominations" (2010-2022, `div.desc`), read
into `awards` (wins and nominations, Oscars included as on the title page's summary).

A header of a markup not known here leaves the <title> ("The Red Shoes (1948) - Plot keywords - IMDb", the same
in every era) to name the film; a page that names none is refused as an unknown layout, so the generic readers
may still try it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields

from ..errors import PageLayoutError
from ..page import Page
from .common import awards_field, split_title_year, text
from .subpage import film_fields

# "Showing all 3 wins and 9 nominations", "Showing all 1 win", "Showing all 4 nominations".
AWARDS_TOTALS = '//div[contains(@class, "desc")][starts-with(normalize-space(.), "Showing all")]'
# The layout label of a sub-page read for its header alone (no entries of its own found): counted apart, so a
# layout change that empties a sub-page's list shows in the crawl report.
HEADER_ONLY = "header_only"
_VIEW_NAME = re.compile(r"[a-z][a-z_]{1,30}")
_TOTALS = re.compile(r"^Showing all\b.*\b(wins?|nominations?)\b", re.IGNORECASE)


def view_of(url: str) -> str:
    """The path segment after the title's id ("keywords" of /title/tt0040725/keywords?ref_=tt_stry_kw); "other"
    for a segment that is no sub-page's name, so the crawl's counts by reader stay a short list."""
    segments = [segment for segment in urlsplit(url).path.split("/") if segment]
    view = segments[2].lower() if len(segments) > 2 else ""
    return view if _VIEW_NAME.fullmatch(view) else "other"


def named_film(page: Page, tt: str, page_type: str) -> FilmFields:
    """The film the sub-page's header names, else the one its <title> names; refused as an unknown layout when
    neither names one."""
    film = film_fields(page, tt)
    if not film.get("title"):
        title, year = _head_title(page)
        if not title:
            raise PageLayoutError("no_title", f"IMDb /{page_type} page without its film's title", page_type=page_type)
        film["title"], film["year"] = title, year
    return film


def _head_title(page: Page) -> tuple[str | None, int | None]:
    """Every era's sub-page <title> is "<title> (<year>) - <section>[ - IMDb]" ("Lantern Keepers (TV Series
    2019–2021) - Keywords - IMDb"): the title and first year, only when the year in brackets marks it."""
    head = clean_text(page.sel.xpath("//title/text()").get() or "")
    if " - " not in head:
        return None, None
    title, year = split_title_year(head.split(" - ")[0])
    return (title, year) if title and year else (None, None)


def parse(page: Page, tt: str) -> list[FilmFields]:
    view = view_of(page.url)
    film = named_film(page, tt, "title_subpage")
    if view == "awards":
        totals = text(page.sel.xpath(AWARDS_TOTALS)[:1])
        if totals and _TOTALS.search(totals):
            film["awards"] = awards_field(totals)
    film["extraction"] = {"parser": f"imdb/title_subpage/{view}"}
    return [film]
