"""The sites filmcrawl knows: slug, hosts, and the module holding each site's parser.

One slug names a site everywhere: the spider, the parser package (`crawler.parsers.<slug>`), the fixture
folder and the records' `source` field. A site's parser module exposes `parse(sel, *, url) -> list[dict]`.
Pages of hosts not listed here are read by the generic schema.org parser.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from parsel import Selector

ParseFunction = Callable[..., list[dict[str, Any]]]


@dataclass(frozen=True)
class Site:
    slug: str
    hosts: tuple[str, ...]
    """Host names of the real site; subdomains match too."""
    link_paths: str = ""
    """Regex matching the paths of the site's own links, to recognise a saved page whose URL is unknown."""
    origin: str = ""
    """Scheme and host of the pages a crawl starts from ("https://www.imdb.com"): a mirror of the site (the
    sample site, a test server) stands for this origin, and records read on the mirror carry this origin's URLs."""


SITES: dict[str, Site] = {
    site.slug: site
    for site in (
        Site("imdb", ("imdb.com",), r"^/(title/tt\d+|name/nm\d+|review/rw\d+|user/ur\d+|list/ls\d+)",
             origin="https://www.imdb.com"),
        Site("rottentomatoes", ("rottentomatoes.com",), r"^/(m|tv|celebrity)/[a-z0-9_-]+",
             origin="https://www.rottentomatoes.com"),
        Site("letterboxd", ("letterboxd.com", "boxd.it"), r"^/(film/[a-z0-9-]+/|[a-z0-9_]+/(list|watchlist)/)",
             origin="https://letterboxd.com"),
        Site("metacritic", ("metacritic.com",), r"^/(movie|person|critic)/[a-z0-9-]+",
             origin="https://www.metacritic.com"),
        Site("wikipedia", ("wikipedia.org",), r"^/wiki/[^:]+$",
             origin="https://en.wikipedia.org"),
        Site("fandango_at_home", ("athome.fandango.com", "vudu.com"), r"^/content/(browse|movies)/details/",
             origin="https://apicache.vudu.com"),
        Site("csfd", ("csfd.cz", "csfd.sk"), r"^/(film|tvurce)/\d+-",
             origin="https://www.csfd.cz"),
        Site("flixster", ("flixster.com",), r"^/(movie|actor)/[a-z0-9-]+",
             origin="https://www.flixster.com"),
    )
}

GENERIC = "generic"


def site_for_host(host: str) -> Site | None:
    host = host.lower().rstrip(".")
    for site in SITES.values():
        if any(host == h or host.endswith("." + h) for h in site.hosts):
            return site
    return None


# A page names its site by its links when at least this many point at the site's paths, and when no other
# site comes close (half as many).
_MIN_LINKS = 5


def site_for_links(paths: list[str]) -> Site | None:
    """The known site most of the page's same-site link paths belong to, for pages saved without their URL."""
    counts = {slug: sum(1 for p in paths if re.match(site.link_paths, p)) for slug, site in SITES.items()
              if site.link_paths}
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < _MIN_LINKS or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    return SITES[ranked[0][0]]


def _parser_module(slug: str) -> ModuleType | None:
    if slug not in SITES:
        return None
    try:
        return importlib.import_module(f"crawler.parsers.{slug}")
    except ModuleNotFoundError as error:
        if error.name != f"crawler.parsers.{slug}":
            raise
        return None


@cache
def parser_for(slug: str) -> ParseFunction | None:
    """The dedicated parser of a known site, or None when the site has none (the generic parser applies)."""
    module = _parser_module(slug)
    return module.parse if module is not None else None


@cache
def title_fields(slug: str) -> tuple[str, ...]:
    """The film fields a site's title pages show, as its parser package declares them (`TITLE_FIELDS`); the
    end-of-job coverage check expects every one of them (crawler.dataset.report.declared_thresholds)."""
    module = _parser_module(slug)
    return tuple(getattr(module, "TITLE_FIELDS", ())) if module is not None else ()


def generic_parser(slug: str) -> ParseFunction:
    from crawler.parsers import generic

    def parse(sel: Selector, *, url: str) -> list[dict[str, Any]]:
        return generic.parse(sel, url=url, source=slug)

    return parse
