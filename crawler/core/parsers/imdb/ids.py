"""IMDb identifiers: titles are tt + digits, people nm + digits, lists ls + digits."""

from __future__ import annotations

import re

SITE = "imdb"
_TITLE = re.compile(r"/title/(tt\d{5,10})")
_PERSON = re.compile(r"/name/(nm\d{5,10})")


def title_id(url_or_path: str | None) -> str | None:
    match = _TITLE.search(url_or_path or "")
    return match.group(1) if match else None


def person_id(url_or_path: str | None) -> str | None:
    match = _PERSON.search(url_or_path or "")
    return match.group(1) if match else None


def film_id(tt: str) -> str:
    """The film record id of an IMDb title ("imdb:tt0040725")."""
    return f"{SITE}:{tt}"
