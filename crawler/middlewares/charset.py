"""Decode a page as what it is when the charset it declares is wrong.

Scrapy decodes a page with the charset of its Content-Type header, else of its `<meta>` tag, and replaces
what does not decode: a page written in windows-1252 but sent as UTF-8 becomes "Am\ufffdlie", and a UTF-8
page sent as ISO-8859-1 becomes "AmÃ©lie", both stored as wrong text. Two facts settle it:

- a body that is valid UTF-8 and not plain ASCII is UTF-8: text in another charset almost never forms
  valid UTF-8 sequences, whatever the page declares;
- a body declared UTF-8 that is not valid UTF-8 is in the charset its `<meta>` names, when that names
  another one, else in windows-1252 (the web's default for pages that do not say, and a superset of the
  ISO-8859-1 that old pages, old IMDb ones among them, declare).

Pages whose declaration is right (nearly all) are returned untouched. A correction is counted in the stats
as `filmcrawl/charset_corrected/<declared>-><used>`.
"""

from __future__ import annotations

import codecs
import logging

from scrapy.crawler import Crawler
from scrapy.http import Request, Response, TextResponse
from w3lib.encoding import html_body_declared_encoding

logger = logging.getLogger(__name__)

FALLBACK = "cp1252"


def _canonical(encoding: str | None) -> str | None:
    try:
        return codecs.lookup(encoding).name if encoding else None
    except LookupError:
        return None


def actual_encoding(body: bytes, declared: str) -> str | None:
    """The charset `body` is really in, when it is not `declared`; None when `declared` is right."""
    declared_name = _canonical(declared)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        if declared_name != "utf-8":
            return None
        meta = _canonical(html_body_declared_encoding(body))
        return meta if meta not in (None, "utf-8") else FALLBACK
    if body.isascii() or declared_name == "utf-8":
        return None
    return "utf-8"


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
        declared = response.encoding
        actual = actual_encoding(response.body, declared)
        if actual is None:
            return response
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"filmcrawl/charset_corrected/{_canonical(declared)}->{actual}")
        logger.info("%s declares %s but is %s: decoded as %s", response.url, declared, actual, actual,
                    extra={"spider": self.crawler.spider})
        return response.replace(encoding=actual)
