"""A server-rendered title page (header, ratings, credits, badges, community reviews).

The store's app renders title pages from the api2 data (see api.py); this module reads the same facts from
rendered markup keyed on stable `data-testid` attributes, never on the hashed CSS-module class names, which
change between builds. It is the fallback for saved rendered pages; API responses are read by api.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from parsel import Selector

from crawler.core.normalize import (
    clean_text,
    parse_certificate,
    parse_count,
    parse_rating,
)
from schemas.record_fields import CastMemberFields, CertificateFields, FilmFields, RecordFields, ReviewFields

from ..errors import PageLayoutError
from ..fields import keep_unparsed, labelled, normalised, runtime_fields, value_fields
from ..ids import digest_id
from ..page import Page
from .urls import SOURCE, content_id_from_url, details_url, record_id

DETAILS = "//*[@data-content-id][.//*[@data-testid='title']]"
CONTENT_ID = "@data-content-id"
TITLE = ".//*[@data-testid='title']"
RATING_VALUE = ".//*[@data-testid='rating-value']"
RATING_COUNT = ".//*[@data-testid='rating-count']"
GENRE_LISTS = ".//*[@data-testid='genres' or @data-testid='all-genres']/li"
YEAR = ".//*[@data-testid='release-year']"
RUNTIME = ".//*[@data-testid='runtime']"
CERTIFICATE = ".//*[@data-testid='mpaa-rating']"
SYNOPSIS = ".//*[@data-testid='synopsis']"
STARRING = ".//*[@data-testid='starring']//a"
AUDIO_DESCRIPTION = ".//*[@data-testid='accessibility-badge'][normalize-space()='AD']"
ALSO_AVAILABLE = ".//*[@data-testid='also-available-on']//img/@alt"
REVIEWS = ".//*[@data-testid='community-reviews']//*[@data-testid='review']"
REVIEW_HEADLINE = ".//*[@data-testid='review-headline']"
REVIEW_AUTHOR = ".//*[@data-testid='review-author']"
REVIEW_PARAGRAPHS = ".//*[@data-testid='review-text']//p"
STAR_SCALE = 5
QUOTES = "\"'“”‘’ "


def is_title_page(page: Page) -> bool:
    return bool(page.sel.xpath(DETAILS))


def _text(node: Sequence[Selector]) -> str | None:
    """Visible text of the first matched node, without scripts and styles."""
    if not node:
        return None
    parts = node[0].xpath(".//text()[not(ancestor::script or ancestor::style)]").getall()
    return clean_text("".join(parts)) or None


def parse_title_page(page: Page) -> list[RecordFields]:
    details = page.sel.xpath(DETAILS)
    title = _text(details.xpath(TITLE))
    if not details or not title:
        raise PageLayoutError("no_title", "no title in the details section")
    content_id = content_id_from_url(page.canonical_url or page.url) or (details[0].xpath(CONTENT_ID).get() or "")
    content_id = content_id.strip()
    if not content_id.isdigit():
        raise PageLayoutError("no_content_id", "neither the URL nor the page names the contentId")
    node = details[0]
    film: FilmFields = {
        "type": "film",
        "source": SOURCE,
        "id": record_id(content_id),
        "url": details_url(title, content_id),
        "title": title,
    }
    year = _text(node.xpath(YEAR))
    if year and year.isdecimal() and len(year) == 4:
        film["year"] = int(year)
    unparsed: dict[str, str] = {}
    film.update(_rating(node, unparsed))
    film.update(_runtime(node))
    genres: list[str] = []
    for item in node.xpath(GENRE_LISTS):
        name = _text([item])
        if name and name not in genres:
            genres.append(name)
    if genres:
        film["genres"] = genres
    cert = _certificate(node, unparsed)
    if cert:
        film["certificate"] = cert
    plot = _text(node.xpath(SYNOPSIS))
    if plot:
        film["plot"] = plot
    cast: list[CastMemberFields] = [
        {"name": name, "order": i}
        for i, name in enumerate((n for n in (_text([a]) for a in node.xpath(STARRING)) if n), start=1)
    ]
    if cast:
        film["cast"] = cast
    if node.xpath(AUDIO_DESCRIPTION):
        film["audio_description"] = True
    stores = [clean_text(alt) for alt in node.xpath(ALSO_AVAILABLE).getall() if clean_text(alt)]
    if stores:
        film["available_on"] = stores
    keep_unparsed(film, unparsed)
    return [film, *_reviews(node, film, page)]


def _rating(node: Selector, unparsed: dict[str, str]) -> FilmFields:
    raw = _text(node.xpath(RATING_VALUE))
    if not raw:
        return {}
    rating = normalised(unparsed, "rating", parse_rating, raw, best=STAR_SCALE)
    if rating is None:
        return {}
    main = value_fields(rating)
    count_raw = _text(node.xpath(RATING_COUNT))
    if count_raw and (count := normalised(unparsed, "rating.count", parse_count, count_raw)) is not None:
        main["count"] = count
    return {"rating": main, "ratings": [labelled(main, kind="store")]}


def _runtime(node: Selector) -> FilmFields:
    raw = _text(node.xpath(RUNTIME))
    return runtime_fields(raw) if raw else {}


def _certificate(node: Selector, unparsed: dict[str, str]) -> CertificateFields | None:
    raw = _text(node.xpath(CERTIFICATE))
    if not raw:
        return None
    cert = normalised(unparsed, "certificate", parse_certificate, raw, country="US")
    return value_fields(cert) if cert else None


def _reviews(node: Selector, film: FilmFields, page: Page) -> list[RecordFields]:
    reviews: list[RecordFields] = []
    for item in node.xpath(REVIEWS):
        headline = (_text(item.xpath(REVIEW_HEADLINE)) or "").strip(QUOTES) or None
        paragraphs = [p for p in (_text([p]) for p in item.xpath(REVIEW_PARAGRAPHS)) if p]
        text = "\n\n".join(paragraphs).strip(QUOTES) or None
        if not (headline or text):
            continue
        author = _text(item.xpath(REVIEW_AUTHOR))
        review: ReviewFields = {
            "type": "review",
            "source": SOURCE,
            "kind": "user",
            "url": film["url"],
            "id": f"{SOURCE}:{digest_id(film['id'], author, headline, text)}",
            "film_id": film["id"],
            "film_title": film["title"],
        }
        if film.get("year"):
            review["film_year"] = film.get("year")
        if headline:
            review["title"] = headline
        if author:
            review["author"] = author
        if text:
            review["text"] = text
        reviews.append(review)
    return reviews
