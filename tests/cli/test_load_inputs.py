"""`filmcrawl load` and `filmcrawl merge` take crawl output only: anything else is refused in one line, with
exit 2 and no traceback, before a table is written; `load` writes CSV beside Parquet."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from crawler.dataset.tables import TABLES
from crawler.sample_site import PAGES
from tests.cli.run import filmcrawl

PAGE_URLS = {
    PAGES / "imdb/title-tt0040725.html": "https://www.imdb.com/title/tt0040725/",
    PAGES / "imdb/title-tt9990025.html": "https://www.imdb.com/title/tt9990025/",
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with crawl-like output (films.jsonl), its merged view, a rejects file and inputs of other kinds."""
    folder = tmp_path_factory.mktemp("load")
    runs = [filmcrawl("extract", page, "--url", url) for page, url in PAGE_URLS.items()]
    assert all(run.returncode == 0 for run in runs), [run.stderr for run in runs]
    extracted = "".join(run.stdout for run in runs)
    (folder / "films.jsonl").write_text(extracted, encoding="utf-8")
    merged = filmcrawl("merge", folder / "films.jsonl")
    assert merged.returncode == 0, merged.stderr
    assert (folder / "films.merged.jsonl").exists()
    reject = {
        "url": "https://www.imdb.com/title/tt1/",
        "site": "imdb",
        "stage": "fetch",
        "reason": "http_404",
        "detail": "",
        "page_type": None,
        "record_type": None,
        "errors": [],
        "data": None,
    }
    (folder / "films.rejects.jsonl").write_text(json.dumps(reject) + "\n", encoding="utf-8")
    (folder / "empty.jsonl").write_bytes(b"")
    (folder / "blank.jsonl").write_bytes(b"\n  \n")
    (folder / "binary.jsonl").write_bytes(gzip.compress(extracted.encode()))  # films.jsonl.gz, misnamed
    (folder / "films.csv").write_text("title,year\nThe Red Shoes,1948\n", encoding="utf-8")
    (folder / "report.json").write_text(json.dumps({"pages": 3, "records": {}}, indent=2), encoding="utf-8")
    (folder / "other.jsonl").write_text(json.dumps({"type": "person", "name": "Moira Shearer"}) + "\n")
    (folder / "sub").mkdir()
    return folder


REFUSED = [
    # (input, the one line that says why)
    ("empty.jsonl", "empty.jsonl is empty: no records to load"),
    ("blank.jsonl", "blank.jsonl is empty: no records to load"),
    ("binary.jsonl", "binary.jsonl:1: not UTF-8 text (a binary file?)"),
    ("films.csv", "films.csv:1: not JSON"),
    ("report.json", "report.json:1: not JSON"),
    ("other.jsonl", "other.jsonl holds no film, review or listing records (its first line is of type 'person')"),
    ("films.rejects.jsonl", "films.rejects.jsonl is a rejects file"),
    (
        "films.merged.jsonl",
        "films.merged.jsonl is the merged view (merged_film records, one per film key), which "
        "`load` does not read: load the records it was made from (",
    ),
    ("sub", "sub is a directory, not a file: give the JSON Lines files in it ("),
    ("missing.jsonl", "missing.jsonl: no such file"),
]


@pytest.mark.parametrize(("name", "why"), REFUSED, ids=[name for name, _ in REFUSED])
def test_load_should_refuse_what_is_not_crawl_output(outputs: Path, name: str, why: str) -> None:
    database = outputs / f"{name}.duckdb"
    run = filmcrawl("load", outputs / "films.jsonl", outputs / name, "--duckdb", database)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and why in run.stderr, run.stderr
    assert run.stderr.startswith("filmcrawl load: ")
    assert not database.exists()  # refused before anything was written


def test_load_should_name_the_output_a_merged_view_was_made_from(outputs: Path) -> None:
    run = filmcrawl("load", outputs / "films.merged.jsonl", "--duckdb", outputs / "view.duckdb")
    assert f"({outputs / 'films.jsonl'})" in run.stderr


@pytest.mark.parametrize(
    ("name", "why"),
    [row for row in REFUSED if row[0] not in ("sub", "missing.jsonl")],
    ids=[name for name, _ in REFUSED if name not in ("sub", "missing.jsonl")],
)
def test_merge_should_refuse_what_is_not_crawl_output(outputs: Path, name: str, why: str) -> None:
    run = filmcrawl("merge", outputs / "films.jsonl", outputs / name, "-o", outputs / "out.merged.jsonl")
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and why in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_load_should_write_csv_beside_parquet(outputs: Path) -> None:
    run = filmcrawl("load", outputs / "films.jsonl", "--parquet", outputs / "parquet", "--csv", outputs / "csv")
    assert run.returncode == 0, run.stderr
    assert sorted(p.stem for p in (outputs / "csv").glob("*.csv")) == sorted(
        p.stem for p in (outputs / "parquet").glob("*.parquet")
    )
    with (outputs / "csv/films.csv").open(encoding="utf-8", newline="") as table:
        films = {row["film_id"]: row for row in csv.DictReader(table)}
    assert films["imdb:tt0040725"]["year"] == "1948"
    assert json.loads(films["imdb:tt0040725"]["genres"]) == ["Drama", "Music", "Musical"]
    assert json.loads(films["imdb:tt0040725"]["record"])["id"] == "imdb:tt0040725"
    assert f"csv: {len(TABLES)} files in {outputs / 'csv'}" in run.stdout


def test_merge_of_an_output_folder_should_read_its_records_not_its_merged_view(outputs: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for name in ("films.jsonl", "films.merged.jsonl", "films.rejects.jsonl"):
        (folder / name).write_bytes((outputs / name).read_bytes())
    run = filmcrawl("merge", folder, "-o", tmp_path / "view.jsonl", "--records", tmp_path / "records.jsonl")
    assert run.returncode == 0, run.stderr
    assert "inputs: 1 file(s)" in run.stdout
    types = {json.loads(line)["type"] for line in (tmp_path / "records.jsonl").read_text().splitlines()}
    assert types == {"film", "review"}
