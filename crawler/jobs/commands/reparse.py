"""`filmcrawl reparse CACHE_DIR -o OUT`: rebuild a job's dataset from the pages it stored, with today's parsers.

The job's crawl is replayed from its recorded start URLs (crawler.runtime.cache.CacheManifest) through the same
spider, parsers and pipelines, every request answered from the HTTP cache and none sent to the network
(crawler.runtime.cache.replay_settings): when a parser is fixed, last night's output is rebuilt in minutes. Sub-pages
are merged and links followed exactly as in the crawl; a page the crawl did not store is dropped and counted
(httpcache/ignore). Exit status as for `filmcrawl crawl`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import EXIT_COULD_NOT_RUN
from .crawl import conclude, parse_setting_options


def reparse_command(args: argparse.Namespace) -> int:
    from scrapy.spiderloader import SpiderLoader

    from crawler.jobs.crawling import CrawlJob, project_settings, run_jobs
    from crawler.runtime.cache import replay_settings, stored_jobs

    try:
        options = parse_setting_options(args.set)
    except ValueError as error:
        print(f"filmcrawl reparse: {error}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    cache_dir = Path(args.cache_dir)
    stored = (
        [job for job in stored_jobs(cache_dir) if not args.site or job.site in args.site] if cache_dir.is_dir() else []
    )
    if not stored:
        print(
            f"filmcrawl reparse: no stored job in {cache_dir} (a `filmcrawl crawl` cache folder, or one site's "
            "folder in it, holding filmcrawl-job.json)",
            file=sys.stderr,
        )
        return EXIT_COULD_NOT_RUN
    if len({job.folder.parent for job in stored}) > 1:
        print(f"filmcrawl reparse: {cache_dir} mixes several caches; give one", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    overrides: dict[str, Any] = dict(replay_settings(stored[0].folder.parent))
    if args.log_level:
        overrides["LOG_LEVEL"] = args.log_level
    overrides.update(options)
    settings = project_settings(**overrides)
    # The replay fetches nothing, so there is no boundary to guard, and the boundaries check would resolve
    # the stored pages' host names: the one network access a replay would make.
    middlewares = dict(settings.getdict("DOWNLOADER_MIDDLEWARES"))
    middlewares["crawler.runtime.middlewares.boundaries.BoundariesMiddleware"] = None
    settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority="cmdline")
    known = set(SpiderLoader.from_settings(settings).list())
    if unknown := [job.site for job in stored if job.site not in known]:
        print(f"filmcrawl reparse: no spider for {', '.join(unknown)}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    for job in stored:
        print(f"replaying {job.site}: {job.pages} stored pages, from {' '.join(job.start_urls) or 'its default start'}")
    out = Path(args.output)
    rejects = out.with_name(out.stem + ".rejects.jsonl")
    jobs = [CrawlJob(job.site, job.start_urls) for job in stored]
    result = run_jobs(jobs, out, rejects, settings)
    return conclude(result, settings, out, rejects, command="reparse")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "reparse",
        help="rebuild a job's output from its HTTP cache, without the network",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    p.add_argument("cache_dir", metavar="CACHE_DIR", help="the job's HTTP cache folder (crawl --cache), or one site's")
    p.add_argument("-o", "--output", default="out/films.jsonl", help="JSON Lines output (default %(default)s)")
    p.add_argument("--site", action="append", metavar="SITE", help="only this site's stored job (repeatable)")
    p.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="a Scrapy or filmcrawl setting")
    p.add_argument("--log-level", metavar="LEVEL", help="Scrapy log level (default INFO)")
    p.set_defaults(func=reparse_command)
