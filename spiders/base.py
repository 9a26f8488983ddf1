"""`FilmSiteSpider`: routing shared by every site's spider. Parsing is done by crawler.core.extraction.

A site spider says where to start and which links of its records to follow; this base class turns each
response into records through the same extraction path as `filmcrawl extract`, yields them as items, and
yields a Reject for every page that gives none, so nothing leaves the crawl uncounted.

Sub-pages of a film (credits, release dates...) are fetched one after another with the partial film record
carried along, and the film is emitted once, merged (crawler.core.merge): one film record per title without
holding every film of the job in memory.
"""

from __future__ import annotations

import copy
import re
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

import scrapy
from parsel import Selector
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.core.drift import count_reading
from crawler.core.extraction import Extraction, extract, selector_for
from crawler.core.merge import merge_records
from crawler.core.parsers.errors import BlockedPage, PageError
from crawler.core.reject import Reject
from crawler.core.sites import SITES
from crawler.runtime.cache import fetched_at
from crawler.runtime.fetch_errors import fetch_error_detail, fetch_error_reason
from crawler.runtime.middlewares.backoff import PAUSE_HOST_META
from crawler.runtime.middlewares.boundaries import origin_of, refused_without_page
from crawler.runtime.middlewares.budget import PageBudgetReached
from crawler.runtime.middlewares.hosts import is_loopback
from crawler.runtime.outcomes import OUTCOME_PREFIX, REDIRECT_CYCLE_META, settle
from schemas.record_fields import ExtractionFields, FilmFields, ListingFields, RecordFields

NEXT_PAGE_PRIORITY = -1
SUBPAGE_PRIORITY = 1

