"""`filmcrawl collect SITE --redis URL`: the output of a distributed crawl (see crawler.jobs.distributed.collect).

Exit status: 0 output written (the crawl is over and its data good; or, without --wait, what was collected so
far); 2 could not run (Redis unreachable, another collect draining the crawl, --reset of a crawl not over);
3 the crawl is over and below the quality thresholds; 4 Redis went away while waiting (the output holds what
was collected until then); 130 --timeout or Ctrl-C before the crawl was over.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.core.sites import SITES

from . import EXIT_COULD_NOT_RUN


def collect_command(args: argparse.Namespace) -> int:
    from crawler.jobs.commands.crawl import parse_setting_options
    from crawler.jobs.crawling import project_settings
    from crawler.jobs.distributed.collect import collect

    try:
        options = parse_setting_options(args.set)
    except ValueError as error:
        print(f"filmcrawl collect: {error}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    settings = project_settings(**options)
    redis_url = args.redis or settings.get("REDIS_URL")
    if not redis_url:
        print("filmcrawl collect: --redis URL is needed (or -s REDIS_URL=URL)", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    return collect(
        args.site,
        redis_url,
        Path(args.output),
        settings,
        wait=args.wait,
        timeout=args.timeout or 0.0,
        clear=args.reset,
        status_only=args.status,
    )


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "collect",
        help="write the output of a distributed crawl (records in Redis) as JSON Lines",
        description="Drain the records and rejects that the workers of a distributed crawl (filmcrawl crawl SITE "
        "--redis URL) pushed to Redis, and write them as one output, merged by id like a single-process "
        "crawl's. Exit status: 0 written; 2 could not run; 3 the crawl is over and below the quality "
        "thresholds; 4 Redis went away; 130 stopped (--timeout, Ctrl-C) before the crawl was over.",
    )
    p.add_argument("site", help=f"site slug of the crawl: {', '.join(sorted(SITES))}, or reviews")
    p.add_argument("--redis", metavar="URL", help="the crawl's Redis, e.g. redis://:password@10.0.0.5:6379/0")
    p.add_argument(
        "-o",
        "--output",
        default="out/films.jsonl",
        help="JSON Lines output (default %(default)s); drained records are kept in <output>.redis/",
    )
    p.add_argument(
        "--wait",
        action="store_true",
        help="keep collecting until the crawl is over (nothing queued or in flight, no worker running)",
    )
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="with --wait: give up after SECONDS")
    p.add_argument(
        "--reset",
        action="store_true",
        help="once the crawl is over and its output written, clear its state from Redis (queue, seen "
        "set, counters) so that the next crawl of the site starts afresh",
    )
    p.add_argument("--status", action="store_true", help="print the crawl's state in Redis and exit")
    p.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="a Scrapy or filmcrawl setting")
    p.set_defaults(func=collect_command)
