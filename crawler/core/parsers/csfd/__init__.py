"""ČSFD (csfd.cz / csfd.sk): film, series and episode pages, and the pages that list films.

The page type is the one `SITE` declares for the URL path (`/film/<number>-<slug>/` or its `prehled/` overview, an episode
under its series `/film/<n>-<slug>/<m>-<slug>/`; charts `/zebricky/`, search `/hledat/`, a user's ratings
`/uzivatel/<n>-<name>/hodnoceni/` and reviews (`/recenze/`), a person `/tvurce/<n>-<slug>/`) and confirmed by the page's markers
before a module reads it. A film's other tabs (`recenze/`, `galerie/`, `videa/`, `zajimavosti/` ...) print the
film's header and info block above their own column: they are read as the film they show (the overview's plot is
not on them). Other pages (discussions, news) are refused as unsupported.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from parsel import Selector

from schemas.listing import ListingKind
from schemas.record_fields import RecordFields

from ..errors import UnsupportedPage
from ..page import Page
from ..provenance import read_by
from ..site import PageType, Site
from . import film, film_2008, film_2012, listing, reviews

# The site, declared once (crawler.core.parsers.site); crawler/core/sites.py registers it.
SITE = Site(
    slug="csfd",
    order=70,
    name="ČSFD",
    hosts=(
        "csfd.cz",
        "csfd.sk",
    ),
    origin="https://www.csfd.cz",
    start_urls=("https://www.csfd.cz/zebricky/filmy/nejlepsi/",),
    page_types=(
        # A film or series (or an episode under its series) and its overview tab; other tabs are not read.
        PageType("film", r"^/([a-z]{2}/)?film/\d+-[^/?]*(/\d+-[^/?]*)?(/prehled)?/?(\?|$)"),
        # Any other tab of a film or an episode: its reviews, gallery, videos, trivia, awards...
        PageType("film_subpage", r"^/([a-z]{2}/)?film/\d+-[^/?]*(/\d+-[^/?]*)?/[a-z][^/?]*"),
        PageType("person", r"^/([a-z]{2}/)?tvurce/\d+-[^/?]*(/(prehled|filmografie))?/?(\?|$)"),
        PageType("chart", r"^/([a-z]{2}/)?zebricky([/?]|$)"),
        PageType("search", r"^/([a-z]{2}/)?hledat([/?]|$)"),
        PageType("user_films", r"^/([a-z]{2}/)?uzivatel/\d+-[^/?]*/hodnoceni([/?]|$)"),
        PageType("user_reviews", r"^/([a-z]{2}/)?uzivatel/\d+-[^/?]*/recenze([/?]|$)"),
    ),
    layouts=(
        "2008-2011 info block (bare h1, div.origin, #rating)",
        "2012-2020 div#profile with microdata",
        "film page with JSON-LD Movie",
    ),
    title_fields=(
        "title",
        "original_title",
        "year",
        "rating",
        "directors",
        "cast",
        "genres",
        "runtime_minutes",
        "countries",
    ),
    coverage={"film.year": 0.9, "film.directors": 0.9},
    link_paths=r"^/(film|tvurce)/\d+-",
)

# The listing kind of each listing page type.
LISTING_KINDS: dict[str, ListingKind] = {
    "chart": "chart",
    "search": "search",
    "user_films": "user_films",
    "person": "filmography",
}
FILM_MARKER = '//header[contains(@class, "film-header")] | //div[contains(@class, "film-info")]'


def parse(sel: Selector, *, url: str) -> list[RecordFields]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"ČSFD {sel.type} documents are not read")
    path = urlsplit(url).path or "/"
    if not path.endswith("/"):
        path += "/"
    page_type = SITE.page_type_of(url)
    if page_type in ("film", "film_subpage"):
        if sel.xpath(FILM_MARKER):
            return read_by(f"csfd/{page_type}/film", [film.parse(Page(sel, url))])
        if film_2012.matches(Page(sel, url)):
            return read_by(f"csfd/{page_type}/film_2012", [film_2012.parse(Page(sel, url))])
        if film_2008.matches(Page(sel, url)):
            return read_by(f"csfd/{page_type}/film_2008", [film_2008.parse(Page(sel, url))])
        raise UnsupportedPage("csfd_layout", f"unrecognised ČSFD film page layout at {url}")
    if page_type == "user_reviews":
        if reviews.matches(Page(sel, url)):
            return read_by("csfd/user_reviews/review_articles", [*reviews.parse(Page(sel, url))])
        raise UnsupportedPage("csfd_layout", f"unrecognised ČSFD user reviews layout at {url}")
    if page_type in LISTING_KINDS:
        kind = LISTING_KINDS[page_type]
        page = Page(sel, url)
        if not listing.is_listing(page):
            raise UnsupportedPage("csfd_layout", f"unrecognised ČSFD {kind} layout at {url}")
        return read_by(f"csfd/{kind}/film_title_rows", [listing.parse(page, kind=kind)])
    raise UnsupportedPage("csfd_page_type", f"no ČSFD parser for {path}")
