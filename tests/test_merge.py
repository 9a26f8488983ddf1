"""Merging a title page with its sub-pages: later values fill gaps, longer lists win, conflicts are reported."""

from __future__ import annotations

import pytest

from crawler.core.merge import fold_sites, merge_records

TITLE_PAGE = {
    "type": "film",
    "id": "imdb:tt1",
    "url": "u",
    "title": "The Red Shoes",
    "year": 1948,
    "cast": [{"name": "Anton Walbrook"}],
    "rating": {"value": "8.3", "best": 10},
    "plot": None,
}
CREDITS_PAGE = {
    "type": "film",
    "id": "imdb:tt1",
    "url": "u2",
    "title": "The Red Shoes",
    "year": 1949,
    "cast": [{"name": "Anton Walbrook"}, {"name": "Marius Goring"}],
    "rating": {"count": 21464},
    "plot": "A ballet.",
}


def test_merge_should_fill_gaps_prefer_longer_lists_and_keep_the_first_scalar() -> None:
    merged, conflicts = merge_records(TITLE_PAGE, CREDITS_PAGE)
    assert merged["url"] == "u"
    assert merged["plot"] == "A ballet."
    assert [c["name"] for c in merged["cast"]] == ["Anton Walbrook", "Marius Goring"]
    assert merged["rating"] == {"value": "8.3", "best": 10, "count": 21464}
    assert merged["year"] == 1948
    assert conflicts == ["year"]


def test_merge_should_not_change_its_inputs() -> None:
    before = dict(TITLE_PAGE)
    merge_records(TITLE_PAGE, CREDITS_PAGE)
    assert TITLE_PAGE == before


def site(source: str, **fields: object) -> dict[str, object]:
    return {"type": "film", "id": f"{source}:x", "source": source, **fields}


@pytest.mark.parametrize(
    ("records", "values", "provenance", "disagreements"),
    [
        # The first site that carries a field gives it; an empty value is not carried.
        (
            [site("imdb", title="The Red Shoes", plot=""), site("letterboxd", title="Red Shoes", plot="A ballet.")],
            {"title": "The Red Shoes", "plot": "A ballet."},
            {"title": "imdb", "plot": "letterboxd"},
            {"title": {"imdb": "The Red Shoes", "letterboxd": "Red Shoes"}},
        ),
        # A fact stated alike by every site is no disagreement; a field that is no fact never is one.
        (
            [site("imdb", year=1948, genres=["Drama"]), site("csfd", year=1948, genres=["Drama", "Romance"])],
            {"year": 1948, "genres": ["Drama"]},
            {"year": "imdb", "genres": "imdb"},
            {},
        ),
        # 1948 and "1948" are two statements: the types differ.
        (
            [site("imdb", year=1948), site("wikipedia", year="1948")],
            {"year": 1948},
            {"year": "imdb"},
            {"year": {"imdb": 1948, "wikipedia": "1948"}},
        ),
        # Two records of one site: the site's first value speaks for it.
        (
            [site("imdb", year=1948), site("imdb", year=1949)],
            {"year": 1948},
            {"year": "imdb"},
            {},
        ),
    ],
)
def test_fold_sites_should_take_each_field_from_the_first_site_carrying_it(
    records: list[dict[str, object]],
    values: dict[str, object],
    provenance: dict[str, str],
    disagreements: dict[str, dict[str, object]],
) -> None:
    folded = fold_sites(records, ("title", "year", "plot", "genres"), ("title", "year"))
    assert folded.values == values
    assert folded.provenance == provenance
    assert folded.disagreements == disagreements
