"""Films in a page's own application state: Next.js `__NEXT_DATA__`, Nuxt (`__NUXT_DATA__`, `window.__NUXT__`),
Apollo and Relay caches, `window.__INITIAL_STATE__` / `__PRELOADED_STATE__`-style JSON and other JSON scripts.

Sites put the film wherever their framework puts it, so the film is found by its keys, not by its path: the
dict with a title and the most film keys (year, runtime, genres, directors, rating...) wins. The walk is
iterative and bounded in depth and size, so a deep or huge state cannot exhaust the interpreter.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from parsel import Selector

from crawler.core.normalize import parse_date, parse_runtime, split_genres
from schemas.record_fields import CertificateFields, FilmFields, RatingFields

from ..fields import JsonObject, normalised
from ..page import decoded
from ..schemaorg import aggregate_rating, certificate, number, text_of

MAX_DEPTH = 40
MAX_NODES = 200_000
# Nuxt 3 payloads (devalue) refer to values by index; resolving is bounded like the walk.
MAX_RESOLVED = 50_000

_STATE_ASSIGNMENT = re.compile(
    r"(?:window\.|self\.)?(__[A-Z][A-Z0-9_]*__|[A-Za-z_$][\w$]*(?:State|STATE|Data|DATA))"
    r"\s*=\s*(?=[\[{])"
)
# What every _STATE_ASSIGNMENT match holds.
_ASSIGNS_OBJECT = re.compile(r"=\s*[\[{]")
_TITLE_KEYS = ("title", "name", "titleText", "originalTitle", "nameRu", "nameEn", "title_en", "movieTitle")
_FILM_KEYS = {
    "year",
    "releaseYear",
    "release_year",
    "releaseDate",
    "release_date",
    "premiere",
    "runtime",
    "runtimeSeconds",
    "runtimeMinutes",
    "duration",
    "length",
    "genres",
    "genre",
    "titleGenres",
    "directors",
    "director",
    "rating",
    "ratingsSummary",
    "aggregateRating",
    "vote_average",
    "imdbRating",
    "certificate",
    "contentRating",
    "ageRating",
    "cast",
    "actors",
    "stars",
    "plot",
    "overview",
    "synopsis",
    "countries",
    "countriesOfOrigin",
    "productionCountries",
    "production_countries",
    "imdbId",
    "imdb_id",
    "originalTitle",
    "original_title",
    "spokenLanguages",
    "writers",
}
_FILM_TYPENAMES = {"movie", "film", "title", "tvseries", "show", "feature"}
_MIN_FILM_KEYS = 3


def state_objects(sel: Selector) -> list[Any]:
    """Every JSON application state the page carries, decoded."""
    if sel.type != "html":
        return []
    states: list[Any] = []
    for script in sel.xpath('//script[@type="application/json" or @id="__NEXT_DATA__" or @id="__NUXT_DATA__"]'):
        text = script.xpath("text()").get() or ""
        data = _loads(text)
        if data is None:
            continue
        if script.attrib.get("id") == "__NUXT_DATA__" and isinstance(data, list):
            data = _devalue(data)
        states.append(data)
    for text in sel.xpath("//script[not(@src) and not(@type) or @type='text/javascript']/text()").getall():
        if not _ASSIGNS_OBJECT.search(text):
            continue  # no assignment of an object or array: most scripts, told far faster than by the full pattern
        for match in _STATE_ASSIGNMENT.finditer(text):
            try:
                data, _ = json.JSONDecoder(strict=False).raw_decode(text, match.end())
            except (ValueError, RecursionError):
                continue  # a JavaScript expression, not JSON (Nuxt 2's IIFE)
            states.append(data)
    return states


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _devalue(table: list[Any]) -> Any:
    """A Nuxt 3 payload (values referring to each other by index in one array) as plain nested JSON."""
    resolved = 0

    def resolve(index: Any, depth: int) -> Any:
        nonlocal resolved
        resolved += 1
        if not isinstance(index, int) or not 0 <= index < len(table) or depth > MAX_DEPTH or resolved > MAX_RESOLVED:
            return None
        value = table[index]
        if isinstance(value, dict):
            return {key: resolve(ref, depth + 1) for key, ref in value.items()}
        if isinstance(value, list):
            if value and isinstance(value[0], str) and value[0] in ("Reactive", "ShallowReactive", "Ref", "Set"):
                return resolve(value[1], depth + 1) if len(value) > 1 else None
            return [resolve(ref, depth + 1) for ref in value]
        return value

    return resolve(0, 0)


def _walk(root: Any) -> Iterator[JsonObject]:
    stack: list[tuple[Any, int]] = [(root, 0)]
    seen = 0
    while stack and seen < MAX_NODES:
        node, depth = stack.pop()
        seen += 1
        if depth > MAX_DEPTH:
            continue
        if isinstance(node, dict):
            yield node
            stack.extend(
                (value, depth + 1) for value in reversed(list(node.values())) if isinstance(value, (dict, list))
            )
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in reversed(node) if isinstance(value, (dict, list)))


def _film_score(node: JsonObject) -> int:
    """The object's film keys with a value, one more for a film type name; 0 for an object without a title or
    scoring under _MIN_FILM_KEYS, which never counts as a film. The title is looked for last: it is the costly
    part, and most objects of a page's state are too small to be a film."""
    score = sum(1 for key in node if key in _FILM_KEYS and node[key] not in (None, "", [], {}))
    typename = node.get("__typename") or node.get("type") or node.get("@type")
    if isinstance(typename, str) and typename.casefold() in _FILM_TYPENAMES:
        score += 1
    if score < _MIN_FILM_KEYS or not any(_text(node.get(key)) for key in _TITLE_KEYS):
        return 0
    return score


