"""Facts a page prints as label and value: `<dl>` terms, two-column tables and infoboxes, "Runtime: 133 min"
lines, in any of the languages of LABELS.

One table maps every printed label to a record field; adding a language is adding words to it, not code.
Labels are compared casefolded, without their colon or "(s)". Values go through the normalisers of
crawler.core.normalize; a value they refuse is kept as raw text in `unparsed` and its field stays empty. Blocks of
navigation, headers, footers and sidebars are never read: their labels belong to other pages.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

from parsel import Selector

from crawler.core.normalize import (
    COUNTRY_NAMES,
    clean_text,
    country_code,
    parse_certificate,
    parse_count,
    parse_date,
    parse_money,
    parse_rating,
    parse_runtime,
    split_genres,
)
from schemas.common import RatingKind
from schemas.film import Certificate
from schemas.record_fields import FilmFields, RatingFields

from ..fields import drop_field, normalised, or_none, value_fields
from ..page import decoded
from ..schemaorg import KIND_NAME, without_credit
from ..structured import language_versions, shown_text

# field -> printed labels: English, German, French, Spanish, Italian, Portuguese, Dutch, Russian, Czech,
# Hungarian, Polish, Japanese, Chinese (simplified and traditional), Korean.
LABELS: dict[str, tuple[str, ...]] = {
    "runtime": (
        "runtime",
        "running time",
        "run time",
        "length",
        "duration",
        "laufzeit",
        "länge",
        "spieldauer",
        "dauer",
        "durée",
        "duración",
        "duracion",
        "durata",
        "duração",
        "duracao",
        "продолжительность",
        "время",
        "délka",
        "stopáž",
        "játékidő",
        "hossz",
        "czas trwania",
        "上映時間",
        "時間",
        "片长",
        "片長",
        "时长",
        "時長",
        "상영시간",
        "상영 시간",
        "러닝타임",
        "speelduur",
        "looptijd",
        "duur",
        "spielzeit",
    ),
    "directors": (
        "director",
        "directors",
        "directed by",
        "direction",
        "regie",
        "regisseur",
        "regisseurin",
        "réalisateur",
        "réalisatrice",
        "réalisation",
        "réalisé par",
        "de",
        "dirección",
        "dirigida por",
        "directora",
        "regia",
        "regista",
        "diretto da",
        "direção",
        "direcção",
        "realizador",
        "realização",
        "diretor",
        "режиссер",
        "режиссёр",
        "режиссура",
        "režie",
        "réžia",
        "rendező",
        "rendezte",
        "reżyseria",
        "reżyser",
        "監督",
        "导演",
        "導演",
        "regia di",
        "un film di",
        "dirigido por",
        "ein film von",
        "감독",
    ),
    "writers": (
        "writer",
        "writers",
        "written by",
        "screenplay",
        "screenplay by",
        "screenwriter",
        "screenwriters",
        "story",
        "story by",
        "writing credits",
        "drehbuch",
        "buch",
        "scénario",
        "scénariste",
        "scénaristes",
        "guion",
        "guión",
        "guionista",
        "sceneggiatura",
        "sceneggiatore",
        "roteiro",
        "argumento",
        "argumentista",
        "сценарий",
        "сценарист",
        "scénář",
        "scenár",
        "forgatókönyv",
        "forgatókönyvíró",
        "scenariusz",
        "脚本",
        "编剧",
        "編劇",
        "각본",
        "극본",
        "scenario",
        "scenarist",
        "schrijver",
        "schrijvers",
        "író",
    ),
    "cast": (
        "cast",
        "top cast",
        "top billed cast",
        "main cast",
        "principal cast",
        "starring",
        "stars",
        "actors",
        "with",
        "darsteller",
        "hauptdarsteller",
        "besetzung",
        "mit",
        "avec",
        "acteurs",
        "distribution",
        "acteurs et actrices",
        "reparto",
        "reparto principal",
        "intérpretes",
        "protagonistas",
        "interpreti",
        "attori",
        "elenco",
        "elenco principal",
        "cast principale",
        "atores",
        "actores",
        "в ролях",
        "актеры",
        "актёры",
        "hrají",
        "hrajú",
        "obsazení",
        "szereplők",
        "főszereplők",
        "obsada",
        "występują",
        "出演",
        "キャスト",
        "出演者",
        "主演",
        "演员",
        "演員",
        "출연",
        "출연진",
        "주연",
        "met",
        "rolverdeling",
        "acteurs en actrices",
        "в главных ролях",
        "szereplő",
        "főszereplő",
        "főszerepben",
        "schauspieler",
        "con",
        "com",
        "interpretada por",
    ),
    "genres": (
        "genre",
        "genres",
        "category",
        "genre",
        "gattung",
        "género",
        "géneros",
        "genero",
        "genere",
        "generi",
        "gênero",
        "gêneros",
        "жанр",
        "жанры",
        "žánr",
        "žánry",
        "műfaj",
        "gatunek",
        "gatunki",
        "ジャンル",
        "类型",
        "類型",
        "类别",
        "類別",
        "장르",
    ),
    "release_date": (
        "release date",
        "release",
        "earliest release date",
        "release dates",
        "released",
        "initial release",
        "theatrical release",
        "in theaters",
        "in theatres",
        "in cinemas",
        "kinostart",
        "erscheinungsdatum",
        "veröffentlichung",
        "premiere",
        "uraufführung",
        "date de sortie",
        "sortie",
        "sortie en salles",
        "fecha de estreno",
        "estreno",
        "fecha de lanzamiento",
        "data di uscita",
        "uscita",
        "data d'uscita",
        "data de lançamento",
        "lançamento",
        "estreia",
        "data de estreia",
        "премьера",
        "дата выхода",
        "премьера в мире",
        "дата премьеры",
        "premiéra",
        "datum premiéry",
        "bemutató",
        "megjelenés",
        "premiera",
        "data premiery",
        "公開日",
        "公開",
        "上映日期",
        "上映时间",
        "上映時間",
        "首映",
        "上映日",
        "劇場公開日",
        "初公開年月",
        # the year of the release in Japan, not the film's ("製作年"): a foreign film's comes years later
        "公開年",
        "개봉",
        "개봉일",
        "releasedatum",
        "première",
        "in de bioscoop",
        "bioscooprelease",
        "uscita al cinema",
        "magyarországi bemutató",
        "deutschlandstart",
        "bundesstart",
        "estreno en cines",
        "data de estreia no brasil",
        # a series' run, or an episode's showing: "Aired: Oct 3, 2024 to ?"
        "aired",
        "first aired",
    ),
    "year": (
        "year",
        "production year",
        "year of release",
        "jahr",
        "produktionsjahr",
        "erscheinungsjahr",
        "année",
        "année de production",
        "année de sortie",
        "año",
        "año de producción",
        "año de estreno",
        "anno",
        "anno di produzione",
        "anno di uscita",
        "ano",
        "ano de produção",
        "ano de lançamento",
        "год",
        "год производства",
        "год выпуска",
        "rok",
        "rok výroby",
        "rok vydání",
        "év",
        "gyártási év",
        "rok produkcji",
        "製作年",
        "年份",
        "年代",
        "出品年份",
        "제작연도",
        "제작 연도",
        "jaar",
        "productiejaar",
    ),
    "countries": (
        "country",
        "countries",
        "country of origin",
        "countries of origin",
        "production country",
        "production countries",
        "produktionsländer",
        "pays de production",
        "países de producción",
        "paesi di produzione",
        "países de produção",
        "страны производства",
        "země původu",
        "produktionsland",
        "herstellungsland",
        "land",
        "pays",
        "pays d'origine",
        "nationalité",
        "nationalités",
        "nationalität",
        "nationalitäten",
        "nacionalidad",
        "nacionalidades",
        "nacionalidade",
        "nazionalità",
        "país",
        "países",
        "país de origen",
        "paese",
        "paese di produzione",
        "nazione",
        "país de origem",
        "страна",
        "страны",
        "země",
        "krajina",
        "ország",
        "gyártó ország",
        "kraj",
        "kraj produkcji",
        "produkcja",
        "製作国",
        "製作国・地域",
        "制片国家/地区",
        "製片國家/地區",
        "国家",
        "國家",
        "地区",
        "国家地区",
        "國家地區",
        "국가",
        "제작국가",
        "landen",
        "productieland",
        "herkunftsland",
    ),
    "languages": (
        "language",
        "languages",
        "original language",
        "original languages",
        "spoken language",
        "spoken languages",
        "sprache",
        "sprachen",
        "originalsprache",
        "langue",
        "langues",
        "langue originale",
        "idioma",
        "idiomas",
        "idioma original",
        "lingua",
        "lingue",
        "lingua originale",
        "língua",
        "língua original",
        "язык",
        "языки",
        "jazyk",
        "jazyky",
        "nyelv",
        "nyelvek",
        "język",
        "języki",
        "言語",
        "语言",
        "語言",
        "언어",
        "taal",
        "talen",
        "originele taal",
    ),
    "certificate": (
        "certificate",
        "certification",
        "rated",
        "mpaa",
        "mpaa rating",
        "content rating",
        "age rating",
        "parental rating",
        "fsk",
        "altersfreigabe",
        "freigabe",
        "classification",
        "interdiction",
        "clasificación",
        "calificación",
        "divieto",
        "classificazione",
        "classificação",
        "classificação indicativa",
        "возрастной рейтинг",
        "возраст",
        "рейтинг mpaa",
        "přístupnost",
        "přístupné",
        "korhatár",
        "korhatár-besorolás",
        "kategoria wiekowa",
        "レイティング",
        "映倫",
        "分级",
        "分級",
        "映倫区分",
        "등급",
        "관람등급",
        "연령 등급",
        "kijkwijzer",
        "leeftijd",
    ),
    "original_title": (
        "original title",
        "original name",
        "originaltitel",
        "titre original",
        "título original",
        "titolo originale",
        "título original",
        "оригинальное название",
        "původní název",
        "originální název",
        "eredeti cím",
        "tytuł oryginalny",
        "tytuł oryginału",
        "原題",
        "原名",
        "원제",
        "originele titel",
    ),
    "plot": (
        "plot",
        "plot summary",
        "plot outline",
        "overview",
        "synopsis",
        "handlung",
        "inhalt",
        "résumé",
        "sinopsis",
        "trama",
        "sinopse",
        "сюжет",
        "obsah",
        "obsahy",
        "děj",
        "tartalom",
        "fabuła",
        "あらすじ",
        "剧情简介",
        "劇情簡介",
        "줄거리",
        "verhaal",
        "inhoud",
        "samenvatting",
        "opis",
        "описание",
        "sinossi",
    ),
    "rating": (
        "rating",
        "user rating",
        "users' rating",
        "imdb rating",
        "user score",
        "users score",
        "score",
        "bewertung",
        "nutzerwertung",
        "note",
        "note des spectateurs",
        "puntuación",
        "valoración",
        "calificación de usuarios",
        "valutazione",
        "voto",
        "avaliação",
        "nota",
        "рейтинг",
        "рейтинг пользователей",
        "hodnocení",
        "értékelés",
        "ocena",
        "ocena użytkowników",
        "評価",
        "評点",
        "评分",
        "評分",
        "豆瓣评分",
        "평점",
        "waardering",
        "beoordeling",
    ),
    # The film's cost and its takings the world over; a country's gross ("Box Office (Gross USA)", "Domestic")
    # is no box office of the film's, so the bare "box office" some pages qualify by country is not a label.
    "budget": (
        "budget",
        "estimated budget",
        "presupuesto",
        "orçamento",
        "бюджет",
        "rozpočet",
        "budżet",
        "költségvetés",
        "製作費",
        "预算",
        "製作預算",
        "제작비",
    ),
    "box_office": (
        "revenue",
        "gross worldwide",
        "worldwide gross",
        "cumulative worldwide gross",
        "worldwide box office",
        "worldwide",
        "recaudación mundial",
        "taquilla mundial",
        "сборы в мире",
        "全球票房",
    ),
}

# Some words are labels of two fields ("calificación": a certificate in Spain, a score elsewhere): the first
# field listed wins, in this order.
_FIELD_ORDER = (
    "runtime",
    "directors",
    "writers",
    "cast",
    "genres",
    "release_date",
    "year",
    "countries",
    "languages",
    "certificate",
    "original_title",
    "plot",
    "rating",
    "budget",
    "box_office",
)
# The record field a LABELS field fills, where the two names differ.
RECORD_FIELD = {"runtime": "runtime_minutes"}
FIELD_OF_LABEL: dict[str, str] = {}
for _name in reversed(_FIELD_ORDER):
    for _label in LABELS[_name]:
        FIELD_OF_LABEL[_label.casefold()] = _name

# Labels short and common enough to mean something else in running text ("de", "with", "mit"): only read from
# a label cell or term, never from a "Label: value" line.
_CELL_ONLY = {
    "de",
    "con",
    "com",
    "with",
    "mit",
    "met",
    "jaar",
    "duur",
    "taal",
    "land",
    "note",
    "nota",
    "voto",
    "score",
    "buch",
    "time",
    "時間",
    "地区",
    "year",
    "rok",
    "год",
    "év",
    "ano",
    "año",
    "anno",
    "jahr",
    "année",
}

# Blocks whose labels belong to other pages or to the site: navigation, header, footer, sidebars, and the
# recommendations of other films ("More like this": IMDb's rec_item boxes print each one's "Director:"). An
# element is outside the page's own content when an ancestor is one of these tags or roles, or when it or an
# ancestor has one of these words in its id or class (as a substring, case-sensitive: "main-nav", "navbar").
_OUTSIDE_TAGS = frozenset({"nav", "header", "footer", "aside", "script", "style"})
_OUTSIDE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary"})
_OUTSIDE_ID = re.compile("nav|menu|sidebar|footer|recs")
_STYLED_TEXT = frozenset({"p", "span"})
_OUTSIDE_CLASS = re.compile("nav|menu|sidebar|footer|rec_|rec-|recommend|similar|more-like")
# Elements that may print a label ("<b>Runtime:</b> 133 min"), shorter than MAX_LABEL_LINE, not in a <dt>,
# <dd> or table (those are read as terms and rows).
_LABEL_TAGS = frozenset({"b", "strong", "span", "label", "h4", "h5", "em", "th", "div", "p", "li"})
_IN_TERMS_OR_TABLE = frozenset({"dt", "dd", "table"})
_CELLS = frozenset({"td", "th"})
MAX_LABEL_LINE = 40
# Lines that may print a fact without a label ("Rated R"): no block inside them, shorter than MAX_LOOSE_LINE.
_LINE_TAGS = frozenset({"li", "p", "div", "span"})
_BLOCKS_INSIDE = frozenset({"div", "p", "li", "ul"})
MAX_LOOSE_LINE = 300
MAX_LOOSE_LINES = 2000
_HIDDEN = frozenset({"script", "style"})
_XML_SPACE = re.compile(r"[ \t\r\n]+")

_LABEL_TAIL = re.compile(r"\s*[:：]\s*$")
# "Genre(s)", "Premiere (world)": the bracket qualifies the label, it does not change the field.
_PLURAL = re.compile(r"\s*\([^()]{1,20}\)\s*$", re.IGNORECASE)
# "Writing Credits (in alphabetical order)": how the credits are sorted, not what they are.
_ORDER_NOTE = re.compile(r"\s*\(in [a-z ]{1,24} order\)\s*$", re.IGNORECASE)
_LIST_SEPARATORS = re.compile(r"\s*(?:,|/|\||、|·|，|;|／)\s*")
# "1948", "(1948)", "1948年" / "1948년" (Japanese, Chinese, Korean)
_YEAR = re.compile(r"^(?:\(?\s*)((?:18|19|20)\d\d)(?:\s*[年년])?(?:\s*\)?)$")
_USER_RATING = re.compile(
    r"(\d{1,3}(?:[.,]\d{1,2})?)\s*/\s*(10|5|100)\b(?:[^\d]{0,20}?(\d[\d,.\s\u00a0]*\d|\d)\s*"
    r"(?:users|votes|ratings|stimmen|votes?|votos|voti|голос|hlas|szavaz|głos|人|件|bewertung|ocen|оцен|"
    r"értékelés|valoracion|avalia|notes|stemmen|hodnocení))?",
    re.IGNORECASE,
)
# Longest codes first: "Rated PG-13" is not "PG".
_RATED = re.compile(r"\bRated\s+(PG-13|NC-17|TV-(?:Y7|Y|G|PG|14|MA)|Not Rated|Unrated|PG|GP|NR|G|R|X|M)(?![\w-])")
# The link after a value, or in its place ("See all certifications »" where a 2014 IMDb page has no
# certificate to print). A whole word only: "Baltimore" does not end in "more".
_MORE = re.compile(
    r"\s*(?:\.\.\.|…)?\s*\b(?:more|see more|see all\b[^»›>]*|full cast.*|mehr|plus|más|altro|mais|ещё|další|több|"
    r"więcej|ver tod[oa]s\b[^»›>]*|voir tou[st]\b[^»›>]*|vedi tutt[io]\b[^»›>]*|alle anzeigen)\s*[»›>]*\s*$",
    re.IGNORECASE,
)


@dataclass
class LabelledFacts:
    fields: FilmFields = field(default_factory=lambda: FilmFields())
    unparsed: dict[str, str] = field(default_factory=dict)
    """Raw text of labelled values the normalisers refused, by record field."""
    rating_kind: RatingKind | None = None
    """Who gave the rating where the page says: "critic" for a share of positive reviews."""
    repeated: frozenset[str] = frozenset()
    """Labels printed again and again with other values ("Runtime:" under each result of a search): a page of
    many films. Their values are left out, since none of them is the page's."""

    @property
    def count(self) -> int:
        return len(self.fields)


