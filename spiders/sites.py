"""One spider per registered site that needs nothing but routing: listing -> title pages, and pagination.

The spiders are made from the sites' declarations (crawler.core.sites): a new site is crawlable as soon as it is
registered. Sites whose crawl chains sub-pages into one record have a spider module of their own.
"""

from __future__ import annotations

import re
import unicodedata

from crawler.core.sites import SITES, Site

from .base import FilmSiteSpider

OWN_SPIDER_MODULES = frozenset({"imdb", "fandango_at_home"})
"""Sites with a spider of their own (spiders/<slug>.py): sub-page chains merged into one film record."""


def site_spider(site: Site) -> type[FilmSiteSpider]:
    """The routing-only spider of `site`, named after its slug and starting from its declared start pages."""
    ascii_name = unicodedata.normalize("NFKD", site.name).encode("ascii", "ignore").decode()
    class_name = "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", ascii_name)) + "Spider"
    return type(
        class_name,
        (FilmSiteSpider,),
        {
            "__module__": __name__,
            "__doc__": f"{site.name}: listing pages -> title pages, and pagination.",
            "name": site.slug,
            "default_start_urls": site.start_urls,
        },
    )


for _site in SITES.values():
    if _site.slug not in OWN_SPIDER_MODULES:
        _spider = site_spider(_site)
        globals()[_spider.__name__] = _spider

del _site, _spider