def film_object(sel: Selector) -> JsonObject | None:
    """The most film-like object of the page's application state, or None when none looks like a film, or when
    the most film-like one is one item of a list of films (a chart, a calendar, search results): an item of a
    list is not the page's film. Found once per page (readers never change what they are given)."""
    return decoded(sel, "film_object", lambda: _most_film_like(sel))


def _most_film_like(sel: Selector) -> JsonObject | None:
    best: tuple[int, JsonObject, Any] | None = None
    for state in state_objects(sel):
        for node in _walk(state):
            score = _film_score(node)
            if score >= _MIN_FILM_KEYS and (best is None or score > best[0]):
                best = (score, node, state)
    if best is None or _among_films(best[1], best[2]):
        return None
    return best[1]


# An object in a list beside this many other film-shaped objects is a list's item.
_LIST_PEERS = 2


def _among_films(film: JsonObject, state: Any) -> bool:
    """True when `film` sits in a list of the state beside other film-shaped objects."""
    stack: list[tuple[Any, int]] = [(state, 0)]
    seen = 0
    while stack and seen < MAX_NODES:
        node, depth = stack.pop()
        seen += 1
        if depth > MAX_DEPTH:
            continue
        children = list(node.values()) if isinstance(node, dict) else node if isinstance(node, list) else []
        if isinstance(node, list):
            # GraphQL connections wrap each item: {"edges": [{"node": {...film...}}, ...]}.
            items = [_unwrapped(item) for item in node]
            if any(item is film for item in items):
                peers = sum(
                    1
                    for item in items
                    if item is not film and isinstance(item, dict) and _film_score(item) >= _MIN_FILM_KEYS
                )
                return peers >= _LIST_PEERS
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def _unwrapped(item: Any) -> Any:
    return item["node"] if isinstance(item, dict) and isinstance(item.get("node"), dict) else item


def film_title(node: JsonObject) -> str | None:
    """The title a film-shaped state object names."""
    return next(
        (t for t in (_text(node.get(key)) for key in ("title", "titleText", "name", "nameRu", "movieTitle")) if t), None
    )


def film_titles(node: JsonObject) -> set[str]:
    """Every title a film-shaped state object names (local and original), casefolded."""
    keys = (*_TITLE_KEYS, "originalTitleText", "nameOriginal")
    return {t.casefold().strip() for t in (_text(node.get(key)) for key in keys) if t}


