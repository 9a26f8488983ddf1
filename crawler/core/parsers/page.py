"""`Page`: one fetched document and what is read from it once (JSON-LD, page data, meta tags).

Parsers receive a parsel Selector and the URL; they wrap them in a Page so that structured data is decoded
once per response however many fields read it: every Page of one Selector (the site parser's, the generic
readers') shares one decoded copy. Readers never change what they are given; a page whose tree is changed after
it was read (its unreadable attributes dropped) is decoded anew after `forget`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar, cast
from urllib.parse import urljoin, urlsplit
from weakref import WeakKeyDictionary

from parsel import Selector

from . import rdfa, structured
from .fields import JsonObject

T = TypeVar("T")

# What is decoded from a document, by Selector, for every Page of it; an entry goes with its Selector.
_DECODED: WeakKeyDictionary[Selector, dict[str, object]] = WeakKeyDictionary()


def decoded(sel: Selector, key: str, read: Callable[[], T]) -> T:
    """`read()` once per document: what every reader of the page would otherwise decode again."""
    found = _DECODED.get(sel)
    if found is None:
        found = _DECODED[sel] = {}
    if key not in found:
        found[key] = read()
    return cast(T, found[key])


def forget(sel: Selector) -> None:
    """Drop what was decoded from `sel`: its tree has changed since."""
    _DECODED.pop(sel, None)


@dataclass
class Page:
    sel: Selector
    url: str
    _meta: dict[str, str] | None = field(default=None, repr=False)

    def _decoded(self, key: str, read: Callable[[], T]) -> T:
        """`read()` once per document, shared by every Page of the same Selector."""
        return decoded(self.sel, key, read)

    @cached_property
    def json_ld(self) -> list[JsonObject]:
        return self._decoded("json_ld", lambda: structured.json_ld(self.sel) if self.sel.type == "html" else [])

    @cached_property
    def microdata(self) -> list[JsonObject]:
        return self._decoded("microdata", lambda: structured.microdata(self.sel))

    @cached_property
    def rdfa(self) -> list[JsonObject]:
        return self._decoded("rdfa", lambda: rdfa.rdfa(self.sel))

    @cached_property
    def next_data(self) -> JsonObject | None:
        return self._decoded("next_data", lambda: structured.next_data(self.sel) if self.sel.type == "html" else None)

    def of_type(self, *kinds: str) -> list[JsonObject]:
        return structured.of_type(self.json_ld, *kinds)

    def meta(self, key: str) -> str | None:
        """Content of `<meta property=key>` or `<meta name=key>` (OpenGraph, Twitter, description)."""
        if self._meta is None:
            self._meta = self._decoded("meta", self._read_meta)
        value = self._meta.get(key.lower())
        return value.strip() if value and value.strip() else None

    def _read_meta(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for node in self.sel.xpath("//meta[@content]"):
            name = node.attrib.get("property") or node.attrib.get("name") or node.attrib.get("itemprop")
            if name and name.lower() not in found:
                found[name.lower()] = node.attrib["content"]
        return found

    @cached_property
    def canonical_url(self) -> str | None:
        href = self._decoded("canonical", lambda: self.sel.xpath('//link[@rel="canonical"]/@href').get())
        href = href or self.meta("og:url")
        return self.absolute(href) if href else None

    def absolute(self, href: str | None) -> str | None:
        """`href` resolved against the page URL; None for empty, fragment-only or non-http links."""
        if not href or not href.strip() or href.strip().startswith("#"):
            return None
        try:
            url = urljoin(self.url, href.strip())
            return url if urlsplit(url).scheme in ("http", "https") else None
        except ValueError:
            return None  # not a URL at all ("http://[broken")
