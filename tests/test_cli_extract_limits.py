"""`filmcrawl extract` is bounded like a crawl: the crawl's size cap (and a flag to lift it), and Ctrl-C stops it
at once, with the records of the pages read before it printed whole."""

from __future__ import annotations

import json
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bench.large import listing_page
from crawler.cli import build_parser, main
from crawler.settings import DOWNLOAD_MAXSIZE
from tests.fixture_cases import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
SMALL_PAGE = FIXTURES / "generic/film/red-shoes-1948-jsonld-graph.html"
WAIT_SECONDS = 120  # a bound for a stuck process, not a speed figure


def test_extract_should_refuse_by_default_a_page_larger_than_the_crawls_size_cap() -> None:
    assert build_parser("extract").parse_args(["extract", "page.html"]).max_size == DOWNLOAD_MAXSIZE


@pytest.mark.parametrize(
    ("max_size", "code", "records"),
    [
        (100, 1, 0),  # over the cap: named on stderr, nothing printed
        (0, 0, 1),  # 0 lifts the cap
        (1_000_000, 0, 1),
    ],
)
def test_extract_should_apply_the_size_cap_it_is_given(
    capsys: pytest.CaptureFixture[str], max_size: int, code: int, records: int
) -> None:
    assert main(["extract", "--max-size", str(max_size), str(SMALL_PAGE)]) == code
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == records
    assert ("over the size cap" in err) == (records == 0)


def test_extract_should_stop_at_once_on_ctrl_c_keeping_the_pages_already_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["extract", str(SMALL_PAGE)])
    small_page_lines = capsys.readouterr().out.splitlines()
    large = tmp_path / "large-list.html"
    large.write_bytes(listing_page(12 * 1024 * 1024).body)
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "extract", str(SMALL_PAGE), str(large), str(large)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    # The first page's records arrive on their own, before the large pages are read...
    ready, _, _ = select.select([process.stdout], [], [], WAIT_SECONDS)
    assert ready, "the first page's records were not printed before the next page was read"
    first = process.stdout.readline()
    # ...and Ctrl-C during the large page ends the process, without a traceback and without reading on.
    process.send_signal(signal.SIGINT)
    rest, err = process.communicate(timeout=WAIT_SECONDS)
    assert process.returncode == -signal.SIGINT
    assert b"Traceback" not in err
    assert [_unstamped(line) for line in [first, *rest.splitlines()]] == [_unstamped(line) for line in small_page_lines]


def _unstamped(line: str | bytes) -> dict:
    record = json.loads(line)
    record.pop("scraped_at")
    return record
