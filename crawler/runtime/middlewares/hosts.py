"""Which hosts are this machine, and how to shape a host's downloader slot (its delay and concurrency)."""

from __future__ import annotations

import ipaddress

from scrapy.core.downloader import Downloader


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: a test server or the bundled sample site, not a real site."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def shape_slot(
    downloader: Downloader, key: str, *, delay: float, exact: bool = False, concurrency: int | None = None
) -> None:
    """Set the download delay of the slot `key` (at least `delay`, or exactly `delay` when `exact`), without
    random jitter, and optionally its concurrency; for the live slot and for the slot Scrapy creates again
    after dropping an idle one (DOWNLOAD_SLOTS entries are read when a slot is created)."""
    entry = downloader.per_slot_settings.setdefault(key, {})
    # A new slot otherwise starts at the crawl's default delay (AUTOTHROTTLE_START_DELAY when AutoThrottle is on).
    default = float(entry.get("delay", getattr(downloader, "_delay", 0.0)))
    entry["delay"] = delay if exact else max(default, delay)
    entry["jitter"] = 0.0
    if concurrency is not None:
        entry["concurrency"] = concurrency
    slot = downloader.slots.get(key)
    if slot is None:
        return
    slot.delay = delay if exact else max(slot.delay, delay)
    slot.jitter = 0.0
    if concurrency is not None:
        slot.concurrency = concurrency
