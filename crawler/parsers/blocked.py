"""Recognise answers that are not the page: WAF challenges, captchas, consent walls, rate-limit pages.

Checked before any parser runs, so a challenge page is counted as blocked and never becomes a film.
"""

from __future__ import annotations

import re

from parsel import Selector

# Markers seen in challenge pages of the common bot-protection services, matched on the raw markup.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("waf_challenge", re.compile(r"awsWafCookieDomainList|gokuProps|/challenge\.js|AwsWafIntegration", re.I)),
    ("cloudflare_challenge", re.compile(r"cf-browser-verification|cf_chl_opt|challenge-platform|"
                                        r"<title>\s*(Just a moment|Attention Required)", re.I)),
    ("captcha", re.compile(r"g-recaptcha|h-captcha|captcha-delivery|/captcha/|"
                           r"<title>[^<]*(captcha|robot check|are you a human)", re.I)),
    ("consent", re.compile(r"<title>[^<]*(before you continue|consent)[^<]*</title>|consent\.google\.", re.I)),
    ("access_denied", re.compile(r"<title>\s*(Access Denied|403 Forbidden|Request blocked)", re.I)),
)
# A challenge page is small: a real film page that mentions "captcha" in a comment form is not blocked.
_MAX_CHALLENGE_CHARS = 60_000


def block_reason(sel: Selector, *, status: int | None = None) -> str | None:
    """The kind of block this response is, or None when it looks like a real page."""
    if sel.type != "html":
        return None
    text = sel.get()
    if len(text) > _MAX_CHALLENGE_CHARS:
        return None
    for reason, pattern in _MARKERS:
        if pattern.search(text):
            return reason
    if status == 202 and not sel.xpath("//body//*[normalize-space(text())]"):
        return "empty_202"
    return None
