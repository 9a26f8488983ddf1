"""Challenge, captcha and consent pages are recognised before parsing: they never become films."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers.blocked import block_reason

BLOCKED = [
    # (what, markup, status, reason)
    (
        "AWS WAF challenge (IMDb since 2026)",
        '<html><head><script src="https://x.token.awswaf.com/challenge.js"></script><script>window.gokuProps = '
        '{"key": "k"}</script></head><body><div id="challenge-container"></div></body></html>',
        202,
        "waf_challenge",
    ),
    (
        "Cloudflare interstitial",
        "<html><head><title>Just a moment...</title></head><body></body></html>",
        403,
        "cloudflare_challenge",
    ),
    (
        "captcha form",
        '<html><head><title>Robot Check</title></head><body><form action="/errors/validateCaptcha">'
        "</form></body></html>",
        200,
        "captcha",
    ),
    ("reCAPTCHA widget", '<html><body><div class="g-recaptcha" data-sitekey="x"></div></body></html>', 200, "captcha"),
    ("consent wall", "<html><head><title>Before you continue</title></head><body></body></html>", 200, "consent"),
    ("empty 202", "<html><head></head><body></body></html>", 202, "empty_202"),
]

# One challenge or block page per vendor, as each serves it (markup reduced to the markers), with status 200.
_BIG_SCRIPT = "<script>var pad = '" + "x" * 80_000 + "';</script>"
VENDOR_PAGES = [
    (
        "Cloudflare managed challenge over 60 KB",
        f"<html><head><title>Just a moment...</title>{_BIG_SCRIPT}</head><body><script>window._cf_chl_opt = "
        "{cvId: '3'};</script></body></html>",
        "cloudflare_challenge",
    ),
    (
        "Cloudflare Turnstile",
        '<html><head><title>Example</title><script src="https://challenges.cloudflare.com/'
        'turnstile/v0/api.js" async></script></head><body><div class="cf-turnstile" data-sitekey="0x4"></div>'
        "</body></html>",
        "cloudflare_challenge",
    ),
    (
        "Cloudflare block page",
        "<html><head><title>Attention Required! | Cloudflare</title></head><body>"
        '<div id="cf-error-details">Sorry, you have been blocked</div></body></html>',
        "cloudflare_challenge",
    ),
    (
        "PerimeterX press and hold",
        "<html><head><title>Access to this page has been denied.</title></head><body>"
        '<div id="px-captcha"></div><script>window._pxAppId = "PXabc";</script></body></html>',
        "perimeterx_challenge",
    ),
    (
        "Incapsula interstitial",
        '<html><head><META NAME="robots" CONTENT="noindex,nofollow"><script src="/_Incapsula_'
        'Resource?SWJIYLWA=5074a744e2e3d891814e9a2dace20bd4,719d34d31c8e3a6e6fffd425f7e032f3"></script></head>'
        "<body></body></html>",
        "incapsula_challenge",
    ),
    (
        "Incapsula incident page",
        '<html><body><iframe id="main-iframe" src="/_Incapsula_Resource?CWUDNSAI=9">'
        "Request unsuccessful. Incapsula incident ID: 1-2</iframe></body></html>",
        "incapsula_challenge",
    ),
    (
        "Distil captcha",
        '<html><head><title>Pardon Our Interruption</title></head><body><form id="distilCaptchaForm" '
        'action="/distil_r_captcha.html"></form></body></html>',
        "distil_challenge",
    ),
    (
        "DataDome device check",
        '<html><head><title>example.com</title></head><body><script>var dd={"rt":"c",'
        '"host":"geo.captcha-delivery.com"}</script><script src="https://ct.captcha-delivery.com/c.js"></script>'
        "</body></html>",
        "datadome_challenge",
    ),
    (
        "Akamai sec-cpt challenge",
        '<html><body><div id="sec-if-cpt-container"><iframe src="/_sec/cp_challenge/'
        'ak-challenge-4-3.htm"></iframe></div></body></html>',
        "akamai_challenge",
    ),
    (
        "Akamai access denied",
        "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>You don't "
        'have permission to access "http&#58;&#47;&#47;www&#46;example&#46;com&#47;" on this server.<P>Reference&#32;'
        "&#35;18&#46;7a1d2c17&#46;1718409600&#46;3f9b21e<P>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net</BODY>"
        "</HTML>",
        "akamai_challenge",
    ),
    (
        "AWS WAF captcha",
        '<html><head><script>window.awsWafCookieDomainList = [];</script><script src="https://x.'
        'captcha.awswaf.com/captcha.js"></script></head><body><div id="captcha-container"></div></body></html>',
        "waf_challenge",
    ),
    (
        "Kasada interstitial",
        "<html><head><script>window.KPSDK={};KPSDK.now=typeof performance!=='undefined'"
        '</script><script src="/149e9513-01fa-4fb0-aad4-566afd725d1b/2d206a39-8ed7-437e-a3be-862e0f06eea3/ips.js">'
        "</script></head><body></body></html>",
        "kasada_challenge",
    ),
    (
        "hCaptcha wall",
        '<html><head><script src="https://hcaptcha.com/1/api.js" async></script></head><body>'
        '<form><div class="h-captcha" data-sitekey="10000000"></div></form></body></html>',
        "captcha",
    ),
    (
        "Anubis proof-of-work wall",
        '<html lang="cs"><head><title>Ujišťujeme se, že nejste robot!</title><script id="anubis_challenge" '
        'type="application/json">{"rules":{"algorithm":"fast","difficulty":2}}</script></head><body>'
        '<h1 id="title">Ujišťujeme se, že nejste robot!</h1><script type="module" '
        'src="/.within.website/x/cmd/anubis/static/js/main.mjs"></script></body></html>',
        "anubis_challenge",
    ),
]


@pytest.mark.parametrize(("what", "markup", "reason"), VENDOR_PAGES, ids=[c[0] for c in VENDOR_PAGES])
@pytest.mark.parametrize("status", [200, 403, 429, 503])
def test_block_reason_should_know_each_vendor_on_any_status_and_size(
    what: str, markup: str, reason: str, status: int
) -> None:
    assert block_reason(Selector(text=markup), status=status) == reason


@pytest.mark.parametrize(("what", "markup", "status", "reason"), BLOCKED, ids=[c[0] for c in BLOCKED])
def test_block_reason_should_name_the_block(what: str, markup: str, status: int, reason: str) -> None:
    assert block_reason(Selector(text=markup), status=status) == reason


NOT_BLOCKED = [
    (
        "a film page",
        "<html><head><title>The Red Shoes (1948) - IMDb</title></head><body><h1>The Red Shoes</h1></body></html>",
    ),
    (
        "a long page that mentions a captcha in its comment form",
        "<html><body>" + "<p>review text</p>" * 5000 + '<div class="g-recaptcha"></div></body></html>',
    ),
    # Real pages of protected sites carry the vendor's sensor script: not a challenge while the page shows text.
    (
        "a film page with PerimeterX's sensor",
        "<html><head><title>Film</title><script>window._pxAppId = 'PXa';"
        "</script></head><body><h1>The Red Shoes</h1>"
        + "<p>A dancer torn between love and art.</p>" * 60
        + "</body></html>",
    ),
    (
        "a film page with Incapsula's script",
        '<html><head><script src="/_Incapsula_Resource?SWJIYLWA=1"></script>'
        "</head><body><h1>The Red Shoes</h1>" + "<p>A dancer torn between love and art.</p>" * 60 + "</body></html>",
    ),
    (
        "a film page with Cloudflare's bot script",
        "<html><head><title>The Red Shoes</title></head><body><h1>The Red Shoes</h1>"
        + "<p>Plot words.</p>" * 200
        + '<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script></body></html>',
    ),
    (
        "a film titled like a block page",
        "<html><head><title>Access Denied (2024) - IMDb</title></head><body>"
        "<h1>Access Denied</h1>" + "<p>A thriller about a locked door.</p>" * 60 + "</body></html>",
    ),
]


@pytest.mark.parametrize(("what", "markup"), NOT_BLOCKED, ids=[c[0] for c in NOT_BLOCKED])
def test_block_reason_should_let_real_pages_through(what: str, markup: str) -> None:
    assert block_reason(Selector(text=markup), status=200) is None
