"""Recognise answers that are not the page: WAF challenges, captchas, consent walls, rate-limit pages.

Checked before any parser runs, so a challenge page is counted as blocked and never becomes a film.
"""

from __future__ import annotations

import re

from parsel import Selector

# Markers seen in challenge pages of the common bot-protection services, matched on the raw markup. Each
# pattern comes with needles, lower case, one of which is in any text it matches: the needles are looked for
# first with `in`, far faster than a case-insensitive regex scan of every page.
_MARKERS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    ("waf_challenge", ("awswafcookiedomainlist", "gokuprops", "/challenge.js", "awswafintegration"),
     re.compile(r"awsWafCookieDomainList|gokuProps|/challenge\.js|AwsWafIntegration", re.I)),
    ("cloudflare_challenge", ("cf-browser-verification", "cf_chl_opt", "challenge-platform", "just a moment",
                              "attention required"),
     re.compile(r"cf-browser-verification|cf_chl_opt|challenge-platform|"
                r"<title>\s*(Just a moment|Attention Required)", re.I)),
    ("captcha", ("captcha", "robot check", "are you a human"),
     re.compile(r"g-recaptcha|h-captcha|captcha-delivery|/captcha/|"
                r"<title>[^<]*(captcha|robot check|are you a human)", re.I)),
    ("consent", ("consent", "before you continue"),
     re.compile(r"<title>[^<]*(before you continue|consent)[^<]*</title>|consent\.google\.", re.I)),
    ("access_denied", ("access denied", "403 forbidden", "request blocked"),
     re.compile(r"<title>\s*(Access Denied|403 Forbidden|Request blocked)", re.I)),
)
# Besides ASCII case, IGNORECASE equates four letters with ASCII ones (re documents them): the Kelvin sign
# lower-cases to "k" and "İ" to "i" plus this combining dot; the other two are mapped by hand.
_FOLD_AFTER_LOWER = (("\u0307", ""), ("\u0131", "i"), ("\u017f", "s"))
# A challenge page is small: a real film page that mentions "captcha" in a comment form is not blocked.
_MAX_CHALLENGE_CHARS = 60_000


def block_reason(sel: Selector, *, status: int | None = None) -> str | None:
    """The kind of block this response is, or None when it looks like a real page."""
    if sel.type != "html":
        return None
    # Serialising a large page costs more than parsing it: a lower bound of its markup's length (every element
    # writes at least "<x>", every text character at least itself) settles most pages without it.
    if sel.root.xpath("string-length(.) + 3 * count(descendant-or-self::*)") > _MAX_CHALLENGE_CHARS:
        return None
    text = sel.get()
    if len(text) > _MAX_CHALLENGE_CHARS:
        return None
    folded = _folded(text)
    for reason, needles, pattern in _MARKERS:
        if any(needle in folded for needle in needles) and pattern.search(text):
            return reason
    if status == 202 and not sel.xpath("//body//*[normalize-space(text())]"):
        return "empty_202"
    return None


def _folded(text: str) -> str:
    """`text` with every letter that IGNORECASE matches to an ASCII letter written as that letter, lower case."""
    folded = text.lower()
    for char, replacement in _FOLD_AFTER_LOWER:
        if char in folded:
            folded = folded.replace(char, replacement)
    return folded
