"""A page whose declared charset is wrong is decoded as what it is (crawler.runtime.middlewares.charset), and every way a
download fails has a named reason (crawler.runtime.fetch_errors)."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler

from crawler.runtime.fetch_errors import fetch_error_detail, fetch_error_reason
from crawler.runtime.middlewares.charset import CharsetMiddleware, actual_encoding

TITLE = "Amélie à Cœur Perdu"
LATIN1_TITLE = "Amélie à Coeur Perdu"


def page(title: str, meta: str) -> str:
    return f'<html><head><meta charset="{meta}"><title>{title}</title></head><body><h1>{title}</h1></body></html>'


# (body charset, Content-Type charset, <meta> charset, what it is read as: None = as declared)
CASES = [
    ("utf-8", "utf-8", "utf-8", None),
    ("cp1252", "windows-1252", "windows-1252", None),
    ("iso-8859-1", None, "iso-8859-1", None),  # old IMDb: the charset only in <meta>
    ("cp1252", "utf-8", "utf-8", "cp1252"),  # not UTF-8 and nothing else declared: the web's default
    ("cp1252", "utf-8", "windows-1252", "cp1252"),  # the header lies, the <meta> is right
    ("utf-8", "iso-8859-1", "iso-8859-1", "utf-8"),  # valid UTF-8 is UTF-8 whatever is declared
    ("utf-8", "windows-1251", "windows-1251", "utf-8"),
]


@pytest.mark.parametrize(("body_charset", "header", "meta", "actual"), CASES)
def test_page_should_be_decoded_as_what_it_is(
    body_charset: str, header: str | None, meta: str, actual: str | None
) -> None:
    title = LATIN1_TITLE if body_charset == "iso-8859-1" else TITLE
    body = page(title, meta).encode(body_charset)
    headers = {"Content-Type": f"text/html; charset={header}" if header else "text/html"}
    response = HtmlResponse("https://films.example/film/1/", body=body, headers=headers)
    assert actual_encoding(body, response.encoding) == actual
    crawler = get_crawler()
    decoded = CharsetMiddleware.from_crawler(crawler).process_response(Request(response.url), response)
    assert decoded.xpath("//h1/text()").get() == title
    assert (decoded is response) == (actual is None)
    if actual:
        assert (
            sum(
                v
                for k, v in crawler.stats.get_stats().items()  # type: ignore[union-attr]
                if k.startswith("filmcrawl/charset_corrected/")
            )
            == 1
        )


def test_ascii_page_should_be_left_alone() -> None:
    assert actual_encoding(b"<html><h1>Plain</h1></html>", "iso-8859-1") is None


def _response(status: int) -> Response:
    return Response("https://films.example/", status=status)


# (exception a download ends with, its reason)
REASONS = [
    (HttpError(_response(503), "Ignoring non-200 response"), "http_503"),
    (DownloadTimeoutError("Getting https://films.example/ took longer than 2.0 seconds."), "timeout"),
    (ResponseDataLossError(), "data_loss"),
    (DownloadFailedError("Connection was closed cleanly."), "connection_lost"),
    (DownloadConnectionRefusedError(), "connection_refused"),
    (CannotResolveHostError(), "dns_error"),
    (
        DownloadCancelledError("Expected to receive 3147007 bytes which is larger than download max size (1048576)"),
        "too_large",
    ),
    (DownloadCancelledError(), "too_large"),  # the body passed the limit while streaming
    (
        IgnoreRequest(
            "Ignored response <200 https://films.example/> because its body (65250 B compressed, 1114112 "
            "B decompressed so far) exceeded DOWNLOAD_MAXSIZE (1048576 B) during decompression."
        ),
        "decompressed_too_large",
    ),
    (IgnoreRequest("max redirections reached"), "too_many_redirects"),
    (IgnoreRequest("Forbidden by robots.txt"), "robots_txt"),
    (ConnectionResetError(), "connection_reset_error"),  # anything else: its class name
]


@pytest.mark.parametrize(("error", "reason"), REASONS, ids=[r for _, r in REASONS])
def test_failed_download_should_have_a_named_reason_and_a_detail(error: BaseException, reason: str) -> None:
    assert fetch_error_reason(error) == reason
    assert fetch_error_detail(error)
