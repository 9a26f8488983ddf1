"""Challenge, captcha and consent pages are recognised before parsing: they never become films."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.parsers.blocked import block_reason

BLOCKED = [
    # (what, markup, status, reason)
    ("AWS WAF challenge (IMDb since 2026)",
     '<html><head><script src="https://x.token.awswaf.com/challenge.js"></script><script>window.gokuProps = '
     '{"key": "k"}</script></head><body><div id="challenge-container"></div></body></html>', 202, "waf_challenge"),
    ("Cloudflare interstitial", "<html><head><title>Just a moment...</title></head><body></body></html>", 403,
     "cloudflare_challenge"),
    ("captcha form", '<html><head><title>Robot Check</title></head><body><form action="/errors/validateCaptcha">'
                     "</form></body></html>", 200, "captcha"),
    ("reCAPTCHA widget", '<html><body><div class="g-recaptcha" data-sitekey="x"></div></body></html>', 200, "captcha"),
    ("consent wall", "<html><head><title>Before you continue</title></head><body></body></html>", 200, "consent"),
    ("empty 202", "<html><head></head><body></body></html>", 202, "empty_202"),
]


@pytest.mark.parametrize(("what", "markup", "status", "reason"), BLOCKED, ids=[c[0] for c in BLOCKED])
def test_block_reason_should_name_the_block(what: str, markup: str, status: int, reason: str) -> None:
    assert block_reason(Selector(text=markup), status=status) == reason


NOT_BLOCKED = [
    ("a film page", '<html><head><title>The Red Shoes (1948) - IMDb</title></head><body><h1>The Red Shoes</h1>'
                    "</body></html>"),
    ("a long page that mentions a captcha in its comment form",
     "<html><body>" + "<p>review text</p>" * 5000 + '<div class="g-recaptcha"></div></body></html>'),
]


@pytest.mark.parametrize(("what", "markup"), NOT_BLOCKED, ids=[c[0] for c in NOT_BLOCKED])
def test_block_reason_should_let_real_pages_through(what: str, markup: str) -> None:
    assert block_reason(Selector(text=markup), status=200) is None
