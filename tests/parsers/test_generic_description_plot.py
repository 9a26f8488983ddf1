"""A schema.org film without a description takes the page's meta description as its plot only where the page
prints that text as a paragraph of its own (crawler.core.parsers.generic.film_record)."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers import generic

SYNOPSIS = "A young ballerina is torn between the man she loves and her art in a famous ballet company."
CREDITS = "The Red Shoes (1948), directed by Michael Powell and Emeric Pressburger, with Moira Shearer."
JSONLD = '<script type="application/ld+json">{"@context":"http://schema.org","@type":"Movie","name":"The Red Shoes"}</script>'


def film_page(description: str, body: str) -> str:
    return (
        f'<html><head><title>The Red Shoes (1948)</title><meta name="description" content="{description}"></head>'
        f"<body><main><h1>The Red Shoes</h1>{body}</main>{JSONLD}</body></html>"
    )


# (the meta description, the page's body, the plot read)
DESCRIPTIONS = [
    (SYNOPSIS, f'<div class="synopsis"><p>{SYNOPSIS}</p></div>', SYNOPSIS),
    (SYNOPSIS, f"<p>\n  {SYNOPSIS}\n</p>", SYNOPSIS),
    # a description the page does not print is written for search engines: the credits, the site
    (CREDITS, f"<p>{SYNOPSIS}</p>", None),
    (SYNOPSIS, "<p>Log in to rate this film.</p>", None),
    # printed only in the page's furniture
    (SYNOPSIS, f"<footer><p>{SYNOPSIS}</p></footer>", None),
    # a paragraph that only starts with it is another text
    (SYNOPSIS, f"<p>{SYNOPSIS} Then the curtain rises on the premiere.</p>", None),
]


@pytest.mark.parametrize(("description", "body", "plot"), DESCRIPTIONS, ids=[str(n) for n in range(len(DESCRIPTIONS))])
def test_a_meta_description_printed_on_the_page_should_be_the_plot(
    description: str, body: str, plot: str | None
) -> None:
    records = generic.parse(
        Selector(text=film_page(description, body)), url="https://films.example/film/1/", source="example"
    )
    [film] = [r for r in records if r["type"] == "film"]
    assert film.get("plot") == plot
