"""Downloader middlewares: where a crawl may go, and how politely it goes there.

- boundaries.BoundariesMiddleware: http(s) only, the spider's own hosts, no private address on a public crawl.
- charset.CharsetMiddleware: a page whose declared charset is wrong is decoded as what it is.
- politeness.PolitenessMiddleware: robots.txt Crawl-delay / Request-rate become the host's download delay
  (Scrapy obeys robots.txt rules but ignores its delays); hosts on this machine are fetched at full speed.
- backoff.BackoffRetryMiddleware: Scrapy's retry, plus a pause of the whole host on 429 and 503 answers,
  as long as their Retry-After asks, else with exponential backoff.
- identity.ContactUserAgentMiddleware: the User-Agent names the crawler and where to reach its operator.
"""
