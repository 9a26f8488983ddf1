"""The `listing` record: one page of a chart, search result, list or browse grid."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Count, Extraction, HttpUrl, NonEmptyStr, Rating, Record, RecordId, Source, UtcDatetime, Year
from .version import SCHEMA_VERSION, SchemaVersion

ListingKind = Literal[
    "chart",
    "search",
    "list",
    "watchlist",
    "browse",
    "related",
    "reviews",
    "feed",
    "filmography",
    "episodes",
    "user_films",
]


class ListingEntry(Record):
    title: NonEmptyStr
    """Title as listed."""
    year: Year | None = None
    """Year as listed."""
    url: HttpUrl | None = None
    """Absolute URL of the entry's page."""
    id: RecordId | None = None
    """"<site>:<source id>" of the entry, the same as its film record's `id`."""
    rank: Count | None = None
    """Position on the list as printed, or the 1-based page position when no rank is printed."""
    rating: Rating | None = None
    """Rating shown beside the entry, on its own scale."""
    season: Count | None = None
    """Season number, for an entry of an episode list."""
    episode: Count | None = None
    """Episode number within its season, for an entry of an episode list."""


class Listing(Record):
    type: Literal["listing"] = "listing"
    """Record type."""
    schema_version: SchemaVersion = SCHEMA_VERSION
    """Version of this schema; see schemas/CHANGELOG.md."""
    url: HttpUrl
    """URL of the listing page."""
    source: Source
    """Site slug."""
    scraped_at: UtcDatetime
    """When the page was fetched (ISO 8601, UTC)."""
    kind: ListingKind
    """What the page is: a chart, search results, a user list, a watchlist, a browse grid..."""
    title: str | None = None
    """The listing's heading."""
    entries: list[ListingEntry] = Field(default_factory=list)
    """Entries in page order."""
    total: Count | None = None
    """The whole list's size when the page states it (may exceed the entries on this page)."""
    next_url: HttpUrl | None = None
    """URL of the next page, when there is one."""
    extraction: Extraction | None = None
    """How the record was read (parser, fields filled by fallback, raw text of values that failed)."""