def normalised_label(text: str) -> str:
    label = _PLURAL.sub("", _ORDER_NOTE.sub("", _LABEL_TAIL.sub("", clean_text(text)))).casefold()
    return label.strip(" .")


def field_for(label: str) -> str | None:
    """The LABELS field a printed label names, or None."""
    return FIELD_OF_LABEL.get(normalised_label(label))


def read_labels(sel: Selector, fields: Collection[str] | None = None) -> LabelledFacts:
    """The film facts the page prints as labelled values; the first value found for a field wins.

    `fields`: the record fields the caller will use (None: every one); the labels of other fields are not
    read, nor their values normalised (a release date the caller does not want is not parsed)."""
    facts = LabelledFacts()
    if sel.type != "html":
        return facts
    wanted = None if fields is None else {name for name in LABELS if RECORD_FIELD.get(name, name) in fields}
    # "Rating: R" prints a certificate under the label of a score.
    scores_wanted = wanted is None or "rating" in wanted
    if wanted is not None and "certificate" in wanted:
        wanted.add("rating")
    loose_fields = _LOOSE_FIELDS if fields is None else _LOOSE_FIELDS & set(fields)
    loose = bool(loose_fields)
    classed_fields = _CLASSED_FIELDS if fields is None else _CLASSED_FIELDS & set(fields)
    if wanted and not loose:
        wanted = _printed(wanted, sel)
    if wanted is not None and not wanted and not loose and not classed_fields:
        # Fields no label names (an end year, a title kind), or whose labels the page nowhere prints: the walk
        # over the page could find nothing.
        return facts
    # Dates are read in the page's own language too ("18 octobre 2023" on a page in French).
    lang = (sel.xpath("/html/@lang").get() or "").strip().lower()[:2]
    languages = ("en", lang) if lang.isalpha() and len(lang) == 2 and lang != "en" else ("en",)
    dollars = not _dollar_may_be_local(sel)
    candidates = _candidates(sel.root, lines=loose, classed=bool(classed_fields))
    values: dict[str, set[str]] = {}
    writing_credits = None  # the block of the writing credit read: its next credits add their writers
    release_years: list[_Value] = []
    occurrences: dict[str, list[tuple[Any, str]]] = {}  # by field, each label's block and value, in page order
    for label, value, holder in _pairs(candidates, wanted):
        name = field_for(label)
        if name is None:
            continue
        if name == "rating":
            rated = _RATING_AS_CERTIFICATE.match(value.text.strip())
            if rated:
                name, value = "certificate", _Value(rated.group(1), ())
            elif not scores_wanted:
                continue
        if name == "certificate" and wanted is not None and "certificate" not in wanted:
            continue
        if name == "year" and normalised_label(label) in _RELEASE_YEAR_LABELS:
            release_years.append(value)  # the film's year only where no label names the year it was made
            continue
        if name == "writers" and normalised_label(label) in _STORY_LABELS and not _linked_names(value):
            continue  # "Story:" before a summary of the story, not before its writers
        if name == "writers" and holder is not None and holder is writing_credits and "writers" in facts.fields:
            # "Screenwriter: ...", then "Story: ..." in the same credits: one film's writers, not another value
            _more_writers(facts, value)
            continue
        values.setdefault(name, set()).add(value.text)
        occurrences.setdefault(name, []).append((holder, value.text))
        if name == "writers" and "writers" in facts.fields:
            continue
        if name == "writers":
            writing_credits = holder
        _add(facts, name, value, languages, dollars=dollars)
    for value in release_years[:1]:
        values.setdefault("year", set()).add(value.text)
        _add(facts, "year", value, languages)
    cards = _credit_cards(candidates.labels) if wanted is None or wanted & set(_CARD_FIELDS) else {}
    if cards.get("directors") and "directors" not in facts.fields and (wanted is None or "directors" in wanted):
        facts.fields["directors"] = [{"name": name} for name in cards["directors"]]
    if cards.get("writers") and "writers" not in facts.fields and (wanted is None or "writers" in wanted):
        facts.fields["writers"] = [{"name": name} for name in cards["writers"]]
    if "plot" not in facts.fields and (wanted is None or "plot" in wanted):
        plot = _section_plot(candidates.headings)
        if plot:
            facts.fields["plot"] = plot
    _classed_facts(candidates, facts, classed_fields)
    if "rating" not in facts.fields and (wanted is None or "rating" in wanted):
        charted = _charted_score(sel.root)
        if charted:
            facts.fields["rating"] = charted
    if "genres" in classed_fields and "genres" not in facts.fields:
        _linked_genres(candidates.genre_links, facts)
    if any(genre.casefold().strip() in COUNTRY_NAMES for genre in facts.fields.get("genres", [])):
        # A list of genres naming countries is the site's tags of every kind (countries, regions, a festival's
        # strands beside genres): which of them are genres it does not say.
        drop_field(facts.fields, "genres")
    listed = {name for name, texts in values.items() if len(texts) >= _LIST_REPEATS}
    # A label the page's own film prints before other films' cards is its film's; not a cast, whose label there
    # heads the few stars of a header ("Stars:"), where the page's cast list is read whole from its rows.
    own_first = {name for name in listed if _own_before_cards(occurrences.get(name, []))}
    repeated = frozenset(listed - own_first)
    for name in repeated | (own_first & {"cast"}):
        for key in _FIELDS_OF.get(name, (name,)):
            drop_field(facts.fields, key)
            facts.unparsed.pop(key, None)
    if repeated:
        facts.repeated = repeated
    elif loose:
        # On a page of many films an unlabelled "Rated R" is one of them.
        _loose_facts(candidates, facts, loose_fields)
    if repeated and "certificate" in loose_fields:
        # Other films' labels ("Director:" on each card of a "more like this" row) leave the info line under the
        # page's heading its film's.
        _certificate_in_info_list(candidates.lines, facts)
    if not repeated and "rating" not in facts.fields and scores_wanted:
        _named_critics_score(sel, facts)
    if not repeated and "rating" not in facts.fields and scores_wanted:
        _titled_rating(sel, facts)
    if not repeated and "rating" not in facts.fields and scores_wanted:
        _card_rating(sel, facts)  # without its count: the page's own printed score first
    return facts


# A score whose element's title states it with its votes, before a printed scale: <strong title="7.5 based on
# 490,613 user ratings"><span>7.5</span></strong><span>/</span><span>10</span> (a 2010s title page's star box).
_TITLED_RATINGS = "//*[@title][contains(@title, ' based on ')]"
_TITLED_RATING = re.compile(
    r"^(\d{1,3}(?:[.,]\d{1,2})?) based on ([\d.,\s]+?) (?:user )?(?:ratings|votes)$", re.IGNORECASE
)
_PRINTED_SCALE = re.compile(r"^/\s*(10|5|100)\b")


def _titled_rating(sel: Selector, facts: LabelledFacts) -> None:
    """The users' average with its count, where one element of the page states them in its title, shows the same
    score and is followed by the scale ("/10"). A chart prints one per row, and then gives none."""
    found: list[tuple[str, str, str]] = []
    for element in sel.root.xpath(_TITLED_RATINGS):
        stated = _TITLED_RATING.match(clean_text(element.get("title") or ""))
        if stated is None:
            continue
        if len(found) == 1:
            return  # a second one: a chart's rows, or other films'
        shown = clean_text(" ".join(element.itertext()))
        after = clean_text(
            " ".join((element.tail or "", *(t for s in element.itersiblings() for t in texts_and_tail(s))))
        )
        scale = _PRINTED_SCALE.match(after)
        if shown != stated.group(1) or scale is None:
            return
        found.append((stated.group(1), scale.group(1), stated.group(2)))
    if not found:
        return
    ((value, best, votes),) = found
    rating = or_none(parse_rating, f"{value}/{best}")
    count = or_none(parse_count, votes)
    if rating is None or count is None:
        return
    result = value_fields(rating)
    result["count"] = count
    facts.fields["rating"] = result


def texts_and_tail(element: Any) -> list[str]:
    """An element's texts and its tail: what it prints in its row (a comment only its tail)."""
    return [*element.itertext(), element.tail or ""] if isinstance(element.tag, str) else [element.tail or ""]


# The names critics' scores on 100 are printed under, alone in their element ("METASCORE", "Tomatometer").
_CRITICS_SCORE_NAMES = ("metascore", "tomatometer")
# contains() first: a cheap test of every text node, the exact name then tested in Python.
_CRITICS_SCORE_NODES = (
    "//body//text()["
    + " or ".join(f"contains(., '{name[1:]}') or contains(., '{name[1:].upper()}')" for name in _CRITICS_SCORE_NAMES)
    + "]"
)
# The count of reviews printed beside the score: "based on 47 Critics", "Total Count: 71".
_CRITICS_COUNTED = re.compile(
    r"\b(?:based on\s+(\d[\d,]*)\s+critics?(?:\s+reviews?)?|total count:?\s*(\d[\d,]*))\b", re.IGNORECASE
)
_SCORE_ALONE = re.compile(r"^(\d{1,3})%?$")
# The blocks above the score's name its box may be: its element, a heading, the heading's block, the box's row.
_CRITICS_SCORE_LEVELS = 4
MAX_CRITICS_BOX = 600


