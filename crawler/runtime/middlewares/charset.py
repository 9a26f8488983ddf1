"""Decode every page of a crawl as `filmcrawl extract` does: crawler.core.decoding.decode_page, per page.

Scrapy decodes a page with the charset of its Content-Type header, else of its `<meta>` tag, and replaces
what does not decode: a page written in windows-1252 but sent as UTF-8 becomes "Am\ufffdlie", a UTF-8 page
sent as ISO-8859-1 becomes "AmÃ©lie", and a UTF-8 page with one stray byte is read whole as windows-1252.
This middleware sets each response's encoding to the one decode_page chose (BOM, UTF-16 and UTF-8 evidence,
the declared charsets, then windows-1252), so the crawl reads the same text as `extract` does.

A correction is counted in the stats as `filmcrawl/charset_corrected/<declared>-><used>`, and characters that
had to be replaced with U+FFFD as `filmcrawl/decoding/replaced_characters` (with a warning in the log).
"""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.http import Request, Response, TextResponse

from crawler.core.decoding import FALLBACK, canonical, decode_page

logger = logging.getLogger(__name__)

__all__ = ["FALLBACK", "CharsetMiddleware", "actual_encoding"]


def actual_encoding(body: bytes, declared: str, content_type: str | None = None) -> str | None:
    """The charset `body` is really in, when it is not `declared`; None when `declared` is right."""
    used = decode_page(body, content_type if content_type is not None else f"text/html; charset={declared}").encoding
    return None if used == canonical(declared) else used


class CharsetMiddleware:
    """Downloader middleware; placed after decompression (HttpCompressionMiddleware, 590) on the way back."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CharsetMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse):
            return response
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
        decoded = decode_page(response.body, content_type)
        assert self.crawler.stats is not None
        if decoded.replaced:
            self.crawler.stats.inc_value("filmcrawl/decoding/replaced_characters", decoded.replaced)
            logger.warning(
                "%s: %d characters did not decode as %s and were replaced",
                response.url,
                decoded.replaced,
                decoded.encoding,
                extra={"spider": self.crawler.spider},
            )
        declared = canonical(response.encoding)
        if declared == decoded.encoding:
            return response
        self.crawler.stats.inc_value(f"filmcrawl/charset_corrected/{declared}->{decoded.encoding}")
        logger.info(
            "%s declares %s but is %s: decoded as %s",
            response.url,
            response.encoding,
            decoded.encoding,
            decoded.encoding,
            extra={"spider": self.crawler.spider},
        )
        return response.replace(encoding=decoded.encoding)
