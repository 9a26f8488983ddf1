"""The crawl runtime: the Scrapy pieces around the core (downloader and spider middlewares, extensions, the
page cache, the outcome ledger that accounts for every scheduled page)."""
