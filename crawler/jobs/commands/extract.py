"""`filmcrawl extract PAGE...`: the crawl's parsing and validation on saved pages, JSON Lines on stdout.

Each page is read with the URL it was fetched from, when known: `--url URL` for a single page, `PAGE=URL`
arguments, or a manifest (`--manifest FILE`) pairing pages with URLs. A page's URL decides its site and its
record ids, so one URL is never given to several pages; a page whose own canonical link names another page
than its URL is read with the URL given and a warning.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pydantic import ValidationError

from crawler.core.decoding import decode_page
from crawler.core.extraction import extract, resolve_site, selector_of
from crawler.core.parsers.errors import PageError
from crawler.core.parsers.page import Page
from crawler.core.plausibility import check_record
from crawler.core.saved import original_url
from crawler.core.sites import site_for_host
from crawler.settings import DOWNLOAD_MAXSIZE
from schemas import UnknownRecordType, to_json_dict, validate_record

from . import EXIT_COULD_NOT_RUN, EXIT_FAILED_PAGES, EXIT_OK, site_argument

# "PAGE=URL": the first "=" followed by an http(s) URL; a file name holding "=" alone stays a file name.
_PAGE_WITH_URL = re.compile(r"^(?P<page>.+?)=(?P<url>https?://\S+)$")


@dataclass(frozen=True)
class PageInput:
    path: Path
    url: str | None


class InputError(ValueError):
    """Pages and URLs that cannot be paired: nothing is extracted."""


def page_inputs(pages: list[str], *, url: str | None, manifest: str | None) -> list[PageInput]:
    """The pages to read with their URLs, from PAGE / PAGE=URL arguments, --url and --manifest."""
    inputs = []
    for argument in pages:
        match = _PAGE_WITH_URL.match(argument)
        inputs.append(PageInput(Path(match["page"]), match["url"]) if match else PageInput(Path(argument), None))
    if manifest:
        inputs += read_manifest(Path(manifest))
    if not inputs:
        raise InputError("no page given: name pages (PAGE or PAGE=URL) or a --manifest FILE")
    if url is not None:
        if len(inputs) > 1:
            raise InputError(
                f"--url gives one URL for {len(inputs)} pages, which would give them all its ids; "
                "pair each page with its URL: PAGE=URL arguments or --manifest FILE"
            )
        if inputs[0].url is not None and inputs[0].url != url:
            raise InputError(f"{inputs[0].path}: two URLs given ({inputs[0].url} and --url {url})")
        inputs = [PageInput(inputs[0].path, url)]
    return inputs


def read_manifest(path: Path) -> list[PageInput]:
    """Pages and URLs listed in a manifest: lines "PAGE URL" (blank lines and "#" comments skipped), or JSON:
    {"PAGE": "URL", ...} or [{"page": PAGE, "url": URL}, ...] ("file" may stand for "page"). Relative page
    paths are read from the manifest's folder."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"--manifest {path}: cannot read: {getattr(error, 'strerror', None) or error}") from None
    pairs: list[tuple[object, object]]
    if text.lstrip().startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"--manifest {path}: not JSON ({error.msg}, line {error.lineno})") from None
        if isinstance(data, dict):
            pairs = list(data.items())
        else:
            pairs = [
                (item.get("page", item.get("file")), item.get("url")) if isinstance(item, dict) else (None, None)
                for item in data
            ]
    else:
        pairs = []
        for line_no, line in enumerate(text.splitlines(), 1):
            fields = line.split("#", 1)[0].split() if not line.lstrip().startswith("#") else []
            if not fields:
                continue
            if len(fields) != 2:
                raise InputError(f"--manifest {path}:{line_no}: expected 'PAGE URL'")
            pairs.append((fields[0], fields[1]))
    inputs = []
    for number, (page, url) in enumerate(pairs, 1):
        if not isinstance(page, str) or not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
            raise InputError(f"--manifest {path}: entry {number}: expected a page path and an http(s) URL")
        inputs.append(PageInput(path.parent / page, url))
    return inputs


