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


@pytest.mark.parametrize(("what", "body", "content_type", "encoding", "replaced"), CASES, ids=[c[0] for c in CASES])
def test_bytes_handed_to_the_parser_should_be_exactly_the_decoded_text(
    what: str, body: bytes, content_type: str | None, encoding: str, replaced: int
) -> None:
    # A UTF-8 or ASCII page with nothing replaced is parsed from its own bytes, not encoded again: only where
    # those bytes are the text's UTF-8.
    decoded = decode_page(body, content_type)
    if decoded.utf8_body is not None:
        assert decoded.utf8_body.decode("utf-8") == decoded.text
    assert (decoded.utf8_body is not None) is (encoding == "utf-8" and not replaced)


# Pages whose ends or contents make parsel treat text and bytes differently: the tree must be the same.
EDGE_PAGES = [
    page(TITLE, "utf-8").encode(),
    b"\xef\xbb\xbf" + page(TITLE, None).encode(),
    "\u00a0\n".encode() + page(TITLE, None).encode() + "\u3000".encode(),
    page(TITLE, None).encode() + b"\n\x00",
    page("The Red Shoes", "iso-8859-1").encode(),  # ASCII under a declared single-byte charset
    b"  \n" + page(JAPANESE, None).encode() + b"\n\n",
]


@pytest.mark.parametrize("body", EDGE_PAGES, ids=range(len(EDGE_PAGES)))
def test_a_page_parsed_from_its_bytes_should_give_the_tree_its_text_gives(body: bytes) -> None:
    from lxml import etree
    from parsel import Selector

    decoded = decode_page(body)
    from_text = Selector(text=decoded.text, type="html")
    assert etree.tostring(selector_for(body).root) == etree.tostring(from_text.root)


def test_the_block_check_should_read_the_decoded_text_not_the_tree_serialised_again() -> None:
    from crawler.core.parsers.blocked import page_text

    body = "<html><body><p class=x>Amélie</p></body></html>".encode()
    assert page_text(selector_for(body)) == body.decode()  # not '<p class="x">': the tree written out again


def test_an_empty_body_should_be_an_empty_page() -> None:
    assert selector_for(b"").xpath("//h1").getall() == []
