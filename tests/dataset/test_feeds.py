"""Safe output for `scrapy crawl -O`: a feed is written to a hidden temporary file and renamed when it closes
(each batch on its own), merged by id on the way; a crawl killed mid-way leaves every finished file whole and
the previous output untouched."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

from crawler.dataset.feeds import DatasetFeedStorage
from crawler.sample_site import PAGES

from .records import film

ROOT = Path(__file__).resolve().parents[2]


def storage(path: Path, **options: Any) -> DatasetFeedStorage:
    crawler = get_crawler(Spider)
    return DatasetFeedStorage.from_crawler(crawler, str(path), feed_options={"format": "jsonlines", **options})


def lines(*records: dict[str, Any]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def store(feed: DatasetFeedStorage, file: Any) -> None:
    feed._store_in_thread(file)  # what Scrapy runs in a thread when the feed closes


def test_feed_should_appear_only_when_it_closes_merged_by_id(tmp_path: Path) -> None:
    target = tmp_path / "films.jsonl"
    target.write_text("previous run\n")
    feed = storage(target, overwrite=True)
    file = feed.open(Spider("imdb"))
    file.write(lines(film("imdb", "tt1", "A", 1999), film("imdb", "tt1", "A", 1999, plot="Later.")))
    assert target.read_text() == "previous run\n"  # a reader still sees the previous file
    assert Path(file.name).name.startswith(".films.jsonl.")
    store(feed, file)
    [record] = [json.loads(line) for line in target.read_text().splitlines()]
    assert (record["id"], record["plot"], record["film_key"]) == ("imdb:tt1", "Later.", "imdb:tt1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["films.jsonl"]


def test_appending_feed_should_keep_the_files_lines_and_merge_them_too(tmp_path: Path) -> None:
    target = tmp_path / "films.jsonl"
    target.write_bytes(lines(film("imdb", "tt1", "A", 1999)))
    feed = storage(target)
    file = feed.open(Spider("imdb"))
    file.write(lines(film("imdb", "tt1", "A", 1999, plot="Later."), film("imdb", "tt2", "B", 2000)))
    store(feed, file)
    assert [(r["id"], r["plot"]) for r in map(json.loads, target.read_text().splitlines())] == [
        ("imdb:tt1", "Later."),
        ("imdb:tt2", None),
    ]


def test_a_part_of_the_crawl_command_should_be_written_in_place_as_crawled(tmp_path: Path) -> None:
    target = tmp_path / "imdb.jsonl"
    feed = storage(target, overwrite=True, filmcrawl_part=True)
    file = feed.open(Spider("imdb"))
    file.write(lines(film("imdb", "tt1", "A", 1999)))
    file.flush()
    assert target.read_bytes() == lines(film("imdb", "tt1", "A", 1999))  # a killed run keeps what it wrote
    store(feed, file)
    assert target.read_bytes() == lines(film("imdb", "tt1", "A", 1999))


# --- a real crawl, killed ---------------------------------------------------------------------------------

FILMS = 40
DELAY_SECONDS = 0.1


class SlowFilms(BaseHTTPRequestHandler):
    """Letterboxd film pages /film/film-<n>/, each answered after a pause."""

    page = (PAGES / "letterboxd" / "film-the-red-shoes.html").read_text(encoding="utf-8")

    def do_GET(self) -> None:
        if not self.path.startswith("/film/film-"):
            self.send_response(404)
            self.end_headers()
            return
        time.sleep(DELAY_SECONDS)
        slug = self.path.strip("/").split("/")[1]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.page.replace("the-red-shoes", slug).encode())

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def slow_site() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), SlowFilms)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def scrapy_crawl(site: str, output: str, *settings: str) -> subprocess.Popen[bytes]:
    urls = ",".join(f"{site}/film/film-{n}/" for n in range(FILMS))
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "letterboxd",
            "-a",
            f"start_urls={urls}",
            "-O",
            output,
            "-s",
            "FILMCRAWL_ALLOW_PRIVATE_HOSTS=127.0.0.0/8",
            "-s",
            "CONCURRENT_REQUESTS=1",
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "AUTOTHROTTLE_ENABLED=0",
            "-s",
            "LOG_LEVEL=WARNING",
            "-s",
            "FILMCRAWL_PROGRESS_INTERVAL=0",
            "-s",
            f"FILMCRAWL_REJECTS_FILE={Path(output).parent / 'rejects.jsonl'}",
            *settings,
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_when(process: subprocess.Popen[bytes], ready: Any, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert process.poll() is None, "the crawl ended before it could be killed"
        assert time.monotonic() < deadline, "the crawl did not get far enough"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def test_killed_crawl_should_leave_finished_batches_whole_and_no_torn_line(slow_site: str, tmp_path: Path) -> None:
    process = scrapy_crawl(
        slow_site, str(tmp_path / "films-%(batch_id)05d.jsonl"), "-s", "FEED_EXPORT_BATCH_ITEM_COUNT=3"
    )
    kill_when(process, lambda: len(list(tmp_path.glob("films-*.jsonl"))) >= 2)
    finished = sorted(tmp_path.glob("films-*.jsonl"))
    assert finished[:2] == [tmp_path / "films-00001.jsonl", tmp_path / "films-00002.jsonl"]
    for batch in finished:
        text = batch.read_text(encoding="utf-8")
        assert text.endswith("\n")
        records = [json.loads(line) for line in text.splitlines()]  # every line is whole JSON
        assert len(records) == 3 and all(r["film_key"] for r in records)
    unfinished = [p.name for p in tmp_path.iterdir() if p.name.startswith(".films-")]
    assert len(unfinished) <= 1 and all(name.endswith(".feed") for name in unfinished)  # at most the open batch


def test_killed_crawl_should_leave_the_previous_output_untouched(slow_site: str, tmp_path: Path) -> None:
    output = tmp_path / "films.jsonl"
    output.write_bytes(lines(film("imdb", "tt1", "Last night's film", 1999)))
    before = output.read_bytes()
    process = scrapy_crawl(slow_site, str(output))
    temporary = lambda: [p for p in tmp_path.iterdir() if p.name.startswith(".films.jsonl.")]
    kill_when(process, lambda: any(p.stat().st_size > 0 for p in temporary()))
    assert output.read_bytes() == before
