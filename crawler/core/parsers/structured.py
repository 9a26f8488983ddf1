"""Embedded structured data: schema.org JSON-LD and Next.js page data, each loaded once per page.

Real pages wrap JSON-LD in CDATA comments (Letterboxd), put several objects in one script or in an
`@graph`, and sometimes carry raw control characters inside strings. All of that is handled here so parsers
only see a flat list of dicts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree
from parsel import Selector

from .fields import JsonObject

_CDATA = re.compile(r"^\s*(?:/\*\s*)?<!\[CDATA\[(?:\s*\*/)?|(?:/\*\s*)?\]\]>(?:\s*\*/)?\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Real JSON-LD nests a few levels; anything deeper is hostile or broken and is not worth walking.
MAX_DEPTH = 20


def _loads(text: str) -> Any:
    # The CDATA pattern cannot match without one of its brackets; scanning a large page-data script for them
    # with the regex costs more than decoding the JSON, so it only runs when they are there.
    if "<![CDATA[" in text or "]]>" in text:
        text = _CDATA.sub("", text)
    text = text.strip().rstrip(";")
    if not text:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        # ValueError besides JSONDecodeError: an integer of more than 4,300 digits (sys.int_info).
        pass
    try:
        # Literal newlines and tabs inside strings are common in hand-made JSON-LD.
        return json.loads(_CONTROL.sub(" ", text), strict=False)
    except (ValueError, RecursionError):
        return None


def _flatten(node: Any, depth: int = 0) -> Iterator[JsonObject]:
    if depth > MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            yield from _flatten(item, depth + 1)
    elif isinstance(node, dict):
        graph = node.get("@graph")
        if isinstance(graph, list):
            yield from _flatten(graph, depth + 1)
        if "@type" in node:
            yield node


def json_ld(sel: Selector) -> list[JsonObject]:
    """Every top-level JSON-LD object of the page, flattened out of lists and @graph."""
    objects: list[JsonObject] = []
    for text in _script_texts(sel, "type", "application/ld+json"):
        objects.extend(_flatten(_loads(text)))
    return objects


def _script_texts(sel: Selector, attribute: str, value: str) -> Iterator[str]:
    """The text nodes of the page's <script> elements whose `attribute` is `value`, in page order: XPath's
    `//script[@attribute="value"]/text()`, found by lxml's walk over the <script> elements, which costs a
    fraction of the query over every node of a large page."""
    root = sel.root
    if not isinstance(root, etree._Element):
        return
    for script in root.getroottree().getroot().iter("script"):
        if script.get(attribute) == value:
            yield from (str(text) for text in script.xpath("text()"))


def types_of(obj: JsonObject) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def of_type(objects: Iterable[JsonObject], *kinds: str) -> list[JsonObject]:
    wanted = set(kinds)
    return [o for o in objects if types_of(o) & wanted]


def next_data(sel: Selector) -> JsonObject | None:
    """The `__NEXT_DATA__` page state of Next.js pages, or None."""
    text = next(_script_texts(sel, "id", "__NEXT_DATA__"), None)
    data = _loads(text) if text else None
    return data if isinstance(data, dict) else None


def dig(node: Any, *path: str | int) -> Any:
    """Follow keys and indexes through nested JSON; None as soon as a step is missing."""
    for step in path:
        if isinstance(step, int):
            if not isinstance(node, list) or not -len(node) <= step < len(node):
                return None
            node = node[step]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(step)
    return node


def dig_object(node: Any, *path: str | int) -> JsonObject:
    """The object at the end of `path` (dig), or an empty one where the page holds something else there (a
    string, a list, nothing): what a reader then asks of it with `.get` finds nothing instead of failing."""
    found = dig(node, *path)
    return found if isinstance(found, dict) else {}


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# --- schema.org microdata ------------------------------------------------------------------------------
# Pages of 2010-2017 (IMDb, Rotten Tomatoes, Flixster) mark films up with itemscope/itemprop instead of
# JSON-LD. The items are read into the same shape as JSON-LD objects so one mapper serves both.

_VALUE_ATTRIBUTES = ("content", "datetime", "href", "src", "value")


def microdata(sel: Selector) -> list[JsonObject]:
    """Top-level schema.org microdata items of the page, as JSON-LD-shaped dicts."""
    if sel.type != "html":
        return []
    return [_item(node, 0) for node in sel.root.xpath("//*[@itemscope and @itemtype and not(@itemprop)]")]


def _item(node: Any, depth: int) -> JsonObject:
    item: JsonObject = {"@type": ((node.get("itemtype") or "").split() or [""])[0].rstrip("/").rsplit("/", 1)[-1]}
    if depth > MAX_DEPTH:
        return item
    for prop in node.xpath(".//*[@itemprop]"):
        owner = next((a for a in prop.iterancestors() if a.get("itemscope") is not None), None)
        if owner is not node:
            continue
        if prop.get("itemscope") is not None:
            value: Any = _item(prop, depth + 1)
        elif prop.xpath(".//*[@itemprop]"):
            continue  # a wrapper around the real values ("Genres: <a itemprop=genre>...")
        else:
            value = _value(prop)
        if value in (None, ""):
            continue
        for name in prop.get("itemprop", "").split():
            if name in item:
                existing = item[name]
                item[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
            else:
                item[name] = value
    return item


# Properties whose value is a link; on other properties a link's text is the value (`<a href="/genre/Comedy"
# itemprop="genre">Comedy</a>` on 2011 IMDb pages), as the page shows it.
_LINK_PROPERTIES = {"url", "sameAs", "image", "thumbnailUrl", "contentUrl", "embedUrl", "trailer"}


def _value(node: Any) -> str | None:
    for attribute in _VALUE_ATTRIBUTES:
        value: str | None = node.get(attribute)
        if value is None:
            continue
        if attribute == "href":
            names = set(node.get("itemprop", "").split())
            if node.tag not in ("a", "link") or (
                node.tag == "a" and not names & _LINK_PROPERTIES and "".join(node.itertext()).strip()
            ):
                continue
        return value.strip()
    if "name" in node.get("itemprop", "").split():
        # A name wrapped around the page's main heading is that heading; what follows it is another title of
        # the work (`<div itemprop=name><h1>Akai Kutsu</h1><p>The Red Shoes</p></div>`: its English one).
        heading = node.xpath(".//h1")
        if heading:
            return " ".join("".join(heading[0].itertext()).split()) or None
    if "description" in node.get("itemprop", "").split() and _only_a_contribution_link(node):
        return None
    if language_versions(node):
        return shown_text(node) or None
    return " ".join(text_without_labels(node).split()) or None


# A class naming the language of the text it holds: "genre-en", "name_ru".
_LANGUAGE_CLASS = re.compile(r"^(.+?)[-_]([a-z]{2})$")


def language_versions(element: Any) -> list[tuple[str, Any]]:
    """The element's children as (language, child) where they are one name in two or more languages, each in a
    child classed with its language and nothing printed between them ("<span class="genre-en">Drama</span>
    <span class="genre-ru">Драма</span>", of which the site's style shows one); else nothing."""
    if not isinstance(element.tag, str) or (element.text or "").strip():
        return []
    versions: list[tuple[str, Any]] = []
    stems: set[str] = set()
    for child in element:
        if not isinstance(child.tag, str) or (child.tail or "").strip() or len(child):
            return []
        named = [_LANGUAGE_CLASS.match(token) for token in (child.get("class") or "").split()]
        language = next((match for match in named if match), None)
        if language is None:
            return []
        stems.add(language.group(1))
        versions.append((language.group(2), child))
    if len(versions) < 2 or len(stems) != 1 or len({language for language, _ in versions}) != len(versions):
        return []
    return versions


def shown_text(element: Any) -> str:
    """The element's text; of a name printed in several languages (language_versions), the version in the
    page's language (its <html lang>), else the first."""
    versions = language_versions(element)
    if not versions:
        return " ".join(" ".join(element.itertext()).split())
    page_language = (element.getroottree().getroot().get("lang") or "").casefold()[:2]
    chosen = next((child for language, child in versions if language == page_language), versions[0][1])
    return " ".join(" ".join(chosen.itertext()).split())


# A description that is only a link to the site's contribution form ("Add a Plot" on a 2010-2020 IMDb title
# without an outline: `<p itemprop="description"><a href="/updates?update=tt…:outlines.add.1">Add a Plot</a>`)
# invites the reader to write one; it describes nothing.
_CONTRIBUTION_HREF = re.compile(r"/(?:updates?|edit|contribute)(?:[/?#]|$)|[?&](?:update|edit)=", re.IGNORECASE)


def _only_a_contribution_link(node: Any) -> bool:
    links = [a for a in node.iter("a") if _CONTRIBUTION_HREF.search(a.get("href") or "")]
    if not links:
        return False
    outside = "".join(node.xpath(".//text()[not(ancestor::a)]"))
    # Only the link's text, and the "»" IMDb prints after such links, are there.
    return not outside.strip(" \t\r\n\u00a0»›")


_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def text_without_labels(node: Any) -> str:
    """The text of a marked-up element without the headings inside it: those label the value ("<h4>Genres:</h4>
    Drama"). A heading that is itself the element, or holds it, is the value (`<h1 itemprop="name">`)."""
    pieces: list[str] = [node.text or ""]
    for child in node:
        if isinstance(child.tag, str) and child.tag not in _HEADING_TAGS:
            pieces.append(text_without_labels(child))
        pieces.append(child.tail or "")
    return "".join(pieces)
