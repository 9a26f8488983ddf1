"""Whether a document holds an element at all, told before a query over the whole document looks for it.

A query such as `//tbody[contains(@class,'lister-list')]/tr[...]` visits every node of the page even where the
page has no <tbody>: on a list of thousands of entries each costs a fifth to a half of parsing the page, and a
parser that tries one layout after another asks many. lxml's iteration by tag name walks the tree without making
an element object for the nodes of other tags, and returns at once from a document that never names the tag. A
test here is a condition every result of the query meets, so a query it rules out would have found nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree
from parsel import Selector


def holds(sel: Selector, *tags: str, where: Callable[[Any], bool] | None = None) -> bool:
    """True when the document of `sel` holds an element of one of `tags` (that `where` accepts)."""
    root = sel.root
    if not isinstance(root, etree._Element):
        return False
    document = root.getroottree().getroot()
    return any(where is None or where(element) for element in document.iter(*tags))


def class_has(word: str) -> Callable[[Any], bool]:
    """An element test: XPath's `contains(@class, word)`."""
    return lambda element: word in (element.get("class") or "")


def first_href(sel: Selector, *tags: str, where: Callable[[Any], bool]) -> str | None:
    """The `href` of the first element of `tags` in page order that `where` accepts and that has one: XPath's
    `(//tag[test]/@href)[1]`, by the same walk as `holds`."""
    root = sel.root
    if not isinstance(root, etree._Element):
        return None
    for element in root.getroottree().getroot().iter(*tags):
        href = element.get("href")
        if href is not None and where(element):
            return str(href)
    return None