def _named_critics_score(sel: Selector, facts: LabelledFacts) -> None:
    """A critics' score on 100 printed alone in the box of its name ("METASCORE", "TOMATOMETER"), with the count
    of reviews the box prints once ("based on 47 Critics", "Total Count: 71"): the nearest block above the name
    that holds both, one such score and one count in it. Every name on the page must give the same score
    (a navigation link printing another film's score beside the name gives none: it prints no count)."""
    found: set[tuple[int, int]] = set()
    for node in sel.root.xpath(_CRITICS_SCORE_NODES):
        if clean_text(str(node)).casefold() not in _CRITICS_SCORE_NAMES:
            continue
        box = node.getparent()
        for _ in range(_CRITICS_SCORE_LEVELS):
            box = box.getparent() if box is not None else None
            if box is None or not _shorter_than(box, MAX_CRITICS_BOX):
                break
            counted = list(islice(_CRITICS_COUNTED.finditer(clean_text(" ".join(_text_nodes(box)))), 2))
            if not counted:
                continue
            count = or_none(parse_count, counted[0].group(1) or counted[0].group(2))
            # The count may be printed alone in its own element ("Total Count: <small>71</small>"): no score.
            texts = _text_nodes(box)
            scores = {int(m.group(1)) for m in (_SCORE_ALONE.match(t.strip()) for t in texts) if m} - {count}
            if len(counted) == 1 and not scores:
                continue  # the name's heading and its count: the score is beside them, in the block above
            if len(counted) == 1 and len(scores) == 1 and count is not None and next(iter(scores)) <= 100:
                found.add((next(iter(scores)), count))
            break
    if len(found) != 1:
        return
    ((score, count),) = found
    rating = or_none(parse_rating, f"{score}/100")
    if rating is None:
        return
    result = value_fields(rating)
    result["count"] = count
    facts.fields["rating"] = result
    facts.rating_kind = "critic"


# A page's card for link previews may print its users' average as a labelled datum: <meta name="twitter:label2"
# content="Average rating"> <meta name="twitter:data2" content="3.21 out of 5">.
_CARD_LABELS = "/html/head/meta[starts-with(@name, 'twitter:label')]"
_CARD_RATING_LABELS = frozenset({"average rating", "rating", "user rating", "users' rating"})
_OUT_OF = re.compile(r"^(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:out of|/)\s*(10|5|100)$", re.IGNORECASE)


def _card_rating(sel: Selector, facts: LabelledFacts) -> None:
    """The users' average the page's card prints under a rating label ("3.21 out of 5"), without its count."""
    for label in sel.root.xpath(_CARD_LABELS):
        if normalised_label(label.get("content") or "") not in _CARD_RATING_LABELS:
            continue
        number = (label.get("name") or "")[len("twitter:label") :]
        data = sel.root.xpath("/html/head/meta[@name=$name]/@content", name=f"twitter:data{number}")
        shown = _OUT_OF.match(clean_text(str(data[0]))) if number.isdecimal() and data else None
        rating = or_none(parse_rating, f"{shown.group(1)}/{shown.group(2)}") if shown else None
        if rating is not None:
            facts.fields["rating"] = value_fields(rating)
        return


# A US certificate under a score's label ("Rating: R", "Rating: PG-13 (for some violence)"), not a score.
_RATING_AS_CERTIFICATE = re.compile(
    r"^(PG-13|NC-17|TV-(?:Y7|Y|G|PG|14|MA)|Not Rated|Unrated|NR|PG|G|R)(?:\s*\([^()]{1,200}\))?$"
)


# Labels of the year a film was released (in the page's country), not made: where a page prints both, the year
# it was made is the film's ("Erscheinungsjahr: 1950", "Produktionsjahr: 1948").
_RELEASE_YEAR_LABELS = frozenset(
    {
        "year of release",
        "erscheinungsjahr",
        "année de sortie",
        "año de estreno",
        "anno di uscita",
        "ano de lançamento",
        "год выпуска",
        "rok vydání",
    }
)

# Each field's labels as _page_text reads them: casefolded, without white space.
_BARE_LABELS = {name: tuple("".join(label.casefold().split()) for label in labels) for name, labels in LABELS.items()}
# No text node of a label that names a field holds more characters other than spaces and dots than this: a
# term or a cell is a label only when its whole text, without a trailing colon, a bracket of up to 20
# characters, spaces and dots, is one (24 characters at most), and a label element is shorter than
# MAX_LABEL_LINE. The page state and the article's paragraphs are longer.
_LABEL_NODE_LETTERS = max(MAX_LABEL_LINE, max(map(len, FIELD_OF_LABEL)) + 23)
_ASCII_SPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"  # what str.split() splits ASCII text on


def _printed(names: set[str], sel: Selector) -> set[str]:
    """The fields of `names` whose label the page prints somewhere, as far as its text tells: a label the walk
    reads is a run of the page's text nodes, cleaned and casefolded (normalised_label), so a field none of whose
    labels is in the page's text is never read; telling costs one pass over the text, the walk far more."""
    text = label_text(sel)
    return {name for name in names if any(label in text for label in _BARE_LABELS[name])}


def label_text(sel: Selector) -> str:
    """The page's text as labels are looked for in it (_page_text), read once per document: the label reader
    and the release reader both tell from it whether a label they know is printed at all."""
    return decoded(sel, "label_text", lambda: _page_text(sel.root))


def _page_text(root: Any) -> str:
    """The page's text nodes that could be part of a label, each cleaned (clean_text: its invisible characters
    dropped, NFC) and casefolded as a label is, joined without their white space (the walk joins text nodes
    with a space, and a page may break a label across lines or elements)."""
    pieces = [piece for piece in root.itertext() if len(piece) <= _LABEL_NODE_LETTERS or not _too_long(piece)]
    text = "".join(pieces)
    if text.isascii():
        return "".join(text.split()).lower()  # ASCII: nothing to drop, its own NFC, casefolded by lower()
    # The nodes joined by a space, as the walk joins them: it keeps a combining mark at the start of a node
    # from joining the letter before (NFC composes no mark with a space), so the text is cleaned in one go.
    return "".join(clean_text(" ".join(pieces)).casefold().split())


def _too_long(piece: str) -> bool:
    """True when the text node, cleaned, holds more than _LABEL_NODE_LETTERS characters besides spaces and dots."""
    if len(piece) > _HEAD and _others(piece[:_HEAD]) > _LABEL_NODE_LETTERS + 2:
        # Its beginning holds more already (a script's JSON, an article's paragraph): the whole is not counted.
        # A beginning cut inside a character its cleaning composes counts at most one or two more than its
        # share of the whole, hence the margin.
        return True
    return _others(piece) > _LABEL_NODE_LETTERS


_HEAD = 16 * _LABEL_NODE_LETTERS


def _others(piece: str) -> int:
    """The characters of `piece`, cleaned, besides spaces and dots."""
    if piece.isascii():
        others = len(piece) - piece.count(".") - sum(piece.count(space) for space in _ASCII_SPACE)
    else:
        cleaned = clean_text(piece)
        others = len(cleaned) - cleaned.count(".") - cleaned.count(" ")
    return others


# A label printed with this many different values is a list's (one film's box and one aside print it twice).
_LIST_REPEATS = 3


def _own_before_cards(occurrences: list[tuple[Any, str]]) -> bool:
    """True when a label's first value is the page's own and the values after it are cards' of other films: the
    page prints its own value first (once or more: a header and a details block), then every other value sits in
    a run of at least _LIST_REPEATS items of one shape ("More like this", each card printing its "Director:"),
    a run that opens after the page's own values and holds none of them."""
    if not occurrences or any(holder is None for holder, _ in occurrences):
        return False
    first = occurrences[0][1]
    own_count = next((n for n, (_, text) in enumerate(occurrences) if text != first), len(occurrences))
    own = [holder for holder, _ in occurrences[:own_count]]
    others = [holder for holder, _ in occurrences[own_count:]]
    if not others:
        return False
    run = _common_ancestor(others)
    if run is None or any(holder is run for holder in others) or any(_is_within(holder, run) for holder in own):
        return False  # no run, a card's block that is the run itself, or the page's own value inside it
    # A reader noting a page's whole content as a label's block (a heading's section) tells nothing of where.
    outside = [holder for holder in own if not _is_within(run, holder)]
    items = {_child_towards(run, holder) for holder in others}
    if not outside or len(items) < _LIST_REPEATS or len({_shape_of(item) for item in items}) != 1:
        return False
    return all(_precedes(holder, run) for holder in outside)


def _common_ancestor(elements: list[Any]) -> Any:
    chain = list(elements[0].iterancestors())[::-1] + [elements[0]]
    depth = len(chain)
    for element in elements[1:]:
        ancestors = set(element.iterancestors()) | {element}
        while depth and chain[depth - 1] not in ancestors:
            depth -= 1
    return chain[depth - 1] if depth else None


def _is_within(element: Any, ancestor: Any) -> bool:
    return element is ancestor or any(parent is ancestor for parent in element.iterancestors())


def _child_towards(ancestor: Any, element: Any) -> Any:
    """The child of `ancestor` holding `element`."""
    while element.getparent() is not ancestor:
        element = element.getparent()
    return element


def _shape_of(element: Any) -> tuple[str, str]:
    return (element.tag, element.get("class") or "")


def _precedes(element: Any, other: Any) -> bool:
    """True when `element` opens before `other` in the page."""
    for node in element.getroottree().getroot().iter():
        if node is element:
            return True
        if node is other:
            return False
    return False


_FIELDS_OF = {
    "runtime": ("runtime_minutes", "runtime_raw"),
    "release_date": ("release_date", "release_date_raw", "release_country"),
}


@dataclass
class _Candidates:
    """The elements of a page that may hold labelled facts, outside its navigation, header, footer and
    sidebars, each list in document order."""

    terms: list[Any] = field(default_factory=list)
    """<dt> elements."""
    rows: list[Any] = field(default_factory=list)
    """<tr> elements of two cells."""
    labels: list[Any] = field(default_factory=list)
    """Elements that may print a label, not yet checked for their length (_LABEL_TAGS)."""
    props: list[Any] = field(default_factory=list)
    """Elements with a schema.org film property (`itemprop="director"`) outside any item (no itemscope)."""
    lines: list[Any] = field(default_factory=list)
    """Lines that may print an unlabelled fact, not yet checked for their length (_LINE_TAGS)."""
    boxes: list[Any] = field(default_factory=list)
    """Like `lines`, with blocks inside: a rating box prints its score and its votes in separate blocks
    ("<div><div>stars</div>7.6/10 (47,712 votes)</div>"); read for a rating only, after the lines."""
    classed: list[tuple[str, Any]] = field(default_factory=list)
    genre_links: list[Any] = field(default_factory=list)
    """Links to a genre's page ("/genre/drama/", "/zanry/1-akcni/", "?genres=drama"), found with `classed`."""
    """Elements whose class names a field ("genres", "runtime"), with the field: facts printed without a
    label in an element named for them."""
    images: list[Any] = field(default_factory=list)
    """Images with an alternative text: a certificate may be printed as its badge ("<img alt="PG-13"
    src="/certificates/us/pg_13.png">"); read for a certificate only, with the lines."""
    headings: list[Any] = field(default_factory=list)
    """Section headings (<h2>, <h3>): a "Plot" section's first paragraph is the plot."""
    broken: list[Any] = field(default_factory=list)
    """Elements whose lines are broken by <br>: each line may print "Label: value" in its own text
    ("rendező: <a>…</a><br>szereplő(k): <a>…</a>")."""


def _candidates(root: Any, *, lines: bool = True, classed: bool = False) -> _Candidates:
    """The candidates of the page under `root`, found in one walk over the tree. Four XPath queries found them
    before, each asking every element about every ancestor and the text length of every block: most of the
    cost of reading a page. A block outside the page's content is not walked into. The lines of unlabelled
    facts are found only when `lines` is true (they are read for a certificate or a rating only)."""
    found = _Candidates()
    # (element, inside a <dt>, <dd> or table); comments and processing instructions are never pushed
    stack: list[tuple[Any, bool]] = [(root, False)] if isinstance(root.tag, str) else []
    while stack:
        element, in_terms = stack.pop()
        tag = element.tag
        ident, classes = element.get("id"), element.get("class")
        # The page's furniture named by a class or id is a block; a paragraph classed "text-footer" is a
        # paragraph's style ("97 mins  More at ..." closing a film's details).
        named_outside = tag not in _STYLED_TEXT and (
            (ident and _OUTSIDE_ID.search(ident)) or (classes and _OUTSIDE_CLASS.search(classes))
        )
        if named_outside and not _holds_page_content(element, heading=True) and not _is_film_item(element):
            continue  # outside, and so is everything under it
        children = [child for child in element if isinstance(child.tag, str)]
        if tag in _SECTION_HEADINGS:
            found.headings.append(element)
        if tag in _BROKEN_TAGS and not in_terms and any(child.tag == "br" for child in children):
            found.broken.append(element)
        if tag == "dt":
            found.terms.append(element)
        elif tag == "tr" and _label_value_row(children):
            found.rows.append(element)
        if not in_terms and (
            tag in _LABEL_TAGS
            or (tag == "h3" and _labels_in_heading(element))
            or (tag == "a" and _link_heads_item(element))
        ):
            found.labels.append(element)
        if element.get("itemprop") in _PROP_FIELDS and not _in_item(element):
            found.props.append(element)
        if classed and classes and _CLASSED_HINT.search(classes):
            named = [_FIELD_OF_CLASS[token] for token in classes.split() if token in _FIELD_OF_CLASS]
            if named:
                found.classed.append((named[0], element))
        if classed and tag == "a" and _GENRE_LINK.search(element.get("href") or ""):
            found.genre_links.append(element)
        if lines and tag == "img" and (element.get("alt") or element.get("title")):
            found.images.append(element)
        if lines and tag in _LINE_TAGS:
            if any(child.tag in _BLOCKS_INSIDE for child in children):
                found.boxes.append(element)
            else:
                found.lines.append(element)
        if tag in _HIDDEN or (
            (tag in _OUTSIDE_TAGS or element.get("role") in _OUTSIDE_ROLES)
            and not _holds_page_content(element)
            and not _heads_the_content(element)
        ):
            continue  # what is under it is outside
        # A table cell that holds blocks lays a page out (a 2010s title page's overview sits in one): its labels
        # are a page's labels, not a table's cells. So does a cell beside cells that print nothing (a rating's
        # badge image beside "<span>Release Date:</span> <span>December 25, 2013</span>").
        # So does a <dd> of a list without terms: "<dl><dd><strong>Director:</strong> <a>...</a></dd>...</dl>"
        # prints its labels in its items.
        in_terms_below = (
            in_terms or (tag in _IN_TERMS_OR_TABLE and not (tag == "dd" and _without_terms(element)))
        ) and not (tag in _CELLS and _lays_out(element, children))
        stack.extend((child, in_terms_below) for child in reversed(children))
    return found


