"""IMDb listing pages: charts, /find results, title searches, user lists and watchlists.

Each layout era has its reader (listing_classic for the server-rendered site, listing_next for the Next.js
one); every reader yields `Row`s. A page may carry the same list several times (rendered rows, `__NEXT_DATA__`,
JSON-LD): the rows are merged by title id, the visible markup winning field by field and the embedded data
filling what the markup leaves out (rows a raw response does not render, exact vote counts behind "2.8M").
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from schemas.listing import ListingKind
from schemas.record_fields import ListingEntryFields, ListingFields, RatingFields

from ..errors import PageLayoutError
from ..page import Page
from . import listing_classic as classic
from . import listing_next as nextjs
from .common import IMDB_BEST, IMDB_WORST
from .ids import SITE, film_id
from .listing_rows import Row

BASE = "https://www.imdb.com"
_USER_RATINGS = re.compile(r"^/user/ur\d+/ratings")

# Markers of a listing page in markup alone (saved pages whose URL is unknown).
LISTING_MARKERS = (
    "//tbody[contains(@class,'lister-list')]//td[contains(@class,'titleColumn')]",
    "//table[contains(concat(' ',normalize-space(@class),' '),' chart ')]//td[contains(@class,'titleColumn')]",
    "//table[contains(@class,'findList')]",
    classic.OLD_FIND_TABLES,
    classic.OLD_CHART_ROWS,
    "//div[contains(@class,'lister-list')]/div[contains(concat(' ',normalize-space(@class),' '),' lister-item ')]",
    "//li[contains(@class,'ipc-metadata-list-summary-item')][.//*[contains(@class,'dli-title') "
    "or contains(@class,'cli-title')] or contains(@class,'find-title-result')]",
)
CHART_MARKERS = (
    "//td[contains(@class,'titleColumn')] | //*[contains(@class,'cli-title')]"
    " | //*[contains(@class,'chart-layout-specific-title-text')]"
)
FIND_MARKERS = "//table[contains(@class,'findList')] | //li[contains(@class,'find-title-result')]"
TITLE_LINKS = "//a[contains(@href,'/title/tt')]/@href"

# Ref tags IMDb puts on entry links: chart (chttp_, chtvm_...), search results (sr_, adv_li_), lists (ls_, li_).
_REF_KINDS: tuple[tuple[str, ListingKind], ...] = (
    ("ref_=cht", "chart"),
    ("ref_=sr_", "search"),
    ("ref_=adv_", "search"),
    ("ref_=fn_", "search"),
    ("ref_=ls", "list"),
    ("ref_=li_", "list"),
)


def is_listing(page: Page) -> bool:
    """True for a chart, search result or list page recognisable from its markup or page data."""
    if page.sel.type != "html":
        return False
    if any(page.sel.xpath(marker) for marker in LISTING_MARKERS):
        return True
    rows, _ = nextjs.data_rows(page)
    return bool(rows)


def parse_listing(page: Page) -> list[ListingFields]:
    rendered = (
        classic.chart_rows(page.sel)
        or classic.old_chart_rows(page.sel)
        or classic.find_rows(page.sel)
        or classic.old_find_rows(page.sel)
        or classic.lister_rows(page.sel)
        or nextjs.rendered_rows(page.sel)
    )
    data, data_total = nextjs.data_rows(page)
    linked = nextjs.json_ld_rows(page)
    if not (rendered or data or linked):
        raise PageLayoutError("no_listing_entries", f"{page.url}: no chart, result or list rows found")
    entries = [_entry(row, position) for position, row in enumerate(_merge(rendered, data, linked), start=1)]
    record: ListingFields = {
        "type": "listing",
        "source": SITE,
        "url": _page_url(page),
        "kind": _kind(page),
        "entries": entries,
    }
    title = classic.heading(page.sel) or nextjs.data_list_name(page) or nextjs.json_ld_name(page)
    if title:
        record["title"] = title
    total = classic.lister_total(page.sel) if not data_total else data_total
    if total is not None and total >= len(entries):
        record["total"] = total
    next_url = classic.next_page(page) or nextjs.next_page(page)
    if next_url:
        record["next_url"] = next_url
    return [record]


def _merge(*sources: list[Row]) -> list[Row]:
    """One row per title: the order of the fullest source, each field from the first source that states it."""
    backbone = max(sources, key=len)
    by_id: list[dict[str, Row]] = []
    for rows in sources:
        first: dict[str, Row] = {}
        for row in rows:
            first.setdefault(row.tt, row)
        by_id.append(first)
    merged: list[Row] = []
    seen: set[str] = set()
    for row in backbone:
        if row.tt in seen:
            continue
        seen.add(row.tt)
        versions = [found[row.tt] for found in by_id if row.tt in found]
        merged.append(
            Row(
                tt=row.tt,
                **{
                    name: next((getattr(v, name) for v in versions if getattr(v, name) is not None), None)
                    for name in ("title", "year", "rank", "rating_value", "rating_count")
                },
            )
        )
    return [row for row in merged if row.title]


def _entry(row: Row, position: int) -> ListingEntryFields:
    entry: ListingEntryFields = {}
    if row.title:  # always: _merge keeps titled rows only
        entry["title"] = row.title
    entry["url"] = f"{BASE}/title/{row.tt}/"
    entry["id"] = film_id(row.tt)
    entry["rank"] = row.rank or position
    if row.year is not None:
        entry["year"] = row.year
    if row.rating_value is not None:
        rating: RatingFields = {"value": row.rating_value, "best": IMDB_BEST, "worst": IMDB_WORST}
        if row.rating_count is not None:
            rating["count"] = row.rating_count
        entry["rating"] = rating
    return entry


def _page_url(page: Page) -> str:
    host = (urlsplit(page.url).hostname or "").lower()
    if host.endswith("imdb.com"):
        return page.url
    return page.canonical_url or page.url


def _kind(page: Page) -> ListingKind:
    path = urlsplit(_page_url(page)).path.lower()
    if path.startswith("/chart/") or path == "/chart":
        return "chart"
    if path.startswith("/find") or path.startswith("/search/"):
        return "search"
    if "/watchlist" in path:
        return "watchlist"
    if _USER_RATINGS.match(path):
        return "user_films"  # the titles a user has rated
    if path.startswith("/list/"):
        return "list"
    # No telling URL: the layout and the ref tags on the entry links say what the page is.
    if page.sel.xpath(CHART_MARKERS):
        return "chart"
    if page.sel.xpath(FIND_MARKERS):
        return "search"
    links = page.sel.xpath(TITLE_LINKS).getall()[:20]
    for marker, kind in _REF_KINDS:
        if any(marker in link for link in links):
            return kind
    return "list"
