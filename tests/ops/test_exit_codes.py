"""Exit codes a scheduler can act on (docs/crawling.md, "Exit status"): 0 good; 2 could not run; 3 finished below the
quality thresholds; 130 stopped before the end (tests/ops/test_resume.py)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from scrapy.settings import Settings

from crawler.jobs.commands import EXIT_BELOW_THRESHOLDS, EXIT_COULD_NOT_RUN, EXIT_INTERRUPTED, EXIT_OK
from crawler.jobs.commands.crawl import conclude
from crawler.jobs.crawling import CrawlJob, RunResult, quality_failures

from .film_site import FilmSite, Scripted, title_id
from .runs import crawl, records, run

CHALLENGE = b"<html><head><script>window.gokuProps = {}</script></head><body></body></html>"


def test_exit_codes_should_be_the_documented_numbers() -> None:
    assert (EXIT_OK, EXIT_COULD_NOT_RUN, EXIT_BELOW_THRESHOLDS, EXIT_INTERRUPTED) == (0, 2, 3, 130)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl", "nosuchsite"], "unknown site 'nosuchsite'"),
        (["crawl", "imdb", "--start-url", "ftp://127.0.0.1/list/"], "not an http(s) URL"),
        (["crawl", "imdb", "-s", "LOG_LEVEL"], "expected NAME=VALUE"),
        (["crawl"], "the following arguments are required: site"),
        (["crawl", "imdb", "--max-pages", "many"], "invalid int value"),
    ],
)
def test_bad_arguments_should_exit_2_before_crawling(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(*args, "-o", str(tmp_path / "films.jsonl"))
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "films.jsonl").exists()


@pytest.mark.parametrize(
    ("robots", "missing", "reason"),
    [
        pytest.param(None, False, "connection_refused", id="nothing-listens"),
        pytest.param(
            "User-agent: filmcrawl\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
            False,
            "robots_txt",
            id="robots-txt-forbids-us",
        ),
        pytest.param("User-agent: *\nAllow: /\n", True, "http_404", id="start-url-not-found"),
    ],
)
def test_unreachable_start_urls_should_exit_2_and_leave_the_last_output(
    tmp_path: Path, robots: str | None, missing: bool, reason: str
) -> None:
    out = tmp_path / "films.jsonl"
    out.write_text('{"last": "night"}\n', encoding="utf-8")
    if robots is None:
        result = crawl(f"http://127.0.0.1:{closed_port()}/list/ls099900048/", out)
    else:
        with FilmSite(titles=1, robots=robots) as site:
            if missing:
                site.pages.clear()
            result = crawl(site.start_url, out)
    assert result.returncode == 2, result.stderr[-3000:]
    assert "could not run: imdb: no page could be read" in result.stderr
    assert reason in result.stderr
    assert out.read_text(encoding="utf-8") == '{"last": "night"}\n'


def test_too_many_rejected_pages_should_exit_3_with_the_output_written(tmp_path: Path) -> None:
    with FilmSite(titles=5) as site:
        for number in (2, 4):
            del site.pages[f"/title/{title_id(number)}/"]
        result = crawl(site.start_url, tmp_path / "films.jsonl")
    assert result.returncode == 3, result.stderr[-3000:]
    assert "below the quality thresholds" in result.stderr
    assert "imdb reject ratio 0.13 > 0.10 (FILMCRAWL_MAX_REJECT_RATIO)" in result.stderr
    assert len([r for r in records(tmp_path / "films.jsonl") if r["type"] == "film"]) == 3
    # The same job with a looser threshold is good.
    with FilmSite(titles=5) as site:
        for number in (2, 4):
            del site.pages[f"/title/{title_id(number)}/"]
        result = crawl(site.start_url, tmp_path / "films.jsonl", "-s", "FILMCRAWL_MAX_REJECT_RATIO=0.2")
    assert result.returncode == 0, result.stderr[-3000:]


def test_too_many_blocked_answers_should_exit_3(tmp_path: Path) -> None:
    with FilmSite(titles=3) as site:
        site.script(f"/title/{title_id(1)}/", *[Scripted(202, {"Content-Type": "text/html"}, CHALLENGE)] * 3)
        result = crawl(site.start_url, tmp_path / "films.jsonl")
    assert result.returncode == 3, result.stderr[-3000:]
    assert "blocked ratio" in result.stderr and "FILMCRAWL_MAX_BLOCKED_RATIO" in result.stderr


def job(**stats: object) -> CrawlJob:
    return CrawlJob(
        "imdb",
        ["http://127.0.0.1:1/"],
        stats={"start_time": 0, "finish_reason": "finished", "filmcrawl/pages": 10, **stats},
    )


@pytest.mark.parametrize(
    ("stats", "failures"),
    [
        ({"item_scraped_count": 20}, []),
        (
            {"item_scraped_count": 20, "filmcrawl/quality_failures": ["imdb film.rating coverage 0.40 < 0.90"]},
            ["imdb film.rating coverage 0.40 < 0.90"],
        ),
        (
            {"item_scraped_count": 8, "filmcrawl/rejects/no_film_data": 2},
            ["imdb reject ratio 0.20 > 0.10 (FILMCRAWL_MAX_REJECT_RATIO)"],
        ),
        # A duplicate is a second copy of a record, a robots.txt refusal the site's wish: neither is a bad page.
        ({"item_scraped_count": 8, "filmcrawl/rejects/duplicate_film": 5, "filmcrawl/rejects/robots_txt": 5}, []),
        (
            {"item_scraped_count": 20, "blocked/captcha": 2},
            ["imdb blocked ratio 0.20 > 0.10 (FILMCRAWL_MAX_BLOCKED_RATIO)"],
        ),
    ],
)
def test_quality_failures_should_come_from_the_report_and_the_ratios(
    stats: dict[str, object], failures: list[str]
) -> None:
    settings = Settings({"FILMCRAWL_MAX_REJECT_RATIO": 0.1, "FILMCRAWL_MAX_BLOCKED_RATIO": 0.1})
    assert quality_failures(job(**stats), settings) == failures


@pytest.mark.parametrize(
    ("stats", "stopped", "code"),
    [
        ({"item_scraped_count": 20}, False, 0),
        ({"item_scraped_count": 20, "filmcrawl/quality_failures": ["imdb film.title coverage 0.5 < 1.0"]}, False, 3),
        ({"item_scraped_count": 20, "filmcrawl/quality_failures": ["imdb film.title coverage 0.5 < 1.0"]}, True, 130),
        ({"filmcrawl/pages": 0, "filmcrawl/fetch_errors/dns_error": 1}, False, 2),
    ],
)
def test_verdict_should_rank_stopped_then_could_not_run_then_thresholds(
    tmp_path: Path, stats: dict[str, object], stopped: bool, code: int
) -> None:
    result = RunResult([job(**stats)], stopped=stopped, output_written=False)
    assert (
        conclude(
            result,
            Settings({"FILMCRAWL_MAX_REJECT_RATIO": 0.1, "FILMCRAWL_MAX_BLOCKED_RATIO": 0.1}),
            tmp_path / "o.jsonl",
            tmp_path / "r.jsonl",
            command="crawl",
        )
        == code
    )
