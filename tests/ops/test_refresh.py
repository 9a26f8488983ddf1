"""Refresh crawls: the HTTP cache revalidates stored pages (ETag / Last-Modified), so a nightly job fetches
bodies only for pages that changed and still writes every record; `filmcrawl reparse` rebuilds the output from
the stored pages alone."""

from __future__ import annotations

import json
import time
from email.utils import formatdate
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.settings import Settings

from crawler.runtime.cache import MANIFEST, RefreshPolicy, stored_jobs

from .film_site import FilmSite, title_id
from .runs import comparable, crawl, records, run, stat

# --- the policy, case by case ------------------------------------------------------------------------------

NOW = time.time()


def policy(**settings: object) -> RefreshPolicy:
    base = {
        "FILMCRAWL_CACHE_MAX_AGE": 0,
        "FILMCRAWL_CACHE_FRESH_SINCE": 0,
        "RETRY_TIMES": 3,
        "HTTPCACHE_IGNORE_HTTP_CODES": [202, 403, 429, 503],
        "HTTPCACHE_ALWAYS_STORE": True,
    }
    return RefreshPolicy(Settings({**base, **settings}))


def stored(age: float, **headers: str) -> HtmlResponse:
    return HtmlResponse(
        "http://127.0.0.1/p", body=b"<html></html>", headers={"Date": formatdate(NOW - age, usegmt=True), **headers}
    )


def request(stored_at: float | None = None, **meta: object) -> Request:
    return Request("http://127.0.0.1/p", meta={**({"cache_timestamp": stored_at} if stored_at else {}), **meta})


@pytest.mark.parametrize(
    ("settings", "page", "meta", "fresh"),
    [
        # Default: every stored page is revalidated, whatever its own headers say.
        ({}, dict(age=10, **{"Cache-Control": "max-age=3600"}), {}, False),
        # A maximum age lets the site's own freshness apply up to it ...
        ({"FILMCRAWL_CACHE_MAX_AGE": 600}, dict(age=10, **{"Cache-Control": "max-age=3600"}), {}, True),
        # ... and no further.
        ({"FILMCRAWL_CACHE_MAX_AGE": 600}, dict(age=900, **{"Cache-Control": "max-age=3600"}), {}, False),
        # It never makes a page fresh that the site says is not.
        ({"FILMCRAWL_CACHE_MAX_AGE": 600}, dict(age=10), {}, False),
        # Pages stored since a resumed job began are used as they are ...
        ({"FILMCRAWL_CACHE_FRESH_SINCE": NOW - 60}, dict(age=10), {"stored_at": NOW - 10}, True),
        # ... not those stored before it ...
        ({"FILMCRAWL_CACHE_FRESH_SINCE": NOW - 60}, dict(age=100), {"stored_at": NOW - 100}, False),
        # ... and not for a retry, which asks the site again.
        ({"FILMCRAWL_CACHE_FRESH_SINCE": NOW - 60}, dict(age=10), {"stored_at": NOW - 10, "retry_times": 1}, False),
    ],
)
def test_refresh_policy_should_decide_which_stored_pages_need_revalidation(
    settings: dict[str, object], page: dict[str, object], meta: dict[str, object], fresh: bool
) -> None:
    age = float(page.pop("age"))  # type: ignore[arg-type]
    req = request(meta.pop("stored_at", None), **meta)  # type: ignore[arg-type]
    assert policy(**settings).is_cached_response_fresh(stored(age, **page), req) is fresh  # type: ignore[arg-type]


def test_refresh_policy_should_revalidate_with_the_stored_validators() -> None:
    req = request()
    page = stored(60, ETag='"v1"', **{"Last-Modified": formatdate(NOW - 86400, usegmt=True)})
    assert not policy().is_cached_response_fresh(page, req)
    assert req.headers[b"If-None-Match"] == b'"v1"'
    assert req.headers[b"If-Modified-Since"] == page.headers[b"Last-Modified"]


@pytest.mark.parametrize(
    ("status", "stored_"), [(200, True), (404, True), (202, False), (403, False), (429, False), (503, False)]
)
def test_refresh_policy_should_store_pages_but_not_walls_or_errors(status: int, stored_: bool) -> None:
    response = HtmlResponse("http://127.0.0.1/p", status=status, body=b"x")
    assert policy().should_cache_response(response, request()) is stored_


