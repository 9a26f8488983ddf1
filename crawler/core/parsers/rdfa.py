"""schema.org in RDFa: `vocab`/`typeof`/`property` attributes (RDFa Lite, and the `schema:` prefix), read into
the same JSON-LD-shaped dicts as microdata (crawler.core.parsers.structured.microdata), so one mapper serves all.

    <div vocab="https://schema.org/" typeof="Movie">
      <h1 property="name">The Red Shoes</h1>
      <div property="director" typeof="Person"><span property="name">Michael Powell</span></div>

OpenGraph's `property="og:..."` meta tags are read as OpenGraph (Page.meta), not here: only schema.org terms
are taken, by the vocabulary in scope or by a schema.org prefix or address.
"""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from .fields import JsonObject
from .structured import MAX_DEPTH, text_without_labels

_SCHEMA = re.compile(r"^(?:https?://schema\.org/|schema:)", re.IGNORECASE)
# Properties whose value is an address; on other properties a link's text is the value, as the page shows it.
_LINK_PROPERTIES = {"url", "sameAs", "image", "thumbnailUrl", "contentUrl", "embedUrl", "trailer"}


def rdfa(sel: Selector) -> list[JsonObject]:
    """Top-level schema.org RDFa items of the page (typeof without property), as JSON-LD-shaped dicts."""
    if sel.type != "html":
        return []
    items: list[JsonObject] = []
    for node in sel.root.xpath("//*[@typeof and not(@property)]"):
        kind = _schema_term(node, (node.get("typeof") or "").split()[:1])
        if kind:
            items.append(_item(node, kind, 0))
    return items


def _in_schema_vocab(node: Any) -> bool:
    vocab = next((str(a.get("vocab")) for a in _self_and_ancestors(node) if a.get("vocab") is not None), "")
    return "schema.org" in vocab.lower()


def _self_and_ancestors(node: Any) -> Any:
    yield node
    yield from node.iterancestors()


def _schema_term(node: Any, terms: list[str]) -> str | None:
    """The first schema.org term among `terms`, without its prefix; None for terms of other vocabularies."""
    for term in terms:
        if _SCHEMA.match(term):
            return _SCHEMA.sub("", term).rstrip("/")
        if ":" not in term and term and _in_schema_vocab(node):
            return term
    return None


def _item(node: Any, kind: str, depth: int) -> JsonObject:
    item: JsonObject = {"@type": kind}
    if depth > MAX_DEPTH:
        return item
    for prop in node.xpath(".//*[@property]"):
        owner = next((a for a in prop.iterancestors() if a.get("typeof") is not None), None)
        if owner is not node:
            continue
        names = [n for n in (_schema_term(prop, [t]) for t in (prop.get("property") or "").split()) if n]
        if not names:
            continue
        if prop.get("typeof") is not None:
            nested = _schema_term(prop, (prop.get("typeof") or "").split()[:1]) or ""
            value: Any = _item(prop, nested, depth + 1)
        elif set(names) & _LINK_PROPERTIES and (prop.get("href") or prop.get("src") or prop.get("resource")):
            value = _value(prop, names)  # a link is its address, also around other properties
        elif prop.xpath(".//*[@property]"):
            continue  # a wrapper around the real values
        else:
            value = _value(prop, names)
        if value in (None, ""):
            continue
        for name in names:
            if name in item:
                existing = item[name]
                item[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
            else:
                item[name] = value
    return item


def _value(node: Any, names: list[str]) -> str | None:
    content = node.get("content")
    if content is not None:
        return str(content).strip()
    if node.get("datetime") is not None:
        return str(node.get("datetime")).strip()
    if set(names) & _LINK_PROPERTIES:
        for attribute in ("href", "src", "resource"):
            if node.get(attribute):
                return str(node.get(attribute)).strip()
    return " ".join(text_without_labels(node).split()) or None
