"""Progress of a running job: a log line at a fixed interval, and a bar on a terminal when the size is known."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import threading
from pathlib import Path

import pytest

from crawler.runtime.extensions.progress import progress_bar, progress_line

from .film_site import FilmSite
from .runs import ROOT, crawl, filmcrawl

LINE = re.compile(
    r"progress: (\d+) pages, (\d+) records, (\d+) rejects, (\d+) blocked; ([\d.]+) pages/min"
    r"(?: \((\d+)/(\d+) pages, (\d+)%\))?"
)


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((), "progress: 120 pages, 340 records, 3 rejects, 1 blocked; 24.0 pages/min"),
        (
            (120, 500, "pages"),
            "progress: 120 pages, 340 records, 3 rejects, 1 blocked; 24.0 pages/min (120/500 pages, 24%)",
        ),
        (
            (30, 250, "films"),
            "progress: 120 pages, 340 records, 3 rejects, 1 blocked; 24.0 pages/min (30/250 films, 12%)",
        ),
    ],
)
def test_progress_line_should_say_pages_records_rejects_blocked_and_rate(
    size: tuple[int, int, str], expected: str
) -> None:
    now = {"pages": 120, "records": 340, "rejects": 3, "blocked": 1}
    assert progress_line(now, 24.0, *size) == expected


@pytest.mark.parametrize(
    ("done", "total", "unit", "rate", "expected"),
    [
        (0, 10, "pages", 0.0, "[----------] 0/10 pages   0%"),
        (5, 10, "pages", 60.0, "[#####-----] 5/10 pages  50% ETA 0:00:05"),
        (10, 10, "pages", 60.0, "[##########] 10/10 pages 100%"),
        (3, 12, "films", 60.0, "[##--------] 3/12 films  25%"),
    ],
)
def test_progress_bar_should_fill_with_the_share_done(
    done: int, total: int, unit: str, rate: float, expected: str
) -> None:
    assert progress_bar(done, total, unit, rate, width=10) == expected


def test_job_should_log_a_progress_line_at_the_interval_and_no_bar_when_not_on_a_terminal(tmp_path: Path) -> None:
    with FilmSite(titles=6, latency=0.05) as site:
        result = crawl(
            site.start_url,
            tmp_path / "films.jsonl",
            "--max-pages",
            "200",
            "-s",
            "CONCURRENT_REQUESTS=2",
            "-s",
            "FILMCRAWL_PROGRESS_INTERVAL=0.3",
        )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [LINE.search(line) for line in result.stderr.splitlines() if "progress: " in line]
    assert len(lines) >= 2 and all(lines)
    pages = [int(m.group(1)) for m in lines if m]
    assert pages == sorted(pages) and pages[-1] > 0
    assert all(m and m.group(7) == "200" for m in lines)  # the size is known: --max-pages
    assert "\r" not in result.stderr  # no bar in a log file


def test_job_on_a_terminal_should_draw_a_bar_when_the_size_is_known(tmp_path: Path) -> None:
    main, terminal = pty.openpty()
    with FilmSite(titles=3, latency=0.05) as site:
        process = subprocess.Popen(
            filmcrawl(
                "crawl",
                "imdb",
                "--start-url",
                site.start_url,
                "-o",
                str(tmp_path / "films.jsonl"),
                "--max-pages",
                "14",
                "--log-level",
                "WARNING",
                "-s",
                "FILMCRAWL_REPORT_ENABLED=0",
                "-s",
                "CONCURRENT_REQUESTS=1",
            ),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=terminal,
        )
        os.close(terminal)
        screen = bytearray()

        def read() -> None:
            while True:
                try:
                    chunk = os.read(main, 4096)
                except OSError:
                    return
                if not chunk:
                    return
                screen.extend(chunk)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        assert process.wait(timeout=60) == 0
        reader.join(timeout=5)
    os.close(main)
    text = screen.decode("utf-8", "replace")
    bars = re.findall(r"\[[#-]{30}\] (\d+)/14 pages", text)
    assert bars, text[-2000:]
    assert int(bars[-1]) == 14  # the last bar, drawn as the job closes
