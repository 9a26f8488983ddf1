"""docs/dataset.md: the queries it prints run as printed against a loaded demo crawl, and give what the text
says they give."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from crawler.dataset.load import load
from crawler.dataset.tables import TABLES

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "dataset.md"
QUERIES = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


@pytest.fixture(scope="module")
def database(demo_output: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "films.duckdb"
    load([demo_output], database=path)
    return path


def run(database: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    with duckdb.connect(str(database), read_only=True) as db:
        result = db.execute(sql)
        return [c[0] for c in result.description], result.fetchall()


def test_the_doc_should_show_queries_and_name_every_table() -> None:
    assert len(QUERIES) >= 8
    text = DOC.read_text(encoding="utf-8")
    assert all(f"| `{table.name}` |" in text for table in TABLES)
    assert (ROOT / "docs" / "report.png").is_file() and "](report.png)" in text


@pytest.mark.parametrize("sql", QUERIES, ids=[f"query{n}" for n in range(1, len(QUERIES) + 1)])
def test_every_query_should_run_and_find_rows(database: Path, sql: str) -> None:
    _, rows = run(database, sql)
    assert rows


def test_the_side_by_side_query_should_give_one_row_per_site_kind_and_scale(database: Path) -> None:
    columns, rows = run(database, next(q for q in QUERIES if "side by side" not in q and "r.label" in q))
    keys = [(row[columns.index("source")], row[columns.index("kind")], row[columns.index("scale")]) for row in rows]
    assert len(keys) == len(set(keys))
    assert ("rottentomatoes", "critic", "0-100") in keys and ("rottentomatoes", "critic", "0-10") in keys


def test_the_critics_query_should_put_both_sites_on_0_to_100(database: Path) -> None:
    columns, rows = run(database, next(q for q in QUERIES if "tomatometer" in q))
    found = {row[columns.index("film_key")]: row for row in rows}
    red_shoes = found["imdb:tt0040725"]
    assert float(red_shoes[columns.index("tomatometer")]) == 97.0
    assert float(red_shoes[columns.index("metascore")]) == 100.0


def test_the_countries_query_should_count_codes_by_name(database: Path) -> None:
    _, rows = run(database, next(q for q in QUERIES if "countries c" in q))
    names = [name for name, _ in rows]
    assert "United Kingdom" in names and "UK" not in names and len(names) == len(set(names))
