"""The page budget (`filmcrawl crawl --max-pages N`, setting FILMCRAWL_MAX_PAGES): at most N pages fetched.

Scrapy's CLOSESPIDER_PAGECOUNT closes the spider when N responses have arrived: the requests in flight are
still fetched (N + the concurrency), and every request waiting in the queue is dropped, among them the
sub-pages that carry a title's records along its chain, so titles already read vanish without a trace.

Here the budget is spent when a request leaves for the downloader: the first N requests are fetched, and
every later one is refused with `PageBudgetReached` before anything is sent. The crawl then drains its
queue instead of being cut: a refused sub-page ends its chain, whose records are written with what was read
and the unread sub-pages named in `extraction.unread_subpages` (spiders.base); a refused listing or title
page is counted. robots.txt requests are not pages and are not counted.

Stats:
    filmcrawl/budget/max_pages   the budget (set when the crawl opens)
    filmcrawl/budget/reached     1 once a request was refused for the budget
    filmcrawl/budget/unfetched   requests refused for the budget
"""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured

MAX_PAGES = "filmcrawl/budget/max_pages"
REACHED = "filmcrawl/budget/reached"
UNFETCHED = "filmcrawl/budget/unfetched"


class PageBudgetReached(IgnoreRequest):
    """A request not fetched because the crawl's page budget is spent."""


class PageBudgetMiddleware:
    def __init__(self, crawler: Crawler, max_pages: int) -> None:
        self.crawler = crawler
        self.max_pages = max_pages
        self.sent = 0
        assert crawler.stats is not None
        crawler.stats.set_value(MAX_PAGES, max_pages)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageBudgetMiddleware:
        max_pages = crawler.settings.getint("FILMCRAWL_MAX_PAGES")
        if max_pages <= 0:
            raise NotConfigured  # no budget (FILMCRAWL_MAX_PAGES is 0); a message would be logged as a warning
        return cls(crawler, max_pages)

    def process_request(self, request: Request) -> None:
        if request.meta.get("dont_obey_robotstxt"):
            return  # robots.txt, asked by Scrapy's RobotsTxtMiddleware: not a page of the crawl
        if self.sent < self.max_pages:
            self.sent += 1
            return
        stats = self.crawler.stats
        assert stats is not None
        stats.set_value(REACHED, 1)
        stats.inc_value(UNFETCHED)
        raise PageBudgetReached(f"page budget of {self.max_pages} pages spent: {request.url} not fetched")
