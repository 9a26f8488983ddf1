"""Extraction on generated pages of 1, 4 and 16 MB: its cost against a bare lxml parse, and how it grows.

Two shapes, each the cost of a page that grows by repeating what real pages repeat:

    listing   an IMDb list page with as many entries as fit (bench.site's list page)
    article   a film blog review with as many paragraphs as fit, read by the article reader

Per page and size the median of `rounds` interleaved rounds of `lxml.html.fromstring` and of the full read
(bench.extraction: decode, parse, extract, validate, serialise), in CPU time of the process. The figures are the worst shape's:

    large_page_ratio   full read / lxml parse on the largest page
    size_growth        full read per MB on the largest page / per MB on the smallest
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from statistics import median
from typing import Any

from bench.extraction import CorpusPage, _reader
from bench.site import GeneratedSite

SIZES_MB = (1, 4, 16)
MB = 1024 * 1024
_PARAGRAPH = (
    "<p>Vicky Page dances the Red Shoes ballet for Lermontov's company, torn between her art and "
    "the composer Julian Craster; Powell and Pressburger shot it in Technicolor, and the ballet itself "
    "runs seventeen minutes without a word.</p>\n"
)


def listing_page(size: int) -> CorpusPage:
    """An IMDb list page of about `size` bytes."""
    entry = len(GeneratedSite(2, 2).list_page(1)) - len(GeneratedSite(1, 1).list_page(1))
    entries = max(1, size // entry)
    body = GeneratedSite(entries, entries).list_page(1).encode()
    return CorpusPage(
        f"listing-{len(body)}", "generated", body, "https://www.imdb.com/list/ls000000001/", "imdb", "listing"
    )


def article_page(size: int) -> CorpusPage:
    """A film blog's review of about `size` bytes."""
    head = (
        "<html><head><title>The Red Shoes (1948) review</title></head><body><header><nav><a href='/'>Home"
        "</a></nav></header><article><h1>The Red Shoes (1948)</h1><p class='byline'>By A. Critic</p>"
        "<div class='entry-content'><p>Directed by Michael Powell and Emeric Pressburger. 133 min.</p>\n"
    )
    tail = "</div></article><footer>Archive</footer></body></html>"
    body = (head + _PARAGRAPH * max(1, (size - len(head) - len(tail)) // len(_PARAGRAPH)) + tail).encode()
    return CorpusPage(
        f"article-{len(body)}",
        "generated",
        body,
        "https://blog.example.org/2020/the-red-shoes-review/",
        None,
        "article",
    )


SHAPES: dict[str, Callable[[int], CorpusPage]] = {"listing": listing_page, "article": article_page}


def measure_large(sizes_mb: tuple[float, ...] = SIZES_MB, rounds: int = 3) -> dict[str, Any]:
    import lxml.html

    _, full = _reader()
    pages = {(shape, mb): make(int(mb * MB)) for shape, make in SHAPES.items() for mb in sizes_mb}
    for page in pages.values():  # first reads: imports and lazily built tables
        if len(page.body) < 2 * MB:
            full(page)
    samples: dict[tuple[str, float], dict[str, list[float]]] = {key: {"lxml": [], "full": []} for key in pages}
    clock = time.process_time  # CPU time of this process: other work on a shared machine hardly moves it
    for _ in range(rounds):
        for key, page in pages.items():
            gc.collect()
            started = clock()
            lxml.html.fromstring(page.body)
            parsed = clock()
            full(page)
            done = clock()
            samples[key]["lxml"].append(parsed - started)
            samples[key]["full"].append(done - parsed)
    rows: list[dict[str, Any]] = []
    for (shape, mb), page in pages.items():
        lxml_s, full_s = median(samples[(shape, mb)]["lxml"]), median(samples[(shape, mb)]["full"])
        rows.append(
            {
                "shape": shape,
                "mb": mb,
                "bytes": len(page.body),
                "lxml_s": round(lxml_s, 4),
                "full_s": round(full_s, 4),
                "lxml_ratio": round(full_s / lxml_s, 2),
                "full_s_per_mb": round(full_s * MB / len(page.body), 4),
            }
        )
    smallest, largest = min(sizes_mb), max(sizes_mb)
    by_shape: dict[str, dict[str, Any]] = {}
    for shape in SHAPES:
        small = next(r for r in rows if r["shape"] == shape and r["mb"] == smallest)
        large = next(r for r in rows if r["shape"] == shape and r["mb"] == largest)
        by_shape[shape] = {
            "large_page_ratio": large["lxml_ratio"],
            "size_growth": round(large["full_s_per_mb"] / small["full_s_per_mb"], 2),
        }
    return {
        "large_page_ratio": max(s["large_page_ratio"] for s in by_shape.values()),
        "size_growth": max(s["size_growth"] for s in by_shape.values()),
        "by_shape": by_shape,
        "rounds": rounds,
        "rows": rows,
    }
