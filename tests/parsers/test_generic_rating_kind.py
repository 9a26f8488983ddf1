"""Who gave a JSON-LD AggregateRating (crawler.core.parsers.schemaorg.rating_kind): a critics' score is never
labelled as the users' rating. Critics where the rating's name or description says so, or where the page is
Metacritic's (its JSON-LD rating is the Metascore on 100); no label at all where it cannot be told."""

from __future__ import annotations

import json
from typing import Any

import pytest
from parsel import Selector

from crawler.core.parsers.generic import parse
from schemas.record_fields import FilmFields

TOMATOMETER_SAID = (
    "The critics' meter: the share of the professional critic reviews of a film that are positive, out of every "
    "review counted."
)
MEMBERS_SAID = "The average of every rating our members have given the film."

# (the page's address, its JSON-LD aggregateRating, the kind and label its rating is given; None: no label)
CASES: list[tuple[str, dict[str, Any], tuple[str, str | None] | None]] = [
    # nothing said of who rated: the site's users, as before
    ("https://films.example.org/film/red-shoes", {"ratingValue": "8.1", "bestRating": "10", "ratingCount": "412"},
     ("user", None)),
    ("https://films.example.org/film/red-shoes", {"ratingValue": "4.1", "bestRating": "5", "ratingCount": "90",
     "description": MEMBERS_SAID}, ("user", None)),
    # named and described as the critics' score: critics, under its name
    ("https://films.example.org/film/red-shoes", {"ratingValue": "96", "bestRating": "100", "reviewCount": 48,
     "name": "Critics' Meter", "description": TOMATOMETER_SAID}, ("critic", "Critics' Meter")),
    ("https://films.example.org/film/red-shoes", {"ratingValue": "96", "bestRating": "100", "reviewCount": 48,
     "name": "Tomatometer"}, ("critic", "Tomatometer")),
    ("https://films.example.org/film/red-shoes", {"ratingValue": "81", "bestRating": "100", "ratingCount": 30,
     "name": "Metascore"}, ("metascore", "Metascore")),
    # Metacritic's JSON-LD rating on 100: the Metascore, whatever it is called
    ("https://www.metacritic.com/movie/the-red-shoes", {"ratingValue": "97", "bestRating": "100",
     "ratingCount": "14", "reviewCount": "14"}, ("metascore", "Metascore")),
    # on Metacritic off the Metascore's scale, or said to be its users': who rated cannot be told
    ("https://www.metacritic.com/movie/the-red-shoes", {"ratingValue": "8.4", "bestRating": "10",
     "ratingCount": "120"}, None),
    ("https://www.metacritic.com/movie/the-red-shoes", {"ratingValue": "84", "bestRating": "100",
     "ratingCount": "120", "name": "User score"}, None),
    # critics and users both named: no label
    ("https://films.example.org/film/red-shoes", {"ratingValue": "72", "bestRating": "100", "ratingCount": "300",
     "description": "Critic and user scores combined"}, None),
]  # fmt: skip


def page(url: str, aggregate: dict[str, Any]) -> Selector:
    movie = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "name": "The Red Shoes",
        "datePublished": "1948-09-06",
        "aggregateRating": {"@type": "AggregateRating", **aggregate},
    }
    return Selector(
        text=f'<html><head><link rel="canonical" href="{url}"><script type="application/ld+json">'
        f"{json.dumps(movie)}</script></head><body><h1>The Red Shoes</h1></body></html>"
    )


@pytest.mark.parametrize(("url", "aggregate", "said"), CASES)
def test_a_json_ld_rating_should_be_labelled_by_who_gave_it_or_not_at_all(
    url: str, aggregate: dict[str, Any], said: tuple[str, str | None] | None
) -> None:
    records = parse(page(url, aggregate), url=url, source="example")
    film = next(record for record in records if record["type"] == "film")
    assert film.get("rating"), "the rating itself is read whoever gave it"
    ratings = FilmFields(film).get("ratings") or []
    if said is None:
        assert ratings == []
    else:
        assert [(entry["kind"], entry.get("label")) for entry in ratings] == [said]
