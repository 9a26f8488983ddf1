"""Where a crawl may go (crawler.runtime.middlewares.boundaries), on requests and responses built in memory: the
crawls in test_faults.py show the same rules on a real server."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest
from scrapy import Request, Spider
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from crawler.runtime.fetch_errors import fetch_error_reason
from crawler.runtime.middlewares.boundaries import (
    BoundariesMiddleware,
    OutOfBounds,
    PrivateAllowance,
    is_public,
    origin_of,
)


class FilmSpider(Spider):
    name = "films"
    allowed_domains = ["films.example", "127.0.0.1"]


def middleware(allow_private: list[str] | None = None) -> BoundariesMiddleware:
    crawler = get_crawler(FilmSpider, settings_dict={"FILMCRAWL_ALLOW_PRIVATE_HOSTS": allow_private or []})
    crawler.spider = FilmSpider.from_crawler(crawler)
    return BoundariesMiddleware.from_crawler(crawler)


# (URL, reason it is refused for, or None when it may be fetched) on a public crawl of films.example
URLS = [
    ("https://films.example/film/1/", None),
    ("https://www.films.example/film/1/", None),  # a subdomain of an allowed host
    ("http://films.example:8080/film/1/", None),
    ("https://evil.example/film/1/", "offsite"),
    ("https://films.example.evil.example/", "offsite"),
    ("https://notfilms.example/", "offsite"),
    ("ftp://films.example/film/1/", "bad_scheme"),
    ("file:///etc/passwd", "bad_scheme"),
    ("data:text/html,<h1>x</h1>", "bad_scheme"),
    ("s3://films.example/bucket", "bad_scheme"),
    ("http://127.0.0.1:8800/film/1/", "private_address"),  # an allowed host, but loopback
]


@pytest.mark.parametrize(("url", "reason"), URLS)
def test_request_should_be_refused_only_outside_the_crawl(url: str, reason: str | None) -> None:
    refused = middleware().refusal(url, middleware().crawler.spider)
    assert (refused[0] if refused else None) == reason


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700::1111", True),
        ("::ffff:93.184.216.34", True),
        ("127.0.0.1", False),
        ("127.8.9.10", False),
        ("::1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("fe80::1", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::ffff:127.0.0.1", False),
        ("fd00::1", False),
    ],
)
def test_only_global_unicast_addresses_should_be_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


def test_private_hosts_setting_should_allow_listed_networks_and_names() -> None:
    allowance = PrivateAllowance.parse(["127.0.0.0/8", "::1", "mirror.lan", ""])
    assert allowance.allows("127.0.0.1", ipaddress.ip_address("127.0.0.1"))
    assert allowance.allows("localhost", ipaddress.ip_address("127.0.0.1"))  # a name resolved into the network
    assert allowance.allows("films.mirror.lan", ipaddress.ip_address("10.0.0.5"))
    assert not allowance.allows("10.0.0.5", ipaddress.ip_address("10.0.0.5"))
    assert not PrivateAllowance.parse([""]).allows("127.0.0.1", ipaddress.ip_address("127.0.0.1"))


def test_allowed_private_host_should_be_fetched() -> None:
    assert middleware(["127.0.0.0/8"]).refusal("http://127.0.0.1:8800/film/1/", FilmSpider()) is None


def test_dont_filter_request_should_not_pass_the_host_check() -> None:
    # Sub-page chains and retries set dont_filter, which Scrapy's own offsite filter lets through.
    request = Request("https://evil.example/title/tt1/fullcredits/", dont_filter=True)
    with pytest.raises(OutOfBounds) as refused:
        asyncio.run(middleware().process_request(request))
    assert (refused.value.reason, refused.value.received) == ("offsite", False)


def redirect(location: str, url: str = "https://films.example/film/1/", **meta: object) -> tuple[Request, Response]:
    request = Request(url, meta=meta)
    return request, Response(url, status=302, headers={"Location": location}, request=request)


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("https://evil.example/x", "redirect_offsite"),
        ("//evil.example/x", "redirect_offsite"),  # scheme-relative
        ("http://169.254.169.254/latest/meta-data/", "redirect_offsite"),
        ("http://127.0.0.1/admin", "redirect_private_address"),
        ("file:///etc/passwd", "redirect_bad_scheme"),
        ("/film/1/", "redirect_loop"),  # back to itself
    ],
)
def test_redirect_out_of_bounds_should_reject_the_page_received(location: str, reason: str) -> None:
    request, response = redirect(location)
    with pytest.raises(OutOfBounds) as refused:
        middleware().process_response(request, response)
    assert (refused.value.reason, refused.value.received) == (reason, True)
    assert fetch_error_reason(refused.value) == reason


def test_redirect_back_to_an_earlier_hop_should_be_a_loop() -> None:
    request, response = redirect(
        "https://films.example/a/", "https://films.example/b/", redirect_urls=["https://films.example/a/"]
    )
    with pytest.raises(OutOfBounds, match="already visited"):
        middleware().process_response(request, response)


def test_redirect_within_bounds_should_be_left_to_scrapy() -> None:
    request, response = redirect("/film/2/")
    assert middleware().process_response(request, response) is response
    request, response = redirect("https://evil.example/", dont_redirect=True)
    assert middleware().process_response(request, response) is response


def test_refusals_should_be_counted_by_reason() -> None:
    mw = middleware()
    for url in ("https://evil.example/1", "https://evil.example/2", "ftp://films.example/"):
        with pytest.raises(OutOfBounds):
            asyncio.run(mw.process_request(Request(url)))
    assert mw.stats.get_value("filmcrawl/boundaries/offsite") == 2  # type: ignore[union-attr]
    assert mw.stats.get_value("filmcrawl/boundaries/bad_scheme") == 1  # type: ignore[union-attr]


# --- origins of a mirror crawl -------------------------------------------------------------------------------


class MirrorSpider(Spider):
    """A mirror crawl of films.example served on 127.0.0.1:8800 (spiders.base sets these from the start URLs)."""

    name = "mirror"
    allowed_domains = ["films.example", "127.0.0.1"]
    allowed_origins = frozenset({origin_of("http://127.0.0.1:8800/list/1/")})


def mirror_middleware() -> BoundariesMiddleware:
    crawler = get_crawler(MirrorSpider, settings_dict={"FILMCRAWL_ALLOW_PRIVATE_HOSTS": ["127.0.0.0/8"]})
    crawler.spider = MirrorSpider.from_crawler(crawler)
    return BoundariesMiddleware.from_crawler(crawler)


# (URL, reason it is refused for on the mirror crawl, or None)
MIRROR_URLS = [
    ("http://127.0.0.1:8800/film/1/", None),
    ("http://127.0.0.1:8801/film/1/", "offsite"),  # another port of the same machine
    ("http://127.0.0.1/film/1/", "offsite"),  # port 80
    ("https://127.0.0.1:8800/film/1/", "offsite"),  # another scheme
    ("https://films.example/film/1/", "offsite"),  # the real site
    ("https://www.films.example/film/1/", "offsite"),  # a subdomain of it
]


@pytest.mark.parametrize(("url", "reason"), MIRROR_URLS)
def test_mirror_crawl_should_stay_on_its_origin(url: str, reason: str | None) -> None:
    mw = mirror_middleware()
    refused = mw.refusal(url, mw.crawler.spider)
    assert (refused[0] if refused else None) == reason


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("http://films.example/a", ("http", "films.example", 80)),
        ("https://Films.Example:443/a", ("https", "films.example", 443)),
        ("http://127.0.0.1:8800", ("http", "127.0.0.1", 8800)),
        ("http://[::1]:8800/", ("http", "::1", 8800)),
    ],
)
def test_origin_should_be_scheme_host_and_port(url: str, origin: tuple[str, str, int]) -> None:
    assert origin_of(url) == origin


@pytest.mark.parametrize(
    ("refresh", "reason"),
    [
        ("http://127.0.0.1:8801/film/2/", "redirect_offsite"),
        ("https://films.example/film/2/", "redirect_offsite"),
        ("/film/1/", "redirect_loop"),  # to itself
    ],
)
def test_meta_refresh_out_of_bounds_should_reject_the_page_received(refresh: str, reason: str) -> None:
    url = "http://127.0.0.1:8800/film/1/"
    request = Request(url)
    body = f'<html><head><meta http-equiv="refresh" content="0; url={refresh}"></head></html>'.encode()
    response = HtmlResponse(url, body=body, request=request, encoding="utf-8")
    with pytest.raises(OutOfBounds) as refused:
        mirror_middleware().process_response(request, response)
    assert (refused.value.reason, refused.value.received) == (reason, True)
