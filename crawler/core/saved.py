"""Pages saved by browsers, mirroring tools and web archives: the URL they came from, and the archive's markup
taken out, so that a saved page is read as the page it was.

    browser "Save as"    <!-- saved from url=(0048)http://www.imdb.com/title/tt0120737/ -->  (IE, Chrome);
                         Firefox adds no comment but turns every link absolute
    HTTrack, wget -k     <!-- Mirrored from www.imdb.com/title/tt0120737/ by HTTrack Website Copier/3.x ... -->,
                         links turned into local files ("../../name/nm0000209/index.html")
    Wayback Machine      a toolbar between <!-- BEGIN/END WAYBACK TOOLBAR INSERT --> comments, its scripts and
                         styles in <head>, and every link rewritten to /web/<timestamp><modifier>/<original URL>
                         (before 2012 as http://web.archive.org/web/...); the original URL in the toolbar's
                         script (__wm.wombat("URL", ...) or wbCurrentUrl = "URL")

`unwrap_archive` takes the Wayback Machine's markup out of a captured page and gives every link back its
original URL, so that the site's own parser reads ids and sub-page links as on the live page; `original_url`
does the same for the URL a capture was fetched from; `saved_from` reads the URL a page says it was saved from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree
from parsel import Selector

# /web/20160801120000/http://..., /web/20160801120000im_/http://..., web.archive.org/web/2016/http://...
# (a capture's own links, its canonical link and the URL it was fetched from all take this form).
_ARCHIVE_PREFIX = re.compile(
    r"^(?:(?:https?:)?//(?:web|wayback)\.archive\.org)?/web/\d{1,14}(?:[a-z]{2}_|\*)?/(?=(?:https?:)?//|[a-z0-9-]+\.)",
    re.IGNORECASE,
)
_ARCHIVE_URL = re.compile(r"^(?:https?:)?//(?:web|wayback)\.archive\.org/web/\d{1,14}", re.IGNORECASE)
# The toolbar script names the capture's original URL.
_CAPTURE_SCRIPT = re.compile(r"""__wm\.wombat\(\s*["']([^"']+)["']|wbCurrentUrl\s*=\s*["']([^"']+)["']""")
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)\s*(\S+?)\s*(?:-->|$)", re.IGNORECASE)
_MIRRORED_FROM = re.compile(r"Mirrored from\s+(\S+)\s+by\s+HTTrack", re.IGNORECASE)
_LINK_ATTRIBUTES = ("href", "src", "action", "content", "data-src")
# What the archive adds to a capture: its toolbar, and its scripts and styles served from its own paths.
_ARCHIVE_ASSET = re.compile(
    r"^(?:(?:https?:)?//(?:web(?:-static)?|staticweb)\.archive\.org)?/(?:_static|static)/|"
    r"^(?:https?:)?//archive\.org/includes/",
    re.IGNORECASE,
)
_TOOLBAR_IDS = ("wm-ipp-base", "wm-ipp", "wm-ipp-print", "donato")

_CAPTURE_MARKERS = (
    "//comment()[contains(., 'WAYBACK TOOLBAR INSERT') or contains(., 'FILE ARCHIVED ON')]"
    " | //*[@id='wm-ipp-base' or @id='wm-ipp']"
)
_CAPTURE_COMMENTS = ("WAYBACK TOOLBAR INSERT", "FILE ARCHIVED ON")
_CAPTURE_IDS = ("wm-ipp-base", "wm-ipp")
# The parser's table of ids answers `id()` at once, where `//*[@id=...]` reads every element of the page; the
# table may also hold an <a name> or an element taken out since, so what it finds is checked with the query.
_BY_CAPTURE_ID = etree.XPath(f"id('{' '.join(_CAPTURE_IDS)}')")
_WITH_CAPTURE_ID = etree.XPath(" | ".join(f"//*[@id='{ident}']" for ident in _CAPTURE_IDS))


def original_url(url: str) -> str:
    """`url` without a web archive's capture prefix ("https://web.archive.org/web/2016/http://x/" ->
    "http://x/"); any other URL as it is."""
    if not _ARCHIVE_URL.match(url) and not url.startswith("/web/"):
        return url
    stripped = _ARCHIVE_PREFIX.sub("", url, count=1)
    if stripped == url:
        return url
    if stripped.startswith("//"):
        return "http:" + stripped
    if not re.match(r"^https?://", stripped, re.IGNORECASE):
        return "http://" + stripped
    return stripped


def is_capture(sel: Selector) -> bool:
    """True for a page captured by the Wayback Machine (its toolbar or its closing comment is there): what
    _CAPTURE_MARKERS selects, found without a query over every element (a large share of reading a big page)."""
    if sel.type != "html" or not isinstance(sel.root, etree._Element):
        return False
    if any(marker in text for text in _comments(sel.root) for marker in _CAPTURE_COMMENTS):
        return True
    root = sel.root.getroottree().getroot()
    return bool(_BY_CAPTURE_ID(root)) and bool(_WITH_CAPTURE_ID(root))


def _comments(element: etree._Element) -> Iterator[str]:
    """The text of every comment of the document `element` is in, in document order, also those before and
    after its root element: what `//comment()` selects, read by lxml's own iterator (a query reads every node)."""
    root = element.getroottree().getroot()
    for top in (*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()):
        for comment in top.iter(etree.Comment):
            yield comment.text or ""


