"""Which records are the same film: `film_key`, one key per film across sites.

The rule, applied by `IdentityResolver` over a whole job (or whatever files `filmcrawl merge` is given):

1. Identifiers. Film records that share an identifier are one film. A record's identifiers are its own id
   ("imdb:tt0040725") and its `external_ids` ({"imdb": "tt0040725"} is the identifier "imdb:tt0040725"), so a
   Letterboxd or Wikipedia page that links its IMDb title joins the IMDb record.
2. Title and year. Film records whose normalised title (or original title) and year are equal are one film,
   unless the join would put two records of one site together (a site gives each of its films one id), or
   both sides name directors and none in common, or both carry IMDb ids and they differ.
3. Title and a year apart by one (a festival year against a release year): one film when the two records
   also share a director, with the same guards.
4. No year: a film record without one joins the only group with its title that shares a director.

Reviews join a film and never join two films together: by `film_id` when that film is in the data, else by
title and year, year apart by one or no year, like a film; a review that matches no film gets the key its
film would have alone.

The key of a group is "imdb:<tt id>" when any of its records carries an IMDb id (the most common one), else
"title:<normalised title>-<earliest year>", preferring the original title; two groups that stayed apart but
would get the same title key are told apart by their first director ("title:crash-1996-david-cronenberg"),
else by their first record's id. Every run that sees the same group gives it the same key, so nightly loads
line up.

What one record says of its film (`FilmFacts`), how a group folds it (`Group`) and the key a record has on
its own live in the core (crawler.core.film_key), so a crawl can stamp that key without this database.

Memory stays bounded by the number of records that actually match something: the blocking tables live in
the caller's sqlite database, and only groups touched by a join are held in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING

from crawler.core.film_key import FilmFacts, Group, film_facts, review_facts

if TYPE_CHECKING:
    from schemas.record_fields import JsonRecord

_SCHEMA = """
CREATE TABLE IF NOT EXISTS identity_film (seq INTEGER PRIMARY KEY, facts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS identity_review (seq INTEGER PRIMARY KEY, film_id TEXT, facts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS identity_id (identifier TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS identity_title (title TEXT NOT NULL, year INTEGER, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS identity_key (seq INTEGER PRIMARY KEY, root INTEGER, key TEXT NOT NULL);
"""
_BATCH = 10_000
_INDEXES = """
CREATE INDEX IF NOT EXISTS identity_id_by_identifier ON identity_id (identifier, seq);
CREATE INDEX IF NOT EXISTS identity_title_by_title ON identity_title (title, year, seq);
"""


class IdentityResolver:
    """Film keys for records numbered by `seq` (the caller's row numbers), worked out in `db`."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.db.executescript(_SCHEMA)
        self.parent: dict[int, int] = {}
        self.groups: dict[int, Group] = {}

    # -- input

    def add_film(self, seq: int, record: JsonRecord) -> None:
        facts = film_facts(record)
        self.db.execute("INSERT INTO identity_film VALUES (?, ?)", (seq, facts.as_json()))
        self.db.executemany("INSERT INTO identity_id VALUES (?, ?)", ((i, seq) for i in facts.identifiers))
        self.db.executemany("INSERT INTO identity_title VALUES (?, ?, ?)", ((t, facts.year, seq) for t in facts.titles))

    def add_review(self, seq: int, record: JsonRecord) -> None:
        self.db.execute(
            "INSERT INTO identity_review VALUES (?, ?, ?)", (seq, record.get("film_id"), review_facts(record).as_json())
        )

    # -- groups

    def _facts(self, seq: int) -> FilmFacts:
        row = self.db.execute("SELECT facts FROM identity_film WHERE seq = ?", (seq,)).fetchone()
        return FilmFacts.from_json(row[0])

    def find(self, seq: int) -> int:
        root = seq
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while seq != root:  # path compression
            self.parent[seq], seq = root, self.parent[seq]
        return root

    def group(self, root: int) -> Group:
        if root not in self.groups:
            self.groups[root] = Group.of(self._facts(root))
        return self.groups[root]

    def join(self, a: int, b: int, *, guarded: bool) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        group_a, group_b = self.group(root_a), self.group(root_b)
        if guarded and group_a.conflicts_with(group_b):
            return False
        keep, drop = sorted((root_a, root_b))
        self.parent[drop] = keep
        self.groups[keep].absorb(self.groups.pop(drop))
        return True

    # -- the passes

    def resolve(self) -> None:
        self.db.executescript(_INDEXES)
        for _, seqs in self._runs(
            "SELECT identifier, seq FROM identity_id WHERE identifier IN "
            "(SELECT identifier FROM identity_id GROUP BY identifier HAVING count(*) > 1) "
            "ORDER BY identifier, seq"
        ):
            for seq in seqs[1:]:
                self.join(seqs[0], seq, guarded=False)
        for _, seqs in self._runs(
            "SELECT title || '|' || year, seq FROM identity_title WHERE year IS NOT NULL "
            "AND (title, year) IN (SELECT title, year FROM identity_title WHERE year IS NOT "
            "NULL GROUP BY title, year HAVING count(*) > 1) ORDER BY title, year, seq"
        ):
            self._join_each(seqs)
        for a, b in self.db.execute(
            "SELECT a.seq, b.seq FROM identity_title a JOIN identity_title b "
            "ON b.title = a.title AND b.year = a.year + 1 ORDER BY a.seq, b.seq"
        ):
            if self._facts(a).directors & self._facts(b).directors:
                self.join(a, b, guarded=True)
        for seq, title in self.db.execute("SELECT seq, title FROM identity_title WHERE year IS NULL ORDER BY seq"):
            facts = self._facts(seq)
            candidates = {
                self.find(other)
                for (other,) in self.db.execute(
                    "SELECT seq FROM identity_title WHERE title = ? AND seq != ?", (title, seq)
                )
            }
            sharing = [root for root in candidates - {self.find(seq)} if facts.directors & self.group(root).directors]
            if len(sharing) == 1:
                self.join(seq, sharing[0], guarded=True)
        self._write_keys()

    def _runs(self, query: str) -> Iterator[tuple[str, list[int]]]:
        """Consecutive rows of `query` (block, seq) grouped by block."""
        for block, rows in groupby(self.db.execute(query), key=itemgetter(0)):
            yield block, [seq for _, seq in rows]

    def _join_each(self, seqs: list[int]) -> None:
        """Join every record of a block to the first group of the block it may join."""
        for seq in seqs[1:]:
            for earlier in seqs:
                if earlier == seq:
                    break
                if self.join(earlier, seq, guarded=True):
                    break

    def _write_keys(self) -> None:
        # Groups joined above are named once each; a record that joined nothing is named from its own facts.
        named: dict[int, str | None] = {}
        rows: list[tuple[int, int | None, str]] = []
        for seq, facts_json in self.db.execute("SELECT seq, facts FROM identity_film ORDER BY seq"):
            root = self.find(seq)
            if root in self.groups:
                if root not in named:
                    named[root] = self.groups[root].key()
                key = named[root]
            else:
                key = Group.of(FilmFacts.from_json(facts_json)).key()
            if key:
                rows.append((seq, root, key))
            if len(rows) >= _BATCH:
                self._store_keys(rows)
        self._store_keys(rows)
        self._tell_apart()
        for seq, film_id, facts_json in self.db.execute("SELECT seq, film_id, facts FROM identity_review ORDER BY seq"):
            key = self._review_key(film_id, FilmFacts.from_json(facts_json))
            if key:
                rows.append((seq, None, key))
            if len(rows) >= _BATCH:
                self._store_keys(rows)
        self._store_keys(rows)

    def _store_keys(self, rows: list[tuple[int, int | None, str]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO identity_key VALUES (?, ?, ?)", rows)
        rows.clear()

    def _tell_apart(self) -> None:
        """Two groups that stayed apart but share a title and year (two films of one site, or of different
        directors) must not share a key: each gets its first director's name added, and where that is not
        enough, its first record's id."""
        colliding = (
            "SELECT DISTINCT key, root FROM identity_key WHERE key IN (SELECT key FROM identity_key "
            "WHERE key LIKE 'title:%' GROUP BY key HAVING count(DISTINCT root) > 1) ORDER BY key, root"
        )
        for key, root in self.db.execute(colliding).fetchall():
            directors = sorted(self._group_of_root(root).directors)
            if directors:
                self.db.execute("UPDATE identity_key SET key = ? WHERE root = ?", (f"{key}-{directors[0]}", root))
        for key, root in self.db.execute(colliding).fetchall():
            members = self.db.execute(
                "SELECT f.facts FROM identity_film f JOIN identity_key k ON k.seq = f.seq WHERE k.root = ?", (root,)
            )
            first = min(FilmFacts.from_json(facts).record_id or "" for (facts,) in members)
            self.db.execute("UPDATE identity_key SET key = ? WHERE root = ?", (f"{key}~{first}", root))

    def _group_of_root(self, root: int) -> Group:
        return self.groups[root] if root in self.groups else Group.of(self._facts(root))

    def _film_key_of_root(self, root: int) -> str | None:
        row = self.db.execute("SELECT key FROM identity_key WHERE seq = ?", (root,)).fetchone()
        return row[0] if row else None

    def _review_key(self, film_id: str | None, facts: FilmFacts) -> str | None:
        if film_id:
            row = self.db.execute(
                "SELECT seq FROM identity_id WHERE identifier = ? ORDER BY seq LIMIT 1", (film_id,)
            ).fetchone()
            if row:
                return self._film_key_of_root(self.find(row[0]))
        review = Group.of(facts)
        for query, years in self._review_lookups(facts):
            roots = self._roots(query, facts.titles, years)
            if not roots:
                continue
            needs_director = years != (facts.year,)
            fitting = [
                r
                for r in roots
                if not review.contradicts(self.group(r))
                and (not needs_director or facts.directors & self.group(r).directors)
            ]
            if len(fitting) > 1 and facts.directors:
                fitting = [r for r in fitting if facts.directors & self.group(r).directors]
            if len(fitting) == 1:
                return self._film_key_of_root(fitting[0])
            if fitting:
                break  # ambiguous: several films fit; the review keeps its own key
        return review.key()

    @staticmethod
    def _review_lookups(facts: FilmFacts) -> Iterable[tuple[str, tuple[int | None, ...]]]:
        exact = "SELECT seq FROM identity_title WHERE title = ? AND year = ?"
        if facts.year:
            yield exact, (facts.year,)
            yield exact, (facts.year - 1, facts.year + 1)
        else:
            yield "SELECT seq FROM identity_title WHERE title = ?", (None,)

    def _roots(self, query: str, titles: Iterable[str], years: tuple[int | None, ...]) -> list[int]:
        roots: list[int] = []
        for title in sorted(titles):
            for year in years:
                params = (title, year) if year is not None else (title,)
                for (seq,) in self.db.execute(query, params):
                    root = self.find(seq)
                    if root not in roots:
                        roots.append(root)
        return roots

    def keys(self) -> Iterator[tuple[int, str]]:
        yield from self.db.execute("SELECT seq, key FROM identity_key ORDER BY seq")
