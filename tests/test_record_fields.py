"""The TypedDicts parsers build records with (schemas.record_fields) mirror the models field for field."""

from __future__ import annotations

import types
import typing
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

import pytest
from pydantic import AwareDatetime, BaseModel

from schemas import record_fields
from schemas.common import CastMember, Extraction, Person, Rating, ScoredRating, Writer
from schemas.film import (
    AlsoKnownAs,
    Awards,
    Certificate,
    Film,
    Money,
    Offer,
    RelatedTitle,
    Release,
    SeriesRef,
    SoundtrackEntry,
    TechnicalSpecs,
)
from schemas.listing import Listing, ListingEntry
from schemas.review import Helpful, Review, ReviewRating

MODELS: list[type[BaseModel]] = [
    Rating,
    ScoredRating,
    Person,
    Writer,
    CastMember,
    Extraction,
    Certificate,
    Release,
    AlsoKnownAs,
    Money,
    Awards,
    TechnicalSpecs,
    RelatedTitle,
    Offer,
    SoundtrackEntry,
    SeriesRef,
    Film,
    ReviewRating,
    Helpful,
    Review,
    ListingEntry,
    Listing,
]


def _shape(annotation: Any) -> Any:
    """A comparable form of a type: Annotated constraints dropped (the models check them), a model named by
    its TypedDict, a fetch time (a datetime in the model) as the ISO text a parser's record carries."""
    if get_origin(annotation) is Annotated:
        return _shape(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"{annotation.__name__}Fields"
    if typing.is_typeddict(annotation):
        return annotation.__name__
    if annotation in (datetime, AwareDatetime):
        return str
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return frozenset(_shape(arg) for arg in get_args(annotation))
    if origin is Literal:
        return ("Literal", frozenset(get_args(annotation)))
    if origin is not None:
        return (origin, tuple(_shape(arg) for arg in get_args(annotation)))
    return annotation


def _drift(typed: Any, model: type[BaseModel]) -> list[str]:
    """Fields whose name or type differ between a TypedDict and its model."""
    hints = get_type_hints(typed)
    if list(hints) != list(model.model_fields):
        return sorted(set(hints) ^ set(model.model_fields)) or ["order"]
    return [name for name, f in model.model_fields.items() if _shape(hints[name]) != _shape(f.rebuild_annotation())]


@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_record_fields_should_name_every_field_of_its_model_with_its_type(model: type[BaseModel]) -> None:
    assert _drift(getattr(record_fields, f"{model.__name__}Fields"), model) == []


def test_every_record_fields_typed_dict_mirrors_a_model() -> None:
    typed_dicts = {name for name, value in vars(record_fields).items() if typing.is_typeddict(value)}
    assert typed_dicts == {f"{model.__name__}Fields" for model in MODELS}


class _MisspeltRating(typing.TypedDict, total=False):
    value: Decimal
    bset: Decimal
    worst: Decimal
    count: int | None


class _CountAsTextRating(typing.TypedDict, total=False):
    value: Decimal
    best: Decimal
    worst: Decimal
    count: str | None


@pytest.mark.parametrize(("typed", "drifted"), [(_MisspeltRating, ["best", "bset"]), (_CountAsTextRating, ["count"])])
def test_a_typed_dict_that_drifts_from_its_model_is_caught(typed: Any, drifted: list[str]) -> None:
    assert _drift(typed, Rating) == drifted
