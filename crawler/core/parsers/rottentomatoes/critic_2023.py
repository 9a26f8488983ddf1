"""A critic's page of the 2023+ layout (`/critics/<slug>/movies`): the critic's reviews as JSON-LD.

The page renders its review rows in the browser; what the served HTML holds is a JSON-LD `@graph` whose
ItemList lists one Review per row: `reviewBody` (the quote), `itemReviewed` (the film: `name`, and `sameAs`
or `url` with its `/m/<slug>` path), `author`, `publisher` (the publication), `datePublished` and, when the
critic gave one, `reviewRating`. The critic may also be a Person node of the same graph.

Records: one critic review per list item, linked to its film by the film's page id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text
from schemas.record_fields import ReviewFields

from ..errors import PageLayoutError
from ..fields import iso_date
from ..ids import digest_id
from ..page import Page
from ..schemaorg import text_of
from ..structured import as_list, types_of
from .common import SOURCE
from .reviews import original_score

FILM_PATH = re.compile(r"^/(m|tv)/([^/?#]+)")
TITLE_YEAR = re.compile(r"^(?P<title>.+?)\s*\((?P<year>1[89]\d\d|20\d\d)\)$")
NUMBER = re.compile(r"^\d+(\.\d+)?$")


def matches(page: Page) -> bool:
    return next(_reviews(page), None) is not None


def parse(page: Page) -> list[ReviewFields]:
    critic = _name(page.of_type("Person")[0]) if page.of_type("Person") else ""
    reviews = [record for review in _reviews(page) if (record := _review(page, critic, review))]
    if not reviews:
        raise PageLayoutError("no_reviews", f"Rotten Tomatoes critic page without reviews at {page.url}")
    return reviews


def _reviews(page: Page) -> Iterator[dict[str, Any]]:
    for listing in page.of_type("ItemList"):
        for element in as_list(listing.get("itemListElement")):
            item = element.get("item") if isinstance(element, dict) and "item" in element else element
            if isinstance(item, dict) and "Review" in types_of(item):
                yield item


def _name(node: Any) -> str:
    if isinstance(node, list):
        node = node[0] if node else None
    return clean_text(text_of(node.get("name")) or "") if isinstance(node, dict) else clean_text(text_of(node) or "")


def _review(page: Page, critic: str, review: dict[str, Any]) -> ReviewFields | None:
    film = review.get("itemReviewed")
    if not isinstance(film, dict):
        return None
    href = page.absolute(text_of(film.get("sameAs")) or text_of(film.get("url")))
    path = FILM_PATH.match(urlsplit(href or "").path)
    shown = clean_text(text_of(film.get("name")) or "")
    quote = clean_text(text_of(review.get("reviewBody")) or "")
    author = _name(review.get("author")) or critic
    publication = _name(review.get("publisher"))
    if not path or not shown or not (quote or author):
        return None
    titled = TITLE_YEAR.match(shown)
    signed = author or publication
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
    published = clean_text(text_of(review.get("datePublished")) or "")
    if published:
        record["date_raw"] = published
        if (date := iso_date(published)) is not None:
            record["date"] = date
    rating = review.get("reviewRating")
    if isinstance(rating, dict):
        value = clean_text(str(rating.get("ratingValue") or ""))
        best = clean_text(str(rating.get("bestRating") or ""))
        # Only a score on a stated scale: a bare "3" could be out of 4, 5 or 10.
        if NUMBER.match(value) and NUMBER.match(best):
            record["rating"] = original_score(f"{value}/{best}")
    return record
