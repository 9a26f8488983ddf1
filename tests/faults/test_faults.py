"""Every fault of the fault-injection server (tests/faults/server.py), and what the crawl makes of it.

Each test reads what a crawl left (tests/faults/conftest.py): its exit status, the output, the rejects file,
the report, the stats Scrapy dumps in the log and the requests the server answered.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from schemas.safe_text import has_markup
from tests.ops.runs import ROOT, stat

from . import tally
from .crawls import BLOCKED_RETRY_TIMES, RETRY_TIMES, Crawl
from .server import ACCENTED_TITLE, FAULTS, GOOD_FILMS, Fault, fault_table


def good_slugs() -> list[str]:
    return [f"good-{n}" for n in range(1, GOOD_FILMS + 1)]


# --- the job as a whole ------------------------------------------------------------------------------------


def test_fault_crawl_should_finish_and_exit_3_for_its_reject_ratio(every: Crawl) -> None:
    assert stat(every.stderr, "finish_reason") == "finished"
    assert every.returncode == 3, every.stderr[-3000:]
    assert re.search(r"letterboxd reject ratio 0\.\d\d > 0\.10", every.stderr)
    assert "Traceback" not in every.stderr


def test_crawl_of_recoverable_faults_should_exit_0_with_every_record(crawls: dict[str, Crawl]) -> None:
    crawl = crawls["recoverable"]
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    assert crawl.rejects == []
    expected = {*good_slugs(), *(f.film for f in FAULTS if f.outcome == "record")}
    assert {r["id"].split("/", 1)[1] for r in crawl.records if r["type"] == "film"} == expected


def test_every_good_page_should_yield_its_record_once(every: Crawl) -> None:
    for slug in [*good_slugs(), "good-moved"]:
        assert len(every.films(slug)) == 1, slug


def test_no_record_should_be_written_twice(every: Crawl) -> None:
    ids = Counter(r["id"] for r in every.records if r["type"] == "film")
    assert [i for i, n in ids.items() if n > 1] == []
    assert stat(every.stderr, "filmcrawl/duplicates/film") is None


# --- each fault ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fault", FAULTS, ids=[f.slug for f in FAULTS])
def test_fault_page_should_end_as_its_table_row_says(every: Crawl, fault: Fault) -> None:
    with tally.fault(fault.slug):
        films, rejects = every.films(fault.film), every.rejects_of(fault.slug)
        if fault.outcome == "record":
            assert (len(films), rejects) == (1, []), rejects
        else:
            assert films == []
            assert [(r["reason"], r["stage"]) for r in rejects] == [(fault.outcome, fault.stage)], rejects
            assert rejects[0]["detail"]
            assert every.report["rejects"][fault.outcome] >= 1
            assert stat(every.stderr, f"filmcrawl/rejects/{fault.outcome}") >= 1
        assert every.attempts(fault.slug) == fault.attempts


def test_no_record_should_be_lost(crawls: dict[str, Crawl]) -> None:
    # Every page that holds a film (the good ones, the faults the crawl recovers from) gives its record.
    for name in ("every", "recoverable"):
        expected = {*good_slugs(), *(f.film for f in FAULTS if f.outcome == "record")}
        written = {r["id"].split("/", 1)[1] for r in crawls[name].records if r["type"] == "film"}
        assert tally.lost(len(expected - written)) == 0, (name, expected - written)


def test_every_page_requested_should_end_as_one_counted_outcome(every: Crawl) -> None:
    ledger = every.report["page_outcomes"]
    assert ledger["requested"] == stat(every.stderr, "filmcrawl/pages_requested")
    assert ledger["unsettled"] == 0
    assert sum(ledger[o] for o in ("records", "rejected", "duplicate", "refused", "followed")) == ledger["requested"]
    assert ledger["rejected"] == len(every.rejects)  # one reject line per rejected page here


def test_fault_table_attempts_should_follow_the_retry_settings() -> None:
    # Server errors and broken connections are retried RETRY_TIMES, challenges FILMCRAWL_BLOCKED_RETRY_TIMES,
    # answers that will not change (404, 410, a size limit, a refused redirect) are not retried.
    by_slug = {f.slug: f.attempts for f in FAULTS}
    assert by_slug["http-500"] == by_slug["reset-mid-body"] == by_slug["stall"] == 1 + RETRY_TIMES
    assert by_slug["waf-challenge"] == 1 + BLOCKED_RETRY_TIMES
    assert by_slug["http-404"] == by_slug["gzip-bomb"] == by_slug["redirect-other-host"] == 1


def test_retry_after_should_be_waited_out_before_the_retry(every: Crawl) -> None:
    for slug in ("retry-after-503", "retry-after-429"):
        first, second = [hit.at for hit in every.hits if hit.path == f"/film/{slug}/"]
        assert second - first >= 0.9, slug


def test_summary_and_report_should_count_every_reject_by_its_reason(every: Crawl) -> None:
    by_reason = Counter(r["reason"] for r in every.rejects)
    assert every.report["rejects"] == dict(by_reason)
    printed = re.search(r"^rejects: (\d+) \((.*)\)$", every.stdout, re.MULTILINE)
    assert printed, every.stdout
    assert int(printed.group(1)) == len(every.rejects)
    assert dict((r, int(n)) for r, n in (item.rsplit(" ", 1) for item in printed.group(2).split(", "))) == dict(
        by_reason
    )


# --- what is written -----------------------------------------------------------------------------------------

CHARSET_TITLES = [
    ("latin1-meta", ACCENTED_TITLE.replace("Œ", "Oe").replace("œ", "oe")),
    ("cp1252-declared-utf8", ACCENTED_TITLE),
    ("utf8-declared-latin1", ACCENTED_TITLE),
]


@pytest.mark.parametrize(("slug", "title"), CHARSET_TITLES)
def test_page_in_another_charset_than_declared_should_keep_its_text(every: Crawl, slug: str, title: str) -> None:
    assert every.films(slug)[0]["title"] == title


def test_output_and_rejects_should_be_utf8_json_lines_without_markup(every: Crawl) -> None:
    text = every.output.decode("utf-8")  # strict: raises on any invalid byte
    records = [json.loads(line) for line in text.splitlines()]
    assert records and all(isinstance(r, dict) for r in records)

    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, (list, dict)):
            for item in value.values() if isinstance(value, dict) else value:
                yield from strings(item)

    assert [s for r in records for s in strings(r) if has_markup(s) or "\ufffd" in s and "Hostile" not in s] == []
    hostile = every.films("ld-hostile-markup")[0]
    # Title and plot came from JSON-LD carrying tags, a script, escaped markup and a lone surrogate.
    assert hostile["title"] == "Hostile Film \ufffd"
    assert hostile["plot"] == "Plain words."


def test_hostile_json_ld_should_leave_the_rest_of_the_page_readable(every: Crawl) -> None:
    for slug in ("ld-deep-nesting", "ld-huge-numbers", "ld-huge-numbers-valid-json", "ld-wrong-types", "ld-malformed"):
        film = every.films(slug)[0]
        assert (film["year"], [d["name"] for d in film["directors"]]) == (1948, ["Michael Powell"]), slug
        assert film["rating"] is None, slug  # no rating is better than an infinite or unreadable one


# --- boundaries ----------------------------------------------------------------------------------------------


def test_redirects_off_the_crawl_should_be_refused_without_a_request(every: Crawl) -> None:
    assert [hit for hit in every.hits if not hit.host.startswith("127.0.0.1:")] == []
    assert stat(every.stderr, "filmcrawl/boundaries/redirect_offsite") == 2
    assert stat(every.stderr, "filmcrawl/boundaries/redirect_bad_scheme") == 1


def test_links_in_page_data_off_the_crawl_should_be_counted_not_fetched(every: Crawl) -> None:
    # The two lists' next-page links lead to another host and to the cloud metadata address.
    assert stat(every.stderr, "filmcrawl/boundaries/offsite") == 2
    assert not [r for r in every.rejects if "films.example" in r["url"] or "169.254" in r["url"]]
    assert stat(every.stderr, "filmcrawl/fetch_errors/dns_error") is None
    assert len(every.films("good-1")) == len(every.films("good-2")) == 1


def test_public_crawl_should_not_reach_this_machine_by_any_name(crawls: dict[str, Crawl]) -> None:
    crawl = crawls["private"]
    assert crawl.hits == []  # not even robots.txt
    assert crawl.returncode == 2, crawl.stderr[-3000:]
    assert "no page could be read" in crawl.stderr and "private_address 3" in crawl.stderr
    assert stat(crawl.stderr, "filmcrawl/boundaries/private_address") == 3


# --- the docs ----------------------------------------------------------------------------------------------


def test_documented_fault_table_should_be_the_one_these_tests_check() -> None:
    readme = (ROOT / "docs" / "faults.md").read_text(encoding="utf-8")
    assert fault_table() in readme, "paste the output of `python -m tests.faults.server` into docs/faults.md"
