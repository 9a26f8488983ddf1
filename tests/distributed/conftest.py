"""Fixtures of the distributed-crawl tests: a real redis-server per test, the counting generated site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from .cluster import stop_all
from .redis_server import RedisServer
from .site_server import CountingSiteServer


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_client(redis_server: RedisServer) -> redis.Redis:
    return redis_server.client()


@pytest.fixture
def site_server() -> Iterator[CountingSiteServer]:
    with CountingSiteServer() as server:
        yield server


@pytest.fixture(autouse=True)
def no_process_left() -> Iterator[None]:
    """Workers and collectors a failed test left running are stopped when it ends."""
    try:
        yield
    finally:
        stop_all()
