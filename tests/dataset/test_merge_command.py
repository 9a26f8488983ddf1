"""`filmcrawl merge`: outputs of separate jobs (or a folder of batches) merged by id, film keys worked out
across all of them, and the merged view."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawler.cli import main

from .records import film

POWELL = ("Michael Powell",)


def write(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_merge_should_give_separately_crawled_sites_one_film_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each night's job crawled one site: on its own, the Metacritic record only had its title key.
    imdb = write(
        tmp_path / "imdb.jsonl",
        {**film("imdb", "tt0040725", "The Red Shoes", 1948, directors=POWELL), "film_key": "imdb:tt0040725"},
    )
    metacritic = write(
        tmp_path / "metacritic.jsonl",
        {
            **film("metacritic", "movie/the-red-shoes", "The Red Shoes", 1948, directors=POWELL),
            "film_key": "title:red-shoes-1948",
        },
    )
    code = main(
        [
            "merge",
            str(imdb),
            str(metacritic),
            "-o",
            str(tmp_path / "view.jsonl"),
            "--records",
            str(tmp_path / "all.jsonl"),
        ]
    )
    assert code == 0
    assert {r["film_key"] for r in read(tmp_path / "all.jsonl")} == {"imdb:tt0040725"}
    [view] = read(tmp_path / "view.jsonl")
    assert view["sources"] == ["imdb", "metacritic"]
    assert "merged view: 1 films (film keys)" in capsys.readouterr().out


def test_merge_of_a_folder_should_read_its_batches_but_not_rejects_or_unfinished_files(tmp_path: Path) -> None:
    batches = tmp_path / "batches"
    batches.mkdir()
    write(batches / "films-00001.jsonl", film("imdb", "tt1", "A", 1999))
    write(batches / "films-00002.jsonl", film("imdb", "tt1", "A", 1999, plot="Seen again."))
    (batches / "films.rejects.jsonl").write_text('{"url": "x", "reason": "no_title"}\n')
    (batches / ".films-00003.jsonl.123.feed").write_text('{"type": "fi')
    assert (
        main(["merge", str(batches), "--records", str(tmp_path / "films.jsonl"), "-o", str(tmp_path / "view.jsonl")])
        == 0
    )
    assert [(r["id"], r["plot"]) for r in read(tmp_path / "films.jsonl")] == [("imdb:tt1", "Seen again.")]


def test_merge_should_refuse_a_file_that_is_not_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    assert main(["merge", str(bad)]) == 2
    assert "bad.jsonl:1: not JSON" in capsys.readouterr().err
    assert not (tmp_path / "bad.merged.jsonl").exists()
