"""Small record builders for the dataset tests: a film or review of a site, with only what a case needs."""

from __future__ import annotations

from typing import Any

from schemas import to_json_dict, validate_record

SCRAPED_AT = "2026-01-01T00:00:00Z"
URLS = {
    "imdb": "https://www.imdb.com/title/{}/",
    "rottentomatoes": "https://www.rottentomatoes.com/m/{}",
    "letterboxd": "https://letterboxd.com/film/{}/",
    "metacritic": "https://www.metacritic.com/movie/{}",
    "wikipedia": "https://en.wikipedia.org/wiki/{}",
    "csfd": "https://www.csfd.cz/film/{}/",
    "fandango_at_home": "https://athome.fandango.com/content/browse/details/x/{}",
    "filmreverie": "https://filmreverie.example/{}/",
}


def film(
    source: str, site_id: str, title: str, year: int | None = None, *, directors: tuple[str, ...] = (), **fields: Any
) -> dict[str, Any]:
    """A validated film record as a crawl writes it (JSON types, every field present)."""
    record = {
        "type": "film",
        "id": f"{source}:{site_id}",
        "source": source,
        "url": URLS[source].format(site_id),
        "scraped_at": SCRAPED_AT,
        "title": title,
        "year": year,
        "directors": [{"name": name} for name in directors],
        **fields,
    }
    return to_json_dict(validate_record(record))


def review(
    source: str,
    review_id: str,
    *,
    film_id: str | None = None,
    film_title: str | None = None,
    film_year: int | None = None,
    directors: tuple[str, ...] = (),
    **fields: Any,
) -> dict[str, Any]:
    record = {
        "type": "review",
        "id": f"{source}:{review_id}",
        "source": source,
        "kind": "critic",
        "url": URLS[source].format(review_id),
        "scraped_at": SCRAPED_AT,
        "film_id": film_id,
        "film_title": film_title,
        "film_year": film_year,
        "film_directors": [{"name": name} for name in directors],
        **fields,
    }
    return to_json_dict(validate_record(record))
