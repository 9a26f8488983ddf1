"""The Redis keys of one distributed crawl, named as scrapy-redis names them where it has a setting for them."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.settings import BaseSettings
from scrapy_redis import defaults


@dataclass(frozen=True)
class FrontierKeys:
    site: str
    requests: str
    """Sorted set of serialised requests (SCHEDULER_QUEUE_KEY)."""
    seen: str
    """Set of request fingerprints (SCHEDULER_DUPEFILTER_KEY)."""
    start_urls: str
    """List of start URLs, plain or {"url": ...} JSON (REDIS_START_URLS_KEY)."""
    records: str
    """List of records as JSON lines (REDIS_ITEMS_KEY)."""
    rejects: str
    reports: str
    stats: str
    workers: str
    collector: str
    """Held by the one `filmcrawl collect` draining the crawl."""

    @classmethod
    def of(cls, site: str, settings: BaseSettings | None = None) -> FrontierKeys:
        def setting(name: str, default: str) -> str:
            value = settings.get(name) if settings is not None else None
            return str(value or default)

        return cls(
            site=site,
            requests=setting("SCHEDULER_QUEUE_KEY", defaults.SCHEDULER_QUEUE_KEY) % {"spider": site},
            seen=setting("SCHEDULER_DUPEFILTER_KEY", defaults.SCHEDULER_DUPEFILTER_KEY) % {"spider": site},
            start_urls=setting("REDIS_START_URLS_KEY", defaults.START_URLS_KEY) % {"name": site},
            records=setting("REDIS_ITEMS_KEY", defaults.PIPELINE_KEY) % {"spider": site},
            rejects=f"{site}:rejects",
            reports=f"{site}:reports",
            stats=f"{site}:stats",
            workers=f"{site}:workers",
            collector=f"{site}:collector",
        )

    def heartbeat(self, worker: str) -> str:
        return f"{self.site}:worker:{worker}"

    def in_flight(self, worker: str) -> str:
        return f"{self.site}:inflight:{worker}"

    def fixed(self) -> list[str]:
        """Every key of the crawl but the per-worker ones."""
        return [
            self.requests,
            self.seen,
            self.start_urls,
            self.records,
            self.rejects,
            self.reports,
            self.stats,
            self.workers,
        ]

    def per_worker_patterns(self) -> list[str]:
        return [self.heartbeat("*"), self.in_flight("*")]
