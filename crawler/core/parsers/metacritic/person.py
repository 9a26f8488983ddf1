"""A Metacritic person page (`/person/<slug>`, `?filter-options=movies|tv`): the person's credits.

The classic layout (until 2023) prints one `table.credits` whose rows hold the title linked to its
`/movie/<slug>` (or `/tv/<slug>`) page with the Metascore badge beside it, the release date ("Dec 1, 2017")
or year, the credit ("Director / Writer") and the user score. Only rows linking to a title page are entries.

The 2023+ layout lists the credits as the site's product cards (`c-globalProductCard`, or `c-finderProductCard`
on the filtered views): the card's container links the title page, `_title` holds the title, `c-siteReviewScore`
the Metascore ("tbd" before it has one) and the card's meta line the release date or year. Cards in the header,
footer, navigation or an aside (trending titles) are not the person's credits.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text
from schemas.record_fields import ListingEntryFields, ListingFields

from ..errors import PageLayoutError
from ..listing_record import each_title_once, listing_record
from ..page import Page
from .common import SOURCE

CREDITS_TABLE = '//table[contains(concat(" ",normalize-space(@class)," ")," credits ")]'
ROWS = "./tbody/tr | ./tr"
TITLE_LINK = './td[contains(@class,"title")]//a[@href]'
YEAR_CELL = './td[contains(@class,"year")]'
METASCORE = './td[contains(@class,"title")]//span[contains(@class,"metascore_w")]'
HEADING = '//h1[contains(@class,"person_title")] | //h1'
_OUTSIDE = "ancestor::header or ancestor::footer or ancestor::nav or ancestor::aside"
CARDS = (
    '//*[contains(concat(" ",normalize-space(@class)," ")," c-globalProductCard ")'
    ' or contains(concat(" ",normalize-space(@class)," ")," c-finderProductCard ")]'
    f"[not({_OUTSIDE})]"
)
CARD_LINK = './/a[contains(@href,"/movie/") or contains(@href,"/tv/")]/@href'
CARD_TITLE = './/*[contains(@class,"ProductCard_title")] | .//h3'
CARD_SCORE = './/*[contains(@class,"c-siteReviewScore")]'
CARD_DATE = './/*[contains(@class,"ProductCard_meta") or contains(@class,"ProductCard_date")]'

# A TV credit of the classic layout links the season the person worked on: "/tv/<slug>/season-22".
TITLE_PATH = re.compile(r"^/(movie|tv)/([^/?#]+(?:/season-\d+)?)/?$")
PRINTED_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def is_person_page(page: Page) -> bool:
    return bool(page.sel.xpath(CREDITS_TABLE)) or bool(page.sel.xpath(CARDS))


def parse(page: Page) -> ListingFields:
    tables = page.sel.xpath(CREDITS_TABLE)
    if tables:
        layout = "credits_table"
        entries = [entry for row in tables[0].xpath(ROWS) if (entry := _entry(page, row))]
    else:
        layout = "product_cards"
        entries = each_title_once(_card_entry(page, card) for card in page.sel.xpath(CARDS))
    if not entries:
        raise PageLayoutError("no_entries", f"Metacritic person page without title credits at {page.url}")
    for rank, entry in enumerate(entries, start=1):
        entry["rank"] = rank
    record = listing_record(
        page,
        source=SOURCE,
        kind="filmography",
        entries=entries,
        title=clean_text(page.sel.xpath(HEADING).xpath("string()").get() or ""),
    )
    record["extraction"] = {"parser": f"metacritic/person/{layout}"}
    return record


def _entry(page: Page, row: Any) -> ListingEntryFields | None:
    link = row.xpath(TITLE_LINK)
    if not link:
        return None
    url = page.absolute(link[0].attrib["href"])
    found = TITLE_PATH.match(urlsplit(url or "").path)
    title = clean_text(link[0].xpath("string()").get() or "")
    if not url or not found or not title:
        return None
    entry: ListingEntryFields = {"title": title, "url": url, "id": f"{SOURCE}:{found.group(1)}/{found.group(2)}"}
    printed = PRINTED_YEAR.findall(clean_text(row.xpath(YEAR_CELL).xpath("string()").get() or ""))
    if len(printed) == 1:
        entry["year"] = int(printed[0])
    score = clean_text(row.xpath(METASCORE).xpath("string()").get() or "")
    if score.isdigit() and int(score) <= 100:
        entry["rating"] = {"value": Decimal(score), "best": Decimal(100), "worst": Decimal(0)}
    return entry


def _card_entry(page: Page, card: Any) -> ListingEntryFields | None:
    url = page.absolute(card.xpath(CARD_LINK).get())
    found = TITLE_PATH.match(urlsplit(url or "").path)
    title = clean_text(card.xpath(CARD_TITLE)[:1].xpath("string()").get() or "")
    if not url or not found or not title:
        return None
    entry: ListingEntryFields = {"title": title, "url": url, "id": f"{SOURCE}:{found.group(1)}/{found.group(2)}"}
    printed = PRINTED_YEAR.findall(clean_text(card.xpath(CARD_DATE)[:1].xpath("string()").get() or ""))
    if len(printed) == 1:
        entry["year"] = int(printed[0])
    score = clean_text(card.xpath(CARD_SCORE)[:1].xpath("string()").get() or "")
    if score.isdigit() and int(score) <= 100:
        entry["rating"] = {"value": Decimal(score), "best": Decimal(100), "worst": Decimal(0)}
    return entry
