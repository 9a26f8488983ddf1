"""The shared spider routing on Scrapy responses built in memory: records out, links followed, rejects for
pages that give nothing, blocked pages retried and counted."""

from __future__ import annotations

from typing import Any

import pytest
import scrapy
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.core.reject import Reject
from spiders.base import FilmSiteSpider


class ExampleSpider(FilmSiteSpider):
    name = "example"


MOVIE_PAGE = b"""<html><head><link rel="canonical" href="https://films.example/film/red-shoes-1948/">
<script type="application/ld+json">{"@type": "Movie", "name": "The Red Shoes", "datePublished": "1948-09-06",
"aggregateRating": {"ratingValue": "8.3", "bestRating": "10", "ratingCount": "21464"}}</script></head><body></body></html>"""
LIST_PAGE = b"""<html><head><script type="application/ld+json">{"@type": "ItemList", "itemListElement": [
{"@type": "ListItem", "position": 1, "item": {"@type": "Movie", "name": "The Red Shoes", "url": "/film/red-shoes-1948/"}},
{"@type": "ListItem", "position": 2, "url": "https://films.example/film/black-narcissus-1947/", "name": "Black Narcissus"}
]}</script></head><body></body></html>"""
CHALLENGE = b"""<html><head><script>window.gokuProps = {}</script></head><body></body></html>"""


def spider(**kwargs: Any) -> ExampleSpider:
    crawler = get_crawler(ExampleSpider, settings_dict={"FILMCRAWL_BLOCKED_RETRY_TIMES": 1})
    crawler.spider = ExampleSpider.from_crawler(crawler, **kwargs)
    return crawler.spider  # type: ignore[return-value]


def response(url: str, body: bytes, status: int = 200) -> HtmlResponse:
    return HtmlResponse(url=url, body=body, status=status, request=Request(url), encoding="utf-8")


def test_spider_should_yield_the_page_records() -> None:
    out = list(spider().parse(response("https://films.example/film/red-shoes-1948/", MOVIE_PAGE)))
    assert [r["title"] for r in out if isinstance(r, dict)] == ["The Red Shoes"]


def test_spider_should_follow_listing_entries_in_page_order() -> None:
    out = list(spider().parse(response("https://films.example/lists/powell/", LIST_PAGE)))
    assert [r.url for r in out if isinstance(r, scrapy.Request)] == [
        "https://films.example/film/red-shoes-1948/",
        "https://films.example/film/black-narcissus-1947/",
    ]


def test_spider_on_a_mirror_should_follow_real_site_links_on_the_mirror() -> None:
    class MirrorSpider(FilmSiteSpider):
        name = "imdb"

    crawler = get_crawler(MirrorSpider)
    s = MirrorSpider.from_crawler(crawler, start_urls="http://127.0.0.1:8800/chart/top/")
    assert s.local_url("https://www.imdb.com/title/tt0040725/") == "http://127.0.0.1:8800/title/tt0040725/"
    assert s.local_url("https://elsewhere.example/x") == "https://elsewhere.example/x"
    assert "127.0.0.1" in s.allowed_domains


MIRROR_HOSTS = [
    # (start URL, is it a mirror of IMDb?): hosts match as the site declares them (Site.serves)
    ("https://www.imdb.com/chart/top/", False),
    ("https://m.imdb.com/chart/top/", False),
    ("https://notimdb.com/chart/top/", True),
    ("http://127.0.0.1:8800/chart/top/", True),
]


@pytest.mark.parametrize(("start_url", "mirror"), MIRROR_HOSTS)
def test_spider_should_take_a_start_url_off_the_site_hosts_as_a_mirror(start_url: str, mirror: bool) -> None:
    class ImdbSpider(FilmSiteSpider):
        name = "imdb"

    s = ImdbSpider.from_crawler(get_crawler(ImdbSpider), start_urls=start_url)
    assert (s.mirror_origin is not None) == mirror
    assert s.serves("www.imdb.com") and not s.serves("notimdb.com")


def test_spider_should_reject_a_page_without_film_data() -> None:
    out = list(spider().parse(response("https://films.example/about/", b"<html><body><p>About us</p></body></html>")))
    assert len(out) == 1 and isinstance(out[0], Reject)
    assert (out[0].stage, out[0].reason) == ("parse", "no_film_data")


def test_spider_should_retry_a_challenge_page_then_reject_it_as_blocked() -> None:
    s = spider()
    first = list(s.parse(response("https://films.example/film/x/", CHALLENGE, status=202)))
    assert len(first) == 1 and isinstance(first[0], scrapy.Request)
    retried = response("https://films.example/film/x/", CHALLENGE, status=202)
    retried = retried.replace(request=first[0])
    second = list(s.parse(retried))
    assert len(second) == 1 and isinstance(second[0], Reject) and second[0].reason == "blocked_waf_challenge"
    assert s.crawler.stats.get_value("blocked/waf_challenge") == 2


def listing_page(number: int) -> HtmlResponse:
    url = f"https://films.example/lists/powell/?page={number}"
    return HtmlResponse(url=url, body=LIST_PAGE, request=Request(url, meta={"listing_page": number}), encoding="utf-8")


def test_spider_should_stop_following_a_listing_at_the_configured_page_limit() -> None:
    crawler = get_crawler(ExampleSpider, settings_dict={"FILMCRAWL_MAX_LISTING_PAGES": 2})
    crawler.spider = s = ExampleSpider.from_crawler(crawler)
    for number, followed in [(1, [2]), (2, [])]:
        page = listing_page(number)
        extraction = s.read(page)
        next_url = f"https://films.example/lists/powell/?page={number + 1}"
        extraction.records[0]["next_url"] = next_url
        requests = list(s.requests_for([next_url], s.next_pages(extraction, page)))
        assert [r.meta["listing_page"] for r in requests] == followed
    assert crawler.stats.get_value("filmcrawl/listing_pages_beyond_limit") == 1


def test_imdb_spider_should_chain_the_sub_pages_of_a_title_page_and_none_for_a_film_without_its_url() -> None:
    from spiders.imdb import ImdbSpider

    spider = ImdbSpider.from_crawler(get_crawler(ImdbSpider))
    title = HtmlResponse(url="https://www.imdb.com/title/tt0040725/", body=b"", encoding="utf-8")
    assert spider.subpages({"url": "https://www.imdb.com/title/tt0040725/"}, title) == [
        "https://www.imdb.com/title/tt0040725/fullcredits/",
        "https://www.imdb.com/title/tt0040725/releaseinfo/",
        "https://www.imdb.com/title/tt0040725/reviews/",
    ]
    assert spider.subpages({"type": "film", "id": "imdb:tt0040725"}, title) == []


@pytest.mark.parametrize(
    "body",
    [
        MOVIE_PAGE,
        "<html><body><h1>Amélie</h1></body></html>".encode("cp1252"),
        b'{"props": {"pageProps": {"title": "The Red Shoes"}}}',  # page data served as text/html
    ],
    ids=["utf-8", "cp1252", "json-as-html"],
)
def test_a_crawled_page_should_be_read_as_extract_reads_its_bytes(body: bytes) -> None:
    from lxml import etree

    from crawler.core.extraction import selector_for

    page = HtmlResponse(url="https://films.example/x", body=body, headers={"Content-Type": "text/html"})
    crawled, extracted = spider().selector(page), selector_for(body, content_type="text/html")
    assert crawled is not None and crawled.type == extracted.type
    if crawled.type == "html":
        assert etree.tostring(crawled.root) == etree.tostring(extracted.root)
