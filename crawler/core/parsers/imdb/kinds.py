"""What an IMDb title is (feature, series, mini-series, TV movie, episode...) and the run of a series.

Every layout says it its own way: the page data's `titleType.id` ("tvMiniSeries"), JSON-LD `@type`
("TVSeries", "TVEpisode"), the printed labels of the header ("TV Series", "TV Mini-Series", "Episode aired",
"TV Movie") and the old markers after the year ("(TV)", "(V)"). A year span "2007–2019" is the run of a
series: its first year and its last, never a release date.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.core.normalize import clean_text
from schemas.film import TitleKind
from schemas.record_fields import FilmFields, SeriesRefFields

from .ids import film_id, title_id

# Page data `titleType.id` -> the schema's title kind. Video games, podcasts and music videos are not films.
TYPE_IDS: dict[str, TitleKind] = {
    "movie": "movie",
    "tvSeries": "tv_series",
    "tvMiniSeries": "tv_mini_series",
    "tvMovie": "tv_movie",
    "tvSpecial": "tv_special",
    "tvEpisode": "tv_episode",
    "tvPilot": "tv_episode",
    "short": "short",
    "tvShort": "short",
    "video": "video",
}

# JSON-LD types that settle the kind. "Movie" does not: IMDb marks shorts, videos and TV movies Movie too.
SCHEMA_TYPES: dict[str, TitleKind] = {"TVSeries": "tv_series", "TVEpisode": "tv_episode"}

# Printed labels, tried in order (a mini-series label also holds "Series").
LABELS: tuple[tuple[re.Pattern[str], TitleKind], ...] = (
    (re.compile(r"\bTV[\s-]*Mini[\s-]*Series\b|\bMini[\s-]*series\b", re.I), "tv_mini_series"),
    (re.compile(r"\bTV[\s-]*Series\b", re.I), "tv_series"),
    (re.compile(r"\bTV[\s-]*Episode\b|\bEpisode aired\b", re.I), "tv_episode"),
    (re.compile(r"\bTV[\s-]*Movie\b", re.I), "tv_movie"),
    (re.compile(r"\bTV[\s-]*Special\b", re.I), "tv_special"),
    (re.compile(r"\bTV[\s-]*Short\b|^\(?Short\)?$", re.I), "short"),
    (re.compile(r"\bVideo\b(?!\s*Game)|\(V\)", re.I), "video"),
    (re.compile(r"\(TV\)"), "tv_movie"),
)

_SPAN = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)\s*[–—-]\s*(1[89]\d\d|20\d\d)?(?!\d)")
_SEASON_EPISODE = re.compile(
    r"\bS(?:eason)?\.?\s*(\d{1,4})\s*(?:[,|.·∙]\s*|\s+)E(?:p(?:isode)?)?\.?\s*(\d{1,5})\b", re.I
)
# The kind label that opens a release link: "Episode aired 24 September 2007", "TV Movie 12 June 1998".
_KIND_LABEL = re.compile(
    r"^\s*(?:TV[\s-]*(?:Mini[\s-]*Series|Series|Movie|Special|Short|Episode)|Episode aired|Video)\b", re.IGNORECASE
)


def from_type_id(type_id: Any) -> TitleKind | None:
    return TYPE_IDS.get(type_id) if isinstance(type_id, str) else None


def from_schema_type(kind: Any) -> TitleKind | None:
    kinds = kind if isinstance(kind, list) else [kind]
    return next((SCHEMA_TYPES[k] for k in kinds if isinstance(k, str) and k in SCHEMA_TYPES), None)


def from_label(label: str | None) -> TitleKind | None:
    """The kind a printed label names ("TV Mini-Series", "Episode aired 24 September 2007", "(V)")."""
    cleaned = clean_text(label or "")
    if not cleaned:
        return None
    return next((kind for pattern, kind in LABELS if pattern.search(cleaned)), None)


def year_span(value: str | None) -> tuple[int, int | None] | None:
    """(first year, last year or None) of "2007–2019", "(2010– )" or "TV series 2007-"; None without a span."""
    match = _SPAN.search(value or "")
    if not match:
        return None
    first, last = int(match.group(1)), match.group(2)
    end = int(last) if last else None
    if end is not None and end < first:
        return None
    return first, end


def season_episode(value: str | None) -> tuple[int, int] | None:
    """(season, episode) of "Season 1 | Episode 3", "Season 1, Episode 3", "S1, Ep3" or "S1.E3"."""
    match = _SEASON_EPISODE.search(clean_text(value or ""))
    return (int(match.group(1)), int(match.group(2))) if match else None


def is_series(kind: TitleKind | None) -> bool:
    return kind in ("tv_series", "tv_mini_series")


def series_ref(href: str | None, title: str | None) -> SeriesRefFields | None:
    """{id, title} of the series an episode belongs to, from its link and shown title."""
    name = clean_text(title or "").strip('"')
    if not name:
        return None
    ref: SeriesRefFields = {"title": name}
    tt = title_id(href)
    if tt:
        ref["id"] = film_id(tt)
    return ref


def apply(
    record: FilmFields,
    *,
    kind: TitleKind | None = None,
    span: tuple[int, int | None] | None = None,
    series: SeriesRefFields | None = None,
    numbers: tuple[int, int] | None = None,
) -> None:
    """Set the title kind, a series' run and an episode's place on `record`, keeping values already set."""
    if kind and not record.get("title_kind"):
        record["title_kind"] = kind
    kind = record.get("title_kind")
    if span and is_series(kind):
        record["year"] = record.get("year") or span[0]
        if span[1] is not None and not record.get("end_year"):
            record["end_year"] = span[1]
    if kind == "tv_episode":
        if series and not record.get("series"):
            record["series"] = series
        if numbers and record.get("season") is None:
            record["season"], record["episode"] = numbers


def release_in_label(label: str | None) -> str | None:
    """The date a release link prints without its kind label ("Episode aired 24 September 2007" ->
    "24 September 2007"); None for a series' run ("TV Series (2007–2019)") or a bare year."""
    if not label or year_span(label):
        return None
    kind = from_label(label)
    if kind is None:
        return label
    rest = clean_text(_KIND_LABEL.sub("", label)).strip(" -")
    # "TV Mini-Series (2016)": a bare year in brackets is the title's year, not a release date.
    if re.fullmatch(r"\(?\d{4}\)?", rest):
        return None
    return rest or None
