"""One `filmcrawl demo` crawl of the bundled sample site, shared by the dataset tests that read a real output
(coverage checks, loaded tables and their documented queries, the HTML report)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class DemoRun:
    out: Path
    """films.jsonl, with its rejects.jsonl, films.report.json and films.merged.jsonl beside it."""
    stdout: str
    """What the command printed: the job's summary and report table."""


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """The one demo crawl of a test process: the slowest step of these tests, so it is not repeated."""
    out = tmp_path_factory.mktemp("demo") / "films.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "crawler", "demo", "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=DEMO_TIMEOUT_SECONDS,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return DemoRun(out, run.stdout)


@pytest.fixture(scope="session")
def demo_output(demo_run: DemoRun) -> Path:
    """films.jsonl of the demo crawl, with its rejects.jsonl, films.report.json and films.merged.jsonl beside it."""
    return demo_run.out
