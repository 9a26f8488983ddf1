"""The runtime's components on their own: the job lock (crawler.jobs.joblock), the pipeline guard (pipelines.guard),
the duplicate filter that breaks redirect cycles (crawler.runtime.outcomes). test_runtime.py shows them in real crawls."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request, Spider
from scrapy.utils.test import get_crawler

from crawler.core.reject import Reject
from crawler.jobs import joblock
from crawler.runtime.outcomes import REDIRECT_CYCLE_META, AccountingDupeFilter, ledger
from pipelines.guard import GuardedItemPipelineManager

# --- the job lock -------------------------------------------------------------------------------------------


def dead_pid() -> int:
    return int(
        subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
        ).stdout
    )


def test_second_lock_on_an_output_should_be_refused_with_the_holders_pid(tmp_path: Path) -> None:
    out = tmp_path / "films.jsonl"
    held = joblock.acquire(out)
    with pytest.raises(joblock.JobLocked, match=rf"films.jsonl is in use by another running job \(PID {os.getpid()}\)"):
        joblock.acquire(out)
    held.release()
    assert list(tmp_path.iterdir()) == []  # the lock file goes with the lock
    joblock.acquire(out).release()


def test_lock_of_a_job_folder_should_live_inside_it(tmp_path: Path) -> None:
    held = joblock.acquire(tmp_path / "job", folder=True)
    assert (tmp_path / "job" / "job.lock").read_text() == f"{os.getpid()}\n"
    with pytest.raises(joblock.JobLocked):
        joblock.acquire(tmp_path / "job", folder=True)
    held.release()


def test_lock_left_by_a_dead_process_should_be_taken_over_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pid = dead_pid()
    (tmp_path / ".films.jsonl.lock").write_text(f"{pid}\n")
    held = joblock.acquire(tmp_path / "films.jsonl")
    assert held.taken_over_from == pid
    assert f"locked by PID {pid}, which is no longer running: lock taken over" in capsys.readouterr().err
    held.release()


# --- exceptions in pipelines ----------------------------------------------------------------------------------


class Raising:
    def process_item(self, item: Any) -> Any:
        if isinstance(item, dict):
            raise OverflowError("cannot convert float infinity to integer")
        return item


class Collecting:
    seen: list[Any] = []

    def process_item(self, item: Any) -> Any:
        Collecting.seen.append(item)
        return item


def process(item: Any, pipelines: dict[str, int]) -> Any:
    crawler = get_crawler(Spider, settings_dict={"ITEM_PIPELINES": pipelines})
    crawler.spider = Spider.from_crawler(crawler, name="films")
    manager = GuardedItemPipelineManager.from_crawler(crawler)
    return asyncio.run(manager.process_item_async(item)), crawler.stats


def test_exception_in_a_pipeline_should_make_the_record_a_reject_named_after_it() -> None:
    Collecting.seen = []
    film = {"type": "film", "id": "site:1", "url": "https://films.example/1", "source": "site"}
    result, stats = process(film, {f"{__name__}.Raising": 100, f"{__name__}.Collecting": 200})
    assert isinstance(result, Reject)
    assert (result.reason, result.stage, result.record_type, result.url, result.site, result.data) == (
        "OverflowError",
        "validate",
        "film",
        film["url"],
        "site",
        film,
    )
    assert "OverflowError in Raising.process_item: cannot convert" in result.detail
    assert Collecting.seen == [result]  # the later pipelines (the rejects writer) get the reject
    assert stats.get_value("filmcrawl/pipeline_errors/OverflowError") == 1


class RejectWriterFailingOnData:
    written: list[Reject] = []

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Reject):
            if item.data is not None:
                raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
            RejectWriterFailingOnData.written.append(item)
        return item


def test_reject_that_cannot_be_written_should_be_written_without_its_data() -> None:
    RejectWriterFailingOnData.written = []
    film = {"type": "film", "id": "site:1", "url": "https://films.example/1", "source": "site"}
    process(film, {f"{__name__}.Raising": 100, f"{__name__}.RejectWriterFailingOnData": 900})
    [written] = RejectWriterFailingOnData.written
    assert (written.reason, written.data) == ("OverflowError", None)
    assert "UnicodeEncodeError" in written.detail


# --- redirect cycles and the page ledger -------------------------------------------------------------------


def dupefilter() -> AccountingDupeFilter:
    crawler = get_crawler(Spider)
    crawler.stats.open_spider()  # type: ignore[union-attr]
    return AccountingDupeFilter.from_crawler(crawler)


def test_redirects_between_two_listed_pages_should_be_let_through_marked_as_a_cycle() -> None:
    df = dupefilter()
    a, b = "http://127.0.0.1:8800/film/a/", "http://127.0.0.1:8800/film/b/"
    assert not df.request_seen(Request(a)) and not df.request_seen(Request(b))  # both listed
    a_to_b = Request(b, meta={"redirect_urls": [a]})
    assert df.request_seen(a_to_b)  # a filtered: the same page as b, for now
    assert ledger(df.stats.get_stats())["duplicate"] == 1  # type: ignore[union-attr]
    b_to_a = Request(a, meta={"redirect_urls": [b]})
    assert not df.request_seen(b_to_a)  # closes the cycle: let through, for the boundaries to refuse
    assert b_to_a.meta[REDIRECT_CYCLE_META] == [a]
    assert ledger(df.stats.get_stats())["duplicate"] == 0  # type: ignore[union-attr]


def test_link_to_a_page_already_asked_for_should_be_a_counted_duplicate() -> None:
    df = dupefilter()
    assert not df.request_seen(Request("http://127.0.0.1:8800/film/a/"))
    again = Request("http://127.0.0.1:8800/film/a/")
    assert df.request_seen(again)
    assert REDIRECT_CYCLE_META not in again.meta
    assert ledger(df.stats.get_stats())["duplicate"] == 1  # type: ignore[union-attr]


def test_ledger_should_count_pages_still_queued_as_unsettled() -> None:
    assert (
        ledger({"filmcrawl/pages_requested": 3, "filmcrawl/outcomes/records": 1, "filmcrawl/outcomes/duplicate": 1})[
            "unsettled"
        ]
        == 1
    )
    assert (
        ledger({"filmcrawl/pages_requested": 2, "filmcrawl/outcomes/records": 1, "filmcrawl/outcomes/duplicate": 1})[
            "unsettled"
        ]
        == 0
    )
