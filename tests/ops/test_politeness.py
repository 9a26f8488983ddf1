"""Politeness of a crawl, measured at a real HTTP server on 127.0.0.1: robots.txt rules and delays, Retry-After
and backoff on 429/503, the User-Agent, and full speed on this machine when the site asks for nothing."""

from __future__ import annotations

import subprocess
import sys
import time
from email.utils import formatdate
from pathlib import Path

import pytest
from protego import Protego
from scrapy.robotstxt import ProtegoRobotParser

from crawler.runtime.middlewares.backoff import retry_after_seconds
from crawler.runtime.middlewares.hosts import is_loopback
from crawler.runtime.middlewares.identity import with_contact
from crawler.runtime.middlewares.politeness import robots_delay

from .film_site import FilmSite, Hit, Scripted, title_id
from .runs import ROOT, crawl, records, stat

# --- the rules, table by table -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("app.localhost", True),
        ("www.imdb.com", False),
        ("10.0.0.1", False),
        ("192.168.1.2", False),
        ("", False),
    ],
)
def test_is_loopback_should_recognise_this_machine_only(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("robots", "delay"),
    [
        ("User-agent: *\nCrawl-delay: 2\n", 2.0),
        ("User-agent: *\nCrawl-delay: 0.5\n", 0.5),
        ("User-agent: filmcrawl\nCrawl-delay: 3\n\nUser-agent: *\nCrawl-delay: 1\n", 3.0),
        ("User-agent: otherbot\nCrawl-delay: 9\n", None),
        ("User-agent: *\nRequest-rate: 1/5\n", 5.0),
        ("User-agent: *\nCrawl-delay: 2\nRequest-rate: 1/10\n", 10.0),
        ("User-agent: *\nDisallow: /private/\n", None),
    ],
)
def test_robots_delay_should_read_crawl_delay_and_request_rate_for_our_token(robots: str, delay: float | None) -> None:
    parser = ProtegoRobotParser.__new__(ProtegoRobotParser)
    parser.rp = Protego.parse(robots)
    assert robots_delay(parser, "filmcrawl") == delay


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (b"0", 0.0),
        (formatdate(1_000_030, usegmt=True), 30.0),  # an HTTP date 30 s after "now"
        (formatdate(999_000, usegmt=True), 0.0),  # a date in the past: no wait
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_should_read_seconds_or_an_http_date(header: str | bytes | None, seconds: float | None) -> None:
    assert retry_after_seconds(header, now=1_000_000) == seconds


@pytest.mark.parametrize(
    ("user_agent", "contact", "expected"),
    [
        ("filmcrawl/0.1 (+https://old.example)", "https://ops.example/bot", "filmcrawl/0.1 (+https://ops.example/bot)"),
        ("filmcrawl/0.1", "https://ops.example/bot", "filmcrawl/0.1 (+https://ops.example/bot)"),
        (
            "filmcrawl/0.1 (+https://ops.example/bot)",
            "https://ops.example/bot",
            "filmcrawl/0.1 (+https://ops.example/bot)",
        ),
        ("filmcrawl/0.1 (+https://old.example)", "", "filmcrawl/0.1 (+https://old.example)"),
    ],
)
def test_user_agent_should_name_the_configured_contact(user_agent: str, contact: str, expected: str) -> None:
    assert with_contact(user_agent, contact) == expected


# --- robots.txt ------------------------------------------------------------------------------------------


def test_crawl_should_never_request_what_robots_txt_disallows(tmp_path: Path) -> None:
    forbidden = f"/title/{title_id(2)}/"
    with FilmSite(titles=3, robots=f"User-agent: *\nDisallow: {forbidden}\n") as site:
        run = crawl(site.start_url, tmp_path / "films.jsonl", "-s", "FILMCRAWL_CONTACT_URL=https://ops.example/bot")
        hits = site.page_hits()
    assert run.returncode == 0, run.stderr[-3000:]
    assert hits and not [h.path for h in hits if h.path.startswith(forbidden)]
    films = {r["id"] for r in records(tmp_path / "films.jsonl") if r["type"] == "film"}
    assert films == {f"imdb:{title_id(1)}", f"imdb:{title_id(3)}"}
    rejects = records(tmp_path / "films.rejects.jsonl")
    assert [(r["reason"], r["url"].removeprefix(site.origin)) for r in rejects] == [("robots_txt", forbidden)]
    assert stat(run.stderr, "robotstxt/forbidden") == 1
    # An honest User-Agent, naming the contact URL the job was given.
    assert {h.user_agent for h in site.hits} == {"filmcrawl/0.1 (+https://ops.example/bot)"}


