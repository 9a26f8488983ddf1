"""Running `filmcrawl` the way a scheduler does: a subprocess from the project folder, its exit status, its
output file. Crawls run in their own process because a Twisted reactor cannot be started twice in one."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CRAWL_TIMEOUT_SECONDS = 120
# The end-of-job coverage checks have their own tests; here a job's exit status depends only on what these
# tests arrange (fetch failures, rejects, blocked pages, interruptions).
ISOLATED = ("-s", "FILMCRAWL_REPORT_ENABLED=0")


def filmcrawl(*args: str) -> list[str]:
    return [sys.executable, "-m", "crawler", *args]


def run(*args: str, timeout: float = CRAWL_TIMEOUT_SECONDS) -> subprocess.CompletedProcess[str]:
    return subprocess.run(filmcrawl(*args), cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def crawl(
    start_url: str, out: Path, *extra: str, site: str = "imdb", timeout: float = CRAWL_TIMEOUT_SECONDS
) -> subprocess.CompletedProcess[str]:
    return run("crawl", site, "--start-url", start_url, "-o", str(out), *ISOLATED, *extra, timeout=timeout)


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def comparable(path: Path) -> list[str]:
    """The records of an output, sorted, without their `scraped_at` stamp: equal lists mean the same data."""
    return sorted(json.dumps({k: v for k, v in r.items() if k != "scraped_at"}, sort_keys=True) for r in records(path))


def stat(stderr: str, key: str) -> Any:
    """A number or string of the stats Scrapy dumps at the end of the log ('key': value), or None."""
    found = re.search(rf"'{re.escape(key)}': ([^,\n}}]+)", stderr)
    return None if found is None else ast.literal_eval(found.group(1))
