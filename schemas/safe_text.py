"""Text that is safe to write and to show: no markup or script from the page, and always encodable as UTF-8.

Every string of a record passes `safe_text` when the record is validated (schemas.common.Record), so the
guarantee holds for the crawl's output and for `filmcrawl extract` alike, whatever a parser missed:

- HTML elements are removed: `<script>`, `<style>` and similar elements with their content, other tags
  (`<b>`, `<a href=...>`, `<img onerror=...>`) without it, and comments, CDATA sections and declarations.
  Only names of real HTML elements count as tags, so "<3" or "a < b" are left alone;
- a tag opening left unclosed at the end of the text ("<img src=x onerror=...") is cut off;
- lone UTF-16 surrogates (which JSON escapes like "\\ud800" produce and which UTF-8 cannot encode) become
  U+FFFD;
- characters that act on a terminal or on the order text is shown in, not on its content, are dropped: C0 and
  C1 control characters other than tab, newline and carriage return (U+009B starts a terminal escape
  sequence), the bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069: U+202E
  shows "exe.txt" as "txt.exe"), and the Unicode non-characters (U+FDD0..U+FDEF and U+xFFFE, U+xFFFF of
  every plane).

Every text field has a length limit (TEXT_LIMITS, by field name; DEFAULT_TEXT_LIMIT for the others): a longer
value is cut at a word boundary and ends in "…". crawler.core.plausibility cuts it before validation and counts it
(`filmcrawl/text_cut/<field>`; a crawl keeps the whole value in the rejects file); validation cuts again, so
no record is ever written with a longer text.

Text without any of these comes back unchanged (the same object).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# Elements whose content is code or hidden data, removed with it.
_WITH_CONTENT = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "textarea",
    "xmp",
    "noembed",
    "noframes",
    "title",
    "head",
)
# Tags removed without a trace: phrasing elements sit inside words ("<i>Titanic</i>'s").
_INLINE = (
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "big",
    "cite",
    "code",
    "data",
    "del",
    "dfn",
    "em",
    "font",
    "i",
    "ins",
    "kbd",
    "mark",
    "nobr",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "time",
    "tt",
    "u",
    "var",
    "wbr",
    "blink",
    "marquee",
)
# Tags that separate words, replaced by a space.
_BLOCK = (
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "audio",
    "base",
    "basefont",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "col",
    "colgroup",
    "datalist",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "img",
    "image",
    "input",
    "keygen",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "menu",
    "meta",
    "meter",
    "nav",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "plaintext",
    "pre",
    "progress",
    "section",
    "select",
    "source",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "track",
    "ul",
    "video",
    "listing",
    "slot",
    "search",
    *_WITH_CONTENT,
)

_ATTRIBUTES = r"""(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?"""
_INLINE_NAMES = frozenset(_INLINE)
_BLOCK_NAMES = frozenset(_BLOCK)
_ALL_NAMES = _INLINE_NAMES | _BLOCK_NAMES

# Any tag-shaped text; whether it is markup depends on its name (the callbacks below), which keeps the
# patterns free of long alternations that would be tried at every "<".
_TAG = re.compile(rf"</?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]){_ATTRIBUTES}>")
_TAG_LEFT_OPEN = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?=[\s/])[^<>]*$")
_ELEMENT_WITH_CONTENT = re.compile(
    rf"<({'|'.join(_WITH_CONTENT)})(?=[\s/>]){_ATTRIBUTES}>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL
)
_NOT_TEXT = re.compile(r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:\]\]>|$)|<![A-Za-z][^<>]*>|<\?[^<>]*\?>", re.DOTALL)
_TAG_OPENING = re.compile(r"<(?=[!?/A-Za-z])")
_MAX_PASSES = 4
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# C1 controls, bidi embeddings/overrides/isolates and non-characters: only possible in non-ASCII text.
_INVISIBLE_ACTING = re.compile(
    "[\x80-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)

# Longest text a field holds, in characters, by field name (the same name in every record type). Generous
# for real text (the longest film titles run to a few hundred characters, the longest plots and reviews to
# some tens of thousands), far below what a hostile or broken page can send (a 1 MB title, a 5 MB plot).
TEXT_LIMITS: dict[str, int] = {
    "title": 1_000,
    "original_title": 1_000,
    "film_title": 1_000,
    "name": 1_000,
    "character": 1_000,
    "credited_as": 1_000,
    "author": 1_000,
    "label": 1_000,
    "tagline": 1_000,
    "plot": 100_000,
    "storyline": 100_000,
    "text": 100_000,
    "critics_consensus": 100_000,
    "trivia": 100_000,
    "goofs": 100_000,
    "quotes": 100_000,
    "crazy_credits": 100_000,
    "connections": 100_000,
}
DEFAULT_TEXT_LIMIT = 10_000
"""The limit of every text field not in TEXT_LIMITS (URLs, ids, raw values, notes)."""
_SPACES = re.compile(r"[ \t]{2,}")
_SPACES_AT_BREAKS = re.compile(r"[ \t]*\n[ \t]*")


def _replacing(names: frozenset[str], by: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return by if match.group(1).lower() in names else match.group(0)

    return replace


_drop_inline = _replacing(_INLINE_NAMES, "")
_drop_block = _replacing(_BLOCK_NAMES, " ")
_drop_left_open = _replacing(_ALL_NAMES, "")


def has_markup(text: str) -> bool:
    """True when `text` holds an HTML element, comment or declaration that `safe_text` would remove."""
    if "<" not in text:
        return False
    return bool(
        _NOT_TEXT.search(text)
        or _ELEMENT_WITH_CONTENT.search(text)
        or any(m.group(1).lower() in _ALL_NAMES for m in _TAG.finditer(text))
        or any(m.group(1).lower() in _ALL_NAMES for m in _TAG_LEFT_OPEN.finditer(text))
    )


def safe_text(text: str) -> str:
    """`text` without markup, script, lone surrogates or control characters (see the module docstring)."""
    if not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
        text = _INVISIBLE_ACTING.sub("", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if not _TAG_OPENING.search(text):
        return text
    stripped = text
    # Removing one tag can join the pieces of another ("<scr<b>ipt>"): strip until nothing changes. Every
    # pass shortens the text; past a few passes the text is built to defeat this, and every "<" that could
    # open a tag goes.
    for _ in range(_MAX_PASSES):
        before = stripped
        stripped = _NOT_TEXT.sub(" ", stripped)
        # Inline tags go first: what their removal joins up is then removed whole, content and all.
        stripped = _TAG.sub(_drop_inline, stripped)
        stripped = _ELEMENT_WITH_CONTENT.sub(" ", stripped)
        stripped = _TAG.sub(_drop_block, stripped)
        stripped = _TAG_LEFT_OPEN.sub(_drop_left_open, stripped)
        if stripped == before:
            break
    else:
        stripped = _TAG_OPENING.sub("", stripped)
    if stripped == text:
        return text
    stripped = _SPACES_AT_BREAKS.sub("\n", _SPACES.sub(" ", stripped))
    return stripped.strip()


def limits_table() -> str:
    """TEXT_LIMITS as the Markdown table of docs/faults.md (a test checks the page holds it)."""
    by_limit: dict[int, list[str]] = {}
    for name, limit in TEXT_LIMITS.items():
        by_limit.setdefault(limit, []).append(f"`{name}`")
    rows = ["| Fields | Longest text (characters) |", "|---|---|"]
    rows += [f"| {', '.join(names)} | {limit:,} |" for limit, names in sorted(by_limit.items())]
    rows.append(f"| every other text field | {DEFAULT_TEXT_LIMIT:,} |")
    return "\n".join(rows)


def text_limit(field: str) -> int:
    """The longest text `field` may hold (TEXT_LIMITS, else DEFAULT_TEXT_LIMIT)."""
    return TEXT_LIMITS.get(field, DEFAULT_TEXT_LIMIT)


def cut_text(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at a word boundary when one is near, ending in "…"."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ", max(0, limit - 200))
    return (head[:space] if space > 0 else head).rstrip() + "…"


def safe_value(value: Any, limit: int = DEFAULT_TEXT_LIMIT) -> Any:
    """`safe_text` applied to a string, or to the strings directly inside a list, tuple or dict (nested
    records clean their own fields), each cut to `limit` characters."""
    if isinstance(value, str):
        return cut_text(safe_text(value), limit)
    if isinstance(value, (list, tuple)):
        return type(value)(cut_text(safe_text(v), limit) if isinstance(v, str) else v for v in value)
    if isinstance(value, dict):
        return {k: cut_text(safe_text(v), limit) if isinstance(v, str) else v for k, v in value.items()}
    return value
