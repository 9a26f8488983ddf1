"""The analysts' tables (`filmcrawl load`): ratings with a unique key and a 0-100 value beside the raw one,
countries as ISO codes with a lookup table of names, and records that carry the site's own URLs, each listing
page its own, also when the crawl read a mirror of the site."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from crawler.core.extraction import extract, selector_for
from crawler.dataset.load import country_codes, load, rating_scale, value_100
from crawler.dataset.tables import RATING_HISTORY, RATINGS
from crawler.sample_site import PAGES
from spiders.sites import RottenTomatoesSpider

from .records import film

RED_SHOES_RT = film(
    "rottentomatoes",
    "red_shoes",
    "The Red Shoes",
    1948,
    ratings=[
        {"kind": "critic", "label": "Tomatometer", "value": 97, "best": 100, "worst": 0, "count": 61},
        {"kind": "critic", "label": "Tomatometer average rating", "value": 8.8, "best": 10, "worst": 0},
        {"kind": "audience", "label": "Popcornmeter", "value": 92, "best": 100, "worst": 0},
        {"kind": "audience", "label": "Audience average rating", "value": 4.4, "best": 5, "worst": 0},
    ],
    rating={"value": 97, "best": 100, "worst": 0},
)


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def rows(database: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(database), read_only=True) as db:
        return db.execute(sql).fetchall()


# (rating, scale, value on 0-100), where each scale was seen.
SCORES = [
    ({"value": 97, "best": 100, "worst": 0}, "0-100", Decimal("97.00")),  # Tomatometer
    ({"value": 8.8, "best": 10, "worst": 0}, "0-10", Decimal("88.00")),  # Tomatometer average rating
    ({"value": 4.4, "best": 5, "worst": 0}, "0-5", Decimal("88.00")),  # RT audience average
    ({"value": 8.3, "best": 10, "worst": 1}, "1-10", Decimal("81.11")),  # IMDb users rate from 1
    ({"value": 3.87, "best": 5, "worst": 0}, "0-5", Decimal("77.40")),  # Fandango at Home store rating
    ({"value": 0.5, "best": 1, "worst": 0}, "0-1", Decimal("50.00")),
]


@pytest.mark.parametrize(("rating", "scale", "score"), SCORES)
def test_every_rating_should_have_its_scale_and_a_0_to_100_value(
    rating: dict[str, Any], scale: str, score: Decimal
) -> None:
    assert rating_scale(rating) == scale
    assert value_100(rating) == score


def test_ratings_key_should_be_unique_on_rotten_tomatoes(tmp_path: Path) -> None:
    database = tmp_path / "films.duckdb"
    load([write(tmp_path / "rt.jsonl", [RED_SHOES_RT])], database=database)
    assert RATINGS.key == ("film_id", "kind", "scale") and RATING_HISTORY.key[:3] == RATINGS.key
    found = rows(database, "SELECT kind, scale, label, value, value_100 FROM ratings ORDER BY kind, scale")
    assert [(kind, scale, label, float(value_100)) for kind, scale, label, _, value_100 in found] == [
        ("audience", "0-100", "Popcornmeter", 92.0),
        ("audience", "0-5", "Audience average rating", 88.0),
        ("critic", "0-10", "Tomatometer average rating", 88.0),
        ("critic", "0-100", "Tomatometer", 97.0),
    ]
    duplicated = rows(database, "SELECT film_id, kind, scale FROM ratings GROUP BY ALL HAVING count(*) > 1")
    assert duplicated == []
    assert rows(database, "SELECT count(*) FROM rating_history") == [(4,)]
    assert rows(database, "SELECT rating_100 FROM films") == [(Decimal("97.00"),)]


# (countries as the site printed them, codes in the tables)
COUNTRIES = [
    (["UK"], ["GB"]),  # IMDb, Letterboxd, Fandango at Home
    (["United Kingdom"], ["GB"]),  # Wikipedia
    (["Italy", "United Kingdom", "UK"], ["IT", "GB"]),  # each code once, in page order
    (["Atlantis"], []),  # no code: only in countries_raw
    ([], []),
    (None, []),
]


@pytest.mark.parametrize(("printed", "codes"), COUNTRIES)
def test_countries_should_be_iso_codes(printed: list[str] | None, codes: list[str]) -> None:
    assert country_codes(printed) == codes


def test_films_countries_should_be_codes_named_in_the_lookup_table(tmp_path: Path) -> None:
    records = [
        film("imdb", "tt0040725", "The Red Shoes", 1948, countries=["UK"]),
        film("wikipedia", "The_Red_Shoes_(1948_film)", "The Red Shoes", 1948, countries=["United Kingdom"]),
        film("rottentomatoes", "red_shoes", "The Red Shoes", 1948),
    ]
    database = tmp_path / "films.duckdb"
    load([write(tmp_path / "films.jsonl", records)], database=database)
    assert sorted(rows(database, "SELECT source, countries, countries_raw FROM films")) == [
        ("imdb", ["GB"], ["UK"]),
        ("rottentomatoes", [], []),
        ("wikipedia", ["GB"], ["United Kingdom"]),
    ]
    named = rows(
        database,
        "SELECT DISTINCT c.name FROM films f, unnest(f.countries) AS u(code) JOIN countries c ON c.code = u.code",
    )
    assert named == [("United Kingdom",)]


def walk_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in walk_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in walk_strings(v)]
    return []


def test_a_crawl_of_mirrors_should_write_the_sites_own_urls(demo_output: Path) -> None:
    records = [json.loads(line) for line in demo_output.read_text(encoding="utf-8").splitlines()]
    mirrored = [(r["type"], s) for r in records for s in walk_strings(r) if "127.0.0.1" in s or "localhost" in s]
    assert mirrored == []
    urls = {r["url"] for r in records if r["type"] == "listing" and r["source"] == "fandango_at_home"}
    assert len(urls) == 2  # the two pages of the catalogue, each its own URL
    reviews = {r["url"] for r in records if r["type"] == "review" and r["source"] == "imdb"}
    assert reviews and all(url.startswith("https://www.imdb.com/title/") for url in reviews)


def test_a_mirror_url_should_map_back_to_the_sites_origin() -> None:
    spider = RottenTomatoesSpider(start_urls="http://127.0.0.1:8805/browse/movies_in_theaters/sort:newest")
    assert spider.site_url("http://127.0.0.1:8805/m/red_shoes?x=1") == "https://www.rottentomatoes.com/m/red_shoes?x=1"
    assert spider.site_url("http://127.0.0.1:9999/m/red_shoes") == "http://127.0.0.1:9999/m/red_shoes"  # not the mirror
    assert spider.local_url(spider.site_url("http://127.0.0.1:8805/m/a")) == "http://127.0.0.1:8805/m/a"


def test_each_page_of_a_listing_should_keep_its_own_url() -> None:
    # Both pages of the IMDb list name the list's first page as their canonical link.
    body = (PAGES / "imdb" / "list-ls099900048.html").read_bytes()
    sel = selector_for(body, content_type="text/html; charset=utf-8")
    urls = []
    for page in ("", "?page=2"):
        for url in (f"https://www.imdb.com/list/ls099900048/{page}", f"http://127.0.0.1:8801/list/ls099900048/{page}"):
            records = extract(sel, url=url, site="imdb", scraped_at=datetime.now(UTC)).records
            urls.append([r["url"] for r in records if r["type"] == "listing"])
    assert urls == [
        ["https://www.imdb.com/list/ls099900048/"],
        ["http://127.0.0.1:8801/list/ls099900048/"],
        ["https://www.imdb.com/list/ls099900048/?page=2"],
        ["http://127.0.0.1:8801/list/ls099900048/?page=2"],
    ]
