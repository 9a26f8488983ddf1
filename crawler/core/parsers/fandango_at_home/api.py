"""api2 JSON responses (`contentSearch`, `contentMetaSearch`, ... -> `contentList`).

The store's web app is a client over this API: what a browser receives for a title page is a contentSearch
answer for that contentId (with followups ratingsSummaries, genres, credits, usefulStreamableOffers), so a
saved page of the store is such a response.

- a contentList with one content -> that title's film record;
- several contents -> one listing record (entries in the order given) plus a film record for each content
  that carries catalogue data beyond id/title/type (a trimmed library list gives the listing only);
- an api2 error object -> PageLayoutError with the error code.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from crawler.core.normalize import whole_number
from schemas.listing import ListingKind
from schemas.record_fields import ListingEntryFields, ListingFields, RecordFields

from ..errors import PageLayoutError, UnsupportedPage
from ..fields import JsonObject
from ..structured import as_list
from .content import film_record, has_details, one, store_rating, year_of
from .urls import SOURCE, details_url, next_page_url, record_id, request_offset

CONTENT_LIST = "contentList"
ERROR = "error"


def api_type(data: Any) -> str | None:
    kind = data.get("_type") if isinstance(data, dict) else None
    kind = kind[0] if isinstance(kind, list) and kind else kind
    return kind if isinstance(kind, str) else None


def check_error(data: Any) -> None:
    if api_type(data) == ERROR:
        code = one(data, "code") or "unknown"
        detail = " / ".join(part for part in (code, one(data, "subCode"), one(data, "text")) if part)
        raise PageLayoutError("api_error", detail)


def parse_api(data: Any, *, url: str) -> list[RecordFields]:
    check_error(data)
    kind = api_type(data)
    if kind != CONTENT_LIST:
        raise UnsupportedPage("api_response", f"api2 answer of type {kind!r} is not read")
    contents = [c for c in as_list(data.get("content")) if isinstance(c, dict) and one(c, "contentId")]
    if not contents:
        raise PageLayoutError("empty_list", "the contentList holds no content")
    if len(contents) == 1:
        film = film_record(contents[0])
        if film is None:
            raise PageLayoutError("no_title", f"content {one(contents[0], 'contentId')} has no title")
        return [film]
    listing = listing_record(data, contents, url=url)
    films: list[RecordFields] = [film for film in (film_record(c) for c in contents if has_details(c)) if film]
    return [listing, *films]


def listing_kind(url: str) -> ListingKind:
    parts = urlsplit(url)
    keys = {k for k, _ in parse_qsl(parts.query)} | set(parts.path.split("/"))
    if keys & {"titleMagic", "phrase", "contentMetaSearch"}:
        return "search"
    if "listType" in keys:
        return "list"
    return "browse"


def listing_record(data: JsonObject, contents: list[JsonObject], *, url: str) -> ListingFields:
    offset = request_offset(url)
    entries: list[ListingEntryFields] = []
    for position, content in enumerate(contents, start=1):
        content_id, title = one(content, "contentId"), one(content, "title")
        if not title:
            continue
        assert content_id is not None  # parse_api passes only contents with a contentId
        entry: ListingEntryFields = {
            "title": title,
            "url": details_url(title, content_id),
            "id": record_id(content_id),
            "rank": offset + position,
        }
        year = year_of(content)
        if year:
            entry["year"] = year
        rating = store_rating(content)
        if rating:
            entry["rating"] = rating
        entries.append(entry)
    record: ListingFields = {
        "type": "listing",
        "source": SOURCE,
        "url": url,
        "kind": listing_kind(url),
        "entries": entries,
    }
    total = one(data, "totalCount")
    if whole_number(total) is not None:
        record["total"] = whole_number(total)
    if one(data, "moreBelow") == "true":
        following = next_page_url(url)
        if following:
            record["next_url"] = following
    return record
