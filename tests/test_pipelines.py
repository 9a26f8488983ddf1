"""Pipelines, one job each: validate into the schema, one record per id, every reject written and counted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.test import get_crawler

from crawler.rejects import Reject
from pipelines.dedupe import DedupePipeline
from pipelines.rejects import DuplicateRecord, InvalidRecord, RejectedPage, RejectsPipeline
from pipelines.validate import ValidatePipeline

FILM = {"type": "film", "id": "imdb:tt0040725", "source": "imdb", "url": "https://www.imdb.com/title/tt0040725/",
        "scraped_at": "2026-01-01T00:00:00+00:00", "title": "The Red Shoes", "rating": {"value": "8.3", "best": 10}}


def test_validate_pipeline_should_turn_a_valid_record_into_json_types() -> None:
    crawler = get_crawler()
    item = ValidatePipeline.from_crawler(crawler).process_item(dict(FILM))
    assert item["rating"]["value"] == 8.3 and item["schema_version"] == "1.0"
    assert crawler.stats.get_value("filmcrawl/records/film") == 1


def test_validate_pipeline_should_reject_an_invalid_record_with_field_paths() -> None:
    crawler = get_crawler()
    bad = dict(FILM, rating={"value": "83", "best": 10}, runtime_minutes="2h 16min")
    reject = ValidatePipeline.from_crawler(crawler).process_item(bad)
    assert isinstance(reject, Reject)
    assert (reject.stage, reject.reason) == ("validate", "invalid_film")
    assert {e["path"] for e in reject.errors} == {"rating", "runtime_minutes"}
    assert reject.data == bad
    assert crawler.stats.get_value("filmcrawl/invalid_fields/film/runtime_minutes") == 1


def test_dedupe_pipeline_should_pass_the_first_record_of_an_id_and_reject_the_next() -> None:
    crawler = get_crawler()
    pipeline = DedupePipeline.from_crawler(crawler)
    assert pipeline.process_item(dict(FILM)) == FILM
    second = pipeline.process_item(dict(FILM))
    assert isinstance(second, Reject) and second.reason == "duplicate_film"


@pytest.mark.parametrize(("stage", "drop"), [("parse", RejectedPage), ("fetch", RejectedPage),
                                             ("validate", InvalidRecord), ("dedupe", DuplicateRecord)])
def test_rejects_pipeline_should_write_count_and_drop_every_reject(tmp_path: Path, stage: str,
                                                                    drop: type[Exception]) -> None:
    path = tmp_path / "rejects.jsonl"
    crawler = get_crawler(settings_dict={"FILMCRAWL_REJECTS_FILE": str(path)})
    pipeline = RejectsPipeline.from_crawler(crawler)
    pipeline.open_spider()
    reject = Reject(url="http://127.0.0.1/x", site="imdb", stage=stage, reason="no_title",  # type: ignore[arg-type]
                    detail="no title element")
    with pytest.raises(drop, match="no_title"):
        pipeline.process_item(reject)
    assert pipeline.process_item(FILM) is FILM
    pipeline.close_spider()
    lines: list[dict[str, Any]] = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines == [reject.as_json()]
    assert crawler.stats.get_value("filmcrawl/rejects/no_title") == 1
