"""The one path from a fetched document to records, shared by crawls, `filmcrawl extract` and re-parsing.

    body -> Selector (once) -> block check -> site parser (or the generic one) -> records stamped with
    their fetch time

Validation is separate (schemas.validate_record), applied by the pipeline in a crawl and by the CLI offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit
from datetime import datetime
from typing import Any

from parsel import Selector
from w3lib.encoding import html_to_unicode

from crawler.parsers.blocked import block_reason
from crawler.parsers.errors import BlockedPage
from crawler.parsers.ids import host_of, site_slug_for_host
from crawler.parsers.page import Page
from crawler.sites import GENERIC, SITES, generic_parser, parser_for, site_for_host, site_for_links

_JSON_WRAPPER = "/*-secure-"
# Stands for the address of a page saved without one; relative links resolve against it.
_UNKNOWN_URL = "http://localhost/"


@dataclass(frozen=True)
class Extraction:
    site: str
    records: list[dict[str, Any]]


def selector_for(body: bytes, *, content_type: str | None = None) -> Selector:
    """A Selector of the right type (html, json or xml) over the decoded body, as a browser would decode it."""
    _, text = html_to_unicode(content_type, body)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(_JSON_WRAPPER):
        stripped = stripped[len(_JSON_WRAPPER):].rstrip().removesuffix("*/")
        return Selector(text=stripped, type="json")
    if stripped[:1] in ("{", "[") or "json" in (content_type or ""):
        return Selector(text=stripped, type="json")
    if stripped.startswith("<?xml") or (content_type or "").endswith("/xml"):
        return Selector(text=stripped, type="xml")
    return Selector(text=text, type="html")


def resolve_site(sel: Selector, *, url: str | None, site: str | None) -> tuple[str, str]:
    """(site slug, page URL): from `site`, else the URL's host, else the page's canonical link / og:url,
    else the site most of the page's links belong to (fragments saved without their URL)."""
    page_url = url or (Page(sel, _UNKNOWN_URL).canonical_url if sel.type == "html" else None)
    if site:
        return site, page_url or _UNKNOWN_URL
    if page_url:
        known = site_for_host(host_of(page_url))
        return (known.slug if known else site_slug_for_host(host_of(page_url))), page_url
    if sel.type == "html":
        paths = [urlsplit(href).path for href in sel.xpath("//a/@href").getall()
                 if href.startswith("/") and not href.startswith("//")]
        known = site_for_links(paths)
        if known:
            return known.slug, f"https://{known.hosts[0]}/"
    return GENERIC, _UNKNOWN_URL


def extract(sel: Selector, *, url: str, site: str, scraped_at: datetime, status: int | None = None) -> Extraction:
    """Records of one page. Raises BlockedPage, PageLayoutError or UnsupportedPage when it gives none."""
    reason = block_reason(sel, status=status)
    if reason:
        raise BlockedPage(reason, f"{url} answered with a {reason.replace('_', ' ')} page")
    if site == GENERIC:
        # A blog is named after its own host, also when it is crawled on a mirror or test server.
        site = site_slug_for_host(host_of(Page(sel, url).canonical_url or url))
        parse = generic_parser(site)
    else:
        parse = parser_for(site) or generic_parser(site)
    records = parse(sel, url=url)
    stamp = scraped_at.isoformat()
    return Extraction(site, [dict(record, scraped_at=stamp) for record in records])


def known_sites() -> list[str]:
    return sorted(SITES)
