"""`filmcrawl demo`: serve the bundled sample site and crawl every site of it into out/films.jsonl."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_BELOW_THRESHOLDS, EXIT_OK


def demo_command(args: argparse.Namespace) -> int:
    from crawler.dataset.report import report_text
    from crawler.jobs.crawling import CrawlJob, format_summary, project_settings, run_jobs, summary
    from crawler.sample_site import SampleSiteServer

    out = Path(args.output)
    rejects = out.with_name("rejects.jsonl")
    with SampleSiteServer() as server:
        jobs = [CrawlJob(site, urls) for site, urls in server.start_urls().items()]
        for job in jobs:
            print(f"crawling {job.site}: {' '.join(job.start_urls)}")
        # The sample site is on 127.0.0.1: run_jobs crawls it without politeness delays (LOCAL_OVERRIDES).
        run_jobs(jobs, out, rejects, project_settings(LOG_LEVEL=args.log_level))
    print()
    print(format_summary(summary(jobs), out, rejects))
    report = report_text(out)
    if report:
        print(report)
    failures = [str(f) for job in jobs for f in job.stats.get("filmcrawl/quality_failures") or []]
    if failures:
        print(
            "filmcrawl demo: below the quality thresholds:\n" + "\n".join(f"  {f}" for f in failures), file=sys.stderr
        )
        return EXIT_BELOW_THRESHOLDS
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("demo", help="serve the bundled sample site and crawl it into out/films.jsonl")
    p.add_argument("-o", "--output", default="out/films.jsonl", help="JSON Lines output (default %(default)s)")
    p.add_argument("--log-level", default="WARNING", help="Scrapy log level (default %(default)s)")
    p.set_defaults(func=demo_command)
