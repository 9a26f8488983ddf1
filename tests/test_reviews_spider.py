"""The `reviews` spider: from a blog's feed, sitemap or index page to its articles, never off the blog's host."""

from __future__ import annotations

import scrapy
from scrapy.http import HtmlResponse, Request, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from spiders.reviews import ReviewsSpider

BLOG = "https://filmreverie.example"

RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Film Reverie</title>
<item><title>The Red Shoes (2025)</title><link>{BLOG}/2025/06/the-red-shoes-2025/</link></item>
<item><title>The Red Shoes (1948)</title><link>{BLOG}/2025/05/the-red-shoes-1948/</link></item>
</channel></rss>""".encode()
ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Film Reverie</title>
<entry><title>The Red Shoes (2025)</title><link rel="alternate" href="{BLOG}/2025/06/the-red-shoes-2025/"/>
<link rel="replies" href="{BLOG}/2025/06/the-red-shoes-2025/#comments"/></entry></feed>""".encode()
SITEMAP_INDEX = f"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{BLOG}/post-sitemap.xml</loc></sitemap></sitemapindex>""".encode()
SITEMAP = f"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{BLOG}/2025/06/the-red-shoes-2025/</loc></url></urlset>""".encode()
INDEX = f"""<html><body><nav><a href="/">Home</a><a href="/about/">About</a><a href="/category/reviews/">Reviews</a></nav>
<main><h2><a href="/2025/06/the-red-shoes-2025/">The Red Shoes (2025)</a></h2>
<h2><a href="{BLOG}/2025/05/the-red-shoes-1948/">The Red Shoes (1948)</a></h2>
<a href="/2025/06/the-red-shoes-2025/#comments">3 comments</a> <a href="/page/2/">Older posts</a>
<a href="https://elsewhere.example/some-review/">a friend's review</a> <img src="/poster.jpg"></main></body></html>""".encode()


def spider() -> ReviewsSpider:
    crawler = get_crawler(ReviewsSpider)
    crawler.spider = ReviewsSpider.from_crawler(crawler, start_urls=f"{BLOG}/")
    return crawler.spider  # type: ignore[return-value]


def urls(results: list[object]) -> list[str]:
    return [r.url for r in results if isinstance(r, scrapy.Request)]


def test_reviews_spider_should_stay_on_the_blog_host() -> None:
    assert spider().allowed_domains == ["filmreverie.example"]


def test_reviews_spider_should_follow_rss_items() -> None:
    response = XmlResponse(url=f"{BLOG}/feed/", body=RSS, request=Request(f"{BLOG}/feed/"))
    assert urls(list(spider().parse_start(response))) == [
        f"{BLOG}/2025/06/the-red-shoes-2025/",
        f"{BLOG}/2025/05/the-red-shoes-1948/",
    ]


def test_reviews_spider_should_follow_atom_entries_alternate_links_only() -> None:
    response = XmlResponse(url=f"{BLOG}/atom.xml", body=ATOM, request=Request(f"{BLOG}/atom.xml"))
    assert urls(list(spider().parse_start(response))) == [f"{BLOG}/2025/06/the-red-shoes-2025/"]


def test_reviews_spider_should_read_sitemap_indexes_as_sitemaps() -> None:
    s = spider()
    index = XmlResponse(url=f"{BLOG}/sitemap.xml", body=SITEMAP_INDEX, request=Request(f"{BLOG}/sitemap.xml"))
    (nested,) = [r for r in s.parse_start(index) if isinstance(r, scrapy.Request)]
    assert nested.url == f"{BLOG}/post-sitemap.xml" and nested.callback == s.parse_start
    posts = TextResponse(url=nested.url, body=SITEMAP, request=nested)
    (article,) = [r for r in s.parse_start(posts) if isinstance(r, scrapy.Request)]
    assert article.url == f"{BLOG}/2025/06/the-red-shoes-2025/" and article.callback == s.parse


def test_reviews_spider_should_follow_article_links_of_an_index_page_in_order() -> None:
    response = HtmlResponse(url=f"{BLOG}/", body=INDEX, request=Request(f"{BLOG}/"), encoding="utf-8")
    assert urls(list(spider().parse_start(response))) == [
        f"{BLOG}/2025/06/the-red-shoes-2025/",
        f"{BLOG}/2025/05/the-red-shoes-1948/",
    ]