@pytest.mark.parametrize(("retry_times", "falls_back"), [(0, False), (2, False), (3, True)])
def test_refresh_policy_should_fall_back_to_the_stored_page_only_when_retries_are_spent(
    retry_times: int, falls_back: bool
) -> None:
    failed = HtmlResponse("http://127.0.0.1/p", status=503, body=b"")
    assert policy().is_cached_response_valid(stored(60), failed, request(retry_times=retry_times)) is falls_back


# --- a nightly job, twice ------------------------------------------------------------------------------------


def test_second_run_should_fetch_bodies_only_for_changed_pages_and_write_every_record(tmp_path: Path) -> None:
    changed = [f"/title/{title_id(2)}/", f"/title/{title_id(5)}/"]
    cache = tmp_path / "cache"
    with FilmSite(titles=6) as site:
        first = crawl(site.start_url, tmp_path / "night1.jsonl", "--cache", str(cache))
        first_hits = site.page_hits()
        site.hits.clear()
        for path in changed:
            site.change(path)
        second = crawl(site.start_url, tmp_path / "night2.jsonl", "--cache", str(cache))
        second_hits = site.page_hits()
    assert first.returncode == 0 and second.returncode == 0, second.stderr[-3000:]
    pages = len(first_hits)
    assert pages == 26 and {h.status for h in first_hits} == {200}
    # Night 2 asks about every page, conditionally; only the changed ones come back with a body.
    assert len(second_hits) == pages and all(h.conditional for h in second_hits)
    assert sorted(h.path for h in second_hits if h.status == 200) == sorted(changed)
    assert len([h for h in second_hits if h.status == 304]) == pages - len(changed)
    assert stat(second.stderr, "httpcache/revalidate") == pages - len(changed) + 1  # robots.txt too
    # ... and its output is complete: the same records, the changed films with their new vote counts.
    night1, night2 = records(tmp_path / "night1.jsonl"), records(tmp_path / "night2.jsonl")
    assert sorted(r.get("id") or r["url"] for r in night1) == sorted(r.get("id") or r["url"] for r in night2)
    votes = {r["id"]: r["rating"]["count"] for r in night2 if r["type"] == "film"}
    assert votes[f"imdb:{title_id(2)}"] == votes[f"imdb:{title_id(1)}"] + 1
    assert votes[f"imdb:{title_id(5)}"] == votes[f"imdb:{title_id(1)}"] + 1
    unchanged = [r for r in night1 if r.get("id") not in {f"imdb:{title_id(2)}", f"imdb:{title_id(5)}"}]
    assert {json.dumps({k: v for k, v in r.items() if k != "scraped_at"}, sort_keys=True) for r in unchanged} <= set(
        comparable(tmp_path / "night2.jsonl")
    )


# --- reparse: the output again, from the stored pages, without the network ---------------------------------


def test_reparse_should_rebuild_the_output_from_the_cache_without_the_network(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with FilmSite(titles=4) as site:
        crawled = crawl(site.start_url, tmp_path / "films.jsonl", "--cache", str(cache))
        start_url = site.start_url
    # The site is gone: anything the replay asked of it would fail.
    assert crawled.returncode == 0, crawled.stderr[-3000:]
    assert [(job.site, job.start_urls) for job in stored_jobs(cache)] == [("imdb", [start_url])]
    assert (cache / "imdb" / MANIFEST).exists()
    replay = run("reparse", str(cache), "-o", str(tmp_path / "reparsed.jsonl"), "-s", "FILMCRAWL_REPORT_ENABLED=0")
    assert replay.returncode == 0, replay.stderr[-3000:]
    assert comparable(tmp_path / "reparsed.jsonl") == comparable(tmp_path / "films.jsonl")
    assert stat(replay.stderr, "httpcache/hit") == 1 + 4 * 4  # every page (list, titles, sub-pages), stored
    assert stat(replay.stderr, "httpcache/miss") is None
    # One site's folder works as well as the whole cache.
    again = run("reparse", str(cache / "imdb"), "-o", str(tmp_path / "again.jsonl"), "-s", "FILMCRAWL_REPORT_ENABLED=0")
    assert again.returncode == 0 and comparable(tmp_path / "again.jsonl") == comparable(tmp_path / "films.jsonl")


def test_reparse_of_a_folder_without_a_stored_job_should_not_run(tmp_path: Path) -> None:
    replay = run("reparse", str(tmp_path), "-o", str(tmp_path / "out.jsonl"))
    assert replay.returncode == 2
    assert "no stored job" in replay.stderr
    assert not (tmp_path / "out.jsonl").exists()
