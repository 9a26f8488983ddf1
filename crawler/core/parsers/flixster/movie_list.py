"""A Flixster page listing movies (top box office, opening this week, a genre's movies): one listing.

The 2008 layout prints each movie as a link to its `/movie/<slug>` page inside the main column, with the year
in brackets after it when the list gives one. The page's heading is the listing's title.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from crawler.core.normalize import clean_text
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..listing_record import listing_record
from ..page import Page
from .movie_2008 import MOVIE_SLUG, SOURCE

HEADING = '//div[@id="main"]//div[contains(@class, "box_header")]/h1'
MOVIE_LINKS = '//div[@id="main"]//a[@href]'
AFTER_LINK = "./following-sibling::text()[1]"
NEXT_PAGE = '//div[@id="main"]//a[contains(@class, "next")]/@href'

YEAR = re.compile(r"^\s*\((\d{4})\)")


def parse(page: Page) -> ListingFields:
    entries: list[ListingEntryFields] = []
    seen: set[str] = set()
    for link in page.sel.xpath(MOVIE_LINKS):
        url = page.absolute(link.attrib.get("href"))
        parts = urlsplit(url) if url else None
        slug = MOVIE_SLUG.match(parts.path) if parts and (parts.hostname or "").endswith("flixster.com") else None
        title = clean_text(link.xpath("string()").get() or "")
        if not slug or not title or slug.group(1) in seen or parts is None:
            continue  # not a movie link, a poster without text, or the movie's second link
        seen.add(slug.group(1))
        entry: ListingEntryFields = {
            "title": title,
            "url": urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")),
            "id": f"{SOURCE}:{slug.group(1)}",
            "rank": len(entries) + 1,
        }
        year = YEAR.match(link.xpath(AFTER_LINK).get() or "")
        if year:
            entry["year"] = int(year.group(1))
        entries.append(entry)
    if not entries:
        raise PageLayoutError("no_entries", f"Flixster movie list without movies at {urlsplit(page.url).path}")
    return listing_record(
        page,
        source=SOURCE,
        kind="chart",
        entries=entries,
        title=clean_text(page.sel.xpath(HEADING).xpath("string()").get() or ""),
        next_url=page.absolute(page.sel.xpath(NEXT_PAGE).get()),
        url=page.url,
    )
