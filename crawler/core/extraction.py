"""The one path from a fetched document to records, shared by crawls, `filmcrawl extract` and re-parsing.

    body -> Selector (once) -> block check -> site parser, completed or replaced field by field by the
    generic readers (crawler.core.parsers.fallback) -> records stamped with their fetch time

Validation is separate (schemas.validate_record), applied by the pipeline in a crawl and by the CLI offline.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from lxml import etree
from parsel import Selector
from parsel.selector import create_root_node

from crawler.core.decoding import decode_page
from crawler.core.parsers.blocked import block_reason, keep_text
from crawler.core.parsers.errors import BlockedPage, PageLayoutError
from crawler.core.parsers.fallback import Reading, read_generic, read_page
from crawler.core.parsers.ids import host_of, site_slug_for_host
from crawler.core.parsers.page import Page, forget
from crawler.core.saved import original_url, own_path, saved_from, unwrap_archive, unwrap_mirror
from crawler.core.sites import GENERIC, SITES, Site, generic_parser, parser_for, site_for_host, site_for_links
from schemas.record_fields import RecordFields

_JSON_WRAPPER = "/*-secure-"
# Stands for the address of a page saved without one; relative links resolve against it.
_UNKNOWN_URL = "http://localhost/"


@dataclass(frozen=True)
class Extraction:
    site: str
    records: list[RecordFields]
    page_type: str = "unknown"
    """The page type the records were read as ("title", "list"; the record type when only the generic
    readers knew the page): the crawl counts fallback reading by site and page type."""


def selector_for(body: bytes, *, content_type: str | None = None) -> Selector:
    """A Selector of the right type (html, json or xml) over the decoded body, as a browser would decode it
    (crawler.core.decoding.decode_page)."""
    decoded = decode_page(body, content_type)
    return selector_of(decoded.text, content_type=content_type, utf8=decoded.utf8_body)


def selector_of(text: str, *, content_type: str | None = None, utf8: bytes | None = None) -> Selector:
    """A Selector of the right type (html, json or xml) over a page's decoded text; `utf8`, the page's bytes
    where they are exactly that text in UTF-8 (crawler.core.decoding.Decoded.utf8_body), are parsed as they
    came instead of the text being encoded again."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(_JSON_WRAPPER):
        stripped = stripped[len(_JSON_WRAPPER) :].rstrip().removesuffix("*/")
        return _json_selector(stripped)
    # A JSON Content-Type on a page of markup is a server's mistake: the body decides.
    if stripped[:1] in ("{", "[") or ("json" in (content_type or "") and not stripped.startswith("<")):
        return _json_selector(stripped)
    if stripped.startswith("<?xml") or (content_type or "").endswith("/xml"):
        return Selector(text=stripped, type="xml")
    if utf8 and text.strip() is text and "\x00" not in text:
        # The same bytes the text would be encoded to: parsel strips white space from text before taking out
        # its NUL characters, from bytes only ASCII white space after, so the two agree where the text has no
        # white space at its ends and no NUL.
        root = create_root_node("", etree.HTMLParser, body=utf8, encoding="utf-8")
    else:
        root = create_root_node(text, etree.HTMLParser)
    # Parsed as parsel parses HTML, by lxml's own HTML parser without lxml.html's element classes: no reader
    # uses their methods, and choosing the class of every element in Python cost a twentieth of a page's read.
    sel = Selector(root=root, type="html")
    keep_text(sel, text)  # what parsel keeps of a Selector made from text: the block check reads it
    return sel


def _json_selector(text: str) -> Selector:
    try:
        return Selector(text=text, type="json")
    except RecursionError:
        # Nested deeper than Python's JSON parser goes: broken or hostile, not data. As plain text, every
        # parser refuses it with its typed error.
        return Selector(text=text, type="text")


