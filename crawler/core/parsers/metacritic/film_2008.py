"""Movie pages of the 2008-2010 layout (`/film/titles/<slug>`), before the site moved films to `/movie/<slug>`.

The page prints the title as the site filed it ("Red Shoes, The") in the first `h1`, the Metascore in
`div#metascore`, label paragraphs ("Genre(s):", "Directed by:", "Written by:", "Starring:", "RATING: R for ..."
and "Theatrical: <date>"), the summary in `p.summarytext`, then the critics' quotes: each quote block holds
the score (a `div` whose class starts with "score"), `span.publication`, `span.criticname` ("Staff (Not
credited)" when no critic signs) and `p.quote`.

Records: the film and one critic review per quote.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import CastMemberFields, FilmFields, PersonFields, ReviewFields, WriterFields

from ..errors import PageLayoutError
from ..fields import iso_date
from ..ids import digest_id
from ..page import Page
from .common import BASE_URL, SOURCE, apply_ratings, certificate, metascore

MARKER = '//div[@id="metascore"] | //p[contains(@class, "summarytext")] | //span[contains(@class, "criticname")]'
TITLE = "(//h1)[1]"
METASCORE = '//div[@id="metascore"]'
SUMMARY = '//p[contains(@class, "summarytext")]'
LABELLED = '//p[starts-with(normalize-space(.), "{label}") or .//strong[starts-with(normalize-space(.), "{label}")]]'
QUOTE_BLOCKS = (
    '//span[contains(@class, "publication")]/ancestor::*[.//p[contains(@class, "quote")]]'
    '[count(.//span[contains(@class, "publication")]) = 1][1]'
)
BLOCK_SCORE = './/div[starts-with(@class, "score")]'
BLOCK_PUBLICATION = './/span[contains(@class, "publication")]'
BLOCK_CRITIC = './/span[contains(@class, "criticname")]'
BLOCK_QUOTE = './/p[contains(@class, "quote")]'

FILM_PATH = re.compile(r"^/film/titles/([^/?#]+)/?$")
FILED_ARTICLE = re.compile(r"^(?P<rest>.+),\s+(?P<article>The|A|An)$")
STUDIO_YEAR = re.compile(r"\((1[89]\d\d|20\d\d)\)")
US_RATING = re.compile(r"^(Not Rated|Unrated|NC-17|PG-13|PG|G|R|NR)\b")
UNCREDITED = re.compile(r"^Staff\b.*Not credited", re.I)


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def parse(page: Page) -> tuple[FilmFields, list[ReviewFields]]:
    path = FILM_PATH.match(urlsplit(page.url).path)
    if not path:
        raise PageLayoutError("no_film_slug", f"{page.url} has no /film/titles/<slug> path", page_type="movie")
    title = _unfiled(_text(page.sel.xpath(TITLE)))
    if not title:
        raise PageLayoutError("no_title", "no h1 on a Metacritic /film/titles/ page", page_type="movie")
    slug = path.group(1)
    film: FilmFields = {
        "type": "film",
        "source": SOURCE,
        "id": f"{SOURCE}:film/titles/{slug}",
        "url": f"{BASE_URL}/film/titles/{slug}",
        "title": title,
    }
    studio_year = STUDIO_YEAR.search(_text(page.sel.xpath(TITLE).xpath("following::p[1]")))
    if studio_year:
        film["year"] = int(studio_year.group(1))
    apply_ratings(film, [metascore(_text(page.sel.xpath(METASCORE)), None)])
    genres = _labelled_lines(page.sel, "Genre")
    if genres:
        film["genres"] = genres
    directors = _labelled_lines(page.sel, "Directed by")
    if directors:
        film["directors"] = [PersonFields(name=name) for name in directors]
    writers = _labelled_lines(page.sel, "Written by")
    if writers:
        film["writers"] = [WriterFields(name=name) for name in writers]
    starring = _labelled_lines(page.sel, "Starring")
    if starring:
        film["cast"] = [CastMemberFields(name=name, order=i) for i, name in enumerate(starring, start=1)]
    rated = US_RATING.match(_after_label(page.sel, "RATING"))
    cert = certificate(rated.group(1)) if rated else None
    if cert:
        film["certificate"] = cert
    theatrical = _after_label(page.sel, "Theatrical")
    if theatrical:
        film["release_date_raw"] = theatrical
        if (date := iso_date(theatrical)) is not None:
            film["release_date"] = date
    plot = _text(page.sel.xpath(SUMMARY))
    if plot:
        film["plot"] = plot
    reviews = [review for block in page.sel.xpath(QUOTE_BLOCKS) if (review := _review(page, film, block))]
    film["extraction"] = {"parser": "metacritic/movie/film_2008"}
    for review in reviews:
        review["extraction"] = {"parser": "metacritic/movie/film_2008"}
    return film, reviews


def _text(nodes: Any) -> str:
    return clean_text(nodes[:1].xpath("string()").get() or "") if nodes else ""


def _unfiled(title: str) -> str:
    """ "Red Shoes, The" -> "The Red Shoes": the site filed titles under their first significant word."""
    filed = FILED_ARTICLE.match(title)
    return f"{filed.group('article')} {filed.group('rest')}" if filed else title


def _labelled_lines(sel: Selector, label: str) -> list[str]:
    """Names of a label paragraph, one per `<br>` line or comma ("Starring: A, B and C")."""
    paragraph = sel.xpath(LABELLED.format(label=label))
    if not paragraph:
        return []
    pieces = [clean_text(t) for t in paragraph[0].xpath(".//text()[not(ancestor::strong)]").getall()]
    names: list[str] = []
    for piece in pieces:
        piece = re.sub(rf"^{re.escape(label)}\S*:?\s*", "", piece)
        for name in re.split(r",|\band\b", piece):
            name = clean_text(name)
            if name and not name.startswith("(") and name != ":":
                names.append(name)
    return names


def _after_label(sel: Selector, label: str) -> str:
    """The text after "<label>:" in its paragraph ("Theatrical: October 22, 1948" -> "October 22, 1948")."""
    paragraph = sel.xpath(LABELLED.format(label=label))
    text = _text(paragraph)
    return clean_text(re.sub(rf"^.*?{re.escape(label)}\s*:\s*", "", text, count=1)) if text else ""


def _review(page: Page, film: FilmFields, block: Selector) -> ReviewFields | None:
    quote = _text(block.xpath(BLOCK_QUOTE))
    if not quote:
        return None
    publication = _text(block.xpath(BLOCK_PUBLICATION))
    critic = _text(block.xpath(BLOCK_CRITIC))
    critic = "" if UNCREDITED.match(critic) else critic
    signed = critic or publication
    record: ReviewFields = {
        "type": "review",
        "source": SOURCE,
        "kind": "critic",
        "url": page.url,
        "id": f"{SOURCE}:{digest_id(page.url, signed, quote)}",
        "film_id": film.get("id"),
        "film_title": film.get("title"),
        "text": quote,
    }
    if film.get("year"):
        record["film_year"] = film["year"]
    if signed:
        record["author"] = signed
    if publication:
        record["publication"] = publication
    score = _text(block.xpath(BLOCK_SCORE))
    if score.isdigit() and int(score) <= 100:
        record["rating"] = {"value": Decimal(score), "best": Decimal(100), "raw": score}
    return record
