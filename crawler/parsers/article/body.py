"""The main text of an article page: the block holding most paragraph text, without the page's furniture.

A small readability-style heuristic: every paragraph credits its parent with its text length (less the text
inside links), the best-scored parent is the body, and paragraphs inside navigation, asides, comment
sections, share widgets, forms or ad slots are dropped. Pages rendered twice (a hydrated build repeating the
article) give the first copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from parsel import Selector

from crawler.normalize import clean_text

PARAGRAPHS = "//p | //blockquote[not(p)]"
# Text nodes in document order, plus <br> elements, which stand for a space.
TEXT = ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)] | .//br"
LINK_TEXT = ".//a//text()"
BLOCKS = "./*[self::p or self::blockquote or self::h2 or self::h3 or self::h4 or self::ul or self::ol][not(self::blockquote and .//p)] | ./blockquote/p"
FURNITURE_TAGS = {"nav", "aside", "footer", "form", "script", "style", "noscript", "figcaption", "button",
                  "menu", "dialog", "template", "svg"}
FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-list|respond|reply|share|sharing|social|related|sidebar|widget|newsletter"
    r"|subscribe|advert|advertisement|ads?|ad-slot|promo|sponsor|breadcrumbs?|nav|navigation|menu|footer|masthead"
    r"|byline|author-bio|about-author|tags|tag-list|cookie|popup|modal|signup|disqus)(?:$|[\s_-])",
    re.IGNORECASE,
)
MIN_PARAGRAPH = 25
MIN_BODY = 200


@dataclass(frozen=True)
class Body:
    node: Selector
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def text_of(node: Selector) -> str:
    """Visible text of a node: inline markup joined as written ("<em>Charade</em>." -> "Charade.")."""
    parts = [part.root if isinstance(part.root, str) else " " for part in node.xpath(TEXT)]
    return clean_text("".join(parts))


def is_furniture(node: Selector) -> bool:
    """True for a navigation, comment, share or ad block (by tag, role, id or class)."""
    return _furniture_element(node.root)


def _furniture_element(element: Any) -> bool:
    # Read from the lxml element itself: the reader asks this of every ancestor of every paragraph and
    # candidate line, and an XPath query per ancestor made it the page's largest cost.
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in FURNITURE_TAGS:
        return True
    if tag == "header" and not any(a.tag in ("article", "main") for a in element.iterancestors()):
        return True  # the site's header; an article's own header holds its headline and byline
    if element.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    return bool(FURNITURE.search(" ".join((element.get("id") or "", element.get("class") or ""))))


class FurnitureMap:
    """Whether an element is inside furniture (itself or an ancestor), each element of a page judged once."""

    def __init__(self) -> None:
        self._inside: dict[Any, bool] = {}

    def inside(self, node: Selector) -> bool:
        """`any(is_furniture(a) for a in node.xpath("ancestor-or-self::*"))`, at the cost of the new ancestors."""
        return self._element_inside(node.root)

    def _element_inside(self, element: Any) -> bool:
        chain = []
        while element is not None and element not in self._inside:
            chain.append(element)
            element = element.getparent()
        inside = self._inside[element] if element is not None else False
        for member in reversed(chain):
            inside = inside or _furniture_element(member)
            self._inside[member] = inside
        return inside


def _in_furniture(node: Selector, stop: Selector | None = None) -> bool:
    stop_root = stop.root if stop is not None else None
    for ancestor in node.root.iterancestors():
        if ancestor is stop_root:
            return False
        if ancestor.tag in ("html", "body"):
            continue
        if _furniture_element(ancestor):
            return True
    return False


def find_body(sel: Selector) -> Body | None:
    """The article body, or None when the page holds no run of prose long enough to be one."""
    scores: dict[int, float] = {}
    nodes: dict[int, Selector] = {}
    order: list[int] = []
    for paragraph in sel.xpath(PARAGRAPHS):
        text = text_of(paragraph)
        if len(text) < MIN_PARAGRAPH or _in_furniture(paragraph):
            continue
        links = len(clean_text(" ".join(paragraph.xpath(LINK_TEXT).getall())))
        parent = paragraph.xpath("..")[0]
        key = id(parent.root)
        if key not in nodes:
            nodes[key], scores[key] = parent, 0.0
            order.append(key)
        scores[key] += len(text) - 2 * links
    if not order:
        return None
    best = max(order, key=lambda k: scores[k])  # max() keeps the first of equal scores: the first copy
    node = nodes[best]
    paragraphs = _paragraphs(node)
    if sum(len(p) for p in paragraphs) < MIN_BODY:
        return None
    return Body(node, paragraphs)


def _paragraphs(node: Selector) -> list[str]:
    out: list[str] = []
    for block in node.xpath(BLOCKS):
        if is_furniture(block) or _in_furniture(block, stop=node):
            continue
        tag = block.root.tag
        if tag in ("ul", "ol"):
            items = [text_of(li) for li in block.xpath("./li")]
            out.extend(f"- {item}" for item in items if item)
            continue
        text = text_of(block)
        if text:
            out.append(text)
    return out
