"""Merge conflicts are one count everywhere: a crawl of the sample IMDb site, whose release-info page names the
1948 film by its German title and whose reviews page shows a review's text cut short, counts them in Scrapy's
stats, and the job's report and printed summary give the same figures."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from crawler.dataset.report import combine_reports, merge_conflicts
from crawler.sample_site import SampleSiteServer

ROOT = Path(__file__).resolve().parents[2]
CRAWL_TIMEOUT_SECONDS = 60


def stats_dump(stderr: str) -> dict[str, object]:
    """The stats Scrapy dumps at the end of the log."""
    dump = stderr[stderr.rindex("Dumping Scrapy stats:") :]
    body = dump[dump.index("{") : dump.index("}\n") + 1]
    return ast.literal_eval(re.sub(r"datetime\.datetime\([^)]*\)", "None", body))


def test_a_crawl_should_report_its_merge_conflicts_as_its_stats_count_them(tmp_path: Path) -> None:
    out = tmp_path / "films.jsonl"
    with SampleSiteServer() as server:
        (start,) = server.start_urls()["imdb"]
        run = subprocess.run(
            [sys.executable, "-m", "crawler", "crawl", "imdb", "--start-url", start, "-o", str(out), "--no-cache"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=CRAWL_TIMEOUT_SECONDS,
            check=False,
        )
    assert run.returncode == 0, run.stderr[-3000:]
    counted = merge_conflicts(stats_dump(run.stderr))
    assert counted == {"film.title": 1, "review.text": 1}
    report = json.loads(out.with_name("films.report.json").read_text(encoding="utf-8"))
    assert report["merge_conflicts"] == counted
    assert "2 conflicting value(s) kept from the first (film.title 1, review.text 1)" in run.stdout


def test_conflicts_of_the_crawl_and_of_the_output_step_should_add_up() -> None:
    crawl_reports = [{"merge_conflicts": {"film.title": 1}}, {"merge_conflicts": {"film.title": 2, "film.year": 1}}]
    assert Counter(combine_reports(crawl_reports)["merge_conflicts"]) == Counter({"film.title": 3, "film.year": 1})


def test_stats_keys_should_name_type_and_field() -> None:
    stats = {
        "filmcrawl/merge_conflicts/film/certificate.code": 2,
        "filmcrawl/pages": 9,
        "filmcrawl/merge_conflicts/review/text": 1,
    }
    assert merge_conflicts(stats) == {"film.certificate.code": 2, "review.text": 1}
