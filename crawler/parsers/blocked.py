"""Recognise answers that are not the page: bot-protection challenges, captchas, consent walls, block pages.

Checked before any parser runs, on any status code and at any page size, so a challenge page is counted as
blocked (and retried with back-off) and never becomes a film or a `no_title` reject.

MARKERS is one table: each row names the block, a marker (lower-case text looked for in the page's markup, or
in its `<title>`), and whether the marker alone decides. Markers that also appear on real pages of a protected
site (the vendor's sensor script, a captcha widget in a comment form) decide only on a bare page: one with
little visible text. The check reads the decoded text of the response as it came (no re-serialisation of the
parsed tree); only a bare-only marker costs a look at the visible text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from parsel import Selector


@dataclass(frozen=True)
class Marker:
    reason: str
    """The block's name, counted as `blocked/<reason>` and rejected as `blocked_<reason>`."""
    text: str
    """Lower-case text that marks the block."""
    where: Literal["markup", "title"] = "markup"
    """Looked for anywhere in the markup, or at the start of the page's `<title>`."""
    alone: bool = True
    """True when the marker alone decides; False when it also needs a bare page (BARE_PAGE_CHARS)."""
    vendor: str = ""


MARKERS: tuple[Marker, ...] = (
    # Cloudflare: the JS/managed challenge, its Turnstile widget, the "Attention Required" block page.
    Marker("cloudflare_challenge", "just a moment", "title", vendor="Cloudflare"),
    Marker("cloudflare_challenge", "attention required! | cloudflare", "title", vendor="Cloudflare"),
    Marker("cloudflare_challenge", "_cf_chl_opt", vendor="Cloudflare"),
    Marker("cloudflare_challenge", "cf-browser-verification", vendor="Cloudflare"),
    Marker("cloudflare_challenge", "cf-challenge-running", vendor="Cloudflare"),
    Marker("cloudflare_challenge", "challenges.cloudflare.com/turnstile", vendor="Cloudflare Turnstile"),
    Marker("cloudflare_challenge", "cf-turnstile", alone=False, vendor="Cloudflare Turnstile"),
    Marker("cloudflare_challenge", "/cdn-cgi/challenge-platform/", alone=False, vendor="Cloudflare"),
    Marker("cloudflare_challenge", "cf-error-details", alone=False, vendor="Cloudflare"),
    # PerimeterX / HUMAN: the "Press & Hold" captcha and its block page.
    Marker("perimeterx_challenge", "px-captcha", vendor="PerimeterX / HUMAN"),
    Marker("perimeterx_challenge", "captcha.px-cdn.net", vendor="PerimeterX / HUMAN"),
    Marker("perimeterx_challenge", "access to this page has been denied", "title", vendor="PerimeterX / HUMAN"),
    Marker("perimeterx_challenge", "_pxappid", alone=False, vendor="PerimeterX / HUMAN"),
    # Incapsula / Imperva: the resource-loading interstitial and the incident page.
    Marker("incapsula_challenge", "incapsula incident id", vendor="Incapsula / Imperva"),
    Marker("incapsula_challenge", "_incapsula_resource", alone=False, vendor="Incapsula / Imperva"),
    # Distil Networks (Imperva Advanced Bot Protection).
    Marker("distil_challenge", "distil_r_captcha", vendor="Distil"),
    Marker("distil_challenge", "distil_r_blocked", vendor="Distil"),
    Marker("distil_challenge", "distilcaptchaform", vendor="Distil"),
    Marker("distil_challenge", "pardon our interruption", "title", vendor="Distil"),
    Marker("distil_challenge", "distil_identify_cookie", alone=False, vendor="Distil"),
    # DataDome: the captcha and device check are served from captcha-delivery.com.
    Marker("datadome_challenge", "captcha-delivery.com", vendor="DataDome"),
    Marker("datadome_challenge", "js.datadome.co", alone=False, vendor="DataDome"),
    # Akamai Bot Manager: the sec-cpt challenge and the edge's "Access Denied ... Reference #18." page.
    Marker("akamai_challenge", "/_sec/cp_challenge/", vendor="Akamai Bot Manager"),
    Marker("akamai_challenge", "sec-if-cpt", vendor="Akamai Bot Manager"),
    Marker("akamai_challenge", "errors.edgesuite.net", vendor="Akamai"),
    Marker("akamai_challenge", "reference&#32;&#35;18", vendor="Akamai"),
    # AWS WAF: the challenge and captcha integrations (IMDb since 2026).
    Marker("waf_challenge", "awswafcookiedomainlist", vendor="AWS WAF"),
    Marker("waf_challenge", "gokuprops", vendor="AWS WAF"),
    Marker("waf_challenge", "awswafintegration", vendor="AWS WAF"),
    Marker("waf_challenge", "/challenge.js", alone=False, vendor="AWS WAF"),
    # Kasada: the 429 interstitial runs its KPSDK script.
    Marker("kasada_challenge", "kpsdk", alone=False, vendor="Kasada"),
    # Captcha walls of any vendor.
    Marker("captcha", "robot check", "title"),
    Marker("captcha", "are you a human", "title", alone=False),
    Marker("captcha", "verify you are human", "title", alone=False),
    Marker("captcha", "captcha", "title", alone=False),
    Marker("captcha", "g-recaptcha", alone=False, vendor="reCAPTCHA"),
    Marker("captcha", "google.com/recaptcha", alone=False, vendor="reCAPTCHA"),
    Marker("captcha", "h-captcha", alone=False, vendor="hCaptcha"),
    Marker("captcha", "hcaptcha.com/1/api.js", alone=False, vendor="hCaptcha"),
    Marker("captcha", "/errors/validatecaptcha"),
    # Consent walls and generic block pages.
    Marker("consent", "before you continue", "title", alone=False),
    Marker("consent", "consent.google.", alone=False),
    Marker("access_denied", "access denied", "title", alone=False),
    Marker("access_denied", "403 forbidden", "title", alone=False),
    Marker("access_denied", "request blocked", "title", alone=False),
)

BARE_PAGE_CHARS = 1_500
"""A page showing fewer visible characters than this is bare: a challenge, not a film page."""

_TITLE = re.compile(r"<title[^>]*>([^<]{0,300})", re.IGNORECASE)
_VISIBLE_TEXT = "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
_SPACE = re.compile(r"\s+")


def page_text(sel: Selector) -> str:
    """The decoded text a Selector was made from (parsel keeps it); the serialised tree when it was not kept."""
    text = getattr(sel, "_text", None)
    return text if isinstance(text, str) and text else sel.get()


def block_reason(sel: Selector, *, status: int | None = None) -> str | None:
    """The kind of block this response is, or None when it looks like a real page."""
    if sel.type != "html":
        return None
    markup = page_text(sel).lower()
    title_match = _TITLE.search(markup)
    title = _SPACE.sub(" ", title_match.group(1)).strip() if title_match else ""
    bare: bool | None = None
    for marker in MARKERS:
        if marker.where == "title":
            found = title.startswith(marker.text)
        else:
            found = marker.text in markup
        if not found:
            continue
        if not marker.alone:
            if bare is None:
                bare = _is_bare(sel)
            if not bare:
                continue
        return marker.reason
    if status == 202 and not sel.xpath("//body//*[normalize-space(text())]"):
        return "empty_202"
    return None


def _is_bare(sel: Selector) -> bool:
    shown = 0
    for text in sel.xpath(_VISIBLE_TEXT).getall():
        shown += len(text.strip())
        if shown >= BARE_PAGE_CHARS:
            return False
    return True
