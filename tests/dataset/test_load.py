"""`filmcrawl load`: relational tables with keys to join on, the latest version of each record, a rating
history across nightly loads, idempotent re-loads, and Parquet files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from crawler.cli import main
from crawler.dataset.load import load
from crawler.dataset.tables import TABLES

from .records import film, review

POWELL = ("Michael Powell", "Emeric Pressburger")


def night(day: int, imdb_rating: float, votes: int) -> list[dict[str, Any]]:
    """One night's output: The Red Shoes on IMDb and Metacritic, a review and a chart."""
    at = f"2026-01-0{day}T03:00:00Z"
    return [
        {
            **film(
                "imdb",
                "tt0040725",
                "The Red Shoes",
                1948,
                directors=POWELL,
                runtime_minutes=133,
                genres=["Drama", "Romance"],
                rating={"value": imdb_rating, "best": 10, "worst": 1, "count": votes},
                ratings=[
                    {
                        "kind": "user",
                        "value": imdb_rating,
                        "best": 10,
                        "worst": 1,
                        "count": votes,
                        "label": "IMDb RATING",
                    }
                ],
                cast=[
                    {"name": "Moira Shearer", "character": "Victoria Page", "order": 2},
                    {"name": "Anton Walbrook", "id": "nm0908919", "character": "Boris Lermontov", "order": 1},
                ],
                releases=[{"country": "UK", "country_code": "GB", "date": "1948-07-22"}],
                external_ids={"imdb": "tt0040725"},
            ),
            "scraped_at": at,
            "film_key": "imdb:tt0040725",
        },
        {
            **film(
                "metacritic",
                "movie/the-red-shoes",
                "The Red Shoes",
                1948,
                directors=POWELL,
                ratings=[{"kind": "metascore", "value": 100, "best": 100, "count": 9, "label": "Metascore"}],
            ),
            "scraped_at": at,
            "film_key": "imdb:tt0040725",
        },
        {
            **review("imdb", "rw1", film_id="imdb:tt0040725", film_title="The Red Shoes", text="A masterpiece."),
            "scraped_at": at,
            "film_key": "imdb:tt0040725",
        },
        {
            "type": "listing",
            "schema_version": "1.2",
            "source": "imdb",
            "kind": "chart",
            "scraped_at": at,
            "url": "https://www.imdb.com/chart/top/",
            "title": "Top 250",
            "total": 250,
            "next_url": None,
            "entries": [
                {
                    "title": "The Red Shoes",
                    "year": 1948,
                    "rank": 1,
                    "id": "imdb:tt0040725",
                    "url": "https://www.imdb.com/title/tt0040725/",
                    "rating": None,
                }
            ],
        },
    ]


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def nights(tmp_path: Path) -> tuple[Path, Path, Path]:
    return (
        write(tmp_path / "night1.jsonl", night(1, 8.3, 21000)),
        write(tmp_path / "night2.jsonl", night(2, 8.4, 21500)),
        tmp_path / "films.duckdb",
    )


def query(database: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(database), read_only=True) as db:
        return db.execute(sql).fetchall()


