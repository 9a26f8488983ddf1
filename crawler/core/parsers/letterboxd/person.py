"""A person's films (`/director/<slug>/`, `/actor/<slug>/`, `/writer/<slug>/`... and their `/by/...` sorts): the
poster grid of the films the person worked on, as a `filmography` listing.

The grid is the site's usual poster grid (`li.poster-container` until 2023, `li.griditem` since), read by
`lists`; the heading names the person after a context line ("Films directed by" in `span.context`), which is
not part of the name.
"""

from __future__ import annotations

from crawler.core.normalize import clean_text
from schemas.record_fields import ListingFields

from ..page import Page
from . import lists

HEADING = '(//*[contains(@class, "contextual-title")]//h1 | //section[contains(@class, "person")]//h1)[1]'
HEADING_NAME = './/text()[not(ancestor::*[contains(concat(" ", normalize-space(@class), " "), " context ")])]'


def parse(page: Page) -> ListingFields:
    record = lists.parse(page, kind="filmography")
    heading = page.sel.xpath(HEADING)
    name = clean_text(" ".join(heading.xpath(HEADING_NAME).getall())) if heading else ""
    if name:
        record["title"] = name
    return record
