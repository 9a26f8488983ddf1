"""The parents' guide (`/title/tt.../parentalguide`, `/parentalguide/certificates`): the MPAA rating with its
reason and every country's certificates.

The film's certificate is the US one, as the title page shows it: the MPAA line ("Rated R for strong violence")
when the page prints one, else the certificate the list gives for the United States. Certificates of other
countries have no place in the record and are not read; a page without a US rating gives none, and a page
without ratings gives the film its header names.

Markups read:
- before 2017 the labels of the page's info rows ("MPAA", "Certification"), the certificates linked
  `/search/title?certificates=US:R`;
- 2017-2022 `tr#mpaa-rating` (its second cell the MPAA line) and `tr#certifications-list` links "United States:R";
- since 2023 the row labelled "Motion Picture Rating (MPAA)" and the `data-testid="certificates"` list, a
  country's label and its linked certificates; the page data's `contentData.contentRatingData.ratingReason`
  holds the MPAA line when the list is rendered on the client only.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields

from ..page import Page
from ..structured import dig
from .common import certificate_field, rated_code, text
from .title_subpages import HEADER_ONLY, named_film

MPAA_LINES = (
    ("mpaa_row", '//tr[@id="mpaa-rating"]/td[2]'),
    (
        "next",
        '//li[./*[starts-with(normalize-space(.), "Motion Picture Rating")]]'
        '/*[not(starts-with(normalize-space(.), "Motion Picture Rating"))]',
    ),
    ("classic", '//h5[starts-with(normalize-space(.), "MPAA")]/following-sibling::*[1]'),
)
RATING_REASON = ("props", "pageProps", "contentData", "contentRatingData", "ratingReason")
CERTIFICATE_LINKS = '//a[contains(@href, "certificates=")]'
# The href's "certificates=US:R" (or "US%3AR"): the country code before the colon.
_HREF_COUNTRY = re.compile(r"certificates=([A-Za-z]{2,3})(?::|%3A)", re.IGNORECASE)
US_CODES = {"US", "USA"}


def matches(page: Page) -> bool:
    """A page saved without its URL: the 2017-2022 MPAA row or certificate list."""
    return bool(page.sel.xpath('//tr[@id="mpaa-rating" or @id="certifications-list"]'))


def parse(page: Page, tt: str) -> list[FilmFields]:
    layout, mpaa = _mpaa(page)
    code = rated_code(mpaa) if mpaa else None
    if not code:
        layout, code = "certificates", _us_certificate(page.sel)
    film = named_film(page, tt, "parentalguide")
    if code:
        film["certificate"] = certificate_field(code, country="US")
    elif not mpaa and not page.sel.xpath(CERTIFICATE_LINKS):
        layout = HEADER_ONLY
    film["extraction"] = {"parser": f"imdb/parentalguide/{layout}"}
    return [film]


def _mpaa(page: Page) -> tuple[str, str | None]:
    for layout, xpath in MPAA_LINES:
        line = text(page.sel.xpath(xpath)[:1])
        if line:
            return layout, line
    reason = dig(page.next_data, *RATING_REASON)
    return "next", clean_text(reason) if isinstance(reason, str) and reason.strip() else None


def _us_certificate(sel: Selector) -> str | None:
    """The first certificate the page gives for the United States, its country prefix left out."""
    for link in sel.xpath(CERTIFICATE_LINKS):
        match = _HREF_COUNTRY.search(link.attrib.get("href", ""))
        if not match or match.group(1).upper() not in US_CODES:
            continue
        shown = clean_text(link.xpath("string()").get() or "")
        code = clean_text(shown.split(":", 1)[1]) if ":" in shown else shown
        if code:
            return code
    return None
