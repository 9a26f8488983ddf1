"""A critic's page (`/critic/<slug>/movies`, `?page=2`): the critic's reviews of many films, 2014-2022 markup.

The critic's name heads `#criticPanel` (`h2.title`); `table.table-striped` holds one row per review after its
header row: the fresh/rotten icon (`span.icon`, the critic's original score in its `title`, "4/5" or "B+"),
the film's Tomatometer (`span.tMeterScore`), the film (`a.movie-link` to `/m/<slug>`, "The Red Shoes (1948)"),
and the review cell: the quote, then `div.subtle` with the publication (`a.articleLink`) and the date.
From 2020 the rows sit in `tbody#review-table-body` and the film is the link of the title column
(`td.critic-review-table__title-column`), its year printed beside the link.

Records: one critic review per row, linked to its film by the film's page id.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import ReviewFields

from ..errors import PageLayoutError
from ..fields import iso_date
from ..ids import digest_id
from ..page import Page
from .common import SOURCE
from .reviews import original_score

TITLE_COLUMN = './td[contains(@class, "title-column")]'
ROWS = (
    '//table[contains(@class, "table-striped")]//tr[.//a[contains(@class, "movie-link")]]'
    ' | //tbody[@id="review-table-body"]/tr[td[contains(@class, "title-column")]//a]'
)
CRITIC_NAME = '//*[@id="criticPanel"]//h2[contains(@class, "title")] | //*[@id="criticPanel"]//h1'
ROW_SCORE = './/span[contains(concat(" ",normalize-space(@class)," ")," icon ")]/@title'
ROW_FILM = (
    f'(.//a[contains(@class, "movie-link")] | {TITLE_COLUMN}//a[contains(@href, "/m/") or contains(@href, "/tv/")])[1]'
)
ROW_REVIEW_CELL = './td[.//a[contains(@class, "articleLink")] or .//div[contains(@class, "subtle")]][1]'
CELL_QUOTE = './/text()[not(ancestor::div[contains(@class, "subtle")])]'
CELL_PUBLICATION = './/a[contains(@class, "articleLink")]'
CELL_DATE_LINE = './/div[contains(@class, "subtle")]'

FILM_PATH = re.compile(r"^/(m|tv)/([^/?#]+)")
TITLE_YEAR = re.compile(r"^(?P<title>.+?)\s*\((?P<year>1[89]\d\d|20\d\d)\)$")
SENTIMENTS = {"fresh", "rotten", "certified fresh"}
PRINTED_DATE = re.compile(r"\b[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\b")


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(ROWS))


def parse(page: Page) -> list[ReviewFields]:
    critic = clean_text(page.sel.xpath(CRITIC_NAME).xpath("string()").get() or "")
    reviews = [review for row in page.sel.xpath(ROWS) if (review := _review(page, critic, row))]
    if not reviews:
        raise PageLayoutError("no_reviews", f"Rotten Tomatoes critic page without reviews at {page.url}")
    return reviews


def _review(page: Page, critic: str, row: Selector) -> ReviewFields | None:
    link = row.xpath(ROW_FILM)
    href = page.absolute(link.attrib.get("href")) if link else None
    path = FILM_PATH.match(urlsplit(href or "").path)
    shown = clean_text(link.xpath("string()").get() or "") if link else ""
    column = clean_text(row.xpath(TITLE_COLUMN).xpath("string()").get() or "")
    if shown and not TITLE_YEAR.match(shown) and TITLE_YEAR.match(column) and column.startswith(shown):
        shown = column  # "The Red Shoes" linked, "(1948)" printed beside it
    cell = row.xpath(ROW_REVIEW_CELL)
    quote = clean_text(" ".join(cell.xpath(CELL_QUOTE).getall())) if cell else ""
    publication = clean_text(cell.xpath(CELL_PUBLICATION).xpath("string()").get() or "") if cell else ""
    if not path or not shown or not (quote or critic):
        return None
    titled = TITLE_YEAR.match(shown)
    signed = critic or publication
    record: ReviewFields = {
        "type": "review",
        "source": SOURCE,
        "kind": "critic",
        "url": page.url,
        "id": f"{SOURCE}:{digest_id(page.url, signed, shown, quote)}",
        "film_id": f"{SOURCE}:{path.group(1)}/{path.group(2)}",
        "film_title": titled.group("title") if titled else shown,
    }
    if titled:
        record["film_year"] = int(titled.group("year"))
    if signed:
        record["author"] = signed
    if publication:
        record["publication"] = publication
    if quote:
        record["text"] = quote
    date_line = clean_text(" ".join(cell.xpath(CELL_DATE_LINE).xpath(".//text()").getall())) if cell else ""
    printed = PRINTED_DATE.search(date_line)
    if printed:
        record["date_raw"] = printed.group(0)
        if (date := iso_date(printed.group(0))) is not None:
            record["date"] = date
    score = clean_text(row.xpath(ROW_SCORE).get() or "")
    if score and score.lower() not in SENTIMENTS:  # an icon titled "Fresh" is no score
        record["rating"] = original_score(score)
    return record