def test_load_should_write_every_table_with_keys_to_join_on(nights: tuple[Path, Path, Path]) -> None:
    first, _, database = nights
    load([first], database=database)
    tables = query(database, "SELECT table_name FROM information_schema.tables")
    assert {t.name for t in TABLES} == {name for (name,) in tables}
    assert query(
        database,
        "SELECT f.film_id, r.source, r.kind, r.value FROM films f JOIN ratings r "
        "ON r.film_key = f.film_key WHERE f.source = 'imdb' ORDER BY r.source",
    ) == [("imdb:tt0040725", "imdb", "user", Decimal("8.3")), ("imdb:tt0040725", "metacritic", "metascore", 100)]
    assert query(
        database,
        "SELECT role, credit_order, name, person_id, character FROM credits "
        "WHERE film_id = 'imdb:tt0040725' AND role = 'cast' ORDER BY credit_order",
    ) == [
        ("cast", 1, "Anton Walbrook", "nm0908919", "Boris Lermontov"),
        ("cast", 2, "Moira Shearer", None, "Victoria Page"),
    ]
    assert query(database, "SELECT country_code, date FROM releases") == [("GB", "1948-07-22")]
    assert query(database, "SELECT r.review_id, f.title FROM reviews r JOIN films f ON f.film_id = r.film_id") == [
        ("imdb:rw1", "The Red Shoes")
    ]
    assert query(
        database,
        "SELECT l.title, e.rank, f.film_key FROM listings l JOIN listing_entries e "
        "USING (listing_url, scraped_at) JOIN films f ON f.film_id = e.film_id",
    ) == [("Top 250", 1, "imdb:tt0040725")]
    assert query(
        database,
        "SELECT genres, imdb_id, json_extract_string(record, '$.runtime_minutes') FROM films WHERE source = 'imdb'",
    ) == [(["Drama", "Romance"], "tt0040725", "133")]


def test_loading_the_same_file_again_should_change_nothing(nights: tuple[Path, Path, Path]) -> None:
    first, _, database = nights
    load([first], database=database)
    counts = {t.name: query(database, f"SELECT count(*) FROM {t.name}")[0][0] for t in TABLES}
    again = load([first], database=database)
    assert {t.name: query(database, f"SELECT count(*) FROM {t.name}")[0][0] for t in TABLES} == counts
    assert set(again.changed.values()) == {0}


def test_nightly_loads_should_keep_the_latest_record_and_the_rating_history(nights: tuple[Path, Path, Path]) -> None:
    first, second, database = nights
    load([first], database=database)
    load([second], database=database)
    load([first], database=database)  # an older night loaded late does not replace the newer one
    assert query(database, "SELECT rating_value, rating_count FROM films WHERE film_id = 'imdb:tt0040725'") == [
        (Decimal("8.4"), 21500)
    ]
    assert query(
        database,
        "SELECT film_key, kind, strftime(scraped_at AT TIME ZONE 'UTC', '%d'), value, count "
        "FROM rating_history WHERE source = 'imdb' ORDER BY scraped_at",
    ) == [
        ("imdb:tt0040725", "user", "01", Decimal("8.3"), 21000),
        ("imdb:tt0040725", "user", "02", Decimal("8.4"), 21500),
    ]
    assert query(database, "SELECT count(*) FROM listings") == [(2,)]
    assert query(database, "SELECT count(*) FROM loads") == [(2,)]


def test_records_without_a_film_key_should_get_their_own(tmp_path: Path) -> None:
    bare = {k: v for k, v in film("metacritic", "movie/peeping-tom", "Peeping Tom", 1960).items() if k != "film_key"}
    database = tmp_path / "films.duckdb"
    load([write(tmp_path / "old.jsonl", [bare])], database=database)
    assert query(database, "SELECT film_key FROM films") == [("title:peeping-tom-1960",)]


def test_load_command_should_write_parquet_files_duckdb_can_read(
    nights: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _, _ = nights
    assert main(["load", str(first), "--parquet", str(tmp_path / "parquet")]) == 0
    assert "films" in capsys.readouterr().out
    assert {p.name for p in (tmp_path / "parquet").iterdir()} == {f"{t.name}.parquet" for t in TABLES}
    with duckdb.connect() as db:
        parquet = str(tmp_path / "parquet")
        rows = db.execute(
            f"SELECT f.title, r.value FROM '{parquet}/films.parquet' f "
            f"JOIN '{parquet}/ratings.parquet' r USING (film_id) WHERE r.kind = 'user'"
        ).fetchall()
    assert rows == [("The Red Shoes", Decimal("8.3"))]


def test_load_command_should_refuse_without_a_target(
    nights: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", str(nights[0])]) == 2
    assert "--duckdb" in capsys.readouterr().err
