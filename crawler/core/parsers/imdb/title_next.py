"""Title pages since 2022 (Next.js): `data-testid` markup (hero title block, principal credits, cast items,
storyline, details, box office, technical specs, "Did you know", featured review), a JSON-LD Movie and
the `__NEXT_DATA__` page state.

What the title is comes from the page data's `titleType` first, then JSON-LD `@type`, then the hero
metadata's label ("TV Series", "TV Mini Series", "Episode"); a series' run "2007–2019" from
`releaseYear.endYear` or the hero metadata; an episode's series and "S1.E3" from `series` in the page data
or the hero's series link and season/episode line.

JSON-LD gives exact rating numbers where the page prints "860K"; `__NEXT_DATA__` gives the exact review
counts. The visible title, release date, genre chips and billing order are preferred over embedded data.
"""

from __future__ import annotations

import re
from decimal import Decimal

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import (
    CastMemberFields,
    FilmFields,
    PersonFields,
    RecordFields,
    ReviewFields,
    TechnicalSpecsFields,
    WriterFields,
)

from ..errors import PageLayoutError
from ..fields import JsonObject, PersonT, iso_date, keep_unparsed
from ..ids import digest_id
from ..page import Page
from ..schemaorg import credits, strings, text_of
from ..structured import dig, dig_object
from . import kinds
from .common import (
    BASE,
    IMDB_BEST,
    awards_field,
    certificate_field,
    character_and_alias,
    credit_note,
    drop_empty,
    film_base,
    film_id,
    film_of_review,
    main_url,
    money_field,
    multiline,
    numbered,
    outline,
    person,
    release_fields,
    runtime_fields,
    set_ratings,
    text,
    user_rating,
    year_in,
)
from .subpage import title_kind

# Page-wide lookups by test id are written `//@data-testid[.="x"]/..`: the same elements, in the same order,
# as `//*[@data-testid="x"]`, found about four times faster (libxml2 tests a predicate on every element of a
# Next.js page far more slowly than it walks their attributes), and a title page makes some thirty of them.
MARKER = '//@data-testid[.="hero-title-block__title" or .="hero__pageTitle"]/..'
TITLE = '(//@data-testid[.="hero-title-block__title" or .="hero__pageTitle"]/..)[1]'
ORIGINAL_TITLE = '//@data-testid[.="hero-title-block__original-title"]/..'
METADATA_ITEMS = '(//@data-testid[.="hero-title-block__metadata"]/..)[1]/li'
RATING_SCORE = '(//@data-testid[.="hero-rating-bar__aggregate-rating__score"]/..)[1]/span[1]'
GENRES = '(//@data-testid[.="genres" or .="interests"]/..)[1]//a'
PLOTS = (
    '(//@data-testid[.="plot-xl"]/..)[1]',
    '(//@data-testid[.="plot-l"]/..)[1]',
    '(//@data-testid[.="plot"]/..)[1]',
)
PRINCIPAL = '//@data-testid[.="title-pc-principal-credit"]/..'
CAST_ITEMS = '//@data-testid[.="title-cast-item"]/..'
CAST_NAME = './/a[@data-testid="title-cast-item__actor"]'
CAST_CHARACTER_ITEMS = './/*[@data-testid="cast-item-characters-list"]/li'
STORYLINE = '//@data-testid[.="storyline-plot-summary"]/..'
TAGLINE = '//@data-testid[.="storyline-taglines"]/..//li'
STORYLINE_CERT = '//@data-testid[.="storyline-certificate"]/..//li'
DETAIL_ITEM = '//@data-testid[.="{}"]/..//ul/li'
DID_YOU_KNOW = '//@data-testid[.="DidYouKnow"]/parent::section//li[a[contains(@class, "label") or @rel]]'
AWARDS = '//@data-testid[.="award_information"]/..//ul/li'
SERIES_LINK = '(//@data-testid[.="hero-title-block__series-link"]/..)[1]'
EPISODE_NUMBERS = '(//@data-testid[.="hero-subnav-bar-season-episode-numbers-section"]/..)[1]'
FEATURED = (
    '//@data-testid[.="review-featured-header"]/../ancestor::div[descendant::*/@data-testid[.="review-overflow"]][1]'
)


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def _items(sel: Selector, testid: str) -> list[str]:
    return [t for t in (text(li) for li in sel.xpath(DETAIL_ITEM.format(testid))) if t]


def _metadata(sel: Selector) -> dict[str, str]:
    """Year, certificate and runtime from the hero metadata list."""
    found: dict[str, str] = {}
    for li in sel.xpath(METADATA_ITEMS):
        link = li.xpath("./a")
        href = link.attrib.get("href", "") if link else ""
        value = text(link) if link else text(li)
        if not value:
            continue
        if "releaseinfo" in href or re.fullmatch(r"\d{4}(?:[–-]\d{0,4})?", value):
            found.setdefault("year", value)
        elif "parentalguide" in href or "certificates" in href:
            found.setdefault("certificate", value)
        elif re.search(r"\d+\s*h|\d+\s*m", value):
            found.setdefault("runtime", value)
    return found


