"""`filmcrawl sample-site`: serve the bundled sample site on 127.0.0.1 and print each site's start URLs."""

from __future__ import annotations

import argparse
import sys
import time

from . import EXIT_COULD_NOT_RUN, EXIT_OK


def sample_site_command(args: argparse.Namespace) -> int:
    from crawler.sample_site import SampleSiteServer

    try:
        server = SampleSiteServer(base_port=args.port, host=args.host)
    except OSError as error:
        print(
            f"filmcrawl sample-site: cannot listen on {args.host} from port {args.port}: {error.strerror}; "
            "try another --port, or --port 0 for free ports",
            file=sys.stderr,
        )
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


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("sample-site", help="serve the bundled sample site on 127.0.0.1 and print start URLs")
    p.add_argument(
        "--port",
        type=int,
        default=8800,
        help="first port; each site takes the next; 0 picks free ports (default %(default)s)",
    )
    p.add_argument("--host", default="127.0.0.1", help=argparse.SUPPRESS)
    p.set_defaults(func=sample_site_command)
