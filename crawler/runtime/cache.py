"""The HTTP cache of refresh crawls, and the replay of a stored crawl (`filmcrawl reparse`).

Refresh crawls use Scrapy's HttpCacheMiddleware with FilesystemCacheStorage and `RefreshPolicy`, Scrapy's
RFC2616Policy with three changes:
- freshness is capped at FILMCRAWL_CACHE_MAX_AGE seconds (default 0): past it, a stored page is revalidated
  with a conditional request (If-None-Match / If-Modified-Since from its ETag / Last-Modified). A 304 answer
  costs the site no body and the stored page is used; a 200 replaces it. Either way the page goes through
  the spider and its records are written again, so a nightly job's output is complete and current (unlike
  skipping unchanged pages, which would freeze their ratings in older outputs);
- answers that are errors or walls (HTTPCACHE_IGNORE_HTTP_CODES: 202, 403, 429, 5xx...) are never stored,
  and a failed revalidation falls back to the stored page only once the request's retries are spent;
- pages stored since FILMCRAWL_CACHE_FRESH_SINCE (the start of a resumed job) are used without asking the
  site again, so restarting a killed job does not fetch its pages twice.
HTTPCACHE_ALWAYS_STORE keeps pages without validators too: every page a job read is stored, which is what
`filmcrawl reparse` replays.

`CacheManifest` writes `<HTTPCACHE_DIR>/<spider>/filmcrawl-job.json` (the start URLs of the job) when a job
opens with the cache on; `filmcrawl reparse` reads it to replay the crawl from the same start URLs through
`ReplayPolicy`: every request is answered from the cache as stored, nothing is stored, and a request that
is not in the cache is dropped (HTTPCACHE_IGNORE_MISSING), so a replay never touches the network.
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.extensions.httpcache import FilesystemCacheStorage, RFC2616Policy
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.project import data_path

logger = logging.getLogger(__name__)

MANIFEST = "filmcrawl-job.json"


FETCHED_AT_HEADER = "X-Filmcrawl-Fetched-At"
"""Set on every response that came from the network (seconds since the epoch), stored with it in the cache."""


class FetchTimeMiddleware:
    """Downloader middleware: stamps each response fetched from the network with its fetch time, before the
    HTTP cache stores it, so a record always carries the time its page was fetched (`fetched_at`): in the
    crawl that fetched it, in a resumed job that uses the stored page, and in `filmcrawl reparse` alike. A
    revalidated page (304) takes the time of the revalidation: its content was known current then.

    Its place in DOWNLOADER_MIDDLEWARES is nearer the downloader than HttpCacheMiddleware (900)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FetchTimeMiddleware:
        if not crawler.settings.getbool("HTTPCACHE_ENABLED"):
            raise NotConfigured  # no HTTP cache: a record's fetch time is when its page is read
        return cls()

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if "cached" not in response.flags and FETCHED_AT_HEADER.encode() not in response.headers:
            response.headers[FETCHED_AT_HEADER] = repr(time.time())
        return response


def fetched_at(response: Response) -> datetime:
    """When the page of `response` was fetched from its site: its fetch-time stamp, or for a page stored before
    stamps existed the time it was stored, else now (a page read as it arrives, without a cache)."""
    stamp = response.headers.get(FETCHED_AT_HEADER)
    seconds: float | None = None
    if stamp:
        try:
            seconds = float(stamp)
        except ValueError:
            seconds = None
    if seconds is None and "cached" in response.flags and response.request is not None:
        seconds = response.request.meta.get("cache_timestamp")
    return datetime.fromtimestamp(seconds, UTC) if seconds is not None else datetime.now(UTC)


class RefreshPolicy(RFC2616Policy):
    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.max_age = max(0.0, settings.getfloat("FILMCRAWL_CACHE_MAX_AGE"))
        self.fresh_since = settings.getfloat("FILMCRAWL_CACHE_FRESH_SINCE")
        self.ignore_http_codes = {int(code) for code in settings.getlist("HTTPCACHE_IGNORE_HTTP_CODES")}
        self.retry_times = settings.getint("RETRY_TIMES")

    def should_cache_response(self, response: Response, request: Request) -> bool:
        if response.status in self.ignore_http_codes:
            return False
        return super().should_cache_response(response, request)

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        stored_at = request.meta.get("cache_timestamp")
        # A retry asks the site again: the stored page may be the wall the retry is about.
        if (
            self.fresh_since
            and stored_at is not None
            and stored_at >= self.fresh_since
            and not request.meta.get("retry_times")
        ):
            return True
        return super().is_cached_response_fresh(cachedresponse, request)

    def is_cached_response_valid(self, cachedresponse: Response, response: Response, request: Request) -> bool:
        if response.status >= 500 and request.meta.get("retry_times", 0) < request.meta.get(
            "max_retry_times", self.retry_times
        ):
            return False  # retry first (with backoff); the stored page is the last resort
        return super().is_cached_response_valid(cachedresponse, response, request)

    def _compute_freshness_lifetime(self, response: Response, request: Request, now: float) -> float:
        return min(super()._compute_freshness_lifetime(response, request, now), self.max_age)


