"""Distributed crawls: many worker processes, on many machines, sharing one crawl through Redis.

Built on scrapy-redis (its scheduler, priority queue, duplicate filter, RedisMixin and connection settings),
with what a crawl that must lose nothing needs on top:

    <site>:start_urls        list    start URLs; every worker seeds its own and pulls from here (scrapy-redis)
    <site>:requests          zset    the shared queue of pickled requests, by priority (scrapy-redis)
    <site>:dupefilter        set     fingerprints of every request queued so far (scrapy-redis's key;
                                     Scrapy's REQUEST_FINGERPRINTER computes them)
    <site>:inflight:<worker> hash    requests a worker took from the queue and has not finished; put back
                                     in the queue when the worker is gone (no heartbeat)
    <site>:worker:<worker>   string  the worker's heartbeat, expiring after FILMCRAWL_REDIS_WORKER_TTL
    <site>:workers           set     workers that registered
    <site>:items             list    records, as JSON, for `filmcrawl collect` (scrapy-redis's key)
    <site>:rejects           list    rejects, as JSON
    <site>:reports           list    each worker's end-of-job report
    <site>:stats             hash    each worker's counters, summed

Modules: keys (the names above), frontier (the Redis side: atomic scripts, heartbeats, status), scheduler
(scrapy-redis's scheduler with in-flight tracking), spider (start() for Scrapy 2.13+, idle workers closing),
pipelines (records and rejects to Redis), extension (heartbeat and acknowledgements), worker (`filmcrawl
crawl --redis`), collect (`filmcrawl collect`: drain, merge, report).
"""
