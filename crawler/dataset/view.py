"""The merged view: one `merged_film` record per film_key (schemas/merged.py).

Each descriptive field is taken from the first site in SITE_ORDER whose record carries it, and `provenance`
names that site. `disagreements` lists the facts (title, original title, year, runtime) the sites state
differently, with every site's value, so an analyst sees a conflict instead of a silently picked value.
Ratings are never folded: every site's scores stay side by side, each on its own scale. The fold itself is
the merge rule's (crawler.core.merge.fold_sites).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from crawler.core.merge import fold_sites
from crawler.core.sites import SITE_ORDER as REGISTRY_ORDER
from schemas import Film, JsonRecord, MergedFilm, to_json_dict
from schemas.merged import PER_SITE_FIELDS

from .jsonl import AtomicWriter, dumps

# Whose value a merged field takes first: the registry's order (sites with full credits and release data
# first). Sites not listed (film blogs, other schema.org sites) come after, by name.
SITE_ORDER: tuple[str, ...] = REGISTRY_ORDER

FACT_FIELDS = ("title", "original_title", "year", "runtime_minutes")
"""Plain facts every site should agree on; a difference between sites is listed in `disagreements`."""

DESCRIPTIVE_FIELDS = tuple(name for name in Film.model_fields if name not in PER_SITE_FIELDS)
"""The film record's fields the view folds: everything but the per-record stamps and the ratings."""


def _rank(site_order: Sequence[str]) -> Any:
    positions = {site: n for n, site in enumerate(site_order)}
    return lambda film: (positions.get(film["source"], len(positions)), film["source"])


def merged_film(
    key: str, films: list[JsonRecord], review_counts: dict[str, int], site_order: Sequence[str] = SITE_ORDER
) -> JsonRecord:
    """The merged_film record of one film_key from its film records (any order) and review counts by site."""
    ordered = sorted(films, key=_rank(site_order))
    folded = fold_sites(ordered, DESCRIPTIVE_FIELDS, FACT_FIELDS)
    view: JsonRecord = {"type": "merged_film", "film_key": key, **folded.values}
    ratings: dict[str, list[dict[str, Any]]] = {}
    for film in ordered:
        if film.get("ratings"):
            ratings.setdefault(film["source"], []).extend(
                {k: rating.get(k) for k in ("kind", "value", "best", "worst", "count", "label")}
                for rating in film["ratings"]
            )
    view.update(
        sources=list(dict.fromkeys(film["source"] for film in ordered)),
        records=[{k: film[k] for k in ("id", "source", "url", "scraped_at")} for film in ordered],
        ratings=ratings,
        review_counts=dict(sorted(review_counts.items())),
        provenance=folded.provenance,
        disagreements=folded.disagreements,
    )
    return to_json_dict(MergedFilm.model_validate(view))


def _groups(db: sqlite3.Connection) -> Iterator[tuple[str, list[JsonRecord]]]:
    rows = db.execute(
        "SELECT k.key, r.body FROM identity_key k JOIN records r ON r.seq = k.seq "
        "WHERE r.type = 'film' ORDER BY k.key, r.seq"
    )
    for key, group in groupby(rows, key=itemgetter(0)):
        yield key, [json.loads(body) for _, body in group]


def write_view(db: sqlite3.Connection, path: Path, *, site_order: Sequence[str] = SITE_ORDER) -> int:
    """Write the merged view of an index whose film keys are resolved (crawler.dataset.output); returns the
    number of records written."""
    db.execute("CREATE INDEX IF NOT EXISTS identity_key_by_key ON identity_key (key)")
    written = 0
    with AtomicWriter(path) as sink:
        for key, films in _groups(db):
            counts = dict(
                db.execute(
                    "SELECT r.source, count(*) FROM identity_key k JOIN records r ON r.seq = k.seq "
                    "WHERE k.key = ? AND r.type = 'review' GROUP BY r.source",
                    (key,),
                ).fetchall()
            )
            sink.write(dumps(merged_film(key, films, counts, site_order)))
            written += 1
    return written
