"""The listing record a site's list page gives: charts, browse and search results, diaries, filmographies.

Every site's list reader finds its entries its own way; what it makes of them is the same: a `listing` record
of the page's own address (its canonical URL when it states one), the page's heading as its title and the
pagination's next page, each only when the page shows one.
"""

from __future__ import annotations

from collections.abc import Iterable

from schemas.listing import ListingKind
from schemas.record_fields import ListingEntryFields, ListingFields

from .page import Page


def listing_record(
    page: Page,
    *,
    source: str,
    kind: ListingKind,
    entries: list[ListingEntryFields],
    title: str = "",
    next_url: str | None = None,
    url: str | None = None,
) -> ListingFields:
    """The listing of `entries` read from `page`; `url` overrides the page's address (a site whose canonical
    link names another page than the list)."""
    record: ListingFields = {
        "type": "listing",
        "source": source,
        "url": url or page.canonical_url or page.url,
        "kind": kind,
        "entries": entries,
    }
    if title:
        record["title"] = title
    if next_url:
        record["next_url"] = next_url
    return record


def each_title_once(entries: Iterable[ListingEntryFields | None]) -> list[ListingEntryFields]:
    """The entries read, in page order, each title once: a list that prints a title twice (a poster and a
    link, a title credited in two jobs) lists it once. A title is known by its id, else by its name."""
    seen: set[str] = set()
    unique: list[ListingEntryFields] = []
    for entry in entries:
        if entry is None:
            continue
        key = entry.get("id") or entry["title"]
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique
