"""Reviews of several films on one page (a member's reviews): each item's heading linking a title page and
printing its year names the film reviewed, not a headline (crawler.core.parsers.generic.reviews)."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers import generic

TEXT = "Nádherné barvy a balet, který se nedá zapomenout; Moira Shearer tančí, jako by na tom závisel život."


def page(headings: list[str]) -> str:
    items = "".join(
        f'<article class="review"><header><h3>{heading}</h3><time>1{n}.01.2026</time></header><p>{TEXT}</p></article>'
        for n, heading in enumerate(headings)
    )
    return (
        '<html lang="cs"><head><title>baletka | Recenze</title></head><body><main>'
        f'<section class="user-reviews"><h2>Recenze</h2>{items}</section></main></body></html>'
    )


RED_SHOES = '<a href="/film/40725-cervene-strevicky/">Červené střevíčky</a>'
NARCISSUS = '<a href="/film/39305-cerny-narcis/">Černý narcis</a>'

# (the items' headings, each review's (film title, film year, headline))
HEADINGS = [
    ([f"{RED_SHOES} <span>1948</span>", f"{NARCISSUS} <span>1947</span> <span>film</span>"],
     [("Červené střevíčky", 1948, None), ("Černý narcis", 1947, None)]),
    ([f"{RED_SHOES} <span>(1948)</span>", f"{NARCISSUS} <span>(1947)</span>"],
     [("Červené střevíčky", 1948, None), ("Černý narcis", 1947, None)]),
    # a headline: no year beside the link, or more words than a film's year and kind
    ([f"{RED_SHOES}", f"{NARCISSUS}"],
     [(None, None, "Červené střevíčky"), (None, None, "Černý narcis")]),
    ([f"{RED_SHOES} 1948: a ballet that still dances after all these years", f"{NARCISSUS} 1947"],
     [(None, None, "Červené střevíčky 1948: a ballet that still dances after all these years"),
      ("Černý narcis", 1947, None)]),
    # a link to the reviewer's page is no film
    (['<a href="/uzivatel/77-baletka/recenze/">baletka</a> 2026', "Skvělé 1948"],
     [(None, None, None), (None, None, "Skvělé 1948")]),
]  # fmt: skip


@pytest.mark.parametrize(("headings", "reviews"), HEADINGS, ids=[str(n) for n in range(len(HEADINGS))])
def test_an_items_heading_linking_a_film_with_its_year_should_name_the_film_reviewed(
    headings: list[str], reviews: list[tuple[str | None, int | None, str | None]]
) -> None:
    records = generic.parse(
        Selector(text=page(headings)), url="https://www.filmdb.example/uzivatel/77-baletka/recenze/", source="filmdb"
    )
    found = [r for r in records if r["type"] == "review"]
    assert [(r.get("film_title"), r.get("film_year"), r.get("title")) for r in found] == reviews
    assert len({r["id"] for r in found}) == len(found)
