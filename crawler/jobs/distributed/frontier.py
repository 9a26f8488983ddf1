"""The Redis side of a distributed crawl: the shared queue's atomic moves, worker heartbeats, and what the crawl
looks like from outside (`FrontierStatus`).

Nothing a worker takes from Redis is lost if the worker dies, or Redis dies under it:
- taking a request from the queue moves it, in one Lua script, into the worker's in-flight hash; the worker
  deletes it from there only once the page is done (its records pushed, the requests it led to queued);
- a request is queued and its fingerprint added to the seen set in one script, so a request is never "seen"
  without being queued (a crash between the two would lose it for good);
- a worker's heartbeat key expires FILMCRAWL_REDIS_WORKER_TTL seconds after its last beat; the in-flight
  requests of a worker without a heartbeat are put back in the queue by any other worker (or by the same
  command run again after Redis came back), and fetched again.
Redis runs every script whole and logs it whole in its append-only file, so whatever state Redis comes back
with after a crash is one of these consistent states.

A failing Redis call (refused connection, timeout, a server refusing writes) makes the worker stop: `lost()`
records why and closes the spider; nothing is acknowledged after that, so what was in flight is fetched
again when the crawl resumes.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import time
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import redis
from scrapy.settings import BaseSettings
from scrapy.utils.defer import deferred_from_coro
from scrapy_redis.connection import get_redis_from_settings

from .keys import FrontierKeys

if TYPE_CHECKING:
    from scrapy.core.engine import ExecutionEngine
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

REDIS_ERRORS: tuple[type[Exception], ...] = (redis.exceptions.RedisError, OSError)
"""What a Redis call raises when Redis is gone, unreachable or refusing writes."""
LOST_REASON = "redis_lost"
"""The spider's close reason (finish_reason) when Redis went away."""

# Pops the best request (lowest score) and keeps it in the worker's in-flight hash under "<token>|<score>".
_POP = """
local popped = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #popped == 0 then return false end
redis.call('ZREM', KEYS[1], popped[1])
local field = ARGV[1] .. '|' .. popped[2]
redis.call('HSET', KEYS[2], field, popped[1])
return {field, popped[1]}
"""
# Queues a request unless its fingerprint was seen; marks it seen in the same step.
_PUSH_UNSEEN = """
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
return 1
"""
# Puts a worker's in-flight requests back in the queue, unless the worker is alive (ARGV[2] = "1": anyway).
_REQUEUE = """
if ARGV[2] ~= '1' and redis.call('EXISTS', KEYS[4]) == 1 then return -1 end
local entries = redis.call('HGETALL', KEYS[2])
for i = 1, #entries, 2 do
  local score = tonumber(string.match(entries[i], '|([^|]*)$')) or 0
  redis.call('ZADD', KEYS[1], score, entries[i + 1])
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
return #entries / 2
"""


def redis_client(settings: BaseSettings) -> redis.Redis:
    """A client for REDIS_URL (or REDIS_HOST/REDIS_PORT) and REDIS_PARAMS, as scrapy-redis builds it."""
    client: redis.Redis = get_redis_from_settings(settings)  # scrapy-redis has no type hints
    return client


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def new_worker_id() -> str:
    """Host, process and a random suffix: unique across machines and across restarts of one process id."""
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class WorkerState:
    worker: str
    alive: bool
    in_flight: int


@dataclass(frozen=True)
class FrontierStatus:
    """The crawl as Redis holds it."""

    queued: int
    seen: int
    start_urls: int
    workers: tuple[WorkerState, ...]
    records_waiting: int
    rejects_waiting: int

    @property
    def in_flight(self) -> int:
        return sum(w.in_flight for w in self.workers)

    @property
    def alive(self) -> int:
        return sum(w.alive for w in self.workers)

    @property
    def orphaned(self) -> int:
        """Requests in flight of workers that stopped without finishing them (put back by the next worker)."""
        return sum(w.in_flight for w in self.workers if not w.alive)

    @property
    def started(self) -> bool:
        return self.seen > 0 or bool(self.workers) or self.queued > 0

    @property
    def over(self) -> bool:
        """Every request queued was done, and no worker runs: nothing more can be found."""
        return self.started and not self.queued and not self.start_urls and not self.in_flight and not self.alive

    @property
    def state(self) -> str:
        if self.over:
            return "over"
        if not self.started:
            return "not started"
        if not self.alive:
            return "stopped (run workers to continue)"
        return "crawling"


