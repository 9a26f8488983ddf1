"""Letterboxd poster grids of a user: lists (`/<user>/list/<slug>/`) and watchlists (`/<user>/watchlist/`).

Two markups are read:
- `li.poster-container` holding `div.film-poster[data-film-slug]` with the title as the poster's `img alt`
  and the list number in `p.list-number` (ranked lists); years are not printed beside the posters, so they
  come from `data-film-release-year` when present, else from the page description, which names the first
  films with their years ("including Parasite (2019), ...");
- `li.griditem` / `li.posteritem` holding a `div.react-component` with `data-item-name="Gozu (2003)"`,
  `data-item-slug` and `data-item-link`.

A list's detail view (`/<user>/list/<slug>/detail/`, 2013-2023) prints each film as an `li.film-detail` row
instead: the poster beside `h2.headline-2` linking to `/film/<slug>/`, the year in its `small.metadata`, the
list number in `p.list-number` and the member's notes (not read). Since 2024 the rows are the children of
`div.list-detailed-entries-list.js-list-entries`, headed `h2.name.-primary` with the year in
`span.releasedate`.

A member's films and liked films (`/<user>/films/`, `/<user>/likes/films/`) print the member's own stars under
each poster they rated (`p.poster-viewingdata` > `span.rating.rated-<half stars>`, every era): the entry's rating
on five. Their heading states how many films the member watched in a tooltip ("Watched" titled "367 films").

The films similar to one film (`/film/<slug>/similar/`) are a poster grid like the others, under the film's own
poster, which is no entry.

The browse grid (`/films/popular/`, also served alone as an `/films/ajax/...` fragment) adds the members'
average rating on five as `data-average-rating` on each item and states its size ("There are 749,609 films.").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from crawler.core.normalize import clean_text, parse_count, strip_year_suffix, whole_number
from schemas.listing import ListingKind
from schemas.record_fields import ListingEntryFields, ListingFields, RatingFields

from ..errors import PageLayoutError
from ..fields import or_none
from ..page import Page

SOURCE = "letterboxd"

# Posters of the page's own grid: the sidebar's "popular this week" posters and the header's are not entries.
ITEMS = (
    '//li[contains(concat(" ",normalize-space(@class)," ")," poster-container ")'
    ' or contains(concat(" ",normalize-space(@class)," ")," griditem ")'
    ' or contains(concat(" ",normalize-space(@class)," ")," posteritem ")]'
    "[not(ancestor::aside or ancestor::nav or ancestor::header or ancestor::footer"
    ' or ancestor::*[contains(concat(" ",normalize-space(@class)," ")," sidebar ")])]'
)
# The detail view's rows: an `li.film-detail` with its heading link, in the page's own list.
# The heading of a detail row: `h2.headline-2` until 2023, `h2.name.-primary` since 2024.
DETAIL_HEADING = 'h2[contains(@class,"headline-2") or contains(concat(" ",normalize-space(@class)," ")," name ")]'
DETAIL_ITEMS = (
    '(//li[contains(concat(" ",normalize-space(@class)," ")," film-detail ")]'
    ' | //*[contains(concat(" ",normalize-space(@class)," ")," js-list-entries ")]/*)'
    f'[.//{DETAIL_HEADING}//a[contains(@href,"/film/")]]'
    "[not(ancestor::aside or ancestor::nav or ancestor::header or ancestor::footer"
    ' or ancestor::*[contains(concat(" ",normalize-space(@class)," ")," sidebar ")])]'
)
DETAIL_LINK = f'.//{DETAIL_HEADING}//a[contains(@href,"/film/")][1]'
DETAIL_YEAR = (
    f'.//{DETAIL_HEADING}//small[contains(@class,"metadata")]'
    ' | .//span[contains(concat(" ",normalize-space(@class)," ")," releasedate ")]'
)
POSTER = ".//*[@data-film-slug or @data-item-slug or @data-item-link or @data-target-link or @data-film-link]"
POSTER_IMG_ALT = ".//img/@alt"
LIST_NUMBER = './/p[contains(@class,"list-number")]'
HEADING = (
    '//div[contains(@class,"list-title-intro")]//h1'
    ' | //header[contains(@class,"page-header")]//h1[contains(@class,"section-heading")]'
)
NEXT_LINK = '//div[contains(@class,"pagination")]//a[contains(@class,"next")]/@href'
WATCHLIST_COUNT = '//*[contains(@class,"js-watchlist-count")]'
# The member's films: the heading's tooltip counts them ("367&nbsp;films"), in its `title`, moved to
# `data-original-title` once the page's tooltips ran.
HEADING_COUNT = (
    '(//h1[contains(@class,"section-heading")]//*[@data-original-title or @title])[1]'
    "/@*[name()='data-original-title' or name()='title']"
)
HEADING_FILMS = re.compile(r"^([\d,]+)\s+films?$", re.I)
MEMBER_STARS = './/*[contains(@class, "poster-viewingdata")]//span[contains(@class, "rating")]/@class'
RATED = re.compile(r"\brated-(\d{1,2})\b")

LIST_SIZE = re.compile(r"\bA list of ([\d,]+) films?\b", re.I)
BROWSE_SIZE = re.compile(r"\bThere (?:are|is) ([\d,]+)\s+films?\b", re.I)
BROWSE_HEADING = '//*[contains(@class,"ui-block-heading")]'
AVERAGE_RATING = "./@data-average-rating"
MEMBER_RATING_BEST = Decimal(5)
FILM_IN_PATH = re.compile(r"(?:^|/)film/([^/?#]+)")
BARE_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
POSTER_FOR = re.compile(r"^Poster for\s+", re.I)
YEAR = re.compile(r"^\d{4}$")
# The poster's caption, "The Red Shoes (1948)": the frame's title attribute or its `span.frame-title`.
FRAME_CAPTIONS = (
    './/*[contains(concat(" ",normalize-space(@class)," ")," frame ")]/@data-original-title'
    ' | .//*[contains(concat(" ",normalize-space(@class)," ")," frame ")]/@title'
    ' | .//*[contains(concat(" ",normalize-space(@class)," ")," frame-title ")]'
)
# A browse page stating the one year of all its films: "Popular films of 1948", "Films released in 1948".
LIST_OF_YEAR = re.compile(r"^(?:[\w-]+\s+){0,3}films\s+(?:released\s+|made\s+)?(?:of|in|from)\s+(\d{4})$", re.I)
YEAR_IN_PATH = re.compile(r"/(?:year|decade)/(\d{4})s?/")
PAGE_TITLE_SUFFIX = re.compile(r"\s*[•|–-]\s*Letterboxd\s*$", re.I)
DESCRIBED_FILMS = re.compile(r"\bincluding (.*?\(\d{4}\))\.(?:\s|$)")
DESCRIBED_FILM = re.compile(r"(?:^|, | and )(.+?) \((\d{4})\)")


def parse(page: Page, *, kind: ListingKind) -> ListingFields:
    items = page.sel.xpath(ITEMS)
    read_entry = poster_entry
    if not items:
        items = page.sel.xpath(DETAIL_ITEMS)
        read_entry = detail_entry
    if not items and not page.sel.xpath(HEADING):
        raise PageLayoutError("no_entries", f"Letterboxd {kind} page without a poster grid or heading")
    description = page.meta("description") or page.meta("og:description") or ""
    years = described_years(description)
    entries: list[ListingEntryFields] = []
    list_year = _stated_year_of_all(page) if kind == "browse" else None
    for item in items:
        entry = read_entry(item, years)
        if not entry:
            continue
        if list_year and "year" not in entry:
            entry["year"] = list_year
        if kind == "user_films" and not entry.get("rating"):
            stars = member_stars(item)
            if stars:
                entry["rating"] = stars
        entries.append(entry)
    url = page.canonical_url or page.url
    record: ListingFields = {"type": "listing", "source": SOURCE, "url": url, "kind": kind, "entries": entries}
    heading = clean_text(page.sel.xpath(HEADING).xpath("string()").get() or "")
    if heading:
        record["title"] = heading
    total = _total(page, description, member_films=kind == "user_films")
    if total is not None and total >= len(entries):
        record["total"] = total
    next_url = page.absolute(page.sel.xpath(NEXT_LINK).get())
    if next_url:
        record["next_url"] = next_url
    return record


def similar(page: Page) -> ListingFields:
    """The films similar to one film (`/film/<slug>/similar/`): the page's poster grid as a `related` listing,
    without the film's own poster, which heads the grid (a sidebar's posters are no entries: ITEMS)."""
    record = parse(page, kind="related")
    own = FILM_IN_PATH.search(urlsplit(page.canonical_url or page.url).path)
    own_id = f"{SOURCE}:film/{own.group(1)}" if own else None
    record["entries"] = [entry for entry in record["entries"] if entry.get("id") != own_id]
    if not record["entries"]:
        raise PageLayoutError("no_entries", "Letterboxd similar films page without a poster grid")
    return record


def poster_entry(item: Any, described: dict[str, int]) -> ListingEntryFields | None:
    poster = item.xpath(POSTER)
    if not poster:
        return None
    attrs = poster[0].attrib
    title: str | None = None
    year: int | None = None
    display = attrs.get("data-item-full-display-name") or attrs.get("data-item-name")
    if display:
        title, year = strip_year_suffix(clean_text(display))
    if not title:
        alt = clean_text(item.xpath(POSTER_IMG_ALT).get() or "")
        if POSTER_FOR.match(alt):
            title, year = strip_year_suffix(POSTER_FOR.sub("", alt))
        else:
            title = alt or clean_text(attrs.get("data-film-name") or "")
    if not title:
        return None
    entry: ListingEntryFields = {"title": title}
    release_year = attrs.get("data-film-release-year") or attrs.get("data-item-release-year") or ""
    if year is None and YEAR.match(release_year.strip()):
        year = int(release_year.strip())
    if year is None:
        year = _caption_year(item, title)
    if year is None:
        year = described.get(title)
    if year:
        entry["year"] = year
    slug = film_slug(attrs)
    if slug:
        entry["url"] = f"https://letterboxd.com/film/{slug}/"
        entry["id"] = f"{SOURCE}:film/{slug}"
    number = clean_text(item.xpath(LIST_NUMBER).xpath("string()").get() or "").replace(",", "")
    if whole_number(number) is not None:
        entry["rank"] = whole_number(number)
    rating = _average_rating(item.xpath(AVERAGE_RATING).get())
    if rating:
        entry["rating"] = rating
    return entry


def detail_entry(item: Any, described: dict[str, int]) -> ListingEntryFields | None:
    """A row of a list's detail view: its poster's entry, titled, dated and linked by the row's heading where
    the poster does not say."""
    link = item.xpath(DETAIL_LINK)[0]
    entry = poster_entry(item, {}) or {}
    title = entry.get("title") or clean_text(link.xpath("string()").get() or "")
    if not title:
        return None
    entry["title"] = title
    printed = first_printed(item.xpath(DETAIL_YEAR))
    if "year" not in entry and YEAR.match(printed):
        entry["year"] = int(printed)
    if "year" not in entry and title in described:
        entry["year"] = described[title]
    slug = film_slug({}, link.attrib.get("href")) if "id" not in entry else None
    if slug:
        entry["url"] = f"https://letterboxd.com/film/{slug}/"
        entry["id"] = f"{SOURCE}:film/{slug}"
    if "rank" not in entry:
        number = whole_number(clean_text(item.xpath(LIST_NUMBER).xpath("string()").get() or "").replace(",", ""))
        if number is not None:
            entry["rank"] = number
    return entry


def _caption_year(item: Any, title: str) -> int | None:
    """The year of the poster's caption ("The Red Shoes (1948)") where the caption names the entry's title."""
    for caption in item.xpath(FRAME_CAPTIONS):
        text = caption.get() if isinstance(caption.root, str) else caption.xpath("string()").get()
        named, year = strip_year_suffix(clean_text(text or ""))
        if year and named.casefold() == title.casefold():
            return year
    return None


def _stated_year_of_all(page: Page) -> int | None:
    """The year a browse page says all its films are of: its title or heading "Popular films of 1948", never
    the address alone; None where the address filters another year or decade."""
    stated: set[int] = set()
    for text in (page.sel.xpath("//title").xpath("string()").get(), page.sel.xpath("//h1").xpath("string()").get()):
        match = LIST_OF_YEAR.match(PAGE_TITLE_SUFFIX.sub("", clean_text(text or "")))
        if match:
            stated.add(int(match.group(1)))
    if len(stated) != 1:
        return None
    year = stated.pop()
    in_path = YEAR_IN_PATH.search(urlsplit(page.canonical_url or page.url).path)
    if in_path and (int(in_path.group(1)) != year or "/decade/" in in_path.group(0)):
        return None
    return year


def _average_rating(raw: str | None) -> RatingFields | None:
    """The members' average on five ("4.58"); None when absent or off the scale."""
    try:
        value = Decimal((raw or "").strip())
    except InvalidOperation:
        return None
    if not value.is_finite() or not 0 < value <= MEMBER_RATING_BEST:
        return None
    return {"value": value, "best": MEMBER_RATING_BEST, "worst": Decimal(0)}