def resolve_site(sel: Selector, *, url: str | None, site: str | None) -> tuple[str, str]:
    """(site slug, page URL): from `site`, else the URL's host, else the page's canonical link / og:url, else the
    URL a saved page names as its origin (crawler.core.saved), else the site most of the page's links belong to
    (fragments and pages saved without their URL). A web archive's capture is read as the page it captured."""
    captured = _unwrap(sel)
    url = original_url(url) if url else None
    page_url = url or (_page_url(sel, captured) if sel.type == "html" else None)
    if site:
        return site, page_url or _UNKNOWN_URL
    if page_url:
        known = site_for_host(host_of(page_url))
        return (known.slug if known else site_slug_for_host(host_of(page_url))), page_url
    if sel.type == "html":
        paths = _link_paths(sel)
        known = site_for_links(paths)
        if known:
            own = own_path(paths, known.link_paths) if known.link_paths else None
            return known.slug, f"{known.origin}{own or '/'}"
        known = _site_named_by_hosts(sel)
        if known:
            return known.slug, f"{known.origin}/"
    return GENERIC, _UNKNOWN_URL


# A page names its site by the hosts of its absolute URLs (scripts, images, styles) when at least this many
# name one site and no other comes close (half as many).
_MIN_HOST_MENTIONS = 5


def _site_named_by_hosts(sel: Selector) -> Site | None:
    """The known site whose hosts the page's absolute URLs name most (its own static files: "static.metacritic.com"),
    for pages whose link paths fit two sites ("/movie/..." on Metacritic and Flixster)."""
    counts: Counter[str] = Counter()
    for value in sel.xpath("//@src | //@href").getall():
        if value.startswith(("http://", "https://", "//")):
            try:
                host = urlsplit(value if not value.startswith("//") else "http:" + value).hostname or ""
            except ValueError:
                continue
            known = site_for_host(host)
            if known:
                counts[known.slug] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < _MIN_HOST_MENTIONS or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    return SITES[ranked[0][0]]


# Pages already unwrapped, with the URL an archive captured them at: resolve_site and extract both read a saved
# page as the page it was, and each check for a capture or a mirror is a query over the whole document.
_UNWRAPPED: WeakKeyDictionary[Selector, str | None] = WeakKeyDictionary()


def _unwrap(sel: Selector) -> str | None:
    """A saved page as the page it was (crawler.core.saved): a web archive's markup taken out, a mirror's local
    links made site links again, once per page. Returns the URL an archive captured the page at."""
    if sel.type != "html":
        return None
    if sel in _UNWRAPPED:
        return _UNWRAPPED[sel]
    unwrap_mirror(sel, extensionless=lambda host: site_for_host(host) is not None)
    captured = _UNWRAPPED[sel] = unwrap_archive(sel)
    forget(sel)  # anything decoded before was decoded from the wrapper
    return captured


def _page_url(sel: Selector, captured: str | None) -> str | None:
    """The URL a page names for itself: its canonical link or og:url, the URL a saved page says it was saved
    from, the URL an archive captured it at."""
    saved = saved_from(sel)
    page = Page(sel, saved or captured or _UNKNOWN_URL)
    declared = page.sel.xpath('//link[@rel="canonical"]/@href').get() or page.meta("og:url") or ""
    # A mirroring tool turns the canonical link into a local file ("../../title/tt0110912/index.html"): the
    # URL the page was saved from is then the better name.
    if saved and not urlsplit(declared.strip()).scheme:
        return saved
    canonical = page.canonical_url
    if canonical and host_of(canonical) != host_of(_UNKNOWN_URL):
        return original_url(canonical)
    return saved or captured


def _link_paths(sel: Selector) -> list[str]:
    """The paths of the page's links to its own site: relative links, and absolute ones to the host most of
    the absolute links name (a browser's "save as" turns every link absolute)."""
    relative: list[str] = []
    absolute: list[tuple[str, str]] = []
    for href in sel.xpath("//a/@href").getall():
        try:
            parts = urlsplit(href)
        except ValueError:
            continue  # not a URL ("http://[broken")
        if href.startswith("/") and not href.startswith("//"):
            relative.append(parts.path)
        elif href.startswith(("http://", "https://")):
            host = (parts.hostname or "").lower()
            if site_for_host(host) is not None:
                absolute.append((host, parts.path))
    if absolute:
        top = Counter(host for host, _ in absolute).most_common(1)[0][0]
        relative += [path for host, path in absolute if host == top]
    return relative


