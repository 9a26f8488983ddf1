"""Episode lists of a series (`/title/tt.../episodes?season=1`), as an "episodes" listing.

Two layouts:
- 2013-2021 `div.eplist` of `div.list_item` rows: the episode link (`strong a[itemprop=name]`), "S1, Ep3" on
  the image, `meta[itemprop=episodeNumber]`, `div.airdate` ("Oct. 31, 2010"), from 2016 a star rating
  (`span.ipl-rating-star__rating`, "(12,345)" votes); the series in `div.parent h3` ("The Walking Dead
  (2010– )") and the season in `h3#episode_top` ("Season 1").
- since 2023 (Next.js) `article.episode-item-wrapper` cards ("S1.E3 ∙ Title", air date, star rating), with
  the whole season in `__NEXT_DATA__` (`contentData.section.episodes.items[]` {id, titleText, season, episode,
  releaseYear, aggregateRating, voteCount}) and the series in `contentData.entityMetadata`.

An entry's year is the year its episode first aired. Records: the listing, and the series as a film record
when the page names it.
"""

from __future__ import annotations

from typing import Any, cast

from parsel import Selector

from schemas.record_fields import FilmFields, ListingEntryFields, ListingFields, RatingFields, RecordFields

from ..errors import PageLayoutError
from ..page import Page
from ..structured import as_list, dig
from . import kinds
from .common import (
    BASE,
    IMDB_BEST,
    IMDB_WORST,
    count_of,
    drop_empty,
    film_base,
    split_title_year,
    text,
    user_rating,
    year_in,
)
from .ids import film_id, title_id
from .subpage import entity, film_fields

MARKER = (
    '//div[contains(@class, "eplist")]/div[contains(@class, "list_item")]'
    ' | //article[contains(@class, "episode-item-wrapper")]'
)

EPLIST_ROWS = '//div[contains(@class, "eplist")]/div[contains(@class, "list_item")]'
EPLIST_LINK = './/strong/a[contains(@href, "/title/tt")] | .//a[@itemprop="name"][contains(@href, "/title/tt")]'
EPLIST_NUMBERS = (
    './/div[contains(@class, "image")]//div[not(@class)] | .//div[contains(@class, "hover-over-image")]/div'
)
EPLIST_EPISODE_NUMBER = './/meta[@itemprop="episodeNumber"]/@content'
EPLIST_AIRDATE = './/div[contains(@class, "airdate")]'
EPLIST_RATING = './/span[contains(@class, "ipl-rating-star__rating")]'
EPLIST_VOTES = './/span[contains(@class, "ipl-rating-star__total-votes")]'
EPLIST_SEASON = '//h3[@id="episode_top"]'
EPLIST_SEASON_COUNT = '//*[@itemtype="http://schema.org/TVSeason"]/meta[@itemprop="numberofEpisodes"]/@content'
SERIES_HEADING = '//div[contains(@class, "parent")]/h3[a[contains(@href, "/title/tt")]]'
SERIES_HEADING_LINK = './a[contains(@href, "/title/tt")]'

CARDS = '//article[contains(@class, "episode-item-wrapper")]'
CARD_TITLE = './/*[contains(@class, "ipc-title__text")]'
CARD_LINK = './/a[contains(@href, "/title/tt")]/@href'
CARD_TEXTS = ".//span//text()"
CARD_STAR = './/span[contains(@class, "ipc-rating-star--imdb")]'
CARD_STAR_VALUE = './span[contains(@class, "ipc-rating-star--rating")]'
CARD_STAR_VOTES = './span[contains(@class, "ipc-rating-star--voteCount")]'
DATA_EPISODES = ("props", "pageProps", "contentData", "section", "episodes")


def matches(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER)) or bool(_data_items(page))


def parse(page: Page, tt: str | None) -> list[RecordFields]:
    data = _data_items(page)
    if page.sel.xpath(EPLIST_ROWS):
        layout, entries = "eplist", _eplist_entries(page.sel)
    else:
        layout, entries = "next", _merged(_card_entries(page.sel), [_data_entry(item) for item in data])
    present = [e for e in entries if e]
    if not present:
        raise PageLayoutError("no_episode_entries", f"{page.url}: an episode list without episodes")
    for position, entry in enumerate(present, start=1):
        entry["rank"] = position
    series = _series(page, tt)
    listing: ListingFields = {
        "type": "listing",
        "source": "imdb",
        "kind": "episodes",
        "url": page.url,
        "entries": [drop_empty(e) for e in present],
    }
    if series.get("title"):
        listing["title"] = series["title"]
    total = (
        count_of(page.sel.xpath(EPLIST_SEASON_COUNT).get())
        if layout == "eplist"
        else count_of(dig(page.next_data, *DATA_EPISODES, "total"))
    )
    if total is not None and total >= len(present):
        listing["total"] = total
    records: list[RecordFields] = [series] if series.get("title") else []
    records.append(listing)
    for record in records:
        record["extraction"] = {"parser": f"imdb/episodes/{layout}"}
    return records


def _series(page: Page, tt: str | None) -> FilmFields:
    """The series as a film record: its title and run, from the page data or the heading above the list
    ("The Walking Dead (2010– )" in the link before 2016, the link and a "(2011–2019)" span after)."""
    if tt and entity(page, tt):
        return film_fields(page, tt)
    heading = page.sel.xpath(SERIES_HEADING)
    if not heading:
        found: FilmFields = film_fields(page, tt) if tt else {}
        return found if found.get("title") else {}
    link = heading.xpath(SERIES_HEADING_LINK)
    tt = tt or title_id(link.attrib.get("href") if link else None)
    shown = text(link)
    if not tt or not shown:
        return {}
    title, _ = split_title_year(shown)
    record = film_base(tt)
    record["title"] = title or shown
    span = kinds.year_span(text(heading))
    if span:
        # Only a title with episodes prints a run here, so the span is a series' first and last year.
        record["year"], record["end_year"] = span
    return drop_empty(record)


