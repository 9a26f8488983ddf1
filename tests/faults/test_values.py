"""Values and text: hostile numbers, rejects that cannot be encoded, decoding, challenges served with 200, unsafe
text and implausible values (tests/faults/server.py VALUE_FAULTS), each through a real crawl of the fault server
and, for decoding, through `filmcrawl extract` on the same bytes.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ops.runs import ROOT, run, stat

from .crawls import BLOCKED_RETRY_TIMES, Crawl, finish, start
from .server import STRAY_BYTE_TITLE, VALUE_FAULTS, Fault, FaultServer, values_table

GOOD = 2


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer(VALUE_FAULTS, good_films=GOOD) as served:
        yield served


@pytest.fixture(scope="module")
def crawl(server: FaultServer, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    out = tmp_path_factory.mktemp("values") / "films.jsonl"
    return finish(start(out, [server.list_url("all")]), server, out)


def test_values_crawl_should_finish_without_a_traceback_or_a_lost_page(crawl: Crawl) -> None:
    assert stat(crawl.stderr, "finish_reason") == "finished"
    assert "Traceback" not in crawl.stderr
    films = {r["id"].split("/", 1)[1] for r in crawl.records if r["type"] == "film"}
    rejected = {r["url"].rstrip("/").rsplit("/", 1)[1] for r in crawl.rejects if r["reason"] != "text_cut"}
    expected = {f"good-{n}" for n in range(1, GOOD + 1)} | {f.slug for f in VALUE_FAULTS}
    assert films | rejected == expected
    assert not films & rejected


@pytest.mark.parametrize("fault", VALUE_FAULTS, ids=[f.slug for f in VALUE_FAULTS])
def test_value_fault_should_end_as_its_table_row_says(crawl: Crawl, fault: Fault) -> None:
    films = crawl.films(fault.slug)
    rejects = [r for r in crawl.rejects_of(fault.slug) if r["reason"] != "text_cut"]
    if fault.outcome == "record":
        assert (len(films), rejects) == (1, [])
    else:
        assert films == []
        assert [(r["reason"], r["stage"]) for r in rejects] == [(fault.outcome, fault.stage)]
        assert stat(crawl.stderr, f"filmcrawl/rejects/{fault.outcome}") >= 1
    assert crawl.attempts(fault.slug) == fault.attempts


# --- numbers ---------------------------------------------------------------------------------------------

NUMBERS = [
    # (fault page, field left out, its raw text)
    ("ld-rating-1e5000", "rating", "1e5000 / 1e5000"),
    ("ld-rating-1e999999", "rating", "1e999999 / 1e999999"),
    ("ld-count-superscript", "rating.count", "²"),
    ("ld-count-5000-digits", "rating.count", "9" * 200),
]


@pytest.mark.parametrize(("slug", "field", "raw"), NUMBERS, ids=[n[0] for n in NUMBERS])
def test_unreadable_number_should_become_null_with_its_raw_text(crawl: Crawl, slug: str, field: str, raw: str) -> None:
    film = crawl.films(slug)[0]
    assert film["extraction"]["unparsed"][field] == raw
    assert film["year"] == 1948 and film["directors"]
    if field == "rating":
        assert film["rating"] is None
    else:
        assert (film["rating"]["value"], film["rating"]["count"]) == (4.1, None)


# --- rejects ---------------------------------------------------------------------------------------------


def test_reject_holding_a_lone_surrogate_should_be_written_escaped_and_counted(crawl: Crawl) -> None:
    reject = crawl.rejects_of("invalid-with-surrogate")[0]
    assert reject["data"]["plot"] == "Lone \ud800 surrogate."
    assert stat(crawl.stderr, "filmcrawl/rejects_escaped") == 1


# --- decoding --------------------------------------------------------------------------------------------

DECODING = [f.slug for f in VALUE_FAULTS if f.slug.startswith(("utf8-", "utf16-", "latin1-"))]


@pytest.mark.parametrize("slug", DECODING)
def test_crawl_should_decode_the_page_as_a_browser_does(crawl: Crawl, slug: str) -> None:
    assert crawl.films(slug)[0]["title"] == STRAY_BYTE_TITLE


def test_replaced_characters_should_be_counted(crawl: Crawl) -> None:
    assert stat(crawl.stderr, "filmcrawl/decoding/replaced_characters") == 1


@pytest.mark.parametrize("slug", DECODING)
def test_extract_should_decode_the_same_bytes_as_the_crawl(server: FaultServer, tmp_path: Path, slug: str) -> None:
    page = tmp_path / f"{slug}.html"
    with urllib.request.urlopen(f"{server.origin}/film/{slug}/") as response:  # noqa: S310 (127.0.0.1)
        page.write_bytes(response.read())
    done = run("extract", "--url", f"https://letterboxd.com/film/{slug}/", str(page))
    assert done.returncode == 0, done.stderr
    film = json.loads(done.stdout)
    assert film["title"] == STRAY_BYTE_TITLE
    assert ("1 characters did not decode" in done.stderr) == (slug == "utf8-stray-byte")


# --- challenges ------------------------------------------------------------------------------------------


def test_challenges_served_with_200_should_be_retried_and_counted_as_blocked(crawl: Crawl) -> None:
    challenges = [f for f in VALUE_FAULTS if f.outcome.startswith("blocked_")]
    assert all(f.attempts == 1 + BLOCKED_RETRY_TIMES for f in challenges)
    assert stat(crawl.stderr, "filmcrawl/blocked_pages") == len(challenges)
    assert crawl.report["blocked"]


# --- text and values -------------------------------------------------------------------------------------


def test_unsafe_text_should_be_stripped_and_cut_with_the_raw_value_in_the_rejects_file(crawl: Crawl) -> None:
    film = crawl.films("unsafe-text")[0]
    assert film["title"].startswith("Film 31m Unsafe Text long")
    assert not set(film["title"] + film["plot"]) & {"\u009b", "\u202e", "\u202c", "\ufffe", "\u2066", "\u2069"}
    assert len(film["title"]) <= 1_000 and len(film["plot"]) <= 100_000
    assert film["title"].endswith("…") and film["plot"].endswith("…")
    cuts = {r["data"]["field"]: r["data"]["raw"] for r in crawl.rejects_of("unsafe-text") if r["reason"] == "text_cut"}
    assert set(cuts) == {"title", "plot"}
    assert len(cuts["plot"]) > 200_000
    assert stat(crawl.stderr, "filmcrawl/text_cut/plot") == 1


def test_implausible_values_should_become_null_with_their_raw_text(crawl: Crawl) -> None:
    film = crawl.films("implausible-values")[0]
    assert (film["year"], film["runtime_minutes"]) == (None, None)
    assert film["extraction"]["unparsed"]["year"] == "1700"
    assert film["extraction"]["unparsed"]["runtime_minutes"] == "9999"
    assert stat(crawl.stderr, "filmcrawl/implausible/year") == 1
    assert stat(crawl.stderr, "filmcrawl/implausible/runtime_minutes") == 1


def test_docs_values_table_should_be_the_one_these_tests_check() -> None:
    docs = (ROOT / "docs" / "faults.md").read_text(encoding="utf-8")
    assert values_table() in docs, "paste the output of `python -m tests.faults.server values` into docs/faults.md"


def test_docs_should_hold_the_plausibility_rules_and_text_limits() -> None:
    from crawler.core.plausibility import rules_table
    from schemas.safe_text import limits_table

    docs = (ROOT / "docs" / "faults.md").read_text(encoding="utf-8")
    assert rules_table() in docs and limits_table() in docs
