"""TV pages of the 2011-2022 product layout: a season (`/tv/<slug>/season-<n>`) or a show (`/tv/<slug>`).

    h1.product_title (or div.product_title holding an h1 and an h2): the show's name in
    span[itemprop=partOfTVSeries] span[itemprop=name], then ":" and the season's own span[itemprop=name]
    ("Season 6"); the scores and the li.summary_detail facts are the movie pages' of the same years
    (movie_2011), plus the TV labels "Series Premiere Date:", "Season 6 premiere date:" and
    "Episode Length:" (minutes, printed bare: "30").
A season page's dates are the show's first airing and the season's: only the season's is the record's
release; the show's premiere dates a show page only (its year, as the 2023+ TV pages give it).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import FilmFields

from ..errors import PageLayoutError
from ..page import Page
from ..schemaorg import release
from .common import BASE_URL, SOURCE, apply_ratings, runtime
from .movie_2011 import DETAIL_LABEL, DETAILS, METASCORE_BOX, USER_SCORE_BOX, _apply_detail, _score

TV_PATH = re.compile(r"^/tv/([^/?#]+)(?:/season-(\d+))?/?$")
PRODUCT_TITLE = (
    '//*[self::h1 or self::div][contains(concat(" ", normalize-space(@class), " "), " product_title ")]'
    '[not(ancestor::*[contains(@class, "product_titles")])]'
)
MARKER = (
    f'{PRODUCT_TITLE}[//li[contains(@class, "summary_detail")]][not(//div[contains(@class, "product_page_title")])]'
)
SHOW_NAME = './/*[@itemprop="partOfTVSeries"]//*[@itemprop="name"]'
SEASON_NAME = './/*[@itemprop="name"][not(ancestor::*[@itemprop="partOfTVSeries"])]'
# "Season 6 premiere date:" — the season's own first airing.
SEASON_PREMIERE = re.compile(r"^season \d+ premiere date$")
SEASON_NUMBER = re.compile(r"^season (\d+)$", re.I)


def matches(page: Page) -> bool:
    return bool(TV_PATH.match(urlsplit(page.url).path) and page.sel.xpath(MARKER))


def has_heading(page: Page) -> bool:
    return bool(page.sel.xpath(MARKER))


def parse(page: Page, *, title_url: str | None = None) -> list[FilmFields]:
    """The show or season record; `title_url` is its page's address when read from another of its pages."""
    path = TV_PATH.match(urlsplit(title_url or page.url).path)
    heading = page.sel.xpath(PRODUCT_TITLE)
    if not path or not heading:
        raise PageLayoutError("no_title", f"{page.url} is not a /tv/ page with a product title")
    slug, season = path.group(1), path.group(2)
    show = clean_text(heading[0].xpath(SHOW_NAME).xpath("string()").get() or "")
    season_name = clean_text(heading[0].xpath(SEASON_NAME).xpath("string()").get() or "")
    # "Veep : Season 1" when the heading has no itemprop spans to tell the show from the season.
    whole = re.sub(r"\s+:", ":", clean_text(heading[0].xpath("string()").get() or ""))
    if not (show or whole):
        raise PageLayoutError("no_title", "empty product title on a Metacritic TV page")
    own_path = f"tv/{slug}" + (f"/season-{season}" if season else "")
    record: FilmFields = {
        "type": "film",
        "source": SOURCE,
        "id": f"{SOURCE}:{own_path}",
        "url": f"{BASE_URL}/{own_path}",
    }
    if season is not None:
        named = SEASON_NUMBER.match(season_name)
        # The heading names the season the address does; anything else is not this page's season.
        if show and named and named.group(1) == str(int(season)):
            record["title"] = f"{show}: {season_name}"
        else:
            record["title"] = whole
        record["series"] = {"id": f"{SOURCE}:tv/{slug}", "title": show or whole}
        record["season"] = int(season)
    else:
        record["title"] = show or whole
        record["title_kind"] = "tv_series"
    apply_ratings(record, [_score(page.sel, METASCORE_BOX, user=False), _score(page.sel, USER_SCORE_BOX, user=True)])
    for item in page.sel.xpath(DETAILS):
        label = clean_text(item.xpath(DETAIL_LABEL).xpath("string()").get() or "").rstrip(":").strip().lower()
        _apply_tv_detail(page, record, label, item, is_season=season is not None)
    return [record]


def _apply_tv_detail(page: Page, record: FilmFields, label: str, item: Selector, *, is_season: bool) -> None:
    value = clean_text(" ".join(item.xpath('./*[not(contains(@class, "label"))]').xpath("string()").getall()))
    if label == "episode length":
        # Printed as a bare number of minutes.
        record.update(runtime(f"{value} min" if value.isdecimal() else value))
        if record.get("runtime_minutes"):
            record["runtime_raw"] = value
    elif label == "series premiere date":
        dated = release(value or None)
        if not is_season and dated.get("release_date"):
            record["year"] = int(str(dated["release_date"])[:4])
    elif SEASON_PREMIERE.match(label):
        if is_season:
            dated = release(value or None)
            record.update(dated)
            if dated.get("release_date"):
                record["year"] = int(str(dated["release_date"])[:4])
    elif label not in ("rating", "runtime", "release date"):
        _apply_detail(page, record, label, item)
