"""The crawl runtime under faults (tests/faults/runtime.py, the "## Crawl runtime" table of docs/faults.md): jobs
on the same output or job folder, off-site redirects and links from a mirror crawl, redirect cycles, lists that
never end, pipelines and an exporter that fail on a record, and files outside the job.

Two crawls run side by side for most checks: a Letterboxd crawl of several lists of the fault server, and a
reviews crawl of a sitemap and a blog index; a second server on another port of 127.0.0.1 must get no request.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.settings import FILMCRAWL_MAX_LISTING_PAGES
from tests.ops.runs import ROOT, filmcrawl, stat

from . import tally
from .crawls import CRAWL_TIMEOUT_SECONDS, FAST, Crawl, command, finish, start
from .runtime import (
    CASES,
    add_films,
    blog_index,
    endless_list,
    gated,
    good_page,
    meta_refresh_to,
    pipelines_setting,
    redirect_to,
    runtime_table,
    sitemap,
)
from .server import FaultServer

OUTCOMES = ("records", "rejected", "duplicate", "refused", "followed")
OFFSITE_REDIRECTS = (
    "redirect-real-site",
    "redirect-subdomain",
    "redirect-other-port",
    "refresh-other-port",
    "refresh-real-site",
)


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("runtime")
    with FaultServer(good_films=6) as main, FaultServer(good_films=1) as other:
        elsewhere = other.origin
        lists = [
            add_films(
                main,
                "origins",
                {
                    "redirect-real-site": redirect_to("https://letterboxd.com/film/good-1/"),
                    "redirect-subdomain": redirect_to("https://a.letterboxd.com/film/good-1/"),
                    "redirect-other-port": redirect_to(f"{elsewhere}/film/good-1/"),
                    "refresh-other-port": meta_refresh_to(f"{elsewhere}/film/good-1/"),
                    "refresh-real-site": meta_refresh_to("https://letterboxd.com/film/good-1/"),
                },
                good=["good-1"],
            ),
            add_films(main, "next-other-port", {}, good=["good-2"], next_url=other.list_url("good")),
            add_films(
                main,
                "loops",
                {
                    "loop-a": redirect_to("/film/loop-b/"),
                    "loop-b": redirect_to("/film/loop-a/"),
                    "refresh-self": meta_refresh_to("/film/refresh-self/"),
                },
                good=["good-3"],
            ),
            add_films(main, "pipelines", {"pipeline-raises": good_page, "exporter-fails": good_page}, good=["good-4"]),
        ]
        for name, entries, parameter in (
            ("next-to-itself", lambda n: ["good-5"], "t"),
            ("page-n-repeats", lambda n: ["good-6"], "page"),
            ("page-n-endless", lambda n: [f"good-{100 + n}"], "page"),
        ):
            path, serve = endless_list(name, entries, parameter=parameter)
            main.httpd.pages[path] = serve
            lists.append(main.origin + path)
        main.httpd.pages["/sitemap.xml"] = sitemap([f"{elsewhere}/2024/05/review-a/"])
        main.httpd.pages["/blog/"] = blog_index([f"{elsewhere}/2024/05/review-b/"])

        films_out, reviews_out = folder / "films" / "films.jsonl", folder / "reviews" / "reviews.jsonl"
        films = start(films_out, lists, "-s", pipelines_setting())
        reviews = subprocess.Popen(
            filmcrawl(
                "crawl",
                "reviews",
                "--start-url",
                f"{main.origin}/sitemap.xml",
                "--start-url",
                f"{main.origin}/blog/",
                "-o",
                str(reviews_out),
                *FAST,
                "--no-cache",
            ),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        yield {
            "films": finish(films, main, films_out),
            "reviews": finish(reviews, main, reviews_out),
            "other": other,
            "main": main,
        }


def films_of(crawl: Crawl, slug: str) -> list[dict[str, Any]]:
    return [r for r in crawl.records if r["type"] == "film" and r["id"] == f"letterboxd:film/{slug}"]


def hits_of(server: FaultServer, path: str) -> int:
    return sum(1 for hit in server.hits if hit.path == path)


# --- off-site on a mirror crawl ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", OFFSITE_REDIRECTS)
def test_redirect_off_the_mirrors_origin_should_be_refused_and_rejected(runtime: dict[str, Any], slug: str) -> None:
    with tally.fault(slug):
        crawl = runtime["films"]
        assert [(r["reason"], r["stage"]) for r in crawl.rejects_of(slug)] == [("redirect_offsite", "fetch")]
        assert films_of(crawl, slug) == []


def test_off_site_redirects_and_links_should_be_counted_and_never_fetched(runtime: dict[str, Any]) -> None:
    films, reviews = runtime["films"], runtime["reviews"]
    with tally.fault("next-other-port"), tally.fault("article-other-port"), tally.fault("sitemap-other-port"):
        assert runtime["other"].hits == []  # nothing on the other port, not even robots.txt
        assert {hit.host for hit in runtime["main"].hits} == {runtime["main"].origin.removeprefix("http://")}
        assert stat(films.stderr, "filmcrawl/offsite/redirect") == len(OFFSITE_REDIRECTS)
        assert stat(films.stderr, "filmcrawl/offsite/link") == 1  # the next link
        assert films.report["offsite"] == {"link": 1, "redirect": len(OFFSITE_REDIRECTS)}
        assert "off-site, refused: link 1, redirect 5" in films.stdout
        assert stat(reviews.stderr, "filmcrawl/offsite/link") == 2  # the sitemap entry and the article link
        assert len(films_of(films, "good-2")) == 1


# --- every page accounted for ---------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["loop-a", "loop-b", "refresh-self"])
def test_redirect_cycle_should_reject_every_page_of_it(runtime: dict[str, Any], slug: str) -> None:
    with tally.fault("refresh-self" if slug == "refresh-self" else "listed-redirect-loop"):
        rejects = runtime["films"].rejects_of(slug)
        assert [(r["reason"], r["stage"]) for r in rejects] == [("redirect_loop", "fetch")], rejects
        assert rejects[0]["detail"]


@pytest.mark.parametrize("name", ["films", "reviews"])
def test_outcomes_should_add_up_to_the_pages_requested(runtime: dict[str, Any], name: str) -> None:
    with tally.fault("pages-add-up"):
        crawl = runtime[name]
        ledger = crawl.report["page_outcomes"]
        assert ledger["requested"] == stat(crawl.stderr, "filmcrawl/pages_requested") > 0
        assert sum(ledger[outcome] for outcome in OUTCOMES) == ledger["requested"]
        assert ledger["unsettled"] == 0
        assert f"pages requested: {ledger['requested']} = " in crawl.stdout


# --- lists that never end -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["next-to-itself", "page-n-repeats"])
def test_list_repeating_itself_under_another_query_should_stop(runtime: dict[str, Any], name: str) -> None:
    with tally.fault(name):
        assert hits_of(runtime["main"], f"/faultlab/list/{name}/") == 2  # the first page and one repeat
        assert stat(runtime["films"].stderr, "filmcrawl/listing_loops") == 2
        assert "listings repeating themselves, not followed further: 2" in runtime["films"].stdout


def test_endless_list_should_stop_at_the_default_page_limit(runtime: dict[str, Any]) -> None:
    with tally.fault("page-n-endless"):
        assert FILMCRAWL_MAX_LISTING_PAGES == 50
        assert hits_of(runtime["main"], "/faultlab/list/page-n-endless/") == FILMCRAWL_MAX_LISTING_PAGES
        crawl = runtime["films"]
        assert stat(crawl.stderr, "filmcrawl/listing_pages_beyond_limit") == 1
        assert crawl.report["listings"]["listing_pages_beyond_limit"] == 1
        assert "listing page limit reached (FILMCRAWL_MAX_LISTING_PAGES): 1 next page(s) not followed" in crawl.stdout
        assert len(films_of(crawl, f"good-{100 + FILMCRAWL_MAX_LISTING_PAGES}")) == 1


# --- pipelines and the exporter ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "exception"), [("pipeline-raises", "RuntimeError"), ("exporter-fails", "UnicodeEncodeError")]
)
def test_exception_on_a_record_should_make_it_a_reject_named_after_it(
    runtime: dict[str, Any], slug: str, exception: str
) -> None:
    crawl = runtime["films"]
    with tally.fault(slug):
        assert films_of(crawl, slug) == []
        rejects = crawl.rejects_of(slug)
        assert [(r["reason"], r["stage"], r["record_type"]) for r in rejects] == [(exception, "validate", "film")]
        assert exception in rejects[0]["detail"]
        assert stat(crawl.stderr, f"filmcrawl/pipeline_errors/{exception}") >= 1
        assert crawl.report["rejects"][exception] == 1
        assert tally.lost(len(films_of(crawl, "good-4")) != 1) == 0  # the other records of the list pass


# --- one job per output and job folder --------------------------------------------------------------------------

# The gated page answers when the test lets it: longer than the fault crawls' DOWNLOAD_TIMEOUT.
WAITS_FOR_THE_GATE = ("-s", f"DOWNLOAD_TIMEOUT={CRAWL_TIMEOUT_SECONDS}")


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + CRAWL_TIMEOUT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def run_crawl(
    out: Path, urls: list[str], *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(out, urls, *extra), cwd=ROOT, capture_output=True, text=True, timeout=CRAWL_TIMEOUT_SECONDS, env=env
    )


def test_second_crawl_on_a_running_crawls_output_or_job_folder_should_be_refused(tmp_path: Path) -> None:
    out, job = tmp_path / "films.jsonl", tmp_path / "job"
    with FaultServer(good_films=1) as server:
        url = add_films(server, "gated", {"gated-1": gated}, good=["good-1"])
        first = start(out, [url], "--resume", str(job), *WAITS_FOR_THE_GATE)
        wait_for(lambda: hits_of(server, "/film/gated-1/") > 0, "the first crawl to reach the gated page")
        same_output = run_crawl(out, [url])
        same_job = run_crawl(tmp_path / "other.jsonl", [url], "--resume", str(job))
        server.httpd.gate.set()
        done = finish(first, server, out)
    with tally.fault("same-output"):
        assert same_output.returncode == 2, same_output.stderr[-2000:]
        assert f"{out} is in use by another running job (PID {first.pid})" in same_output.stderr
    with tally.fault("same-job-folder"):
        assert same_job.returncode == 2, same_job.stderr[-2000:]
        assert f"{job} is in use by another running job (PID {first.pid})" in same_job.stderr
        assert not (tmp_path / "other.jsonl").exists()
    assert done.returncode == 0, done.stderr[-3000:]
    written = {r["id"] for r in done.records if r["type"] == "film"}
    assert tally.lost(len({"letterboxd:film/good-1", "letterboxd:film/gated-1"} - written)) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["films.jsonl", "films.rejects.jsonl", "films.report.json", "films.merged.jsonl", "httpcache", "job"]
    )


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    return env


def files_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_killed_crawl_should_leave_a_lock_the_next_takes_over_and_nothing_under_home(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out" / "films.jsonl"
    home.mkdir()
    with FaultServer(good_films=1) as server:
        url = add_films(server, "gated", {"gated-1": gated}, good=["good-1"])
        killed = subprocess.Popen(
            command(out, [url]), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=clean_env(home)
        )
        wait_for(lambda: hits_of(server, "/film/gated-1/") > 0, "the crawl to reach the gated page")
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait(timeout=CRAWL_TIMEOUT_SECONDS)
        with tally.fault("home-untouched"):
            assert files_under(home) == []
        left = sorted(p.name for p in out.parent.iterdir())
        assert f"films.jsonl.parts.{killed.pid}" in left and ".films.jsonl.lock" in left
        server.httpd.gate.set()
        again = run_crawl(out, [url], env=clean_env(home))
    with tally.fault("stale-lock"):
        assert again.returncode == 0, again.stderr[-3000:]
        assert f"was locked by PID {killed.pid}, which is no longer running: lock taken over" in again.stderr
        assert not [p.name for p in out.parent.iterdir() if ".parts" in p.name or p.name.endswith(".lock")]
    with tally.fault("home-untouched"):
        assert files_under(home) == []


# --- docs ---------------------------------------------------------------------------------------------------


def test_every_runtime_case_should_be_checked_here() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    assert [case.slug for case in CASES if f'"{case.slug}"' not in source] == []


def test_faults_doc_should_hold_the_runtime_table() -> None:
    doc = (ROOT / "docs" / "faults.md").read_text(encoding="utf-8")
    section = doc.split("## Crawl runtime", 1)[1].split("\n## ", 1)[0]
    assert runtime_table() in section, "paste the output of `python -m tests.faults.runtime` into docs/faults.md"
