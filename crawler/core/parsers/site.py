"""`Site`: everything filmcrawl knows about one site, declared once in the site's parser package.

Each package under crawler/core/parsers/ declares `SITE = Site(...)` beside its `parse` function; the registry
(crawler/core/sites.py) imports the packages by name and everything that needs site knowledge (host matching,
page types by URL, the coverage check, the merged view's order, the spiders' start pages) derives it from
these declarations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

# The page types (Site.page_type_of) that are a title's own page: what a listing's entries link to. A TV
# series' page ("tv": Metacritic's and Rotten Tomatoes' `/tv/<slug>`, its seasons and episodes) is a title page
# of those sites: their search and browse rows link to it beside the movies.
TITLE_PAGE_TYPES = frozenset({"title", "reference", "movie", "film", "film_article", "tv"})


@dataclass(frozen=True)
class PageType:
    """A kind of page of the site, recognised by its address."""

    name: str
    """As the fixture folders and the reject lines name it ("title", "fullcredits", "movie", "list")."""
    route: str
    """Regex searched in the URL's path (and query, after "?"): the first page type whose route matches wins."""

    def matches(self, target: str) -> bool:
        return _compiled(self.route).search(target) is not None


@dataclass(frozen=True)
class Site:
    slug: str
    """One word naming the site everywhere: spider, parser package, fixture folder, records' `source`."""
    order: int
    """Where the site comes among the others: its precedence in the merged view (a field is taken from the first
    site that has it: sites with full credits and release data first) and its place in reports and docs."""
    name: str
    """The site's name for people ("IMDb", "Rotten Tomatoes")."""
    hosts: tuple[str, ...]
    """Host names of the real site; subdomains match too."""
    origin: str
    """Scheme and host of the pages a crawl starts from ("https://www.imdb.com"): a mirror of the site (the
    sample site, a test server) stands for this origin, and records read on a mirror carry its URLs."""
    start_urls: tuple[str, ...]
    """Where `filmcrawl crawl SLUG` starts when no --start-url is given."""
    page_types: tuple[PageType, ...] = ()
    """The site's page types with the URL routes that name them, most specific first."""
    layouts: tuple[str, ...] = ()
    """The layout eras the parser reads, as people name them ("title_next (2022+)"); documentation only."""
    title_fields: tuple[str, ...] = ()
    """Film fields the site's title pages show: the end-of-job coverage check expects every one of them."""
    coverage: dict[str, float] = field(default_factory=dict)
    """Coverage minimums that differ from the declared default ({"film.year": 0.9}), per "<type>.<field>"."""
    link_paths: str = ""
    """Regex matching the paths of the site's own links, to recognise a saved page whose URL is unknown."""
    path_prefix: str = ""
    """Regex of a prefix some of the site's addresses carry before the path that names the page (the language of
    IMDb's "/de/title/tt0040725/" since 2023): left out of the page's own address (own_address)."""
    alias: Callable[[str], str] | None = None
    """The address the site's readers know a page by, given another address the site serves it under (a
    Wikipedia article's "/w/index.php?title=...&oldid=..."); any other URL unchanged."""

    def own_address(self, url: str) -> str:
        """The URL the site's readers know the page at `url` by: its page type, the sub-pages of its film and
        the fields the generic readers may fill are told from it."""
        if self.alias is not None:
            url = self.alias(url)
        if not self.path_prefix:
            return url
        parts = urlsplit(url)
        path = _compiled(self.path_prefix).sub("", parts.path, count=1)
        return url if path == parts.path else urlunsplit(parts._replace(path=path))

    def page_type_of(self, url: str) -> str | None:
        """The page type a URL of this site is, when its address says so."""
        parts = urlsplit(self.own_address(url))
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        for page_type in self.page_types:
            if page_type.matches(target):
                return page_type.name
        return None

    def shows_title(self, url: str) -> bool | None:
        """True when a URL of this site is a title's own page, False when it is another page type, None when
        its address does not say."""
        page_type = self.page_type_of(url)
        return None if page_type is None else page_type in TITLE_PAGE_TYPES

    def serves(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == known or host.endswith("." + known) for known in self.hosts)


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    compiled = _PATTERNS.get(pattern)
    if compiled is None:
        compiled = _PATTERNS[pattern] = re.compile(pattern)
    return compiled
