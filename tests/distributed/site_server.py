"""The bench's generated IMDb-like site (bench/site.py: list pages, title pages of two layouts, three merged
sub-pages per title), served by a process of its own on 127.0.0.1 that counts every request it answers (the
bench's server, bench/server.py, answering through `_respond`).

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

from bench.server import serve
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
        asyncio.run(serve(port=parser.parse_args().port, respond=_respond))


if __name__ == "__main__":
    main()
