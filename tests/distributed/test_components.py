"""The scrapy-redis components as the project extends them, on real Scrapy crawlers and a real redis-server:
requests travel through Redis with their callbacks and partial records, fingerprints are Scrapy's, start()
reads the shared start-URL list, and idle workers close only when the whole crawl is idle."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
import redis
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy.utils.test import get_crawler

from crawler.jobs.distributed.frontier import Frontier, frontier_for
from crawler.jobs.distributed.keys import FrontierKeys
from crawler.jobs.distributed.scheduler import (
    EngineNotSupported,
    FingerprintDupeFilter,
    ReliablePriorityQueue,
    requests_in_progress,
)
from crawler.jobs.distributed.spider import distributed_spider, start_url_of
from spiders.imdb import ImdbSpider
from spiders.reviews import ReviewsSpider

from .redis_server import RedisServer

MIRROR = "http://127.0.0.1:8800"
KEYS = FrontierKeys.of("imdb")


class PathOnlyFingerprinter:
    """A fingerprinter that ignores query strings: the seen set must follow it."""

    def fingerprint(self, request: Request) -> bytes:
        return request.url.split("?", 1)[0].encode()


def worker_spider(redis_server: RedisServer, spider_cls: type = ImdbSpider, **settings: Any) -> Any:
    crawler: Crawler = get_crawler(
        distributed_spider(spider_cls), {"REDIS_URL": redis_server.url, "MAX_IDLE_TIME_BEFORE_CLOSE": 1, **settings}
    )
    spider = crawler.spidercls.from_crawler(crawler, start_urls=[f"{MIRROR}/list/ls100000000500/"])
    crawler.spider = spider
    return spider


def start_requests(spider: Any) -> list[Request]:
    async def take() -> list[Request]:
        return [request async for request in spider.start()]

    return asyncio.run(take())


def test_a_sub_page_request_should_travel_through_redis_with_its_callbacks_and_partial_records(
    redis_server: RedisServer,
) -> None:
    spider = worker_spider(redis_server)
    film = {
        "type": "film",
        "id": "imdb:tt10000001",
        "title": "Sample Film 1",
        "rating": {"value": Decimal("8.1"), "best": Decimal("10"), "count": 995},
        "scraped_at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    }
    sent = spider.subpage_request(
        "imdb:tt10000001",
        {"film|imdb:tt10000001": film},
        [f"{MIRROR}/title/tt10000001/fullcredits/", f"{MIRROR}/title/tt10000001/reviews/"],
    )
    queue = ReliablePriorityQueue(redis_server.client(), spider, KEYS.requests)
    queue.push(sent)
    received = queue.pop()
    assert received is not None and received is not sent
    assert received.url == sent.url and received.dont_filter is True
    assert received.callback == spider.parse_subpage and received.errback == spider.on_subpage_error
    assert received.cb_kwargs == sent.cb_kwargs  # Decimal ratings and the datetime stamp included
    assert redis_server.client().hlen(KEYS.in_flight(frontier_for(spider.crawler).worker or "")) == 1
    assert queue.acknowledge(in_progress=set()) == 1  # the engine holds it no more: done
    assert redis_server.client().hlen(KEYS.in_flight(frontier_for(spider.crawler).worker or "")) == 0


def test_requests_should_come_back_from_redis_as_scrapy_would_rebuild_them(redis_server: RedisServer) -> None:
    spider = worker_spider(redis_server)
    queue = ReliablePriorityQueue(redis_server.client(), spider, KEYS.requests)
    sent = [
        Request(f"{MIRROR}/list/ls1/?page=2", callback=spider.parse, errback=spider.on_error, meta={"listing_page": 2}),
        Request(
            f"{MIRROR}/title/tt1/reviews/", callback=spider.parse, cb_kwargs={"merged_film": "imdb:tt1"}, priority=5
        ),
        Request(f"{MIRROR}/robots.txt"),
    ]
    for request in sent:
        queue.push(request)
    received = [queue.pop() for _ in sent]
    assert received[0] is not None and received[0].priority == 5  # best priority first
    assert sorted((r.to_dict(spider=spider) for r in received if r), key=lambda d: d["url"]) == sorted(
        (r.to_dict(spider=spider) for r in sent), key=lambda d: d["url"]
    )
    with pytest.raises(ValueError):  # not a spider method: cannot travel (the scheduler counts and logs it)
        queue.push(Request(f"{MIRROR}/x", callback=lambda response: None))


def test_the_seen_set_should_hold_scrapys_request_fingerprints(redis_server: RedisServer) -> None:
    spider = worker_spider(redis_server)
    dupefilter = FingerprintDupeFilter.from_spider(spider)
    request = Request(f"{MIRROR}/title/tt10000001/?ref_=li_tt")
    assert dupefilter.request_fingerprint(request) == spider.crawler.request_fingerprinter.fingerprint(request).hex()


def test_the_seen_set_should_follow_a_custom_request_fingerprinter(redis_server: RedisServer) -> None:
    spider = worker_spider(redis_server, REQUEST_FINGERPRINTER_CLASS=f"{__name__}.PathOnlyFingerprinter")
    dupefilter = FingerprintDupeFilter.from_spider(spider)
    queue = ReliablePriorityQueue(redis_server.client(), spider, KEYS.requests)
    first, second = Request(f"{MIRROR}/title/tt1/?ref_=a"), Request(f"{MIRROR}/title/tt1/?ref_=b")
    assert queue.push_unseen(first, dupefilter.request_fingerprint(first)) is True
    assert queue.push_unseen(second, dupefilter.request_fingerprint(second)) is False


def test_closing_one_worker_should_keep_the_crawls_seen_set(redis_server: RedisServer) -> None:
    spider = worker_spider(redis_server)
    redis_server.client().sadd(KEYS.seen, "fp")
    FingerprintDupeFilter.from_spider(spider).close("finished")
    assert redis_server.client().smembers(KEYS.seen) == {b"fp"}


@pytest.mark.parametrize(
    "entry, url",
    [
        (b'{"url": "http://127.0.0.1:8800/list/ls1/"}', "http://127.0.0.1:8800/list/ls1/"),  # scrapy-redis's JSON
        (b"http://127.0.0.1:8800/list/ls1/", "http://127.0.0.1:8800/list/ls1/"),  # redis-cli LPUSH key URL
        (b"  http://127.0.0.1:8800/list/ls1/\n", "http://127.0.0.1:8800/list/ls1/"),
        (b'{"meta": {}}', None),
        (b"{not json", None),
        (b"", None),
    ],
)
def test_start_url_entries_should_be_read_in_both_scrapy_redis_forms(entry: bytes, url: str | None) -> None:
    assert start_url_of(entry) == url


def test_start_should_seed_the_shared_list_and_read_it_with_the_site_spiders_own_requests(
    redis_server: RedisServer,
) -> None:
    client = redis_server.client()
    client.rpush(KEYS.start_urls, f"{MIRROR}/list/ls100000000007/")  # pushed by hand before the workers
    spider = worker_spider(redis_server)
    requests = start_requests(spider)
    assert [r.url for r in requests] == [f"{MIRROR}/list/ls100000000007/", f"{MIRROR}/list/ls100000000500/"]
    assert all(r.callback == spider.parse and r.errback == spider.on_error for r in requests)
    assert not any(r.dont_filter for r in requests)  # the seen set makes N workers' seeds one request
    assert client.llen(KEYS.start_urls) == 0
    assert spider.start_urls == [f"{MIRROR}/list/ls100000000500/"]  # its own, lent back


def test_start_should_keep_a_sites_own_start_callback(redis_server: RedisServer) -> None:
    crawler = get_crawler(distributed_spider(ReviewsSpider), {"REDIS_URL": redis_server.url})
    spider = crawler.spidercls.from_crawler(crawler, start_urls=[f"{MIRROR}/feed.xml"])
    crawler.spider = spider
    assert [(r.url, r.callback) for r in start_requests(spider)] == [(f"{MIRROR}/feed.xml", spider.parse_start)]


def other_worker(client: redis.Redis, name: str, *, alive: bool, in_flight: int) -> None:
    frontier = Frontier(client, KEYS, worker=name, ttl=15.0 if alive else 0.05)
    frontier.beat()
    for n in range(in_flight):
        frontier.push_unseen(f"{name}-{n}", 0, f"{name}-{n}".encode())
        frontier.pop(str(n))
    if not alive:
        time.sleep(0.1)


# (what the rest of the crawl looks like, seconds since this worker last had work, what the idle worker does)
IDLE_CASES = [
    ("nothing anywhere", 0.0, "stays"),  # not yet idle for MAX_IDLE_TIME_BEFORE_CLOSE
    ("nothing anywhere", 5.0, "closes"),
    ("a request queued", 5.0, "stays"),
    ("another worker has pages in flight", 5.0, "stays"),  # they may queue more
    ("a dead worker had pages in flight", 5.0, "stays"),  # put back in the queue: work
    ("an idle live worker", 5.0, "closes"),
]


@pytest.mark.parametrize("crawl, idle_for, outcome", IDLE_CASES)
def test_an_idle_worker_should_close_only_when_the_whole_crawl_is_idle(
    redis_server: RedisServer, crawl: str, idle_for: float, outcome: str
) -> None:
    client = redis_server.client()
    spider = worker_spider(redis_server)
    if crawl == "a request queued":
        client.zadd(KEYS.requests, {b"queued": 0})
    elif crawl == "another worker has pages in flight":
        other_worker(client, "busy", alive=True, in_flight=2)
    elif crawl == "a dead worker had pages in flight":
        other_worker(client, "dead", alive=False, in_flight=2)
    elif crawl == "an idle live worker":
        other_worker(client, "idle", alive=True, in_flight=0)
    frontier_for(spider.crawler).last_activity = time.monotonic() - idle_for
    if outcome == "closes":
        assert spider.spider_idle() is None
    else:
        with pytest.raises(DontCloseSpider):
            spider.spider_idle()
    if crawl == "a dead worker had pages in flight":
        assert client.zcard(KEYS.requests) == 2 and client.hlen(KEYS.in_flight("dead")) == 0


def test_a_worker_waiting_for_ever_should_never_close_by_itself(redis_server: RedisServer) -> None:
    spider = worker_spider(redis_server, MAX_IDLE_TIME_BEFORE_CLOSE=0)
    frontier_for(spider.crawler).last_activity = time.monotonic() - 3600
    with pytest.raises(DontCloseSpider):
        spider.spider_idle()


def test_an_idle_worker_should_close_as_redis_lost_when_redis_is_gone(redis_server: RedisServer) -> None:
    spider = worker_spider(redis_server)
    redis_server.kill()
    with pytest.raises(CloseSpider) as closing:
        spider.spider_idle()
    assert closing.value.reason == "redis_lost"
    assert frontier_for(spider.crawler).lost


def test_an_engine_without_requests_in_progress_should_be_refused_when_the_crawl_opens() -> None:
    class OtherEngine:
        _slot = object()

    with pytest.raises(EngineNotSupported):
        requests_in_progress(OtherEngine())  # type: ignore[arg-type]
