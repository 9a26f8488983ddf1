"""The main text of an article page: the block holding most paragraph text, without the page's furniture.

A small readability-style heuristic: every paragraph credits its parent with its text length (less the text
inside links), the best-scored parent is the body, and paragraphs inside navigation, asides, comment
sections, share widgets, forms or ad slots are dropped. Pages rendered twice (a hydrated build repeating the
article) give the first copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsel import Selector, SelectorList

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
    tag = (node.xpath("name()").get() or "").lower()
    if tag in FURNITURE_TAGS:
        return True
    if tag == "header" and node.xpath("boolean(ancestor::article | ancestor::main)").get() != "1":
        return True  # the site's header; an article's own header holds its headline and byline
    attrs = node.attrib
    if attrs.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    return bool(FURNITURE.search(" ".join((attrs.get("id", ""), attrs.get("class", "")))))


def _ancestors(node: Selector) -> SelectorList:
    return node.xpath("ancestor::*")


def _in_furniture(node: Selector, stop: Selector | None = None) -> bool:
    stop_root = stop.root if stop is not None else None
    for ancestor in reversed(_ancestors(node)):
        if ancestor.root is stop_root:
            return False
        if ancestor.xpath("name()").get() in ("html", "body"):
            continue
        if is_furniture(ancestor):
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
        tag = block.xpath("name()").get()
        if tag in ("ul", "ol"):
            items = [text_of(li) for li in block.xpath("./li")]
            out.extend(f"- {item}" for item in items if item)
            continue
        text = text_of(block)
        if text:
            out.append(text)
    return out
