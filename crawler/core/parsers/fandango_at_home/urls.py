"""Addresses of the store: title pages built from a content id, next pages of api2 listings.

Title pages live at https://athome.fandango.com/content/browse/details/<Title-Slug>/<contentId>; the slug is
the title with runs of non-alphanumerics turned into "-", case (and accented letters) kept. The numeric contentId is the real key.
"""

from __future__ import annotations

import re
from typing import cast
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.core.normalize import whole_number

SOURCE = "fandango_at_home"
STORE_NAME = "Fandango at Home"
DETAILS_URL = "https://athome.fandango.com/content/browse/details/{slug}/{content_id}"
DETAILS_PATH = re.compile(r"/content/(?:browse|movies)/details/[^/]+/(\d+)")
# Path-style api2 requests write each parameter as /key/value ("/offset/0/count/100").
_PATH_PARAM = "/{key}/(\\d+)(?=/|$)"
_NON_ALNUM = re.compile(r"[\W_]+")
API_URL = "https://apicache.vudu.com/api2/"
JSON_FORMAT = ("format", "application/json")
# The movie catalogue, most watched first, 100 titles a page (the most the API gives at once).
BROWSE_MOVIES = (
    API_URL
    + "?"
    + urlencode(
        [
            ("_type", "contentSearch"),
            ("count", "100"),
            ("offset", "0"),
            ("dimensionality", "any"),
            ("followup", "ratingsSummaries"),
            ("followup", "totalCount"),
            JSON_FORMAT,
            ("sortBy", "-watchedScore"),
            ("superType", "movies"),
            ("type", "program"),
        ]
    )
)


def record_id(content_id: str) -> str:
    return f"{SOURCE}:{content_id}"


def slug(title: str) -> str:
    return _NON_ALNUM.sub("-", title).strip("-") or "title"


def details_url(title: str, content_id: str) -> str:
    return DETAILS_URL.format(slug=slug(title), content_id=content_id)


def content_id_from_url(url: str) -> str | None:
    match = DETAILS_PATH.search(urlsplit(url).path)
    return match.group(1) if match else None


def _int_params(url: str) -> dict[str, tuple[str, int]]:
    """The offset and count of an api2 request URL, each with the style it is written in."""
    parts = urlsplit(url)
    found: dict[str, tuple[str, int]] = {}
    for key in ("offset", "count"):
        match = re.search(_PATH_PARAM.format(key=key), parts.path)
        if match:
            found[key] = ("path", int(match.group(1)))
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in ("offset", "count") and whole_number(value) is not None and key not in found:
            found[key] = ("query", cast(int, whole_number(value)))  # not None: checked just above
    return found


def request_offset(url: str) -> int:
    """The offset the api2 request URL asked for (0 when it states none)."""
    found = _int_params(url)
    return found["offset"][1] if "offset" in found else 0


def next_page_url(url: str) -> str | None:
    """The same api2 request moved on by `count` titles; None unless the URL states both offset and count."""
    found = _int_params(url)
    if "offset" not in found or "count" not in found:
        return None
    (style, offset), (_, count) = found["offset"], found["count"]
    if count <= 0:
        return None
    parts = urlsplit(url)
    if style == "path":
        path = re.sub(_PATH_PARAM.format(key="offset"), f"/offset/{offset + count}", parts.path, count=1)
        return urlunsplit(parts._replace(path=path))
    query = [
        (k, str(offset + count) if k == "offset" else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))
