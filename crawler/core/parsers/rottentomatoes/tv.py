"""TV pages from 2020 on: a series (`/tv/<slug>`), a season (`/tv/<slug>/s01`) or an episode (`.../s01/e01`).

They share the movie pages' score panels and carry a JSON-LD TVSeries, TVSeason or TVEpisode. The series'
run is printed as a span ("2008 - 2013", "2019 - Present") beside the title or in the page title: a span
gives `year` and `end_year`, never a release date. A season's JSON-LD lists its episodes, read as an
`episodes` listing.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text
from schemas.record_fields import (
    CastMemberFields,
    FilmFields,
    ListingEntryFields,
    ListingFields,
    PersonFields,
    RecordFields,
)

from ..errors import PageLayoutError
from ..fields import JsonObject, put_credits
from ..page import Page
from ..schemaorg import certificate, credits, strings, text_of
from ..structured import as_list, dig
from .common import SOURCE, apply_ratings
from .movie import TITLES  # the score panels are the same on TV pages
from .movie import _ratings as shown_ratings

TV_PATH = re.compile(r"^/tv/([^/?#]+)(?:/s(\d+))?(?:/e(\d+))?/?$")
SPAN_LINES = (
    '//media-scorecard//*[@slot="metadataProp"]//text() | //media-hero//*[@slot="metadataProp"]//text()'
    ' | //*[self::score-board or self::score-board-deprecated]/*[@slot="info"]//text()'
    ' | //*[@data-qa="series-details-premiere-date"]//text() | //title/text()'
)
# "2008 - 2013", "2019 - Present", "(2021– )": a run, not a date ("2019-05-12" has more after the dash).
YEAR_SPAN = re.compile(r"\b(1[89]\d\d|20\d\d)\s*[-–—]\s*(?:(1[89]\d\d|20\d\d|Present)\b|(?=\s*\)|\s*$))", re.I)
JSON_LD_TYPES = ("TVEpisode", "TVSeason", "TVSeries")


def parse(page: Page) -> list[RecordFields]:
    path = TV_PATH.match(urlsplit(page.url).path)
    if not path:
        raise PageLayoutError("no_tv_slug", f"{page.url} has no /tv/<slug> path")
    slug, season, episode = path.group(1), path.group(2), path.group(3)
    found = page.of_type(*JSON_LD_TYPES)
    item = found[0] if found else {}
    title = _visible_title(page) or text_of(item.get("name"))
    if not title:
        raise PageLayoutError("no_title", "TV page without a title panel or a JSON-LD name")
    series_id = f"{SOURCE}:tv/{slug}"
    own_path = f"tv/{slug}" + (f"/s{season}" if season else "") + (f"/e{episode}" if episode else "")
    record: FilmFields = {
        "type": "film",
        "source": SOURCE,
        "id": f"{SOURCE}:{own_path}",
        "url": (page.canonical_url if _same_title(page.canonical_url, path) else None) or page.url,
        "title": title,
    }
    if season is None:
        record["title_kind"] = "tv_series"
        record.update(_run(page))
    else:
        series_name = text_of(dig(item, "partOfSeries", "name"))
        record["series"] = {"id": series_id, "title": series_name or title}
        record["season"] = int(season)
        if episode is not None:
            record["title_kind"] = "tv_episode"
            record["episode"] = int(episode)
    apply_ratings(record, shown_ratings(page, item))
    genres = strings(item.get("genre"))
    if genres:
        record["genres"] = genres
    cert = certificate(item.get("contentRating"))
    if cert:
        record["certificate"] = cert
    directors = credits(item.get("director"), page, kind=PersonFields)
    if directors:
        record["directors"] = directors
    cast = credits(item.get("actor"), page, kind=CastMemberFields)
    put_credits(record, billed=cast)
    plot = text_of(item.get("description"))
    if plot:
        record["plot"] = plot
    records: list[RecordFields] = [record]
    if season is not None and episode is None:
        listing = _episodes(page, item, slug, int(season))
        if listing:
            records.append(listing)
    return records


def _visible_title(page: Page) -> str | None:
    for xpath in TITLES:
        text = clean_text(" ".join(page.sel.xpath(xpath).getall()))
        if text:
            return text
    return None


def _same_title(url: str | None, path: re.Match[str]) -> bool:
    found = TV_PATH.match(urlsplit(url or "").path)
    return bool(found and found.groups() == path.groups())


def _run(page: Page) -> FilmFields:
    """`year` and `end_year` of a series from the first printed span; nothing from a lone year."""
    for line in page.sel.xpath(SPAN_LINES).getall():
        span = YEAR_SPAN.search(clean_text(line))
        if span:
            run: FilmFields = {"year": int(span.group(1))}
            if span.group(2) and span.group(2).isdigit() and int(span.group(2)) >= int(span.group(1)):
                run["end_year"] = int(span.group(2))
            return run
    return {}


def _episodes(page: Page, season: JsonObject, slug: str, number: int) -> ListingFields | None:
    entries: list[ListingEntryFields] = []
    for item in as_list(season.get("episode")):
        if not isinstance(item, dict):
            continue
        name = text_of(item.get("name"))
        url = page.absolute(item.get("url")) if isinstance(item.get("url"), str) else None
        found = TV_PATH.match(urlsplit(url or "").path)
        if not name or not found or found.group(1) != slug or found.group(3) is None:
            continue  # only links to this series' own episode pages
        entries.append(
            {
                "title": name,
                "url": url,
                "id": f"{SOURCE}:tv/{slug}/s{found.group(2)}/e{found.group(3)}",
                "season": int(found.group(2)),
                "episode": int(found.group(3)),
            }
        )
    if not entries:
        return None
    return {
        "type": "listing",
        "source": SOURCE,
        "kind": "episodes",
        "url": page.canonical_url or page.url,
        "title": text_of(season.get("name")) or f"Season {number}",
        "entries": entries,
    }