def _principal(sel: Selector, role: str) -> Selector | None:
    """The first principal credit line whose label starts with `role` ("director", "writer", "star")."""
    for item in sel.xpath(PRINCIPAL):
        if clean_text(item.xpath("string(./*[1])").get() or "").lower().startswith(role):
            return item
    return None


def _credited(item: Selector | None, page: Page, kind: type[PersonT]) -> list[tuple[Selector, PersonT]]:
    """The people of a principal credit line, each with the list item naming them."""
    if item is None:
        return []
    found = []
    for li in item.xpath(".//ul/li"):
        link = li.xpath('.//a[contains(@href, "/name/nm")]')
        entry = person(link[0], page, kind=kind) if link else None
        if entry:
            found.append((li, entry))
    return found


def _writers(item: Selector | None, page: Page) -> list[WriterFields]:
    """The writers of the principal credits, each with the credit note printed after the name."""
    writers = []
    for li, writer in _credited(item, page, WriterFields):
        note = credit_note(" ".join(li.xpath("./span//text()").getall()))
        if note and note.startswith("("):
            writer["note"] = note
        writers.append(writer)
    return writers


def _cast(sel: Selector, page: Page) -> list[CastMemberFields]:
    members: list[CastMemberFields] = []
    for item in sel.xpath(CAST_ITEMS):
        link = item.xpath(CAST_NAME)
        member = person(link[0], page, kind=CastMemberFields) if link else None
        if not member:
            continue
        parts = []
        for li in item.xpath(CAST_CHARACTER_ITEMS):
            part = clean_text(
                " ".join(li.xpath('.//text()[not(ancestor::*[@data-testid="cast-item-characters-with-as"])]').getall())
            )
            if part and part not in ("…", "..."):
                parts.append(part)
        character, alias = character_and_alias(" ".join(parts))
        if character:
            member["character"] = character
        if alias:
            member["credited_as"] = alias
        member["order"] = len(members) + 1
        members.append(member)
    return members


def _did_you_know(sel: Selector) -> FilmFields:
    fields: FilmFields = {}
    for li in sel.xpath(DID_YOU_KNOW):
        label = clean_text(li.xpath("string(./a[1])").get() or "").lower()
        body = li.xpath("./div")
        if label == "soundtracks":
            song = [clean_text(" ".join(s.xpath(".//text()").getall())) for s in body.xpath(".//div[span]/span")]
            song = [s for s in song if s]
            if song:
                fields["soundtrack"] = [{"title": song[0], "credits": song[1:]}]
        elif label == "quotes":
            if quote := multiline(body):
                fields["quotes"] = [quote.replace("\n\n", "\n")]
        elif label == "trivia":
            if trivia := text(body):
                fields["trivia"] = [trivia]
        elif label == "goofs":
            if goof := text(body):
                fields["goofs"] = [goof]
        elif label == "crazy credits":
            if crazy_credit := text(body):
                fields["crazy_credits"] = [crazy_credit]
        elif label == "connections":
            if connection := text(body):
                fields["connections"] = [connection]
    return fields


def _featured_review(page: Page, tt: str, film: FilmFields) -> ReviewFields | None:
    box = page.sel.xpath(FEATURED)
    if not box:
        return None
    headline = text(box.xpath('.//*[@data-testid="review-summary"]'))
    body = multiline(box.xpath('.//*[@data-testid="review-overflow"]'))
    if not headline and not body:
        return None
    author_link = box.xpath('.//*[@data-testid="reviews-author"]//a[contains(@href, "/user/ur")]')
    author = text(author_link)
    record: ReviewFields = {
        "type": "review",
        "source": "imdb",
        "kind": "user",
        "url": main_url(tt),
        "film_id": film_id(tt),
        "id": f"imdb:{digest_id(tt, author, headline)}",
    }
    record.update(film_of_review(film))
    if headline:
        record["title"] = headline
    if author:
        record["author"] = author
    user = re.search(r"/user/(ur\d+)", author_link.attrib.get("href", "") if author_link else "")
    if user:
        record["author_url"] = f"{BASE}/user/{user.group(1)}/"
    date_raw = text(box.xpath('.//*[@data-testid="reviews-author"]//li[not(.//a)][1]'))
    if date_raw:
        record["date_raw"] = date_raw
        if date := iso_date(date_raw):
            record["date"] = date
    score = box.xpath('.//*[@data-testid="review-featured-header"]//span[.//text()[contains(., "/")]]')
    value = re.match(r"\s*(\d+)\s*/\s*10", text(score) or "")
    if value:
        record["rating"] = {"value": Decimal(value.group(1)), "best": IMDB_BEST, "raw": f"{value.group(1)}/10"}
    if body:
        record["text"] = body
    return record


