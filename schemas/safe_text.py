"""Text that is safe to write and to show: no markup or script from the page, and always encodable as UTF-8.

Every string of a record passes `safe_text` when the record is validated (schemas.common.Record), so the
guarantee holds for the crawl's output and for `filmcrawl extract` alike, whatever a parser missed:

- HTML elements are removed: `<script>`, `<style>` and similar elements with their content, other tags
  (`<b>`, `<a href=...>`, `<img onerror=...>`) without it, and comments, CDATA sections and declarations.
  Only names of real HTML elements count as tags, so "<3" or "a < b" are left alone;
- a tag opening left unclosed at the end of the text ("<img src=x onerror=...") is cut off;
- lone UTF-16 surrogates (which JSON escapes like "\\ud800" produce and which UTF-8 cannot encode) become
  U+FFFD, and control characters other than tab, newline and carriage return are dropped.

Text without any of these comes back unchanged (the same object).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# Elements whose content is code or hidden data, removed with it.
_WITH_CONTENT = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
                 "textarea", "xmp", "noembed", "noframes", "title", "head")
# Tags removed without a trace: phrasing elements sit inside words ("<i>Titanic</i>'s").
_INLINE = ("a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
           "kbd", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike", "strong",
           "sub", "sup", "time", "tt", "u", "var", "wbr", "blink", "marquee")
# Tags that separate words, replaced by a space.
_BLOCK = ("address", "applet", "area", "article", "aside", "audio", "base", "basefont", "blockquote", "body",
          "br", "button", "canvas", "caption", "center", "col", "colgroup", "datalist", "dd", "details", "dialog",
          "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset",
          "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "img", "image", "input", "keygen",
          "label", "legend", "li", "link", "main", "map", "menu", "meta", "meter", "nav", "ol", "optgroup",
          "option", "output", "p", "param", "picture", "plaintext", "pre", "progress", "section", "select",
          "source", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "track", "ul", "video",
          "listing", "slot", "search", *_WITH_CONTENT)

_ATTRIBUTES = r"""(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?"""
_INLINE_NAMES = frozenset(_INLINE)
_BLOCK_NAMES = frozenset(_BLOCK)
_ALL_NAMES = _INLINE_NAMES | _BLOCK_NAMES

# Any tag-shaped text; whether it is markup depends on its name (the callbacks below), which keeps the
# patterns free of long alternations that would be tried at every "<".
_TAG = re.compile(rf"</?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]){_ATTRIBUTES}>")
_TAG_LEFT_OPEN = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?=[\s/])[^<>]*$")
_ELEMENT_WITH_CONTENT = re.compile(rf"<({'|'.join(_WITH_CONTENT)})(?=[\s/>]){_ATTRIBUTES}>.*?(?:</\1\s*>|$)",
                                   re.IGNORECASE | re.DOTALL)
_NOT_TEXT = re.compile(r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:\]\]>|$)|<![A-Za-z][^<>]*>|<\?[^<>]*\?>", re.DOTALL)
_TAG_OPENING = re.compile(r"<(?=[!?/A-Za-z])")
_MAX_PASSES = 4
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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
    return bool(_NOT_TEXT.search(text) or _ELEMENT_WITH_CONTENT.search(text)
                or any(m.group(1).lower() in _ALL_NAMES for m in _TAG.finditer(text))
                or any(m.group(1).lower() in _ALL_NAMES for m in _TAG_LEFT_OPEN.finditer(text)))


def safe_text(text: str) -> str:
    """`text` without markup, script, lone surrogates or control characters (see the module docstring)."""
    if not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
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


def safe_value(value: Any) -> Any:
    """`safe_text` applied to a string, or to the strings directly inside a list, tuple or dict (nested
    records clean their own fields)."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, (list, tuple)):
        return type(value)(safe_text(v) if isinstance(v, str) else v for v in value)
    if isinstance(value, dict):
        return {k: safe_text(v) if isinstance(v, str) else v for k, v in value.items()}
    return value
