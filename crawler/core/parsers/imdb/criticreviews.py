"""Critic reviews (`/title/tt.../criticreviews`): the Metascore and the critics' quotes Metacritic provides.

Two markups are read:
- 2010-2022 `table.crits_results`: one `tr` per review (schema.org Review microdata) holding the critic's score
  (`div.critscore` `ratingValue`), the publication (`itemprop="publisher"`), the critic (`itemprop="author"`,
  empty when the publication signs alone) and the quote (`div.summary`, `itemprop="reviewbody"`); above it
  `div.metascore_block` with the Metascore and "Based on 13 critic reviews" (`ratingCount`);
- since 2023 the Next.js page: the reviews in `__NEXT_DATA__` (`contentData.section.items`: `site`,
  `reviewer`, `score`, `quote`) and the Metascore in the `critic-reviews-title` header ("82", "22 reviews ·
  Provided by Metacritic.com").

Records: one critic review per quote (publication, critic, score on 100, quote) and, when the page names the
film, its film record carrying the Metascore (in `ratings`, kind "metascore", with the number of reviews) and
`critic_review_count`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields, RecordFields, ReviewFields, ScoredRatingFields

from ..errors import PageLayoutError
from ..fields import JsonObject
from ..ids import digest_id
from ..page import Page
from ..structured import as_list, dig
from .common import count_of, film_id, film_of_review, text
from .subpage import film_fields

TABLE_ROWS = '//table[contains(@class, "crits_results")]//tr[.//*[contains(@class, "critscore")]]'
ROW_SCORE = './/*[contains(@class, "critscore")]'
ROW_PUBLICATION = './/*[@itemprop="publisher"]'
ROW_CRITIC = './/*[@itemprop="author"]'
ROW_QUOTE = './/*[@itemprop="reviewbody" or contains(@class, "summary")]'
TABLE_METASCORE = '//div[contains(@class, "metascore_block")]//*[@itemprop="ratingValue"]'
TABLE_COUNT = '//div[contains(@class, "metascore_block")]//*[@itemprop="ratingCount"]'
NEXT_HEADER = '//*[@data-testid="critic-reviews-title"]'
NEXT_HEADER_SCORE = "./div[1]"
MARKER = f"{TABLE_ROWS} | {NEXT_HEADER}"

_REVIEW_COUNT = re.compile(r"(\d[\d,]*)\s+(?:critic\s+)?reviews?\b", re.IGNORECASE)
METACRITIC_BEST = Decimal(100)


def matches(page: Page) -> bool:
    """A critic reviews page saved without its URL: the reviews table, or the 2023+ header with its items."""
    return bool(page.sel.xpath(TABLE_ROWS)) or (bool(page.sel.xpath(NEXT_HEADER)) and bool(_next_items(page)))


def parse(page: Page, tt: str | None) -> list[RecordFields]:
    film: FilmFields = film_fields(page, tt) if tt else {}
    rows = page.sel.xpath(TABLE_ROWS)
    if rows:
        layout = "crits_table"
        quotes = [_table_quote(row) for row in rows]
        metascore = text(page.sel.xpath(TABLE_METASCORE))
        count = count_of(text(page.sel.xpath(TABLE_COUNT)))
    else:
        layout = "next"
        quotes = [_next_quote(item) for item in _next_items(page)]
        header = page.sel.xpath(NEXT_HEADER)
        metascore = text(header.xpath(NEXT_HEADER_SCORE)) if header else None
        found = _REVIEW_COUNT.search(text(header) or "") if header else None
        count = count_of(found.group(1)) if found else None
    reviews = [_review(page, tt, film, quote, said) for quote in quotes if (said := quote.text)]
    if not reviews:
        raise PageLayoutError("no_reviews", "critic reviews page without critics' quotes", page_type="criticreviews")
    records: list[RecordFields] = []
    if film.get("title"):
        _set_metascore(film, metascore, count)
        records.append(film)
    records.extend(reviews)
    for record in records:
        record["extraction"] = {"parser": f"imdb/criticreviews/{layout}"}
    return records


@dataclass(frozen=True)
class _Quote:
    """One critic's entry as either layout shows it, each part as printed."""

    publication: str | None
    critic: str | None
    score: str | None
    text: str | None


def _table_quote(row: Selector) -> _Quote:
    return _Quote(
        publication=text(row.xpath(ROW_PUBLICATION)[:1]),
        critic=text(row.xpath(ROW_CRITIC)[:1]),
        score=text(row.xpath(ROW_SCORE)[:1]),
        text=text(row.xpath(ROW_QUOTE)[:1]),
    )


def _next_items(page: Page) -> list[JsonObject]:
    items = dig(page.next_data, "props", "pageProps", "contentData", "section", "items")
    return [item for item in as_list(items) if isinstance(item, dict) and "quote" in item]


def _next_quote(item: JsonObject) -> _Quote:
    def string(key: str) -> str | None:
        value = item.get(key)
        if isinstance(value, dict):  # {"value": "..."} in some page data versions
            value = value.get("value") or value.get("plainText")
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        return (clean_text(value) or None) if isinstance(value, str) else None

    return _Quote(publication=string("site"), critic=string("reviewer"), score=string("score"), text=string("quote"))


def _review(page: Page, tt: str | None, film: FilmFields, quote: _Quote, said: str) -> ReviewFields:
    publication, critic = quote.publication, quote.critic
    signed = critic or publication
    record: ReviewFields = {
        "type": "review",
        "source": "imdb",
        "kind": "critic",
        "url": page.url,
        "id": f"imdb:{digest_id(page.url, signed, said)}",
        "text": said,
    }
    if tt:
        record["film_id"] = film_id(tt)
    record.update(film_of_review(film))
    if signed:
        record["author"] = signed  # a quote signed by its publication alone is the publication's
    if publication:
        record["publication"] = publication
    score = quote.score
    if score and score.isdigit() and int(score) <= METACRITIC_BEST:
        record["rating"] = {"value": Decimal(score), "best": METACRITIC_BEST, "raw": score}
    return record


def _set_metascore(film: FilmFields, raw: str | None, count: int | None) -> None:
    if count is not None:
        film["critic_review_count"] = count
    if not raw or not raw.isdigit() or int(raw) > METACRITIC_BEST:
        return
    metascore: ScoredRatingFields = {
        "value": Decimal(raw),
        "best": METACRITIC_BEST,
        "worst": Decimal(0),
        "kind": "metascore",
        "label": "Metascore",
    }
    if count is not None:
        metascore["count"] = count
    film["ratings"] = [*film.get("ratings", []), metascore]
