"""Where a crawl may go: http and https only, the spider's own hosts (its own origins on a mirror crawl), and no
private address on a public crawl.

Every request the downloader is about to fetch passes here: start URLs, followed links, sub-pages, retries,
robots.txt and each hop of a redirect; every redirect answer is checked before it is followed. This replaces
Scrapy's offsite filter, which lets every request with `dont_filter` through (sub-page chains and retries set
it) and drops a redirect to another host without a trace; here a refused redirect is a rejected page with a
named reason.

A mirror crawl (the spider's `allowed_origins`: start URLs on this machine or off the site's hosts) may only
fetch from the origins of its start URLs, compared as (scheme, host, port): a redirect to the real site, to a
subdomain, or to another port of 127.0.0.1 is off-site.

Refusals are counted in the stats as `filmcrawl/boundaries/<reason>`:

    bad_scheme           not http or https (file:, ftp:, data:, s3: ...)
    offsite              a host outside the spider's `allowed_domains` (or a subdomain of one), or on a mirror
                         crawl an origin other than its start URLs'
    private_address      a loopback, private, link-local or otherwise non-public address, written as an IP
                         or resolved from a name, unless FILMCRAWL_ALLOW_PRIVATE_HOSTS allows it
    redirect_<reason>    a redirect that would break one of the above: the 3xx page was received
    redirect_loop        a redirect (3xx or meta refresh) back to a URL of its own chain, or closing a cycle
                         between pages the crawl asked for (crawler.runtime.outcomes); Scrapy would drop it unseen as a
                         duplicate
Off-site refusals are also counted as `filmcrawl/offsite/link` (a followed link, never fetched) and
`filmcrawl/offsite/redirect` (a 3xx or meta refresh received, rejected).

Names are resolved through the reactor's resolver before the fetch; Scrapy's connection then reads the same
cached answer (DNSCACHE_ENABLED, the default), so the address checked is the address fetched.

It sits at 650, after the retry middleware and before RedirectMiddleware (600) and MetaRefreshMiddleware (580)
on the way back, so it sees each redirect answer before it is followed. robots.txt requests of a refused host are refused too, but only
the page is counted.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import get_meta_refresh
from twisted.internet import defer
from twisted.internet.error import DNSLookupError
from w3lib.url import safe_url_string

from crawler.runtime.outcomes import REDIRECT_CYCLE_META

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

SCHEMES = frozenset({"http", "https"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_PORTS = {"http": 80, "https": 443}

Origin = tuple[str, str, int]


def origin_of(url: str) -> Origin:
    """(scheme, host, port) of a URL, the port filled in from the scheme when the URL leaves it out."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").rstrip("."), port or DEFAULT_PORTS.get(scheme, 0)


def format_origin(origin: Origin) -> str:
    scheme, host, port = origin
    return f"{scheme}://{host}:{port}"


class OutOfBounds(IgnoreRequest):
    """A request the crawl must not make. `received` is True when a page was received (a refused redirect):
    the spider then rejects that page; otherwise the URL was never fetched and is only counted."""

    def __init__(self, reason: str, url: str, detail: str, *, received: bool = False) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.url = url
        self.detail = detail
        self.received = received