Held = dict[str, RecordFields]
"""The records a sub-page chain carries until its last sub-page is read, by type and id (`_key`)."""


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
        self.site = SITES.get(self.name)
        site_hosts = self.site.hosts if self.site else ()
        start_hosts = [urlsplit(u).hostname or "" for u in self.start_urls]
        self.allowed_domains = sorted({*site_hosts, *(h for h in start_hosts if h)})
        # Start URLs on another host are a mirror of the site (the sample site, a test server): links to the
        # real site's hosts are followed on the mirror, never on the real site.
        mirrors = [u for u in self.start_urls if not self.serves(urlsplit(u).hostname or "")]
        self.mirror_origin = urlsplit(mirrors[0])[:2] if mirrors else None
        site_origin = SITES[self.name].origin if self.name in SITES else ""
        self.site_origin = urlsplit(site_origin)[:2] if site_origin else None
        self._listing_entries: dict[str, set[str]] = {}
        """First page of a list -> the entries its pages have shown (see repeats_listing)."""
        # A mirror crawl (start URLs off the site's hosts, or on this machine) stays on its start URLs' origins:
        # scheme, host and port (crawler.runtime.middlewares.boundaries refuses the rest, redirects included).
        local = bool(self.start_urls) and all(is_loopback(urlsplit(u).hostname or "") for u in self.start_urls)
        self.allowed_origins = (
            frozenset(origin_of(u) for u in self.start_urls) if (mirrors and site_hosts) or local else frozenset()
        )

    # --- routing hooks for site spiders ----------------------------------------------------------------

    @property
    def parser_site(self) -> str:
        """Whose parsers read the responses: the spider's own site by default."""
        return self.name

    def subpages(self, film: FilmFields, response: Response) -> list[str]:
        """URLs of sub-pages whose records merge into `film`, read from `response` (none by default)."""
        return []

    def subpage_type(self, url: str) -> str:
        """The page type of a sub-page URL, as named in `extraction.unread_subpages`: its last path segment
        ("fullcredits" of /title/tt0040725/fullcredits/) by default."""
        segments = [s for s in urlsplit(url).path.split("/") if s]
        return segments[-1] if segments else url

    def follow_links(self, extraction: Extraction, response: Response) -> Iterator[str]:
        """URLs to crawl next from a page's records: listing entries and next pages by default."""
        for record in extraction.records:
            if record["type"] == "listing":
                for entry in record.get("entries", []):
                    if url := entry.get("url"):
                        yield url
                if next_url := record.get("next_url"):
                    yield next_url

    # --- machinery ---------------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.on_error)

    def serves(self, host: str) -> bool:
        """True for a host of the spider's site (crawler.core.parsers.site.Site.serves: subdomains too)."""
        return bool(self.site and self.site.serves(host))

    def local_url(self, url: str) -> str:
        """`url`, moved onto the mirror when crawling one."""
        parts = urlsplit(url)
        if self.mirror_origin and self.serves(parts.hostname or ""):
            return urlunsplit((*self.mirror_origin, parts.path, parts.query, ""))
        return url

    def site_url(self, url: str) -> str:
        """`url` as the site's own URL: a page fetched on a mirror is read, and its records written, with the
        real site's origin, so relative links, record URLs and next pages name the site, not the mirror. The
        inverse of `local_url`, and the one place a mirror's origin is mapped back."""
        parts = urlsplit(url)
        if self.mirror_origin and self.site_origin and parts[:2] == self.mirror_origin:
            return urlunsplit((*self.site_origin, parts.path, parts.query, parts.fragment))
        return url

    def selector(self, response: Response) -> Selector | None:
        """The page as `filmcrawl extract` reads it (crawler.core.extraction.selector_for): decoded once, a UTF-8
        page parsed from its own bytes, where Scrapy's `response.selector` decodes the body and parsel encodes
        it again (about 1.2 times the cost), and JSON served as HTML read as JSON, as `extract` reads it."""
        if not isinstance(response, TextResponse):
            return None
        return selector_for(response.body, content_type=(response.headers.get("Content-Type") or b"").decode("latin-1"))

    def read(self, response: Response) -> Extraction | Reject | scrapy.Request:
        """Records of a response, a Reject saying why there are none, or a retry of a blocked page."""
        self.crawler.stats.inc_value("filmcrawl/pages")
        sel = self.selector(response)
        if sel is None:
            return Reject(
                url=response.url,
                site=self.name,
                stage="parse",
                reason="not_text",
                detail=f"{_content_type(response, default='?')} body is not a page",
            )
        try:
            extraction = extract(
                sel,
                url=self.site_url(response.url),
                site=self.parser_site,
                scraped_at=fetched_at(response),
                status=response.status,
            )
            count_reading(self.crawler.stats, extraction.site, extraction.page_type, extraction.records)
            return extraction
        except BlockedPage as error:
            self.crawler.stats.inc_value(f"blocked/{error.reason}")
            assert response.request is not None  # a downloaded response carries the request it answers
            retry = get_retry_request(
                response.request,
                spider=self,
                reason=f"blocked/{error.reason}",
                max_retry_times=self.settings.getint("FILMCRAWL_BLOCKED_RETRY_TIMES"),
            )
            if retry is not None:
                retry.meta[PAUSE_HOST_META] = True  # back off before asking again
                retry.meta.pop("download_latency", None)  # the blocked answer's, not the retry's
                return retry
            self.crawler.stats.inc_value("filmcrawl/blocked_pages")
            return Reject(
                url=response.url, site=self.name, stage="fetch", reason=f"blocked_{error.reason}", detail=str(error)
            )
        except PageError as error:
            if response.status >= 400:
                # An error status let through (403) whose page is no film page: the status is why, not the layout.
                self.crawler.stats.inc_value(f"filmcrawl/fetch_errors/http_{response.status}")
                return Reject(
                    url=response.url,
                    site=self.name,
                    stage="fetch",
                    reason=f"http_{response.status}",
                    detail=f"{response.status} answer without film data ({error})",
                )
            return Reject(
                url=response.url,
                site=self.name,
                stage=error.stage,
                reason=error.reason,
                detail=error.detail or str(error),
            )

    def parse(self, response: Response, merged_film: str | None = None, **_: Any) -> Iterator[Any]:
        result = self.read(response)
        if not isinstance(result, Extraction):
            yield result
            return
        if result.records:
            settle(self.crawler.stats, response.meta, "records")  # also when they travel on in a sub-page chain
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

    def next_pages(self, extraction: Extraction, response: Response) -> dict[str, NextPage | None]:
        """The listing's next page URL with its page number (the start page is page 1) and the list's first
        page; None for a next link not to follow: the page repeats the list (see `repeats_listing`)."""
        number = response.meta.get("listing_page", 1) + 1
        first = response.meta.get("listing_first_page") or response.url
        pages: dict[str, NextPage | None] = {}
        for record in extraction.records:
            if record["type"] == "listing" and (next_url := record.get("next_url")):
                repeated = self.repeats_listing(record, first, reached_by_next="listing_page" in response.meta)
                pages[next_url] = None if repeated else NextPage(number, first)
            elif record["type"] == "listing":
                self._listing_entries.pop(first, None)  # the list's last page: its entries need not be kept
        return pages

    def repeats_listing(self, listing: ListingFields, first: str, *, reached_by_next: bool) -> bool:
        """True when a page reached through a list's next links adds no entry the list has not shown already:
        the same list under another query string (a next link to itself with a changing parameter, ?page=N past
        the end). Counted as filmcrawl/listing_loops; the list is not followed further."""
        entries = {entry.get("url") or entry.get("title") or "" for entry in listing.get("entries") or []}
        seen = self._listing_entries.setdefault(first, set())
        if reached_by_next and entries <= seen:
            self.crawler.stats.inc_value("filmcrawl/listing_loops")
            self.logger.info(
                "Not following %s: this page of the list %s shows no entry it has not shown already",
                listing["next_url"],
                first,
            )
            return True
        seen |= entries
        return False

    def requests_for(
        self, urls: Iterable[str], next_pages: dict[str, NextPage | None] | None = None
    ) -> Iterator[scrapy.Request]:
        limit = self.settings.getint("FILMCRAWL_MAX_LISTING_PAGES")
        for url in urls:
            meta: dict[str, Any] = {}
            if next_pages and url in next_pages:
                page = next_pages[url]
                if page is None:
                    continue  # a repeated list, counted
                if limit and page.number > limit:
                    self.crawler.stats.inc_value("filmcrawl/listing_pages_beyond_limit")
                    continue
                meta.update(listing_page=page.number, listing_first_page=page.first)
            # A listing's next page waits for the titles already found: the queue (and memory) then holds
            # one page of a listing at a time instead of the whole site's frontier.
            priority = NEXT_PAGE_PRIORITY if "listing_page" in meta else 0
            yield scrapy.Request(
                self.local_url(url), callback=self.parse, errback=self.on_error, meta=meta, priority=priority
            )

    def subpage_request(self, film_id: str, held: Held, remaining: list[str]) -> scrapy.Request:
        # Sub-pages go first: a chain holds its title's records until its last sub-page is read.
        return scrapy.Request(
            self.local_url(remaining[0]),
            callback=self.parse_subpage,
            errback=self.on_subpage_error,
            dont_filter=True,
            priority=SUBPAGE_PRIORITY,
            cb_kwargs={"film_id": film_id, "held": held, "remaining": remaining[1:]},
        )

    def parse_subpage(self, response: Response, film_id: str, held: Held, remaining: list[str]) -> Iterator[Any]:
        result = self.read(response)
        if isinstance(result, scrapy.Request):
            yield result.replace(cb_kwargs={"film_id": film_id, "held": held, "remaining": remaining})
            return
        if isinstance(result, Reject):
            yield result
        else:
            settle(self.crawler.stats, response.meta, "records")  # merged into the film the chain carries
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
                yield scrapy.Request(
                    self.local_url(url), callback=self.parse, errback=self.on_error, cb_kwargs={"merged_film": film_id}
                )
        yield from self.continue_chain(film_id, held, remaining)

    def continue_chain(self, film_id: str, held: Held, remaining: list[str]) -> Iterator[Any]:
        if remaining:
            yield self.subpage_request(film_id, held, remaining)
        else:
            yield from held.values()

    def on_subpage_error(self, failure: Failure) -> Iterator[Any]:
        """A sub-page that could not be fetched (budget spent, fetch failed): the chain goes on without it, and
        the film record names it in `extraction.unread_subpages`, so a partial record says it is partial."""
        yield from self.on_error(failure)
        request = failure.request  # type: ignore[attr-defined]  # set by Scrapy on an errback's Failure
        kwargs = request.cb_kwargs
        held = kwargs["held"]
        film_key = _key({"type": "film", "id": kwargs["film_id"]})
        if film_key in held:
            url = (request.meta.get("redirect_urls") or [request.url])[0]
            held[film_key], unread = with_unread_subpage(held[film_key], self.subpage_type(url))
            self.crawler.stats.inc_value(f"filmcrawl/unread_subpages/{self.subpage_type(url)}")
            if len(unread) == 1:
                self.crawler.stats.inc_value("filmcrawl/films_with_unread_subpages")
        yield from self.continue_chain(kwargs["film_id"], held, kwargs["remaining"])

    def on_error(self, failure: Failure) -> Iterator[Reject]:
        request = failure.request  # type: ignore[attr-defined]  # set by Scrapy on an errback's Failure
        stats = self.crawler.stats
        if refused_without_page(failure.value) or isinstance(failure.value, PageBudgetReached):
            # Never fetched (outside the crawl's bounds, or past its page budget): counted by the middleware.
            settle(stats, request.meta, "refused")
            return
        error = failure.value
        assert error is not None  # an errback's Failure holds the exception it was made of
        reason = fetch_error_reason(error)
        stats.inc_value(f"filmcrawl/fetch_errors/{reason}")
        settle(stats, request.meta, "rejected")
        # After redirects, the URL the crawl asked for (the one in the listing), not the last hop.
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        detail = fetch_error_detail(error) + (f" (at {request.url})" if url != request.url else "")
        yield Reject(url=url, site=self.name, stage="fetch", reason=reason, detail=detail)
        for page in request.meta.get(REDIRECT_CYCLE_META, ()):
            # The other pages of a redirect cycle, first counted as duplicates of the page they redirect to.
            stats.inc_value(f"filmcrawl/fetch_errors/{reason}")
            stats.inc_value(OUTCOME_PREFIX + "rejected")
            yield Reject(url=page, site=self.name, stage="fetch", reason=reason, detail=detail)


@dataclass(frozen=True)
class NextPage:
    number: int
    """Its page number in the list (the first page is 1)."""
    first: str
    """URL of the list's first page: the pages of one list share it, whatever their query strings."""


def _key(record: Mapping[str, object]) -> str:
    """A record's type and id: a film and a review of one id are two records (a listing has no id)."""
    return f"{record['type']}|{record['id']}"


def _content_type(response: Response, *, default: str) -> str:
    """The response's Content-Type as text, `default` when it has none."""
    value = response.headers.get("Content-Type")
    return default if value is None else value.decode("latin-1")


def with_unread_subpage(record: RecordFields, page_type: str) -> tuple[RecordFields, list[str]]:
    """`record` naming `page_type` among its unread sub-pages (once), as a new dict; and those sub-pages."""
    stated = record.get("extraction")
    extraction: ExtractionFields = stated.copy() if stated else {"parser": record.get("source") or "unknown"}
    unread = list(extraction.get("unread_subpages") or [])
    if page_type not in unread:
        unread.append(page_type)
    extraction["unread_subpages"] = unread
    marked = copy.copy(record)
    marked["extraction"] = extraction
    return marked, unread