def unwrap_archive(sel: Selector) -> str | None:
    """Take the Wayback Machine's toolbar, scripts and styles out of a captured page and give its links back
    their original URLs, in place. Returns the capture's original URL (None when the page is no capture, or
    does not name it)."""
    if not is_capture(sel):
        return None
    captured = _capture_url(sel)
    try:
        own_host = urlsplit(captured).netloc.lower() if captured else None
    except ValueError:
        own_host = None
    root = sel.root
    _drop_toolbar(root)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("script", "link") and _ARCHIVE_ASSET.match(element.get("src") or element.get("href") or ""):
            _remove(element)
            continue
        if element.tag == "script" and _CAPTURE_SCRIPT.search(element.text or ""):
            _remove(element)
            continue
        for name in _LINK_ATTRIBUTES:
            value = element.get(name)
            if value and "/web/" in value:
                unwrapped = original_url(value.strip())
                if unwrapped == value.strip():
                    continue
                try:
                    parts = urlsplit(unwrapped)
                except ValueError:
                    continue
                if element.tag in ("a", "area", "form") and own_host and parts.netloc.lower() == own_host:
                    # A link to the page's own site was most likely written relative ("/title/tt0111161/"): the
                    # archive made it absolute, and the site's parsers read paths.
                    unwrapped = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
                _set(element, name, unwrapped)
    return captured


def unwrap_mirror(sel: Selector, *, extensionless: Callable[[str], bool]) -> str | None:
    """Give the links of a page mirrored by HTTrack back their site URLs, in place: HTTrack saves
    "http://host/a/" as "a/index.html" and "http://host/a/b" as "a/b.html" and links them by relative paths.
    `extensionless(host)` says the host's own paths have no ".html" (so the suffix is HTTrack's). Returns the
    URL the page was mirrored from (None for a page no mirror saved)."""
    if sel.type != "html":
        return None
    comment = next((text for text in _comments(sel.root) if "by HTTrack" in text), None)
    found = _MIRRORED_FROM.search(comment or "")
    if not found:
        return None
    mirrored = _url_or_none(_with_scheme(found.group(1)))
    if mirrored is None:
        return None
    for element in sel.root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in ("href", "src"):
            value = (element.get(name) or "").strip()
            if not value or value.startswith(("#", "javascript:", "mailto:", "data:")) or urlsplit(value).scheme:
                continue
            try:
                target = urlsplit(urljoin(mirrored, value))
            except ValueError:
                continue  # not a URL ("http://[broken")
            path = target.path
            if path.endswith("/index.html"):
                path = path[: -len("index.html")]
            elif path.endswith(".html") and extensionless(target.hostname or ""):
                path = path[: -len(".html")]
            _set(element, name, urlunsplit((target.scheme, target.netloc, path, target.query, target.fragment)))
    return mirrored