class ReplayPolicy:
    """Every request is answered from the cache as stored; nothing is stored (`filmcrawl reparse`)."""

    def __init__(self, settings: BaseSettings) -> None:
        pass

    def should_cache_request(self, request: Request) -> bool:
        return True

    def should_cache_response(self, response: Response, request: Request) -> bool:
        return False

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        return True

    def is_cached_response_valid(self, cachedresponse: Response, response: Response, request: Request) -> bool:
        return True


def _open_any(path: str | Path, mode: str = "rb") -> IO[bytes]:
    """Open a cache file for reading whether it was stored gzipped (HTTPCACHE_GZIP) or not."""
    with open(path, "rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    return gzip.open(path, mode) if gzipped else open(path, mode)  # type: ignore[return-value]


class FastGzipCacheStorage(FilesystemCacheStorage):
    """FilesystemCacheStorage that compresses at FILMCRAWL_CACHE_GZIP_LEVEL (default 1) instead of gzip's 9.

    Every page a job reads is stored, so compressing it is per-page CPU of the crawl: at level 9 it cost about
    a quarter of the crawl's throughput (`make bench`, docs/performance.md); level 1 keeps most of the saving
    on disk. Entries are ordinary gzip files, read back by any level."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        if self.use_gzip:
            level = settings.getint("FILMCRAWL_CACHE_GZIP_LEVEL", 1)
            self._open = lambda path, mode="rb", **kwargs: gzip.open(path, mode, compresslevel=level, **kwargs)


class ReplayStorage(FilesystemCacheStorage):
    """FilesystemCacheStorage that reads entries stored with or without HTTPCACHE_GZIP."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self._open: Callable[..., IO[bytes]] = _open_any


@dataclass(frozen=True)
class StoredJob:
    """A site's folder in an HTTP cache, with the start URLs of the job that filled it."""

    site: str
    folder: Path
    start_urls: list[str]
    stored_at: float

    @property
    def pages(self) -> int:
        return sum(1 for _ in self.folder.glob("*/*/pickled_meta"))


def stored_jobs(cache_dir: Path) -> list[StoredJob]:
    """The jobs recorded in `cache_dir`: an HTTPCACHE_DIR (one folder per site) or one site's folder."""
    manifests = [cache_dir / MANIFEST] if (cache_dir / MANIFEST).exists() else sorted(cache_dir.glob(f"*/{MANIFEST}"))
    jobs = []
    for manifest in manifests:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        jobs.append(StoredJob(data["site"], manifest.parent, list(data["start_urls"]), float(data["stored_at"])))
    return jobs


class CacheManifest:
    """Extension: records the job's start URLs beside its stored pages, for `filmcrawl reparse`."""

    def __init__(self, crawler: Crawler, cache_dir: Path) -> None:
        self.crawler = crawler
        self.cache_dir = cache_dir
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CacheManifest:
        settings = crawler.settings
        if not settings.getbool("HTTPCACHE_ENABLED") or settings.get("HTTPCACHE_POLICY") == _REPLAY_POLICY:
            raise NotConfigured
        return cls(crawler, Path(data_path(settings["HTTPCACHE_DIR"])))

    def spider_opened(self, spider: Spider) -> None:
        folder = self.cache_dir / spider.name
        folder.mkdir(parents=True, exist_ok=True)
        manifest: dict[str, Any] = {
            "site": spider.name,
            "start_urls": list(getattr(spider, "start_urls", [])),
            "stored_at": time.time(),
        }
        temporary = folder / (MANIFEST + ".tmp")
        temporary.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        temporary.replace(folder / MANIFEST)


_REPLAY_POLICY = f"{ReplayPolicy.__module__}.{ReplayPolicy.__qualname__}"


def replay_settings(cache_dir: Path) -> dict[str, Any]:
    """Settings that make a crawl read `cache_dir` only (see the module docstring)."""
    return {
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_DIR": str(cache_dir.resolve()),
        "HTTPCACHE_POLICY": _REPLAY_POLICY,
        "HTTPCACHE_STORAGE": f"{ReplayStorage.__module__}.{ReplayStorage.__qualname__}",
        "HTTPCACHE_IGNORE_MISSING": True,
        "HTTPCACHE_EXPIRATION_SECS": 0,
        # Stored pages were allowed when they were fetched; robots.txt itself may not be stored.
        "ROBOTSTXT_OBEY": False,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "RETRY_ENABLED": False,
    }
