"""The main text of an article page: the block holding most paragraph text, without the page's furniture.

A small readability-style heuristic: every paragraph credits its parent with its text length (less the text
inside links), the best-scored parent is the body, and paragraphs inside navigation, asides, comment
sections, share widgets, forms or ad slots are dropped. Pages rendered twice (a hydrated build repeating the
article) give the first copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.safe_text import text_limit

PARAGRAPHS = "//p | //blockquote[not(p)]"
# Text nodes in document order, plus <br> elements, which stand for a space.
TEXT = ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)] | .//br"
LINK_TEXT = ".//a//text()"
_LINK_TEXT = etree.XPath(LINK_TEXT, smart_strings=False)
BLOCKS = "./*[self::p or self::blockquote or self::h2 or self::h3 or self::h4 or self::ul or self::ol][not(self::blockquote and .//p)] | ./blockquote/p"
FURNITURE_TAGS = {
    "nav",
    "aside",
    "footer",
    "form",
    "script",
    "style",
    "noscript",
    "figcaption",
    "button",
    "menu",
    "dialog",
    "template",
    "svg",
}
FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-list|respond|reply|share|sharing|social|related|sidebar|widget|newsletter"
    r"|subscribe|advert|advertisement|ads?|ad-slot|promo|sponsor|breadcrumbs?|nav|navigation|menu|footer|masthead"
    r"|byline|author-bio|about-author|tags|tag-list|cookie|popup|modal|signup|disqus)(?:$|[\s_-])",
    re.IGNORECASE,
)
MIN_PARAGRAPH = 25
MIN_BODY = 200
BODY_LIMIT = text_limit("text")
"""A review's text holds at most this many characters. A block holding more prose is the body, whatever else
the page holds, and is read only a little past it: a page of megabytes of prose costs what its first part
costs (the record's text is cut at the limit, and the cut counted, all the same)."""


@dataclass(frozen=True)
class Body:
    node: Selector
    paragraphs: list[str]
    texts: dict[Any, str] = field(default_factory=dict, repr=False, compare=False)
    """text_of of the page's paragraphs, by lxml element: read once, reused by whatever reads them again."""
    read_to: Any = field(default=None, repr=False, compare=False)
    """The child of `node` holding the last block read, where the body holds more prose than BODY_LIMIT and
    the rest is left unread; None when the body was read whole."""

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def text_of(node: Selector) -> str:
    """Visible text of a node: inline markup joined as written ("<em>Charade</em>." -> "Charade.")."""
    element = node.root
    if not isinstance(element, etree._Element):
        return clean_text(str(element))
    return element_text(element)


def element_text(element: Any, hidden: dict[Any, bool] | None = None) -> str:
    """text_of of an lxml element: what the XPath TEXT selects, read by walking the tree (the reader asks it
    of every paragraph and candidate line, and a query per node, with a Selector per text node, made it a
    large share of the page's cost). `hidden` keeps, by element, whether it sits inside script, style or
    noscript, for a caller reading many elements of one page (their ancestors are then judged once)."""
    if _under_invisible(element, {} if hidden is None else hidden):
        return ""
    parts: list[str] = []
    if element.tag not in _INVISIBLE_TAGS:
        _text_inside(element, parts)
    return clean_text("".join(parts))


_INVISIBLE_TAGS = frozenset(("script", "style", "noscript"))


def _under_invisible(element: Any, hidden: dict[Any, bool]) -> bool:
    """`any(ancestor.tag in _INVISIBLE_TAGS for ancestor in element.iterancestors())`, reading only the
    ancestors `hidden` does not know yet (and noting them there)."""
    chain = []
    parent = element.getparent()
    while parent is not None and parent not in hidden:
        chain.append(parent)
        parent = parent.getparent()
    inside = hidden[parent] if parent is not None else False
    for ancestor in reversed(chain):
        inside = hidden[ancestor] = inside or ancestor.tag in _INVISIBLE_TAGS
    return inside


def short_element_text(element: Any, limit: int) -> str | None:
    """element_text(element) when it is at most `limit` characters long, else None. A long element's text is
    read only as far as it takes to tell: the block holding a whole article is a candidate credit line too,
    and cleaning its text cost as much as reading every paragraph."""
    if any(ancestor.tag in _INVISIBLE_TAGS for ancestor in element.iterancestors()):
        return ""
    parts: list[str] = []
    if element.tag not in _INVISIBLE_TAGS:
        read, check_at = 0, 4 * limit
        for piece in _pieces_inside(element):
            parts.append(piece)
            read += len(piece)
            if read >= check_at:
                # The cleaned text of a beginning is never longer than the cleaned text of the whole.
                if len(clean_text("".join(parts))) > limit:
                    return None
                check_at = 2 * read
    text = clean_text("".join(parts))
    return text if len(text) <= limit else None


def _pieces_inside(element: Any) -> Iterator[str]:
    """The pieces _text_inside appends, one at a time."""
    if element.text and isinstance(element.tag, str):
        yield element.text
    for child in element:
        if child.tag == "br":
            yield " "
        elif child.tag not in _INVISIBLE_TAGS:
            yield from _pieces_inside(child)
        if child.tail:
            yield child.tail


def _text_inside(element: Any, parts: list[str]) -> None:
    """Append the text inside `element` in document order (not its tail); a <br> inside stands for a space."""
    if element.text and isinstance(element.tag, str):  # comments and processing instructions hold no text
        parts.append(element.text)
    for child in element:
        if child.tag == "br":
            parts.append(" ")
        elif child.tag not in _INVISIBLE_TAGS:
            _text_inside(child, parts)
        if child.tail:
            parts.append(child.tail)


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

    def __init__(self, ignored: tuple[str, ...] = ()) -> None:
        self._inside: dict[Any, bool] = {}
        self._ignored = ignored
        """Tags never taken for furniture here (html and body, whose classes describe the whole page)."""

    def inside(self, node: Selector) -> bool:
        """`any(is_furniture(a) for a in node.xpath("ancestor-or-self::*"))`, at the cost of the new ancestors."""
        return self._element_inside(node.root)

    def element_inside(self, element: Any) -> bool:
        return self._element_inside(element)

    def element_under(self, element: Any) -> bool:
        """Whether an ancestor of `element` (not itself) is furniture."""
        parent = element.getparent()
        return parent is not None and self._element_inside(parent)

    def _element_inside(self, element: Any) -> bool:
        chain = []
        while element is not None and element not in self._inside:
            chain.append(element)
            element = element.getparent()
        inside = self._inside[element] if element is not None else False
        for member in reversed(chain):
            inside = inside or (member.tag not in self._ignored and _furniture_element(member))
            self._inside[member] = inside
        return inside


def _in_furniture(element: Any, stop: Any = None) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is stop:
            return False
        if ancestor.tag in ("html", "body"):
            continue
        if _furniture_element(ancestor):
            return True
    return False


def find_body(sel: Selector) -> Body | None:
    """The article body, or None when the page holds no run of prose long enough to be one."""
    scores: dict[int, float] = {}
    nodes: dict[int, Any] = {}
    order: list[int] = []
    furniture = FurnitureMap(ignored=("html", "body"))
    texts: dict[Any, str] = {}
    hidden: dict[Any, bool] = {}
    # lxml elements, not Selectors, for the nodes read one by one: a Selector per paragraph cost more than
    # reading the paragraph.
    for paragraph in _paragraph_elements(sel.root) if isinstance(sel.root, etree._Element) else ():
        text = texts[paragraph] = element_text(paragraph, hidden)
        if len(text) < MIN_PARAGRAPH or furniture.element_under(paragraph):
            continue
        link_text = _LINK_TEXT(paragraph)
        links = len(clean_text(" ".join(link_text))) if link_text else 0
        parent = paragraph.getparent()
        key = id(parent)
        if key not in nodes:
            nodes[key], scores[key] = parent, 0.0
            order.append(key)
        scores[key] += len(text) - 2 * links
        if scores[key] > BODY_LIMIT:
            break  # every other block scored at most BODY_LIMIT so far: this one is the body
    if not order:
        return None
    best = max(order, key=lambda k: scores[k])  # max() keeps the first of equal scores: the first copy
    node = nodes[best]
    paragraphs, read_to = _paragraphs(node, texts)
    if sum(len(p) for p in paragraphs) < MIN_BODY:
        return None
    return Body(Selector(root=node, type=sel.type), paragraphs, texts, read_to)


def _paragraph_elements(root: Any) -> Iterator[Any]:
    """What PARAGRAPHS selects, one element at a time in document order: reading stops where the body is
    found, so the rest of a page of endless prose is never listed."""
    for element in root.iter("p", "blockquote"):
        if element.tag == "p" or element.find("p") is None:
            yield element


def _paragraphs(node: Any, texts: dict[Any, str]) -> tuple[list[str], Any]:
    """The body's paragraphs, and the child of `node` where reading stopped past BODY_LIMIT characters (None
    when every block was read)."""
    out: list[str] = []
    read = 0
    for child, block in _blocks(node):
        if _furniture_element(block) or _in_furniture(block, stop=node):
            continue
        if block.tag in ("ul", "ol"):
            items = [element_text(li) for li in block.iterchildren("li")]
            out.extend(f"- {item}" for item in items if item)
            read += sum(len(item) for item in items)
        else:
            text = texts[block] if block in texts else element_text(block)
            if text:
                out.append(text)
                read += len(text)
        if read > BODY_LIMIT:
            return out, child
    return out, None


_BLOCK_TAGS = frozenset(("p", "blockquote", "h2", "h3", "h4", "ul", "ol"))


def _blocks(node: Any) -> Iterator[tuple[Any, Any]]:
    """What BLOCKS selects under `node`, one at a time in document order, each with the child of `node` it is
    or sits in."""
    for child in node.iterchildren():
        if child.tag not in _BLOCK_TAGS:
            continue
        if child.tag != "blockquote":
            yield child, child
            continue
        if child.find(".//p") is None:
            yield child, child
        for paragraph in child.iterchildren("p"):
            yield child, paragraph


def read_part(root: Any, body: Body) -> Iterator[Any]:
    """The elements under `root` (not itself) in document order, less the part of the body left unread: what
    the reader treats as the page's article where its body runs past BODY_LIMIT."""
    pending: list[Iterator[Any]] = [_children_read(root, body)]
    while pending:
        child = next(pending[-1], None)
        if child is None:
            pending.pop()
            continue
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions
        yield child
        pending.append(_children_read(child, body))


def _children_read(element: Any, body: Body) -> Iterator[Any]:
    if element is not body.node.root or body.read_to is None:
        yield from element.iterchildren()
        return
    for child in element.iterchildren():
        yield child
        if child is body.read_to:
            return