def saved_from(sel: Selector) -> str | None:
    """The URL a saved page names as its origin: a browser's "saved from url" comment, HTTrack's "Mirrored
    from" comment, or a web archive capture's own record of it."""
    if sel.type != "html":
        return None
    for comment in sel.xpath(
        "//comment()[contains(., 'saved from url=') or contains(., 'Mirrored from')][position() <= 2]"
    ).getall():
        found = _SAVED_FROM.search(comment)
        if found:
            return _url_or_none(original_url(found.group(1)))
        found = _MIRRORED_FROM.search(comment)
        if found:
            return _url_or_none(_with_scheme(found.group(1)))
    return _capture_url(sel) if is_capture(sel) else None


def _with_scheme(target: str) -> str:
    return target if re.match(r"^https?://", target, re.IGNORECASE) else "http://" + target


def _url_or_none(url: str | None) -> str | None:
    """`url` when it parses as one ("http://[broken" does not)."""
    try:
        return url if url and urlsplit(url).hostname else None
    except ValueError:
        return None


def _capture_url(sel: Selector) -> str | None:
    for script in sel.xpath("//script[contains(., '__wm.wombat') or contains(., 'wbCurrentUrl')]/text()").getall():
        found = _CAPTURE_SCRIPT.search(script)
        if found:
            return _url_or_none(original_url(found.group(1) or found.group(2)))
    return None


def _drop_toolbar(root: etree._Element) -> None:
    """Remove everything between the toolbar's BEGIN and END comments, and the toolbar's own elements."""
    inside: list[etree._Element] = []
    begun = False
    for node in root.iter():
        if not isinstance(node.tag, str):
            text = node.text or ""
            if "BEGIN WAYBACK TOOLBAR INSERT" in text:
                begun = True
                continue
            if "END WAYBACK TOOLBAR INSERT" in text:
                begun = False
                continue
        if begun and node.getparent() is not None and not any(node.getparent() is kept for kept in inside):
            inside.append(node)
    for node in inside:
        _remove(node)
    for toolbar_id in _TOOLBAR_IDS:
        for node in root.xpath(f"//*[@id='{toolbar_id}']"):
            _remove(node)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _set(element: etree._Element, name: str, value: str) -> None:
    """Set an attribute; lxml refuses control characters, which are no part of a URL anyway."""
    element.set(name, _CONTROL.sub("", value))


def _remove(node: etree._Element) -> None:
    """Remove an element, keeping the text that follows it (its tail) in the document."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    if tail:
        # The parser keeps control characters that lxml refuses to set again as text; they are dropped here
        # as the normalisers drop them from every value.
        previous = node.getprevious()
        if previous is not None:
            previous.tail = _XML_UNSAFE.sub("", (previous.tail or "") + tail)
        else:
            parent.text = _XML_UNSAFE.sub("", (parent.text or "") + tail)
    parent.remove(node)


# What lxml refuses in a text it is given: C0 controls but tab, newline and carriage return.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def own_path(paths: list[str], link_paths: str) -> str | None:
    """The page's own address among its links, for a page saved without its URL: the site path (a match of
    the site's `link_paths`) that the most links extend into sub-pages ("/title/tt0110912/" linked as
    /fullcredits, /ratings, /trivia...), when it clearly leads (at least three sub-pages, twice the runner-up)."""
    pattern = re.compile(link_paths)
    sub_pages: dict[str, set[str]] = {}
    for path in paths:
        found = pattern.match(path)
        if not found:
            continue
        base = found.group(0).rstrip("/")
        rest = path[len(found.group(0)) :].strip("/").split("/")[0]
        if rest and not rest.startswith(("?", "#")):
            sub_pages.setdefault(base, set()).add(rest)
    ranked = Counter({base: len(subs) for base, subs in sub_pages.items()}).most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    return ranked[0][0] + "/"
