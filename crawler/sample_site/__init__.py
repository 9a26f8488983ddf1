"""The bundled sample site: pages reproducing real film-site markup, served on 127.0.0.1.

Each site lives in `pages/<slug>/` with a `site.json` manifest:
    {"start": ["/chart/top/"], "routes": {"/chart/top/": "chart-top.html", ...}}
Every site is served on its own port, so its URLs have the real site's paths and the site's parsers apply.
A route answers its path with or without the trailing slash, and its query with the parameters in any order.

    pages/imdb              list -> title pages -> fullcredits/, releaseinfo/, reviews/ of each title
    pages/fandango_at_home  api2 contentSearch browse pages (offset/count) -> one contentSearch per title
    pages/reviews           a film blog: index page -> review articles
    pages/rottentomatoes, letterboxd   browse page / watchlist -> film pages
    pages/metacritic, wikipedia        browse page / list article -> film pages
    pages/csfd, flixster               chart / box-office list -> film pages
"""

from __future__ import annotations

import json
import mimetypes
import threading
from dataclasses import dataclass
from functools import cached_property, partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

PAGES = Path(__file__).parent / "pages"
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
}
_ROBOTS = b"User-agent: *\nAllow: /\n"


def route_key(path_and_query: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A request target in a comparable form: the decoded path without its trailing slash, and the decoded
    query parameters in sorted order (clients write the same API request with its parameters in any order)."""
    parts = urlsplit(path_and_query)
    path = unquote(parts.path).rstrip("/") or "/"
    return path, tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


@dataclass(frozen=True)
class SampleSite:
    slug: str
    folder: Path
    start: tuple[str, ...]
    routes: dict[str, str]

    @classmethod
    def load(cls, folder: Path) -> SampleSite:
        manifest: dict[str, Any] = json.loads((folder / "site.json").read_text(encoding="utf-8"))
        return cls(folder.name, folder, tuple(manifest["start"]), dict(manifest["routes"]))

    @cached_property
    def _by_key(self) -> dict[tuple[str, tuple[tuple[str, str], ...]], str]:
        return {route_key(target): name for target, name in self.routes.items()}

    def file_for(self, path_and_query: str) -> Path | None:
        """The file answering a request target: "/title/tt0040725" and "/title/tt0040725/" are one page."""
        name = self.routes.get(path_and_query) or self._by_key.get(route_key(path_and_query))
        return self.folder / name if name else None


def sample_sites() -> list[SampleSite]:
    return [SampleSite.load(folder) for folder in sorted(PAGES.iterdir()) if (folder / "site.json").exists()]


class _Handler(BaseHTTPRequestHandler):
    server_version = "filmcrawl-sample-site"

    def __init__(self, *args: Any, site: SampleSite, **kwargs: Any) -> None:
        self.site = site
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        parts = urlsplit(self.path)
        if parts.path == "/robots.txt":
            self._send(200, "text/plain", _ROBOTS)
            return
        target = self.site.file_for(parts.path + (f"?{parts.query}" if parts.query else ""))
        if target is None or not target.is_file():
            self._send(404, "text/plain", b"not found\n")
            return
        content_type = _CONTENT_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "text/plain"
        self._send(200, content_type, target.read_bytes())

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return None


@dataclass
class RunningSite:
    site: SampleSite
    server: ThreadingHTTPServer

    @property
    def origin(self) -> str:
        host, port = self.server.server_address[:2]
        # A TCP server's address: the host is text (bytes only name a Unix socket's path).
        return f"http://{host.decode() if isinstance(host, bytes) else host}:{port}"

    @property
    def start_urls(self) -> list[str]:
        return [self.origin + path for path in self.site.start]


class SampleSiteServer:
    """Serves every sample site on 127.0.0.1, one port each (`base_port + i`, or free ports when 0)."""

    def __init__(self, base_port: int = 0, host: str = "127.0.0.1") -> None:
        self.running: list[RunningSite] = []
        self._threads: list[threading.Thread] = []
        try:
            for offset, site in enumerate(sample_sites()):
                port = base_port + offset if base_port else 0
                server = ThreadingHTTPServer((host, port), partial(_Handler, site=site))
                server.daemon_threads = True
                self.running.append(RunningSite(site, server))
        except OSError:
            # A port is taken: free the ones already bound before reporting it.
            for running in self.running:
                running.server.server_close()
            raise

    def __enter__(self) -> SampleSiteServer:
        for running in self.running:
            thread = threading.Thread(
                target=running.server.serve_forever, daemon=True, name=f"sample-site-{running.site.slug}"
            )
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        for running in self.running:
            running.server.shutdown()
            running.server.server_close()

    def start_urls(self) -> dict[str, list[str]]:
        return {r.site.slug: r.start_urls for r in self.running}
