"""The `filmcrawl` command. Each subcommand lives in crawler/commands/<name>.py and is a thin layer over the
machinery a crawl uses, so what `filmcrawl extract` prints for a saved page is what a crawl would write."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from crawler.commands import register_all


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="filmcrawl", description="Crawl film sites into validated JSON Lines.")
    register_all(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