def film_slug(attrs: dict[str, str], href: str | None = None) -> str | None:
    """The film's slug from a poster's attributes or a link: "/film/<slug>/" paths (`data-target-link`,
    `data-film-link`, a member's "/<user>/film/<slug>/"), else a bare `data-item-slug` / `data-film-slug`
    ("fight-club", as until 2021)."""
    for link in (
        attrs.get("data-item-link"),
        attrs.get("data-target-link"),
        attrs.get("data-film-link"),
        attrs.get("data-film-slug"),
        href,
    ):
        found = FILM_IN_PATH.search(link or "")
        if found:
            return found.group(1)
    for bare in (attrs.get("data-item-slug"), attrs.get("data-film-slug")):
        if bare and BARE_SLUG.match(bare.strip()):
            return bare.strip()
    return None


def described_years(description: str) -> dict[str, int]:
    """Title -> year of the films the page description names ("including Come and See (1985), ...")."""
    named = DESCRIBED_FILMS.search(description)
    years: dict[str, set[int]] = {}
    for title, year in DESCRIBED_FILM.findall(named.group(1) if named else ""):
        years.setdefault(clean_text(title), set()).add(int(year))
    # A title named twice with different years (a remake) says nothing certain about either.
    return {title: found.pop() for title, found in years.items() if len(found) == 1}


