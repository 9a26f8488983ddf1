"""`filmcrawl crawl SITE`: crawl one site, or a mirror of it, into JSON Lines, as an unattended job would.

The exit status tells a scheduler whether the night's data can be trusted (see crawler.jobs.commands):
0 finished and good; 2 could not run (bad arguments, unknown site, no start URL could be read); 3 finished
below the quality thresholds; 4 (a worker of a distributed crawl, `--redis`) Redis went away mid-crawl; 130
stopped before the end (run the same command again with `--resume DIR`, or the worker again, to continue).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from crawler.core.sites import SITES

from . import EXIT_BELOW_THRESHOLDS, EXIT_COULD_NOT_RUN, EXIT_INTERRUPTED, EXIT_OK

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

    from crawler.jobs.crawling import RunResult


def parse_setting_options(items: list[str] | None) -> dict[str, str]:
    """`-s NAME=VALUE` options as a dict; ValueError names the malformed one."""
    settings: dict[str, str] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"-s {item!r}: expected NAME=VALUE")
        settings[name.strip()] = value
    return settings


def bad_start_urls(urls: list[str]) -> list[str]:
    return [u for u in urls if urlsplit(u).scheme not in ("http", "https") or not urlsplit(u).hostname]


def conclude(
    result: RunResult, settings: BaseSettings, out: Path, rejects: Path, *, command: str, resume_dir: Path | None = None
) -> int:
    """Print the summary and the verdict; return the exit status."""
    from crawler.dataset.report import report_text
    from crawler.jobs.crawling import could_not_run, format_summary, quality_failures, summary

    problems = [problem for job in result.jobs if (problem := could_not_run(job))]
    if result.output_written:
        print(format_summary(summary(result.jobs), out, rejects))
        report = report_text(out)
        if report:
            print(report)
    if result.stopped:
        if result.output_written:
            print("stopped before the end: the output holds what was crawled until then")
        else:
            pages = sum(int(job.stats.get("filmcrawl/pages", 0)) for job in result.jobs)
            print(
                f"stopped before the end after {pages} pages; run the same command again to continue "
                f"(job state in {resume_dir})"
            )
        return EXIT_INTERRUPTED
    if problems and len(problems) == len(result.jobs):
        for problem in problems:
            print(f"filmcrawl {command}: could not run: {problem}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    failures = [*problems, *(failure for job in result.jobs for failure in quality_failures(job, settings))]
    if failures:
        print(f"filmcrawl {command}: below the quality thresholds:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return EXIT_BELOW_THRESHOLDS
    return EXIT_OK


def crawl_command(args: argparse.Namespace) -> int:
    from scrapy.spiderloader import SpiderLoader

    from crawler.jobs.crawling import CrawlJob, project_settings, run_jobs
    from crawler.jobs.resume import JobMismatch

    try:
        options = parse_setting_options(args.set)
    except ValueError as error:
        print(f"filmcrawl crawl: {error}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    start_urls: list[str] = args.start_url or []
    if bad := bad_start_urls(start_urls):
        print(f"filmcrawl crawl: not an http(s) URL: {' '.join(bad)}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    out = Path(args.output)
    rejects = out.with_name(out.stem + ".rejects.jsonl")
    overrides: dict[str, Any] = {}
    if args.max_pages:
        overrides["FILMCRAWL_MAX_PAGES"] = args.max_pages
    if args.log_level:
        overrides["LOG_LEVEL"] = args.log_level
    if not args.no_cache:
        cache = Path(args.cache) if args.cache else out.parent / "httpcache"
        overrides.update(HTTPCACHE_ENABLED=True, HTTPCACHE_DIR=str(cache.resolve()))
    overrides.update(options)  # -s NAME=VALUE wins over everything above
    settings = project_settings(**overrides)
    if args.site not in SpiderLoader.from_settings(settings).list():
        print(
            f"filmcrawl crawl: unknown site {args.site!r}; known: {', '.join(sorted(SITES))}, reviews", file=sys.stderr
        )
        return EXIT_COULD_NOT_RUN
    redis_url = args.redis or settings.get("REDIS_URL")
    if redis_url:  # a worker of a distributed crawl: queue, seen set and records in Redis (crawler.jobs.distributed)
        from crawler.jobs.distributed.worker import run_worker

        return run_worker(args.site, start_urls, settings, redis_url=redis_url, resume=args.resume)
    resume_dir = Path(args.resume).resolve() if args.resume else None
    jobs = [CrawlJob(args.site, start_urls)]
    try:
        result = run_jobs(jobs, out, rejects, settings, resume_dir=resume_dir)
    except JobMismatch as error:
        print(f"filmcrawl crawl: {error}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    return conclude(result, settings, out, rejects, command="crawl", resume_dir=resume_dir)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "crawl",
        help="crawl one site (or a mirror of it) into JSON Lines",
        description="Crawl one site (or a mirror or test server of it) into JSON Lines. Exit status: 0 good; "
        "2 could not run; 3 finished below the quality thresholds; 4 Redis went away (a --redis "
        "worker: run it again once Redis is back); 130 stopped before the end.",
    )
    p.add_argument("site", help=f"site slug: {', '.join(sorted(SITES))}, or reviews")
    p.add_argument(
        "--start-url",
        action="append",
        metavar="URL",
        help="where to start (repeatable); another host is crawled as a mirror of the site",
    )
    p.add_argument("-o", "--output", default="out/films.jsonl", help="JSON Lines output (default %(default)s)")
    p.add_argument(
        "--max-pages",
        type=int,
        metavar="N",
        help="fetch at most N pages; titles whose sub-pages are cut are written with what was read",
    )
    p.add_argument(
        "--resume",
        metavar="DIR",
        help="keep the job's state in DIR: a stopped job continues where it stopped when the same "
        "command runs again; DIR is emptied when the job finishes",
    )
    p.add_argument(
        "--cache",
        metavar="DIR",
        help="HTTP cache folder, revalidated on the next run (default: httpcache beside the output)",
    )
    p.add_argument("--no-cache", action="store_true", help="do not store pages (nothing to revalidate or reparse)")
    p.add_argument(
        "--redis",
        metavar="URL",
        help="run as one worker of a distributed crawl sharing its queue through this Redis "
        "(redis://[:password@]host:port/db); `filmcrawl collect` writes the output",
    )
    p.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="a Scrapy or filmcrawl setting")
    p.add_argument("--log-level", metavar="LEVEL", help="Scrapy log level (default INFO)")
    # Loopback start URLs are recognised by themselves now; the flag stays accepted for existing scripts.
    p.add_argument("--local", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=crawl_command)
