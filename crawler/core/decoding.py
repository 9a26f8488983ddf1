"""Bytes of a page to text, the way a browser does it, and the same for a crawl and for `filmcrawl extract`.

The order, per page (never per byte):

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32) decides;
2. a body laid out as UTF-16 without a mark (every other byte zero in ASCII markup) is UTF-16;
3. a body that is UTF-8 (every multi-byte sequence valid, or valid ones outnumbering stray invalid bytes) and
   not plain ASCII is UTF-8, whatever the page declares: text in another charset almost never forms valid UTF-8
   sequences, while servers and templates often declare ISO-8859-1, Shift_JIS or UTF-16 for UTF-8 pages;
4. the charset of the HTTP Content-Type header, then the one the page's `<meta>` (or XML declaration) names;
   a declared UTF-8 that the bytes are not is passed over for the `<meta>` charset;
5. windows-1252, the web's default for a page that does not say (a superset of ISO-8859-1).

What still does not decode is replaced with U+FFFD, and counted in `Decoded.replaced`: the crawl adds it to
its stats (`filmcrawl/decoding/replaced_characters`), `extract` warns on stderr.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

FALLBACK = "cp1252"
# A page that declares no charset, or UTF-8, is read as UTF-8 with its stray bytes replaced when its valid
# multi-byte sequences are at least as many as the bytes that are not part of one: a page in a single-byte
# charset has next to no valid sequences. A page declaring another charset must be UTF-8 by a wide margin,
# since multi-byte charsets (Shift_JIS, GBK) form a valid UTF-8 sequence by chance now and then.
_UTF8_MAJORITY = 1
_UTF8_MAJORITY_AGAINST_DECLARED = 20
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# How much of the body the UTF-16 sniffing looks at.
_SNIFF_BYTES = 1024


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    """Python codec name the text was decoded with ("utf-8", "cp1252", "utf-16-le")."""
    replaced: int
    """Characters that did not decode and became U+FFFD."""
    declared: str | None = None
    """The charset the header or the page declared, when one did."""
    utf8_body: bytes | None = None
    """The body without its byte-order mark where those bytes are exactly `text` in UTF-8 (a UTF-8 or ASCII page
    with nothing replaced): a parser that takes bytes reads them as they came, with no encoding again."""


# Labels a browser reads as windows-1252 (the WHATWG Encoding Standard maps them so).
_READ_AS_CP1252 = frozenset({"ascii", "latin-1", "iso8859-1"})


def canonical(encoding: str | None) -> str | None:
    """Python's name for a charset label as a browser reads it, None for an unknown label."""
    try:
        name = codecs.lookup(encoding).name if encoding else None
    except LookupError:
        return None
    return FALLBACK if name in _READ_AS_CP1252 else name


def _utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le" / "utf-16-be" for a body whose ASCII markup has a zero byte beside every character."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _strict_utf8(body: bytes) -> str | None:
    """`body` as UTF-8 text where every byte of it is valid UTF-8, else None."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _mostly_utf8(body: bytes, *, declared_other: bool) -> bool:
    """True when `body`, which is not valid UTF-8 throughout, is UTF-8 with at most a few stray invalid bytes."""
    sequences = _UTF8_SEQUENCE.findall(body)
    non_ascii = len(body) - len(body.translate(None, bytes(range(0x80, 0x100))))
    invalid = non_ascii - sum(map(len, sequences))
    majority = _UTF8_MAJORITY_AGAINST_DECLARED if declared_other else _UTF8_MAJORITY
    return len(sequences) > 0 and len(sequences) >= majority * invalid


def _declared(body: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """(charset of the Content-Type header, charset the markup declares), as Python codec names."""
    header = canonical(http_content_type_encoding(content_type)) if content_type else None
    meta = canonical(html_body_declared_encoding(body))
    return header, meta


def _replaced(text: str, body: bytes, encoding: str) -> int:
    found = text.count("\ufffd")
    if not found:
        return 0
    try:
        genuine = body.count("\ufffd".encode(encoding))
    except UnicodeEncodeError:
        genuine = 0
    return max(0, found - genuine)


def decode_page(body: bytes, content_type: str | None = None) -> Decoded:
    """`body` as text (see the module docstring for the order of evidence)."""
    bom_encoding, bom = read_bom(body)
    header, meta = _declared(body, content_type)
    declared = header or meta
    encoding: str | None
    if bom_encoding is not None and bom is not None:
        encoding = canonical(bom_encoding) or bom_encoding
        payload = body[len(bom) :]
    else:
        payload = body
        candidates = [name for name in (header, meta) if name and not name.startswith(("utf-8", "utf-16", "utf-32"))]
        encoding = _utf16_without_bom(body[:_SNIFF_BYTES])
        if encoding is None and not body.isascii():
            # Valid UTF-8 throughout is decoded once, here; else the share of valid sequences decides.
            strict = _strict_utf8(body)
            if strict is not None:
                return Decoded(strict, "utf-8", 0, declared, body)
            if _mostly_utf8(body, declared_other=bool(candidates) and declared == candidates[0]):
                encoding = "utf-8"
        if encoding is None:
            encoding = candidates[0] if candidates else (FALLBACK if not body.isascii() else "utf-8")
    assert encoding is not None  # every branch above names one
    text = payload.decode(encoding, "replace")
    replaced = _replaced(text, payload, encoding)
    exact = (encoding == "utf-8" or (payload.isascii() and encoding.startswith(_ASCII_SUPERSETS))) and (
        not replaced and "\ufffd" not in text
    )
    return Decoded(text, encoding, replaced, declared, payload if exact else None)


# Charsets whose bytes under 0x80 are ASCII: an ASCII body decoded with one of them is its own UTF-8.
_ASCII_SUPERSETS = ("utf-8", "cp125", "iso8859-", "latin", "ascii", "mac-roman", "koi8")
