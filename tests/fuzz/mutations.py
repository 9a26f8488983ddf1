"""Hypothesis strategies that break real page structures the ways sites and networks break them.

A mutated page starts from a committed fixture (the real markup of a site and era) and gets one to three of:
a cut (truncated download), a slice removed or repeated, junk inserted (stray tags, quotes, braces, control
characters), an element of the DOM dropped, emptied or given hostile text or attributes, and a value of
its embedded JSON (JSON-LD, __NEXT_DATA__, API answers) replaced by a hostile one: the wrong type, a
huge or non-finite number, deep nesting, markup, a lone surrogate.
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

import lxml.html
from hypothesis import strategies as st

HOSTILE_VALUES: list[Any] = [
    None,
    "",
    " ",
    0,
    -1,
    10**30,
    1e308,
    float("inf"),
    float("nan"),
    True,
    [],
    {},
    [None],
    [[[[]]]],
    {"@type": None},
    {"@type": "Movie"},
    "null",
    "<script>alert(1)</script>",
    "&lt;b&gt;x&lt;/b&gt;",
    "\ud800",
    "\x00",
    "9" * 400,
    "2h 16min",
    "★★★½",
    "N/A",
    "-",
    "1e400",
    "NaN",
    "1948-13-45",
    "PT",
    {"name": {"name": {"name": 5}}},
    "x" * 5000,
]
JUNK = [
    "<",
    ">",
    "</div>",
    "<div>",
    "</script>",
    "<script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    '"',
    "'",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "\\",
    "\x00",
    "\ufeff",
    "&",
    "&amp;",
    "&#0;",
    "\ud800",
    "<br>",
    "</html>",
    '<meta charset="shift_jis">',
    '<script type="application/ld+json">{',
    "é",
    "\u202e",
]
HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "<script>alert(1)</script>",
        "\ud800",
        "N/A",
        "9" * 300,
        "★",
        "\x00",
        "2h 16min",
        "1948",
        "&amp;&lt;",
        "x" * 2000,
    ]
) | st.text(max_size=30)

_JSON_SCRIPT = re.compile(
    r'(<script[^>]*(?:application/ld\+json|id="__NEXT_DATA__")[^>]*>)(.*?)(</script>)', re.S | re.I
)


def _paths(node: Any, path: tuple[Any, ...] = (), depth: int = 0) -> list[tuple[Any, ...]]:
    found = [path]
    if depth > 12:
        return found
    if isinstance(node, dict):
        for key, value in list(node.items())[:40]:
            found += _paths(value, (*path, key), depth + 1)
    elif isinstance(node, list):
        for index, value in enumerate(node[:40]):
            found += _paths(value, (*path, index), depth + 1)
    return found


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy: Any = dict(node) if isinstance(node, dict) else list(node)
    copy[head] = _replace(node[head], rest, value)
    return copy


@st.composite
def mutated_json(draw: st.DrawFn, text: str) -> str:
    """`text` (a JSON document) with one value replaced by a hostile one; unreadable JSON is cut instead."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return text[: draw(st.integers(0, len(text)))]
    path = draw(st.sampled_from(_paths(data)))
    value = draw(st.sampled_from([*HOSTILE_VALUES, _DEEP]))
    text = json.dumps(_replace(data, path, value))
    if value == _DEEP:
        # Nesting past what json.dumps itself can write: spliced in as text.
        depth = draw(st.integers(30, 5000))
        text = text.replace(json.dumps(_DEEP), "[" * depth + "]" * depth, 1)
    return text


_DEEP = "\0deep nesting\0"


@st.composite
def _embedded_json(draw: st.DrawFn, page: str) -> str:
    blocks = list(_JSON_SCRIPT.finditer(page))
    if not blocks:
        return page
    block = draw(st.sampled_from(blocks))
    body = block.group(2)
    # Letterboxd wraps its JSON-LD in CDATA comments: keep the wrapper, mutate what is inside.
    inner = re.match(r"(\s*(?:/\*\s*<!\[CDATA\[\s*\*/)?)(.*?)((?:/\*\s*\]\]>\s*\*/)?\s*)$", body, re.S)
    assert inner is not None
    new = inner.group(1) + draw(mutated_json(inner.group(2))) + inner.group(3)
    return page[: block.start(2)] + new + page[block.end(2) :]


@st.composite
def _dom(draw: st.DrawFn, page: str) -> str:
    try:
        root = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return page
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
    if not elements:
        return page
    element = draw(st.sampled_from(elements))
    action = draw(st.sampled_from(["drop", "empty", "text", "attribute", "duplicate"]))
    value = draw(HOSTILE_TEXT)
    # lxml refuses some strings in a tree (control characters, names it parsed but will not set again):
    # the mutation is then skipped; the text mutations put such characters in the raw page instead.
    with contextlib.suppress(KeyError, ValueError, lxml.etree.ParserError):
        if action == "drop":
            element.drop_tree()
        elif action == "empty":
            element.clear()
        elif action == "text":
            element.text = value
        elif action == "attribute" and element.keys():
            element.set(draw(st.sampled_from(sorted(element.keys()))), value)
        elif action == "duplicate" and element.getparent() is not None:
            element.addnext(lxml.html.fromstring(lxml.html.tostring(element)))
    return lxml.html.tostring(root, encoding="unicode")


@st.composite
def _text(draw: st.DrawFn, page: str) -> str:
    size = len(page)
    kind = draw(st.sampled_from(["cut", "delete", "repeat", "insert"]))
    start = draw(st.integers(0, size))
    end = draw(st.integers(start, min(size, start + 2000)))
    if kind == "cut":
        return page[:start]
    if kind == "delete":
        return page[:start] + page[end:]
    if kind == "repeat":
        return page[:end] + page[start:end] + page[end:]
    junk = draw(st.lists(st.sampled_from(JUNK) | st.text(max_size=8), min_size=1, max_size=5))
    return page[:start] + "".join(junk) + page[start:]


@st.composite
def mutated_page(draw: st.DrawFn, page: str, *, is_json: bool = False) -> str:
    """`page` after one to three mutations."""
    for _ in range(draw(st.integers(1, 3))):
        if is_json:
            page = draw(st.one_of(mutated_json(page), _text(page)))
        else:
            page = draw(st.one_of(_embedded_json(page), _dom(page), _text(page)))
    return page
