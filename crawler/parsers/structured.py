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

from parsel import Selector

_CDATA = re.compile(r"^\s*(?:/\*\s*)?<!\[CDATA\[(?:\s*\*/)?|(?:/\*\s*)?\]\]>(?:\s*\*/)?\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Real JSON-LD nests a few levels; anything deeper is hostile or broken and is not worth walking.
MAX_DEPTH = 20


def _loads(text: str) -> Any:
    text = _CDATA.sub("", text).strip().rstrip(";")
    if not text:
        return None
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        pass
    try:
        # Literal newlines and tabs inside strings are common in hand-made JSON-LD.
        return json.loads(_CONTROL.sub(" ", text), strict=False)
    except (json.JSONDecodeError, RecursionError):
        return None


def _flatten(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
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


def json_ld(sel: Selector) -> list[dict[str, Any]]:
    """Every top-level JSON-LD object of the page, flattened out of lists and @graph."""
    objects: list[dict[str, Any]] = []
    for text in sel.xpath('//script[@type="application/ld+json"]/text()').getall():
        objects.extend(_flatten(_loads(text)))
    return objects


def types_of(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def of_type(objects: Iterable[dict[str, Any]], *kinds: str) -> list[dict[str, Any]]:
    wanted = set(kinds)
    return [o for o in objects if types_of(o) & wanted]


def next_data(sel: Selector) -> dict[str, Any] | None:
    """The `__NEXT_DATA__` page state of Next.js pages, or None."""
    text = sel.xpath('//script[@id="__NEXT_DATA__"]/text()').get()
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


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
