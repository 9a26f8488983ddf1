"""A page's bytes to text as a browser reads them, one page at a time (crawler.core.decoding.decode_page), the same in
a crawl (crawler.runtime.middlewares.charset) and in `filmcrawl extract` (crawler.core.extraction.selector_for)."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.core.decoding import decode_page
from crawler.core.extraction import selector_for
from crawler.runtime.middlewares.charset import CharsetMiddleware

TITLE = "Amélie à Cœur Perdu"
JAPANESE = "赤い靴"


def page(title: str, meta: str | None) -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<html><head>{head}<title>{title}</title></head><body><h1>{title}</h1><p>{'Words. ' * 40}</p></body></html>"


# (what, body, Content-Type, encoding used, characters replaced)
CASES = [
    ("UTF-8 declared UTF-8", page(TITLE, "utf-8").encode(), "text/html; charset=utf-8", "utf-8", 0),
    (
        "UTF-8 with one stray byte",
        page(TITLE, "utf-8").encode().replace(b"Words.", b"Wor\xffds.", 1),
        "text/html; charset=utf-8",
        "utf-8",
        1,
    ),
    (
        "UTF-8 with one stray byte, nothing declared",
        page(TITLE, None).encode().replace(b"Words.", b"W\xe9rds.", 1),
        "text/html",
        "utf-8",
        1,
    ),
    ("UTF-8 declared Shift_JIS", page(TITLE, "shift_jis").encode(), "text/html; charset=shift_jis", "utf-8", 0),
    ("UTF-8 declared ISO-8859-1", page(TITLE, "iso-8859-1").encode(), None, "utf-8", 0),
    ("UTF-8 declared UTF-16", page(TITLE, "utf-16").encode(), None, "utf-8", 0),
    ("windows-1252, nothing declared", page(TITLE, None).encode("cp1252"), None, "cp1252", 0),
    ("windows-1252 declared UTF-8", page(TITLE, "utf-8").encode("cp1252"), "text/html; charset=utf-8", "cp1252", 0),
    ("windows-1252 declared ISO-8859-1", page(TITLE, "iso-8859-1").encode("cp1252"), None, "cp1252", 0),
    ("UTF-16LE without BOM", page(TITLE, None).encode("utf-16-le"), None, "utf-16-le", 0),
    ("UTF-16BE without BOM", page(TITLE, None).encode("utf-16-be"), "text/html", "utf-16-be", 0),
    (
        "UTF-16 with BOM, declared UTF-8",
        page(TITLE, "utf-8").encode("utf-16"),
        "text/html; charset=utf-8",
        "utf-16-le",
        0,
    ),
    ("UTF-8 with BOM declared windows-1252", b"\xef\xbb\xbf" + page(TITLE, "windows-1252").encode(), None, "utf-8", 0),
    ("Shift_JIS declared Shift_JIS", page(JAPANESE, "shift_jis").encode("shift_jis"), None, "cp932", 0),
    ("EUC-JP declared in the header", page(JAPANESE, None).encode("euc-jp"), "text/html; charset=euc-jp", "euc_jp", 0),
]


@pytest.mark.parametrize(("what", "body", "content_type", "encoding", "replaced"), CASES, ids=[c[0] for c in CASES])
def test_page_should_be_decoded_as_a_browser_does(
    what: str, body: bytes, content_type: str | None, encoding: str, replaced: int
) -> None:
    decoded = decode_page(body, content_type)
    assert (decoded.encoding, decoded.replaced) == (encoding, replaced)
    title = JAPANESE if what.startswith(("Shift_JIS", "EUC")) else TITLE
    assert selector_for(body, content_type=content_type).xpath("//h1/text()").get() == title


@pytest.mark.parametrize(("what", "body", "content_type", "encoding", "replaced"), CASES, ids=[c[0] for c in CASES])
def test_crawl_should_read_the_same_text_as_extract(
    what: str, body: bytes, content_type: str | None, encoding: str, replaced: int
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = HtmlResponse("https://letterboxd.com/film/x/", body=body, headers=headers)
    crawler = get_crawler()
    read = CharsetMiddleware.from_crawler(crawler).process_response(Request(response.url), response)
    assert read.text == decode_page(body, content_type).text  # type: ignore[attr-defined]
    assert crawler.stats.get_value("filmcrawl/decoding/replaced_characters") == (replaced or None)  # type: ignore[union-attr]