def gaps(hits: list[Hit]) -> list[float]:
    times = sorted(h.at for h in hits)
    return [later - earlier for earlier, later in zip(times, times[1:])]


CRAWL_DELAY = 0.4


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param((), id="loopback-full-speed"),
        # As on a real site: AutoThrottle lowers the delay towards the (tiny) latency; the Crawl-delay stays the floor.
        pytest.param(
            (
                "-s",
                "FILMCRAWL_LOOPBACK_UNTHROTTLED=0",
                "-s",
                "AUTOTHROTTLE_ENABLED=1",
                "-s",
                "DOWNLOAD_DELAY=0",
                "-s",
                "AUTOTHROTTLE_START_DELAY=0",
                "-s",
                "CONCURRENT_REQUESTS_PER_DOMAIN=4",
            ),
            id="autothrottle",
        ),
    ],
)
def test_crawl_should_space_requests_by_the_robots_crawl_delay(tmp_path: Path, settings: tuple[str, ...]) -> None:
    with FilmSite(titles=1, robots=f"User-agent: *\nCrawl-delay: {CRAWL_DELAY}\n") as site:
        run = crawl(site.start_url, tmp_path / "films.jsonl", *settings)
        hits = site.page_hits()
    assert run.returncode == 0, run.stderr[-3000:]
    assert len(hits) == 5  # list, title, 3 sub-pages
    # The server notes a request when it gets to it: on a busy machine one noted late brings the next closer by
    # as much, so each gap is held to most of the delay and the run as a whole to all of it.
    assert min(gaps(hits)) >= CRAWL_DELAY * 0.75, gaps(hits)
    assert sum(gaps(hits)) >= len(gaps(hits)) * CRAWL_DELAY - 0.02, gaps(hits)
    assert stat(run.stderr, "filmcrawl/crawl_delay/127.0.0.1") == CRAWL_DELAY


# A delay between requests that a loopback crawl must not wait: 30 pages spaced by it would take 10 minutes, so
# the bounds below tell the two apart however busy the machine is.
LONG_DELAY = "20"


def test_crawl_of_a_loopback_site_should_not_wait_on_politeness_delays(tmp_path: Path) -> None:
    with FilmSite(titles=7) as site:
        run = crawl(site.start_url, tmp_path / "films.jsonl", "-s", f"DOWNLOAD_DELAY={LONG_DELAY}")
        hits = site.page_hits()
    assert run.returncode == 0, run.stderr[-3000:]
    assert len(hits) == 30
    assert hits[-1].at - hits[0].at < 60


def test_scrapy_crawl_should_keep_working_and_be_as_fast_on_loopback(tmp_path: Path) -> None:
    """`scrapy crawl SITE -a start_urls=... -O OUT` runs the same spider, pipelines and politeness."""
    with FilmSite(titles=7) as site:
        started = time.monotonic()
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                "imdb",
                "-a",
                f"start_urls={site.start_url}",
                "-O",
                str(tmp_path / "scrapy.jsonl"),
                "-s",
                "FILMCRAWL_ALLOW_PRIVATE_HOSTS=127.0.0.0/8",
                "-s",
                "FILMCRAWL_REPORT_ENABLED=0",
                "-s",
                f"FILMCRAWL_REJECTS_FILE={tmp_path / 'scrapy.rejects.jsonl'}",
                "-s",
                f"DOWNLOAD_DELAY={LONG_DELAY}",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        elapsed = time.monotonic() - started
    assert run.returncode == 0, run.stderr[-3000:]
    found = records(tmp_path / "scrapy.jsonl")
    assert {r["id"] for r in found if r["type"] == "film"} == {f"imdb:{title_id(n)}" for n in range(1, 8)}
    assert len([r for r in found if r["type"] == "review"]) == 14
    assert (tmp_path / "scrapy.rejects.jsonl").read_text(encoding="utf-8") == ""
    assert elapsed < 120  # not the 10 minutes the delay asks for


# --- 429 / 503: Retry-After and backoff -------------------------------------------------------------------

