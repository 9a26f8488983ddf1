"""A film site on 127.0.0.1 for crawl-operations tests: an IMDb-like list of N titles, paged, each title with
its full credits, release info and reviews pages (the bundled sample site's 2025 title, under N ids).

The server answers like a real site where the tests need it to: ETag and Last-Modified on every page, 304 to
a matching If-None-Match, a robots.txt of the test's choosing, answers scripted per path (a 429 with
Retry-After, a challenge page), a latency per answer, and a hook called on every request (to interrupt a
crawl at a chosen moment). Every request is logged with its arrival time and the answer's status.
"""

from __future__ import annotations

import hashlib
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from crawler.sample_site import PAGES

SAMPLE = PAGES / "imdb"
SAMPLE_ID = "tt9990025"
SAMPLE_REVIEWS = ("rw9990251", "rw9990252")
SAMPLE_VOTES = b"18342"
SUBPAGES = ("fullcredits", "releaseinfo", "reviews")
LIST_ID = "ls099900048"
ALLOW_ALL = "User-agent: *\nAllow: /\n"
# The first page's Last-Modified: a fixed date, so the cache's freshness does not depend on the clock.
BASE_LAST_MODIFIED = 1_700_000_000


def title_id(number: int) -> str:
    return f"tt{9950000 + number}"


def _list_page(numbers: list[int], page: int, pages: int, total: int) -> bytes:
    """Page `page` of `pages` of the list, with the titles `numbers` (their rank is their number)."""
    source = (SAMPLE / f"list-{LIST_ID}.html").read_text(encoding="utf-8")
    head, rest = source.split('<div class="lister-item mode-detail">', 1)
    items = rest.split('<div class="lister-item mode-detail">')
    # The 2025 film's entry is the template of every entry; the text after the last entry closes the page.
    template, tail = items[-1].split('</div>\n<div class="list-pagination">', 1)
    entries = []
    for number in numbers:
        entry = template.replace(SAMPLE_ID, title_id(number)).replace(">2.<", f">{number}.<")
        entries.append('<div class="lister-item mode-detail">' + entry)
    head = head.replace(">2 titles<", f">{total} titles<")
    next_link = (
        f'<a class="next-page" href="/list/{LIST_ID}/?page={page + 1}">Next</a>'
        if page < pages
        else '<a class="next-page disabled" href="#">Next</a>'
    )
    pagination = f'<div class="list-pagination"><span class="pagination-range">page {page}</span>{next_link}</div>'
    closing = tail.split("</div>", 1)[1]
    return (head + "".join(entries) + "</div>\n" + pagination + closing).encode("utf-8")


def build_pages(titles: int, per_page: int) -> dict[str, bytes]:
    """path -> body of every page of the site."""
    pages: dict[str, bytes] = {}
    numbers = list(range(1, titles + 1))
    chunks = [numbers[i : i + per_page] for i in range(0, titles, per_page)]
    for page, chunk in enumerate(chunks, start=1):
        path = f"/list/{LIST_ID}/" + (f"?page={page}" if page > 1 else "")
        pages[path] = _list_page(chunk, page, len(chunks), titles)
    sources = {"": SAMPLE / f"title-{SAMPLE_ID}.html", **{sub: SAMPLE / f"{sub}-{SAMPLE_ID}.html" for sub in SUBPAGES}}
    for number in numbers:
        tid = title_id(number)
        for sub, source in sources.items():
            body = source.read_bytes().replace(SAMPLE_ID.encode(), tid.encode())
            for k, review in enumerate(SAMPLE_REVIEWS, start=1):
                body = body.replace(review.encode(), f"rw{9950000 + number}{k}".encode())
            pages[f"/title/{tid}/" + (f"{sub}/" if sub else "")] = body
    return pages


def page_key(target: str) -> str:
    """A request target as a page key: path with a trailing slash, and only the `page` query parameter."""
    parts = urlsplit(target)
    path = parts.path if parts.path.endswith("/") or "." in parts.path.rsplit("/", 1)[-1] else parts.path + "/"
    page = re.search(r"(?:^|&)page=(\d+)", parts.query)
    return path + (f"?page={page.group(1)}" if page and page.group(1) != "1" else "")


@dataclass(frozen=True)
class Hit:
    at: float
    """time.monotonic() when the request arrived."""
    path: str
    status: int
    conditional: bool
    user_agent: str = ""


