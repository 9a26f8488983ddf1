"""Details and credits pages of the classic layout (until 2022): `/movie/<slug>/details`,
`/tv/<slug>/season-<n>/details`.

The header is the title page's of the same years: a movie's `div.product_page_title` h1 with its scores in
two `table.score_wrapper` (the Metascore badge, then the user score's, each with "based on 46 Critics"),
`span.release_date` and `div.summary`; a season's the 2011-2022 TV header (tv_2011). Below it:
    table.details: one row per fact, td.label ("Runtime:", "Rating:", "Genres:", "Country:",
    "Languages:") and td.data;
    table.credits, one per kind of credit: th.person names the kind ("Director", "Writer", "Principal
    Cast", "Cast", "Producer"...), each row a td.person link and its td.role. A cast member's role is the
    character, unless it only repeats the table's kind ("Principal Cast").
The record is the title's: its id and address are the title page's.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import CastMemberFields, FilmFields, PersonFields, WriterFields

from ..errors import PageLayoutError
from ..fields import PersonT, put_credits
from ..page import Page
from ..schemaorg import release
from . import tv_2011
from .common import BASE_URL, SOURCE, apply_ratings, based_on, certificate, metascore, person, runtime, user_score

DETAILS_PATH = re.compile(r"^/(movie|tv)/([^/?#]+(?:/season-\d+)?)/details/?$")
MOVIE_TITLE = '//div[contains(@class, "product_page_title")]//h1'
SCORE_BOXES = '//table[contains(@class, "score_wrapper")]'
BADGE = './/*[contains(concat(" ", normalize-space(@class), " "), " metascore_w ")]'
BASED_ON = './/*[contains(@class, "based_on")]'
RELEASE = (
    '//span[contains(@class, "release_date")][span[contains(@class, "label")]]/span[not(contains(@class, "label"))]'
)
SUMMARY = '//div[contains(@class, "summary")][span[contains(@class, "label")]]/span[not(contains(@class, "label"))]'
DETAIL_ROWS = '//table[contains(@class, "details")]//tr[td[contains(@class, "label")]]'
CREDIT_TABLES = '//table[contains(concat(" ", normalize-space(@class), " "), " credits ")][.//th]'
CREDIT_ROWS = './/tr[td[contains(@class, "person")]]'

DIRECTOR_HEADS = {"director", "directors"}
WRITER_HEADS = {"writer", "writers"}
CAST_HEADS = {"principal cast", "cast", "starring"}


def matches(page: Page) -> bool:
    return bool(DETAILS_PATH.match(urlsplit(page.url).path)) and bool(
        page.sel.xpath(MOVIE_TITLE) or tv_2011.has_heading(page)
    )


def parse(page: Page) -> list[FilmFields]:
    path = DETAILS_PATH.match(urlsplit(page.url).path)
    if not path:
        raise PageLayoutError("no_title", f"{page.url} is not a Metacritic details page")
    kind, own = path.group(1), path.group(2)
    if kind == "tv" and tv_2011.has_heading(page):
        record = tv_2011.parse(page, title_url=f"{BASE_URL}/tv/{own}")[0]
    else:
        record = _movie_header(page, own)
    for row in page.sel.xpath(DETAIL_ROWS):
        _apply_detail(record, row)
    _apply_credits(page, record)
    return [record]


def _movie_header(page: Page, slug: str) -> FilmFields:
    title = clean_text(page.sel.xpath(MOVIE_TITLE).xpath("string()").get() or "")
    if not title:
        raise PageLayoutError("no_title", "no h1 in div.product_page_title on a Metacritic details page")
    record: FilmFields = {
        "type": "film",
        "source": SOURCE,
        "id": f"{SOURCE}:movie/{slug}",
        "url": f"{BASE_URL}/movie/{slug}",
        "title": title,
    }
    critic = user = None
    for box in page.sel.xpath(SCORE_BOXES):
        badge = box.xpath(BADGE)
        if not badge:
            continue
        shown = clean_text(badge[0].xpath("string()").get() or "")
        count = based_on(clean_text(box.xpath(BASED_ON).xpath("string()").get() or ""))
        if "user" in (badge[0].attrib.get("class") or "").split():
            user = user or user_score(shown, count)
        else:
            critic = critic or metascore(shown, count)
    apply_ratings(record, [critic, user])
    record.update(release(clean_text(page.sel.xpath(RELEASE).xpath("string()").get() or "") or None))
    plot = clean_text(page.sel.xpath(SUMMARY).xpath("string()").get() or "")
    if plot:
        record["plot"] = plot
    return record


def _apply_detail(record: FilmFields, row: Selector) -> None:
    label = clean_text(row.xpath('./td[contains(@class, "label")]').xpath("string()").get() or "")
    label = label.rstrip(":").strip().lower()
    data = row.xpath('./td[contains(@class, "data")]')
    value = clean_text(data.xpath("string()").get() or "")
    items = [clean_text(t) for t in data.xpath("./span").xpath("string()").getall() if clean_text(t)]
    if not value:
        return
    if label == "runtime" and "runtime_minutes" not in record:
        record.update(runtime(value))
    elif label == "rating" and "certificate" not in record:
        cert = certificate(value)
        if cert:
            record["certificate"] = cert
    elif label in ("genre", "genres") and "genres" not in record:
        record["genres"] = items or [g for g in (clean_text(g) for g in value.split(",")) if g]
    elif label in ("country", "countries"):
        record["countries"] = items or [value]
    elif label in ("language", "languages"):
        record["languages"] = items or [value]


def _apply_credits(page: Page, record: FilmFields) -> None:
    directors: list[PersonFields] = []
    writers: list[WriterFields] = []
    cast: list[CastMemberFields] = []
    for table in page.sel.xpath(CREDIT_TABLES):
        head = clean_text(table.xpath('.//th[contains(@class, "person")]').xpath("string()").get() or "")
        for row in table.xpath(CREDIT_ROWS):
            link = row.xpath('./td[contains(@class, "person")]//a')
            name = (
                link.xpath("string()").get()
                if link
                else row.xpath('./td[contains(@class, "person")]').xpath("string()").get()
            )
            href = link[0].attrib.get("href") if link else None
            role = clean_text(row.xpath('./td[contains(@class, "role")]').xpath("string()").get() or "")
            # The role repeats the table's kind when the page knows nothing more ("Principal Cast").
            role_text = role if role and role.lower() != head.lower() else None
            kind = head.lower()
            if kind in DIRECTOR_HEADS:
                _add(directors, person(page, name, href, kind=PersonFields))
            elif kind in WRITER_HEADS:
                writer = person(page, name, href, kind=WriterFields)
                if writer and role_text:
                    writer["note"] = role_text
                _add(writers, writer)
            elif kind in CAST_HEADS:
                member = person(page, name, href, kind=CastMemberFields)
                if member and role_text:
                    member["character"] = role_text
                _add(cast, member)
    put_credits(record, directors=directors, writers=writers, billed=cast or None)


def _add(found: list[PersonT], entry: PersonT | None) -> None:
    """Each person once, in page order; a later row may name the character an earlier one did not."""
    if not entry:
        return
    for seen in found:
        if seen["name"] == entry["name"]:
            if "character" in entry and not seen.get("character"):
                seen["character"] = entry["character"]  # type: ignore[typeddict-item]
            return
    found.append(entry)
