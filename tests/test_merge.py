"""Merging a title page with its sub-pages: later values fill gaps, longer lists win, conflicts are reported."""

from __future__ import annotations

from crawler.dataset.merge import merge_records

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