def film_fields(node: JsonObject) -> tuple[FilmFields, dict[str, str]]:
    """Record fields of a film-shaped state object, and the raw text of values that could not be read."""
    fields: FilmFields = {}
    unparsed: dict[str, str] = {}
    title = film_title(node)
    if title:
        fields["title"] = title
    original = _text(
        node.get("originalTitle")
        or node.get("original_title")
        or node.get("originalTitleText")
        or node.get("nameOriginal")
        or node.get("nameEn")
    )
    if original and original != title:
        fields["original_title"] = original
    year = _year(node.get("year") or node.get("releaseYear") or node.get("release_year"))
    release = node.get("releaseDate") or node.get("release_date") or node.get("premiere")
    release_raw = _date_text(release)
    date = normalised(unparsed, "release_date", parse_date, release_raw) if release_raw else None
    if date is not None:
        fields["release_date"], fields["release_date_raw"] = date.iso, release_raw
        if year is None and date.iso:
            year = int(date.iso[:4])
    if year:
        fields["year"] = year
    fields.update(_runtime(node, unparsed))
    genres_value = node.get("genres") or node.get("genre") or node.get("titleGenres")
    genres = [g for item in _items(genres_value) for g in split_genres(_text(item) or "")]
    if genres:
        fields["genres"] = list(dict.fromkeys(genres))
    directors = _texts(node, ("directors", "director"))
    if directors:
        fields["directors"] = [{"name": name} for name in directors[:200]]
    writers = _texts(node, ("writers", "writer"))
    if writers:
        fields["writers"] = [{"name": name} for name in writers[:200]]
    cast = _texts(node, _CAST_KEYS)
    if cast:
        fields["cast"] = [{"name": name, "order": order} for order, name in enumerate(cast[:200], start=1)]
    rating = _rating(node)
    if rating:
        fields["rating"] = rating
    cert = _certificate(node, unparsed)
    if cert:
        fields["certificate"] = cert
    plot = _text(node.get("plot") or node.get("overview") or node.get("synopsis") or node.get("description"))
    if plot and len(plot) > 20:
        fields["plot"] = plot
    countries = _texts(
        node, ("countries", "countriesOfOrigin", "productionCountries", "production_countries", "country")
    )
    countries = countries or _country_codes(node.get("countriesOfOrigin") or node.get("countries"))
    if countries:
        fields["countries"] = countries
    languages = _texts(node, ("languages", "spokenLanguages", "spoken_languages"))
    if languages:
        fields["languages"] = languages
    return fields, unparsed


_CAST_KEYS = ("cast", "actors", "stars")


def cast_characters(node: JsonObject) -> dict[str, str]:
    """The characters a state object gives its cast, by the person's name as printed: a character as text
    ({"name": "Ann Vale", "character": "Jo"}) or as a list of them with the credit's notes ({"name": {"nameText":
    ...}, "characters": [{"name": "Jo"}, {"name": "Mo"}], "attributes": [{"text": "voice"}]} gives
    "Jo (voice)": the first of several, as a title page prints it)."""
    keys = (*_CAST_KEYS, "principalCast")  # the billed cast, which the whole cast's first page may not hold
    values = [node.get(key) for key in keys] + [v for k, v in node.items() if _extends(k, _CAST_KEYS)]
    found: dict[str, str] = {}
    for value in values:
        for item in _items(value, people=False):
            if not isinstance(item, dict):
                continue
            name, character = _text(item.get("name")), _character(item)
            if name and character:
                found.setdefault(name, character)
    return found


def _character(item: JsonObject) -> str | None:
    named = item.get("character")
    if isinstance(named, str):
        return text_of(named)
    roles = [role for role in (_text(entry) for entry in _items(item.get("characters"))) if role]
    if not roles:
        return None
    notes = [note for note in (_text(entry) for entry in _items(item.get("attributes"))) if note]
    return " ".join([roles[0], *(f"({note})" for note in notes)])


def _texts(node: JsonObject, keys: tuple[str, ...]) -> list[str]:
    """The distinct texts of the list values under `keys` and under their camelCase extensions ("directors" and
    "directorsPageTitle", "cast" and "castV2"), in order (a film's names, its countries)."""
    values = [node.get(key) for key in keys]
    values += [value for key, value in node.items() if _extends(key, keys)]
    return list(dict.fromkeys(t for t in (_text(item) for value in values for item in _items(value)) if t))


def _extends(key: str, names: tuple[str, ...]) -> bool:
    """True when `key` is one of `names` followed by a camelCase or numbered qualifier ("castPageTitle", "castV2"),
    not by one that makes it another thing ("castAndCrew", "castCount", "directorIds")."""
    for name in names:
        if not key.startswith(name):
            continue
        qualifier = key[len(name) :]
        if qualifier[:1].isupper() or qualifier[:1].isdigit():
            return not qualifier.startswith(_OTHER_THINGS)
    return False


_OTHER_THINGS = ("And", "Or", "Count", "Total", "Id", "Url", "Link", "Image", "Photo")


_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def _country_codes(value: Any) -> list[str]:
    """Countries a state gives by their ISO code only: {"countries": [{"id": "US"}]}."""
    items = _items(value)
    codes = [item.get("id") for item in items if isinstance(item, dict)]
    return list(dict.fromkeys(code for code in codes if isinstance(code, str) and _COUNTRY_CODE.match(code)))