BACKOFF_CASES = [
    # (what the title page answers first, extra settings, smallest waits expected before each retry)
    pytest.param([Scripted(429, {"Retry-After": "2"})], (), [2.0], id="429-retry-after-seconds"),
    # An HTTP date 3 s after the answer, written in whole seconds: at least 2 s away.
    pytest.param(
        [Scripted(503, {"Retry-After": lambda: formatdate(time.time() + 3, usegmt=True)})],
        (),
        [2.0],
        id="503-retry-after-date",
    ),
    pytest.param(
        [Scripted(503), Scripted(503)],
        ("-s", "FILMCRAWL_BACKOFF_BASE_DELAY=0.5", "-s", "RETRY_TIMES=2"),
        [0.5, 1.0],
        id="503-exponential-backoff",
    ),
]


@pytest.mark.parametrize(("answers", "settings", "waits"), BACKOFF_CASES)
def test_crawl_should_pause_the_host_as_long_as_429_and_503_ask(
    tmp_path: Path, answers: list[Scripted], settings: tuple[str, ...], waits: list[float]
) -> None:
    page = f"/title/{title_id(1)}/"
    with FilmSite(titles=3) as site:
        site.script(page, *answers)
        run = crawl(site.start_url, tmp_path / "films.jsonl", *settings)
        hits = site.page_hits()
    assert run.returncode == 0, run.stderr[-3000:]
    tries = [h for h in hits if h.path == page]
    assert [h.status for h in tries] == [a.status for a in answers] + [200]
    for before, after, wait in zip(tries, tries[1:], waits):
        assert after.at - before.at >= wait - 0.05
        # The whole host pauses: nothing else is asked for meanwhile (requests already sent aside).
        assert not [h for h in hits if before.at + 0.3 < h.at < before.at + wait - 0.1], (wait, hits)
    # The page's record is in the output, complete: the retry got it.
    assert f"imdb:{title_id(1)}" in {r.get("id") for r in records(tmp_path / "films.jsonl")}
    assert stat(run.stderr, "filmcrawl/backoff/count") == len(answers)


def test_crawl_should_give_up_a_page_whose_retry_after_is_over_the_maximum(tmp_path: Path) -> None:
    page = f"/title/{title_id(1)}/"
    with FilmSite(titles=2) as site:
        site.script(page, Scripted(429, {"Retry-After": "3600"}))
        started = time.monotonic()
        run = crawl(site.start_url, tmp_path / "films.jsonl", "-s", "FILMCRAWL_BACKOFF_MAX_DELAY=1")
        elapsed = time.monotonic() - started
        tries = [h for h in site.page_hits() if h.path == page]
    assert [h.status for h in tries] == [429]
    assert elapsed < 300  # not the hour the Retry-After asks for
    assert ("http_429", f"{site.origin}{page}") in {
        (r["reason"], r["url"]) for r in records(tmp_path / "films.rejects.jsonl")
    }
    assert stat(run.stderr, "filmcrawl/backoff/gave_up_retry_after_too_long") == 1


# --- challenge pages: bounded retries with backoff ---------------------------------------------------------

CHALLENGE = (
    b'<html><head><script src="/challenge.js"></script><script>window.gokuProps = {"key": "k"}</script>'
    b"</head><body></body></html>"
)


def test_crawl_should_back_off_before_retrying_a_challenge_page(tmp_path: Path) -> None:
    page = f"/title/{title_id(1)}/"
    with FilmSite(titles=2) as site:
        site.script(page, Scripted(202, body=CHALLENGE), Scripted(202, body=CHALLENGE))
        # Two challenges in eleven answers is over the default blocked ratio: this test is about the waits.
        run = crawl(
            site.start_url,
            tmp_path / "films.jsonl",
            "-s",
            "FILMCRAWL_BACKOFF_BASE_DELAY=0.5",
            "-s",
            "FILMCRAWL_BLOCKED_RETRY_TIMES=2",
            "-s",
            "FILMCRAWL_MAX_BLOCKED_RATIO=0.5",
        )
        tries = [h for h in site.page_hits() if h.path == page]
    assert run.returncode == 0, run.stderr[-3000:]
    assert [h.status for h in tries] == [202, 202, 200]
    # 0.5 s before the first retry, doubling before the second.
    for before, after, wait in zip(tries, tries[1:], [0.5, 1.0]):
        assert after.at - before.at >= wait - 0.05
    assert f"imdb:{title_id(1)}" in {r.get("id") for r in records(tmp_path / "films.jsonl")}
    assert stat(run.stderr, "blocked/waf_challenge") == 2