def is_public(address: IPAddress) -> bool:
    """True for an address on the public internet; False for loopback, private, link-local, shared,
    reserved, unspecified and multicast ones (also IPv4 ones written as IPv6)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def host_matches(host: str, domains: Iterable[str]) -> bool:
    """`host` is one of `domains` or a subdomain of one."""
    return any(host == d or host.endswith("." + d) for d in domains)


@dataclass(frozen=True)
class PrivateAllowance:
    """Private addresses a crawl may reach anyway (a mirror, the sample site, a test server): host names
    (subdomains included) and networks ("127.0.0.0/8", "::1", "10.1.2.3")."""

    names: tuple[str, ...] = ()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> PrivateAllowance:
        names: list[str] = []
        networks: list[IPNetwork] = []
        for entry in (e.strip().lower() for e in entries):
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                names.append(entry.rstrip("."))
        return cls(tuple(names), tuple(networks))

    def allows(self, host: str, address: IPAddress) -> bool:
        if host_matches(host, self.names):
            return True
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        return any(address in network for network in self.networks)


class BoundariesMiddleware:
    """Downloader middleware refusing requests outside the crawl's bounds (see the module docstring)."""

    def __init__(self, crawler: Crawler, allowance: PrivateAllowance) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.allowance = allowance
        self._logged: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoundariesMiddleware:
        return cls(crawler, PrivateAllowance.parse(crawler.settings.getlist("FILMCRAWL_ALLOW_PRIVATE_HOSTS")))

    # --- checks ------------------------------------------------------------------------------------------

    def refusal(self, url: str, spider: Spider | None) -> tuple[str, str] | None:
        """(reason, detail) when `url` is out of bounds by its text alone, else None."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in SCHEMES:
            return "bad_scheme", f"{parts.scheme or 'no'} scheme in {url}"
        host = (parts.hostname or "").rstrip(".")
        if not host:
            return "bad_scheme", f"no host in {url}"
        domains = [d.lower() for d in (getattr(spider, "allowed_domains", None) or []) if d]
        if domains and not host_matches(host, domains):
            return "offsite", f"{host} is not one of the spider's hosts ({', '.join(domains)})"
        origins = getattr(spider, "allowed_origins", None)
        if origins and origin_of(url) not in origins:
            return "offsite", (
                f"{format_origin(origin_of(url))} is not the origin of the mirror crawled "
                f"({', '.join(sorted(format_origin(o) for o in origins))})"
            )
        address = ip_literal(host)
        if address is not None:
            return self._address_refusal(host, address)
        return None

    def _address_refusal(self, host: str, address: IPAddress) -> tuple[str, str] | None:
        if is_public(address) or self.allowance.allows(host, address):
            return None
        return "private_address", (
            f"{host} is {address}, not a public address (FILMCRAWL_ALLOW_PRIVATE_HOSTS allows one)"
        )

    async def _resolved_refusal(self, host: str) -> tuple[str, str] | None:
        from twisted.internet import reactor

        try:
            # Twisted declares IReactorCore.resolve as a zope interface method, without `self`: mypy takes the
            # host for `self` and the timeout for the host.
            resolved = await maybe_deferred_to_future(reactor.resolve(host))  # type: ignore[arg-type]
        except (DNSLookupError, defer.TimeoutError):
            return None  # the fetch fails on its own, under its own name
        address = ip_literal(str(resolved))
        return self._address_refusal(host, address) if address is not None else None

    # --- Scrapy hooks ------------------------------------------------------------------------------------

    async def process_request(self, request: Request) -> None:
        spider = self.crawler.spider
        redirected = bool(request.meta.get("redirect_urls"))
        if REDIRECT_CYCLE_META in request.meta:
            pages = [request.meta["redirect_urls"][0], *request.meta[REDIRECT_CYCLE_META]]
            self._refuse(
                "redirect_loop", request, "the pages " + " and ".join(pages) + " redirect to each other", received=True
            )
        refused = self.refusal(request.url, spider)
        if refused is None and not request.meta.get("proxy"):
            # Behind a proxy the proxy resolves the name; without one, the name must not lead inside.
            host = (urlsplit(request.url).hostname or "").rstrip(".")
            if ip_literal(host) is None:
                refused = await self._resolved_refusal(host)
        if refused is not None:
            reason, detail = refused
            self._refuse(f"redirect_{reason}" if redirected else reason, request, detail, received=redirected)

    def process_response(self, request: Request, response: Response) -> Response:
        target = self._redirect_target(request, response)
        if target is None:
            return response
        refused = self.refusal(target, self.crawler.spider)
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if refused is None and urldefrag(target).url in {urldefrag(url).url for url in chain}:
            refused = "loop", f"{target} was already visited in this redirect chain ({len(chain)} hops)"
        if refused is not None:
            reason, detail = refused
            self._refuse(f"redirect_{reason}", request, f"redirect to {target} refused: {detail}", received=True)
        return response

    def _redirect_target(self, request: Request, response: Response) -> str | None:
        """Where a 3xx answer that Scrapy's RedirectMiddleware will act on points to, as it computes it, or the
        URL of a meta refresh that MetaRefreshMiddleware will follow."""
        if response.status not in REDIRECT_STATUSES:
            return self._meta_refresh_target(request, response)
        location = response.headers.get("Location")
        if (
            response.status not in REDIRECT_STATUSES
            or not location
            or request.meta.get("dont_redirect")
            or request.meta.get("handle_httpstatus_all")
            or response.status in request.meta.get("handle_httpstatus_list", ())
            or response.status in getattr(self.crawler.spider, "handle_httpstatus_list", ())
        ):
            return None
        target = safe_url_string(location)
        if location.startswith(b"//"):
            target = urlsplit(request.url).scheme + "://" + target.lstrip("/")
        return urljoin(request.url, target)

    def _meta_refresh_target(self, request: Request, response: Response) -> str | None:
        settings = self.crawler.settings
        if (
            not isinstance(response, HtmlResponse)
            or request.meta.get("dont_redirect")
            or request.method == "HEAD"
            or not settings.getbool("METAREFRESH_ENABLED")
        ):
            return None
        interval, url = get_meta_refresh(response, ignore_tags=settings.getlist("METAREFRESH_IGNORE_TAGS"))
        if url and interval is not None and interval < settings.getfloat("METAREFRESH_MAXDELAY"):
            return url
        return None

    def _refuse(self, reason: str, request: Request, detail: str, *, received: bool) -> None:
        url = request.url
        if not _is_robots_txt(request):
            # The robots.txt request Scrapy makes first for a refused page's host: only the page is counted.
            assert self.stats is not None
            self.stats.inc_value(f"filmcrawl/boundaries/{reason}")
            if reason.endswith("offsite"):
                self.stats.inc_value(f"filmcrawl/offsite/{'redirect' if received else 'link'}")
            host = urlsplit(url).hostname or url
            if (reason, host) not in self._logged:
                # Once per reason and host: a page of a thousand offsite links is one log line.
                self._logged.add((reason, host))
                level = logging.INFO if reason == "offsite" else logging.WARNING
                logger.log(level, "Refused %s: %s", url, detail, extra={"spider": self.crawler.spider})
        raise OutOfBounds(reason, url, detail, received=received)


def _is_robots_txt(request: Request) -> bool:
    return bool(request.meta.get("dont_obey_robotstxt")) and urlsplit(request.url).path == "/robots.txt"


def refused_without_page(failure_value: Any) -> bool:
    """True for a request refused before anything was fetched: counted in the stats, not a rejected page."""
    return isinstance(failure_value, OutOfBounds) and not failure_value.received
