"""The folder of a resumable job (`filmcrawl crawl --resume DIR`): Scrapy's JOBDIR, one output part per run,
and a small state file saying whether the last run ended cleanly.

    DIR/<site>/state.json                 start URLs, when the job began, runs so far, "running" flag, totals
    DIR/<site>/scrapy/                    Scrapy's JOBDIR: pending requests (pickled), seen fingerprints
    DIR/<site>/parts/run-001.jsonl        records written by run 1 (a new file per run: never appended to)
    DIR/<site>/parts/run-001.rejects.jsonl

A run sets "running" when it starts and clears it when it stops cleanly (finished, or stopped by one Ctrl-C
or SIGTERM: Scrapy then finishes the requests in flight, and the rest of the queue is saved in JOBDIR). A
run that finds "running" still set knows the previous run was killed (kill -9, power loss, a second
Ctrl-C): Scrapy's queue and seen-set were not saved consistently then, so they are dropped and the job
starts again from its start URLs. Nothing is lost: every page the job had fetched is in the HTTP cache, and
pages stored since the job began are used from it without asking the site again
(FILMCRAWL_CACHE_FRESH_SINCE); the records written before the kill stay in their part file, and records
written twice are merged by id when the output is finalised (crawler.jobs.crawling.finalize_output).
When the job has finished and its output is written, the folder is removed: the same command then starts
the next job (the next night) afresh.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

STATE_FILE = "state.json"


class JobMismatch(ValueError):
    """The folder holds an unfinished job of other start URLs."""


@dataclass
class JobState:
    site: str
    start_urls: list[str]
    started_at: float = field(default_factory=time.time)
    """When the job's first run began (epoch seconds)."""
    runs: int = 0
    running: bool = False
    totals: dict[str, int] = field(default_factory=dict)
    """Counters (pages, records, rejects...) of the job's earlier runs, summed."""

    def as_json(self) -> dict[str, Any]:
        return {
            "site": self.site,
            "start_urls": self.start_urls,
            "started_at": self.started_at,
            "runs": self.runs,
            "running": self.running,
            "totals": self.totals,
        }


@dataclass
class JobFolder:
    root: Path
    state: JobState | None = None
    restarted: bool = False
    """True when the previous run was killed and this run starts the job again from its start URLs."""

    @property
    def jobdir(self) -> Path:
        return self.root / "scrapy"

    @property
    def parts(self) -> Path:
        return self.root / "parts"

    def begin(self, site: str, start_urls: list[str]) -> JobState:
        """Start a run: a new job, the continuation of a stopped one, or a restart after a kill."""
        path = self.root / STATE_FILE
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            state = JobState(
                data["site"],
                list(data["start_urls"]),
                float(data["started_at"]),
                int(data["runs"]),
                bool(data["running"]),
                dict(data.get("totals") or {}),
            )
            if (state.site, state.start_urls) != (site, start_urls):
                raise JobMismatch(
                    f"{self.root} holds an unfinished {state.site} job started from "
                    f"{' '.join(state.start_urls) or 'the default start URLs'}: resume it with the same "
                    "arguments, or use another folder"
                )
            if state.running:
                logger.warning(
                    "the previous run of this job did not stop cleanly: starting again from the start "
                    "URLs (pages it fetched come from the HTTP cache)"
                )
                shutil.rmtree(self.jobdir, ignore_errors=True)
                state.totals = {}
                self.restarted = True
        else:
            state = JobState(site, list(start_urls))
        state.runs += 1
        state.running = True
        self.state = state
        self.parts.mkdir(parents=True, exist_ok=True)
        self.save()
        return state

    def part(self, run: int) -> Path:
        return self.parts / f"run-{run:03d}.jsonl"

    def rejects_part(self, run: int) -> Path:
        return self.parts / f"run-{run:03d}.rejects.jsonl"

    def record_parts(self) -> list[Path]:
        return sorted(p for p in self.parts.glob("run-*.jsonl") if not p.name.endswith(".rejects.jsonl"))

    def rejects_parts(self) -> list[Path]:
        return sorted(self.parts.glob("run-*.rejects.jsonl"))

    def stopped_cleanly(self, counters: dict[str, int]) -> None:
        """The run stopped with its queue saved: the next run continues it."""
        assert self.state is not None
        self.state.running = False
        self.state.totals = add_counters(self.state.totals, counters)
        self.save()

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def save(self) -> None:
        assert self.state is not None
        self.root.mkdir(parents=True, exist_ok=True)
        temporary = self.root / (STATE_FILE + ".tmp")
        with temporary.open("w", encoding="utf-8") as sink:
            json.dump(self.state.as_json(), sink, indent=1)
            sink.flush()
            os.fsync(sink.fileno())
        temporary.replace(self.root / STATE_FILE)


def counters_of(stats: dict[str, Any]) -> dict[str, int]:
    """The integer counters of a crawl's stats (bools, timestamps and memory gauges left out)."""
    return {
        k: v
        for k, v in stats.items()
        if isinstance(v, int) and not isinstance(v, bool) and not k.startswith("memusage/")
    }


def add_counters(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    total = dict(a)
    for key, value in b.items():
        total[key] = total.get(key, 0) + value
    return total
