"""The bench's generated IMDb-like site (bench/site.py: list pages, title pages of two layouts, three merged
sub-pages per title), served by a process of its own on 127.0.0.1 that counts every request it answers.

`GET /__counts` answers {"counts": {target: requests}, "first": t, "last": t} (epoch seconds of the first and
last page request, robots.txt aside): the tests check that every page was fetched exactly once whichever
worker fetched it, and the bench reads the crawl's duration as the server saw it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

from bench.site import answer

ROOT = Path(__file__).resolve().parents[2]
COUNTS = "/__counts"

_counts: Counter[str] = Counter()
_times: dict[str, float] = {}


def _respond(target: str) -> tuple[int, str, bytes]:
    if target == COUNTS:
        return 200, "application/json", json.dumps({"counts": _counts, **_times}).encode()
    _counts[target] += 1
    if target != "/robots.txt":
        now = time.time()
        _times.setdefault("first", now)
        _times["last"] = now
    return answer(target)


class _Protocol(asyncio.Protocol):
    """HTTP/1.1 GET with keep-alive, as bench/server.py serves it."""

    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.transport is not None and (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            fields = head.split(b"\r\n", 1)[0].split(b" ")
            status, content_type, body = (
                _respond(fields[1].decode("latin-1")) if len(fields) == 3 else (400, "text/plain", b"bad request\n")
            )
            self.transport.write(
                b"HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
                % (status, content_type.encode(), len(body))
                + body
            )

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


async def serve(port: int = 0) -> None:
    server = await asyncio.get_running_loop().create_server(_Protocol, "127.0.0.1", port, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


class CountingSiteServer:
    """`with CountingSiteServer() as site:` serves the generated site; `site.counts()` reads the counters."""

    def __init__(self) -> None:
        self.origin = ""
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> CountingSiteServer:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.distributed.site_server"], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert self._process.stdout is not None
        port = self._process.stdout.readline().strip()
        if not port.isdigit():
            self.__exit__()
            raise RuntimeError("the counting site server did not start")
        self.origin = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None

    def counts(self) -> dict[str, Any]:
        with urllib.request.urlopen(self.origin + COUNTS, timeout=10) as answer_:
            return json.loads(answer_.read())


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the generated site on 127.0.0.1, counting requests.")
    parser.add_argument("--port", type=int, default=0)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(parser.parse_args().port))


if __name__ == "__main__":
    main()
