"""Subcommands that run crawls or serve pages: crawl, demo, sample-site."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from crawler.sites import SITES

EXIT_OK = 0
EXIT_COULD_NOT_RUN = 2


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


def demo_command(args: argparse.Namespace) -> int:
    from crawler.crawling import LOCAL_OVERRIDES, CrawlJob, format_summary, project_settings, run_jobs, summary
    from crawler.sample_site import SampleSiteServer

    out = Path(args.output)
    rejects = out.with_name("rejects.jsonl")
    with SampleSiteServer() as server:
        jobs = [CrawlJob(site, urls) for site, urls in server.start_urls().items()]
        for job in jobs:
            print(f"crawling {job.site}: {' '.join(job.start_urls)}")
        run_jobs(jobs, out, rejects, project_settings(LOG_LEVEL=args.log_level, **LOCAL_OVERRIDES))
    print()
    print(format_summary(summary(jobs), out, rejects))
    return EXIT_OK


def sample_site_command(args: argparse.Namespace) -> int:
    from crawler.sample_site import SampleSiteServer

    try:
        server = SampleSiteServer(base_port=args.port, host=args.host)
    except OSError as error:
        print(f"filmcrawl sample-site: cannot listen on {args.host} from port {args.port}: {error.strerror}; "
              "try another --port, or --port 0 for free ports", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    with server:
        for site, urls in server.start_urls().items():
            for url in urls:
                print(f"{site:18s} {url}", flush=True)
        print("serving until interrupted (Ctrl-C)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return EXIT_OK


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = commands.add_parser("crawl", help="crawl one site (or a mirror of it) into JSON Lines")
    p.add_argument("site", help=f"site slug: {', '.join(sorted(SITES))}, or reviews")
    p.add_argument("--start-url", action="append", metavar="URL", help="where to start (repeatable)")
    p.add_argument("-o", "--output", default="out/films.jsonl", help="JSON Lines output (default %(default)s)")
    p.add_argument("--max-pages", type=int, metavar="N", help="stop after N responses")
    p.add_argument("--local", action="store_true", help="the start URLs are on this machine: no politeness delays")
    p.set_defaults(func=crawl_command)

    p = commands.add_parser("demo", help="serve the bundled sample site and crawl it into out/films.jsonl")
    p.add_argument("-o", "--output", default="out/films.jsonl", help="JSON Lines output (default %(default)s)")
    p.add_argument("--log-level", default="WARNING", help="Scrapy log level (default %(default)s)")
    p.set_defaults(func=demo_command)

    p = commands.add_parser("sample-site", help="serve the bundled sample site on 127.0.0.1 and print start URLs")
    p.add_argument("--port", type=int, default=8800,
                   help="first port; each site takes the next; 0 picks free ports (default %(default)s)")
    p.add_argument("--host", default="127.0.0.1", help=argparse.SUPPRESS)
    p.set_defaults(func=sample_site_command)