@dataclass
class Scripted:
    status: int
    headers: dict[str, str | Callable[[], str]] = field(default_factory=dict)
    """Header values, or functions giving them when the answer is sent (a date relative to that moment)."""
    body: bytes = b""


class _Handler(BaseHTTPRequestHandler):
    server_version = "filmcrawl-test-site"

    def __init__(self, *args: Any, site: FilmSite, **kwargs: Any) -> None:
        self.site = site
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.site.answer(self)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A crawler killed mid-answer (the kill -9 tests) closes its connections: expected, not worth a trace.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FilmSite:
    """`with FilmSite(titles=12) as site: site.start_url ...`"""

    def __init__(self, titles: int = 6, per_page: int = 5, robots: str = ALLOW_ALL, latency: float = 0.0) -> None:
        self.pages = build_pages(titles, per_page)
        self.titles = titles
        self.versions = {path: 0 for path in self.pages}
        self.robots = robots
        self.latency = latency
        self.scripts: dict[str, list[Scripted]] = {}
        self.hits: list[Hit] = []
        self.on_hit: Callable[[Hit, int], None] | None = None
        """Called after each answer with the hit and the number of page answers (200) so far."""
        self._lock = threading.Lock()
        self.server = _Server(("127.0.0.1", 0), partial(_Handler, site=self))

    # --- the test's side -------------------------------------------------------------------------------------

    def __enter__(self) -> FilmSite:
        threading.Thread(target=self.server.serve_forever, daemon=True, name="film-site").start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def origin(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def start_url(self) -> str:
        return f"{self.origin}/list/{LIST_ID}/"

    def change(self, path: str) -> None:
        """A new version of a title page: another vote count, so another ETag and another record."""
        self.versions[path] += 1
        self.pages[path] = self.pages[path].replace(SAMPLE_VOTES, str(18342 + self.versions[path]).encode())

    def script(self, path: str, *answers: Scripted) -> None:
        """Answer the next requests of `path` with `answers`, in order, before serving the page again."""
        self.scripts.setdefault(page_key(path), []).extend(answers)

    def page_hits(self, status: int | None = None) -> list[Hit]:
        """Requests for pages (robots.txt aside), optionally only those answered with `status`."""
        with self._lock:
            return [h for h in self.hits if h.path != "/robots.txt" and (status is None or h.status == status)]

    # --- the server's side -----------------------------------------------------------------------------------

    def answer(self, handler: _Handler) -> None:
        arrived = time.monotonic()
        key = page_key(handler.path)
        conditional = "If-None-Match" in handler.headers or "If-Modified-Since" in handler.headers
        if self.latency:
            time.sleep(self.latency)
        with self._lock:
            scripted = self.scripts[key].pop(0) if self.scripts.get(key) else None
        if scripted is not None:
            headers = {name: value() if callable(value) else value for name, value in scripted.headers.items()}
            status = self._send(handler, scripted.status, scripted.body, headers)
        elif key == "/robots.txt":
            status = self._send_page(handler, self.robots.encode(), 0, "text/plain")
        elif key in self.pages:
            status = self._send_page(handler, self.pages[key], self.versions[key], "text/html; charset=utf-8")
        else:
            status = self._send(handler, 404, b"not found\n", {"Content-Type": "text/plain"})
        hit = Hit(arrived, key, status, conditional, handler.headers.get("User-Agent", ""))
        with self._lock:
            self.hits.append(hit)
            served = sum(1 for h in self.hits if h.status == 200 and h.path != "/robots.txt")
        if self.on_hit is not None:
            self.on_hit(hit, served)

    def _send_page(self, handler: _Handler, body: bytes, version: int, content_type: str) -> int:
        etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
        headers = {
            "ETag": etag,
            "Last-Modified": formatdate(BASE_LAST_MODIFIED + 86400 * version, usegmt=True),
            "Content-Type": content_type,
        }
        if handler.headers.get("If-None-Match") == etag:
            return self._send(handler, 304, b"", headers)
        return self._send(handler, 200, body, headers)

    @staticmethod
    def _send(handler: _Handler, status: int, body: bytes, headers: dict[str, str]) -> int:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        if status != 304:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if status != 304:
            handler.wfile.write(body)
        return status
