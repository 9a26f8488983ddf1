"""`FilmSiteSpider`: routing shared by every site's spider. Parsing is done by crawler.extraction.

A site spider says where to start and which links of its records to follow; this base class turns each
response into records through the same extraction path as `filmcrawl extract`, yields them as items, and
yields a Reject for every page that gives none, so nothing leaves the crawl uncounted.

Sub-pages of a film (credits, release dates...) are fetched one after another with the partial film record
carried along, and the film is emitted once, merged (crawler.merge): one film record per title without
holding every film of the job in memory.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime, timezone
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

import scrapy
from parsel import Selector
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.drift import count_reading
from crawler.extraction import Extraction, extract, selector_for
from crawler.fetch_errors import fetch_error_detail, fetch_error_reason
from crawler.merge import merge_records
from crawler.middlewares.boundaries import refused_without_page
from crawler.middlewares.backoff import PAUSE_HOST_META
from crawler.parsers.errors import BlockedPage, PageError
from crawler.rejects import Reject
from crawler.sites import SITES


NEXT_PAGE_PRIORITY = -1
SUBPAGE_PRIORITY = 1


def split_urls(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [u for u in re.split(r"[\s,]+", value) if u]
    return [u for u in value if u]


class FilmSiteSpider(scrapy.Spider):
    """Base of the site spiders. `name` is the site slug; `-a start_urls=URL[,URL...]` overrides the start."""

    default_start_urls: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, start_urls: str | list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start_urls = split_urls(start_urls) or list(self.default_start_urls)
        site_hosts = SITES[self.name].hosts if self.name in SITES else ()
        start_hosts = [urlsplit(u).hostname or "" for u in self.start_urls]
        self.allowed_domains = sorted({*site_hosts, *(h for h in start_hosts if h)})
        # Start URLs on another host are a mirror of the site (the sample site, a test server): links to the
        # real site's hosts are followed on the mirror, never on the real site.
        mirrors = [u for u in self.start_urls
                   if not any((urlsplit(u).hostname or "").endswith(h) for h in site_hosts)]
        self.mirror_origin = urlsplit(mirrors[0])[:2] if mirrors else None
        self.site_hosts = site_hosts

    # --- routing hooks for site spiders ----------------------------------------------------------------

    @property
    def parser_site(self) -> str:
        """Whose parsers read the responses: the spider's own site by default."""
        return self.name

    def subpages(self, film: dict[str, Any], response: Response) -> list[str]:
        """URLs of sub-pages whose records merge into `film`, read from `response` (none by default)."""
        return []

    def follow_links(self, extraction: Extraction, response: Response) -> Iterator[str]:
        """URLs to crawl next from a page's records: listing entries and next pages by default."""
        for record in extraction.records:
            if record["type"] == "listing":
                for entry in record.get("entries", []):
                    if entry.get("url"):
                        yield entry["url"]
                if record.get("next_url"):
                    yield record["next_url"]

    # --- machinery ---------------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.on_error)

    def local_url(self, url: str) -> str:
        """`url`, moved onto the mirror when crawling one."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        if self.mirror_origin and any(host == h or host.endswith("." + h) for h in self.site_hosts):
            return urlunsplit((*self.mirror_origin, parts.path, parts.query, ""))
        return url

    def selector(self, response: Response) -> Selector | None:
        if not isinstance(response, TextResponse):
            return None
        if isinstance(response, scrapy.http.HtmlResponse):
            return response.selector
        return selector_for(response.body, content_type=response.headers.get("Content-Type", b"").decode("latin-1"))

    def read(self, response: Response) -> Extraction | Reject | scrapy.Request:
        """Records of a response, a Reject saying why there are none, or a retry of a blocked page."""
        self.crawler.stats.inc_value("filmcrawl/pages")
        sel = self.selector(response)
        if sel is None:
            return Reject(url=response.url, site=self.name, stage="parse", reason="not_text",
                          detail=f"{response.headers.get('Content-Type', b'?').decode('latin-1')} body is not a page")
        try:
            extraction = extract(sel, url=response.url, site=self.parser_site, scraped_at=datetime.now(timezone.utc),
                                 status=response.status)
            count_reading(self.crawler.stats, extraction.site, extraction.page_type, extraction.records)
            return extraction
        except BlockedPage as error:
            self.crawler.stats.inc_value(f"blocked/{error.reason}")
            retry = get_retry_request(response.request, spider=self, reason=f"blocked/{error.reason}",
                                      max_retry_times=self.settings.getint("FILMCRAWL_BLOCKED_RETRY_TIMES"))
            if retry is not None:
                retry.meta[PAUSE_HOST_META] = True  # back off before asking again
                retry.meta.pop("download_latency", None)  # the blocked answer's, not the retry's
                return retry
            self.crawler.stats.inc_value("filmcrawl/blocked_pages")
            return Reject(url=response.url, site=self.name, stage="fetch", reason=f"blocked_{error.reason}",
                          detail=str(error))
        except PageError as error:
            if response.status >= 400:
                # An error status let through (403) whose page is no film page: the status is why, not the layout.
                self.crawler.stats.inc_value(f"filmcrawl/fetch_errors/http_{response.status}")
                return Reject(url=response.url, site=self.name, stage="fetch", reason=f"http_{response.status}",
                              detail=f"{response.status} answer without film data ({error})")
            return Reject(url=response.url, site=self.name, stage=error.stage, reason=error.reason,
                          detail=error.detail or str(error))

    def parse(self, response: Response, merged_film: str | None = None, **_: Any) -> Iterator[Any]:
        result = self.read(response)
        if not isinstance(result, Extraction):
            yield result
            return
        records = [r for r in result.records if not (r["type"] == "film" and r["id"] == merged_film)]
        if len(records) < len(result.records):
            self.crawler.stats.inc_value("filmcrawl/film_summaries_already_merged")
        chains = [(r, self.subpages(r, response)) for r in records if r["type"] == "film"]
        chains = [(film, urls) for film, urls in chains if urls]
        if len(chains) == 1 and sum(r["type"] == "film" for r in records) == 1:
            # One title's page: its records travel with the chain, so a review shown on the title page and
            # again on the reviews page becomes one record, merged like the film.
            film, urls = chains[0]
            yield from (r for r in records if "id" not in r)
            yield self.subpage_request(film["id"], {_key(r): r for r in records if "id" in r}, urls)
        else:
            chained = {id(film) for film, _ in chains}
            yield from (r for r in records if id(r) not in chained)
            for film, urls in chains:
                yield self.subpage_request(film["id"], {_key(film): film}, urls)
        yield from self.requests_for(self.follow_links(result, response), self.next_pages(result, response))

    def next_pages(self, extraction: Extraction, response: Response) -> dict[str, int]:
        """The listing's next page URL with its page number (the start page is page 1)."""
        number = response.meta.get("listing_page", 1) + 1
        return {r["next_url"]: number for r in extraction.records if r["type"] == "listing" and r.get("next_url")}

    def requests_for(self, urls: Iterable[str], next_pages: dict[str, int] | None = None) -> Iterator[scrapy.Request]:
        limit = self.settings.getint("FILMCRAWL_MAX_LISTING_PAGES")
        for url in urls:
            meta = {}
            if next_pages and url in next_pages:
                if limit and next_pages[url] > limit:
                    self.crawler.stats.inc_value("filmcrawl/listing_pages_beyond_limit")
                    continue
                meta["listing_page"] = next_pages[url]
            # A listing's next page waits for the titles already found: the queue (and memory) then holds
            # one page of a listing at a time instead of the whole site's frontier.
            priority = NEXT_PAGE_PRIORITY if "listing_page" in meta else 0
            yield scrapy.Request(self.local_url(url), callback=self.parse, errback=self.on_error, meta=meta,
                                 priority=priority)

    def subpage_request(self, film_id: str, held: dict[str, dict[str, Any]], remaining: list[str]) -> scrapy.Request:
        # Sub-pages go first: a chain holds its title's records until its last sub-page is read.
        return scrapy.Request(self.local_url(remaining[0]), callback=self.parse_subpage,
                              errback=self.on_subpage_error, dont_filter=True, priority=SUBPAGE_PRIORITY,
                              cb_kwargs={"film_id": film_id, "held": held, "remaining": remaining[1:]})

    def parse_subpage(self, response: Response, film_id: str, held: dict[str, dict[str, Any]],
                      remaining: list[str]) -> Iterator[Any]:
        result = self.read(response)
        if isinstance(result, scrapy.Request):
            yield result.replace(cb_kwargs={"film_id": film_id, "held": held, "remaining": remaining})
            return
        if isinstance(result, Reject):
            yield result
        else:
            for record in result.records:
                if "id" not in record:
                    yield record
                    continue
                key = _key(record)
                if key in held:
                    held[key], conflicts = merge_records(held[key], record)
                    for path in conflicts:
                        self.crawler.stats.inc_value(f"filmcrawl/merge_conflicts/{record['type']}/{path}")
                else:
                    held[key] = record
            # Further pages of a sub-page (reviews page 2...) repeat the film summary already merged.
            for url in self.follow_links(result, response):
                yield scrapy.Request(self.local_url(url), callback=self.parse, errback=self.on_error,
                                     cb_kwargs={"merged_film": film_id})
        yield from self.continue_chain(film_id, held, remaining)

    def continue_chain(self, film_id: str, held: dict[str, dict[str, Any]], remaining: list[str]) -> Iterator[Any]:
        if remaining:
            yield self.subpage_request(film_id, held, remaining)
        else:
            yield from held.values()

    def on_subpage_error(self, failure: Failure) -> Iterator[Any]:
        yield from self.on_error(failure)
        kwargs = failure.request.cb_kwargs  # type: ignore[attr-defined]
        yield from self.continue_chain(kwargs["film_id"], kwargs["held"], kwargs["remaining"])

    def on_error(self, failure: Failure) -> Iterator[Reject]:
        request = failure.request  # type: ignore[attr-defined]
        if refused_without_page(failure.value):
            return  # a URL outside the crawl's bounds, never fetched: counted by the boundaries middleware
        reason = fetch_error_reason(failure.value)
        self.crawler.stats.inc_value(f"filmcrawl/fetch_errors/{reason}")
        # After redirects, the URL the crawl asked for (the one in the listing), not the last hop.
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        detail = fetch_error_detail(failure.value) + (f" (at {request.url})" if url != request.url else "")
        yield Reject(url=url, site=self.name, stage="fetch", reason=reason, detail=detail)


def _key(record: dict[str, Any]) -> str:
    return f"{record['type']}|{record['id']}"
