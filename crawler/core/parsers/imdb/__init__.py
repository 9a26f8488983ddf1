"""IMDb: title pages of every layout era, title sub-pages, and (in `listings`) charts, searches and lists.

The route is picked by the page type `SITE` declares for the URL (`/title/tt.../fullcredits`, `/chart/`,
`/find`...), then by page markers for pages saved without a telling URL. Title pages pick their layout module by marker:

    Next.js (2022+)            title_next      data-testid hero title block, JSON-LD, __NEXT_DATA__
    title_wrapper (2016-2021)  title_wrapper   div.title_wrapper, microdata, later JSON-LD
    overview-top (2010-2016)   title_overview  td#overview-top, microdata
    mobile (2011-2021)         title_mobile    m.imdb.com: #ratings-bar drawn with mobile-sprite icons, or
                                               #titleOverview with #cast-and-crew; microdata or JSON-LD
    classic (<2010, /combined) title_classic   div.info rows labelled by h5

Since 2022 m.imdb.com serves the desktop Next.js page, read by `title_next`.

Episode lists (`/title/tt.../episodes`) are read by `episodes`, person pages (`/name/nm...`) by `person`.
Critic reviews (`/title/tt.../criticreviews`) are read by `criticreviews`; trivia, goofs, quotes, crazy credits
and taglines by `items`, technical specifications by `technical`, user ratings by `ratings`, plot summaries by
`plotsummary`, the parents' guide by `parentalguide`, soundtracks by `soundtrack`, connections by `connections`;
every other title sub-page (keywords, awards, company credits...) gives the film its header names
(`title_subpages`). Person sub-pages (biography, awards...) hold no film and are refused with the typed reason
"name_subpage".
"""

from __future__ import annotations

from types import ModuleType
from urllib.parse import urlsplit

from parsel import Selector

from schemas.record_fields import RecordFields

from ..errors import PageLayoutError, PageWithoutData, UnsupportedPage
from ..page import Page
from ..provenance import read_by
from ..site import PageType, Site
from . import (
    connections,
    criticreviews,
    episodes,
    fullcredits,
    items,
    locations,
    parentalguide,
    person,
    plotsummary,
    ratings,
    releaseinfo,
    reviews,
    soundtrack,
    technical,
    title_classic,
    title_mobile,
    title_next,
    title_overview,
    title_subpages,
    title_wrapper,
)
from .common import title_id_of

# The site, declared once (crawler.core.parsers.site); crawler/core/sites.py registers it.
SITE = Site(
    slug="imdb",
    order=10,
    name="IMDb",
    hosts=("imdb.com",),
    origin="https://www.imdb.com",
    start_urls=("https://www.imdb.com/chart/top/",),
    page_types=(
        PageType("fullcredits", r"^/title/tt\d+/fullcredits"),
        PageType("releaseinfo", r"^/title/tt\d+/releaseinfo"),
        PageType("reviews", r"^/title/tt\d+/reviews"),
        PageType("criticreviews", r"^/title/tt\d+/criticreviews"),
        PageType("trivia", r"^/title/tt\d+/trivia"),
        PageType("goofs", r"^/title/tt\d+/goofs"),
        PageType("quotes", r"^/title/tt\d+/quotes"),
        PageType("crazycredits", r"^/title/tt\d+/crazycredits"),
        PageType("taglines", r"^/title/tt\d+/taglines"),
        PageType("technical", r"^/title/tt\d+/technical"),
        PageType("ratings", r"^/title/tt\d+/ratings"),
        PageType("locations", r"^/title/tt\d+/locations"),
        PageType("episodes", r"^/title/tt\d+/episodes"),
        PageType("plotsummary", r"^/title/tt\d+/(plotsummary|synopsis)"),
        PageType("parentalguide", r"^/title/tt\d+/parentalguide"),
        PageType("soundtrack", r"^/title/tt\d+/soundtrack"),
        PageType("movieconnections", r"^/title/tt\d+/movieconnections"),
        PageType("reference", r"^/title/tt\d+/(reference|combined)"),
        PageType("title", r"^/title/tt\d+/?(maindetails([/?]|$)|\?|$)"),
        PageType("title_subpage", r"^/title/tt\d+"),
        PageType("person", r"^/name/nm\d+/?((maindetails|filmotype|filmoyear|filmogenre)([/?]|$)|\?|$)"),
        PageType("name_subpage", r"^/name/nm\d+"),
        PageType("user_reviews", r"^/user/ur\d+/(reviews|comments-index)"),
        PageType("review", r"^/review/rw\d+"),
        PageType("listing", r"^/(chart|list|search|find|keyword)\b|^/user/ur\d+/(watchlist|ratings|lists?)"),
    ),
    layouts=(
        "title_classic (2008-2010, /combined)",
        "title_overview (2010-2016)",
        "title_wrapper (2016-2021)",
        "title_next (2022+)",
        "title_mobile (m.imdb.com 2011-2021)",
    ),
    title_fields=(
        "title",
        "year",
        "rating",
        "directors",
        "writers",
        "cast",
        "genres",
        "runtime_minutes",
        "release_date",
        "plot",
        "certificate",
        "countries",
        "languages",
    ),
    coverage={
        "film.year": 0.9,
        "film.directors": 0.9,
        "film.cast": 0.9,
        "film.genres": 0.9,
        "film.rating": 0.5,
        "film.runtime_minutes": 0.5,
        "review.film_title": 0.9,
    },
    link_paths=r"^/(title/tt\d+|name/nm\d+|review/rw\d+|user/ur\d+|list/ls\d+)",
    # Since 2023 a page may be addressed in a language of its own: /de/title/…, /es-es/chart/top/, /fr/find/.
    path_prefix=r"^/[a-z]{2}(?:-[a-z]{2})?(?=/(?:title|name|chart|list|search|find|keyword|user|review)\b)",
)