def _entry(
    tt: str | None,
    title: str | None,
    *,
    year: int | None,
    season: int | None,
    episode: int | None,
    rating: RatingFields | None,
) -> ListingEntryFields | None:
    """An episode entry; its empty fields are dropped once the rendered and page-data entries are merged."""
    if not tt or not title:
        return None
    return {
        "title": title,
        "url": f"{BASE}/title/{tt}/",
        "id": film_id(tt),
        "year": year,
        "season": season,
        "episode": episode,
        "rating": rating,
    }


def _eplist_entries(sel: Selector) -> list[ListingEntryFields | None]:
    season_text = text(sel.xpath(EPLIST_SEASON)) or ""
    season_digits = "".join(ch for ch in season_text if ch.isdigit())
    season_shown = int(season_digits) if season_digits and len(season_digits) <= 4 else None
    entries = []
    for row in sel.xpath(EPLIST_ROWS):
        link = row.xpath(EPLIST_LINK)
        numbers = kinds.season_episode(text(row.xpath(EPLIST_NUMBERS)))
        episode = count_of(row.xpath(EPLIST_EPISODE_NUMBER).get())
        season = numbers[0] if numbers else season_shown
        rating = user_rating(text(row.xpath(EPLIST_RATING)), (text(row.xpath(EPLIST_VOTES)) or "").strip("()") or None)
        entries.append(
            _entry(
                title_id(link.attrib.get("href") if link else None),
                text(link),
                year=year_in(text(row.xpath(EPLIST_AIRDATE))),
                season=season,
                episode=numbers[1] if numbers else episode,
                rating=_listing_rating(rating),
            )
        )
    return entries


def _card_entries(sel: Selector) -> list[ListingEntryFields | None]:
    entries = []
    for card in sel.xpath(CARDS):
        heading = text(card.xpath(CARD_TITLE)) or ""
        numbers = kinds.season_episode(heading)
        # "S1.E3 ∙ Tell It to the Frogs": the title follows the numbers and their separator.
        title = heading.split("∙", 1)[1].strip() if "∙" in heading else (heading if not numbers else None)
        year = next((year_in(t) for t in card.xpath(CARD_TEXTS).getall() if "," in t and year_in(t)), None)
        star = card.xpath(CARD_STAR)
        rating = user_rating(text(star.xpath(CARD_STAR_VALUE)), None) if star else None
        entries.append(
            _entry(
                title_id(card.xpath(CARD_LINK).get()),
                title,
                year=year,
                season=numbers[0] if numbers else None,
                episode=numbers[1] if numbers else None,
                rating=_listing_rating(rating),
            )
        )
    return entries


def _data_items(page: Page) -> list[Any]:
    return as_list(dig(page.next_data, *DATA_EPISODES, "items")) if page.next_data else []


def _data_entry(item: Any) -> ListingEntryFields | None:
    if not isinstance(item, dict):
        return None
    tt = item.get("id") if isinstance(item.get("id"), str) and item["id"].startswith("tt") else None
    title = item.get("titleText") if isinstance(item.get("titleText"), str) else dig(item, "titleText", "text")
    year = item.get("releaseYear") if isinstance(item.get("releaseYear"), int) else dig(item, "releaseDate", "year")
    rating = user_rating(item.get("aggregateRating"), item.get("voteCount"))
    return _entry(
        tt,
        title if isinstance(title, str) else None,
        year=year if isinstance(year, int) else None,
        season=count_of(_digits(item.get("season"))),
        episode=count_of(_digits(item.get("episode"))),
        rating=_listing_rating(rating),
    )


def _digits(value: Any) -> Any:
    """Season and episode numbers come as "1" in the page data; "Unknown" is no number."""
    if isinstance(value, str):
        return value if value.isdigit() else None
    return value


def _merged(
    rendered: list[ListingEntryFields | None], data: list[ListingEntryFields | None]
) -> list[ListingEntryFields | None]:
    """The page data's entries (the whole season), each field the rendered card states taking precedence."""
    shown = {e.get("id"): e for e in rendered if e}
    if not data or not any(data):
        return rendered
    return [
        _shown_over(entry, shown[entry.get("id")]) if entry and entry.get("id") in shown else entry for entry in data
    ]


def _shown_over(entry: ListingEntryFields, card: ListingEntryFields) -> ListingEntryFields:
    """`entry` with every field the rendered card states instead, the two ratings' fields merged likewise."""
    merged = entry.copy()
    # Every entry holds the same keys (`_entry`): the card's non-null values replace the page data's.
    merged.update(cast(ListingEntryFields, {key: value for key, value in card.items() if value is not None}))
    rating: RatingFields = {**(entry.get("rating") or {}), **(card.get("rating") or {})}
    merged["rating"] = rating or None
    return merged


def _listing_rating(rating: RatingFields | None) -> RatingFields | None:
    if not rating:
        return None
    found: RatingFields = {"value": rating["value"], "best": IMDB_BEST, "worst": IMDB_WORST}
    if rating.get("count") is not None:
        found["count"] = rating["count"]
    return found
