"""Pipelines, one job each: validate into the schema, give each film its own key, count repeated ids, and
write and count every reject; the spider middleware that turns a parser's exception into a reject."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider
from scrapy.http import HtmlResponse, Request
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler

from crawler.runtime.rejects import Reject, SpiderErrorRejectsMiddleware, page_type_of
from pipelines.dedupe import DedupePipeline
from pipelines.identity import FilmKeyPipeline
from pipelines.rejects import InvalidRecord, RejectedPage, RejectsPipeline
from pipelines.validate import ValidatePipeline
from schemas import SCHEMA_VERSION

FILM = {
    "type": "film",
    "id": "imdb:tt0040725",
    "source": "imdb",
    "url": "https://www.imdb.com/title/tt0040725/",
    "scraped_at": "2026-01-01T00:00:00+00:00",
    "title": "The Red Shoes",
    "rating": {"value": "8.3", "best": 10},
}


def test_validate_pipeline_should_turn_a_valid_record_into_json_types() -> None:
    crawler = get_crawler()
    item = ValidatePipeline.from_crawler(crawler).process_item(dict(FILM))
    assert item["rating"]["value"] == 8.3 and item["schema_version"] == SCHEMA_VERSION
    assert crawler.stats.get_value("filmcrawl/records/film") == 1


def test_validate_pipeline_should_reject_an_invalid_record_with_field_paths() -> None:
    crawler = get_crawler()
    bad = dict(FILM, url="not a url", release_country="United Kingdom")
    reject = ValidatePipeline.from_crawler(crawler).process_item(bad)
    assert isinstance(reject, Reject)
    assert (reject.stage, reject.reason, reject.record_type) == ("validate", "invalid_film", "film")
    assert {e["path"] for e in reject.errors} == {"url", "release_country"}
    assert reject.data == bad
    assert crawler.stats.get_value("filmcrawl/invalid_fields/film/release_country") == 1


def test_validate_pipeline_should_null_implausible_values_and_keep_their_raw_text() -> None:
    crawler = get_crawler()
    odd = dict(FILM, rating={"value": "83", "best": 10}, runtime_minutes=9999, year=1700)
    item = ValidatePipeline.from_crawler(crawler).process_item(odd)
    assert (item["rating"], item["runtime_minutes"], item["year"], item["title"]) == (None, None, None, "The Red Shoes")
    assert item["extraction"]["unparsed"] == {"rating": "83/10", "runtime_minutes": "9999", "year": "1700"}
    for field in ("rating", "runtime_minutes", "year"):
        assert crawler.stats.get_value(f"filmcrawl/implausible/{field}") == 1


def test_validate_pipeline_should_count_each_value_a_reader_could_not_normalise() -> None:
    crawler = get_crawler()
    read = dict(FILM, extraction={"parser": "imdb/title/title_next", "unparsed": {"budget": "$30-35 million"}})
    item = ValidatePipeline.from_crawler(crawler).process_item(read)
    assert item["budget"] is None and item["extraction"]["unparsed"] == {"budget": "$30-35 million"}
    assert crawler.stats.get_value("filmcrawl/unparsed/budget") == 1


def test_rejects_pipeline_should_write_a_reject_utf8_cannot_encode_with_escapes(tmp_path: Path) -> None:
    path = tmp_path / "rejects.jsonl"
    crawler = get_crawler(settings_dict={"FILMCRAWL_REJECTS_FILE": str(path)})
    pipeline = RejectsPipeline.from_crawler(crawler)
    pipeline.open_spider()
    reject = Reject(
        url="https://letterboxd.com/film/x/",
        site="letterboxd",
        stage="validate",
        reason="invalid_film",
        data={"title": "", "plot": "Lone \ud800 surrogate"},
    )
    with pytest.raises(InvalidRecord):
        pipeline.process_item(reject)
    pipeline.close_spider()
    line = path.read_text("utf-8")
    assert "\\ud800" in line and json.loads(line)["data"]["plot"] == "Lone \ud800 surrogate"
    assert crawler.stats.get_value("filmcrawl/rejects/invalid_film") == 1


def test_film_key_pipeline_should_give_a_film_its_own_key_without_changing_the_item() -> None:
    crawler = get_crawler()
    item = ValidatePipeline.from_crawler(crawler).process_item(dict(FILM, year=1948))
    keyed = FilmKeyPipeline.from_crawler(crawler).process_item(item)
    assert keyed["film_key"] == "imdb:tt0040725" and item["film_key"] is None
    assert list(keyed) == list(item)  # the key stays in its place


def test_dedupe_pipeline_should_pass_a_repeated_record_on_and_count_it() -> None:
    crawler = get_crawler()
    pipeline = DedupePipeline.from_crawler(crawler)
    assert pipeline.process_item(dict(FILM)) == FILM
    assert pipeline.process_item(dict(FILM, plot="A ballet.")) == dict(FILM, plot="A ballet.")
    assert crawler.stats.get_value("filmcrawl/duplicates/film") == 1


@pytest.mark.parametrize(
    ("stage", "drop"), [("parse", RejectedPage), ("fetch", RejectedPage), ("validate", InvalidRecord)]
)
def test_rejects_pipeline_should_write_count_and_drop_every_reject(
    tmp_path: Path, stage: str, drop: type[Exception]
) -> None:
    path = tmp_path / "rejects.jsonl"
    crawler = get_crawler(settings_dict={"FILMCRAWL_REJECTS_FILE": str(path)})
    pipeline = RejectsPipeline.from_crawler(crawler)
    pipeline.open_spider()
    reject = Reject(
        url="http://127.0.0.1/title/tt0040725/fullcredits",
        site="imdb",
        stage=stage,
        reason="no_title",
        detail="no title element",
    )  # type: ignore[arg-type]
    with pytest.raises(drop, match="no_title"):
        pipeline.process_item(reject)
    assert pipeline.process_item(FILM) is FILM
    pipeline.close_spider()
    lines: list[dict[str, Any]] = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines == [{**reject.as_json(), "page_type": "fullcredits"}]  # the page type its URL names
    assert crawler.stats.get_value("filmcrawl/rejects/no_title") == 1


PAGE_TYPES = [
    # (site, URL, page type)
    ("imdb", "https://www.imdb.com/title/tt0040725/", "title"),
    ("imdb", "http://127.0.0.1:8800/title/tt0040725/releaseinfo?ref_=tt", "releaseinfo"),
    ("imdb", "https://www.imdb.com/title/tt0040725/reviews/?sort=date", "reviews"),
    ("imdb", "https://www.imdb.com/chart/top/", "listing"),
    ("rottentomatoes", "https://www.rottentomatoes.com/m/red_shoes", "movie"),
    ("letterboxd", "https://letterboxd.com/vickypage/watchlist/", "watchlist"),
    ("wikipedia", "https://en.wikipedia.org/wiki/The_Red_Shoes_(1948_film)", "film_article"),
    ("fandango_at_home", "http://127.0.0.1/api2/?_type=contentSearch&contentId=12345", "title"),
    ("fandango_at_home", "http://127.0.0.1/api2/?_type=contentSearch&count=2&offset=0", "browse"),
    ("wikipedia", "https://en.wikipedia.org/wiki/Special:Random", None),
    ("filmreverie", "https://filmreverie.example/the-red-shoes/", None),
]


@pytest.mark.parametrize(("site", "url", "page_type"), PAGE_TYPES, ids=[f"{s} {u}" for s, u, _ in PAGE_TYPES])
def test_page_type_should_be_read_from_the_url_where_it_tells(site: str, url: str, page_type: str | None) -> None:
    assert page_type_of(site, url) == page_type


def test_an_exception_while_reading_a_page_should_become_a_parser_error_reject() -> None:
    crawler = get_crawler(Spider)
    crawler.spider = Spider("letterboxd")
    middleware = SpiderErrorRejectsMiddleware.from_crawler(crawler)
    response = HtmlResponse(
        "https://letterboxd.com/film/the-red-shoes/",
        body=b"<html></html>",
        request=Request("https://letterboxd.com/film/the-red-shoes/"),
    )
    [reject] = list(middleware.process_spider_exception(response, KeyError("aggregateRating")) or [])
    assert (reject.stage, reject.reason, reject.page_type) == ("parse", "parser_error", "film")
    assert reject.detail == "KeyError: 'aggregateRating'"
    assert crawler.stats.get_value("filmcrawl/parser_errors/KeyError") == 1
    assert middleware.process_spider_exception(response, HttpError(response)) is None  # the errback's to handle


def test_a_parser_that_reads_nothing_should_give_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    from crawler.core import extraction
    from crawler.core.parsers.errors import PageLayoutError
    from crawler.core.parsers.fallback import Reading

    monkeypatch.setattr(extraction, "_parse", lambda sel, *, url, site: (site, Reading([], "unknown")))
    with pytest.raises(PageLayoutError, match="no_records"):
        extraction.extract(
            extraction.selector_for(b"<html><body></body></html>"),
            url="https://letterboxd.com/",
            site="letterboxd",
            scraped_at=datetime.now(UTC),
        )
