"""`Page`: one fetched document and what is read from it once (JSON-LD, page data, meta tags).

Parsers receive a parsel Selector and the URL; they wrap them in a Page so that structured data is decoded
once per response however many fields read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from . import rdfa, structured
from .fields import JsonObject


@dataclass
class Page:
    sel: Selector
    url: str
    _meta: dict[str, str] | None = field(default=None, repr=False)

    @cached_property
    def json_ld(self) -> list[JsonObject]:
        return structured.json_ld(self.sel) if self.sel.type == "html" else []

    @cached_property
    def microdata(self) -> list[JsonObject]:
        return structured.microdata(self.sel)

    @cached_property
    def rdfa(self) -> list[JsonObject]:
        return rdfa.rdfa(self.sel)

    @cached_property
    def next_data(self) -> JsonObject | None:
        return structured.next_data(self.sel) if self.sel.type == "html" else None

    def of_type(self, *kinds: str) -> list[JsonObject]:
        return structured.of_type(self.json_ld, *kinds)

    def meta(self, key: str) -> str | None:
        """Content of `<meta property=key>` or `<meta name=key>` (OpenGraph, Twitter, description)."""
        if self._meta is None:
            found: dict[str, str] = {}
            for node in self.sel.xpath("//meta[@content]"):
                name = node.attrib.get("property") or node.attrib.get("name") or node.attrib.get("itemprop")
                if name and name.lower() not in found:
                    found[name.lower()] = node.attrib["content"]
            self._meta = found
        value = self._meta.get(key.lower())
        return value.strip() if value and value.strip() else None

    @cached_property
    def canonical_url(self) -> str | None:
        href = self.sel.xpath('//link[@rel="canonical"]/@href').get() or self.meta("og:url")
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
