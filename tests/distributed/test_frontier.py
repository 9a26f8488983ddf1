"""The Redis side of a distributed crawl, against a real redis-server: what a worker takes is never lost."""

from __future__ import annotations

import time

import pytest
import redis

from crawler.jobs.distributed.frontier import Frontier, FrontierStatus, WorkerState
from crawler.jobs.distributed.keys import FrontierKeys

KEYS = FrontierKeys.of("imdb")


def worker(client: redis.Redis, name: str, ttl: float = 15.0) -> Frontier:
    frontier = Frontier(client, KEYS, worker=name, ttl=ttl)
    frontier.beat()
    return frontier


def test_keys_should_be_scrapy_redis_keys_named_by_the_site() -> None:
    assert (KEYS.requests, KEYS.seen, KEYS.start_urls, KEYS.records) == (
        "imdb:requests",
        "imdb:dupefilter",
        "imdb:start_urls",
        "imdb:items",
    )
    assert KEYS.in_flight("w1") == "imdb:inflight:w1" and KEYS.heartbeat("w1") == "imdb:worker:w1"


def test_a_popped_request_should_wait_in_the_workers_in_flight_hash_until_acknowledged(
    redis_client: redis.Redis,
) -> None:
    a = worker(redis_client, "a")
    assert a.push_unseen("fp1", 0, b"request-1")
    field, data = a.pop("1") or ("", b"")
    assert data == b"request-1"
    assert redis_client.zcard(KEYS.requests) == 0
    assert redis_client.hgetall(KEYS.in_flight("a")) == {field.encode(): b"request-1"}
    a.acknowledge([field])
    assert redis_client.hlen(KEYS.in_flight("a")) == 0
    assert a.pop("2") is None


def test_requests_should_be_popped_best_priority_first(redis_client: redis.Redis) -> None:
    a = worker(redis_client, "a")
    for fingerprint, score, data in (("fp-low", 5, b"low"), ("fp-high", -10, b"high"), ("fp-mid", 0, b"mid")):
        a.push_unseen(fingerprint, score, data)
    assert [(a.pop(str(n)) or ("", b""))[1] for n in range(3)] == [b"high", b"mid", b"low"]


def test_a_request_should_be_queued_once_and_seen_in_the_same_step(redis_client: redis.Redis) -> None:
    a, b = worker(redis_client, "a"), worker(redis_client, "b")
    assert a.push_unseen("fp1", 0, b"from-a") is True
    assert b.push_unseen("fp1", 0, b"from-b") is False  # another worker found the same link
    assert redis_client.zrange(KEYS.requests, 0, -1) == [b"from-a"]
    assert redis_client.smembers(KEYS.seen) == {b"fp1"}


def test_in_flight_requests_of_a_worker_without_heartbeat_should_go_back_to_the_queue_with_their_priority(
    redis_client: redis.Redis,
) -> None:
    dead, alive, other = worker(redis_client, "dead", ttl=0.2), worker(redis_client, "alive"), worker(redis_client, "c")
    dead.push_unseen("fp1", -3, b"taken-by-dead")
    alive.push_unseen("fp2", 0, b"taken-by-alive")
    assert (dead.pop("1") or ("", b""))[1] == b"taken-by-dead"
    assert (alive.pop("1") or ("", b""))[1] == b"taken-by-alive"
    time.sleep(0.3)  # the dead worker's heartbeat expires
    assert other.requeue_gone() == 1
    assert redis_client.zrange(KEYS.requests, 0, -1, withscores=True) == [(b"taken-by-dead", -3.0)]
    assert redis_client.hlen(KEYS.in_flight("dead")) == 0
    assert redis_client.hlen(KEYS.in_flight("alive")) == 1  # alive: its page is still being processed
    assert b"dead" not in redis_client.smembers(KEYS.workers)


def test_a_worker_leaving_should_give_back_what_it_holds(redis_client: redis.Redis) -> None:
    a = worker(redis_client, "a")
    a.push_unseen("fp1", 0, b"r1")
    a.pop("1")
    assert a.leave() == 1
    assert redis_client.zcard(KEYS.requests) == 1
    assert not redis_client.exists(KEYS.heartbeat("a"))


def test_others_busy_should_count_only_live_workers_with_pages_in_flight(redis_client: redis.Redis) -> None:
    a, b = worker(redis_client, "a"), worker(redis_client, "b")
    assert not a.others_busy()
    b.push_unseen("fp1", 0, b"r1")
    b.pop("1")
    assert a.others_busy() and not b.others_busy()
    redis_client.delete(KEYS.heartbeat("b"))  # b died: its page is not "busy", it is to be put back
    assert not a.others_busy()


def states(*workers: tuple[bool, int]) -> tuple[WorkerState, ...]:
    return tuple(WorkerState(f"w{n}", alive, in_flight) for n, (alive, in_flight) in enumerate(workers))


@pytest.mark.parametrize(
    "status, state",
    [
        (FrontierStatus(0, 0, 0, (), 0, 0), "not started"),
        (FrontierStatus(0, 0, 1, (), 0, 0), "not started"),  # start URLs seeded, no worker yet
        (FrontierStatus(10, 50, 0, states((True, 16)), 0, 0), "crawling"),
        (FrontierStatus(0, 50, 0, states((True, 0), (True, 3)), 0, 0), "crawling"),  # w1's pages may queue more
        (FrontierStatus(0, 50, 0, states((True, 0)), 0, 0), "crawling"),  # the worker is closing
        (FrontierStatus(5, 50, 0, states((False, 2)), 0, 0), "stopped (run workers to continue)"),
        (FrontierStatus(0, 50, 0, (), 7, 0), "over"),  # records still to collect: over all the same
    ],
)
def test_a_crawl_should_be_over_only_when_nothing_is_queued_or_in_flight_and_no_worker_runs(
    status: FrontierStatus, state: str
) -> None:
    assert status.state == state
    assert status.over is (state == "over")
