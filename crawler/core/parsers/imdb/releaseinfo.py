"""Release info pages (`/title/tt.../releaseinfo`, tables before 2023): `table#release_dates` (country,
date, note per row) and `table#akas` (where used, title; the "(original title)" row names the original
title). Next.js pages since 2023 list the same in `data-testid="sub-section-releases"` / `"sub-section-akas"`."""

from __future__ import annotations

import re

from crawler.core.normalize import clean_text, country_code
from schemas.record_fields import AlsoKnownAsFields, FilmFields, ReleaseFields

from ..errors import PageLayoutError
from ..fields import iso_date, or_none
from ..page import Page
from .common import text
from .subpage import film_fields

MARKER = '//table[@id="release_dates"] | //*[@data-testid="sub-section-releases"]'
RELEASE_ROWS = '//table[@id="release_dates"]//tr[td]'
AKA_ROWS = '//table[@id="akas"]//tr[count(td) >= 2]'
NEXT_RELEASE_ROWS = '//*[@data-testid="sub-section-releases"]//li[@data-testid="list-item"]'
NEXT_AKA_ROWS = '//*[@data-testid="sub-section-akas"]//li[@data-testid="list-item"]'


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def _release(country: str | None, date_raw: str | None, note: str | None) -> ReleaseFields | None:
    if not country and not date_raw:
        return None
    item: ReleaseFields = {}
    if country:
        item["country"] = country
    if date_raw:
        item["date_raw"] = date_raw
    if note:
        item["note"] = note
    if country and (code := or_none(country_code, country)):
        item["country_code"] = code
    if date_raw and (date := iso_date(date_raw)):
        item["date"] = date
    return item


def parse(page: Page, tt: str) -> list[FilmFields]:
    record = film_fields(page, tt)
    if not record.get("title"):
        raise PageLayoutError("no_title", "release info page without the title heading")
    sel = page.sel
    releases = []
    for row in sel.xpath(RELEASE_ROWS):
        cells = row.xpath("./td")
        release = _release(
            text(cells[0]),
            text(row.xpath('./td[contains(@class, "release_date")]')) or (text(cells[1]) if len(cells) > 1 else None),
            text(cells[2]) if len(cells) > 2 else None,
        )
        if release:
            releases.append(release)
    for row in sel.xpath(NEXT_RELEASE_ROWS):
        country = text(row.xpath("./*[1]"))
        spans = [t for t in (text(s) for s in row.xpath("./div//li")) if t]
        date_raw = spans[0] if spans else None
        note = " ".join(spans[1:]) or None
        release = _release(country, date_raw, note)
        if release:
            releases.append(release)
    akas = []
    for row in sel.xpath(AKA_ROWS):
        where, title = text(row.xpath("./td[1]")), text(row.xpath("./td[2]"))
        if not title:
            continue
        if where and clean_text(where).lower() == "(original title)":
            if title != record["title"]:
                record.setdefault("original_title", title)
        akas.append(_aka(title, where))
    for row in sel.xpath(NEXT_AKA_ROWS):
        where = text(row.xpath("./*[1]"))
        title = text(row.xpath("./div//li[1]"))
        if title:
            akas.append(_aka(title, where))
    if releases:
        record["releases"] = releases
    if akas:
        record["also_known_as"] = akas
    return [record]


_WHERE = re.compile(r"^([^()]*?)\s*(\(.*\))?$")


def _aka(title: str, where: str | None) -> AlsoKnownAsFields:
    """'Spain', 'USA (TV title)' or '(original title)' -> the country and the bracketed notes apart."""
    aka: AlsoKnownAsFields = {"title": title}
    match = _WHERE.match(clean_text(where or ""))
    if match and match.group(1):
        aka["country"] = match.group(1)
    if match and match.group(2):
        aka["note"] = match.group(2)
    return aka
