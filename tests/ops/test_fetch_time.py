"""A record carries the time its page was fetched: `filmcrawl reparse` rebuilds an output with the crawl's own
stamps (the cache stores each page's fetch time), so loading it beside the crawl's output adds no false point
to rating_history; a page revalidated by a later crawl (304) takes the time of that revalidation."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from .film_site import FilmSite
from .runs import crawl, records, run


def stamps(path: Path) -> dict[str, str]:
    return {record.get("id") or record["url"]: record["scraped_at"] for record in records(path)}


def history_points(database: Path) -> int:
    with duckdb.connect(str(database)) as db:
        return int(db.execute("SELECT count(*) FROM rating_history").fetchone()[0])  # type: ignore[index]


def test_reparse_should_keep_the_time_each_page_was_fetched(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with FilmSite(titles=3) as site:
        night1 = crawl(site.start_url, tmp_path / "night1.jsonl", "--cache", str(cache))
        assert night1.returncode == 0, night1.stderr[-3000:]
        # Stamps are whole seconds and a crawl of three titles may take less than one: night 2 starts in a
        # later second, as a nightly job does.
        time.sleep(1.01 - time.time() % 1)
        night2 = crawl(site.start_url, tmp_path / "night2.jsonl", "--cache", str(cache))
        assert night2.returncode == 0, night2.stderr[-3000:]
    replay = run("reparse", str(cache), "-o", str(tmp_path / "reparsed.jsonl"), "-s", "FILMCRAWL_REPORT_ENABLED=0")
    assert replay.returncode == 0, replay.stderr[-3000:]

    # Night 2 revalidated every page (304): its records carry night 2's time, and the cache now holds it.
    first, second = stamps(tmp_path / "night1.jsonl"), stamps(tmp_path / "night2.jsonl")
    assert first.keys() == second.keys()
    assert all(second[key] > first[key] for key in first), [
        (k, first[k], second[k]) for k in first if second[k] <= first[k]
    ]
    assert stamps(tmp_path / "reparsed.jsonl") == second

    database = tmp_path / "films.duckdb"
    for output in ("night1.jsonl", "night2.jsonl"):
        assert run("load", str(tmp_path / output), "--duckdb", str(database)).returncode == 0
    points = history_points(database)
    films = sum(1 for r in records(tmp_path / "night1.jsonl") if r["type"] == "film" and r.get("ratings"))
    assert films and points >= 2 * films  # a point per rating and night
    assert run("load", str(tmp_path / "reparsed.jsonl"), "--duckdb", str(database)).returncode == 0
    assert history_points(database) == points  # the reparse is night 2 read again: no new point
