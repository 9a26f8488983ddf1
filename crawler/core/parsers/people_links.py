"""People named by links to their pages (a film's director and cast links), as the schema's person entries."""

from __future__ import annotations

import re
from collections.abc import Iterable

from parsel import Selector

from crawler.core.normalize import clean_text

from .fields import PersonT
from .page import Page


def people_of_links(
    page: Page, links: Iterable[Selector], id_in_href: re.Pattern[str], *, kind: type[PersonT]
) -> list[PersonT]:
    """One person per link with a name: the link's text, the site's id of the person where `id_in_href` finds
    it in the link (its first group), and the link as an absolute URL. A link without text names no one.
    `kind` is the entry built (a person, a writer or a cast member)."""
    found: list[PersonT] = []
    for link in links:
        name = clean_text(link.xpath("string()").get() or "")
        if not name:
            continue
        person = kind(name=name)
        href = link.attrib.get("href")
        match = id_in_href.search(href or "")
        if match:
            person["id"] = match.group(1)
        url = page.absolute(href)
        if url:
            person["url"] = url
        found.append(person)
    return found