def _certificate(node: JsonObject, unparsed: dict[str, str]) -> CertificateFields | None:
    """The film's certificate: a string or an object naming it ({"rating": "R"}, {"text": "PG-13"})."""
    value = node.get("certificate") or node.get("contentRating") or node.get("ageRating")
    if isinstance(value, dict):
        value = value.get("rating") or _text(value)
    return certificate(value, unparsed=unparsed) if isinstance(value, str) else None


def _text(value: Any) -> str | None:
    """Text of a state value: a string, or the text inside {"text"}, {"plainText"}, {"name"}..."""
    for _ in range(4):
        if not isinstance(value, dict):
            break
        value = next(
            (
                value[key]
                for key in ("text", "plainText", "name", "nameText", "value", "title", "en", "plotText", "genre")
                if value.get(key)
            ),
            None,
        )
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None
    return text_of(value) if isinstance(value, str) else None


def _items(value: Any, *, people: bool = True) -> list[Any]:
    """The elements of a list value, also inside GraphQL connections ({"edges": [{"node": ...}]}); a credit
    whose name is an object is that object (the person) unless `people` is false (the credit itself)."""
    if isinstance(value, dict):
        for key in ("edges", "items", "nodes", "credits", "genres", "countries"):
            if isinstance(value.get(key), list):
                value = value[key]
                break
        else:
            return [value]
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        return []
    items = []
    for item in value[:300]:
        if isinstance(item, dict) and isinstance(item.get("node"), dict):
            item = item["node"]
        if isinstance(item, dict) and isinstance(item.get("credits"), list) and "name" not in item:
            # A group of credits ({"category": ..., "credits": [{"name": ...}]}): its people.
            items.extend(_items(item["credits"], people=people))
            continue
        if people and isinstance(item, dict) and isinstance(item.get("name"), dict):
            item = item["name"]
        items.append(item)
    return items


def _year(value: Any) -> int | None:
    if isinstance(value, dict):
        value = value.get("year")
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 1870 <= value <= 2100:
        return value
    return None


def _date_text(value: Any) -> str | None:
    if isinstance(value, dict):
        year, month, day = (value.get(k) for k in ("year", "month", "day"))
        if isinstance(year, int) and isinstance(month, int) and isinstance(day, int):
            return f"{year:04d}-{month:02d}-{day:02d}"
        return _text(value.get("date") or value.get("value"))
    return value.strip() if isinstance(value, str) and value.strip() else None


def _runtime(node: JsonObject, unparsed: dict[str, str]) -> FilmFields:
    seconds = node.get("runtimeSeconds")
    runtime = node.get("runtime")
    if isinstance(runtime, dict):
        seconds = seconds if seconds is not None else runtime.get("seconds")
        runtime = runtime.get("minutes") or _text(runtime.get("displayableProperty") or runtime.get("text"))
    if isinstance(seconds, int) and not isinstance(seconds, bool) and 60 <= seconds <= 90_000:
        return {"runtime_minutes": round(seconds / 60)}
    minutes = node.get("runtimeMinutes") if runtime is None else runtime
    if minutes is None:
        minutes = node.get("duration") or node.get("length")
    if isinstance(minutes, int) and not isinstance(minutes, bool):
        return {"runtime_minutes": minutes} if 1 <= minutes <= 1500 else {}
    if isinstance(minutes, str) and minutes.strip():
        found = normalised(unparsed, "runtime_minutes", parse_runtime, minutes.strip())
        if found is not None:
            return {"runtime_minutes": found, "runtime_raw": minutes.strip()}
    return {}


def _rating(node: JsonObject) -> RatingFields | None:
    """A rating only with a stated or unambiguous scale: schema.org-shaped, IMDb's ratingsSummary, TMDB's
    vote_average (out of 10)."""
    agg = node.get("aggregateRating")
    if isinstance(agg, dict):
        return aggregate_rating(agg)
    summary = node.get("ratingsSummary")
    if isinstance(summary, dict):
        return _out_of_ten(summary.get("aggregateRating"), summary.get("voteCount"))
    if "vote_average" in node:
        return _out_of_ten(node.get("vote_average"), node.get("vote_count"))
    if "imdbRating" in node:
        return _out_of_ten(node.get("imdbRating"), node.get("imdbVotes"))
    return None


def _out_of_ten(value: Any, votes: Any) -> RatingFields | None:
    rating = number(value)
    if rating is None or not 0 < rating <= 10:
        return None
    result: RatingFields = {"value": rating, "best": Decimal(10), "worst": Decimal(0)}
    if isinstance(votes, int) and not isinstance(votes, bool) and votes >= 0:
        result["count"] = votes
    elif isinstance(votes, str) and votes.replace(",", "").isdigit():
        result["count"] = int(votes.replace(",", ""))
    return result
