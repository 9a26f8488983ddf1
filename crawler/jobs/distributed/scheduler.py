"""scrapy-redis's scheduler, priority queue and duplicate filter, made safe for workers that die.

- `ReliablePriorityQueue` is scrapy-redis's PriorityQueue (a sorted set of pickled requests) whose `pop`
  keeps each request in the worker's in-flight hash until the page is done (crawler.jobs.distributed.frontier).
- `FingerprintDupeFilter` is scrapy-redis's RFPDupeFilter with Scrapy's own request fingerprints
  (REQUEST_FINGERPRINTER_CLASS): scrapy-redis 0.9.1 hashes method, URL and body itself and ignores the
  setting. It never clears the shared seen set (scrapy-redis's `close()` deletes it).
- `FrontierScheduler` queues and marks a request seen in one step, acknowledges finished pages, and turns a
  failing Redis call into a clean stop of the worker instead of an exception in the engine's loop.

A page is done when Scrapy's engine no longer holds its request: the engine keeps a request in its slot from
its download until its callback's output is processed, items through every pipeline included. No public
signal marks that moment, so `requests_in_progress` reads the engine's slot (checked when the crawl opens).
"""

from __future__ import annotations

import itertools
import logging
import pickle
from typing import TYPE_CHECKING, Any

from scrapy import Spider
from scrapy.http import Request
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from .frontier import REDIS_ERRORS, Frontier, frontier_for

if TYPE_CHECKING:
    from scrapy.core.engine import ExecutionEngine
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class EngineNotSupported(RuntimeError):
    """This Scrapy's engine does not keep its requests in progress where the scheduler can see them."""


def requests_in_progress(engine: ExecutionEngine) -> set[Request] | None:
    """The requests the engine is downloading or whose output it is processing; None once it is closed."""
    slot = getattr(engine, "_slot", None)
    if slot is None:
        return None
    in_progress = getattr(slot, "inprogress", None)
    if not isinstance(in_progress, set):
        raise EngineNotSupported(
            "Scrapy's engine slot has no 'inprogress' set: distributed crawls need a Scrapy "
            "whose engine keeps its requests in progress there (2.13 to 2.19 do)"
        )
    return in_progress


