"""A film's key as one record states it: the comparable facts of a film or review record and the key they give.

A record's own key is "imdb:<tt id>" when it carries an IMDb title id, else "title:<normalised title>-<year>"
(the original title when the page states one). Titles are reduced to what every site agrees on ("The Red
Shoes", "Red Shoes, The" and "the red shoes" are one title), names likewise. A crawl stamps this key on each
record as it passes (pipelines/identity.py); the output step (crawler.dataset.identity) folds records of one
film into groups with the same `Group` and names each group by the same rule.

Pure functions of a record: no files, no database.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crawler.core.normalize import strip_year_suffix

if TYPE_CHECKING:
    from schemas.record_fields import JsonRecord

IMDB = "imdb"
_IMDB_TITLE = re.compile(r"^tt\d+$")
_ARTICLES = frozenset({"the", "a", "an"})
_TRAILING_ARTICLE = re.compile(r"^(?P<rest>.+),\s*(?P<article>the|a|an)$")
_APOSTROPHES = re.compile(r"['’`´]")
_WORDS = re.compile(r"\w+")


# --- normalisation --------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case without accents: "Amélie" and "Amelie" are one spelling."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def title_key(title: str | None) -> str | None:
    """A title reduced to what every site agrees on: "The Red Shoes", "Red Shoes, The" and "the red shoes"
    all give "red-shoes"; "Titanic (1997 film)" gives "titanic". None for a missing title."""
    if not title or not title.strip():
        return None
    text = _fold(strip_year_suffix(title)[0]).strip()
    trailing = _TRAILING_ARTICLE.match(text)
    if trailing:
        text = f"{trailing['article']} {trailing['rest']}"
    text = _APOSTROPHES.sub("", text.replace("&", " and "))
    words = _WORDS.findall(text)
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    if not words:
        # A title of punctuation only ("?", "…"): keep it, folded, rather than lose the record.
        return "-".join(text.split()) or None
    return "-".join(words)


def name_key(name: str) -> str:
    return "-".join(_WORDS.findall(_APOSTROPHES.sub("", _fold(name))))


def _imdb_title(value: object) -> str | None:
    return value if isinstance(value, str) and _IMDB_TITLE.match(value) else None


# --- what a record says about its film ------------------------------------------------------------------


@dataclass(frozen=True)
class FilmFacts:
    """What identifies the film a record is about, reduced to comparable keys."""

    source: str
    record_id: str | None
    identifiers: frozenset[str]
    """"<namespace>:<value>" identifiers: the record's own id and its external ids."""
    imdb: frozenset[str]
    """IMDb title ids ("tt0040725") the record carries."""
    titles: frozenset[str]
    """Normalised title and original title."""
    primary_title: str | None
    """The title the key is named after: the original title when the page states one."""
    year: int | None
    directors: frozenset[str]

    def as_json(self) -> str:
        return json.dumps(
            {
                "source": self.source,
                "record_id": self.record_id,
                "identifiers": sorted(self.identifiers),
                "imdb": sorted(self.imdb),
                "titles": sorted(self.titles),
                "primary_title": self.primary_title,
                "year": self.year,
                "directors": sorted(self.directors),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> FilmFacts:
        data = json.loads(text)
        return cls(
            source=data["source"],
            record_id=data["record_id"],
            identifiers=frozenset(data["identifiers"]),
            imdb=frozenset(data["imdb"]),
            titles=frozenset(data["titles"]),
            primary_title=data["primary_title"],
            year=data["year"],
            directors=frozenset(data["directors"]),
        )


def _year_of(record: JsonRecord, title: str | None, year_field: str) -> int | None:
    year = record.get(year_field)
    if isinstance(year, int):
        return year
    suffix_year = strip_year_suffix(title)[1] if title else None
    if suffix_year:
        return suffix_year
    release = record.get("release_date")
    if isinstance(release, str) and len(release) >= 4 and release[:4].isdigit():
        return int(release[:4])
    return None


def _names(people: object) -> frozenset[str]:
    if not isinstance(people, list):
        return frozenset()
    names = (p.get("name") for p in people if isinstance(p, dict))
    return frozenset(k for k in (name_key(n) for n in names if isinstance(n, str)) if k)


def film_facts(record: JsonRecord) -> FilmFacts:
    source = str(record.get("source", ""))
    identifiers = {str(record["id"])} if record.get("id") else set()
    imdb: set[str] = set()
    for namespace, value in (record.get("external_ids") or {}).items():
        identifiers.add(f"{namespace}:{value}")
        if namespace == IMDB and _imdb_title(value):
            imdb.add(value)
    if source == IMDB and record.get("id"):
        own = _imdb_title(str(record["id"]).split(":", 1)[1])
        if own:
            imdb.add(own)
    title, original = record.get("title"), record.get("original_title")
    keys = {k for k in (title_key(title), title_key(original)) if k}
    return FilmFacts(
        source=source,
        record_id=record.get("id"),
        identifiers=frozenset(identifiers),
        imdb=frozenset(imdb),
        titles=frozenset(keys),
        primary_title=title_key(original) or title_key(title),
        year=_year_of(record, title, "year"),
        directors=_names(record.get("directors")),
    )


def review_facts(record: JsonRecord) -> FilmFacts:
    """The reviewed film's facts, as the review states them."""
    film_id = record.get("film_id")
    imdb: set[str] = set()
    if isinstance(film_id, str) and film_id.startswith(f"{IMDB}:"):
        own = _imdb_title(film_id.split(":", 1)[1])
        if own:
            imdb.add(own)
    title = record.get("film_title")
    key = title_key(title)
    return FilmFacts(
        source=str(record.get("source", "")),
        record_id=record.get("id"),
        identifiers=frozenset({film_id} if film_id else ()),
        imdb=frozenset(imdb),
        titles=frozenset({key} if key else ()),
        primary_title=key,
        year=_year_of({"film_year": record.get("film_year")}, title, "film_year"),
        directors=_names(record.get("film_directors")),
    )


# --- groups -----------------------------------------------------------------------------------------------


@dataclass
class Group:
    """What a group of records of one film says, folded: enough to check a join and to name the key."""

    sources: set[str] = field(default_factory=set)
    imdb: Counter[str] = field(default_factory=Counter)
    directors: set[str] = field(default_factory=set)
    primary_titles: Counter[str] = field(default_factory=Counter)
    years: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, facts: FilmFacts) -> Group:
        return cls(
            sources={facts.source},
            imdb=Counter(facts.imdb),
            directors=set(facts.directors),
            primary_titles=Counter([facts.primary_title] if facts.primary_title else []),
            years={facts.year} if facts.year else set(),
        )

    def absorb(self, other: Group) -> None:
        self.sources |= other.sources
        self.imdb.update(other.imdb)
        self.directors |= other.directors
        self.primary_titles.update(other.primary_titles)
        self.years |= other.years

    def contradicts(self, other: Group) -> bool:
        """True when the two say they are different films: different IMDb ids, or directors and nobody in
        common."""
        if self.imdb and other.imdb and not set(self.imdb) & set(other.imdb):
            return True
        return bool(self.directors and other.directors and not self.directors & other.directors)

    def conflicts_with(self, other: Group) -> bool:
        """True when title evidence must not join the two groups of films (the module's rule 2)."""
        return bool(self.sources & other.sources) or self.contradicts(other)

    def key(self) -> str | None:
        if self.imdb:
            return f"{IMDB}:{_most_common(self.imdb)}"
        if not self.primary_titles:
            return None
        title = _most_common(self.primary_titles)
        return f"title:{title}-{min(self.years)}" if self.years else f"title:{title}"


def _most_common(counts: Counter[str]) -> str:
    return min(counts, key=lambda value: (-counts[value], value))


def own_film_key(record: JsonRecord) -> str | None:
    """The key a film or review record has on its own, before any other record is seen. A crawl writes it
    as records pass; the output step replaces it with the key of the record's group."""
    if record.get("type") == "film":
        return Group.of(film_facts(record)).key()
    if record.get("type") == "review":
        return Group.of(review_facts(record)).key()
    return None