class Frontier:
    """One crawl's shared state, as one worker (or `filmcrawl collect`, with no worker id) uses it."""

    def __init__(
        self,
        client: redis.Redis,
        keys: FrontierKeys,
        *,
        worker: str | None = None,
        ttl: float = 15.0,
        crawler: Crawler | None = None,
    ) -> None:
        self.client = client
        self.keys = keys
        self.worker = worker
        self.ttl_ms = max(1, int(ttl * 1000))
        self.crawler = crawler
        self.lost_error: str | None = None
        self.last_activity = time.monotonic()
        """When this worker last had work, or saw others with work: the start of its idle time."""
        self._pop = client.register_script(_POP)
        self._push_unseen = client.register_script(_PUSH_UNSEEN)
        self._requeue = client.register_script(_REQUEUE)

    # --- the queue -------------------------------------------------------------------------------------------

    def pop(self, token: str) -> tuple[str, bytes] | None:
        """The best queued request's data, moved into this worker's in-flight hash under the returned field."""
        assert self.worker is not None
        found = self._pop(keys=[self.keys.requests, self.keys.in_flight(self.worker)], args=[token])
        if not found:
            return None
        field, data = found
        self.last_activity = time.monotonic()
        return _text(field), data

    def push_unseen(self, fingerprint: str, score: float, data: bytes) -> bool:
        """Queue `data` unless `fingerprint` was seen; False when it was."""
        pushed = bool(self._push_unseen(keys=[self.keys.requests, self.keys.seen], args=[fingerprint, score, data]))
        if pushed:
            self.last_activity = time.monotonic()
        return pushed

    def acknowledge(self, fields: list[str]) -> None:
        """The pages of these in-flight entries are done."""
        if fields:
            assert self.worker is not None
            self.client.hdel(self.keys.in_flight(self.worker), *fields)

    # --- workers ---------------------------------------------------------------------------------------------

    def beat(self) -> None:
        assert self.worker is not None
        with self.client.pipeline() as pipe:
            pipe.set(self.keys.heartbeat(self.worker), socket.gethostname(), px=self.ttl_ms)
            pipe.sadd(self.keys.workers, self.worker)
            pipe.execute()

    def requeue_gone(self) -> int:
        """Put back the in-flight requests of every worker without a heartbeat; how many were put back."""
        total = 0
        for member in self.client.smembers(self.keys.workers):
            worker = _text(member)
            if worker == self.worker:
                continue
            count = int(self._requeue(keys=self._requeue_keys(worker), args=[worker, "0"]))
            if count > 0:
                logger.warning(
                    "Put back %d request(s) in flight of worker %s, which stopped without finishing "
                    "them: they are fetched again",
                    count,
                    worker,
                )
                total += count
        if total:
            self.last_activity = time.monotonic()
        return total

    def leave(self) -> int:
        """This worker stops: what it still holds goes back to the queue (nothing, after a clean close)."""
        assert self.worker is not None
        count = int(self._requeue(keys=self._requeue_keys(self.worker), args=[self.worker, "1"]))
        self.client.delete(self.keys.heartbeat(self.worker))
        return count

    def _requeue_keys(self, worker: str) -> list[str]:
        return [self.keys.requests, self.keys.in_flight(worker), self.keys.workers, self.keys.heartbeat(worker)]

    def others_busy(self) -> bool:
        """Another live worker holds requests in flight: its pages may still queue more."""
        busy = any(state.alive and state.in_flight for state in self.worker_states() if state.worker != self.worker)
        if busy:
            self.last_activity = time.monotonic()
        return busy

    def worker_states(self) -> list[WorkerState]:
        workers = sorted(_text(member) for member in self.client.smembers(self.keys.workers))
        if not workers:
            return []
        with self.client.pipeline(transaction=False) as pipe:
            for worker in workers:
                pipe.exists(self.keys.heartbeat(worker))
                pipe.hlen(self.keys.in_flight(worker))
            answers = pipe.execute()
        return [WorkerState(worker, bool(answers[2 * i]), int(answers[2 * i + 1])) for i, worker in enumerate(workers)]

    def status(self) -> FrontierStatus:
        with self.client.pipeline(transaction=False) as pipe:
            pipe.zcard(self.keys.requests)
            pipe.scard(self.keys.seen)
            pipe.llen(self.keys.start_urls)
            pipe.llen(self.keys.records)
            pipe.llen(self.keys.rejects)
            queued, seen, start_urls, records, rejects = pipe.execute()
        return FrontierStatus(
            int(queued), int(seen), int(start_urls), tuple(self.worker_states()), int(records), int(rejects)
        )

    # --- Redis going away ------------------------------------------------------------------------------------

    @property
    def lost(self) -> bool:
        return self.lost_error is not None

    def mark_lost(self, error: BaseException, doing: str) -> None:
        """Redis failed while `doing` something: stop the worker (once), keep everything for the next run."""
        if self.lost_error is not None:
            return
        self.lost_error = f"{type(error).__name__}: {error}"
        logger.error(
            "Redis went away while %s (%s): this worker stops. The pages in flight stay in Redis and are "
            "fetched again when the crawl resumes (run the same command once Redis is back)",
            doing,
            self.lost_error,
        )
        if self.crawler is None:
            return
        if self.crawler.stats is not None:
            self.crawler.stats.set_value("filmcrawl/redis/lost", self.lost_error)
        if running_engine(self.crawler) is None:
            return  # not crawling (yet, or any more): nothing to close
        from twisted.internet import reactor

        # On the next turn of the loop: the engine may be in the middle of the call that failed.
        # Twisted declares IReactorTime.callLater as a zope interface method, without `self`: mypy takes the
        # delay for `self` and the callable for the delay.
        reactor.callLater(0, self._close_spider)  # type: ignore[arg-type]

    def _close_spider(self) -> None:
        assert self.crawler is not None
        engine = running_engine(self.crawler)
        if engine is not None:
            deferred_from_coro(engine.close_spider_async(reason=LOST_REASON))

    def count(self, key: str, value: int = 1) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(key, value)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def running_engine(crawler: Crawler) -> ExecutionEngine | None:
    """The crawler's engine while a spider is open in it, else None."""
    try:
        engine = crawler.engine
    except RuntimeError:  # Scrapy 2.19: "Crawler.engine is not set yet"
        return None
    return engine if engine is not None and engine.spider is not None else None


_FRONTIERS: weakref.WeakKeyDictionary[Any, Frontier] = weakref.WeakKeyDictionary()


def frontier_for(crawler: Crawler) -> Frontier:
    """The one Frontier of a worker's crawler, shared by its scheduler, spider, pipelines and extension."""
    frontier = _FRONTIERS.get(crawler)
    if frontier is None:
        settings = crawler.settings
        site = crawler.spidercls.name
        frontier = Frontier(
            redis_client(settings),
            FrontierKeys.of(site, settings),
            worker=settings.get("FILMCRAWL_REDIS_WORKER_ID") or new_worker_id(),
            ttl=settings.getfloat("FILMCRAWL_REDIS_WORKER_TTL", 15.0),
            crawler=crawler,
        )
        _FRONTIERS[crawler] = frontier
    return frontier


def existing_frontier(crawler: Crawler) -> Frontier | None:
    return _FRONTIERS.get(crawler)