def parse(page: Page, tt: str) -> list[RecordFields]:
    sel = page.sel
    title = text(sel.xpath(TITLE))
    if not title:
        raise PageLayoutError("no_title", "Next.js title page without a hero title")
    movie = next(iter(page.of_type("Movie", "TVSeries", "TVMovie", "TVEpisode", "TVMiniSeries")), {})
    fold = dig_object(page.next_data, "props", "pageProps", "aboveTheFoldData")
    main = dig_object(page.next_data, "props", "pageProps", "mainColumnData")
    if dig(fold, "id") not in (None, tt):
        fold = {}
    if dig(main, "id") not in (None, tt):
        main = {}
    record = film_base(tt)
    record["title"] = title
    original = re.sub(r"^Original title:\s*", "", text(sel.xpath(ORIGINAL_TITLE)) or "")
    if original and original != title:
        record["original_title"] = original
    meta = _metadata(sel)
    record["year"] = year_in(meta.get("year")) or dig(fold, "releaseYear", "year")
    _title_kind(sel, record, fold, movie, meta)

    agg = movie.get("aggregateRating") if isinstance(movie.get("aggregateRating"), dict) else {}
    rating = user_rating(agg.get("ratingValue"), agg.get("ratingCount")) if agg else None
    if rating is None:
        summary = dig_object(fold, "ratingsSummary")
        rating = user_rating(summary.get("aggregateRating") or text(sel.xpath(RATING_SCORE)), summary.get("voteCount"))
    set_ratings(record, rating, dig(fold, "metacritic", "metascore", "score"))

    genres = [g for g in (text(a) for a in sel.xpath(GENRES)) if g]
    record["genres"] = list(dict.fromkeys(genres)) or strings(movie.get("genre"))
    runtime = meta.get("runtime") or text_of(movie.get("duration"))
    record.update(runtime_fields(text_of(movie.get("duration")) or runtime))
    if record.get("runtime_minutes") is not None and meta.get("runtime"):
        record["runtime_raw"] = meta["runtime"]
    record["certificate"] = certificate_field(meta.get("certificate") or text_of(movie.get("contentRating")))
    release = _items(sel, "title-details-releasedate")
    record.update(release_fields(release[0] if release else None))
    record["plot"] = next((p for p in (outline(sel.xpath(x)) for x in PLOTS) if p), None) or text_of(
        movie.get("description")
    )

    directors = [director for _, director in _credited(_principal(sel, "director"), page, PersonFields)]
    record["directors"] = directors or credits(movie.get("director"), page, kind=PersonFields)
    record["writers"] = _writers(_principal(sel, "writer"), page)
    record["cast"] = _cast(sel, page) or numbered(
        [star for _, star in _credited(_principal(sel, "star"), page, CastMemberFields)]
        or credits(movie.get("actor"), page, kind=CastMemberFields)
    )
    storyline = sel.xpath(STORYLINE)
    if storyline:
        record["storyline"] = text(storyline)
    record["tagline"] = next(iter(t for t in (text(li) for li in sel.xpath(TAGLINE)) if t), None)
    record["countries"] = _items(sel, "title-details-origin")
    record["languages"] = _items(sel, "title-details-languages")
    record["also_known_as"] = [{"title": t} for t in _items(sel, "title-details-akas")]
    record["filming_locations"] = _items(sel, "title-details-filminglocations")
    unparsed: dict[str, str] = {}
    budget = _items(sel, "title-boxoffice-budget")
    record["budget"] = money_field(budget[0], unparsed, "budget") if budget else None
    gross = _items(sel, "title-boxoffice-cumulativeworldwidegross")
    record["box_office"] = money_field(gross[0], unparsed, "box_office") if gross else None
    technical: TechnicalSpecsFields = {
        "sound_mix": _items(sel, "title-techspec_soundmix"),
        "color": _items(sel, "title-techspec_color"),
        "aspect_ratio": _items(sel, "title-techspec_aspectratio"),
    }
    if any(technical.values()):
        record["technical"] = technical
    awards = [t for t in (text(li) for li in sel.xpath(AWARDS)) if t]
    record["awards"] = awards_field(" ".join(awards)) if awards else None
    record["user_review_count"] = dig(fold, "reviews", "total")
    record["critic_review_count"] = dig(fold, "criticReviewsTotal", "total")
    record.update(_did_you_know(sel))
    keep_unparsed(record, unparsed)
    film = drop_empty(record)
    review = _featured_review(page, tt, film)
    return [film, review] if review else [film]


def _title_kind(sel: Selector, record: FilmFields, fold: JsonObject, movie: JsonObject, meta: dict[str, str]) -> None:
    title_kind(record, fold)
    label = next((k for k in (kinds.from_label(text(li)) for li in sel.xpath(METADATA_ITEMS)) if k), None)
    link = sel.xpath(SERIES_LINK)
    series = kinds.series_ref(link.attrib.get("href") if link else None, text(link)) if link else None
    kind = label or kinds.from_schema_type(movie.get("@type")) or ("tv_episode" if series else None)
    kinds.apply(
        record,
        kind=kind,
        span=kinds.year_span(meta.get("year")),
        series=series,
        numbers=kinds.season_episode(text(sel.xpath(EPISODE_NUMBERS))),
    )