def _lays_out(cell: Any, children: list[Any]) -> bool:
    """True for a table cell that places a page's blocks rather than holding a table's value: it holds blocks,
    it is its row's only cell, or it is the second of two cells and the first is no label (an image, a rating's
    badge "Not Rated"), so the cell is nobody's value and the labels it prints are its own."""
    if any(child.tag in _BLOCKS_INSIDE for child in children):
        return True
    row = cell.getparent()
    if row is None or row.tag != "tr":
        return False
    cells = [other for other in row if isinstance(other.tag, str)]
    if len(cells) == 1:
        return True
    if len(cells) != 2 or cells[1] is not cell or cells[0].tag not in _CELLS:
        return False
    first = clean_text(" ".join(cells[0].itertext()))
    return len(first) <= MAX_LABEL_LINE and field_for(first) is None


def _label_value_row(children: list[Any]) -> bool:
    """A row of two cells, a label and its value; two header cells (`<th>Director</th><th>Credit</th>`) name a
    table's columns, and the second is no director."""
    cells = [child for child in children if child.tag in ("th", "td")]
    return len(cells) == 2 and cells[1].tag == "td"


def _link_heads_item(link: Any) -> bool:
    """True for a link that opens its item and is followed by a block: a label linking to the page of its
    facts ("<li><a href=".../releaseinfo">Release date</a><div><ul><li>March 8, 2019</li></ul></div></li>"),
    not a link among links (a menu's "Release date | Rating")."""
    parent = link.getparent()
    if parent is None or (parent.text or "").strip():
        return False
    previous = link.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    if previous is not None:
        return False
    following = link.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return following is not None and following.tag in _LINKED_LABEL_VALUES and not (link.tail or "").strip()


_LINKED_LABEL_VALUES = frozenset({"div", "ul"})
# The fields a linked label may name: a value that must read as a date, never a menu's links under a link
# ("<li><a>Actors</a><ul><li><a>Actor Photos</a></li>...</ul></li>" is no cast).
_LINKED_LABEL_FIELDS = frozenset({"release_date"})
# Credits under a label that links to the film's page of full credits ("<a href="/title/tt0103639/fullcredits/
# writer">Writers</a><div><ul><li><a>Ron Clements</a>..."): a menu's link heads a page of its own, never that.
# Not the cast: a linked "Stars" label heads the first few names only, where the page's cast list has them all.
_LINKED_CREDIT_FIELDS = frozenset({"directors", "writers"})
_CREDITS_PAGE = re.compile(r"/(?:full-?credits|credits|cast(?:-crew)?|cast-and-crew)(?:/|$|\?)", re.IGNORECASE)


def _linked_label_names(link: Any, label: str) -> bool:
    """True when a label printed as a link names its field: a date always (its value must read as one), credits
    where the link leads to the film's full credits."""
    field = field_for(label)
    if field in _LINKED_LABEL_FIELDS:
        return True
    return field in _LINKED_CREDIT_FIELDS and bool(_CREDITS_PAGE.search(link.get("href") or ""))


def _without_terms(item: Any) -> bool:
    """True for a <dd> whose list has no <dt>: its items are blocks of their own."""
    parent = item.getparent()
    return parent is not None and not any(child.tag == "dt" for child in parent)


_MAX_PAIR_VALUE = 200


def _heads_a_pair(heading: Any) -> bool:
    """True for a heading that is the first of the two elements of its block, the other its value
    ("<div class=detail-infos><h3>Runtime</h3><div>2h 14min</div></div>"): a label, not a section's heading."""
    parent = heading.getparent()
    if parent is None:
        return False
    children = [child for child in parent if isinstance(child.tag, str)]
    if len(children) != 2 or children[0] is not heading or children[1].tag not in ("div", "span", "p"):
        return False
    # A value, not a section: short, and no list, table or paragraphs of its own (a cast list under "Cast").
    value = children[1]
    return next(value.iter("li", "p", "table", "section", *_HEADING_TAGS), value) is value and _shorter_than(
        value, _MAX_PAIR_VALUE
    )


def _labels_in_heading(heading: Any) -> bool:
    """True for a heading that is a fact's label, not a section's: the first of a pair (_heads_a_pair), one
    printing a label and its value after a colon ("<h3>上映時間：101分</h3>", "<h3>製作国：</h3><ul>..."), or one
    printing a label of credits or kinds alone over a list of links ("<h3>監督</h3><ul><li><a>…</a></li></ul>")."""
    if _heads_a_pair(heading):
        return True
    pieces = _short_text(heading, MAX_LABEL_LINE)
    if pieces is None:
        return False
    text = clean_text(" ".join(pieces))
    if _FACT_HEADING.match(text):
        return True
    return FIELD_OF_LABEL.get(normalised_label(text)) in _LISTED_FIELDS and _list_of_links(heading.getnext())


# "上映日：1951年08月10日", "Runtime: 101 min": a short label and its colon open the heading.
_FACT_HEADING = re.compile(r"^[^:：]{1,20}[:：]")
_LISTED_FIELDS = frozenset({"directors", "writers", "cast", "genres", "countries", "languages"})
_MAX_LISTED = 60


def _list_of_links(element: Any) -> bool:
    """True for a list whose every item prints one link and nothing else: names, not a cast's rows of roles."""
    if element is None or element.tag not in ("ul", "ol"):
        return False
    items = [child for child in element if isinstance(child.tag, str)]
    if not items or len(items) > _MAX_LISTED:
        return False
    for item in items:
        links = [a for a in item.iter("a")]
        if item.tag != "li" or len(links) != 1:
            return False
        if clean_text(" ".join(item.itertext())) != clean_text(" ".join(links[0].itertext())):
            return False
    return True


_CARD_FIELDS = ("directors", "writers")


def _credit_cards(elements: list[Any]) -> dict[str, list[str]]:
    """Crew printed as cards, the name above its jobs: "<li><p><a>Ann Vale</a></p><p>Director, Screenplay</p></li>"
    (the label after the value). The names of each directing or writing job, in page order."""
    found: dict[str, list[str]] = {}
    for card in elements:
        if card.tag != "li":
            continue
        parts = [child for child in card if isinstance(child.tag, str)]
        if len(parts) != 2:
            continue
        links = list(parts[0].iter("a"))
        name = clean_text(" ".join(parts[0].itertext()))
        if len(links) != 1 or name != clean_text(" ".join(links[0].itertext())) or not 1 < len(name) <= 80:
            continue
        jobs = _short_text(parts[1], MAX_LABEL_LINE)
        if jobs is None:
            continue
        printed = clean_text(" ".join(jobs))
        if printed.startswith("("):
            continue  # a note on the link, not a person's jobs: a search's "Names (actor, writer, director, etc)"
        for job in _LIST_SEPARATORS.split(printed):
            field_name = field_for(job)
            if field_name in _CARD_FIELDS and name not in found.get(field_name, []):
                found.setdefault(field_name, []).append(name)
    return found


