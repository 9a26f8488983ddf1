"""Record identifiers: "<site>:<the site's own id>", and site slugs for hosts without a dedicated parser."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from schemas.record_fields import FilmFields

from .errors import PageLayoutError
from .page import Page

_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu"}
_SKIP_LABELS = {"www", "m", "en", "de", "fr", "es", "it", "mobile", "amp"}


def host_of(url: str) -> str:
    """The address's host, lower case; none for an address that is no URL ("http://[a/", an unclosed IPv6 host)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def site_slug_for_host(host: str) -> str:
    """A slug for a site without a dedicated parser: "www.franksmovielog.com" -> "franksmovielog"."""
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-2]
    elif len(labels) >= 2:
        labels = labels[:-1]
    labels = [label for label in labels if label not in _SKIP_LABELS] or labels or ["local"]
    slug = re.sub(r"[^a-z0-9]+", "_", labels[-1]).strip("_")
    if not slug or not slug[0].isalpha():
        slug = "site_" + slug
    return slug


def path_id(url: str) -> str:
    """The URL's path as an id ("reviews/it-follows-2014"); a digest when the path is empty."""
    parts = urlsplit(url)
    path = parts.path.strip("/")
    if parts.query:
        path = f"{path}?{parts.query}" if path else parts.query
    path = re.sub(r"\s+", "", path)
    return path or hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def digest_id(*parts: str | None) -> str:
    """A short stable id from several strings, for items a site gives no id of their own."""
    joined = "\x1f".join(p or "" for p in parts)
    # surrogatepass: a lone surrogate of a page's JSON (validation makes it U+FFFD later) still hashes.
    return hashlib.sha1(joined.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def film_of_slug_path(
    page: Page, *, source: str, base_url: str, prefix: str, slug_of: Callable[[str | None], str | None]
) -> FilmFields:
    """`type`, `source`, `id` ("<source>:<prefix>/<slug>") and `url` of a film page whose address is
    "/<prefix>/<slug>": the slug of the canonical URL, else of the address read. The canonical URL is the
    record's URL only when it names a film page (a site may point it at a list); else the page's own
    "/<prefix>/<slug>"."""
    slug = slug_of(page.canonical_url) or slug_of(page.url)
    if not slug:
        raise PageLayoutError("no_movie_slug", f"{page.url} has no /{prefix}/<slug> path")
    canonical = page.canonical_url if slug_of(page.canonical_url) else None
    url = canonical or page.absolute(f"/{prefix}/{slug}") or f"{base_url}/{prefix}/{slug}"
    return {"type": "film", "source": source, "id": f"{source}:{prefix}/{slug}", "url": url}
