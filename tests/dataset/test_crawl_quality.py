"""End to end: a real `filmcrawl crawl letterboxd` against a local server whose pages include a broken page, a
missing page, the same film reached by two URLs (with different details) and a page whose layout lost the
directors. The crawl must reject the first two with their reasons, write one merged record for the film,
and exit with 3 naming the field whose coverage fell below its threshold.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from crawler.sample_site import PAGES

ROOT = Path(__file__).resolve().parents[2]
LETTERBOXD = PAGES / "letterboxd"
CRAWL_TIMEOUT_SECONDS = 60


def pages() -> dict[str, bytes]:
    film_1948 = (LETTERBOXD / "film-the-red-shoes.html").read_text(encoding="utf-8")
    film_2025 = (LETTERBOXD / "film-the-red-shoes-2025.html").read_text(encoding="utf-8")
    without_tagline = re.sub(r'<h4 class="tagline">.*?</h4>', "", film_1948)
    # The same film from a list link: its tagline is there, and its footer states another runtime.
    other_visit = film_1948.replace("133&nbsp;mins", "134&nbsp;mins")
    # A layout change: the directors are gone from the header, the crew tab and the JSON-LD.
    no_directors = re.sub(r'"director":\[[^\]]*\],', "", film_2025)
    no_directors = re.sub(r"Directed by <a[^>]*>.*?</a>", "", no_directors)
    # The crew tab's heading, the role printed once or (2024+) twice, full and abbreviated.
    no_directors = re.sub(r"<h3>(?:\s*<span[^>]*>Director</span>)+\s*</h3>.*?</div>", "", no_directors, flags=re.DOTALL)
    broken = "<html><head><title>Letterboxd</title></head><body><p>Something went wrong.</p></body></html>"
    return {
        "/film/the-red-shoes/": without_tagline.encode(),
        "/film/the-red-shoes/?from=list": other_visit.encode(),
        "/film/the-red-shoes-2025/": no_directors.encode(),
        "/film/broken/": broken.encode(),
    }


class Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.routes.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body or b"<html><body>Not found</body></html>")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    Handler.routes = pages()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def crawl(server: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("crawl") / "films.jsonl"
    starts = [f"{server}{path}" for path in (*pages(), "/film/missing/")]
    command = [
        sys.executable,
        "-m",
        "crawler",
        "crawl",
        "letterboxd",
        "-o",
        str(out),
        "--no-cache",
        "--log-level",
        "WARNING",
        *(arg for url in starts for arg in ("--start-url", url)),
    ]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=CRAWL_TIMEOUT_SECONDS, check=False)
    lines = lambda path: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {
        "run": run,
        "records": lines(out),
        "rejects": lines(out.with_name("films.rejects.jsonl")),
        "report": json.loads(out.with_name("films.report.json").read_text(encoding="utf-8")),
        "view": lines(out.with_name("films.merged.jsonl")),
    }


def test_crawl_should_exit_3_naming_the_field_a_layout_change_emptied(crawl: dict[str, Any]) -> None:
    run = crawl["run"]
    assert run.returncode == 3, run.stderr[-2000:]
    assert "letterboxd film.directors coverage 0.67 < 0.90 (2 of 3 records)" in run.stderr
    assert crawl["report"]["quality_failures"][0].startswith("letterboxd film.directors coverage 0.67 < 0.90")
    table = run.stdout[run.stdout.index("coverage (") :]
    header, row = [line.split() for line in table.splitlines() if line.split()[:1] in (["film"], ["letterboxd"])][:2]
    assert dict(zip(header, row))["directors"] == "0.67!"


def test_broken_and_missing_pages_should_be_rejected_with_their_reasons(crawl: dict[str, Any]) -> None:
    rejects = {(r["url"].split("/", 3)[3], r["stage"], r["reason"], r["page_type"]) for r in crawl["rejects"]}
    assert rejects == {("film/broken/", "parse", "no_title", "film"), ("film/missing/", "fetch", "http_404", "film")}
    assert crawl["report"]["rejects"] == {"http_404": 1, "no_title": 1}
    assert "rejects: 2 (http_404 1, no_title 1)" in crawl["run"].stdout


def test_film_reached_twice_should_be_one_merged_record(crawl: dict[str, Any]) -> None:
    found = [r for r in crawl["records"] if r.get("id") == "letterboxd:film/the-red-shoes"]
    assert len(found) == 1
    film = found[0]
    assert film["tagline"] == "The story of a girl who lived to dance!"  # only one visit had it
    assert film["runtime_minutes"] in (133, 134)  # the first visit's value, whichever came first
    output = crawl["report"]["output"]
    assert output["duplicates_merged"] == {"film": 1}
    assert output["merge_conflicts"]["film.runtime_minutes"] == 1
    assert crawl["report"]["duplicates"] == {"film": 1}  # counted as the crawl went, too


def test_both_films_should_keep_their_own_film_key(crawl: dict[str, Any]) -> None:
    keys = {r["id"]: r["film_key"] for r in crawl["records"]}
    assert keys == {
        "letterboxd:film/the-red-shoes": "imdb:tt0040725",
        "letterboxd:film/the-red-shoes-2025": "title:red-shoes-2025",
    }
    assert sorted(v["film_key"] for v in crawl["view"]) == ["imdb:tt0040725", "title:red-shoes-2025"]
