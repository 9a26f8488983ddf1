"""An HTTP/1.1 server for the generated site, fast enough not to be what a crawl waits for.

It runs in its own process (the crawl under test gets a core of its own and no GIL to share), on asyncio,
with keep-alive connections, and renders every page from memory (bench.site). `measure_capacity` finds how
many pages a second it serves to a client as eager as a crawler, so the bench can show the crawls stayed
well under it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.site import answer

ROOT = Path(__file__).resolve().parents[1]

_REASONS = {200: b"OK", 404: b"Not Found", 400: b"Bad Request"}

Respond = Callable[[str], tuple[int, str, bytes]]
"""What a request target is answered with: status, content type and body."""


class _HttpProtocol(asyncio.Protocol):
    """GET requests, pipelined or one after another on a kept-alive connection; no request bodies."""

    def __init__(self, respond: Respond = answer) -> None:
        self.respond = respond
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.transport is not None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            request_line, _, headers = head.partition(b"\r\n")
            fields = request_line.split(b" ")
            if len(fields) != 3:
                self._send(400, "text/plain", b"bad request\n", close=True)
                return
            status, content_type, body = self.respond(fields[1].decode("latin-1"))
            close = b"connection: close" in headers.lower()
            self._send(status, content_type, body, close=close)
            if close:
                return

    def _send(self, status: int, content_type: str, body: bytes, *, close: bool) -> None:
        assert self.transport is not None
        self.transport.write(
            b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n%s\r\n"
            % (
                status,
                _REASONS.get(status, b"OK"),
                content_type.encode(),
                len(body),
                b"Connection: close\r\n" if close else b"",
            )
            + body
        )
        if close:
            self.transport.close()
            self.transport = None

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


async def serve(host: str = "127.0.0.1", port: int = 0, respond: Respond = answer) -> None:
    """Serve until cancelled, each request answered by `respond`; the bound port is printed on stdout first."""
    server = await asyncio.get_running_loop().create_server(lambda: _HttpProtocol(respond), host, port, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


class SiteServer:
    """`with SiteServer() as origin:` serves the generated site on 127.0.0.1 from a child process."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.origin = ""
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> str:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench.server", "--host", self.host], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert self._process.stdout is not None
        port = self._process.stdout.readline().strip()
        if not port.isdigit():
            self.__exit__()
            raise RuntimeError("the generated site's server did not start")
        self.origin = f"http://{self.host}:{port}"
        return self.origin

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None


@dataclass(frozen=True)
class Capacity:
    pages_per_second: float
    pages: int
    seconds: float
    connections: int


async def _load(origin: str, paths: list[str], seconds: float, connections: int) -> Capacity:
    host, port = origin.removeprefix("http://").split(":")
    deadline = time.perf_counter() + seconds
    done = 0
    chooser = random.Random(0)

    async def client() -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while time.perf_counter() < deadline:
                writer.write(f"GET {chooser.choice(paths)} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                await reader.readexactly(length)
                done += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    elapsed = time.perf_counter() - started
    return Capacity(done / elapsed, done, elapsed, connections)


def measure_capacity(origin: str, paths: list[str], seconds: float = 2.0, connections: int = 16) -> Capacity:
    """Pages a second the server gives `connections` kept-alive clients asking for `paths` as fast as they can.

    The client is Python too, so the figure is a lower bound of the server's limit."""
    return asyncio.run(_load(origin, paths, seconds, connections))


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the generated site on HOST, on a free port (printed).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.host, args.port))


if __name__ == "__main__":
    main()
