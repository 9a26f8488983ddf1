"""Film blogs and review sites: article URLs, or a blog's index page, RSS/Atom feed or sitemap.

Articles are read by the generic parser (schema.org data, else the review-article extractor). The spider
stays on the hosts of its start URLs, and reads at most FILMCRAWL_REVIEWS_MAX_DEPTH links away from them.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response, TextResponse

from crawler.core.extraction import Extraction
from crawler.core.sites import GENERIC

from .base import FilmSiteSpider

# Paths that list or decorate posts rather than being one.
_NOT_AN_ARTICLE = re.compile(
    r"/(tag|tags|category|categories|author|page|feed|search|wp-admin|wp-login|wp-json|about|contact|privacy|"
    r"login|signup|cart|comments?)(/|$)|\.(jpe?g|png|gif|svg|webp|css|js|pdf|zip|mp4)$",
    re.I,
)


class ReviewsSpider(FilmSiteSpider):
    name = "reviews"

    @property
    def parser_site(self) -> str:
        return GENERIC

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse_start, errback=self.on_error)

    def parse_start(self, response: Response, **_: Any) -> Iterator[Any]:
        """A start URL is a feed, a sitemap, an article, or an index page listing articles."""
        if isinstance(response, TextResponse) and _is_feed_or_sitemap(response.text[:2000]):
            self.crawler.stats.inc_value("filmcrawl/index_pages")
            for url in _feed_links(response):
                # A sitemap index points at more sitemaps; everything else is an article.
                callback = self.parse_start if urlsplit(url).path.endswith(".xml") else self.parse
                yield scrapy.Request(self.local_url(url), callback=callback, errback=self.on_error)
            return
        result = self.read(response)
        if isinstance(result, Extraction):
            yield from result.records
        elif isinstance(result, scrapy.Request):
            yield result.replace(callback=self.parse_start)
        elif isinstance(response, scrapy.http.HtmlResponse):
            # No review on the page: an index. Its article links are the crawl.
            self.crawler.stats.inc_value("filmcrawl/index_pages")
            yield from self.requests_for(self.article_links(response))
        else:
            yield result

    def follow_links(self, extraction: Extraction, response: Response) -> Iterator[str]:
        return iter(())

    def article_links(self, response: scrapy.http.HtmlResponse) -> Iterator[str]:
        """Same-host links that look like posts, in page order, each once; pagination of the index too."""
        host = urlsplit(response.url).hostname
        seen: set[str] = set()
        root = response.xpath("//main | //*[@role='main'] | //body")[0]
        for href in root.xpath(".//a/@href").getall():
            url = urljoin(response.url, href.strip()).split("#", 1)[0]
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.hostname != host or url in seen:
                continue
            if parts.path.strip("/") == "" or _NOT_AN_ARTICLE.search(parts.path) or url == response.url:
                continue
            seen.add(url)
            yield url


def _is_feed_or_sitemap(head: str) -> bool:
    return bool(re.search(r"<(rss|feed|urlset|sitemapindex)[\s>]", head))


def _feed_links(response: TextResponse) -> Iterator[str]:
    sel = Selector(text=response.text, type="xml")
    sel.remove_namespaces()
    for link in sel.xpath(
        "//item/link/text() | //entry/link[not(@rel) or @rel='alternate']/@href | "
        "//url/loc/text() | //sitemap/loc/text()"
    ).getall():
        if link.strip():
            yield link.strip()
