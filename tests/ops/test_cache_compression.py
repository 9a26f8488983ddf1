"""The HTTP cache compresses stored pages at a cheap gzip level (FILMCRAWL_CACHE_GZIP_LEVEL, default 1): every
page a job reads is stored, so the level is per-page CPU of the crawl. Entries stay plain gzip files."""

from __future__ import annotations

import gzip
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy import Spider
from scrapy.http import HtmlResponse, Request
from scrapy.utils.misc import load_object
from scrapy.utils.request import RequestFingerprinter

from crawler.jobs.crawling import project_settings

PAGE = b"<html><body>" + b"<p>The Red Shoes (1948)</p>" * 200 + b"</body></html>"
# gzip's header records the level in its XFL byte: 4 for the fastest (level 1), 2 for the best (level 9).
XFL = {1: 4, 9: 2}


@pytest.mark.parametrize(("overrides", "level"), [({}, 1), ({"FILMCRAWL_CACHE_GZIP_LEVEL": 9}, 9)])
def test_cache_should_store_pages_gzipped_at_its_level(tmp_path: Path, overrides: dict, level: int) -> None:
    settings = project_settings(HTTPCACHE_ENABLED=True, HTTPCACHE_DIR=str(tmp_path), **overrides)
    storage = load_object(settings["HTTPCACHE_STORAGE"])(settings)
    spider = Spider("films")
    spider.crawler = SimpleNamespace(request_fingerprinter=RequestFingerprinter())  # all the storage asks of it
    storage.open_spider(spider)
    request = Request("https://www.imdb.com/title/tt0040725/")
    storage.store_response(spider, request, HtmlResponse(request.url, body=PAGE, request=request))
    stored = next(tmp_path.rglob("response_body"))
    assert stored.read_bytes()[8] == XFL[level]
    assert gzip.decompress(stored.read_bytes()) == PAGE
    assert storage.retrieve_response(spider, request).body == PAGE
