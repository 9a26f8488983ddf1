"""Faults of the crawl runtime, served by the fault server (tests/faults/server.py): off-site redirects and links
from a mirror crawl, pages that redirect in circles, lists that never end, records a pipeline or the feed
exporter cannot take, a page that holds its crawl until a test lets it go (for concurrent jobs and kill -9).

CASES is the table of docs/faults.md ("## Crawl runtime"); test_runtime.py checks each row on real crawls.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from crawler.settings import ITEM_PIPELINES

from .server import USER, Fault, FaultHandler, FaultServer, Serve, _good, list_page


@dataclass(frozen=True)
class Case:
    slug: str
    what: str
    outcome: str


CASES: tuple[Case, ...] = (
    # concurrent jobs
    Case(
        "same-output",
        "a second crawl started on the `-o` of a running crawl",
        "refused at once, exit 2, naming the output and the PID of the running crawl; the first crawl's output "
        "is whole",
    ),
    Case(
        "same-job-folder",
        "a second crawl started on the `--resume` folder of a running crawl (another `-o`)",
        "refused at once, exit 2, naming the folder and the PID",
    ),
    Case(
        "stale-lock",
        "a lock file left by a crawl killed with SIGKILL (its PID no longer runs)",
        "taken over, said on stderr; the killed job's parts folder removed",
    ),
    # off-site on a mirror crawl
    Case(
        "redirect-real-site",
        "302 from the mirror to the real site (https://letterboxd.com/...)",
        "not followed: reject `redirect_offsite`, counted `filmcrawl/offsite/redirect`",
    ),
    Case("redirect-subdomain", "302 to a subdomain of the real site", "not followed: reject `redirect_offsite`"),
    Case("redirect-other-port", "302 to another port of 127.0.0.1", "not followed: reject `redirect_offsite`"),
    Case("refresh-other-port", "meta refresh to another port of 127.0.0.1", "not followed: reject `redirect_offsite`"),
    Case("refresh-real-site", "meta refresh to the real site", "not followed: reject `redirect_offsite`"),
    Case(
        "next-other-port",
        "a list's next link to another port of 127.0.0.1",
        "not fetched, counted `filmcrawl/offsite/link`",
    ),
    Case(
        "article-other-port",
        "an index page's article link to another port of 127.0.0.1",
        "not fetched, counted `filmcrawl/offsite/link`",
    ),
    Case(
        "sitemap-other-port",
        "a sitemap entry on another port of 127.0.0.1",
        "not fetched, counted `filmcrawl/offsite/link`",
    ),
    # pages accounted for
    Case(
        "listed-redirect-loop",
        "two listed pages redirecting to each other (302)",
        "both rejected `redirect_loop`; no page left without an outcome",
    ),
    Case("refresh-self", "a meta refresh to the page itself", "rejected `redirect_loop`"),
    Case(
        "pages-add-up",
        "every crawl of this table",
        "records + rejected + duplicate + refused + followed = pages requested (report `page_outcomes`)",
    ),
    # lists that never end
    Case(
        "next-to-itself",
        "a next link to the same list with a changing query string, same entries",
        "stopped at the first page that adds no entry, counted `filmcrawl/listing_loops`",
    ),
    Case("page-n-repeats", "`?page=N` increasing for ever, without new entries", "stopped the same way"),
    Case(
        "page-n-endless",
        "`?page=N` increasing for ever, a new film on every page",
        "stopped at FILMCRAWL_MAX_LISTING_PAGES (50 by default), counted and said in the summary",
    ),
    # records a pipeline or the exporter cannot take
    Case(
        "pipeline-raises",
        "a pipeline raising on a record",
        "the record becomes a reject named after the exception (`RuntimeError`), counted",
    ),
    Case(
        "exporter-fails",
        "a record the feed exporter cannot encode (a lone surrogate)",
        "a reject named after the exception (`UnicodeEncodeError`), written without the data that broke it",
    ),
    # files
    Case(
        "home-untouched",
        "a crawl, and a crawl killed with SIGKILL, with HOME in a temporary folder",
        "nothing written under HOME (no Scrapy remote-control token files, no telnet console)",
    ),
)


def runtime_table() -> str:
    """The "## Crawl runtime" table of docs/faults.md; print it with `python -m tests.faults.runtime`."""
    rows = ["| Case | What happens | Outcome |", "|---|---|---|"]
    rows += [f"| `{case.slug}` | {case.what} | {case.outcome} |" for case in CASES]
    return "\n".join(rows)


# --- pages -----------------------------------------------------------------------------------------------


def redirect_to(url: str) -> Serve:
    def serve(handler: FaultHandler, attempt: int) -> None:
        handler.send_page(302, b"", "text/html", {"Location": url})

    return serve


def meta_refresh_to(url: str) -> Serve:
    def serve(handler: FaultHandler, attempt: int) -> None:
        page = (
            f'<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0; url={url}">'
            f"<title>Moved</title></head><body>Moved</body></html>"
        )
        handler.send_page(200, page.encode(), "text/html; charset=utf-8")

    return serve


def good_page(handler: FaultHandler, attempt: int) -> None:
    _good(handler, handler.slug)


def gated(handler: FaultHandler, attempt: int) -> None:
    """The film page, once the test sets the server's gate: the crawl stays running until then."""
    handler.server.gate.wait(timeout=60)
    _good(handler, handler.slug)


