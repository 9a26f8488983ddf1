"""A fault-injection HTTP server on 127.0.0.1: a Letterboxd-like list of film pages, most of them broken.

The server speaks the structure the Letterboxd parsers read (`/<user>/list/<slug>/` poster grids, film pages
with a header, a synopsis and a JSON-LD Movie), so a real `filmcrawl crawl letterboxd` runs against it. Every
film page is either good (`/film/good-<n>/`) or named after the fault it injects (`/film/<fault>/`); FAULTS
says what each one does and what the crawl must make of it. The server counts every request it answers, so
tests can tell how many times a page was tried and that a forbidden host was never asked for anything.

    with FaultServer() as server:
        server.list_url("all")      # a list of every good film and every fault film
"""

from __future__ import annotations

import functools
import gzip
import json
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

# --- pages ---------------------------------------------------------------------------------------------

USER = "faultlab"
GOOD_FILMS = 6


def film_title(slug: str) -> str:
    return "Film " + " ".join(part.capitalize() for part in slug.split("-"))


def film_page(
    slug: str,
    *,
    title: str | None = None,
    year: int = 1948,
    json_ld: str | None = None,
    charset: str = "UTF-8",
    synopsis: str = "A dancer torn between love and art.",
    heading: bool = True,
) -> str:
    """A film page in the markup Letterboxd serves (header, synopsis, cast, footer runtime, JSON-LD in CDATA).
    Without `heading` and `synopsis` the parser reads the title and the plot from the JSON-LD."""
    title = title or film_title(slug)
    if json_ld is None:
        json_ld = json.dumps(
            {
                "@context": "http://schema.org",
                "@type": "Movie",
                "name": title,
                "url": f"https://letterboxd.com/film/{slug}/",
                "aggregateRating": {
                    "@type": "AggregateRating",
                    "ratingValue": 4.1,
                    "bestRating": 5,
                    "worstRating": 0,
                    "ratingCount": 1203,
                    "reviewCount": 311,
                },
                "genre": ["Drama"],
            },
            ensure_ascii=False,
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
\t<meta charset="{charset}">
\t<title>&lrm;{title} ({year}) &bull; Letterboxd</title>
\t<link rel="canonical" href="https://letterboxd.com/film/{slug}/">
</head>
<body class="film film-page">
<div id="content" class="site-body"><div class="content-wrap"><div class="col-17">
\t<section id="featured-film-header" class="film-header-lockup -default">
\t\t<h1 class="headline-1 js-widont prettify">{title if heading else ""}</h1>
\t\t<p><small class="number"><a href="/films/year/{year}/">{year}</a></small></p>
\t</section>
\t<section class="section col-10 col-main">
\t\t<div class="review body-text -prose -hero prettify">
\t\t\t<div class="truncate" data-truncate="450"><p>{synopsis}</p></div>
\t\t</div>
\t\t<div id="tab-cast" class="tabbed-content-block"><div class="cast-list text-sluglist"><p>
\t\t\t<a href="/actor/moira-shearer/" class="text-slug tooltip" title="Victoria Page">Moira Shearer</a>
\t\t</p></div></div>
\t\t<div id="tab-crew" class="tabbed-content-block column-block">
\t\t\t<h3><span>Director</span></h3>
\t\t\t<div class="text-sluglist"><p><a href="/director/michael-powell/" class="text-slug">Michael Powell</a></p></div>
\t\t</div>
\t\t<p class="text-link text-footer">133&nbsp;mins &nbsp; More at <a href="https://www.imdb.com/title/tt0040725/maindetails" data-track-action="IMDb">IMDb</a></p>
\t</section>
</div></div></div>
<script type="application/ld+json">
/* <![CDATA[ */
{json_ld}
/* ]]> */
</script>
</body>
</html>
"""


def list_page(slugs: list[str], *, next_url: str | None = None) -> str:
    items = "\n".join(
        f'<li class="griditem"><div class="react-component" data-item-name="{film_title(slug)} (1948)" '
        f'data-item-slug="{slug}" data-item-link="/film/{slug}/"><div class="poster film-poster">'
        f'<img src="/p.jpg" alt="Poster for {film_title(slug)} (1948)"></div></div></li>'
        for slug in slugs
    )
    pagination = f'<div class="pagination"><a class="next" href="{next_url}">Older</a></div>' if next_url else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8"><title>Fault lab list &bull; Letterboxd</title></head>
<body class="list-page"><div id="content" class="site-body">
<div class="list-title-intro"><h1 class="title-1 prettify">Fault lab</h1></div>
<ul class="poster-list -p125 -grid film-list">
{items}
</ul>
{pagination}
</div></body></html>
"""


# --- faults ----------------------------------------------------------------------------------------------

Serve = Callable[["FaultHandler", int], None]
"""Answers one request for a fault page; gets the handler and the attempt number (1 for the first request)."""


@dataclass(frozen=True)
class Fault:
    slug: str
    what: str
    """What the server does (the fault table of docs/faults.md)."""
    serve: Serve
    does: str
    """What the crawl does about it (the fault table of docs/faults.md)."""
    outcome: str
    """"record" when the page's film must still be written, else the reject reason it must be counted under."""
    attempts: int = 1
    """How many requests the server gets for the page (retries included)."""
    stage: str = "fetch"
    """Stage of the reject ("fetch" or "parse"); unused for kept records."""
    record_slug: str | None = None
    """The film page whose record is written, when it is not the fault page (the target of a redirect)."""

    @property
    def film(self) -> str:
        return self.record_slug or self.slug


def _good(handler: FaultHandler, slug: str, **page: Any) -> None:
    handler.send_page(200, film_page(slug, **page).encode("utf-8"), "text/html; charset=utf-8")


def status_always(
    status: int, body: bytes = b"<html><body>Server error</body></html>", headers: dict[str, str] | None = None
) -> Serve:
    def serve(handler: FaultHandler, attempt: int) -> None:
        handler.send_page(status, body, "text/html; charset=utf-8", headers)

    return serve


def status_then_page(
    status: int,
    headers: dict[str, str] | None = None,
    *,
    times: int = 1,
    body: bytes = b"<html><body>Slow down</body></html>",
) -> Serve:
    """`status` for the first `times` requests, then the page."""

    def serve(handler: FaultHandler, attempt: int) -> None:
        if attempt <= times:
            handler.send_page(status, body, "text/html; charset=utf-8", headers)
        else:
            _good(handler, handler.slug)

    return serve


CHALLENGE = (
    b'<!DOCTYPE html><html><head><title></title><script>window.gokuProps = {"key":"AQID"};</script>'
    b'<script src="https://0a1b2c3d.edge.sdk.awswaf.com/0a1b2c3d/challenge.js"></script></head>'
    b'<body><div id="challenge-container"></div></body></html>'
)


def challenge_then_page(times: int) -> Serve:
    return status_then_page(202, times=times, body=CHALLENGE)


def reset_mid_body(handler: FaultHandler, attempt: int) -> None:
    body = film_page(handler.slug).encode()
    handler.send_head(200, "text/html; charset=utf-8", {"Content-Length": str(len(body))})
    handler.wfile.write(body[: len(body) // 3])
    handler.wfile.flush()
    handler.reset()


def reset_once(handler: FaultHandler, attempt: int) -> None:
    if attempt == 1:
        reset_mid_body(handler, attempt)
    else:
        _good(handler, handler.slug)


def closed_mid_body(handler: FaultHandler, attempt: int) -> None:
    body = film_page(handler.slug).encode()
    handler.send_head(200, "text/html; charset=utf-8", {"Content-Length": str(len(body))})
    handler.wfile.write(body[: len(body) // 2])
    handler.close_connection = True


def stall(handler: FaultHandler, attempt: int) -> None:
    body = film_page(handler.slug).encode()
    handler.send_head(200, "text/html; charset=utf-8", {"Content-Length": str(len(body))})
    handler.wfile.write(body[:200])
    handler.wfile.flush()
    handler.server.stalls.wait(timeout=30)  # released when the server stops
    handler.close_connection = True


def truncated(at_marker: str) -> Serve:
    """The page cut off just before `at_marker`, sent with a Content-Length that matches the cut page."""

    def serve(handler: FaultHandler, attempt: int) -> None:
        page = film_page(handler.slug)
        handler.send_page(200, page[: page.index(at_marker)].encode(), "text/html; charset=utf-8")

    return serve


def content_type(value: str | None) -> Serve:
    def serve(handler: FaultHandler, attempt: int) -> None:
        handler.send_page(200, film_page(handler.slug).encode(), value)

    return serve


@functools.cache
def gzip_bomb_body() -> bytes:
    """64 MB of zeros, gzipped to about 64 KB."""
    return gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)


def gzip_bomb(handler: FaultHandler, attempt: int) -> None:
    handler.send_page(200, handler.server.bomb, "text/html; charset=utf-8", {"Content-Encoding": "gzip"})


def oversized_declared(handler: FaultHandler, attempt: int) -> None:
    handler.send_page(200, handler.server.oversized, "text/html; charset=utf-8")


def oversized_streamed(handler: FaultHandler, attempt: int) -> None:
    # No Content-Length: the body ends when the connection closes, so only the bytes received can tell.
    handler.send_head(200, "text/html; charset=utf-8", {})
    try:
        for start in range(0, len(handler.server.oversized), 512 * 1024):
            handler.wfile.write(handler.server.oversized[start : start + 512 * 1024])
    except OSError:
        pass  # the client hung up once it had enough
    handler.close_connection = True


ACCENTED_TITLE = "Amélie à Cœur Perdu"  # Œ and œ exist in windows-1252, not in ISO-8859-1


def encoded(body_charset: str, header: str | None, meta: str) -> Serve:
    """The page written in `body_charset`, declared as `header` (Content-Type) and `meta` (<meta charset>)."""

    def serve(handler: FaultHandler, attempt: int) -> None:
        page = film_page(
            handler.slug,
            title=ACCENTED_TITLE.replace("Œ", "Oe").replace("œ", "oe")
            if body_charset == "iso-8859-1"
            else ACCENTED_TITLE,
            charset=meta,
        )
        handler.send_page(200, page.encode(body_charset), header)

    return serve


def json_ld(text: str, *, from_json_ld: bool = False) -> Serve:
    """A film page with this JSON-LD; with `from_json_ld`, title and plot are only in the JSON-LD."""

    def serve(handler: FaultHandler, attempt: int) -> None:
        _good(handler, handler.slug, json_ld=text, **({"heading": False, "synopsis": ""} if from_json_ld else {}))

    return serve


HOSTILE_MARKUP_LD = json.dumps(
    {
        "@type": "Movie",
        "name": "<b>Hostile</b> Film <script>alert('x')</script>\ud800",
        "description": "&lt;img src=x onerror=alert(1)&gt;Plain words. <scr<i>ipt>steal()</scr</i>ipt>",
        "aggregateRating": {"ratingValue": "4.0", "bestRating": "5", "ratingCount": "12"},
    }
).replace("</", "<\\/")
# ("<\/" as JSON writers escape it inside a script element, which a bare "</script>" would close.)
WRONG_TYPES_LD = json.dumps(
    {
        "@type": ["Movie", 7],
        "name": {"@value": ["x"]},
        "url": 12,
        "genre": {"name": None},
        "director": 5,
        "actors": "everyone",
        "releasedEvent": [None, 3, {"startDate": 1948}],
        "aggregateRating": {"ratingValue": [4], "bestRating": {"x": 5}, "ratingCount": "many"},
        "countryOfOrigin": [[{"name": ["GB"]}]],
    }
)


def redirect(location: Callable[[FaultHandler], str]) -> Serve:
    def serve(handler: FaultHandler, attempt: int) -> None:
        handler.send_page(302, b"", "text/html", {"Location": location(handler)})

    return serve


def loop(handler: FaultHandler, attempt: int) -> None:
    other = "redirect-loop-b" if handler.slug == "redirect-loop" else "redirect-loop"
    handler.send_page(302, b"", "text/html", {"Location": f"/film/{other}/"})


def chain(handler: FaultHandler, attempt: int) -> None:
    step = int(handler.slug.rsplit("-", 1)[1]) if handler.slug[-1].isdigit() else 0
    handler.send_page(302, b"", "text/html", {"Location": f"/film/redirect-chain-{step + 1}/"})


FAULTS: tuple[Fault, ...] = (
    # --- HTTP statuses
    Fault("http-500", "500 on every request", status_always(500), "retried, then rejected", "http_500", attempts=2),
    Fault("http-502", "502 on every request", status_always(502), "retried, then rejected", "http_502", attempts=2),
    Fault(
        "http-503",
        "503 without Retry-After on every request",
        status_always(503),
        "host paused (exponential backoff), retried, then rejected",
        "http_503",
        attempts=2,
    ),
    Fault(
        "retry-after-503",
        "503 with Retry-After: 1, then the page",
        status_then_page(503, {"Retry-After": "1"}),
        "host paused for the Retry-After, retried: record written",
        "record",
        attempts=2,
    ),
    Fault(
        "retry-after-429",
        "429 with Retry-After: 1, then the page",
        status_then_page(429, {"Retry-After": "1"}),
        "host paused for the Retry-After, retried: record written",
        "record",
        attempts=2,
    ),
    Fault(
        "http-404",
        "404",
        status_always(404, b"<html><body>Not found</body></html>"),
        "rejected at once (an answer that will not change)",
        "http_404",
        attempts=1,
    ),
    Fault(
        "http-410",
        "410 Gone",
        status_always(410, b"<html><body>Gone</body></html>"),
        "rejected at once",
        "http_410",
        attempts=1,
    ),
    Fault(
        "http-403",
        "403 with a plain error page",
        status_always(403, b"<html><body>Forbidden</body></html>"),
        "read (403 may be a challenge), no film in it: rejected under its status",
        "http_403",
        attempts=1,
    ),
    Fault(
        "waf-challenge",
        "WAF challenge page with status 202 on every request",
        challenge_then_page(99),
        "recognised, retried FILMCRAWL_BLOCKED_RETRY_TIMES, then rejected as blocked",
        "blocked_waf_challenge",
        attempts=3,
    ),
    Fault(
        "waf-challenge-once",
        "WAF challenge page with status 202, then the page",
        challenge_then_page(1),
        "recognised, retried: record written",
        "record",
        attempts=2,
    ),
    # --- the connection
    Fault(
        "reset-mid-body",
        "connection reset (RST) a third into the body",
        reset_mid_body,
        "retried, then rejected",
        "data_loss",
        attempts=2,
    ),
    Fault(
        "reset-once",
        "connection reset mid-body, then the page",
        reset_once,
        "retried: record written",
        "record",
        attempts=2,
    ),
    Fault(
        "closed-mid-body",
        "connection closed halfway through a body of announced length",
        closed_mid_body,
        "retried, then rejected",
        "data_loss",
        attempts=2,
    ),
    Fault(
        "stall",
        "headers and 200 bytes, then nothing past DOWNLOAD_TIMEOUT",
        stall,
        "timed out, retried, then rejected",
        "timeout",
        attempts=2,
    ),
    # --- the body
    Fault(
        "truncated-after-title",
        "HTML cut off after the title (length matches)",
        truncated("</h1>"),
        "what the page still holds is written (title, no rating)",
        "record",
        attempts=1,
    ),
    Fault(
        "truncated-before-title",
        "HTML cut off before the title (length matches)",
        truncated("<h1"),
        "parser finds no title: rejected",
        "no_title",
        attempts=1,
        stage="parse",
    ),
    Fault(
        "content-type-json",
        "HTML sent as application/json",
        content_type("application/json"),
        "the body decides: read as HTML, record written",
        "record",
        attempts=1,
    ),
    Fault(
        "content-type-binary",
        "HTML sent as application/octet-stream",
        content_type("application/octet-stream"),
        "the body is sniffed as HTML: read, record written",
        "record",
        attempts=1,
    ),
    Fault(
        "content-type-image",
        "HTML sent as image/jpeg",
        content_type("image/jpeg"),
        "the body is sniffed as HTML: read, record written",
        "record",
        attempts=1,
    ),
    Fault(
        "content-type-missing",
        "HTML with no Content-Type",
        content_type(None),
        "recognised as HTML, record written",
        "record",
        attempts=1,
    ),
    Fault(
        "gzip-bomb",
        "gzip body inflating to 64 MB",
        gzip_bomb,
        "decompression stopped at DOWNLOAD_MAXSIZE: rejected",
        "decompressed_too_large",
        attempts=1,
    ),
    Fault(
        "oversized-declared",
        "Content-Length over DOWNLOAD_MAXSIZE",
        oversized_declared,
        "download cancelled before the body: rejected",
        "too_large",
        attempts=1,
    ),
    Fault(
        "oversized-streamed",
        "body over DOWNLOAD_MAXSIZE with no Content-Length",
        oversized_streamed,
        "download cancelled at DOWNLOAD_MAXSIZE bytes: rejected",
        "too_large",
        attempts=1,
    ),
    # --- charsets
    Fault(
        "latin1-meta",
        "ISO-8859-1 page, charset only in <meta> (old IMDb pages)",
        encoded("iso-8859-1", "text/html", "iso-8859-1"),
        "decoded with the <meta> charset, record written",
        "record",
        attempts=1,
    ),
    Fault(
        "cp1252-declared-utf8",
        "windows-1252 body, Content-Type and <meta> say UTF-8",
        encoded("cp1252", "text/html; charset=utf-8", "utf-8"),
        "not valid UTF-8: decoded as windows-1252, record written",
        "record",
        attempts=1,
    ),
    Fault(
        "utf8-declared-latin1",
        "UTF-8 body, Content-Type and <meta> say ISO-8859-1",
        encoded("utf-8", "text/html; charset=iso-8859-1", "iso-8859-1"),
        "valid UTF-8: decoded as UTF-8, record written",
        "record",
        attempts=1,
    ),
    # --- embedded data
    Fault(
        "ld-deep-nesting",
        "JSON-LD nested 100,000 levels deep",
        json_ld("[" * 100_000 + "]" * 100_000),
        "JSON-LD ignored, record from the markup",
        "record",
        attempts=1,
    ),
    Fault(
        "ld-huge-numbers",
        "JSON-LD with a 5,000-digit count and a 1e400 rating",
        json_ld(
            '{"@type": "Movie", "name": "Film Ld Huge Numbers", "aggregateRating": {"ratingValue": 1e400,'
            ' "bestRating": 5, "ratingCount": ' + "9" * 5000 + "}}"
        ),
        "JSON-LD unreadable, ignored: record from the markup",
        "record",
        attempts=1,
    ),
    Fault(
        "ld-huge-numbers-valid-json",
        "JSON-LD with a 1e400 rating and a 30-digit count",
        json_ld(
            '{"@type": "Movie", "name": "Film", "aggregateRating": {"ratingValue": 1e400,'
            ' "bestRating": 5, "ratingCount": 123456789012345678901234567890}}'
        ),
        "infinite rating left out, record written",
        "record",
        attempts=1,
    ),
    Fault(
        "ld-wrong-types",
        "JSON-LD whose fields have the wrong types",
        json_ld(WRONG_TYPES_LD),
        "wrong-typed values left out, record written",
        "record",
        attempts=1,
    ),
    Fault(
        "ld-malformed",
        "JSON-LD that is not JSON",
        json_ld('{"@type": "Movie", "name": "Film", '),
        "JSON-LD ignored, record from the markup",
        "record",
        attempts=1,
    ),
    Fault(
        "ld-hostile-markup",
        "JSON-LD strings carrying tags, script and a lone surrogate",
        json_ld(HOSTILE_MARKUP_LD, from_json_ld=True),
        "tags and script removed, surrogate written as U+FFFD: record written",
        "record",
        attempts=1,
    ),
    # --- redirects
    Fault(
        "redirect-same-host",
        "302 to another film page on the same host",
        redirect(lambda h: "/film/good-moved/"),
        "followed: the target's record written",
        "record",
        attempts=1,
        record_slug="good-moved",
    ),
    Fault(
        "redirect-loop",
        "302 from A to B and from B back to A",
        loop,
        "refused at the first return to A: rejected",
        "redirect_loop",
        attempts=1,
    ),
    Fault(
        "redirect-chain",
        "302 to a new URL every time",
        chain,
        "followed REDIRECT_MAX_TIMES (20) times, then rejected",
        "too_many_redirects",
        attempts=1,
    ),
    Fault(
        "redirect-other-host",
        "302 to the same server under another host name (localhost)",
        redirect(lambda h: f"http://localhost:{h.server.server_port}/film/good-1/"),
        "not followed (not an allowed host): rejected",
        "redirect_offsite",
        attempts=1,
    ),
    Fault(
        "redirect-metadata",
        "302 to the cloud metadata address 169.254.169.254",
        redirect(lambda h: "http://169.254.169.254/latest/meta-data/"),
        "not followed (not an allowed host, nor public): rejected",
        "redirect_offsite",
        attempts=1,
    ),
    Fault(
        "redirect-file",
        "302 to file:///etc/passwd",
        redirect(lambda h: "file:///etc/passwd"),
        "not followed (not http or https): rejected",
        "redirect_bad_scheme",
        attempts=1,
    ),
)
FAULTS_BY_SLUG = {fault.slug: fault for fault in FAULTS}


# --- values and text: numbers, rejects, decoding, challenges, unsafe text, implausible values -----------------
# Crawled on a server of their own (tests/faults/test_values.py); docs/faults.md "Values and text" lists them.


def ld_rating(rating: dict[str, Any], *, from_json_ld: bool = False, **movie: Any) -> Serve:
    """A film page whose JSON-LD aggregateRating (and other Movie keys) are these."""

    def serve(handler: FaultHandler, attempt: int) -> None:
        data = {
            "@context": "http://schema.org",
            "@type": "Movie",
            "name": film_title(handler.slug),
            "url": f"https://letterboxd.com/film/{handler.slug}/",
            **movie,
            "aggregateRating": {"@type": "AggregateRating", **rating},
        }
        _good(
            handler,
            handler.slug,
            json_ld=json.dumps(data),
            **({"heading": False, "synopsis": ""} if from_json_ld else {}),
        )

    return serve


STRAY_BYTE_TITLE = "Amélie à Cœur Perdu"


def bytes_page(
    body_charset: str, header: str | None, meta: str | None, *, stray_byte: bool = False, bom: bool = False
) -> Serve:
    """The film page titled STRAY_BYTE_TITLE written in `body_charset`, declared as `header` (Content-Type)
    and `meta` (none when None); with `stray_byte`, one invalid byte in the synopsis."""

    def serve(handler: FaultHandler, attempt: int) -> None:
        page = film_page(handler.slug, title=STRAY_BYTE_TITLE, charset=meta or "")
        if meta is None:
            page = page.replace('\t<meta charset="">\n', "")
        body = page.encode(body_charset)
        if stray_byte:
            body = body.replace(b"torn between", b"torn \xff between")
        if bom:
            body = "\ufeff".encode(body_charset) + body
        handler.send_page(200, body, header)

    return serve


def challenge_page(markup: str) -> Serve:
    """A challenge page served with status 200 on every request."""

    def serve(handler: FaultHandler, attempt: int) -> None:
        handler.send_page(200, markup.encode(), "text/html; charset=utf-8")

    return serve


def unsafe_text(handler: FaultHandler, attempt: int) -> None:
    ld = json.dumps(
        {
            "@type": "Movie",
            "name": "Film \u009b31m Unsafe \u202eText\u202c\ufffe" + " long" * 1000,
            "url": f"https://letterboxd.com/film/{handler.slug}/",
            "description": "Plot \u2066words\u2069." + " more" * 40_000,
        }
    )
    _good(handler, handler.slug, json_ld=ld, heading=False, synopsis="")


def invalid_with_surrogate(handler: FaultHandler, attempt: int) -> None:
    # The title is nothing but bidi controls, so the record is invalid; its plot holds a lone surrogate.
    ld = json.dumps({"@type": "Movie", "name": "\u202e\u2066", "description": "Lone \ud800 surrogate."})
    _good(handler, handler.slug, json_ld=ld, heading=False, synopsis="")


def implausible(handler: FaultHandler, attempt: int) -> None:
    page = film_page(handler.slug, year=1700).replace("133&nbsp;mins", "9999&nbsp;mins")
    handler.send_page(200, page.encode(), "text/html; charset=utf-8")


_CLOUDFLARE_PADDING = "<script>var pad='" + "x" * 80_000 + "';</script>"

VALUE_FAULTS: tuple[Fault, ...] = (
    # --- numbers
    Fault(
        "ld-rating-1e5000",
        'JSON-LD ratingValue and bestRating "1e5000"',
        ld_rating({"ratingValue": "1e5000", "bestRating": "1e5000", "ratingCount": 12}),
        "number refused before any arithmetic: rating null, raw text in extraction.unparsed",
        "record",
    ),
    Fault(
        "ld-rating-1e999999",
        "JSON-LD ratingValue and bestRating 1e999999 (as strings)",
        ld_rating({"ratingValue": "1e999999", "bestRating": "1e999999"}),
        "refused at once (no million-digit arithmetic): rating null, raw text kept",
        "record",
    ),
    Fault(
        "ld-count-superscript",
        'JSON-LD ratingCount "²"',
        ld_rating({"ratingValue": 4.1, "bestRating": 5, "ratingCount": "²", "reviewCount": "²"}),
        "count null, raw text kept; the rest of the record written",
        "record",
    ),
    Fault(
        "ld-count-5000-digits",
        "JSON-LD ratingCount of 5,000 digits (a string)",
        ld_rating({"ratingValue": 4.1, "bestRating": 5, "ratingCount": "9" * 5000}),
        "count null, raw text kept; the rest of the record written",
        "record",
    ),
    # --- rejects
    Fault(
        "invalid-with-surrogate",
        "invalid record (title of bidi controls only) whose plot holds a lone surrogate",
        invalid_with_surrogate,
        "rejected; the line written with \\u escapes and counted",
        "invalid_film",
        stage="validate",
    ),
    # --- decoding
    Fault(
        "utf8-stray-byte",
        "UTF-8 page declared UTF-8 with one invalid byte",
        bytes_page("utf-8", "text/html; charset=utf-8", "utf-8", stray_byte=True),
        "read as UTF-8, the byte replaced and counted (filmcrawl/decoding/replaced_characters)",
        "record",
    ),
    Fault(
        "utf8-declared-shift-jis",
        "UTF-8 page declared Shift_JIS (header and <meta>)",
        bytes_page("utf-8", "text/html; charset=shift_jis", "shift_jis"),
        "read as UTF-8",
        "record",
    ),
    Fault(
        "utf8-declared-latin1-meta",
        "UTF-8 page declared ISO-8859-1 in <meta> only",
        bytes_page("utf-8", "text/html", "iso-8859-1"),
        "read as UTF-8",
        "record",
    ),
    Fault(
        "utf8-declared-utf16",
        "UTF-8 page declared UTF-16 in <meta> only",
        bytes_page("utf-8", "text/html", "utf-16"),
        "read as UTF-8",
        "record",
    ),
    Fault(
        "latin1-undeclared",
        "windows-1252 page declaring no charset",
        bytes_page("cp1252", "text/html", None),
        "read as windows-1252",
        "record",
    ),
    Fault(
        "utf16-without-bom",
        "UTF-16LE page without BOM, declaring no charset",
        bytes_page("utf-16-le", "text/html", None),
        "recognised as UTF-16LE",
        "record",
    ),
    Fault(
        "utf16-with-bom",
        "UTF-16 page with BOM, declared UTF-8",
        bytes_page("utf-16-le", "text/html; charset=utf-8", "utf-8", bom=True),
        "the BOM decides",
        "record",
    ),
    # --- challenges served with status 200
    Fault(
        "challenge-perimeterx",
        "PerimeterX captcha page, 200",
        challenge_page(
            "<html><head><title>Access to this page has been denied.</title></head><body>"
            '<div id="px-captcha"></div></body></html>'
        ),
        "recognised, retried with back-off, then rejected as blocked",
        "blocked_perimeterx_challenge",
        attempts=3,
    ),
    Fault(
        "challenge-incapsula",
        "Incapsula interstitial, 200",
        challenge_page(
            '<html><head><script src="/_Incapsula_Resource?SWJIYLWA=5074a7"></script></head><body></body></html>'
        ),
        "recognised, retried with back-off, then rejected as blocked",
        "blocked_incapsula_challenge",
        attempts=3,
    ),
    Fault(
        "challenge-distil",
        "Distil captcha page, 200",
        challenge_page(
            "<html><head><title>Pardon Our Interruption</title></head><body>"
            '<form id="distilCaptchaForm"></form></body></html>'
        ),
        "recognised, retried with back-off, then rejected as blocked",
        "blocked_distil_challenge",
        attempts=3,
    ),
    Fault(
        "challenge-turnstile",
        "Cloudflare Turnstile page, 200",
        challenge_page(
            '<html><head><title>Example</title><script src="https://challenges.cloudflare.com/'
            'turnstile/v0/api.js"></script></head><body><div class="cf-turnstile"></div></body></html>'
        ),
        "recognised, retried with back-off, then rejected as blocked",
        "blocked_cloudflare_challenge",
        attempts=3,
    ),
    Fault(
        "challenge-cloudflare-80kb",
        "Cloudflare challenge page of 80 KB, 200",
        challenge_page(
            f"<html><head><title>Just a moment...</title>{_CLOUDFLARE_PADDING}</head><body>"
            "<script>window._cf_chl_opt={cvId:'3'};</script></body></html>"
        ),
        "recognised, retried with back-off, then rejected as blocked",
        "blocked_cloudflare_challenge",
        attempts=3,
    ),
    # --- text and values
    Fault(
        "unsafe-text",
        "JSON-LD title with U+009B, U+202E, U+FFFE and 5,000 characters; a 200,000-character plot",
        unsafe_text,
        "controls removed; title and plot cut to their limits, raw values in the rejects file (text_cut)",
        "record",
    ),
    Fault(
        "implausible-values",
        "year 1700 and a runtime of 9,999 minutes",
        implausible,
        "year and runtime null, raw text in extraction.unparsed, counted as filmcrawl/implausible/<field>",
        "record",
    ),
)
VALUE_FAULTS_BY_SLUG = {fault.slug: fault for fault in VALUE_FAULTS}


def values_table() -> str:
    """The table of docs/faults.md "Values and text", from VALUE_FAULTS (tests/faults/test_values.py checks it).
    Print it with `python -m tests.faults.server values`."""
    rows = ["| Page | What the server does | Tries | What the crawl does | Outcome |", "|---|---|---|---|---|"]
    for fault in VALUE_FAULTS:
        outcome = "record written" if fault.outcome == "record" else f"reject `{fault.outcome}`"
        what = fault.what.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
        does = fault.does.replace("<", "&lt;").replace(">", "&gt;")
        rows.append(f"| `{fault.slug}` | {what} | {fault.attempts} | {does} | {outcome} |")
    return "\n".join(rows)


def fault_of(slug: str) -> Fault | None:
    """The fault a film page injects; the further hops of a redirect loop or chain belong to it too."""
    if slug == "redirect-loop-b":
        return FAULTS_BY_SLUG["redirect-loop"]
    if slug.startswith("redirect-chain-"):
        return FAULTS_BY_SLUG["redirect-chain"]
    return FAULTS_BY_SLUG.get(slug) or VALUE_FAULTS_BY_SLUG.get(slug)


# --- the server ------------------------------------------------------------------------------------------


@dataclass
class Hit:
    path: str
    host: str
    at: float


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultHTTPServer
    server_version = "faultlab"
    protocol_version = "HTTP/1.0"

    @property
    def slug(self) -> str:
        return self.path.strip("/").split("/")[-1]

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = urlsplit(self.path).path
        attempt = self.server.record(path, self.headers.get("Host", ""))
        try:
            self.route(path, attempt)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def route(self, path: str, attempt: int) -> None:
        parts = path.strip("/").split("/")
        if path in self.server.pages:
            self.server.pages[path](self, attempt)
        elif path == "/robots.txt":
            self.send_page(200, b"User-agent: *\nAllow: /\n", "text/plain")
        elif len(parts) == 3 and parts[:2] == [USER, "list"] and parts[2] in self.server.lists:
            self.send_page(200, self.server.lists[parts[2]].encode(), "text/html; charset=utf-8")
        elif len(parts) == 2 and parts[0] == "film" and parts[1].startswith("good-"):
            _good(self, parts[1])
        elif len(parts) == 2 and parts[0] == "film" and parts[1] in self.server.films:
            self.server.films[parts[1]].serve(self, attempt)
        elif len(parts) == 2 and parts[0] == "film" and fault_of(parts[1]) is not None:
            fault_of(parts[1]).serve(self, attempt)  # type: ignore[union-attr]
        else:
            self.send_page(404, b"<html><body>Not found</body></html>", "text/html")

    def send_head(self, status: int, content_type: str | None, headers: dict[str, str]) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def send_page(
        self, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None
    ) -> None:
        self.send_head(status, content_type, {"Content-Length": str(len(body)), **(headers or {})})
        self.wfile.write(body)

    def reset(self) -> None:
        """Abort the connection with a TCP reset instead of a clean close."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass  # the socket was reset on purpose

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return None


class FaultHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # A crawl opens a dozen connections at once; socketserver's default backlog of 5 would drop some SYNs,
    # and a dropped SYN is retried after a second: a connect timeout that is the server's fault, not the page's.
    request_queue_size = 128

    def __init__(self, lists: dict[str, str]) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.lists = lists
        self.films: dict[str, Fault] = {}
        """Film pages of faults other than FAULTS (tests/faults/runtime.py), by slug."""
        self.pages: dict[str, Serve] = {}
        """Any other page, by path (its query string is the handler's to read): a sitemap, an endless list."""
        self.gate = threading.Event()
        """Pages that wait for it (tests/faults/runtime.py `gated`) hold their crawl until a test sets it."""
        self.hits: list[Hit] = []
        self.stalls = threading.Event()
        self._lock = threading.Lock()
        self.on_hit: Callable[[Hit, int], None] | None = None
        """Called with each request and the number of requests served so far (a test stops a crawl with it)."""
        self.bomb = gzip_bomb_body()
        self.oversized = film_page("oversized", synopsis="x" * (3 * 1024 * 1024)).encode()

    def record(self, path: str, host: str) -> int:
        """Log a request; returns how many times `path` has been asked for, this one included."""
        hit = Hit(path, host, time.monotonic())
        with self._lock:
            self.hits.append(hit)
            attempt = sum(1 for h in self.hits if h.path == path)
            served = len(self.hits)
        if self.on_hit is not None:
            self.on_hit(hit, served)
        return attempt

    def attempts(self) -> Counter[str]:
        with self._lock:
            return Counter(hit.path for hit in self.hits)


class FaultServer:
    """The fault server, serving in a thread while the `with` block runs."""

    def __init__(self, faults: tuple[Fault, ...] = FAULTS, good_films: int = GOOD_FILMS) -> None:
        self.faults = faults
        self.good = [f"good-{n}" for n in range(1, good_films + 1)]
        self.httpd = FaultHTTPServer({})
        self.origin = f"http://127.0.0.1:{self.httpd.server_port}"
        self.httpd.lists.update(
            {
                "all": list_page(self.good + [fault.slug for fault in faults]),
                "good": list_page(self.good),
                "recoverable": list_page(self.good + [fault.slug for fault in faults if fault.outcome == "record"]),
                # Links in page data that lead off the crawl: another host, and the cloud metadata address.
                "offsite-next": list_page(["good-1"], next_url="https://films.example/faultlab/list/more/"),
                "private-next": list_page(["good-2"], next_url="http://169.254.169.254/latest/meta-data/"),
            }
        )
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True, name="fault-server")

    def list_url(self, name: str) -> str:
        return f"{self.origin}/{USER}/list/{name}/"

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.stalls.set()
        self.httpd.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def hits(self) -> list[Hit]:
        return list(self.httpd.hits)


# --- the fault table of docs/faults.md ----------------------------------------------------------------------------


def fault_table() -> str:
    """The fault table of docs/faults.md, from FAULTS; tests/faults/test_faults.py checks the page holds it. Print it with `python -m tests.faults.server`."""
    rows = ["| Page | What the server does | Tries | What the crawl does | Outcome |", "|---|---|---|---|---|"]
    for fault in FAULTS:
        outcome = "record written" if fault.outcome == "record" else f"reject `{fault.outcome}`"
        what = fault.what.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
        does = fault.does.replace("<", "&lt;").replace(">", "&gt;")
        rows.append(f"| `{fault.slug}` | {what} | {fault.attempts} | {does} | {outcome} |")
    kept = sum(1 for fault in FAULTS if fault.outcome == "record")
    rows.append("")
    rows.append(
        f"{len(FAULTS)} faults injected, {len(FAULTS)} survived (the job finished and accounted for the "
        f"page): {kept} records written, {len(FAULTS) - kept} pages rejected under a named reason; "
        f"records lost: 0, duplicates: 0."
    )
    return "\n".join(rows)


if __name__ == "__main__":
    import sys

    print(values_table() if sys.argv[1:] == ["values"] else fault_table())