_SECTION_HEADINGS = frozenset({"h2", "h3"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# An encyclopedia's edit link inside a heading: "Plot[edit]", "Handlung [Bearbeiten | Quelltext bearbeiten]".
_CITATION = re.compile(r"\[(?:\d{1,3}|[a-z]|citation needed)\]")
_EDIT_LINK = re.compile(r"\s*\[[^\[\]]{0,40}\]\s*$")


def _section_plot(headings: list[Any]) -> str | None:
    """The first paragraph of the section a plot label heads ("<h2>Plot</h2><p>...</p>"), up to the next
    heading; the heading may sit in a wrapper of its own (with its edit link), the paragraph after the wrapper."""
    for heading in headings:
        label = _EDIT_LINK.sub("", clean_text(" ".join(_text_nodes(heading))))
        if field_for(label) != "plot":
            # The heading's words without its links: "<h2><div><a>Edit</a></div>Synopsis</h2>".
            label = clean_text(" ".join(heading.xpath(".//text()[not(ancestor::a)]")))
        if field_for(label) != "plot":
            continue
        parent = heading.getparent()
        wrapped = (
            parent is not None
            and parent.tag == "div"
            and not any(
                isinstance(sibling.tag, str)
                and (sibling.tag == "p" or (sibling.tag == "div" and _holds_p(sibling)) or _marked_description(sibling))
                for sibling in heading.itersiblings()
            )
        )
        for sibling in (parent if wrapped else heading).itersiblings():
            if not isinstance(sibling.tag, str):
                continue
            if sibling.tag in _HEADING_TAGS or any(True for _ in sibling.iter(*_HEADING_TAGS)):
                break  # the next section: this one has no paragraph
            if sibling.tag == "p" or _marked_description(sibling):
                # The paragraph's own spacing, without its citation marks ("...film.[1]"); or the text marked as
                # the item's description, whatever its element ("<h2>Synopsis</h2><span itemprop=description>").
                text = clean_text(_CITATION.sub("", "".join(_text_nodes(sibling))))
                if _MIN_PLOT <= len(text) <= _MAX_PLOT:
                    return text
            elif sibling.tag == "div" and _holds_p(sibling):
                # The section's content block ("<h3>Overview</h3><div class=overview><p>...</p></div>"): its
                # first shown paragraph, without the source noted after it ("<p>... <em>(Warner Bros.)</em></p>").
                paragraph = _first_shown_paragraph(sibling)
                text = clean_text(_CITATION.sub("", _without_source_note(paragraph))) if paragraph is not None else ""
                return text if _MIN_PLOT <= len(text) <= _MAX_PLOT else None
        return None
    return None


def _marked_description(element: Any) -> bool:
    return "description" in (element.get("itemprop") or "").split()


def _holds_p(element: Any) -> bool:
    return next(element.iter("p"), None) is not None


_SOURCE_NOTE = re.compile(r"^\([^()]{1,60}\)$")


def _first_shown_paragraph(block: Any) -> Any:
    """The first <p> of the block not inside an element hidden by its class ("hidden": a full text the page
    shows on a click, another summary)."""
    for paragraph in block.iter("p"):
        hidden = False
        node = paragraph
        while node is not None and node is not block.getparent():
            if "hidden" in (node.get("class") or "").split():
                hidden = True
                break
            node = node.getparent()
        if not hidden:
            return paragraph
    return None


def _without_source_note(paragraph: Any) -> str:
    """The paragraph's text without a last element that only names its source in brackets."""
    children = [child for child in paragraph if isinstance(child.tag, str)]
    last = children[-1] if children else None
    if last is not None and _SOURCE_NOTE.match(clean_text(" ".join(last.itertext()))) and not (last.tail or "").strip():
        pieces = [paragraph.text or ""]
        for child in paragraph:
            if child is last:
                break
            if isinstance(child.tag, str):
                pieces.extend(_text_nodes(child))
            pieces.append(child.tail or "")
        return "".join(pieces)
    return "".join(_text_nodes(paragraph))


def _holds_page_content(element: Any, *, heading: bool = False) -> bool:
    """True when the block holds the page's main content (a <main>, a role="main" block) or, with `heading`,
    an <h1>: a wrapper of the page whatever its name says ("nav_shadow_bg" around a whole page), or a <nav>
    left open by broken markup, which the parser closes only at the page's end. Navigation and sidebars hold
    neither; a site header may hold its logo in an <h1>, hence `heading` only for blocks named so. With
    `heading`, also a block holding one named the page's content ("l-content", "main-content"): a slide-out
    menu's layout wraps the whole page ("<div class="menu-slide-outer"><div class="l-content">")."""
    for inner in element.iter():
        if inner is element or not isinstance(inner.tag, str):
            continue
        if inner.tag == "main" or inner.get("role") == "main":
            return True
        if heading and (inner.tag == "h1" or _named_content(inner)):
            return True
    return False


# Whole class or id tokens that name a page's main content block; a menu's "dropdown-content" names its own.
_CONTENT_NAMES = frozenset({"content", "l-content", "main-content", "page-content", "maincontent", "pagecontent"})


def _named_content(element: Any) -> bool:
    """True for a block whose id or one of its classes names the page's main content."""
    ident, classes = element.get("id"), element.get("class")
    if ident and ident in _CONTENT_NAMES:
        return True
    return bool(classes) and any(token in _CONTENT_NAMES for token in classes.split())


# schema.org types of a film's own item: the block marked up as one holds that film's facts.
_FILM_ITEM_TYPES = re.compile(r"/(?:Movie|TVSeries|TVSeason|TVEpisode|TVMiniSeries|Episode|CreativeWorkSeries)/?$")


def _is_film_item(element: Any) -> bool:
    """True for a block marked up as a film's microdata item (`itemscope itemtype=".../TVSeries"`): its facts
    are the film's whatever the block is named (AniDB's whole anime page is `<div class="g_content anime_all
    sidebar" itemscope itemtype="https://schema.org/TVSeries">`, a layout with a sidebar)."""
    return element.get("itemscope") is not None and bool(_FILM_ITEM_TYPES.search(element.get("itemtype") or ""))


def _heads_the_content(element: Any) -> bool:
    """True for a <header> inside an <article>, or inside the page's main content holding the page's <h1>: as
    HTML has it, it heads that content (a film's title and facts), it is not the site's header."""
    if element.tag != "header":
        return False
    ancestors = list(element.iterancestors())
    if any(ancestor.tag == "article" for ancestor in ancestors):
        return True
    in_main = any(ancestor.tag == "main" or ancestor.get("role") == "main" for ancestor in ancestors)
    return in_main and next(element.iter("h1"), None) is not None


def _shorter_than(element: Any, limit: int) -> bool:
    """XPath's `string-length(normalize-space()) < limit` of an element."""
    return _short_text(element, limit) is not None


def _short_text(element: Any, limit: int) -> list[str] | None:
    """The element's text nodes (XPath's `.//text()`) when `string-length(normalize-space()) < limit`, else
    None, reading no more of its text than it takes to tell (the first words of a block that holds the whole
    page)."""
    pieces: list[str] = []
    read = 0
    check_at = limit
    for piece in element.itertext():
        pieces.append(piece)
        read += len(piece)
        if read >= check_at:
            if _normalized_length("".join(pieces)) >= limit:
                return None
            check_at = 2 * read
    return pieces if read < limit or _normalized_length("".join(pieces)) < limit else None


def _normalized_length(text: str) -> int:
    """The length of XPath's normalize-space() of `text` (XML white space only: not U+00A0)."""
    return len(_XML_SPACE.sub(" ", text).strip(" "))


def _text_nodes(element: Any) -> list[str]:
    """The element's text nodes in document order, without those inside script and style (not its tail)."""
    parts: list[str] = [element.text] if element.text else []
    stack: list[Any] = list(reversed(element))
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)  # the tail of an element whose subtree is read
            continue
        if node.tail:
            stack.append(node.tail)
        if isinstance(node.tag, str) and node.tag not in _HIDDEN:
            if node.text:
                parts.append(node.text)
            stack.extend(reversed(node))
    return parts


def _selector(element: Any) -> Selector:
    return Selector(root=element, type="html")


@dataclass(frozen=True)
class _Value:
    text: str
    links: tuple[str, ...]
    """Texts of the value's links: names and genres are printed as links, one each."""
    pieces: tuple[str, ...] = ()
    """The value's links and text nodes in page order: names printed one per line (<br>, list items)."""
    lines: tuple[str, ...] = ()
    """The value's text as its source breaks it into lines: items printed one a line with no separator."""
    marked_genres: tuple[str, ...] = ()
    """Texts of the value's items marked as genres (itemprop="genre"), where it marks some of them."""
    in_two_languages: bool = False
    """Some link or marked item prints its name in two languages, one shown ("<span class="genre-en">Drama</span>
    <span class="genre-ru">Драма</span>"): the value's whole text runs them together, its items do not."""


_MARKED_GENRE = "descendant-or-self::*[@itemprop='genre']"
_PIECES = ".//a | .//text()[not(ancestor::a) and not(ancestor::script) and not(ancestor::style)]"


def _pieces(node: Selector) -> list[str]:
    if isinstance(node.root, str):
        return [clean_text(node.root)]
    pieces = []
    for piece in node.xpath("self::a") or node.xpath(_PIECES):
        pieces.append(
            clean_text(piece.root if isinstance(piece.root, str) else " ".join(piece.xpath(".//text()").getall()))
        )
    return [p for p in pieces if p]


@dataclass
class _Items:
    """A value's links and the items it marks as genres, as the page shows them (shown_text)."""

    links: list[str] = field(default_factory=list)
    marked: list[str] = field(default_factory=list)
    in_two_languages: bool = False

    def add(self, node: Selector) -> None:
        if isinstance(node.root, str):
            return
        marked = [e.root for e in node.xpath(_MARKED_GENRE)]
        anchors = [a.root for a in node.xpath("self::a | .//a")]
        self.marked.extend(shown_text(e) for e in marked)
        self.links.extend(shown_text(a) for a in anchors)
        self.in_two_languages = self.in_two_languages or any(language_versions(e) for e in marked + anchors)


def _value_of(nodes: list[Selector]) -> _Value | None:
    texts: list[str] = []
    pieces: list[str] = []
    items = _Items()
    for node in nodes:
        items.add(node)
        texts.append(" ".join(t for t in node.xpath(".//text()[not(ancestor::script or ancestor::style)]").getall()))
        pieces.extend(_pieces(node))
    text = _MORE.sub("", clean_text(" ".join(texts)))
    if not text:
        return None
    links_read = tuple(link for link in items.links if link and not _MORE.fullmatch(link))
    marked = tuple(m for m in items.marked if m)
    return _Value(text, links_read, tuple(pieces), _source_lines(texts), marked, items.in_two_languages)


def _source_lines(texts: list[str]) -> tuple[str, ...]:
    return tuple(line for text in texts for line in map(clean_text, text.splitlines()) if line)


def _pairs(candidates: _Candidates, wanted: set[str] | None = None) -> list[tuple[str, _Value, Any]]:
    """(label, value, the block holding the label: a <dl>, a table, a line's parent) of the printed labels that
    name a field of LABELS (one of `wanted`, unless None), in the order terms, rows, lines."""

    def field_for(label: str) -> str | None:
        name = FIELD_OF_LABEL.get(normalised_label(label))
        return name if wanted is None or name in wanted else None

    pairs: list[tuple[str, _Value, Any]] = []
    for term in candidates.terms:
        label = " ".join(term.itertext())
        if field_for(label) is None:
            continue
        values = []
        for sibling in term.itersiblings():
            if not isinstance(sibling.tag, str):
                continue  # a comment between the term and its values
            if sibling.tag != "dd":
                break
            values.append(_selector(sibling))
        value = _value_of(values)
        if value:
            pairs.append((label, value, term.getparent()))
    for row in candidates.rows:
        cells = [cell for cell in row if cell.tag in ("th", "td")]
        label = " ".join(cells[0].itertext())
        if field_for(label) is None:
            continue
        value = _value_of([_selector(cells[1])])
        if value:
            pairs.append((label, value, row.getparent()))
    for element in candidates.labels:
        pieces = _short_text(element, MAX_LABEL_LINE) or _without_order_note(element)
        if pieces is None:
            continue
        label_text = clean_text(" ".join(pieces))
        head, sep, rest = _split_label(label_text)
        if field_for(head) is None or (element.tag == "a" and (sep or not _linked_label_names(element, head))):
            continue
        if not sep:
            # A label element of its own without a colon ("<span class=light>De</span> <a>...</a>"): its whole
            # text must be a label, and values must follow it.
            # A <bdi> only isolates the label's writing direction ("<strong><bdi>Status</bdi></strong> Released").
            # A note on how the credits are sorted may sit in its own element: "Writing Credits <span>(in
            # alphabetical order)</span>".
            if any(
                isinstance(child.tag, str)
                and child.tag not in ("br", "bdi")
                and not _ORDER_NOTE.fullmatch(clean_text(" ".join(child.itertext())))
                for child in element
            ):
                continue
        elif normalised_label(head) in _CELL_ONLY:
            continue
        if rest.strip():
            # "Runtime: 133 min" in one element; not a block of lines, whose own lines are read one by one
            # ("<div><p>Runtime: 133 min</p><p>Genre: Drama</p></div>" is no runtime of "133 min Genre: Drama";
            # "Runtime: 133 min<br>Country: UK" is read line by line).
            if any(child.tag in _BLOCKS_INSIDE or child.tag == "br" for child in element):
                continue
            pairs.append((head, _Value(_MORE.sub("", rest.strip()), _links_after(element, head)), element.getparent()))
            continue
        following = _selector(element).xpath("following-sibling::node()[not(self::comment())]")
        names = field_for(head) in _NAME_FIELDS
        value = _following_value(following, lines_of_names=names, label=element)
        parent = element.getparent()
        if value is not None and not sep and parent is not None and parent.tag in _HEADING_TAGS:
            # A heading printing its label twice, full and abbreviated ("<h3><span>Writer</span>
            # <span class=short>Writer</span></h3>"): the copy is no value, the heading's value follows it.
            if value.text.casefold() == head.casefold() or field_for(value.text) is not None:
                value = None
        if value is None and not sep and parent is not None and parent.tag in _HEADING_TAGS:
            # "<h3><span>Writer</span></h3><div><a>...</a></div>": the heading holds the label alone, its value
            # follows the heading.
            value = _following_value(
                _selector(parent).xpath("following-sibling::node()[not(self::comment())]"), lines_of_names=names
            )
        if value:
            pairs.append((head, value, element.getparent()))
    pairs.extend(_line_pairs(candidates.broken, field_for))
    by_field: dict[str, list[Any]] = {}
    for element in candidates.props:
        by_field.setdefault(_PROP_FIELDS[element.get("itemprop")], []).append(element)
    for name, elements in by_field.items():
        if wanted is not None and name not in wanted:
            continue
        # A list is printed one element an item ("<span itemprop=director>" each); a single fact once.
        value = _value_of([_selector(e) for e in (elements if name in _LIST_PROPS else elements[:1])])
        if value:
            pairs.append((LABELS[name][0], value, elements[0].getparent()))
    return pairs


# schema.org film properties a page may print without an item around them ("<li itemprop=director>"): read
# as labels of their field, after the printed labels.
_PROP_FIELDS = {
    "director": "directors",
    "duration": "runtime",
    "countryOfOrigin": "countries",
    "dateCreated": "year",
    "genre": "genres",
    "contentRating": "certificate",
    "inLanguage": "languages",
}


_LIST_PROPS = frozenset({"directors", "genres", "countries", "languages"})


def _in_item(element: Any) -> bool:
    return any(ancestor.get("itemscope") is not None for ancestor in element.iterancestors())


_BROKEN_TAGS = frozenset({"div", "p", "td", "li", "span", "section"})
# A line of a broken element longer than this is running text, not a label's value.
MAX_BROKEN_LINE = 300


def _line_pairs(elements: list[Any], field_for: Any) -> list[tuple[str, _Value, Any]]:
    """("Label", value, the broken element) of the lines of elements broken by <br> that print "Label: value",
    the label in the line's own text (not in an element of its own: those are read as label elements); the
    value's links are the line's."""
    pairs: list[tuple[str, _Value, Any]] = []
    for element in elements:
        for texts, links in _lines_of(element):
            line = clean_text(" ".join(texts))
            if not line or len(line) > MAX_BROKEN_LINE:
                continue
            head, sep, rest = _split_label(line)
            if not sep or not rest.strip() or len(head) > MAX_LABEL_LINE or field_for(head) is None:
                continue
            if normalised_label(head) in _CELL_ONLY or not _opens_with_label(texts, head):
                continue
            value = _MORE.sub("", rest.strip())
            if value:
                kept = tuple(link for link in links if link and not _MORE.fullmatch(link))
                pairs.append((head, _Value(value, kept, kept or (value,)), element))
    return pairs


def _lines_of(element: Any) -> list[tuple[list[str], list[str]]]:
    """The lines of an element broken by <br> children: (the line's texts, the texts of its links)."""
    lines: list[tuple[list[str], list[str]]] = [([element.text or ""], [])]
    for child in element:
        if not isinstance(child.tag, str):
            lines[-1][0].append(child.tail or "")
            continue
        if child.tag == "br":
            lines.append(([child.tail or ""], []))
            continue
        if child.tag in _BLOCKS_INSIDE or child.tag in _HIDDEN:
            lines.append(([child.tail or ""], []))  # a block ends the line
            continue
        lines[-1][0].append(" ".join(child.itertext()))
        anchors = [child] if child.tag == "a" else list(child.iter("a"))
        lines[-1][1].extend(clean_text(" ".join(a.itertext())) for a in anchors)
        lines[-1][0].append(child.tail or "")
    return lines


def _opens_with_label(texts: list[str], head: str) -> bool:
    """True when the line's label is printed in its own text, before any element."""
    return bool(texts) and clean_text(texts[0]).startswith(clean_text(head))


def _without_order_note(element: Any) -> list[str] | None:
    """The text nodes of a label element holding a note of the credits' order in an element of its own
    ("Writing Credits <span>(in alphabetical order)</span>"), without the note, when the rest is short enough."""
    # The note is the element's only child element: anything else (a block of the page) is told by its
    # children alone, before any of their text is read.
    children = [child for child in element if isinstance(child.tag, str)]
    if len(children) != 1:
        return None
    note = children[0]
    if not _shorter_than(element, MAX_LABEL_LINE + 30) or not _ORDER_NOTE.fullmatch(
        clean_text(" ".join(note.itertext()))
    ):
        return None
    rest = [piece for piece in (element.text or "", note.tail or "") if piece]
    return rest if _normalized_length("".join(rest)) < MAX_LABEL_LINE else None


def _links_after(element: Any, head: str) -> tuple[str, ...]:
    """The texts of the links in a "Label: value" element outside its label: a value printed as links is read
    link by link ("Genre: <a>Action/Adventure</a>" is one genre, not two)."""
    label = head.casefold()
    texts = (clean_text(" ".join(link.itertext())) for link in element.iter("a"))
    return tuple(text for text in texts if text and text.casefold() not in label and not _MORE.fullmatch(text))


_MAX_ITEM_LINE = 40


def _items(value: _Value, raw: str) -> list[str]:
    """The items of a list value: split at its separators ("Drama / Music"), else one a line where the page
    prints them one a line with nothing between ("Drama\n Music\n Romance")."""
    lines = [line for line in value.lines if not _MORE.fullmatch(line)]
    if not _LIST_SEPARATORS.search(raw) and len(lines) >= 2 and all(len(line) <= _MAX_ITEM_LINE for line in lines):
        return lines
    return _LIST_SEPARATORS.split(raw)


_DASHED_LABEL = re.compile(r"\s+[-–—]\s+")


def _split_label(text: str) -> tuple[str, str, str]:
    """("Runtime", ":", "133 min") of "Runtime: 133 min", also of "Run Time - 133 min." where the words before
    the dash are a label; no separator when the text has neither."""
    match = re.search(r"[:：]", text)
    if not match:
        dash = _DASHED_LABEL.search(text)
        if dash and normalised_label(text[: dash.start()]) in FIELD_OF_LABEL:
            return text[: dash.start()], "-", text[dash.end() :]
        return text, "", ""
    return text[: match.start()], match.group(), text[match.end() :]


_NAME_FIELDS = frozenset({"directors", "writers", "cast"})


def _following_value(nodes: list[Selector], *, lines_of_names: bool = False, label: Any = None) -> _Value | None:
    """The value printed after a label element, up to the next label or line break; of a label of names
    (`lines_of_names`), up to the next label or a line that does not open with a link: credits are printed one
    linked name a line ("<a>Stephen King</a> (story)<br><a>Frank Darabont</a> (screenplay)"). The next label
    is also an element of the `label` element's tag and class, or one whose whole text is a label: a run of
    label and value blocks side by side ("<div class=head>Regie</div><div>…</div><div class=head>Musik</div>")
    gives each label its own block."""
    parts: list[str] = []
    links: list[str] = []
    pieces: list[str] = []
    raw_texts: list[str] = []
    items = _Items()
    nodes = nodes[:30]
    for index, node in enumerate(nodes):
        root = node.root
        if isinstance(root, str):
            parts.append(root)
            raw_texts.append(root)
            pieces.append(clean_text(root))
            continue
        tag = getattr(root, "tag", "")
        if not isinstance(tag, str):
            continue  # a comment or processing instruction
        if tag == "br" and links and lines_of_names and _opens_with_link(nodes[index + 1 :]):
            continue
        if tag in _HEADING_TAGS and _value_heading(root, label, parts, links):
            pass  # "<div><span>Original title</span> <h2>The Red Shoes</h2></div>": the heading is the value
        elif tag == "br" or tag in ("b", "strong", "dt", "label") or tag in _HEADING_TAGS:
            if "".join(parts).strip() or links:
                break
            continue
        if tag in ("script", "style"):
            continue
        if _is_next_label(root, label):
            break
        node_texts = node.xpath(".//text()").getall()
        raw_texts.extend(node_texts)
        text = clean_text(" ".join(node_texts))
        parts.append(text)
        pieces.extend(_pieces(node))
        links.extend(clean_text(" ".join(a.xpath(".//text()").getall())) for a in node.xpath("self::a | .//a"))
        items.add(node)
    text = _MORE.sub("", clean_text(" ".join(parts)).lstrip(":： ").strip())
    if not text:
        return None
    return _Value(
        text,
        tuple(link for link in items.links if link and not _MORE.fullmatch(link)),
        tuple(p for p in pieces if p),
        _source_lines(raw_texts),
        # Marked genres read only beside a name printed in two languages: the runs of text the genres were
        # read from before are kept wherever the page prints each name once.
        tuple(m for m in items.marked if m) if items.in_two_languages else (),
        items.in_two_languages,
    )


def _value_heading(heading: Any, label: Any, parts: list[str], links: list[str]) -> bool:
    """True when a heading after a label element is its value: nothing is printed between them, and the two
    alone make their block ("<div class=item><span>Originaltitel</span> <h2>The Red Shoes</h2></div>")."""
    if label is None or "".join(parts).strip() or links or heading.getparent() is not label.getparent():
        return False
    elements = [child for child in heading.getparent() if isinstance(child.tag, str)]
    return elements == [label, heading]


def _is_next_label(element: Any, label: Any) -> bool:
    """True when `element`, after the label element `label`, is the next label: of the label's tag and class
    (a class it has), or a short element whose whole text is a label of LABELS ("Genre", "Regie:")."""
    if label is None:
        return False
    classes = label.get("class")
    if classes and element.tag == label.tag and element.get("class") == classes:
        return True
    if element.tag not in _LABEL_TAGS:
        return False
    pieces = _short_text(element, MAX_LABEL_LINE)
    if not pieces or any(isinstance(child.tag, str) and child.tag not in ("br", "bdi") for child in element):
        return False
    head, _, rest = _split_label(clean_text(" ".join(pieces)))
    return not rest.strip() and FIELD_OF_LABEL.get(normalised_label(head)) is not None


def _opens_with_link(nodes: list[Selector]) -> bool:
    """True when the first of `nodes` that prints something is a link."""
    for node in nodes:
        root = node.root
        if isinstance(root, str):
            if root.strip():
                return False
            continue
        tag = getattr(root, "tag", "")
        if isinstance(tag, str):
            return tag == "a"
    return False


# One entry of a certificate list by country: "USA:TV-14 (some episodes)", "UK:PG".
_COUNTRY_ENTRY = re.compile(r"^(?P<country>[^:|()]{2,40}):\s*(?P<code>[^|()]*?)\s*(?:\(.*)?$")
_US_NAMES = {"us", "usa", "united states", "united states of america", "u.s.", "u.s.a."}


def _us_entry(raw: str) -> str | None:
    """The United States entry of a list of certificates by country ("Canada:PG | UK:PG | USA:PG" -> "USA:PG"),
    its notes left out ("(some episodes)"); "" for such a list without one; None where the value is no such
    list. The project's certificate is the US one where a page shows many, as the site parsers read it: which
    of the other countries' a page means is not said."""
    entries = [_COUNTRY_ENTRY.match(part.strip()) for part in raw.split("|")]
    if len(entries) < 2 or not all(entries):
        return None
    for entry in filter(None, entries):
        if entry.group("country").strip().casefold() in _US_NAMES and entry.group("code"):
            return f"{entry.group('country').strip()}:{entry.group('code')}"
    return ""


# Regions whose own money is written "$" (dollars, pesos, reais), and languages most of whose pages are of such
# regions when they name none: there a "$" amount may be the local money or the US dollar, and a wrong currency
# is worse than none.
_DOLLAR_REGIONS = frozenset(
    "ar au bb bn bs bz ca cl co cu do fj gy hk jm kn ky lc lr mx na nz sb sg sr sv tt tv tw uy vc ws zw br".split()
)
_DOLLAR_LANGUAGES = frozenset({"es", "pt"})


def _dollar_may_be_local(sel: Selector) -> bool:
    """True when the page's language tag or OpenGraph locale ("en-AU", "es_MX", "es") names a region, or a
    language, whose own money is written "$"."""
    tags = (sel.xpath("/html/@lang").get(), sel.xpath("//meta[@property='og:locale'][1]/@content").get())
    parts = [(tag or "").strip().lower().replace("_", "-").split("-") for tag in tags]
    regions = [part for subtags in parts for part in subtags[1:] if len(part) == 2 and part.isalpha()]
    if regions:
        return regions[0] in _DOLLAR_REGIONS
    return any(subtags[0] in _DOLLAR_LANGUAGES for subtags in parts)


def _add(
    facts: LabelledFacts, name: str, value: _Value, languages: tuple[str, ...] = ("en",), *, dollars: bool = True
) -> None:
    """Read `value` as the field its label names. `dollars`: a "$" amount is in US dollars (not where the page
    may mean its own money)."""
    target = RECORD_FIELD.get(name, name)
    if target in facts.fields:
        return
    raw = value.text
    if not raw.strip():
        return  # a label whose value was only its link ("See all certifications »"): nothing printed to keep
    if name == "runtime":
        minutes = normalised(facts.unparsed, "runtime_minutes", parse_runtime, raw)
        if minutes is not None:
            facts.fields["runtime_minutes"] = minutes
            facts.fields["runtime_raw"] = raw
    elif name in ("directors", "writers", "cast"):
        names = _names(value)
        if names and name == "directors":
            facts.fields["directors"] = [{"name": n} for n in names]
        elif names and name == "writers":
            facts.fields["writers"] = [{"name": n} for n in names]
        elif names:
            parts = _bracketed_parts(value.text)
            facts.fields["cast"] = [
                {"name": n, "order": i, "character": parts[n]} if n in parts else {"name": n, "order": i}
                for i, n in enumerate(names, 1)
            ]
    elif name == "genres":
        genres = list(value.links) or [g for part in _items(value, raw) for g in split_genres(part)]
        if value.marked_genres and (len(value.marked_genres) < len(genres) or value.in_two_languages):
            # Items marked as genres among others are the genres; the rest are the site's topics or keywords
            # ("<span itemprop=genre>Thriller</span> | Crime. Cult film"), never genres it stands by.
            genres = list(value.marked_genres)
        genres = [g for g in dict.fromkeys(genres) if 0 < len(g) <= 40 and not g.startswith(("...", "…"))]
        genres = [g for g in genres if not KIND_NAME.fullmatch(g)]  # "Serie de TV": what it is
        if genres:
            facts.fields["genres"] = genres
    elif name in ("countries", "languages"):
        items = list(value.links) or [clean_text(p) for p in _items(value, raw)]
        items = [i for i in dict.fromkeys(items) if 0 < len(i) <= 60]
        if items and name == "countries":
            facts.fields["countries"] = items
        elif items:
            facts.fields["languages"] = items
    elif name == "release_date":
        raw = _MORE_DATES.sub("", raw)
        parsed = normalised(
            facts.unparsed, "release_date", parse_date, _RUN_END.sub("", raw), languages=_date_languages(raw, languages)
        )
        if parsed is None:
            return
        facts.fields["release_date"] = parsed.iso
        facts.fields["release_date_raw"] = raw
        if parsed.country:
            facts.fields["release_country"] = parsed.country
    elif name == "year":
        year = _year(raw) or _year_of_date(raw, languages)
        if year:
            facts.fields["year"] = year
        else:
            facts.unparsed.setdefault("year", raw)
    elif name == "certificate":
        us_entry = _us_entry(raw)
        if us_entry == "":
            facts.unparsed.setdefault("certificate", raw)
            return
        cert = _glossed_certificate(us_entry or raw) or normalised(
            facts.unparsed, "certificate", parse_certificate, us_entry or raw
        )
        if cert is None:
            return
        facts.fields["certificate"] = value_fields(cert)
    elif name == "original_title":
        if len(raw) <= 200:
            facts.fields["original_title"] = raw
    elif name == "plot":
        if value.links and clean_text(" ".join(value.links)) == clean_text(raw):
            return  # a link and nothing else ("show all summaries") is the section's action, not its plot
        # Text nodes are joined with a space: "<a>Gandhi</a>, the lawyer" is not "Gandhi , the lawyer".
        plot = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", _PLOT_LINKS_AFTER.sub("", _EDIT_LINK.sub("", raw)).strip())
        plot = _unabridged(plot)
        plot = without_credit(plot)
        if _MIN_PLOT <= len(plot) <= _MAX_PLOT:
            facts.fields["plot"] = plot
    elif name in ("budget", "box_office"):
        if any(c.isdigit() for c in raw) and len(raw) <= 80:
            money = normalised(facts.unparsed, name, parse_money, raw, usual_meaning=dollars)
            if money is not None:
                facts.fields[name] = value_fields(money)  # type: ignore[literal-required]
    elif name == "rating":
        rating = _rating(raw)
        glossed = None if rating else _glossed_certificate(raw)
        if rating:
            facts.fields["rating"] = rating
        elif glossed is not None:
            # "Rating: PG-13 - Teens 13 or older" rates who may watch, not how good the film is.
            facts.fields.setdefault("certificate", value_fields(glossed))
        else:
            facts.unparsed.setdefault("rating", raw)


# The end of a series' run after its first showing: "Oct 3, 2024 to ?", "Apr 6, 2024 to Jun 22, 2024".
_RUN_END = re.compile(r"\s+(?:to|until)\s+(?:\?|\S.*)$", re.IGNORECASE)
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _date_languages(raw: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    """The languages to read a date in: the page's, and Russian and Ukrainian for a date written in Cyrillic
    on a page that does not say its language (a saved page without its <html lang>: "28 марта 2005")."""
    if len(languages) > 1 or not _CYRILLIC.search(raw):
        return languages
    return (*languages, "ru", "uk")


# A bare ellipsis after a date, a link to the film's other dates: "28 марта 2005, <a>...</a>".
_MORE_DATES = re.compile(r"\s*[,;]?\s*(?:\.\.\.|…)\s*$")


# The links printed after a plot to the page's longer ones: "Full summary » | Add synopsis »".
_PLOT_LINKS_AFTER = re.compile(
    r"(?:\s*\|?\s*[\[(]?(?:(?:full|read|see|add|view)\s+(?:summary|synopsis|plot(?: summary)?|more)|more|"
    r"mehr|plus|más|ещё|další|több|více|więcej)[\])]?\s*[»›>]*)+\s*$",
    re.IGNORECASE,
)
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")
# A plot is a sentence at least, and shorter than a page's full synopsis.
_MIN_PLOT = 20
_MAX_PLOT = 2000
# A summary's shortened copy before the whole text, which the page shows on "More": "A dancer joins a
# company and... A dancer joins a company and is torn between her art and love."
_ABRIDGED = re.compile(r"^(?P<start>.{20,}?)\s*(?:\.\.\.|…)\s+(?P<whole>.+)$", re.DOTALL)


def _unabridged(text: str) -> str:
    """The whole text of a plot printed twice, shortened and whole; else the text as it is."""
    match = _ABRIDGED.match(text)
    if match and " ".join(match["whole"].split()).startswith(" ".join(match["start"].split())):
        return match["whole"]
    return text


_NAME_SEPARATORS = re.compile(r"\s*(?:,|、|，|/|;|\|| and | und | et | y | e | и )\s*")
# Credit notes after a name ("John Briley (written by)") and links that are not names ("(more)", "and 4 more
# credits", "See full cast").
_ANY_NOTE = re.compile(r"\s*\([^()]*\)")
_NOT_A_NAME = re.compile(
    r"^(?:\(?more\)?|.*\bmore credits?\b.*|and \d+ more.*|see (?:full|more).*|full cast.*|"
    # A link standing where credits will be: "Cast: View preliminary cast", "Show all credits".
    r"(?:view|show|read)\b.*|.*\b(?:preliminary|complete) (?:cast|crew)\b.*|"
    r"\d+ more.*|…|\.\.\.|"
    # Placeholders printed where a credit would be ("Directed by: Various"): not a person.
    r"various(?: artists| directors)?|unknown|n/?a|tba|tbd|none|uncredited|divers|verschiedene|"
    r"varios|vari|várias|vários|разные|различные|różni|různí|különböző|多数|複数)$",
    re.IGNORECASE,
)


_CONJUNCTIONS = {
    "and",
    "und",
    "et",
    "y",
    "e",
    "и",
    "a",
    "és",
    "i",
    "&",
    "with",
    "mit",
    "avec",
    "con",
    "com",
    "с",
    "s",
    "z",
}


def _names(value: _Value) -> list[str]:
    pieces = value.pieces or (value.text,)
    # Bracketed notes go before the split: a note may hold a separator ('(short story "Rita Hayworth and
    # Shawshank Redemption")'), which would cut a name out of the note's words.
    names = [clean_text(part) for piece in pieces for part in _NAME_SEPARATORS.split(_ANY_NOTE.sub(" ", piece))]
    names = [n.strip(" :;,") for n in names]
    return [
        n
        for n in dict.fromkeys(names)
        if 1 < len(n) <= 80
        and not n[0].isdigit()
        and not n.startswith("(")
        and not _NOT_A_NAME.match(n)
        and n.casefold() not in _CONJUNCTIONS
        and not _MORE.fullmatch(n)  # the link to the whole cast closing the names ("Ver todos los créditos")
    ][:50]


# "Pimchanok Luevisadpaibul (Lhan)": a cast member, then the part played in brackets.
_PART_ITEM = re.compile(r"^(?P<name>[^()]{2,80}?)\s*\((?P<part>[^()]{1,60})\)$")
_ITEM_SEPARATOR = re.compile(r"\s*[,;、，]\s*(?![^()]*\))")
# Notes of a credit that name no part: "(voice)", "(uncredited)", "(as Leo Massine)", "(archive footage)".
_CREDIT_NOTE = re.compile(
    r"^(?:voice|uncredited|credit only|cameo|archive footage|archival footage|as\s.+|segments?\b.*|"
    r"also\s.+|unconfirmed|scenes? deleted|singing voice|rumou?red|\d.*)$",
    re.IGNORECASE,
)


def _bracketed_parts(text: str) -> dict[str, str]:
    """The part each cast member plays where a cast line prints every name with a bracketed part after it
    ("Ann Vale (Moira), Ben Hollis (Tom)"); none where an item prints none, or a credit's note."""
    items = [clean_text(item) for item in _ITEM_SEPARATOR.split(text) if item.strip()]
    matches = [_PART_ITEM.match(item) for item in items]
    if len(items) < 2 or not all(matches):
        return {}
    parts = {}
    for match in filter(None, matches):
        part = match.group("part").strip()
        if any(c.isalpha() for c in part) and not _CREDIT_NOTE.match(part):
            parts[match.group("name").strip()] = part
    return parts


# Labels of a film's story credits: its writers where they name people's links ("Story: <a>Ann Vale</a>"), else
# the story told.
_STORY_LABELS = frozenset({"story", "story by"})


def _linked_names(value: _Value) -> bool:
    """True when every name the value prints is a link (a credit's people, not a sentence)."""
    names = _names(value)
    return bool(names) and set(names) <= {clean_text(link) for link in value.links}


def _more_writers(facts: LabelledFacts, value: _Value) -> None:
    """The writers of another writing credit ("Screenwriter:", then "Story:") after those read, each once."""
    known = {writer["name"] for writer in facts.fields.get("writers", [])}
    for name in _names(value):
        if name not in known:
            facts.fields.setdefault("writers", []).append({"name": name})
            known.add(name)


def _year(raw: str) -> int | None:
    match = _YEAR.match(clean_text(raw))
    if not match:
        return None
    year = int(match.group(1))
    return year if 1870 <= year <= date.today().year + 1 else None


def _year_of_date(raw: str, languages: tuple[str, ...]) -> int | None:
    """The year of a whole date printed under a year's label, or of the first date of a run ("Year:
    14.07.2018 until 29.09.2018", AniDB): the film's first showing."""
    parsed = or_none(parse_date, _RUN_END.sub("", raw), languages=_date_languages(raw, languages))
    if parsed is None or len(parsed.iso) < 10:
        return None
    return _year(parsed.iso[:4])


# A rating board's code followed by what it means: "PG-13 - Teens 13 or older", "R – Restricted".
_GLOSSED_CODE = re.compile(r"^(?P<code>[A-Za-z][A-Za-z0-9+-]{0,5})\s+[-\u2013\u2014]\s+\S")


def _glossed_certificate(raw: str) -> Certificate | None:
    """The certificate a board's code before its gloss gives, where the code is one the normaliser knows
    ("PG-13 - Teens 13 or older" gives PG-13); None for any other text ("R+ - Mild Nudity", "8 - Great")."""
    match = _GLOSSED_CODE.match(raw.strip())
    if match is None:
        return None
    cert = or_none(parse_certificate, match["code"])
    return cert if cert is not None and cert.normalized is not None else None


def _rating(raw: str) -> RatingFields | None:
    """The first score the text prints with its count of votes, else its first score."""
    matches = list(islice(_USER_RATING.finditer(raw), 8))
    if not matches:
        return None
    match = next((found for found in matches if found.group(3)), matches[0])
    rating = or_none(parse_rating, f"{match.group(1)}/{match.group(2)}")
    if rating is None:
        return None
    result = value_fields(rating)
    count = or_none(parse_count, match.group(3)) if match.group(3) else None
    if count is not None:
        result["count"] = count  # else the rating stands without its count
    return result


# How far above a score chart its label may be: the chart, its ring, its item ("<li><div><div data-percent=78>
# </div></div><div>User Score</div></li>").
_CHART_LEVELS = 4


def _charted_score(root: Any) -> RatingFields | None:
    """The score a page draws as a chart, its percentage only in the chart's data-percent attribute, under a
    score's label ("User Score"): where the page draws one chart only, and its score is not nought (a film
    nobody rated)."""
    charts = root.xpath("//*[@data-percent]")
    if len(charts) != 1:
        return None
    shown = charts[0].get("data-percent", "").strip()
    if not re.fullmatch(r"\d{1,3}(?:\.\d+)?", shown) or not 0 < float(shown) <= 100:
        return None
    for level, holder in enumerate(charts[0].iterancestors()):
        if level == _CHART_LEVELS:
            break
        label = clean_text(" ".join(holder.itertext()))
        if label:
            if field_for(label) != "rating":
                return None
            rating = or_none(parse_rating, f"{shown}/100")
            return value_fields(rating) if rating else None
    return None


# The record fields a fact printed without a label may give.
_LOOSE_FIELDS = frozenset({"certificate", "rating", "runtime_minutes", "countries"})


def _loose_facts(candidates: _Candidates, facts: LabelledFacts, wanted: frozenset[str]) -> None:
    """Facts of the `wanted` fields printed without a label of their own: "Rated R", "8.3/10 from 21,464
    users", "97 mins"."""
    # A field not wanted counts as found: it is neither looked for nor set.
    found = facts.fields.keys() | (_LOOSE_FIELDS - wanted)
    if _LOOSE_FIELDS <= found:
        return
    runtimes: dict[int, str] = {}
    origins: set[tuple[str, ...]] = set()
    lines = (line for line in candidates.lines if _shorter_than(line, MAX_LOOSE_LINE))
    for line in islice(lines, MAX_LOOSE_LINES):
        nodes = _text_nodes(line)
        text = clean_text(" ".join(nodes))
        if not text:
            continue
        if "runtime_minutes" not in found and len(runtimes) < 2:
            _loose_runtime(text, runtimes)
        if "countries" not in found and len(origins) < 2 and _LOOSE_RUNTIME.search(text):
            countries = _origin_countries(nodes)
            if countries:
                origins.add(countries)
        if "certificate" not in found and "certificate" not in facts.fields:
            rated = _RATED.search(text)
            if rated:
                _add(facts, "certificate", _Value(rated.group(1), ()))
        if "rating" not in found and "rating" not in facts.fields:
            _counted_rating(text, facts)
    if "certificate" not in found and "certificate" not in facts.fields:
        _certificate_in_info_list(candidates.lines, facts)
    if "certificate" not in found and "certificate" not in facts.fields:
        _certificate_badge(candidates.images, facts)
    if "runtime_minutes" not in found and len(runtimes) == 1:
        # One runtime on the whole page: the film's. Two different ones may be anything (an episode's, a
        # trailer's, another film's).
        ((minutes, raw),) = runtimes.items()
        facts.fields["runtime_minutes"], facts.fields["runtime_raw"] = minutes, raw
    if "countries" not in found and len(origins) == 1:
        # One origin line on the page: the film's (a list's rows print one each).
        facts.fields["countries"] = list(next(iter(origins)))
    if "rating" not in found and "rating" not in facts.fields:
        _star_image_rating(candidates.images, facts)
    if "rating" not in found and "rating" not in facts.fields:
        boxes = (box for box in candidates.boxes if _shorter_than(box, MAX_LOOSE_LINE))
        for box in islice(boxes, MAX_LOOSE_LINES):
            text = clean_text(" ".join(_text_nodes(box)))
            if _counted_rating(text, facts) or _share_of_positive_reviews(box, text, facts):
                return


# A certificate printed alone as an item of the film's info list: "<li>1984</li><li>R</li><li>1h 47m</li>".
_BARE_CERTIFICATE = re.compile(r"^(PG-13|NC-17|TV-(?:Y7|Y|G|PG|14|MA)|Not Rated|Unrated|PG|NR|G|R)$")
_INFO_LIST_ITEMS = range(3, 7)
# The levels above the info list where the page's heading may stand before it (its block, the block's block).
_INFO_LIST_LEVELS = 3


def _certificate_in_info_list(lines: list[Any], facts: LabelledFacts) -> None:
    """The certificate the film's info line prints as an item of its own, without "Rated": an item of a list
    of a few, the item before it the year alone, the item after it a runtime, the list standing after the
    page's `<h1>` (in its block, or the block's block). An item may print its text twice (a link and its copy
    for another screen width: "<li><a>R</a><span>R</span></li>"). A card of another film (a "more like this"
    row) prints such a line under no `<h1>`; two certificates so printed give none."""
    found: set[str] = set()
    for line in lines:
        if line.tag != "li":
            if _heading_before(line):
                found.update(_certificates_in_line(line))
            continue
        shown = _single_text(line)
        if shown is None or not _BARE_CERTIFICATE.match(shown):
            continue
        items = line.getparent()
        if items is None or items.tag not in ("ul", "ol"):
            continue
        siblings = [item for item in items if isinstance(item.tag, str)]
        if len(siblings) not in _INFO_LIST_ITEMS or any(item.tag != "li" for item in siblings):
            continue
        at = siblings.index(line)
        if at == 0 or at == len(siblings) - 1:
            continue
        year = _single_text(siblings[at - 1])
        if year is None or not _YEAR.match(year):
            continue
        runtime = clean_text(" ".join(_text_nodes(siblings[at + 1])))
        if len(runtime) > _MAX_ITEM_LINE or not _LOOSE_RUNTIME.fullmatch(runtime):
            continue
        if _after_heading(items):
            found.add(shown)
    if len(found) == 1:
        _add(facts, "certificate", _Value(found.pop(), ()))


_INFO_SEPARATORS = re.compile(r"\s*[|·•]\s*")


# The elements an info line may stand after its heading: an original title's line may come between them.
_INFO_LINE_AFTER_HEADING = 2


def _heading_before(line: Any) -> bool:
    """True for a line standing right after the page's `<h1>` (or after one line under it): the heading's info
    line."""
    previous, seen = line.getprevious(), 0
    while previous is not None and seen < _INFO_LINE_AFTER_HEADING:
        if isinstance(previous.tag, str):
            if previous.tag == "h1":
                return True
            seen += 1
        previous = previous.getprevious()
    return False


def _certificates_in_line(line: Any) -> list[str]:
    """The bare US certificate of an info line printed as pieces between separators, the piece after it a
    runtime: "PG | 1h 42min | Animation, Adventure | 27 November 2013 (USA)"."""
    text = clean_text(" ".join(_text_nodes(line)))
    if len(text) > MAX_LOOSE_LINE:
        return []
    pieces = _INFO_SEPARATORS.split(text)
    return [
        piece
        for piece, after in zip(pieces, pieces[1:], strict=False)
        if _BARE_CERTIFICATE.match(piece) and _LOOSE_RUNTIME.fullmatch(after)
    ]


def _single_text(element: Any) -> str | None:
    """The one text an element prints, once or twice over (a link and its copy), or None."""
    texts = {clean_text(text) for text in _text_nodes(element)} - {""}
    return texts.pop() if len(texts) == 1 else None


def _after_heading(element: Any) -> bool:
    """True when the page's heading (an `<h1>`) comes before the element in its block or a block above."""
    for _ in range(_INFO_LIST_LEVELS):
        sibling = element.getprevious()
        while sibling is not None:
            if sibling.tag == "h1":
                return True
            sibling = sibling.getprevious()
        element = element.getparent()
        if element is None:
            return False
    return False


# Fields a page may print, without a label, in an element whose class names them.
_CLASSED_FIELDS = frozenset({"genres", "runtime_minutes", "certificate"})
_FIELD_OF_CLASS = {
    "genres": "genres",
    "genre": "genres",
    "runtime": "runtime_minutes",
    "duration": "runtime_minutes",
    "certificate": "certificate",
    "certification": "certificate",
    "age-restriction": "certificate",
    "age-rating": "certificate",
    "content-rating": "certificate",
    "mpaa-rating": "certificate",
}
_CLASSED_HINT = re.compile("genre|runtime|duration|certific|age-r|content-rating|mpaa")
# The label field `_add` reads each classed field's value as.
_LABEL_OF_CLASSED = {"genres": "genres", "runtime_minutes": "runtime", "certificate": "certificate"}
MAX_CLASSED_TEXT = 120


def _classed_facts(candidates: _Candidates, facts: LabelledFacts, wanted: frozenset[str]) -> None:
    """The genres, runtime and certificate a page prints in an element classed for them ("<div class="genres">
    <a>Drama</a> / <a>Romance</a></div>", "<span class="runtime">2h 13m</span>", "<div class="age-restriction">
    <p>Nevhodný mládeži do 15 let</p></div>"), where no label gave them and every such
    element of the page prints the same value: several are several films' (a list's rows)."""
    for name in wanted - facts.fields.keys():
        printed: dict[str, _Value] = {}
        for field_name, element in candidates.classed:
            if field_name != name:
                continue
            text = _short_text(element, MAX_CLASSED_TEXT)
            if not text:
                continue
            joined = clean_text(" ".join(text))
            if not joined:
                continue
            links = tuple(clean_text("".join(a.itertext())) for a in element.iter("a"))
            printed.setdefault(joined, _Value(joined, tuple(link for link in links if link)))
        if len(printed) == 1:
            (value,) = printed.values()
            _add(facts, _LABEL_OF_CLASSED[name], value)


# A link to one genre's page: a path segment or query key naming genres, then the genre ("/genre/drama/",
# "/films/genre/horror/", "/zanry/1-akcni/", "/genre-13025/", "/genres:drama", "?genres=drama"), in the
# languages of the label table.
_GENRE_LINK = re.compile(
    r"(?:^|[/?&#;])(?:genres?|g[eéê]neros?|generi|genere|gatun(?:ek|ki|ku)|zanr[ya]?|žánr[ya]?|"
    r"%D0%B6%D0%B0%D0%BD%D1%80|жанр|%E3%82%B8%E3%83%A3%E3%83%B3%E3%83%AB|ジャンル|장르)"
    r"(?:[/=:_]|-{1,2})[^/?&#\s]",
    re.IGNORECASE,
)
# A block of genre links is the film's genres where it prints them and nothing else, and the page prints at
# most this many such blocks (a title's header and its details); more are a list's rows, a long one a menu.
_MAX_GENRE_LINKS = 8
_MAX_GENRE_BLOCKS = 3
_GENRE_SEPARATORS = re.compile(r"[\s,/|·•;、，／]+")


def _linked_genres(links: list[Any], facts: LabelledFacts) -> None:
    """The genres a page prints as links to each genre's page, without a label or a class naming them
    ("<div class="x1f"><a href="/zanry/1-akcni/">Akční</a> / <a href="/zanry/7-sci-fi/">Sci-Fi</a></div>"),
    where every block of them prints the same genres."""
    blocks: dict[Any, None] = {}
    for link in links:
        block = link.getparent()
        if block is not None and block.tag == "li":
            block = block.getparent()  # one genre an item
        if block is not None:
            blocks[block] = None
    if not blocks or len(blocks) > _MAX_GENRE_BLOCKS:
        return
    found: set[frozenset[str]] = set()
    first: _Value | None = None
    for block in blocks:
        value = _genre_block(block)
        if value is None:
            return
        found.add(frozenset(name.casefold() for name in value.links))
        first = first or value
    if first is not None and len(found) == 1:
        _add(facts, "genres", first)


def _genre_block(block: Any) -> _Value | None:
    """The block's genres when it holds genre links only, a few, and no other text than separators."""
    anchors = list(block.iter("a"))
    if not 0 < len(anchors) <= _MAX_GENRE_LINKS or not all(_GENRE_LINK.search(a.get("href") or "") for a in anchors):
        return None
    names = [clean_text(" ".join(a.itertext())) for a in anchors]
    if not all(names) or any(field_for(name) == "genres" for name in names):
        return None  # an empty link, or one to every genre ("All genres")
    text = _short_text(block, MAX_CLASSED_TEXT)
    if text is None:
        return None
    rest = clean_text(" ".join(text))
    for name in names:
        rest = rest.replace(name, " ", 1)
    if _GENRE_SEPARATORS.sub("", rest):
        return None  # more than the links and their separators: a sentence, a menu's heading
    return _Value(", ".join(names), tuple(names))


# An image is a certificate's badge when its address or class says so.
_BADGE = re.compile(r"certificat|mpaa|fsk|classification|age[-_]?rating|content[-_]?rating", re.IGNORECASE)


def _certificate_badge(images: list[Any], facts: LabelledFacts) -> None:
    """The certificate the page shows as a badge image (its alternative text or title), where every badge of
    the page names the same one: two are two countries' or two films'."""
    found: dict[str, str] = {}
    for image in images[:MAX_LOOSE_LINES]:
        if not _BADGE.search(f"{image.get('src') or ''} {image.get('class') or ''}"):
            continue
        raw = clean_text(image.get("alt") or image.get("title") or "")
        if not raw or len(raw) > 30:
            continue
        cert = or_none(parse_certificate, raw)
        if cert is not None and cert.normalized:
            found.setdefault(cert.normalized, raw)
    if len(found) == 1:
        _add(facts, "certificate", _Value(next(iter(found.values())), ()))


# A runtime printed alone in a short line: "97 mins", "USA • 1999 • 136 min (alternative 131 min)", "1h 52m".
_LOOSE_RUNTIME = re.compile(
    r"(?<![\w.,:/$£€¥])(?:\d{1,2}\s*(?:h|hr|hrs|hours?|std|stunden?|godz|godziny|godzin|hod|óra|heures?|horas?|ore|"
    r"uur|ч|часа?|часов)\.?\s*\d{1,2}\s*(?:m|mins?|minutes|minuten|minutos|minuti|minut|minuty|perc|мин|минут)"
    r"|\d{1,3}\s*(?:min|mins|minutes|minuten|minutos|minuti|minut|minuty|perc|мин|минут))\.?(?![\w-])",
    re.IGNORECASE,
)
# A number and a word just before a runtime's minutes: an hour in a unit not known ("2 heures 13 min"), whose
# minutes alone are not the runtime.
_UNKNOWN_HOURS_BEFORE = re.compile(r"\d\s*[^\W\d_]{1,10}\.?\s*$")
# Lines whose minutes are no film's length: "5 min read", "2 min ago", a trailer's or a clip's.
_NOT_RUNTIME_LINE = re.compile(r"\bread\b|\bago\b|\bleft\b|remaining|trailer|teaser|clip|video|podcast", re.IGNORECASE)
_MAX_RUNTIME_LINE = 100


def _loose_runtime(text: str, runtimes: dict[int, str]) -> None:
    """Adds the first runtime a short line prints to `runtimes` (by minutes, with its raw text)."""
    if len(text) > _MAX_RUNTIME_LINE or not any(ch.isdigit() for ch in text):
        return
    match = _LOOSE_RUNTIME.search(text)
    if match is None or _NOT_RUNTIME_LINE.search(text) or _UNKNOWN_HOURS_BEFORE.search(text, 0, match.start()):
        return
    raw = match.group(0).strip()
    minutes = or_none(parse_runtime, raw)
    if minutes is not None and 1 <= minutes <= 1500:
        runtimes.setdefault(minutes, raw)


_ORIGIN_SEPARATORS = re.compile(r"\s*(?:,|/|\||•|·|∙)\s*")
_ORIGIN_YEAR = re.compile(r"\(?(?:18|19|20)\d\d\)?")


def _origin_countries(nodes: list[str]) -> tuple[str, ...] | None:
    """The countries an origin line names before the film's year, the runtime following it ("USA • 1999 •
    136 min", "Velká Británie / USA, 1948, 133 min"): only where every piece before the year is a country's
    name, so that a line of genres or places is none."""
    pieces = [piece for node in nodes for piece in _ORIGIN_SEPARATORS.split(clean_text(node)) if piece]
    years = [i for i, piece in enumerate(pieces) if _ORIGIN_YEAR.fullmatch(piece)]
    if len(years) != 1 or years[0] == 0 or not _LOOSE_RUNTIME.search(" ".join(pieces[years[0] + 1 :])):
        return None
    before = pieces[: years[0]]
    if all(or_none(country_code, piece) for piece in before):
        return tuple(dict.fromkeys(before))
    return None


def _counted_rating(text: str, facts: LabelledFacts) -> bool:
    """Sets the rating a line prints with its count of votes ("8.3/10 from 21,464 users"); a score without its
    count may be anything (a critic's, another film's)."""
    if "/" not in text or not re.search(r"\d\s*/\s*(?:10|5|100)\b[^\d]{0,20}\d", text):
        return False
    rating = _rating(text)
    if rating and "count" in rating:
        facts.fields["rating"] = rating
        return True
    return False


_REVIEWS_COUNTED = re.compile(r"\bReviews Counted\s*:\s*(\d[\d,]*)", re.IGNORECASE)
_POSITIVE_REVIEWS = re.compile(r"\b(?:Fresh|Positive)\s*:\s*(\d[\d,]*)", re.IGNORECASE)
_NEGATIVE_REVIEWS = re.compile(r"\b(?:Rotten|Negative)\s*:\s*(\d[\d,]*)", re.IGNORECASE)
_PERCENT_ALONE = re.compile(r"^(\d{1,3})\s*%$")


def _share_of_positive_reviews(box: Any, text: str, facts: LabelledFacts) -> bool:
    """Sets the rating a box prints as the share of positive reviews: a percentage printed alone ("96 %") beside
    "Reviews Counted: 48", "Fresh: 46", "Rotten: 2" (a 2008 Tomatometer), read only where the positive and
    negative reviews add up to the count and the percentage is their share; not on a page whose selected tab
    is the top critics' (their share is not the film's score)."""
    counted, positive, negative = (
        _REVIEWS_COUNTED.findall(text), _POSITIVE_REVIEWS.findall(text), _NEGATIVE_REVIEWS.findall(text)
    )  # fmt: skip
    if len(counted) != 1 or len(positive) != 1 or len(negative) != 1:
        return False
    total, good, bad = (int(found[0].replace(",", "")) for found in (counted, positive, negative))
    shares = {
        int(match.group(1))
        for element in box.iter()
        if isinstance(element.tag, str) and element is not box
        for match in [_PERCENT_ALONE.match(clean_text(" ".join(_text_nodes(element))))]
        if match
    }
    if not total or good + bad != total or len(shares) != 1:
        return False
    share = shares.pop()
    if share != round(100 * good / total) or share > 100:
        return False
    root = box.getroottree().getroot()
    selected = root.xpath(
        '//*[contains(@class,"selected") or contains(@class,"active")][contains(translate(normalize-space(),'
        ' "TOPCRIS", "topcris"), "top critics")]'
    )
    if selected:
        return False
    rating = or_none(parse_rating, f"{share}/100")
    if rating is None:
        return False
    result = value_fields(rating)
    result["count"] = total
    facts.fields["rating"] = result
    facts.rating_kind = "critic"
    return True


_STARS_ALT = re.compile(r"^([0-5](?:\.[05])?)\s+stars?$", re.IGNORECASE)
_COUNT_IN_BRACKETS = re.compile(r"^\(\s*(\d[\d,]*)\s*\)$")


def _star_image_rating(images: list[Any], facts: LabelledFacts) -> None:
    """Sets the users' average drawn as a star image with its count of ratings after it in the same cell:
    `<td><img alt="3.0 Stars"> (14259)</td>`, on 5. A page printing several (its averages by audience: all,
    women, men) gives the one whose count is the sum of all the others' (everyone's); else none."""
    found: set[tuple[str, int]] = set()
    for image in images:
        stars = _STARS_ALT.match(clean_text(image.get("alt") or ""))
        holder = image.getparent()
        if stars is None or holder is None:
            continue
        rest = clean_text(" ".join(text for text in _text_nodes(holder)))
        counted = _COUNT_IN_BRACKETS.match(rest)
        if counted and len(list(holder.iter("img"))) == 1:
            found.add((stars.group(1), int(counted.group(1).replace(",", ""))))
    if not found:
        return
    best = max(found, key=lambda star_count: star_count[1])
    others = found - {best}
    if others and (len(others) < 2 or best[1] != sum(count for _, count in others)):
        return
    rating = or_none(parse_rating, f"{best[0]}/5")
    if rating is not None:
        result = value_fields(rating)
        result["count"] = best[1]
        facts.fields["rating"] = result