def member_stars(item: Any) -> RatingFields | None:
    """The member's stars under a poster, `span.rating.rated-<half stars>`, on five."""
    rated = RATED.search(" ".join(item.xpath(MEMBER_STARS).getall()))
    if not rated or not 1 <= int(rated.group(1)) <= 10:
        return None
    return {"value": Decimal(rated.group(1)) / 2, "best": MEMBER_RATING_BEST, "worst": Decimal(0)}


def _total(page: Page, description: str, *, member_films: bool = False) -> int | None:
    stated = LIST_SIZE.search(description) or BROWSE_SIZE.search(
        clean_text(page.sel.xpath(BROWSE_HEADING).xpath("string()").get() or "")
    )
    if stated:
        return int(stated.group(1).replace(",", ""))
    tooltips = (clean_text(t) for t in page.sel.xpath(HEADING_COUNT).getall()) if member_films else iter(())
    counted = next((m for m in (HEADING_FILMS.match(t) for t in tooltips) if m), None)
    if counted:
        return int(counted.group(1).replace(",", ""))
    shown = clean_text(page.sel.xpath(WATCHLIST_COUNT).xpath("string()").get() or "")
    if not shown:
        return None
    return or_none(parse_count, shown.split(" ")[0])


def first_printed(nodes: Any) -> str:
    """The first non-empty text of `nodes`: a heading may hold an empty `small.metadata` inside its title link
    before the one printing the year."""
    return next((text for text in (clean_text(t) for t in nodes.xpath("string()").getall()) if text), "")
