"""A member's profile (`/<username>/`): the films it shows, as a `user_films` listing titled with the member's
name: the four favourite films (`section#favourites`) first, then the recent activity (`section#recent-activity`)
and, where the profile shows them, recent likes (`section#recent-likes`).

Each section's posters are the site's usual poster items (`li.poster-container` with `data-film-slug` /
`data-target-link` until 2023, `li.posteritem` / `li.griditem` with `data-item-name` and `data-item-link`
since), read by `lists`. Only those sections are read: the site header's and footer's links, the sidebar's
diary, watchlist and list previews and any "popular" strip are other films than the profile's own. A film
both a favourite and recently watched is listed once, where it first appears; the member's stars under a
recent poster (`span.rating.rated-<half stars>`) are its rating on five. The profile's statistics
(films watched, this year, following) describe the member, not the films shown, and are not read.
"""

from __future__ import annotations

from crawler.core.normalize import clean_text
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..page import Page
from . import lists

# The profile's film sections, in page order; their posters outside asides, navigation and the footer.
SECTIONS = '//section[@id="favourites" or @id="recent-activity" or @id="recent-likes"]'
SECTION_ITEMS = (
    './/li[contains(concat(" ",normalize-space(@class)," ")," poster-container ")'
    ' or contains(concat(" ",normalize-space(@class)," ")," griditem ")'
    ' or contains(concat(" ",normalize-space(@class)," ")," posteritem ")]'
    "[not(ancestor::aside or ancestor::nav or ancestor::header or ancestor::footer)]"
)
# The member's display name: the profile header's heading (2013-2023 `h1.title-1` in `div.profile-name`,
# since 2024 `h1.person-display-name` or a `span.displayname`).
NAME = (
    '(//*[contains(@class, "profile-name")]//h1'
    ' | //h1[contains(@class, "person-display-name")]'
    ' | //section[contains(@class, "profile-header")]//*[contains(@class, "displayname")])[1]'
)


def is_profile(page: Page) -> bool:
    return bool(page.sel.xpath(SECTIONS))


def parse(page: Page) -> ListingFields:
    entries: dict[str, ListingEntryFields] = {}
    for item in page.sel.xpath(SECTIONS).xpath(SECTION_ITEMS):
        entry = lists.poster_entry(item, {})
        if entry is None:
            continue
        stars = lists.member_stars(item)
        kept = entries.setdefault(entry.get("id") or entry["title"], entry)
        if stars and not kept.get("rating"):
            kept["rating"] = stars  # a favourite also watched recently takes the stars shown there
    if not entries:
        raise PageLayoutError("no_entries", "Letterboxd profile without films in its sections", page_type="profile")
    record: ListingFields = {
        "type": "listing",
        "source": lists.SOURCE,
        "url": page.canonical_url or page.url,
        "kind": "user_films",
        "entries": list(entries.values()),
    }
    name = clean_text(page.sel.xpath(NAME).xpath("string()").get() or "")
    if name:
        record["title"] = name
    return record
