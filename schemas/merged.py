"""The `merged_film` view: one record per `film_key`, every site's record of the film folded into one.

Descriptive fields (title, year, runtime, credits...) are the film record's own fields, each taken from the
first site that carries it in the merge's site order; `provenance` says which site that was, and
`disagreements` lists the plain values (year, runtime, title...) the sites state differently. Ratings are not
folded: `ratings` keeps every site's scores side by side, each on its own scale.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, create_model
from pydantic.fields import FieldInfo

from .common import Count, ExactNumber, FilmKey, HttpUrl, RatingKind, Record, RecordId, Source, UtcDatetime
from .film import Film
from .version import SCHEMA_VERSION, SchemaVersion

# Film fields that belong to one site's record, or that the view keeps per site instead of folding.
PER_SITE_FIELDS = frozenset(
    {"type", "schema_version", "id", "film_key", "source", "url", "scraped_at", "rating", "ratings"}
)


class SourceRecord(Record):
    """One site's record of the film."""

    id: RecordId
    """The film record's `id` ("imdb:tt0040725")."""
    source: Source
    """Site slug."""
    url: HttpUrl
    """Canonical URL of the film's page on the site."""
    scraped_at: UtcDatetime
    """When the page was fetched (ISO 8601, UTC)."""


class SiteRating(Record):
    """One score a site shows, on the site's own scale."""

    kind: RatingKind
    """Who rated: user, critic, audience, metascore, member or store (as in `film.ratings`)."""
    value: ExactNumber
    """The score as shown."""
    best: ExactNumber
    """Top of the scale (10, 5, 100)."""
    worst: ExactNumber = Decimal(0)
    """Bottom of the scale."""
    count: Count | None = None
    """Votes or reviews the score is computed from."""
    label: str | None = None
    """The site's own name for the score ("Tomatometer", "Metascore")."""


PlainValue = str | int | bool
# The type of MergedFilm.type, named: mypy takes a type alias, not a Literal[...] expression, as a field's type.
MergedFilmType = Literal["merged_film"]


def _film_fields() -> dict[str, tuple[Any, FieldInfo]]:
    """The film's descriptive fields as `create_model` takes them: (annotation, field info) by name."""
    return {name: (info.annotation, info) for name, info in Film.model_fields.items() if name not in PER_SITE_FIELDS}


MergedFilm = create_model(  # type: ignore[call-overload,unused-ignore]
    "MergedFilm",
    __base__=Record,
    __doc__="One film across every site that shows it: the sites' records folded, their ratings side by side.",
    type=(MergedFilmType, Field("merged_film", description="Record type.")),
    schema_version=(
        SchemaVersion,
        Field(SCHEMA_VERSION, description="Version of this schema; see schemas/CHANGELOG.md."),
    ),
    film_key=(FilmKey, Field(description="The film's key, shared by every site's record of it (see `film.film_key`).")),
    **_film_fields(),
    sources=(
        list[Source],
        Field(default_factory=list, description="Sites that have a record of the film, in the merge's site order."),
    ),
    records=(list[SourceRecord], Field(default_factory=list, description="Every site's record of the film.")),
    ratings=(
        dict[Source, list[SiteRating]],
        Field(
            default_factory=dict,
            description="Every site's scores side by side, each site's in page order and on its "
            'own scale: {"imdb": [{"kind": "user", "value": 8.3, "best": 10, ...}], '
            '"metacritic": [{"kind": "metascore", ...}, {"kind": "user", ...}]}.',
        ),
    ),
    review_counts=(
        dict[Source, Count],
        Field(default_factory=dict, description="Reviews of the film in the same data, by the site they were read on."),
    ),
    provenance=(
        dict[str, Source],
        Field(
            default_factory=dict,
            description='The site each descriptive field was taken from ({"runtime_minutes": "imdb"}).',
        ),
    ),
    disagreements=(
        dict[str, dict[Source, PlainValue]],
        Field(
            default_factory=dict,
            description="Plain fields the sites state differently, with each site's value "
            '({"year": {"imdb": 1948, "rottentomatoes": 1949}}).',
        ),
    ),
)