def extract(sel: Selector, *, url: str, site: str, scraped_at: datetime, status: int | None = None) -> Extraction:
    """Records of one page. Raises BlockedPage, PageLayoutError or UnsupportedPage when it gives none."""
    url = original_url(url)
    _unwrap(sel)
    reason = block_reason(sel, status=status)
    if reason:
        raise BlockedPage(reason, f"{url} answered with a {reason.replace('_', ' ')} page")
    try:
        try:
            site, reading = _parse(sel, url=url, site=site)
        except (ValueError, KeyError):
            # lxml parses attribute names it then cannot give back ("{{ attrs }}" left by a template, JSON
            # spilled into a tag, control characters): reading such an element fails. Without them the page
            # is read again; any other error is a parser's and is raised.
            if not _drop_unreadable_attributes(sel):
                raise
            forget(sel)  # what was decoded from the page may hold the values just changed
            site, reading = _parse(sel, url=url, site=site)
    except RecursionError:
        # Embedded data nested past the interpreter's recursion limit: hostile or broken, never a film.
        raise PageLayoutError("nesting_too_deep", f"{url} holds data nested too deep to read") from None
    records = reading.records
    if not records:
        # A parser that read nothing must say why: no page leaves a crawl without records or a reject line.
        raise PageLayoutError("no_records", f"the {site} parser read no records from {url}")
    stamp = scraped_at.isoformat()
    return Extraction(site, [_stamped(record, scraped_at=stamp, url=url) for record in records], reading.page_type)


def _stamped(record: RecordFields, *, scraped_at: str, url: str) -> RecordFields:
    """The record with its fetch time. A listing page's record carries the page's own URL: the pages of one
    list often share their canonical link, and each page is a record of its own (its entries, its next page)."""
    stamped = record.copy()
    stamped["scraped_at"] = scraped_at
    if record.get("type") == "listing" and url != _UNKNOWN_URL:
        stamped["url"] = url
    return stamped


def _parse(sel: Selector, *, url: str, site: str) -> tuple[str, Reading]:
    if site == GENERIC:
        # A blog is named after its own host, also when it is crawled on a mirror or test server.
        canonical = Page(sel, url).canonical_url if sel.type in ("html", "xml") else None
        site = site_slug_for_host(host_of(canonical or url))
        return site, read_generic(generic_parser(site), sel, url=url)
    site_parse = parser_for(site)
    if site_parse is None:
        return site, read_generic(generic_parser(site), sel, url=url)
    # The site's readers and the fallback know the page by its own address ("/title/tt0040725/" for IMDb's
    # "/de/title/tt0040725/"): whether the page is a film's own page is told from it.
    own = SITES[site].own_address(url)
    return site, read_page(site_parse, generic_parser(site), sel, url=own, site=site)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _drop_unreadable_attributes(sel: Selector) -> bool:
    """Remove the attributes lxml cannot give back by name; True when there were some. Walks the whole
    tree, so it runs only once reading has failed."""
    if sel.type not in ("html", "xml"):
        return False
    dropped = False
    # Every element of the document: a second <html> after the first one's end is not under the root element.
    for element in sel.root.xpath("//*"):
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        bad = {name for name in element.keys() if not _readable(element, name)}
        if bad:
            kept = [(name, value) for name, value in element.items() if name not in bad]
            element.attrib.clear()
            for name, value in kept:
                element.set(name, _CONTROL.sub("", value))  # lxml sets no value with control characters
            dropped = True
    return dropped


def _readable(element: Any, name: str) -> bool:
    if "{" in name:
        return False  # read back as "{namespace}name"
    try:
        element.get(name)
    except ValueError:
        return False
    return True
