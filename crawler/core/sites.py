"""The registry of the sites filmcrawl knows: one line per site package, each declaring its `SITE`.

One slug names a site everywhere: the spider, the parser package (`crawler.core.parsers.<slug>`), the fixture
folder and the records' `source` field. A site's package declares `SITE` (crawler.core.parsers.site.Site) and
exposes `parse(sel, *, url) -> list[record]`. Pages of hosts not listed here are read by the generic parser.

Adding a site: a package under crawler/core/parsers/ with `SITE` and `parse`, one import line below, fixtures.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from types import ModuleType

from parsel import Selector

import crawler.core.parsers

# The registry: one line per site.
import crawler.core.parsers.csfd  # noqa: E402
import crawler.core.parsers.fandango_at_home  # noqa: E402
import crawler.core.parsers.flixster  # noqa: E402
import crawler.core.parsers.imdb  # noqa: E402
import crawler.core.parsers.letterboxd  # noqa: E402
import crawler.core.parsers.metacritic  # noqa: E402
import crawler.core.parsers.rottentomatoes  # noqa: E402
import crawler.core.parsers.wikipedia  # noqa: E402
from crawler.core.parsers.fallback import GenericParser, SiteParser
from crawler.core.parsers.site import PageType, Site
from schemas.record_fields import RecordFields

__all__ = [
    "GENERIC",
    "SITES",
    "SITE_ORDER",
    "SITE_PACKAGES",
    "PageType",
    "Site",
    "generic_parser",
    "page_type_of",
    "parser_for",
    "site_for_host",
    "site_for_links",
    "title_fields",
]

SITE_PACKAGES: tuple[ModuleType, ...] = tuple(
    sorted(
        (
            module
            for module in vars(crawler.core.parsers).values()
            if isinstance(module, ModuleType) and hasattr(module, "SITE")
        ),
        key=lambda module: (module.SITE.order, module.SITE.slug),
    )
)
"""The registered site packages (every package of crawler.core.parsers declaring a SITE), by their declared order."""

SITES: dict[str, Site] = {package.SITE.slug: package.SITE for package in SITE_PACKAGES}
_PARSERS: dict[str, SiteParser] = {package.SITE.slug: package.parse for package in SITE_PACKAGES}

SITE_ORDER: tuple[str, ...] = tuple(SITES)
"""The sites by their declared order: precedence in the merged view, order in reports and docs."""

GENERIC = "generic"


def site_for_host(host: str) -> Site | None:
    for site in SITES.values():
        if site.serves(host):
            return site
    return None


# A page names its site by its links when at least this many point at the site's paths, and when no other
# site comes close (half as many).
_MIN_LINKS = 5


def site_for_links(paths: list[str]) -> Site | None:
    """The known site most of the page's same-site link paths belong to, for pages saved without their URL."""
    counts = {
        slug: sum(1 for p in paths if re.match(site.link_paths, p)) for slug, site in SITES.items() if site.link_paths
    }
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < _MIN_LINKS or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    return SITES[ranked[0][0]]


def parser_for(slug: str) -> SiteParser | None:
    """The dedicated parser of a known site, or None when the site has none (the generic parser applies)."""
    return _PARSERS.get(slug)


def title_fields(slug: str) -> tuple[str, ...]:
    """The film fields a site's title pages show, as its `SITE` declares them; the end-of-job coverage check
    expects every one of them (crawler.dataset.report.declared_thresholds)."""
    site = SITES.get(slug)
    return site.title_fields if site else ()


def page_type_of(site: str, url: str) -> str | None:
    """The page type a URL of `site` is, when its address says so; None when it does not."""
    known = SITES.get(site)
    return known.page_type_of(url) if known else None


def generic_parser(slug: str) -> GenericParser:
    from crawler.core.parsers import generic

    known = SITES.get(slug)
    # A known site's declared routes tell its title pages from its other pages (a listing's entries).
    title_route = known.shows_title if known else None

    def parse(
        sel: Selector,
        *,
        url: str,
        wanted: Collection[str] = generic.RECORD_TYPES,
        fields_of_film: Collection[str] | None = None,
    ) -> list[RecordFields]:
        return generic.parse(
            sel, url=url, source=slug, wanted=wanted, fields_of_film=fields_of_film, title_route=title_route
        )

    return parse
