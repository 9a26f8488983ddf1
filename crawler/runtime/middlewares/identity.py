"""An honest User-Agent: the crawler's name and version, and where the site's operator can reach whoever runs
the crawl (FILMCRAWL_CONTACT_URL).

USER_AGENT is composed from FILMCRAWL_CONTACT_URL in the settings module, so setting only the contact URL
(`-s FILMCRAWL_CONTACT_URL=https://example.org/bot`) would otherwise leave the User-Agent naming the old one.
When the contact URL is set with a higher priority than USER_AGENT, the "(+URL)" part of the User-Agent is
replaced by it (or added); a USER_AGENT set as explicitly as the contact URL is used as it is.
"""

from __future__ import annotations

import re

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware

_CONTACT = re.compile(r"\(\+[^)]*\)")


def with_contact(user_agent: str, contact_url: str) -> str:
    """`user_agent` naming `contact_url` as its "(+URL)" part."""
    if not contact_url or contact_url in user_agent:
        return user_agent
    if _CONTACT.search(user_agent):
        return _CONTACT.sub(f"(+{contact_url})", user_agent, count=1)
    return f"{user_agent} (+{contact_url})"


class ContactUserAgentMiddleware(UserAgentMiddleware):
    """Replaces scrapy.downloadermiddlewares.useragent.UserAgentMiddleware at the same place (500)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContactUserAgentMiddleware:
        settings = crawler.settings
        user_agent = settings.get("USER_AGENT") or ""
        if (settings.getpriority("FILMCRAWL_CONTACT_URL") or 0) > (settings.getpriority("USER_AGENT") or 0):
            user_agent = with_contact(user_agent, settings.get("FILMCRAWL_CONTACT_URL") or "")
        middleware = cls(user_agent)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware
