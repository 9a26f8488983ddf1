"""The common schema: what it accepts, what it refuses, how numbers are written, and that the exported JSON
Schema files match the models."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from crawler.dataset.dictionary import DOC_PATH, document
from schemas import RECORD_TYPES, SCHEMA_VERSION, UnknownRecordType, to_json_dict, validate_record
from schemas.export import EXPORTED_TYPES, JSON_DIR, schema_text

FILM: dict[str, Any] = {
    "type": "film",
    "id": "imdb:tt0040725",
    "source": "imdb",
    "url": "https://www.imdb.com/title/tt0040725/",
    "scraped_at": "2026-01-01T00:00:00Z",
    "title": "The Red Shoes",
}
REVIEW: dict[str, Any] = {
    "type": "review",
    "id": "imdb:rw1084420",
    "source": "imdb",
    "kind": "user",
    "url": "https://www.imdb.com/title/tt0040725/reviews/",
    "scraped_at": "2026-01-01T00:00:00Z",
}
LISTING: dict[str, Any] = {
    "type": "listing",
    "source": "imdb",
    "kind": "chart",
    "url": "https://www.imdb.com/chart/top/",
    "scraped_at": "2026-01-01T00:00:00Z",
}


def film(**fields: Any) -> dict[str, Any]:
    return {**FILM, **fields}


ACCEPTED = [
    # (what, record, field, value written to JSON)
    (
        "IMDb rating keeps its decimal",
        film(rating={"value": "8.3", "best": 10, "worst": 1, "count": 21464}),
        "rating",
        {"value": 8.3, "best": 10, "worst": 1, "count": 21464},
    ),
    (
        "store rating on five stars",
        film(rating={"value": Decimal("4.3"), "best": 5, "count": 398}),
        "rating",
        {"value": 4.3, "best": 5, "worst": 0, "count": 398},
    ),
    (
        "budget is exact and whole",
        film(budget={"amount": "500000", "currency": "GBP", "estimated": True}),
        "budget",
        {"amount": 500000, "currency": "GBP", "estimated": True, "raw": None},
    ),
    (
        "price keeps cents without float noise",
        film(offers=[{"store": "Amazon Video", "price": "2.99", "currency": "USD", "quality": "SD"}]),
        "offers",
        [
            {
                "store": "Amazon Video",
                "price": 2.99,
                "currency": "USD",
                "quality": "SD",
                "kind": None,
                "price_is_minimum": False,
                "raw": None,
            }
        ],
    ),
    ("year-only release date", film(release_date="1948"), "release_date", "1948"),
    ("month release date", film(release_date="1948-09"), "release_date", "1948-09"),
    ("day release date", film(release_date="1948-09-06", release_country="GB"), "release_date", "1948-09-06"),
    (
        "scraped_at is written in UTC",
        film(scraped_at="2026-01-01T02:00:00+02:00"),
        "scraped_at",
        "2026-01-01T00:00:00Z",
    ),
    ("film key from an IMDb id", film(film_key="imdb:tt0040725"), "film_key", "imdb:tt0040725"),
    ("film key from a title and year", film(film_key="title:red-shoes-2025"), "film_key", "title:red-shoes-2025"),
    ("review's film key", {**REVIEW, "film_key": "imdb:tt0040725"}, "film_key", "imdb:tt0040725"),
]


@pytest.mark.parametrize(("what", "record", "field", "written"), ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_schema_should_accept_and_write(what: str, record: dict[str, Any], field: str, written: Any) -> None:
    data = to_json_dict(validate_record(record))
    assert data[field] == written
    assert json.loads(json.dumps(data))[field] == written


REFUSED = [
    # (what, record, path of the error)
    ("unknown key", film(imbd_rating="8.3"), "imbd_rating"),
    ("rating above its scale", film(rating={"value": "11", "best": 10}), "rating"),
    ("rating without a scale", film(rating={"value": "8.3"}), "rating.best"),
    ("invented day of an impossible date", film(release_date="1948-13-06"), "release_date"),
    ("date in a local format", film(release_date="6 September 1948"), "release_date"),
    ("country as a name", film(release_country="United Kingdom"), "release_country"),
    ("id without its site", film(id="tt0040725"), "id"),
    ("naive fetch time", film(scraped_at="2026-01-01T00:00:00"), "scraped_at"),
    ("missing title", {k: v for k, v in FILM.items() if k != "title"}, "title"),
    ("blank title", film(title="  "), "title"),
    (
        "money with float noise",
        film(budget={"amount": "0.1000000000000000055511151231257827", "currency": "USD"}),
        "budget.amount",
    ),
    ("currency as a symbol", film(budget={"amount": "5", "currency": "£"}), "budget.currency"),
    ("negative runtime", film(runtime_minutes=-5), "runtime_minutes"),
    ("non-http url", film(url="javascript:alert(1)"), "url"),
    ("wrong schema version", film(schema_version="0.9"), "schema_version"),
    ("film key of another form", film(film_key="tt0040725"), "film_key"),
    ("helpful yes over total", {**REVIEW, "helpful": {"yes": 30, "total": 29}}, "helpful"),
    ("review kind outside user/critic", {**REVIEW, "kind": "fan"}, "kind"),
    ("listing kind unknown", {**LISTING, "kind": "catalogue"}, "kind"),
]


@pytest.mark.parametrize(("what", "record", "path"), REFUSED, ids=[c[0] for c in REFUSED])
def test_schema_should_refuse(what: str, record: dict[str, Any], path: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_record(record)
    paths = {".".join(str(p) for p in e["loc"]) for e in caught.value.errors()}
    assert any(p == path or p.startswith(path + ".") for p in paths), paths


def test_unknown_record_type_is_refused_with_the_known_types() -> None:
    with pytest.raises(UnknownRecordType, match="film"):
        validate_record({"type": "person"})


@pytest.mark.parametrize("kind", sorted(RECORD_TYPES))
def test_every_record_carries_type_and_schema_version(kind: str) -> None:
    minimal = {"film": FILM, "review": REVIEW, "listing": LISTING}[kind]
    data = to_json_dict(validate_record(minimal))
    assert (data["type"], data["schema_version"]) == (kind, SCHEMA_VERSION)


@pytest.mark.parametrize("kind", sorted(EXPORTED_TYPES))
def test_committed_json_schema_matches_the_models(kind: str) -> None:
    committed = (JSON_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), "schemas changed: run `make schema` and commit schemas/json"


@pytest.mark.parametrize("kind", sorted(EXPORTED_TYPES))
def test_every_field_is_documented(kind: str) -> None:
    undocumented = [name for name, f in EXPORTED_TYPES[kind].model_fields.items() if not f.description]
    assert undocumented == []


def test_committed_data_dictionary_matches_the_models_and_fixtures() -> None:
    committed = DOC_PATH.read_text(encoding="utf-8")
    assert committed == document(), (
        "docs/schema.md is out of date (a model, a parser fixture or a table of "
        "`filmcrawl load` changed): run `make schema` and review the diff"
    )


@pytest.mark.parametrize("kind", sorted(EXPORTED_TYPES))
def test_data_dictionary_lists_every_field(kind: str) -> None:
    section = DOC_PATH.read_text(encoding="utf-8").split(f"## `{kind}`", 1)[1].split("\n## ", 1)[0]
    assert [name for name in EXPORTED_TYPES[kind].model_fields if f"| `{name}` |" not in section] == []
