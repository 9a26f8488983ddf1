"""`filmcrawl crawl SITE`: crawl one site, or a mirror of it, into JSON Lines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.sites import SITES

from . import EXIT_COULD_NOT_RUN, EXIT_OK


def crawl_command(args: argparse.Namespace) -> int:
    from scrapy.spiderloader import SpiderLoader

    from crawler.crawling import LOCAL_OVERRIDES, CrawlJob, format_summary, project_settings, run_jobs, summary

    overrides: dict[str, object] = {}
    if args.max_pages:
        overrides["CLOSESPIDER_PAGECOUNT"] = args.max_pages
    if args.local:
        overrides.update(LOCAL_OVERRIDES)
    settings = project_settings(**overrides)
    if args.site not in SpiderLoader.from_settings(settings).list():
        print(f"filmcrawl crawl: unknown site {args.site!r}; known: {', '.join(sorted(SITES))}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    out = Path(args.output)
    rejects = out.with_name(out.stem + ".rejects.jsonl")
    jobs = [CrawlJob(args.site, args.start_url or [])]
    run_jobs(jobs, out, rejects, settings)
    print(format_summary(summary(jobs), out, rejects))
    return EXIT_OK


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = commands.add_parser("crawl", help="crawl one site (or a mirror of it) into JSON Lines")
    p.add_argument("site", help=f"site slug: {', '.join(sorted(SITES))}, or reviews")
    p.add_argument("--start-url", action="append", metavar="URL", help="where to start (repeatable)")
    p.add_argument("-o", "--output", default="out/films.jsonl", help="JSON Lines output (default %(default)s)")
    p.add_argument("--max-pages", type=int, metavar="N", help="stop after N responses")
    p.add_argument("--local", action="store_true", help="the start URLs are on this machine: no politeness delays")
    p.set_defaults(func=crawl_command)
