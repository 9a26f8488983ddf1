"""Recognise answers that are not the page: bot-protection challenges, captchas, consent walls, block pages.

Checked before any parser runs, on any status code and at any page size, so a challenge page is counted as
blocked (and retried with back-off) and never becomes a film or a `no_title` reject.

MARKERS is one table: each row names the block, a marker (lower-case text looked for in the page's markup, or
at the start of its `<title>`), and whether the marker alone decides. A challenge shows next to no text, so
markers in the markup (which real pages of a protected site also carry: the vendor's sensor script, a captcha
widget in a comment form) count only on a bare page, one showing fewer than BARE_PAGE_CHARS characters; the
few titles no real page has ("Just a moment...") decide alone, at any size. The check reads the decoded text
of the response as it came (no re-serialisation of the parsed tree); counting a page's visible text stops at
BARE_PAGE_CHARS, so a real page costs a title match and a short walk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from weakref import WeakKeyDictionary

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
    """For a title marker: True when it decides alone, False when it also needs a bare page. Markers in the
    markup always need a bare page."""
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
    # Anubis (a proof-of-work wall in front of ČSFD since 2026): its challenge travels as page JSON.
    Marker("anubis_challenge", 'id="anubis_challenge"', vendor="Anubis"),
    Marker("anubis_challenge", "/.within.website/x/cmd/anubis/", vendor="Anubis"),
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
_SPACE = re.compile(r"\s+")


# The decoded text of Selectors parsed from their bytes (crawler.core.extraction.selector_of): parsel keeps the
# text only of those made from text.
_SOURCE_TEXTS: WeakKeyDictionary[Selector, str] = WeakKeyDictionary()


def keep_text(sel: Selector, text: str) -> None:
    """Remember the decoded text `sel` was parsed from, for page_text."""
    _SOURCE_TEXTS[sel] = text


def page_text(sel: Selector) -> str:
    """The decoded text a Selector was made from (kept by parsel, or by keep_text); the serialised tree when it
    was not kept."""
    text = _SOURCE_TEXTS.get(sel) or getattr(sel, "_text", None)
    return text if isinstance(text, str) and text else sel.get()


def block_reason(sel: Selector, *, status: int | None = None) -> str | None:
    """The kind of block this response is, or None when it looks like a real page."""
    if sel.type != "html":
        return None
    text = page_text(sel)
    title_match = _TITLE.search(text)
    title = _SPACE.sub(" ", title_match.group(1)).strip().lower() if title_match else ""
    bare = _is_bare(sel)
    markup = text.lower() if bare else ""
    for marker in MARKERS:
        if marker.where == "title":
            if title.startswith(marker.text) and (marker.alone or bare):
                return marker.reason
        elif bare and marker.text in markup:
            return marker.reason
    if status == 202 and not sel.xpath("//body//*[normalize-space(text())]"):
        return "empty_202"
    return None


_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title"})


def _is_bare(sel: Selector) -> bool:
    """True when the page shows fewer than BARE_PAGE_CHARS characters of text (script and style not shown)."""
    shown = 0
    for element in sel.root.iter():
        # Comments and processing instructions (tags that are not strings) are not shown either.
        if element.text and isinstance(element.tag, str) and element.tag not in _HIDDEN:
            shown += len(element.text.strip())
        if element.tail:
            shown += len(element.tail.strip())
        if shown >= BARE_PAGE_CHARS:
            return False
    return True