def _comparable(url: str) -> tuple[str, str]:
    """The site (a known site's slug, whatever its host: akas.imdb.com is www.imdb.com; else the host without
    "www."/"m.") and the path without its trailing slash, for telling two pages apart."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    known = site_for_host(host)
    return (known.slug if known else re.sub(r"^(www|m)\.", "", host)), unquote(parts.path).rstrip("/").lower()


def canonical_disagreement(canonical: str | None, url: str) -> bool:
    """True when a page's canonical URL names another page than the URL it was given. A sub-page of the
    canonical page (".../fullcredits" of a title) or the page itself on another scheme agrees."""
    if not canonical:
        return False
    # A web archive's capture names the captured page, by its archive URL or its own.
    canonical, url = original_url(canonical), original_url(url)
    (own_host, own_path), (given_host, given_path) = _comparable(canonical), _comparable(url)
    if own_host != given_host:
        return True
    return not (
        given_path == own_path or given_path.startswith(own_path + "/") or own_path.startswith(given_path + "/")
    )


def _validation_summary(error: ValidationError) -> str:
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(p) for p in item["loc"]) or "record"
        parts.append(f"{where}: {item['msg']}")
    more = len(error.errors()) - 5
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


@contextmanager
def _stopped_at_once_by_ctrl_c() -> Iterator[None]:
    """Ctrl-C ends the process at once, also inside a long parse or query in C, where Python would raise
    KeyboardInterrupt only once the call returns. Every finished page's records are flushed before the next
    page is read, so nothing already printed is lost."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def extract_command(args: argparse.Namespace) -> int:
    try:
        inputs = page_inputs(args.pages, url=args.url, manifest=args.manifest)
    except InputError as error:
        print(f"filmcrawl extract: {error}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    with _stopped_at_once_by_ctrl_c():
        return _extract_pages(inputs, args)


def _extract_pages(inputs: list[PageInput], args: argparse.Namespace) -> int:
    failures = 0
    scraped_at = datetime.now(UTC)
    out = sys.stdout
    for page in inputs:
        path = page.path
        try:
            size = path.stat().st_size
            if args.max_size and size > args.max_size:
                print(
                    f"{path}: {size:,} bytes, over the size cap of {args.max_size:,} bytes that a crawl "
                    f"also applies (--max-size 0 reads it anyway)",
                    file=sys.stderr,
                )
                failures += 1
                continue
            body = path.read_bytes()
        except OSError as error:
            print(f"{path}: cannot read: {error.strerror}", file=sys.stderr)
            failures += 1
            continue
        decoded = decode_page(body)
        if decoded.replaced:
            print(
                f"{path}: warning: {decoded.replaced} characters did not decode as {decoded.encoding} and were "
                "replaced with U+FFFD",
                file=sys.stderr,
            )
        sel = selector_of(decoded.text, utf8=decoded.utf8_body)
        if page.url and sel.type == "html":
            canonical = Page(sel, page.url).canonical_url
            if canonical_disagreement(canonical, page.url):
                print(
                    f"{path}: warning: the page's canonical URL {canonical} is not the URL given, {page.url} "
                    "(read with the URL given)",
                    file=sys.stderr,
                )
        site, url = resolve_site(sel, url=page.url, site=args.site)
        try:
            extraction = extract(sel, url=url, site=site, scraped_at=scraped_at)
        except PageError as error:
            print(f"{path}: {type(error).__name__}: {error}", file=sys.stderr)
            failures += 1
            continue
        page_failed = False
        for record in extraction.records:
            checked = check_record(record)
            for finding in checked.findings:
                print(
                    f"{path}: warning: {finding.field} {'cut' if finding.reason == 'cut' else 'left out'}: "
                    f"{finding.why}",
                    file=sys.stderr,
                )
            try:
                model = validate_record(checked.record)
            except (ValidationError, UnknownRecordType) as error:
                detail = _validation_summary(error) if isinstance(error, ValidationError) else str(error)
                print(f"{path}: invalid {record.get('type', 'record')} record: {detail}", file=sys.stderr)
                page_failed = True
                continue
            out.write(json.dumps(to_json_dict(model), ensure_ascii=False) + "\n")
        out.flush()
        failures += page_failed
    return EXIT_FAILED_PAGES if failures else EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "extract",
        help="parse saved pages and print their records as JSON Lines",
        description="Parse saved pages with the crawl's parsers and validation; print their "
        "records as JSON Lines. Exit status: 0 every page gave valid records; "
        "1 some page gave none; 2 could not run (bad arguments).",
    )
    p.add_argument(
        "pages",
        nargs="*",
        metavar="PAGE[=URL]",
        help="saved HTML page or API response, optionally with the URL it was fetched from",
    )
    p.add_argument(
        "--url",
        help="the URL the page was fetched from (one page only: it picks the site and the "
        "record ids, and resolves links)",
    )
    p.add_argument(
        "--manifest",
        metavar="FILE",
        help="pages and their URLs: lines 'PAGE URL', or JSON {PAGE: URL} or [{page, url}]",
    )
    p.add_argument(
        "--site",
        type=site_argument,
        metavar="SITE",
        help="site slug whose parsers to use (default: from the URL or the page itself); "
        "'generic' forces the schema.org parser",
    )
    p.add_argument(
        "--max-size",
        type=int,
        default=DOWNLOAD_MAXSIZE,
        metavar="BYTES",
        help="refuse pages larger than this, as a crawl does (default %(default)s, the crawl's "
        "DOWNLOAD_MAXSIZE); 0 reads pages of any size",
    )
    p.set_defaults(func=extract_command)
