"""What a user expects of a command-line tool: --version, `validate`, `stats`, quiet ends when the reader of
stdout goes away, and one line saying why when a crawl's start URL cannot be reached."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.sample_site import PAGES
from schemas import SCHEMA_VERSION
from tests.cli.run import ROOT, TIMEOUT_SECONDS, filmcrawl

PAGE_URLS = {
    PAGES / "imdb/title-tt0040725.html": "https://www.imdb.com/title/tt0040725/",
    PAGES / "imdb/title-tt9990025.html": "https://www.imdb.com/title/tt9990025/",
    PAGES / "letterboxd/film-the-red-shoes.html": "https://letterboxd.com/film/the-red-shoes/",
    PAGES / "rottentomatoes/m-red_shoes.html": "https://www.rottentomatoes.com/m/red_shoes",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    runs = [filmcrawl("extract", page, "--url", url) for page, url in PAGE_URLS.items()]
    assert all(run.returncode == 0 for run in runs), [run.stderr for run in runs]
    extracted = "".join(run.stdout for run in runs)
    path = tmp_path_factory.mktemp("records") / "films.jsonl"
    path.write_text(extracted, encoding="utf-8")
    return path


def test_version_should_name_the_package_and_schema_versions() -> None:
    run = filmcrawl("--version")
    assert run.returncode == 0
    assert re.fullmatch(rf"filmcrawl \d+\.\d+\.\d+\S* \(record schema {re.escape(SCHEMA_VERSION)}\)\n", run.stdout)


# --- validate -------------------------------------------------------------------------------------------------


def test_validate_should_count_valid_records_by_type_and_exit_0(records: Path) -> None:
    run = filmcrawl("validate", records)
    assert run.returncode == 0, run.stdout + run.stderr
    rows = {line.split()[0]: line.split()[1:] for line in run.stdout.splitlines()}
    assert rows["film"] == ["4", "0"] and rows["review"] == ["1", "0"] and rows["total"] == ["5", "0"]


INVALID_LINES = [
    # (line, what the report of that line says)
    ('{"type": "film", "id": "imdb:tt1"}', "invalid film imdb:tt1: "),
    ("not json", "invalid (not JSON): not JSON: Expecting value"),
    ("[1, 2]", "invalid (not an object): a JSON list, not a record"),
    ('{"type": "person"}', "invalid person: type: 'person' is not a record type"),
    ('{"id": "x"}', "invalid (no type) x: type: None is not a record type"),
]


def test_validate_should_name_each_invalid_line_with_its_errors_and_exit_1(records: Path, tmp_path: Path) -> None:
    good = records.read_text(encoding="utf-8").splitlines()
    broken = json.loads(good[0])
    broken["year"] = 1700
    del broken["title"]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([good[0], json.dumps(broken), *(line for line, _ in INVALID_LINES)]) + "\n")
    run = filmcrawl("validate", path)
    assert run.returncode == 1
    reports = run.stdout.splitlines()
    assert reports[0].startswith(f"{path}:2: invalid film imdb:tt0040725: ")
    assert "title: Field required" in reports[0] and "year: " in reports[0]
    for number, (_, expected) in enumerate(INVALID_LINES, 3):
        assert reports[number - 2].startswith(f"{path}:{number}: {expected}"), reports[number - 2]
    rows = {line.split()[0]: line.split()[1:] for line in reports if not line.startswith(str(path))}
    assert rows["film"] == ["1", "2"] and rows["total"] == ["1", "6"]


def test_validate_should_accept_the_merged_view(records: Path, tmp_path: Path) -> None:
    view = tmp_path / "films.merged.jsonl"
    assert filmcrawl("merge", records, "-o", view).returncode == 0
    run = filmcrawl("validate", view)
    assert run.returncode == 0, run.stdout
    assert "merged_film" in run.stdout


def test_validate_should_exit_2_on_a_missing_file(tmp_path: Path) -> None:
    run = filmcrawl("validate", tmp_path / "missing.jsonl")
    assert run.returncode == 2 and "cannot read" in run.stderr


# --- stats ----------------------------------------------------------------------------------------------------


def section(stdout: str, heading: str) -> list[list[str]]:
    """The rows of one table of `filmcrawl stats`, split into cells."""
    lines = stdout.split(heading, 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    return [line.split() for line in lines]


def test_stats_should_show_records_coverage_ratings_and_years(records: Path) -> None:
    run = filmcrawl("stats", records)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("records: 5 (film 4, review 1)\n")
    by_site = section(run.stdout, "records: 5 (film 4, review 1)")
    assert ["film", "imdb", "2"] in by_site and ["film", "rottentomatoes", "1"] in by_site
    coverage = section(run.stdout, "field coverage, film records")
    header, year = coverage[0], next(row for row in coverage if row[0] == "year")
    assert dict(zip(header[1:], year[1:])) == {"imdb": "1.00", "letterboxd": "1.00", "rottentomatoes": "1.00"}
    ratings = section(run.stdout, "film ratings by site and kind, on their own scale:")
    # Rotten Tomatoes states its critics' score on two scales: each stays on its own.
    assert ["rottentomatoes", "critic", "/100", "1", "97", "97", "97"] in ratings
    assert ["rottentomatoes", "critic", "/10", "1", "8.8", "8.8", "8.8"] in ratings
    assert ["imdb", "user", "/10", "2", "7.2", "7.75", "8.3"] in ratings
    buckets = section(run.stdout, "film ratings on a 0-100 scale (value / best), by bucket:")
    assert ["imdb", "user", "0", "0", "0", "1", "1"] in buckets
    decades = section(run.stdout, "films by decade (year):")
    assert decades[1:] == [["1940s", "1", "1", "1", "3", "###"], ["2020s", "1", "0", "0", "1", "#"]]


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", "is empty: no records"),
        (b"\x1f\x8b\x08\x00\xff\xfe", ":1: not UTF-8 text"),
    ],
)
def test_stats_should_refuse_an_unreadable_file_in_one_line(content: bytes, error: str, tmp_path: Path) -> None:
    path = tmp_path / "films.jsonl"
    path.write_bytes(content)
    run = filmcrawl("stats", path)
    assert run.returncode == 2 and error in run.stderr and run.stderr.count("\n") == 1


# --- quiet ends -----------------------------------------------------------------------------------------------


def test_a_closed_pipe_should_end_extract_without_a_traceback() -> None:
    # Forty pages print far more than a pipe holds: extract is still writing when the reader goes away.
    pages = [str(PAGES / "imdb/title-tt0040725.html")] * 40
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler", "extract", *pages], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100).startswith(b'{"type": "film"')
    process.stdout.close()  # as `| head -c 100` does
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=TIMEOUT_SECONDS) == 141
    assert stderr == ""


@pytest.mark.parametrize("command", ["stats", "validate"])
def test_a_pipe_closed_before_any_output_should_end_quietly(command: str, records: Path) -> None:
    # The reader is gone before the command prints: its output waits in a buffer until Python flushes it
    # (stdout buffered, as it is unless PYTHONUNBUFFERED is set).
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler", command, str(records)],
        cwd=ROOT,
        env=buffered,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=TIMEOUT_SECONDS) == 141
    assert stderr == ""


def free_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_crawl_of_a_port_where_nothing_listens_should_end_with_its_reason_and_no_traceback(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/title/tt0040725/"
    run = filmcrawl("crawl", "imdb", "--start-url", url, "-o", tmp_path / "films.jsonl", "--no-cache")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert (
        run.stderr.splitlines()[-1]
        == f"filmcrawl crawl: could not run: imdb: no page could be read from {url} (connection_refused 1)"
    )
