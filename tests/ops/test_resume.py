"""Pause and resume: a job stopped by Ctrl-C, or killed outright, continues when the same command runs again,
and its output has exactly the records of a run that was never stopped.

Every test crawls the same site (a list of 12 titles, each with three sub-pages merged into its film record)
with 3 requests at a time and a little latency, so a stop finds requests in flight, sub-page chains half
done (their partial records ride in the requests, pickled into the job's queue) and pages still queued.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.jobs.crawling import finalize_rejects
from crawler.jobs.resume import JobFolder, JobMismatch

from .film_site import FilmSite, Hit, Scripted, title_id
from .runs import ROOT, comparable, crawl, filmcrawl, records, stat

TITLES = 12
PAGES = 1 + TITLES // 5 + TITLES * 4  # list pages, then each title and its three sub-pages
CONCURRENCY = 3
STOP_AFTER_PAGES = 20
SETTINGS = ("-s", f"CONCURRENT_REQUESTS={CONCURRENCY}", "--log-level", "INFO")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FilmSite, list[str]]]:
    """The site, and the records of an uninterrupted crawl of it."""
    folder = tmp_path_factory.mktemp("reference")
    with FilmSite(titles=TITLES, latency=0.05) as film_site:
        run = crawl(film_site.start_url, folder / "films.jsonl", "--cache", str(folder / "cache"), *SETTINGS)
        assert run.returncode == 0, run.stderr[-3000:]
        assert len(film_site.page_hits()) == PAGES
        yield film_site, comparable(folder / "films.jsonl")


def after_pages(pages: int) -> Callable[[Hit, int], bool]:
    return lambda hit, served: served == pages and hit.status == 200


def start_stopped_at(
    film_site: FilmSite,
    out: Path,
    job: Path,
    cache: Path,
    sig: signal.Signals,
    when: Callable[[Hit, int], bool] = after_pages(STOP_AFTER_PAGES),  # noqa: B008 (built once, pure)
    delay: float = 0.0,
) -> subprocess.CompletedProcess[str]:
    """Run the job and send it `sig` `delay` seconds after the request for which `when(hit, pages served)`."""
    command = filmcrawl(
        "crawl",
        "imdb",
        "--start-url",
        film_site.start_url,
        "-o",
        str(out),
        "--resume",
        str(job),
        "--cache",
        str(cache),
        "-s",
        "FILMCRAWL_REPORT_ENABLED=0",
        *SETTINGS,
    )
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def stop(hit: Hit, served: int) -> None:
        if when(hit, served):
            threading.Timer(delay, os.kill, (process.pid, sig)).start()

    film_site.on_hit = stop
    try:
        stdout, stderr = process.communicate(timeout=240)
    finally:
        film_site.on_hit = None
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def resume(film_site: FilmSite, out: Path, job: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return crawl(film_site.start_url, out, "--resume", str(job), "--cache", str(cache), *SETTINGS)


def fetched_twice(hits: list[Hit]) -> dict[str, int]:
    counts = Counter(h.path for h in hits if h.status == 200)
    return {path: n for path, n in counts.items() if n > 1}


def test_ctrl_c_then_resume_should_give_the_records_of_an_uninterrupted_run(
    site: tuple[FilmSite, list[str]], tmp_path: Path
) -> None:
    film_site, reference = site
    film_site.hits.clear()
    out, job, cache = tmp_path / "films.jsonl", tmp_path / "job", tmp_path / "cache"
    stopped = start_stopped_at(film_site, out, job, cache, signal.SIGINT)
    first_run = len(film_site.page_hits())
    # Stopped cleanly: the pages in flight were finished, the rest of the queue saved, no output yet.
    assert stopped.returncode == 130, stopped.stderr[-3000:]
    assert "run the same command again to continue" in stopped.stdout
    assert not out.exists()
    assert STOP_AFTER_PAGES <= first_run < PAGES
    assert stat(stopped.stderr, "finish_reason") == "shutdown"
    assert stat(stopped.stderr, "scheduler/unserializable") is None  # every queued request was saved

    resumed = resume(film_site, out, job, cache)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert comparable(out) == reference
    # Each page was fetched once over the two runs: the resumed run continued, it did not start over.
    assert len(film_site.page_hits()) == PAGES and fetched_twice(film_site.page_hits()) == {}
    assert list(job.iterdir()) == []  # finished: the next night starts afresh


def test_kill_9_then_resume_should_give_the_records_of_an_uninterrupted_run(
    site: tuple[FilmSite, list[str]], tmp_path: Path
) -> None:
    film_site, reference = site
    film_site.hits.clear()
    out, job, cache = tmp_path / "films.jsonl", tmp_path / "job", tmp_path / "cache"
    killed = start_stopped_at(film_site, out, job, cache, signal.SIGKILL)
    assert killed.returncode == -signal.SIGKILL
    assert (job / "imdb" / "state.json").exists() and not out.exists()
    first_run = len(film_site.page_hits())

    resumed = resume(film_site, out, job, cache)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert "did not stop cleanly" in resumed.stderr
    assert comparable(out) == reference
    # The job started over, but what the killed run had stored came from the cache: only pages in flight at the
    # kill (fetched, not yet stored) were fetched again.
    again = fetched_twice(film_site.page_hits())
    assert sum(again.values()) - len(again) <= CONCURRENCY, again
    assert stat(resumed.stderr, "httpcache/hit") >= first_run - CONCURRENCY
    assert list(job.iterdir()) == []


def test_ctrl_c_during_a_retry_after_pause_should_stop_at_once_and_keep_the_paused_page(
    site: tuple[FilmSite, list[str]], tmp_path: Path
) -> None:
    film_site, reference = site
    film_site.hits.clear()
    paused = f"/title/{title_id(TITLES)}/"
    # Paused for 280 s (under FILMCRAWL_BACKOFF_MAX_DELAY, so the crawl would wait it out): stopping "at once" is
    # then told apart from waiting the pause out however busy the machine is.
    film_site.script(paused, Scripted(429, {"Retry-After": "280"}))
    out, job, cache = tmp_path / "films.jsonl", tmp_path / "job", tmp_path / "cache"
    started = time.monotonic()
    # Stop once the last title's 429 is in: the requests to the site are then paused.
    stopped = start_stopped_at(
        film_site,
        out,
        job,
        cache,
        signal.SIGINT,
        when=lambda hit, _: hit.path == paused and hit.status == 429,
        delay=0.5,
    )
    assert stopped.returncode == 130, stopped.stderr[-3000:]
    assert time.monotonic() - started < 150
    assert [h.status for h in film_site.page_hits() if h.path == paused] == [429]

    resumed = resume(film_site, out, job, cache)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert comparable(out) == reference
    assert [h.status for h in film_site.page_hits() if h.path == paused] == [429, 200]


def test_resuming_a_folder_with_another_job_should_not_run(tmp_path: Path) -> None:
    folder = JobFolder(tmp_path / "imdb")
    folder.begin("imdb", ["http://127.0.0.1:1/list/a/"])
    with pytest.raises(JobMismatch):
        JobFolder(tmp_path / "imdb").begin("imdb", ["http://127.0.0.1:1/list/b/"])
    run = crawl("http://127.0.0.1:1/list/b/", tmp_path / "films.jsonl", "--resume", str(tmp_path))
    assert run.returncode == 2 and "holds an unfinished imdb job" in run.stderr


def test_a_run_after_a_kill_should_drop_the_torn_queue_and_start_over(tmp_path: Path) -> None:
    first = JobFolder(tmp_path / "imdb")
    state = first.begin("imdb", ["http://127.0.0.1:1/"])
    (first.jobdir / "requests.queue").mkdir(parents=True)
    # killed: nothing recorded the end of run 1
    second = JobFolder(tmp_path / "imdb")
    again = second.begin("imdb", ["http://127.0.0.1:1/"])
    assert second.restarted and not second.jobdir.exists()
    assert (again.runs, again.started_at) == (2, state.started_at)
    assert second.part(again.runs).name == "run-002.jsonl"


def rejects_line(url: str, reason: str, **extra: Any) -> str:
    return json.dumps({"url": url, "site": "imdb", "stage": "fetch", "reason": reason, **extra}) + "\n"


def test_rejects_of_a_resumed_job_should_keep_a_page_rejected_twice_once(tmp_path: Path) -> None:
    run1, run2 = tmp_path / "run-001.rejects.jsonl", tmp_path / "run-002.rejects.jsonl"
    run1.write_text(
        rejects_line("http://x/a", "http_404", run=1)
        + rejects_line("http://x/b", "timeout")
        + '{"url": "http://x/torn"',
        encoding="utf-8",
    )
    run2.write_text(rejects_line("http://x/a", "http_404", run=2), encoding="utf-8")
    finalize_rejects([run1, run2], tmp_path / "rejects.jsonl")
    assert [(r["url"], r.get("run")) for r in records(tmp_path / "rejects.jsonl")] == [
        ("http://x/b", None),
        ("http://x/a", 2),
    ]
