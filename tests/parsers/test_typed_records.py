"""The generic path speaks the schema's types: the generic readers, the article reader, the fallback that
completes a site's records and the checks after it build and pass records as the TypedDicts of
schemas.record_fields, and name raw page data (JSON-LD, embedded state) `JsonObject`. mypy then checks every
field they write; a plain `dict[str, Any]` there would let a misspelt field through."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import get_type_hints

import pytest

from crawler.core.parsers.fields import drop_field, set_field
from crawler.core.parsers.provenance import extraction_of, read_by
from crawler.core.plausibility import check_record
from crawler.core.sites import SITE_PACKAGES
from schemas.record_fields import FilmFields, ListingFields, RecordFields

CORE = Path(__file__).resolve().parents[2] / "crawler" / "core"
TYPED_MODULES = [
    "parsers/generic/__init__.py",
    "parsers/generic/embedded.py",
    "parsers/generic/labels.py",
    "parsers/generic/listing.py",
    "parsers/article/__init__.py",
    "parsers/article/dates.py",
    "parsers/article/rating.py",
    "parsers/fallback.py",
    "parsers/structured.py",
    "parsers/rdfa.py",
    "parsers/page.py",
    "plausibility.py",
    "extraction.py",
    "reject.py",
    "sites.py",
]


@pytest.mark.parametrize("module", TYPED_MODULES)
def test_a_module_of_the_generic_path_should_hold_no_untyped_record(module: str) -> None:
    source = (CORE / module).read_text(encoding="utf-8")
    assert "dict[str, Any]" not in source


PARSER_MODULES = sorted(
    str(path.relative_to(CORE)) for path in (CORE / "parsers").rglob("*.py") if path.name != "fields.py"
)


@pytest.mark.parametrize("module", [*TYPED_MODULES, *PARSER_MODULES])
def test_a_parser_module_should_leave_refusals_to_the_field_helpers(module: str) -> None:
    source = (CORE / module).read_text(encoding="utf-8")
    assert "except NormalizeError" not in source
    assert not re.search(r"except \([^)]*NormalizeError", source)


def test_set_field_should_set_a_field_named_by_a_variable() -> None:
    film: FilmFields = {"title": "The Red Shoes"}
    for name, value in (("year", 1948), ("genres", ["Drama"])):
        set_field(film, name, value)
    assert film == {"title": "The Red Shoes", "year": 1948, "genres": ["Drama"]}


def test_drop_field_should_remove_a_field_when_there_and_ignore_it_when_not() -> None:
    film: FilmFields = {"title": "The Red Shoes", "runtime_minutes": 133}
    drop_field(film, "runtime_minutes")
    drop_field(film, "runtime_raw")
    assert film == {"title": "The Red Shoes"}


def test_extraction_of_should_add_an_empty_extraction_once() -> None:
    listing: ListingFields = {"type": "listing"}
    extraction_of(listing)["parser"] = "generic"
    assert extraction_of(listing) == {"parser": "generic"}
    assert listing == {"type": "listing", "extraction": {"parser": "generic"}}


def test_read_by_should_keep_the_label_a_more_specific_reader_set() -> None:
    labelled: FilmFields = {"type": "film", "extraction": {"parser": "imdb/title/title_next"}}
    unlabelled: FilmFields = {"type": "film"}
    assert read_by("generic", [labelled, unlabelled]) == [
        {"type": "film", "extraction": {"parser": "imdb/title/title_next"}},
        {"type": "film", "extraction": {"parser": "generic"}},
    ]


def test_check_record_should_check_a_typed_record_and_a_plain_one_alike() -> None:
    typed: FilmFields = {"type": "film", "source": "example", "year": 1789, "rating": None}
    plain = {"type": "film", "source": "example", "year": 1789}
    for record in (typed, plain):
        checked = check_record(record)
        assert checked.record["year"] is None
        assert checked.record["extraction"] == {"parser": "example", "unparsed": {"year": "1789"}}
    assert typed["year"] == 1789  # the record given is left as it was


def test_check_record_should_label_a_record_whose_values_a_parser_left_out() -> None:
    film: FilmFields = {"type": "film", "source": "example", "extraction": {"unparsed": {"budget": "a lot"}}}
    checked = check_record(film)
    assert checked.record["extraction"] == {"unparsed": {"budget": "a lot"}, "parser": "example"}
    assert film["extraction"] == {"unparsed": {"budget": "a lot"}}
    rating: FilmFields = {"type": "film", "rating": {"value": Decimal("8.3"), "best": Decimal(10)}}
    assert check_record(rating).record is rating  # nothing to change: the same record


@pytest.mark.parametrize("package", SITE_PACKAGES, ids=lambda package: package.SITE.slug)
def test_a_site_parser_should_return_typed_records(package: ModuleType) -> None:
    assert get_type_hints(package.parse)["return"] == list[RecordFields]
