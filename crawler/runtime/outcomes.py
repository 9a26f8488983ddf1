"""Every page a crawl asks for ends one way, and is counted under it: the page ledger.

A page is a request the spider yields (start URLs, followed links, sub-pages); retries and redirect hops are
the same page. Each ends as exactly one outcome, counted once under `filmcrawl/outcomes/<outcome>`:

    records     read, and it gave records (a sub-page's records merged into its film count here too)
    rejected    a reject line says why it gave none (fetch error, refused redirect, unreadable page...)
    duplicate   filtered as the same page as one already asked for; the log names the URL that absorbed it
    refused     never fetched: outside the crawl's bounds (another origin, scheme or a private address)
    followed    read, and it gave only links to other pages (a feed, a sitemap, an index)

`filmcrawl/pages_requested` counts the pages; when a job has finished, the outcomes add up to it (the report's
`pages` section). A page whose callback gave nothing at all becomes a reject (`no_output`), so no page can
vanish between the two counts.

Redirects that lead back and forth between two pages the crawl asked for would otherwise vanish: each hop is
filtered as a duplicate of the other page. The duplicate filter notices the cycle and lets the hop through
marked, and the boundaries middleware refuses it as a `redirect_loop`: every page of the cycle is rejected.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.dupefilters import RFPDupeFilter
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from crawler.core.reject import Reject
from crawler.core.sites import page_type_of

logger = logging.getLogger(__name__)

OUTCOMES = ("records", "rejected", "duplicate", "refused", "followed")
REQUESTED = "filmcrawl/pages_requested"
OUTCOME_PREFIX = "filmcrawl/outcomes/"
OUTCOME_META = "filmcrawl_outcome"
"""Request meta: the outcome already counted for this page (a page is counted once)."""
REDIRECT_CYCLE_META = "filmcrawl_redirect_cycle"
"""Request meta: the other pages of a redirect cycle this hop closes (set by AccountingDupeFilter)."""


def settle(stats: StatsCollector | None, meta: dict[str, Any], outcome: str) -> bool:
    """Count `outcome` for the page whose request carries `meta`, unless it was counted already."""
    if meta.get(OUTCOME_META) or stats is None:
        return False
    meta[OUTCOME_META] = outcome
    stats.inc_value(OUTCOME_PREFIX + outcome)
    return True


def ledger(stats: dict[str, Any]) -> dict[str, int]:
    """Pages requested, each outcome, and `unsettled`: pages still queued or in flight when the job stopped (0
    for a job that finished)."""
    requested = int(stats.get(REQUESTED, 0))
    counts = {outcome: int(stats.get(OUTCOME_PREFIX + outcome, 0)) for outcome in OUTCOMES}
    return {"requested": requested, **counts, "unsettled": requested - sum(counts.values())}


def _is_retry(request: Request, response: Response) -> bool:
    """A request the callback yields to fetch its own page again (a challenge answer retried)."""
    return request.url == response.url and request.meta.get("retry_times", 0) > response.meta.get("retry_times", 0)


class PageOutcomeMiddleware:
    """Spider middleware counting pages requested and settling each read page's outcome from what its callback
    gave (sits next to the engine, so it sees the parser_error rejects of crawler.runtime.rejects too)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageOutcomeMiddleware:
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item in start:
            if isinstance(item, Request):
                self._requested()
            yield item

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        kinds: set[str] = set()
        for item in result:
            kinds.add(self._see(item, response))
            yield item
        yield from self._settle(response, kinds)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        kinds: set[str] = set()
        async for item in result:
            kinds.add(self._see(item, response))
            yield item
        for item in self._settle(response, kinds):
            yield item

    def _requested(self) -> None:
        assert self.stats is not None
        self.stats.inc_value(REQUESTED)

    def _see(self, item: Any, response: Response) -> str:
        if isinstance(item, Request):
            if _is_retry(item, response):
                return "retry"
            self._requested()
            return "link"
        return "reject" if isinstance(item, Reject) else "record"

    def _settle(self, response: Response, kinds: set[str]) -> Iterator[Reject]:
        if "retry" in kinds or response.meta.get(OUTCOME_META):
            return  # the retry settles the page; or the spider already did
        if "record" in kinds:
            settle(self.stats, response.meta, "records")
        elif "reject" in kinds:
            settle(self.stats, response.meta, "rejected")
        elif "link" in kinds:
            settle(self.stats, response.meta, "followed")
        else:
            settle(self.stats, response.meta, "rejected")
            site = getattr(self.crawler.spider, "name", "") or ""
            yield Reject(
                url=response.url,
                site=site,
                stage="parse",
                reason="no_output",
                detail="the page gave neither a record, a reject nor a link",
                page_type=page_type_of(site, response.url),
            )


class AccountingDupeFilter(RFPDupeFilter):
    """Scrapy's duplicate filter, counting each filtered page as a `duplicate` outcome and breaking redirect
    cycles between pages the crawl asked for (see the module docstring)."""

    stats: StatsCollector | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AccountingDupeFilter:
        dupefilter = super().from_crawler(crawler)
        dupefilter.stats = crawler.stats
        dupefilter.absorbed = {}
        return dupefilter

    absorbed: dict[str, str]
    """First URL of a redirected page -> the URL its redirect led to, filtered as already asked for."""

    def request_seen(self, request: Request) -> bool:
        if not super().request_seen(request):
            return False
        chain = request.meta.get("redirect_urls") or []
        origin = chain[0] if chain else request.url
        if chain:
            cycle = self._cycle(origin, request.url)
            if cycle is not None:
                # Let the hop through, marked: the boundaries middleware refuses it before any fetch.
                for page in cycle:
                    self.absorbed.pop(page, None)
                    if self.stats is not None:
                        self.stats.inc_value(OUTCOME_PREFIX + "duplicate", -1)  # now rejected, with the hop
                request.meta[REDIRECT_CYCLE_META] = cycle
                return False
            self.absorbed[origin] = request.url
        settle(self.stats, request.meta, "duplicate")
        # A link to a page already asked for is routine (debug); a page that redirected to one is worth a line.
        logger.log(
            logging.INFO if chain else logging.DEBUG,
            "%s counted as a duplicate: it is the page %s, already asked for",
            origin,
            request.url,
        )
        return True

    def _cycle(self, origin: str, target: str) -> list[str] | None:
        """The pages whose redirects were absorbed on the way from `target` back to `origin`, or None."""
        pages: list[str] = []
        page = target
        while page != origin:
            if page not in self.absorbed or page in pages or len(pages) > 20:
                return None
            pages.append(page)
            page = self.absorbed[page]
        return pages