class ReliablePriorityQueue(PriorityQueue):
    """scrapy-redis's priority queue; popped requests stay in the worker's in-flight hash until acknowledged."""

    def __init__(self, server: Any, spider: Spider, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.frontier: Frontier = frontier_for(spider.crawler)
        self.handed_out: dict[str, Request] = {}
        """In-flight field -> the request the engine got, until its page is done."""
        self._tokens = itertools.count(1)

    def _encode_request(self, request: Request) -> bytes:
        """scrapy-redis's encoding (the serializer over Request.to_dict), naming the callbacks directly:
        Request.to_dict looks each one up among every attribute of the spider, a third of a millisecond a
        request; a worker encodes every request it finds."""
        try:
            names = (_method_name(self.spider, request.callback), _method_name(self.spider, request.errback))
        except LookupError:  # not a method of the spider under its own name: Scrapy's search says what it is
            return bytes(super()._encode_request(request))
        data = request.replace(callback=None, errback=None).to_dict()
        data["callback"], data["errback"] = names
        return bytes(self.serializer.dumps(data))

    def push_unseen(self, request: Request, fingerprint: str) -> bool:
        """Queue `request` unless its fingerprint was seen (marking it seen): False when it was."""
        return self.frontier.push_unseen(fingerprint, -request.priority, self._encode_request(request))

    def pop(self, timeout: int = 0) -> Request | None:
        found = self.frontier.pop(str(next(self._tokens)))
        if found is None:
            return None
        field, data = found
        request: Request = self._decode_request(data)
        self.handed_out[field] = request
        return request

    def acknowledge(self, in_progress: set[Request] | None) -> int:
        """Acknowledge the handed-out requests the engine is done with (all of them once it is closed)."""
        done = [
            field for field, request in self.handed_out.items() if in_progress is None or request not in in_progress
        ]
        if done:
            self.frontier.acknowledge(done)
            for field in done:
                del self.handed_out[field]
        return len(done)


class FingerprintDupeFilter(RFPDupeFilter):
    """scrapy-redis's duplicate filter keyed by Scrapy's request fingerprints."""

    def __init__(self, server: Any, key: str, debug: bool = False, *, crawler: Crawler | None = None) -> None:
        super().__init__(server, key, debug)
        self.fingerprinter = crawler.request_fingerprinter if crawler is not None else None

    @classmethod
    def from_spider(cls, spider: Spider) -> FingerprintDupeFilter:
        frontier = frontier_for(spider.crawler)
        return cls(
            frontier.client, frontier.keys.seen, spider.settings.getbool("DUPEFILTER_DEBUG"), crawler=spider.crawler
        )

    def request_fingerprint(self, request: Request) -> str:
        if self.fingerprinter is None:
            return str(super().request_fingerprint(request))
        return self.fingerprinter.fingerprint(request).hex()

    def close(self, reason: str = "") -> None:
        """The seen set belongs to the whole crawl: one worker closing keeps it."""


class FrontierScheduler(Scheduler):
    """scrapy-redis's scheduler over the crawl's Frontier: shared queue and seen set, in-flight tracking, and a
    clean stop when Redis goes away."""

    crawler: Crawler
    frontier: Frontier
    queue: ReliablePriorityQueue

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierScheduler:
        settings = crawler.settings
        frontier = frontier_for(crawler)
        # The queue and seen set outlive every worker (SCHEDULER_PERSIST): the crawl is over when Redis says so,
        # not when one worker stops; `filmcrawl collect --reset` clears them.
        instance = cls(
            server=frontier.client,
            persist=True,
            flush_on_start=False,
            queue_key=settings.get("SCHEDULER_QUEUE_KEY") or "%(spider)s:requests",
            queue_cls=settings.get("SCHEDULER_QUEUE_CLASS") or f"{__name__}.ReliablePriorityQueue",
            dupefilter_key=settings.get("SCHEDULER_DUPEFILTER_KEY") or "%(spider)s:dupefilter",
            dupefilter_cls=f"{__name__}.FingerprintDupeFilter",
            idle_before_close=0,
            serializer=_serializer(settings.get("SCHEDULER_SERIALIZER")),
        )
        instance.stats = crawler.stats
        instance.crawler = crawler
        instance.frontier = frontier
        return instance

    def open(self, spider: Spider) -> None:
        # scrapy-redis's open(), without its flush options (the crawl's state is never flushed by a worker) and
        # its call of the deprecated Spider.log().
        requests_in_progress(self.crawler.engine)  # fails now, not mid-crawl, on an engine it cannot follow
        self.spider = spider
        self.queue = load_object(self.queue_cls)(
            server=self.server, spider=spider, key=self.queue_key % {"spider": spider.name}, serializer=self.serializer
        )
        if not isinstance(self.queue, ReliablePriorityQueue):
            raise TypeError(f"SCHEDULER_QUEUE_CLASS must be a ReliablePriorityQueue, not {type(self.queue).__name__}")
        self.df = load_object(self.dupefilter_cls).from_spider(spider)
        self.frontier.beat()
        self.frontier.requeue_gone()
        logger.info(
            "Worker %s joined the crawl at %s: %d request(s) queued, %d seen so far",
            self.frontier.worker,
            self.frontier.keys.requests,
            len(self.queue),
            self.server.scard(self.frontier.keys.seen),
        )

    def close(self, reason: str) -> None:
        """Every page is done by now (the engine waits for them): acknowledge them all. The worker leaves the
        crawl (crawler.jobs.distributed.worker) once its counters and report are in Redis too."""
        if self.frontier.lost:
            return
        try:
            self.acknowledge()
        except REDIS_ERRORS as error:
            self.frontier.mark_lost(error, "acknowledging the last pages")

    def enqueue_request(self, request: Request) -> bool:
        if self.frontier.lost:
            self.frontier.count("filmcrawl/redis/requests_not_queued")
            return False
        try:
            if request.dont_filter:
                self.queue.push(request)
            elif not self.queue.push_unseen(request, self.df.request_fingerprint(request)):
                self.df.log(request, self.spider)
                self.frontier.count("dupefilter/filtered")
                return False
        except REDIS_ERRORS as error:
            self.frontier.mark_lost(error, "queueing a request")
            self.frontier.count("filmcrawl/redis/requests_not_queued")
            return False
        except (pickle.PicklingError, TypeError, AttributeError, ValueError) as error:
            # A callback that is not a spider method, or cb_kwargs pickle cannot write: the request cannot travel.
            logger.error("Could not queue %s in Redis: %s", request, error, extra={"spider": self.spider})
            self.frontier.count("filmcrawl/redis/requests_not_serialisable")
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.frontier.lost:
            return None
        try:
            self.acknowledge()
            request = self.queue.pop()
        except REDIS_ERRORS as error:
            self.frontier.mark_lost(error, "taking a request from the queue")
            return None
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        if self.frontier.lost:
            return False
        try:
            return len(self) > 0
        except REDIS_ERRORS as error:
            self.frontier.mark_lost(error, "reading the queue's length")
            return False

    def acknowledge(self) -> int:
        """Tell Redis which pages this worker has finished (raises what Redis raises)."""
        return self.queue.acknowledge(requests_in_progress(self.crawler.engine))


def _method_name(spider: Spider, method: Any) -> str | None:
    """The name of `method`, a method of `spider` found under its own name (None for no callback); LookupError
    for anything else."""
    if method is None:
        return None
    name = getattr(method, "__name__", None)
    if (
        name
        and getattr(method, "__self__", None) is spider
        and getattr(type(spider), name, None) is getattr(method, "__func__", None)
    ):
        return str(name)
    raise LookupError(method)


def _serializer(name: str | None) -> Any:
    if not name:
        return None
    import importlib

    return importlib.import_module(name)
