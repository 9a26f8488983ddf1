"""Scrapy settings of the filmcrawl project, grouped by concern.

Defaults are for crawling real sites politely. Commands that crawl the bundled sample site or a test server
on 127.0.0.1 override the politeness delays (see crawler.crawling.local_overrides).
"""

BOT_NAME = "filmcrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- Identity and politeness -------------------------------------------------------------------------
FILMCRAWL_CONTACT_URL = "https://github.com/filmcrawl/filmcrawl"
USER_AGENT = f"filmcrawl/0.1 (+{FILMCRAWL_CONTACT_URL})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
# Film pages are under 3 MB; anything far larger is an error page loop or hostile.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

# --- Pages that are not pages ------------------------------------------------------------------------
# WAF challenges arrive as 202 or 403 with a challenge body: let them reach the spider, which recognises
# them, counts them under blocked/<reason> and retries them a bounded number of times.
HTTPERROR_ALLOWED_CODES = [202, 403]
FILMCRAWL_BLOCKED_RETRY_TIMES = 2

# --- Records -----------------------------------------------------------------------------------------
ITEM_PIPELINES = {
    "pipelines.validate.ValidatePipeline": 100,
    "pipelines.dedupe.DedupePipeline": 200,
    "pipelines.rejects.RejectsPipeline": 900,
}
# Where rejected pages and records go, one JSON object per line (see pipelines.rejects).
FILMCRAWL_REJECTS_FILE = "out/rejects.jsonl"
FEED_EXPORT_ENCODING = "utf-8"
# Invalid records and rejected pages are expected outcomes, counted in the stats: log them at INFO.
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"

# --- Engine ------------------------------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