def film(slug: str, serve: Serve) -> Fault:
    return Fault(slug, slug, serve, "", "")


def add_films(
    server: FaultServer, list_name: str, films: dict[str, Serve], *, good: list[str] = (), next_url: str | None = None
) -> str:
    """Serve `films` and a list of them (with the good films `good`) on `server`; returns the list's URL."""
    for slug, serve in films.items():
        server.httpd.films[slug] = film(slug, serve)
    server.httpd.lists[list_name] = list_page([*good, *films], next_url=next_url)
    return server.list_url(list_name)


def endless_list(name: str, entries: Any, *, parameter: str) -> tuple[str, Serve]:
    """A list at /faultlab/list/<name>/ whose every page links to a next one, `?<parameter>=N+1`;
    `entries(n)` gives the film slugs of page n."""

    def serve(handler: FaultHandler, attempt: int) -> None:
        number = int(parse_qs(urlsplit(handler.path).query).get(parameter, ["1"])[0])
        page = list_page(entries(number), next_url=f"/{USER}/list/{name}/?{parameter}={number + 1}")
        handler.send_page(200, page.encode(), "text/html; charset=utf-8")

    return f"/{USER}/list/{name}/", serve


def sitemap(urls: list[str]) -> Serve:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{url}</loc></url>" for url in urls)
        + "</urlset>"
    )

    def serve(handler: FaultHandler, attempt: int) -> None:
        handler.send_page(200, body.encode(), "application/xml")

    return serve


def blog_index(links: list[str]) -> Serve:
    items = "".join(f'<li><a href="{link}">A review</a></li>' for link in links)
    body = (
        f"<!DOCTYPE html><html><head><title>Film blog</title></head><body><main><ul>{items}</ul></main></body></html>"
    )

    def serve(handler: FaultHandler, attempt: int) -> None:
        handler.send_page(200, body.encode(), "text/html; charset=utf-8")

    return serve


def html(text: str) -> Serve:
    def serve(handler: FaultHandler, attempt: int) -> None:
        handler.send_page(200, text.encode(), "text/html; charset=utf-8")

    return serve


# --- pipelines that break a record (tests/faults/pipelines.py), set with -s ITEM_PIPELINES ------------------


def pipelines_setting() -> str:
    pipelines = {
        **ITEM_PIPELINES,
        "tests.faults.pipelines.RaisingPipeline": 500,
        "tests.faults.pipelines.UnencodableTitlePipeline": 600,
    }
    return "ITEM_PIPELINES=" + json.dumps(pipelines)


if __name__ == "__main__":
    print(runtime_table())
