"""Which film an article reviews: title, year, directors and runtime, from what the page states.

Sources, strongest first: a credits block ("D: Howard Hawks", "1959 | 141 mins.", "Directed by ..."), the
headline ("Title (1948)", "Review: Title", "Title review", a quoted title), the URL slug ("rio-bravo-1959")
confirming a title the page prints, and "Directed by ..." sentences in the body. Nothing is guessed: a year
comes only from a "(1948)" note beside the title, the credits block or the slug of that same title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from crawler.core.normalize import clean_text, parse_runtime, strip_year_suffix

from ..fields import or_none

YEAR = r"(?:18[89]\d|19\d\d|20\d\d|2100)"
NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:de|da|del|della|der|van|von|le|la|du|dos|di|bin|al)(?=\s+[A-Z]))"
NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD})*"
# Capitalised words that follow a director's name in credit lines and are not part of it.
NOT_NAMES = {
    "Starring",
    "Written",
    "With",
    "Produced",
    "Running",
    "Runtime",
    "Rated",
    "Cast",
    "Screenplay",
    "Music",
    "Cinematography",
    "Release",
    "Released",
    "Country",
    "Language",
    "Genre",
    "Stars",
    "Writer",
    "Writers",
    "Editor",
    "The",
    "A",
    "An",
    "In",
    "On",
    "It",
}
# The label ends at a separator ("D: Michael Powell"; only "Dir." and "Directed by" at a space): never the "D" of
# "DVD & Blu-Ray" or the "Directors" of "Directors Guild Awards".
# The director's label in the languages of film blogs beyond English (always with its colon): German, French,
# Spanish, Italian, Portuguese, Dutch, Scandinavian, Finnish, Czech, Slovak, Polish, Hungarian, Russian.
DIRECTOR_LABELS_ELSEWHERE = (
    "Regie",
    "Regisseur",
    "Réalisation",
    "Réalisateur",
    "Réalisatrice",
    "Dirección",
    "Director",
    "Directora",
    "Regia",
    "Regista",
    "Direção",
    "Realização",
    "Realizador",
    "Regi",
    "Regissør",
    "Regissör",
    "Instruktør",
    "Ohjaus",
    "Režie",
    "Réžia",
    "Reżyseria",
    "Reżyser",
    "Rendező",
    "Режиссёр",
    "Режиссер",
)
_LABELLED_ELSEWHERE = "|".join(re.escape(label) for label in DIRECTOR_LABELS_ELSEWHERE)
DIRECTOR_LINE = re.compile(
    rf"^(?:(?:D|Dir\.?|Directors?|Directed\s+by)\s*[:.–—-]\s*|(?:Dir\.|Directed\s+by)\s+"
    rf"|(?:{_LABELLED_ELSEWHERE})\s*:\s*)(?P<names>{NAME}(?:\s*(?:,|&|\band\b)\s*{NAME})*)\s*$"
)
DIRECTED_BY = re.compile(rf"\b[Dd]irected\s+by\s+(?P<names>{NAME}(?:\s*(?:,|&|\band\b)\s*{NAME})*)")
NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")
RUNTIME = re.compile(
    r"(?<![\w.])(?P<raw>\d{2,3}\s*(?:mins?\.?|minutes)|\d\s*h(?:rs?|ours?)?\.?\s*\d{1,2}\s*m(?:ins?)?\.?)(?!\w)",
    re.IGNORECASE,
)
RUNTIME_LABELLED = re.compile(r"\b(?:Runtime|Running\s+time)\s*[:.–—-]?\s*(?P<raw>.+)$", re.IGNORECASE)
YEAR_LEAD = re.compile(rf"^(?P<year>{YEAR})\s*(?:[|·•/,–—-]|$)")
SMALL_WORDS = r"(?:a|an|the|of|and|in|on|at|to|for|from|with|or|vs\.?|de|la|le|du|del|&)"
TITLE_WORD = r"(?:[A-Z0-9][\w'’:.!?&-]*)"
TITLE_BEFORE_YEAR = re.compile(
    rf"(?<![\w'’])(?P<title>{TITLE_WORD}(?:\s+(?:{TITLE_WORD}|{SMALL_WORDS}(?=\s+{TITLE_WORD})))*)\s*\(\s*(?P<year>{YEAR})\s*\)"
)
QUOTED = re.compile(r"[‘'“\"«](?P<title>[^‘’'“”\"«»]{1,120})[’'”\"»]")
REVIEW_PREFIX = re.compile(r"^(?:(?:film|movie)\s+)?review\s*[:|–—-]\s*(?P<rest>.+)$", re.IGNORECASE)
REVIEW_SUFFIX = re.compile(r"^(?P<rest>.+?)\s+(?:(?:film|movie)\s+)?review\b", re.IGNORECASE)
TRAILING_CLAUSE = re.compile(r"\s+[:|–—]\s+.*$|\s+-\s+.*$")
# Opening words that make a headline a sentence rather than a title.
SENTENCE_OPENERS = {
    "why",
    "how",
    "what",
    "when",
    "where",
    "who",
    "is",
    "are",
    "does",
    "do",
    "in",
    "on",
    "my",
    "our",
    "review",
    "watch",
    "see",
}
SLUG_YEAR = re.compile(rf"^(?:review-)?(?P<words>.+?)-(?P<year>{YEAR})(?:-review)?$")
SLUG_WORD = re.compile(r"[a-z0-9]+")
MAX_TITLE_WORDS = 12


@dataclass
class FilmFacts:
    title: str | None = None
    year: int | None = None
    directors: list[str] = field(default_factory=list)
    runtime_minutes: int | None = None
    runtime_raw: str | None = None


def slug_words(text: str) -> list[str]:
    return SLUG_WORD.findall(text.lower())


def url_slug(url: str) -> str:
    segments = [s for s in unquote(urlsplit(url).path).split("/") if s]
    last = segments[-1] if segments else ""
    return re.sub(r"\.(?:html?|php|aspx?)$", "", last).lower()


def names_of(text: str) -> list[str]:
    names: list[str] = []
    for part in NAME_SPLIT.split(text):
        words = part.split()
        while words and words[-1] in NOT_NAMES:
            words.pop()
        if words and words[-1].endswith(".") and len(words[-1]) > 2 and words[-1] not in ("Jr.", "Sr."):
            words[-1] = words[-1].rstrip(".")  # a sentence's full stop, not an initial
        if words and words[0] not in NOT_NAMES:
            name = clean_text(" ".join(words))
            if name not in names:
                names.append(name)
    return names


def directors_in_credits(lines: list[str]) -> list[str]:
    for line in lines:
        match = DIRECTOR_LINE.match(line)
        if match:
            return names_of(match.group("names"))
    return []


def directors_in_prose(paragraphs: list[str]) -> list[str]:
    for paragraph in paragraphs:
        match = DIRECTED_BY.search(paragraph)
        if match:
            names = names_of(match.group("names"))
            if names:
                return names
    return []


def runtime_in_credits(lines: list[str]) -> tuple[int | None, str | None]:
    for line in lines:
        labelled = RUNTIME_LABELLED.search(line)
        match = RUNTIME.search(labelled.group("raw") if labelled else line)
        if match and (labelled or YEAR_LEAD.match(line) or len(line) <= 40):
            raw = clean_text(match.group("raw"))
            return or_none(parse_runtime, raw), raw
    return None, None


def year_in_credits(lines: list[str]) -> int | None:
    """A year opening a short credits line that also gives the runtime ("1959 | 141 mins.")."""
    for line in lines:
        match = YEAR_LEAD.match(line)
        if match and RUNTIME.search(line):
            return int(match.group("year"))
    return None


def _first_words_ok(title: str) -> bool:
    words = title.split()
    return 0 < len(words) <= MAX_TITLE_WORDS and words[0].lower() not in SENTENCE_OPENERS


def title_from_headline(headline: str) -> tuple[str | None, int | None]:
    """("The Red Shoes", 2025) from "In the spotlight of glory, The Red Shoes (2025) reveals ..."."""
    text = clean_text(headline)
    prefixed = REVIEW_PREFIX.match(text)
    if prefixed:
        rest = TRAILING_CLAUSE.sub("", prefixed.group("rest"))
        title, year = strip_year_suffix(rest.strip(" \"'‘’“”"))
        if _first_words_ok(title) or len(title.split()) <= MAX_TITLE_WORDS:
            return title, year
    quoted = QUOTED.search(text)
    if quoted and (
        re.search(r"\breview\b", text, re.IGNORECASE) or re.match(rf"\s*\(\s*{YEAR}\s*\)", text[quoted.end() :])
    ):
        after = re.match(rf"\s*\(\s*(?P<year>{YEAR})\s*\)", text[quoted.end() :])
        return clean_text(quoted.group("title")), int(after.group("year")) if after else None
    for match in TITLE_BEFORE_YEAR.finditer(text):
        words = match.group("title").split()
        # Drop leading capitalised words that open the sentence ("Why", "Review").
        while words and words[0].lower() in SENTENCE_OPENERS:
            words = words[1:]
        if words and len(words) <= MAX_TITLE_WORDS:
            return " ".join(words).strip(" :,"), int(match.group("year"))
    suffixed = REVIEW_SUFFIX.match(text)
    if suffixed:
        title, year = strip_year_suffix(suffixed.group("rest").strip(" \"'‘’“”:–—-"))
        if _first_words_ok(title):
            return title, year
    return None, None


def title_in_text(words: list[str], text: str) -> str | None:
    """The span of `text` that spells the slug words ("rio", "bravo") as printed ("Rio Bravo")."""
    if not words:
        return None
    pattern = r"(?<![\w])" + r"[\W_]+".join(re.escape(w) for w in words) + r"(?![\w])"
    match = re.search(pattern, text, re.IGNORECASE)
    return clean_text(match.group(0)) if match else None


def identify(*, headline: str | None, url: str, credit_lines: list[str], paragraphs: list[str]) -> FilmFacts:
    facts = FilmFacts()
    slug = SLUG_YEAR.match(url_slug(url))
    slug_title_words = slug_words(slug.group("words")) if slug else []
    if headline:
        facts.title, facts.year = title_from_headline(headline)
        has_credits = bool(directors_in_credits(credit_lines) or year_in_credits(credit_lines))
        if (
            facts.title is None
            and _first_words_ok(headline)
            and (has_credits or (slug_title_words and slug_words(headline) == slug_title_words))
        ):
            # The headline is the bare title, confirmed by a credits block or by the URL slug.
            facts.title, facts.year = strip_year_suffix(headline)
        if facts.title is None and slug_title_words:
            facts.title = title_in_text(slug_title_words, headline)
    if facts.title and facts.year is None:
        facts.year = year_in_credits(credit_lines)
        if facts.year is None and slug and slug_words(facts.title) == slug_title_words:
            facts.year = int(slug.group("year"))
    facts.directors = directors_in_credits(credit_lines) or directors_in_prose(paragraphs)
    facts.runtime_minutes, facts.runtime_raw = runtime_in_credits(credit_lines)
    return facts
