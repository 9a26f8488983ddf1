"""The output step: one record per id (repeats merged by the stated rule), film keys across sites, the merged
view, and files that appear whole or not at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawler.dataset.jsonl import BadLine
from crawler.dataset.output import merge_outputs
from crawler.dataset.view import merged_film
from schemas import MergedFilm

from .records import film, review

POWELL = ("Michael Powell", "Emeric Pressburger")


def write(path: Path, *records: dict[str, Any], tail: str = "") -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + tail, encoding="utf-8")
    return path


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_repeated_film_should_be_merged_into_its_first_record(tmp_path: Path) -> None:
    first = film("imdb", "tt0040725", "The Red Shoes", 1948, runtime_minutes=133, plot=None)
    again = film(
        "imdb", "tt0040725", "The Red Shoes", 1948, runtime_minutes=134, plot="A ballet.", genres=["Drama", "Romance"]
    )
    result = merge_outputs([write(tmp_path / "in.jsonl", first, again)], tmp_path / "out.jsonl")
    [merged] = read(tmp_path / "out.jsonl")
    assert merged["plot"] == "A ballet."  # a later value fills a gap
    assert merged["genres"] == ["Drama", "Romance"]
    assert merged["runtime_minutes"] == 133  # on a conflict the first value stays...
    assert result.conflicts == {"film.runtime_minutes": 1}  # ...and is counted
    assert result.duplicates == {"film": 1}


def test_reviews_should_be_deduplicated_by_id_across_inputs(tmp_path: Path) -> None:
    one = review("imdb", "rw1", film_id="imdb:tt0040725", text="Superb.")
    result = merge_outputs([write(tmp_path / "a.jsonl", one), write(tmp_path / "b.jsonl", one)], tmp_path / "out.jsonl")
    assert [r["id"] for r in read(tmp_path / "out.jsonl")] == ["imdb:rw1"]
    assert result.duplicates == {"review": 1} and result.conflicts == {}
    assert [dict(c) for c in result.written_by_input] == [{"review/imdb": 1}, {}]


def test_output_should_keep_first_seen_order_and_listings_written_twice_once(tmp_path: Path) -> None:
    listing = {
        "type": "listing",
        "source": "imdb",
        "kind": "chart",
        "url": "https://www.imdb.com/chart/top/",
        "scraped_at": "2026-01-01T00:00:00Z",
        "entries": [],
    }
    records = [
        listing,
        film("imdb", "tt2", "B", 2000),
        film("imdb", "tt1", "A", 1999),
        {**listing, "scraped_at": "2026-01-02T00:00:00Z"},
    ]
    merge_outputs([write(tmp_path / "in.jsonl", *records)], tmp_path / "out.jsonl")
    assert [r.get("id", r["type"]) for r in read(tmp_path / "out.jsonl")] == ["listing", "imdb:tt2", "imdb:tt1"]


def test_every_film_and_review_should_get_the_film_key_of_its_group(tmp_path: Path) -> None:
    records = [
        film("imdb", "tt0040725", "The Red Shoes", 1948, directors=POWELL),
        film("metacritic", "movie/the-red-shoes", "The Red Shoes", 1948, directors=POWELL),
        review("filmreverie", "still-dances", film_title="The Red Shoes", film_year=1948),
    ]
    result = merge_outputs([write(tmp_path / "in.jsonl", *records)], tmp_path / "out.jsonl")
    assert {r["film_key"] for r in read(tmp_path / "out.jsonl")} == {"imdb:tt0040725"}
    assert result.film_keys == 1


def test_a_record_without_the_field_should_get_the_key_after_its_id(tmp_path: Path) -> None:
    old = {k: v for k, v in film("imdb", "tt1", "A", 1999).items() if k != "film_key"}
    merge_outputs([write(tmp_path / "in.jsonl", old)], tmp_path / "out.jsonl")
    [record] = read(tmp_path / "out.jsonl")
    assert list(record)[2:4] == ["id", "film_key"]


def test_a_line_that_is_not_json_should_fail_the_merge_and_leave_the_output_as_it_was(tmp_path: Path) -> None:
    out = write(tmp_path / "out.jsonl", film("imdb", "tt1", "A", 1999))
    before = out.read_bytes()
    with pytest.raises(BadLine, match=r"in.jsonl:2"):
        merge_outputs([write(tmp_path / "in.jsonl", film("imdb", "tt2", "B", 2000), tail='{"type": "fi')], out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]  # no temporary left


def test_a_torn_last_line_should_be_skipped_and_counted_when_not_strict(tmp_path: Path) -> None:
    part = write(tmp_path / "part.jsonl", film("imdb", "tt2", "B", 2000), tail='{"type": "fi')
    result = merge_outputs([part], tmp_path / "out.jsonl", strict=False)
    assert [r["id"] for r in read(tmp_path / "out.jsonl")] == ["imdb:tt2"]
    assert result.bad_lines == 1


# --- the merged view --------------------------------------------------------------------------------------

SITES_OF_THE_RED_SHOES = [
    film(
        "rottentomatoes",
        "red_shoes",
        "The Red Shoes",
        1948,
        directors=POWELL,
        runtime_minutes=134,
        ratings=[
            {"kind": "critic", "value": 97, "best": 100, "count": 61, "label": "Tomatometer"},
            {"kind": "audience", "value": 92, "best": 100, "label": "Popcornmeter"},
        ],
    ),
    film(
        "imdb",
        "tt0040725",
        "The Red Shoes",
        1948,
        directors=POWELL,
        runtime_minutes=133,
        rating={"value": 8.3, "best": 10, "worst": 1, "count": 21464},
        ratings=[{"kind": "user", "value": 8.3, "best": 10, "worst": 1, "count": 21464, "label": "IMDb RATING"}],
    ),
    film(
        "metacritic",
        "movie/the-red-shoes",
        "The Red Shoes",
        1948,
        directors=POWELL,
        plot="A ballet.",
        ratings=[{"kind": "metascore", "value": 100, "best": 100, "count": 9, "label": "Metascore"}],
    ),
]


def test_merged_view_should_put_every_sites_ratings_side_by_side() -> None:
    view = merged_film("imdb:tt0040725", SITES_OF_THE_RED_SHOES, {"filmreverie": 1})
    side_by_side = {
        site: [(r["kind"], r["value"], r["best"]) for r in ratings] for site, ratings in view["ratings"].items()
    }
    assert side_by_side == {
        "imdb": [("user", 8.3, 10)],
        "metacritic": [("metascore", 100, 100)],
        "rottentomatoes": [("critic", 97, 100), ("audience", 92, 100)],
    }
    assert view["review_counts"] == {"filmreverie": 1}


def test_merged_view_should_take_each_field_from_the_first_site_carrying_it_and_say_which() -> None:
    view = merged_film("imdb:tt0040725", SITES_OF_THE_RED_SHOES, {})
    assert view["sources"] == ["imdb", "metacritic", "rottentomatoes"]
    assert (view["runtime_minutes"], view["provenance"]["runtime_minutes"]) == (133, "imdb")
    assert (view["plot"], view["provenance"]["plot"]) == ("A ballet.", "metacritic")
    assert view["disagreements"] == {"runtime_minutes": {"imdb": 133, "rottentomatoes": 134}}
    assert [r["id"] for r in view["records"]] == [
        "imdb:tt0040725",
        "metacritic:movie/the-red-shoes",
        "rottentomatoes:red_shoes",
    ]
    MergedFilm.model_validate(view)


def test_view_file_should_hold_one_record_per_film_key(tmp_path: Path) -> None:
    records = [
        *SITES_OF_THE_RED_SHOES,
        film("metacritic", "movie/the-red-shoes-2025", "The Red Shoes", 2025, directors=("Luca Guadagnino",)),
        review("filmreverie", "x", film_title="The Red Shoes", film_year=2025),
    ]
    result = merge_outputs([write(tmp_path / "in.jsonl", *records)], None, view=tmp_path / "view.jsonl")
    views = read(tmp_path / "view.jsonl")
    assert result.view_records == 2
    assert sorted((v["film_key"], len(v["records"]), v["review_counts"].get("filmreverie", 0)) for v in views) == [
        ("imdb:tt0040725", 3, 0),
        ("title:red-shoes-2025", 1, 1),
    ]
