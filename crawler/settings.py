"""Scrapy settings of the filmcrawl project, grouped by concern.

Defaults are for crawling real sites politely. Commands that crawl the bundled sample site or a test server
on 127.0.0.1 override the politeness delays (see crawler.jobs.crawling.local_overrides).
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
# The spiders retry a challenge page with Scrapy's get_retry_request, which carries retry_times on purpose.
META_COPY_WARN_SKIP_KEYS = ["retry_times"]

# --- Routing -----------------------------------------------------------------------------------------
# The page budget (`filmcrawl crawl --max-pages N`): at most N pages fetched, then every request is refused
# and the crawl drains; titles whose sub-pages were cut are written with what was read, the unread sub-pages
# named in extraction.unread_subpages (crawler.runtime.middlewares.budget). 0: no budget.
FILMCRAWL_MAX_PAGES = 0
# How many pages of one listing (chart, search, list) to follow through its next links; 0 follows to the end.
# Bounded by default: a list that never ends (?page=N for ever) stops here, counted as
# filmcrawl/listing_pages_beyond_limit and said in the summary. A page that adds no entry its list has not shown
# (the same list under another query string) also ends the list (filmcrawl/listing_loops; spiders.base).
FILMCRAWL_MAX_LISTING_PAGES = 50

# --- Records -----------------------------------------------------------------------------------------
ITEM_PIPELINES = {
    "pipelines.validate.ValidatePipeline": 100,
    "pipelines.identity.FilmKeyPipeline": 150,
    "pipelines.dedupe.DedupePipeline": 200,
    "pipelines.exportable.ExportablePipeline": 800,
    "pipelines.rejects.RejectsPipeline": 900,
}
# Where rejected pages and records go, one JSON object per line (see pipelines.rejects).
FILMCRAWL_REJECTS_FILE = "out/rejects.jsonl"
FEED_EXPORT_ENCODING = "utf-8"
# Invalid records and rejected pages are expected outcomes, counted in the stats: log them at INFO.
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"
# An exception raised by a pipeline makes the item a reject named after the exception, instead of losing it;
# the record is also encoded as the feed will write it first, so an exporter error is a reject too
# (pipelines.guard, pipelines.exportable).
ITEM_PROCESSOR = "pipelines.guard.GuardedItemPipelineManager"

# --- Boundaries: where a crawl may go (crawler.runtime.middlewares.boundaries) ---------------------------------
# http(s) only, the spider's allowed hosts on every request (dont_filter ones and redirect hops included),
# and no loopback, private or link-local address. It replaces Scrapy's offsite filter, which lets
# dont_filter requests through and drops offsite redirects without a reject.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.runtime.middlewares.boundaries.BoundariesMiddleware": 650,  # sees redirects before RedirectMiddleware (600)
    "crawler.runtime.middlewares.charset.CharsetMiddleware": 575,  # a wrong declared charset, after decompression (590)
    "crawler.runtime.middlewares.politeness.PolitenessMiddleware": 120,
    # After robots.txt (100): a page robots.txt forbids spends no budget.
    "crawler.runtime.middlewares.budget.PageBudgetMiddleware": 110,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "crawler.runtime.middlewares.identity.ContactUserAgentMiddleware": 500,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.runtime.middlewares.backoff.BackoffRetryMiddleware": 550,
    "crawler.runtime.cache.FetchTimeMiddleware": 950,  # stamps the fetch time before HttpCacheMiddleware (900) stores
}
# Private addresses a crawl may reach anyway: host names and networks ("127.0.0.0/8", "::1", "mirror.lan").
# Empty for public sites; crawls of the sample site, a mirror or a test server on this machine set it
# (crawler.jobs.crawling.LOCAL_OVERRIDES).
FILMCRAWL_ALLOW_PRIVATE_HOSTS: list[str] = []
# Response bodies are limited by DOWNLOAD_MAXSIZE (above) both as received and once decompressed.

# --- Scheduled jobs: politeness, refresh crawls, progress, exit thresholds -------------------------------
# robots.txt groups are matched on this product token; its Crawl-delay (or Request-rate) becomes the floor of
# the host's download delay (crawler.runtime.middlewares.politeness, entry in DOWNLOADER_MIDDLEWARES above).
ROBOTSTXT_USER_AGENT = "filmcrawl"
# Hosts on this machine (the sample site, a test server) are fetched without the delays and per-host limit
# above; a Crawl-delay or Retry-After they send is still honoured.
FILMCRAWL_LOOPBACK_UNTHROTTLED = True
# 429 and 503 pause the whole host for their Retry-After, else for BASE * 2**retries seconds
# (crawler.runtime.middlewares.backoff); a Retry-After over MAX is not waited out: the page is given up.
FILMCRAWL_BACKOFF_BASE_DELAY = 5.0
FILMCRAWL_BACKOFF_MAX_DELAY = 300.0
# HTTP cache of refresh crawls (crawler.runtime.cache): off for `scrapy crawl` unless HTTPCACHE_ENABLED=1 and
# HTTPCACHE_DIR are set; `filmcrawl crawl` turns it on (--cache DIR). Stored pages older than
# FILMCRAWL_CACHE_MAX_AGE seconds are revalidated (ETag / Last-Modified); 0 revalidates every page every run.
HTTPCACHE_ENABLED = False
HTTPCACHE_POLICY = "crawler.runtime.cache.RefreshPolicy"
HTTPCACHE_STORAGE = "crawler.runtime.cache.FastGzipCacheStorage"
HTTPCACHE_ALWAYS_STORE = True
HTTPCACHE_GZIP = True
# Stored pages are compressed at this gzip level: 1 costs a fraction of the CPU of gzip's default 9 for most of
# its saving on disk (A/B in `make bench`, docs/performance.md).
FILMCRAWL_CACHE_GZIP_LEVEL = 1
HTTPCACHE_IGNORE_HTTP_CODES = [202, 403, 408, 429, 500, 502, 503, 504, 522, 524]
FILMCRAWL_CACHE_MAX_AGE = 0
# Set by `filmcrawl crawl --resume` to when the job began: pages stored since are used without asking again.
FILMCRAWL_CACHE_FRESH_SINCE = 0
# A progress line every INTERVAL seconds (0: none), and a bar on a terminal (crawler.runtime.extensions.progress).
FILMCRAWL_PROGRESS_INTERVAL = 30.0
FILMCRAWL_PROGRESS_BAR = True
EXTENSIONS = {
    "crawler.runtime.extensions.progress.ProgressExtension": 500,
    "crawler.runtime.cache.CacheManifest": 500,
    "crawler.runtime.extensions.report.DatasetReportExtension": 600,
}
# `filmcrawl crawl` exits with 3 when rejects (duplicates and robots.txt refusals aside) are over this share
# of records + rejects, or blocked answers over this share of pages read (crawler.jobs.crawling.quality_failures).
FILMCRAWL_MAX_REJECT_RATIO = 0.10
FILMCRAWL_MAX_BLOCKED_RATIO = 0.10
# The layout-drift alarm (crawler.core.drift): exit 3 when, for any site and page type, more than this share of the
# records had fields the site parser could not read and the generic readers filled (or the whole page).
FILMCRAWL_FALLBACK_MAX_RATIO = 0.05

# --- Dataset: output files, film keys, end-of-job report, coverage thresholds ---------------------------
# Local feeds are written to a hidden temporary file and renamed into place when they close (each batch on
# its own with FEED_EXPORT_BATCH_ITEM_COUNT); JSON Lines feeds are also merged by id and given cross-site
# film keys on the way (crawler.dataset.feeds). FILMCRAWL_FEED_MERGE = False writes them as crawled.
FEED_STORAGES = {
    "": "crawler.dataset.feeds.DatasetFeedStorage",
    "file": "crawler.dataset.feeds.DatasetFeedStorage",
}
FILMCRAWL_FEED_MERGE = True
# An exception while reading a page (a parser bug) becomes a reject line (reason parser_error), not a log line only.
# Every page requested ends as one counted outcome: records, rejected, duplicate, refused or followed
# (crawler.runtime.outcomes; the ledger is in the report and the summary).
SPIDER_MIDDLEWARES = {
    "crawler.runtime.rejects.SpiderErrorRejectsMiddleware": 50,
    "crawler.runtime.outcomes.PageOutcomeMiddleware": 40,  # sees what SpiderErrorRejectsMiddleware makes of exceptions
}
# Scrapy's duplicate filter, counting what it filters and breaking redirect cycles between listed pages.
DUPEFILTER_CLASS = "crawler.runtime.outcomes.AccountingDupeFilter"
# The end-of-job report (crawler.runtime.extensions.report): JSON with records, rejects, blocked pages and field
# coverage per site and record type; "" writes it beside the first local feed (films.report.json).
FILMCRAWL_REPORT_ENABLED = True
FILMCRAWL_REPORT_FILE = ""
# Minimum share of a site's records of a type that must carry a field ("<type>.<field>", "rating.count" for a
# subfield); "*" applies to every site and a site's entry overrides it field by field (None: no check). Below
# one, the job's report lists the failure and `filmcrawl crawl` exits with 3: a layout change that empties a
# field fails the job instead of shipping blanks. Each site declares its own minimums (`coverage` of its SITE
# in crawler/core/parsers/<site>: fields its pages always show at 0.9, nearly always at 0.5); entries here override
# them, e.g. {"imdb": {"film.rating": 0.9}} for a crawl of charts.
FILMCRAWL_COVERAGE_THRESHOLDS = {
    "*": {"review.text": 0.9},
}
# Every film field a site declares its title pages show (`title_fields` of its SITE in crawler/core/parsers/<site>) is
# checked too, at this share unless the site's declaration or FILMCRAWL_COVERAGE_THRESHOLDS names the field
# for the site (or for "*"); 0 turns off every check the sites declare.
FILMCRAWL_COVERAGE_DECLARED_MINIMUM = 0.5
# Sites and types with fewer records than this are not checked (raise it for jobs of a few titles, where one
# unrated title is half the records).
FILMCRAWL_COVERAGE_MIN_RECORDS = 1

# --- Distributed crawls: many workers, one queue in Redis (crawler.jobs.distributed, scrapy-redis) ------------
# `filmcrawl crawl SITE --redis URL` (or -s REDIS_URL=URL) runs one worker of a crawl shared through Redis;
# `filmcrawl collect SITE --redis URL` writes its output. Empty: the crawl is a process of its own.
REDIS_URL = ""
# Connection timeouts (seconds): a Redis that stops answering stops the worker instead of hanging it.
# retry_on_timeout off: redis-py retries timeouts by itself and warns about the old flag scrapy-redis sets.
REDIS_PARAMS = {"socket_timeout": 10, "socket_connect_timeout": 5, "retry_on_timeout": False}
# A worker with nothing to do (no start URL waiting, queue empty, no other worker's page in flight) closes
# after this many seconds; 0 keeps it waiting for start URLs for ever (scrapy-redis's setting).
MAX_IDLE_TIME_BEFORE_CLOSE = 10
# A worker renews its heartbeat every third of this; the pages in flight of a worker silent for this long
# are put back in the queue and fetched by the others.
FILMCRAWL_REDIS_WORKER_TTL = 15.0
# How often (seconds) a worker acknowledges finished pages and looks for requests queued by the others.
FILMCRAWL_REDIS_POLL_INTERVAL = 0.5

# --- Engine ------------------------------------------------------------------------------------------
# Items of one response handled at once by the pipelines. Scrapy's 100 starts a task per item of every
# response; the pipelines are synchronous CPU work, so more than a few only adds scheduling. Measured A/B in
# `make bench` (docs/performance.md): the same records, more pages per CPU second.
CONCURRENT_ITEMS = 4
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
# No remote control of a running crawl: no telnet console, and not Scrapy's remote-control extension, which
# listens on a port and writes a token file under ~/.local/state/scrapy/job_files (left behind by kill -9).
# A crawl writes only its output, its job folder and its HTTP cache.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
