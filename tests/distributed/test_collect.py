"""`filmcrawl collect`: records leave Redis only once they are on disk, one collector at a time, and the output
step and verdict of a single-process crawl apply to the whole distributed crawl."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import redis

from crawler.jobs.crawling import project_settings
from crawler.jobs.distributed import collect as collecting
from crawler.jobs.distributed.collect import CollectFolder, collect, drain
from crawler.jobs.distributed.frontier import Frontier
from crawler.jobs.distributed.keys import FrontierKeys

from .redis_server import RedisServer

KEYS = FrontierKeys.of("imdb")


def film(n: int) -> dict[str, Any]:
    return {
        "type": "film",
        "id": f"imdb:tt{n:07d}",
        "source": "imdb",
        "url": f"https://www.imdb.com/title/tt{n:07d}/",
        "title": f"Film {n}",
        "year": 1948,
        "scraped_at": "2026-01-02T03:04:05Z",
    }


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def finished_crawl(client: redis.Redis, films: int = 2, **stats: int) -> None:
    """What the workers of a finished crawl leave in Redis: the seen set, records, their counters."""
    client.sadd(KEYS.seen, *(f"fp{n}" for n in range(films)))
    client.rpush(KEYS.records, *(json.dumps(film(n)) for n in range(films)))
    if stats:
        client.hset(KEYS.stats, mapping=stats)


def test_drain_should_move_every_line_to_disk_in_batches_and_empty_the_list(
    redis_client: redis.Redis, tmp_path: Path
) -> None:
    redis_client.rpush(KEYS.records, *(json.dumps(film(n)) for n in range(5)))
    part = tmp_path / "records.jsonl"
    assert drain(Frontier(redis_client, KEYS), KEYS.records, part, batch=2) == 5
    assert [r["id"] for r in lines(part)] == [film(n)["id"] for n in range(5)]
    assert redis_client.llen(KEYS.records) == 0


def test_drain_should_cut_a_torn_last_line_before_appending(redis_client: redis.Redis, tmp_path: Path) -> None:
    part = tmp_path / "records.jsonl"
    part.write_text(json.dumps(film(1)) + "\n" + json.dumps(film(2))[:25], encoding="utf-8")  # killed mid-write
    redis_client.rpush(KEYS.records, json.dumps(film(2)), json.dumps(film(3)))  # film 2 was still in Redis
    drain(Frontier(redis_client, KEYS), KEYS.records, part)
    assert [r["id"] for r in lines(part)] == [film(n)["id"] for n in (1, 2, 3)]


def test_a_batch_that_did_not_reach_the_disk_should_stay_in_redis(
    redis_client: redis.Redis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    redis_client.rpush(KEYS.records, json.dumps(film(1)))

    def disk_failure(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(collecting.os, "fsync", disk_failure)
    with pytest.raises(OSError):
        drain(Frontier(redis_client, KEYS), KEYS.records, tmp_path / "records.jsonl")
    assert redis_client.llen(KEYS.records) == 1


def test_status_should_show_the_crawl_in_redis_and_collect_nothing(
    redis_server: RedisServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    client = redis_server.client()
    finished_crawl(client)
    client.zadd(KEYS.requests, {b"queued-1": 0, b"queued-2": 0})
    assert collect("imdb", redis_server.url, tmp_path / "films.jsonl", project_settings(), status_only=True) == 0
    printed = capsys.readouterr().out
    assert "imdb crawl at redis://127.0.0.1" in printed
    assert "requests queued             2   imdb:requests" in printed
    assert "records waiting             2   imdb:items" in printed
    assert client.llen(KEYS.records) == 2 and not (tmp_path / "films.jsonl").exists()


def test_a_second_collector_should_be_refused_while_the_first_holds_the_lock(
    redis_server: RedisServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    client = redis_server.client()
    finished_crawl(client)
    client.set(KEYS.collector, "another", px=60_000)
    assert collect("imdb", redis_server.url, tmp_path / "films.jsonl", project_settings(), lock_wait=0.3) == 2
    assert "another collect is draining the imdb crawl" in capsys.readouterr().err
    assert client.llen(KEYS.records) == 2


def test_collect_should_write_the_output_merged_by_id_and_reset_a_finished_crawl(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    client = redis_server.client()
    finished_crawl(client, films=2, **{"filmcrawl/pages": 2, "item_scraped_count": 3})
    client.rpush(KEYS.records, json.dumps({**film(1), "runtime_minutes": 133}))  # film 1 again, from a re-fetch
    out = tmp_path / "films.jsonl"
    assert collect("imdb", redis_server.url, out, project_settings(), clear=True) == 0
    output = lines(out)
    assert [r["id"] for r in output] == [film(0)["id"], film(1)["id"]]
    assert output[1]["runtime_minutes"] == 133  # the repeat's value filled the first copy's gap
    assert lines(out.with_name("films.rejects.jsonl")) == []
    assert not list(client.scan_iter(match="imdb:*"))  # the next crawl starts afresh
    assert not CollectFolder.beside(out).root.exists()


def test_reset_should_be_refused_while_the_crawl_is_not_over(redis_server: RedisServer, tmp_path: Path) -> None:
    client = redis_server.client()
    finished_crawl(client)
    client.zadd(KEYS.requests, {b"still-queued": 0})
    out = tmp_path / "films.jsonl"
    assert collect("imdb", redis_server.url, out, project_settings(), clear=True) == 2
    assert len(lines(out)) == 2  # what was collected is written all the same
    assert client.zcard(KEYS.requests) == 1 and client.scard(KEYS.seen) == 2


@pytest.mark.parametrize(
    "stats, status",
    [
        ({"filmcrawl/pages": 2, "item_scraped_count": 2}, 0),
        ({"filmcrawl/pages": 12, "item_scraped_count": 2, "filmcrawl/rejects/http_500": 10}, 3),  # reject ratio 0.83
        ({"filmcrawl/pages": 10, "item_scraped_count": 2, "blocked/waf_challenge": 5}, 3),  # blocked ratio 0.5
    ],
)
def test_collect_should_judge_the_whole_crawl_by_the_quality_thresholds(
    redis_server: RedisServer, tmp_path: Path, stats: dict[str, int], status: int
) -> None:
    finished_crawl(redis_server.client(), **stats)
    assert collect("imdb", redis_server.url, tmp_path / "films.jsonl", project_settings()) == status


def test_collect_should_not_run_without_its_redis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .redis_server import free_port

    url = f"redis://:secret@127.0.0.1:{free_port()}/0"
    assert collect("imdb", url, tmp_path / "films.jsonl", project_settings()) == 2
    error = capsys.readouterr().err
    assert "could not reach Redis at redis://:***@127.0.0.1:" in error and "secret" not in error
