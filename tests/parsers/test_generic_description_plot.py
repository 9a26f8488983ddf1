"""A schema.org film's plot and year from the page around it (crawler.core.parsers.generic.film_record): its meta
description where the page prints it as a paragraph of its own, the year printed alone after its heading."""

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
    (SYNOPSIS, f'<div id="movieSynopsis" class="clamp">\n  {SYNOPSIS}\n</div>', SYNOPSIS),
    # a block holding blocks is no paragraph of it
    (SYNOPSIS, f"<div>{SYNOPSIS}<div>Cast</div></div>", None),
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


# (the page's heading and what follows it, the year read)
HEADING_YEARS = [
    ('<h1>The Red Shoes</h1> <span class="release_year">1948</span>', 1948),
    ("<h1>The Red Shoes</h1><!-- year --><small>(1948)</small>", 1948),
    ("<div><h1>The Red Shoes</h1> 1948</div>", 1948),
    # a heading naming something else, or more than a year beside it
    ('<h1>Reviews</h1> <span class="release_year">1948</span>', None),
    ("<h1>The Red Shoes</h1> <span>1948 · 133 min</span>", None),
    ("<h1>The Red Shoes</h1> <p>Restored in 2009</p>", None),
    ("<h2>The Red Shoes</h2> <span>1948</span>", None),
]


@pytest.mark.parametrize(("heading", "year"), HEADING_YEARS, ids=[h for h, _ in HEADING_YEARS])
def test_a_year_printed_alone_after_the_films_heading_should_be_its_year(heading: str, year: int | None) -> None:
    page = (
        "<html><head><title>The Red Shoes Reviews</title></head><body><main>"
        f'{heading}</main><script type="application/ld+json">'
        '{"@context":"http://schema.org","@type":"Movie","name":"The Red Shoes","datePublished":"October 22, 1948"}'
        "</script></body></html>"
    )
    records = generic.parse(Selector(text=page), url="https://films.example/movie/the-red-shoes", source="example")
    [film] = [r for r in records if r["type"] == "film"]
    assert film.get("year") == year
