"""api2 `uxPageGet` answers in XML (the default format): a browse page's rows of elements.

    <note type="uxPage"><label>..</label><rows type="uxRowList"><uxRow type="uxRow">
      <elements type="uxElementList"><uxElement type="uxElement"><assetId/><elementType/><label/>...

The element's `type` attribute plays the role of the JSON `_type` key. Each content element becomes an entry,
rows in page order; elements that are not content (links to other pages) are skipped.
"""

from __future__ import annotations

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError, UnsupportedPage
from .urls import SOURCE, details_url, record_id

# A saved answer without an "<?xml" prolog may reach the parser as HTML, whose parser lower-cases element
# names: every path below is also tried lower-cased (`_xp`).
ROOT = "//note"
ERROR_CODE = "//note/code/text()"
PAGE_LABEL = "//note/label/text()"
ELEMENTS = "//note/rows/uxRow/elements/uxElement"
ELEMENT_TYPE = "elementType/text()"
ELEMENT_LABEL = "label/text()"
ELEMENT_ID = "assetId/text()"
ELEMENT_ID_FALLBACK = "uxElementId/text()"
CONTENT = "content"


def _xp(path: str, sel: Selector) -> str:
    return path.lower() if sel.type == "html" else path


def is_ux_answer(sel: Selector) -> bool:
    """True for an api2 XML answer (`<note type="...">` root), however it was parsed."""
    return sel.xpath(_xp(ROOT, sel) + "/@type").get() is not None


def parse_ux_page(sel: Selector, *, url: str) -> list[ListingFields]:
    root_type = sel.xpath(_xp(ROOT, sel) + "/@type").get()
    if root_type == "error":
        raise PageLayoutError("api_error", clean_text(sel.xpath(_xp(ERROR_CODE, sel)).get() or "unknown"))
    if root_type != "uxPage":
        raise UnsupportedPage("api_response", f"api2 XML answer of type {root_type!r} is not read")
    entries: list[ListingEntryFields] = []
    for element in sel.xpath(_xp(ELEMENTS, sel)):
        if (element.xpath(_xp(ELEMENT_TYPE, sel)).get() or "").strip() != CONTENT:
            continue
        title = clean_text(element.xpath(_xp(ELEMENT_LABEL, sel)).get() or "")
        asset = (
            element.xpath(_xp(ELEMENT_ID, sel)).get() or element.xpath(_xp(ELEMENT_ID_FALLBACK, sel)).get() or ""
        ).strip()
        if not title or not asset.isdigit():
            continue
        entries.append(
            {"title": title, "url": details_url(title, asset), "id": record_id(asset), "rank": len(entries) + 1}
        )
    if not entries:
        raise PageLayoutError("no_entries", "the uxPage has no content elements")
    record: ListingFields = {"type": "listing", "source": SOURCE, "url": url, "kind": "browse", "entries": entries}
    label = clean_text(sel.xpath(_xp(PAGE_LABEL, sel)).get() or "")
    if label:
        record["title"] = label
    return [record]
