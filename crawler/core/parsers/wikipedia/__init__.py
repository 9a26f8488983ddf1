"""Wikipedia: film and TV series articles (`/wiki/<Article_title>`) read from their infobox, lead sentence and
Plot and Cast sections, and lists of films (`/wiki/List_of_..._films`) read from their tables. An article
addressed by its title in the query (`/w/index.php?title=<Article_title>&oldid=...`, a revision's permanent
link) is read as the article."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, unquote, urlsplit, urlunsplit

from parsel import Selector

from schemas.record_fields import RecordFields

from ..errors import PageWithoutData, UnsupportedPage
from ..page import Page
from ..provenance import read_by
from ..site import PageType, Site
from . import film_article, list_article, tv_article

# An article's name, not that of a page of another namespace ("Special:Random", "Talk:...", also with its colon
# percent-encoded).
_ARTICLE = r"(?!(Special|Talk|User|Wikipedia|File|Template|Category|Help|Portal|Draft|Module|MediaWiki)(:|%3[aA]))"

ARTICLE_PREFIX = "/wiki/"


def article_address(url: str) -> str:
    """The `/wiki/<Article_title>` address of a page addressed by its title in index.php's query, shown as it
    is (no `action` but "view"); any other URL as it is."""
    parts = urlsplit(url)
    if parts.path != "/w/index.php":
        return url
    query = parse_qs(parts.query)
    titles, actions = query.get("title", []), query.get("action", ["view"])
    if len(titles) != 1 or actions != ["view"]:
        return url
    name = quote(titles[0].strip().replace(" ", "_"), safe="()'!,;:@$*-._~")
    return urlunsplit((parts.scheme, parts.netloc, ARTICLE_PREFIX + name, "", ""))


# The site, declared once (crawler.core.parsers.site); crawler/core/sites.py registers it.
SITE = Site(
    slug="wikipedia",
    order=20,
    name="Wikipedia",
    hosts=("wikipedia.org",),
    origin="https://en.wikipedia.org",
    start_urls=("https://en.wikipedia.org/wiki/List_of_films_considered_the_best",),
    # An article (a film, a series or a list of films: the page's markup tells which).
    page_types=(
        # A person's filmography article ("Michael_Powell_filmography", "Filmografía_de_...").
        PageType(
            "filmography",
            rf"^/wiki/{_ARTICLE}(?:[^:/?]+_[Ff]ilmography|Filmograf(?:í|%C3%AD|%c3%ad)a_de_[^:/?]+"
            r"|Filmographie_de_[^:/?]+)$",
        ),
        PageType("film_article", rf"^/wiki/{_ARTICLE}[^?]"),
    ),
    layouts=(
        "MonoBook (2008-2010: the text directly in #bodyContent, anchors before section headings)",
        "Vector (2010-2022; before 2017 the text directly in #mw-content-text)",
        "Vector 2022",
        "Minerva (mobile: the lead in div.mf-section-0 until about 2017, section.mf-section-0 since)",
    ),
    title_fields=(
        "title",
        "year",
        "directors",
        "writers",
        "cast",
        "runtime_minutes",
        "release_date",
        "countries",
        "languages",
    ),
    coverage={"film.year": 0.9, "film.directors": 0.9, "film.runtime_minutes": 0.5},
    link_paths=r"^/wiki/[^:]+$",
    alias=article_address,
)

# Any article's infobox (English, Spanish, Italian and German tables; the French one's wrapper), whatever its
# subject.
ANY_INFOBOX = (
    '//table[contains(concat(" ",normalize-space(@class)," ")," infobox ")'
    ' or contains(concat(" ",normalize-space(@class)," ")," infobox_v2 ")]'
    ' | //div[contains(@class,"infobox_v")]'
)


def parse(sel: Selector, *, url: str) -> list[RecordFields]:
    if sel.type != "html":
        raise UnsupportedPage("not_html", f"Wikipedia {sel.type} documents are not read")
    url = article_address(url)
    path = urlsplit(url).path
    page_type = SITE.page_type_of(url)
    if page_type not in ("film_article", "filmography"):
        raise UnsupportedPage("unknown_page_type", f"no Wikipedia parser for {path}")
    article = unquote(path[len(ARTICLE_PREFIX) :]).replace(" ", "_")
    page = Page(sel, url)
    if page_type == "filmography" and list_article.has_film_rows(page):
        filmography = list_article.parse(page, article=article, kind="filmography")
        return read_by("wikipedia/filmography/wikitable", [filmography])
    if list_article.is_film_list(page, article):
        return read_by("wikipedia/list_article/wikitable", [list_article.parse(page, article=article)])
    # A series' infobox may also have a "Directed by" row: its episode counts decide.
    if tv_article.is_tv_article(page):
        return read_by("wikipedia/tv_article/infobox", [tv_article.parse(page, article=article)])
    if not film_article.is_film_article(page):
        if page.sel.xpath(ANY_INFOBOX):
            # The infobox of a company, a country or a person says what the article is about; the generic
            # readers would take its hatnotes' and navboxes' links for a list of films.
            raise PageWithoutData("not_a_film", f"{article} has an infobox of something other than a film")
        raise UnsupportedPage("not_a_film", f"{article} has no film infobox")
    return read_by("wikipedia/film_article/film_article", [film_article.parse(page, article=article)])
