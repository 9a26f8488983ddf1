"""Kill -9 in the middle of a crawl of every fault, then the same command again with `--resume`: the output is
the output of the uninterrupted crawl (tests/faults/conftest.py), with nothing lost and nothing twice, and
the output file a reader may be holding from the night before is never torn.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path
from typing import Any

from tests.ops.runs import ROOT

from .crawls import CRAWL_TIMEOUT_SECONDS, Crawl, command, every_start_urls
from .server import FaultServer, Hit

# Requests served before the kill: the list pages and about half of the film pages.
KILL_AFTER_REQUESTS = 25


def comparable(records: list[dict[str, Any]], origin: str) -> list[str]:
    """Records without their fetch time, the server's address written out of listing URLs: equal lists mean the
    same data, whichever server a crawl read."""
    return sorted(
        json.dumps({k: v for k, v in r.items() if k != "scraped_at"}, sort_keys=True).replace(origin, "")
        for r in records
    )


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_kill_9_then_resume_should_give_the_output_of_an_uninterrupted_crawl(every: Crawl, tmp_path: Path) -> None:
    out, job = tmp_path / "films.jsonl", tmp_path / "job"
    # Last night's output, which readers may hold open while tonight's job runs.
    out.write_bytes(every.output)
    with FaultServer() as server:
        crawl = command(out, every_start_urls(server), "--resume", str(job), "--cache", str(tmp_path / "cache"))
        process = subprocess.Popen(crawl, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

        def kill(hit: Hit, served: int) -> None:
            if served == KILL_AFTER_REQUESTS:
                os.kill(process.pid, signal.SIGKILL)

        server.httpd.on_hit = kill
        process.communicate(timeout=CRAWL_TIMEOUT_SECONDS)
        server.httpd.on_hit = None
        assert process.returncode == -signal.SIGKILL
        assert out.read_bytes() == every.output  # not torn, not replaced by a partial output
        served_before_kill = len(server.hits)

        resumed = subprocess.run(crawl, cwd=ROOT, capture_output=True, text=True, timeout=CRAWL_TIMEOUT_SECONDS)
        assert resumed.returncode == every.returncode, resumed.stderr[-3000:]
        records = read_lines(out)

    assert served_before_kill < len(every.hits)  # the kill came mid-crawl
    assert comparable(records, server.origin) == comparable(every.records, every_origin(every))
    ids = [r["id"] for r in records if "id" in r]
    assert len(ids) == len(set(ids))  # nothing twice
    rejects = read_lines(out.with_name("films.rejects.jsonl"))
    assert sorted((r["url"].replace(server.origin, ""), r["reason"]) for r in rejects) == sorted(
        (r["url"].replace(every_origin(every), ""), r["reason"]) for r in every.rejects
    )


def every_origin(crawl: Crawl) -> str:
    host = next(hit.host for hit in crawl.hits)
    return f"http://{host}"