# The desktop layouts go first: their markers are their own, and a mobile page carries none of them. The mobile
# layout goes before the classic one, whose marker (an h5 in a div whose class holds "info") is the loosest.
TITLE_LAYOUTS = (title_next, title_wrapper, title_overview, title_mobile, title_classic)
SUBPAGES: dict[str, ModuleType | items.ItemsSubpage] = {
    "fullcredits": fullcredits,
    "releaseinfo": releaseinfo,
    "locations": locations,
    "reviews": reviews,
    "criticreviews": criticreviews,
    "episodes": episodes,
    "trivia": items.TRIVIA,
    "goofs": items.GOOFS,
    "quotes": items.QUOTES,
    "crazycredits": items.CRAZY_CREDITS,
    "taglines": items.TAGLINES,
    "technical": technical,
    "ratings": ratings,
    "plotsummary": plotsummary,
    "parentalguide": parentalguide,
    "soundtrack": soundtrack,
    "movieconnections": connections,
    "user_reviews": reviews,
    "review": reviews,
}
# The page types the title layouts read: the title page and its reference (formerly "combined") view.
MAIN_VIEWS = {"title", "reference"}


def parse(sel: Selector, *, url: str) -> list[RecordFields]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"IMDb {sel.type} documents are not read")
    page = Page(sel, url)
    page_type = SITE.page_type_of(url)
    if page_type == "listing":
        return _listing(page)
    if page_type in SUBPAGES:
        return _subpage(page, SUBPAGES[page_type])
    if page_type in MAIN_VIEWS:
        return _title(page)
    if page_type == "title_subpage":
        return _subpage(page, title_subpages)
    if page_type == "person":
        return [*person.parse(page)]
    if page_type == "name_subpage":
        raise PageWithoutData("name_subpage", f"IMDb person sub-page /{_view(url)} is not read")
    if _is_listing(page):
        return _listing(page)
    for module in SUBPAGES.values():
        if module.matches(page):
            return _subpage(page, module)
    if not title_id_of(page) and person.matches(page):
        return [*person.parse(page)]
    return _title(page)


def _view(url: str) -> str:
    """The path segment after a title's or person's id ("parentalguide" of /title/tt0040725/parentalguide)."""
    segments = [segment for segment in urlsplit(url).path.split("/") if segment]
    return segments[2] if len(segments) > 2 else ""


def _title(page: Page) -> list[RecordFields]:
    tt = title_id_of(page)
    for layout in TITLE_LAYOUTS:
        if layout.matches(page):
            if not tt:
                raise PageLayoutError("no_title_id", "title page without a tt id in its URL or canonical link")
            return read_by(f"imdb/title/{_name(layout)}", [*layout.parse(page, tt)])
    raise PageLayoutError("unknown_layout", "no known IMDb title layout marker on the page", page_type="title")


def _subpage(page: Page, module: ModuleType | items.ItemsSubpage) -> list[RecordFields]:
    tt = title_id_of(page)
    label = f"imdb/{_name(module)}/{_name(module)}"
    if module in (reviews, criticreviews, episodes):
        return read_by(label, [*module.parse(page, tt)])
    if not tt:
        raise PageLayoutError(
            "no_title_id", "title sub-page without a tt id in its URL or canonical link", page_type=_name(module)
        )
    return read_by(label, [*module.parse(page, tt)])


def _name(module: ModuleType | items.ItemsSubpage) -> str:
    if isinstance(module, items.ItemsSubpage):
        return module.name
    return str(module.__name__).rsplit(".", 1)[-1]


def _listings_module() -> ModuleType | None:
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


def _listing(page: Page) -> list[RecordFields]:
    module = _listings_module()
    if module is None:
        raise UnsupportedPage("listing", "IMDb listing pages are not read")
    return read_by("imdb/listing/listings", [*module.parse_listing(page)])
