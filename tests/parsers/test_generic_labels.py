"""Labelled facts (crawler.core.parsers.generic.labels): one table of labels in thirteen languages, values through the
normalisers, nothing read from navigation, sidebars or footers."""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector

from crawler.core.normalize import clean_text
from crawler.core.parsers.generic import labels as labels_module
from crawler.core.parsers.generic.labels import LABELS, field_for, read_labels


def page(body: str, lang: str = "en") -> Selector:
    return Selector(text=f'<html lang="{lang}"><body><main>{body}</main></body></html>')


# (language, printed label, field)
LABEL_CASES = [
    ("en", "Runtime:", "runtime"),
    ("en", "Directed by", "directors"),
    ("en", "Genre(s):", "genres"),
    ("en", "Release date:", "release_date"),
    ("en", "In Theaters:", "release_date"),
    ("en", "Plot:", "plot"),
    ("en", "Overview", "plot"),
    ("en", "Countries of origin", "countries"),
    ("nl", "Speelduur", "runtime"),
    ("nl", "Regie", "directors"),
    ("nl", "Genre", "genres"),
    ("nl", "Scenario", "writers"),
    ("nl", "Releasedatum", "release_date"),
    ("nl", "Originele titel", "original_title"),
    ("nl", "Taal", "languages"),
    ("en", "Spoken languages", "languages"),
    ("de", "Produktionsländer", "countries"),
    ("es", "Países de producción", "countries"),
    ("en", "Synopsis", "plot"),
    ("de", "Handlung", "plot"),
    ("es", "Sinopsis", "plot"),
    ("it", "Trama", "plot"),
    ("ru", "Сюжет", "plot"),
    ("cs", "Obsah", "plot"),
    ("en", "Country of origin", "countries"),
    ("de", "Genre", "genres"),
    ("de", "Laufzeit", "runtime"),
    ("de", "Regie:", "directors"),
    ("de", "Drehbuch", "writers"),
    ("de", "Produktionsland", "countries"),
    ("de", "Kinostart", "release_date"),
    ("fr", "Durée :", "runtime"),
    ("fr", "Réalisateur", "directors"),
    ("fr", "Date de sortie", "release_date"),
    ("fr", "Titre original", "original_title"),
    ("fr", "Genres", "genres"),
    ("es", "Duración", "runtime"),
    ("es", "Dirección", "directors"),
    ("es", "Reparto", "cast"),
    ("es", "Fecha de estreno", "release_date"),
    ("es", "Género", "genres"),
    ("it", "Durata", "runtime"),
    ("it", "Regia", "directors"),
    ("it", "Sceneggiatura", "writers"),
    ("it", "Genere", "genres"),
    ("pt", "Duração", "runtime"),
    ("pt", "Direção", "directors"),
    ("pt", "Elenco", "cast"),
    ("pt", "Gênero", "genres"),
    ("ru", "Время", "runtime"),
    ("ru", "Режиссер", "directors"),
    ("ru", "Жанр", "genres"),
    ("ru", "Премьера (мир)", "release_date"),
    ("ru", "Год производства", "year"),
    ("cs", "Režie:", "directors"),
    ("cs", "Scénář:", "writers"),
    ("cs", "Hrají:", "cast"),
    ("cs", "Délka", "runtime"),
    ("cs", "Žánr", "genres"),
    ("hu", "Rendező:", "directors"),
    ("hu", "Játékidő", "runtime"),
    ("hu", "Műfaj", "genres"),
    ("hu", "Bemutató", "release_date"),
    ("pl", "Reżyseria", "directors"),
    ("pl", "Scenariusz", "writers"),
    ("pl", "Czas trwania", "runtime"),
    ("pl", "Gatunek", "genres"),
    ("pl", "Produkcja", "countries"),
    ("de", "Schauspieler", "cast"),
    ("de", "Kinostart", "release_date"),
    ("de", "Herkunftsland", "countries"),
    ("it", "Regia di", "directors"),
    ("it", "Con", "cast"),
    ("it", "Uscita al cinema", "release_date"),
    ("es", "Dirigido por", "directors"),
    ("pt", "Com", "cast"),
    ("hu", "Író", "writers"),
    ("hu", "Szereplő", "cast"),
    ("hu", "Magyarországi bemutató", "release_date"),
    ("ru", "В главных ролях:", "cast"),
    ("ru", "Описание", "plot"),
    ("fr", "Nationalités", "countries"),
    ("de", "Nationalität", "countries"),
    ("es", "Nacionalidad", "countries"),
    ("pt", "Nacionalidade", "countries"),
    ("it", "Nazionalità", "countries"),
    ("ja", "監督", "directors"),
    ("ja", "上映時間", "runtime"),
    ("ja", "ジャンル", "genres"),
    ("ja", "公開日", "release_date"),
    ("zh", "导演", "directors"),
    ("zh", "片长:", "runtime"),
    ("zh", "类型：", "genres"),
    ("zh", "制片国家/地区:", "countries"),
    ("zh", "上映日期", "release_date"),
    ("ja", "映倫区分：", "certificate"),
    ("ja", "上映日：", "release_date"),
    ("ko", "상영시간", "runtime"),
    ("ko", "감독", "directors"),
    ("ko", "장르", "genres"),
    ("ko", "출연", "cast"),
    ("ko", "등급", "certificate"),
    ("ko", "원제", "original_title"),
]


@pytest.mark.parametrize(("language", "label", "field"), LABEL_CASES, ids=[f"{c[0]}-{c[1]}" for c in LABEL_CASES])
def test_a_printed_label_should_name_its_field(language: str, label: str, field: str) -> None:
    assert field_for(label) == field


def test_every_language_should_have_labels_for_runtime_directors_and_genres() -> None:
    languages = {language for language, _, _ in LABEL_CASES}
    assert len(languages) == 14
    for field in ("runtime", "directors", "genres"):
        assert {language for language, _, f in LABEL_CASES if f == field} == languages, field


def test_the_table_should_hold_each_label_once_per_field() -> None:
    for field, labels in LABELS.items():
        assert len({label.casefold() for label in labels}) == len(set(labels)), field


# (markup, page language, fields read)
VALUE_CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("<dl><dt>Runtime</dt><dd>133 min</dd></dl>", "en", {"runtime_minutes": 133, "runtime_raw": "133 min"}),
    (
        "<table><tr><th>Laufzeit</th><td>2 Std. 13 Min.</td></tr></table>",
        "de",
        {"runtime_minutes": 133, "runtime_raw": "2 Std. 13 Min."},
    ),
    ("<p>Runtime: 133 min</p>", "en", {"runtime_minutes": 133, "runtime_raw": "133 min"}),
    # lines a <br> breaks in one paragraph, each a label and its value (eiga.com-like "p.data")
    (
        "<p>製作年：1948年<br>製作国：イギリス<br>上映時間：133分</p>",
        "ja",
        {"year": 1948, "countries": ["イギリス"], "runtime_minutes": 133, "runtime_raw": "133分"},
    ),
    (
        "<p>Original title: The Red Shoes<br>Year: 1948<br>Country: <a>UK</a><br>Distributor: Eagle-Lion Films"
        "<br>Runtime: 133 min<br>Rated: G</p>",
        "en",
        {"countries": ["UK"], "runtime_minutes": 133, "runtime_raw": "133 min"},  # "Year" is read from cells only
    ),
    ("<dl><dt>상영시간</dt><dd>2시간 13분</dd></dl>", "ko", {"runtime_minutes": 133, "runtime_raw": "2시간 13분"}),
    (
        "<li><b>Director:</b> <a>Michael Powell</a>, <a>Emeric Pressburger</a></li>",
        "en",
        {"directors": [{"name": "Michael Powell"}, {"name": "Emeric Pressburger"}]},
    ),
    ("<li><b>Genre(s):</b> Drama / Music</li>", "en", {"genres": ["Drama", "Music"]}),
    # "Label - value" where the words before the dash are a label (a film guide's header)
    (
        "<div><span>Run Time - <span>133 min.</span></span></div>",
        "en",
        {"runtime_minutes": 133, "runtime_raw": "133 min."},
    ),
    ("<div><span>Genres - <a>Drama</a>, <a>Musical</a></span></div>", "en", {"genres": ["Drama", "Musical"]}),
    ("<div><span>Drama - <span>133 min.</span></span></div>", "en", {}),
    # genres printed one a line, nothing between them (a box-office site's summary)
    (
        "<div><span>Genres</span><span>Drama\n    \n        Music\n    \n        Romance</span></div>",
        "en",
        {"genres": ["Drama", "Music", "Romance"]},
    ),
    (
        "<dl><dt>Countries</dt><dd>United Kingdom\n  United States</dd></dl>",
        "en",
        {"countries": ["United Kingdom", "United States"]},
    ),
    (
        "<li><b>Release date:</b> 6 September 1948 (UK)</li>",
        "en",
        {"release_date": "1948-09-06", "release_date_raw": "6 September 1948 (UK)", "release_country": "GB"},
    ),
    (
        "<dl><dt>Date de sortie</dt><dd>6 septembre 1948</dd></dl>",
        "fr",
        {"release_date": "1948-09-06", "release_date_raw": "6 septembre 1948"},
    ),
    (
        "<table><tr><td>Время</td><td>133 мин.</td></tr></table>",
        "ru",
        {"runtime_minutes": 133, "runtime_raw": "133 мин."},
    ),
    (
        '<div><span class="pl">片长:</span> <span>133分钟</span></div>',
        "zh",
        {"runtime_minutes": 133, "runtime_raw": "133分钟"},
    ),
    (
        "<p>Rated PG-13 for violence</p>",
        "en",
        {"certificate": {"code": "PG-13", "normalized": "PG-13", "country": None}},
    ),
    ("<div>8.3/10 from 21,464 users</div>", "en", {"rating": {"value": 8.3, "best": 10, "worst": 0, "count": 21464}}),
    ("<div>7,6/10 12 345 ocen</div>", "pl", {"rating": {"value": 7.6, "best": 10, "worst": 0, "count": 12345}}),
    ("<div>3,8/5 (1.234 Bewertungen)</div>", "de", {"rating": {"value": 3.8, "best": 5, "worst": 0, "count": 1234}}),
    ("<div>7,9/10 — 12 345 оценок</div>", "ru", {"rating": {"value": 7.9, "best": 10, "worst": 0, "count": 12345}}),
    ("<div>4,1/5 sur 2 310 notes</div>", "fr", {"rating": {"value": 4.1, "best": 5, "worst": 0, "count": 2310}}),
    (
        "<dl><dt>Writers</dt><dd><a>John Briley</a> (written by)<br><a>Rick Berman</a><br><a>(more)</a></dd></dl>",
        "en",
        {"writers": [{"name": "John Briley"}, {"name": "Rick Berman"}]},
    ),
    # Credits one linked name a line after a heading label: every line is read, up to a line without a link.
    (
        '<div><h5>Writers <a href="/guild">(WGA)</a>:</h5> <a>Ann Vale</a> (novel "Salt and Iron")<br>'
        "<a>Tom Reyes</a> (screenplay)<br>Shot on location in Maine.</div>",
        "en",
        {"writers": [{"name": "Ann Vale"}, {"name": "Tom Reyes"}]},
    ),
    (
        "<p><b>Director:</b> <a>Ann Vale</a><br>Tom Reyes wrote the music.</p>",
        "en",
        {"directors": [{"name": "Ann Vale"}]},
    ),
    # A block of lines holding two labels is read line by line: its own text is no "Runtime: ..." value.
    (
        '<div class="stats"><p><span class="label">Runtime:</span> <span>1 hr 36 mins</span></p>'
        '<p><span class="label">Genre:</span> <span><a href="/g/7">Drama</a></span></p></div>',
        "en",
        {"runtime_minutes": 96, "runtime_raw": "1 hr 36 mins", "genres": ["Drama"]},
    ),
    # A value printed as a link is one value, separators and all.
    (
        '<p><span class="label">Genre:</span> <span><a href="/g/1">Action/Adventure</a></span></p>',
        "en",
        {"genres": ["Action/Adventure"]},
    ),
    # A link inside the label is no value.
    ('<p><a href="/help/genres">Genres</a>: Drama / Music</p>', "en", {"genres": ["Drama", "Music"]}),
    # The release's reach after its date is a note of the date.
    (
        '<li><div class="label">In Theaters:</div><div class="value"><time>Jul 4, 1975</time>'
        "<span>&nbsp;wide</span></div></li>",
        "en",
        {"release_date": "1975-07-04", "release_date_raw": "Jul 4, 1975 wide"},
    ),
    # A plot, without the links to longer ones printed after it.
    (
        '<div class="info"><h5>Plot:</h5><div>Two lighthouse keepers lose <a href="/n/1">Ann</a>, their '
        'radio. <a href="/plot">Full summary</a>&nbsp;&raquo; | <a href="/syn">Add synopsis</a>&nbsp;&raquo;</div>'
        '</div><div class="info"><h5>Plot Keywords:</h5><div>lighthouse | storm</div></div>',
        "en",
        {"plot": "Two lighthouse keepers lose Ann, their radio."},
    ),
    (
        '<p><span class="label">Synopsis:</span> <span>A ferryman sells his boat and walks the coast road. '
        '<a href="#">[More]</a></span></p>',
        "en",
        {"plot": "A ferryman sells his boat and walks the coast road."},
    ),
    # A heading holding the label alone: the value follows the heading, up to the next heading.
    (
        '<h3><span>Writer</span></h3><div class="slugs"><p><a href="/w/1">Ann Vale</a></p></div>'
        '<h3><span>Editor</span></h3><div class="slugs"><p><a href="/e/2">Tom Reyes</a></p></div>',
        "en",
        {"writers": [{"name": "Ann Vale"}]},
    ),
    # A label isolated in a <bdi> for its writing direction.
    ("<p><strong><bdi>Original Language</bdi></strong> Welsh</p>", "en", {"languages": ["Welsh"]}),
    # A note holding a separator word is not cut into a name.
    (
        '<dl><dt>Writers</dt><dd>Hans Christian Andersen (fairy tale "The Red Shoes and Other Tales"), '
        "Emeric Pressburger</dd></dl>",
        "en",
        {"writers": [{"name": "Hans Christian Andersen"}, {"name": "Emeric Pressburger"}]},
    ),
    # A page laid out in a table: the labels of a cell holding blocks are the page's, not a table's cells.
    (
        '<table><tr><td><img src="/p.jpg"></td><td><h1>The Red Shoes</h1><div class="txt-block">'
        '<h4 class="inline">Director:</h4> <a href="/name/nm1/">Michael Powell</a></div>'
        '<div class="txt-block"><h4 class="inline">Writers:</h4> <a href="/name/nm2/">Emeric Pressburger</a>'
        ' <span>(screenplay)</span>, <a href="/name/nm3/">Keith Winter</a></div></td></tr></table>',
        "en",
        {
            "directors": [{"name": "Michael Powell"}],
            "writers": [{"name": "Emeric Pressburger"}, {"name": "Keith Winter"}],
        },
    ),
    # A row of a rating's badge (printed or drawn) beside a cell of labelled spans: the badge is no label, so the
    # cell's labels are the page's.
    (
        '<table><tr><td><span class="badge">Not Rated</span></td><td><span><a href="/company/c">Archers</a> | </span>'
        "<span><span>Release Date:</span> <span>September 6, 1948</span></span></td></tr></table>",
        "en",
        {"release_date": "1948-09-06", "release_date_raw": "September 6, 1948"},
    ),
    (
        '<table><tr><td><img src="/rated-pg.svg"></td><td>'
        "<span><span>Release Date:</span> <span>September 6, 1948</span></span></td></tr></table>",
        "en",
        {"release_date": "1948-09-06", "release_date_raw": "September 6, 1948"},
    ),
    # A row of one cell: no cell beside it is its label.
    (
        '<table><tr><td><span><a href="/company/c">Archers</a> | </span>'
        "<span><span>Release Date:</span> <span>September 6, 1948</span></span></td></tr></table>",
        "en",
        {"release_date": "1948-09-06", "release_date_raw": "September 6, 1948"},
    ),
    # A rating box prints its score and its votes apart from the stars drawn above them.
    (
        '<div class="star-box"><div class="stars">1 2 3 4 5</div>8.1/10 X Users: <b>8.1</b>/10 '
        '(<a href="ratings">21,464 votes</a>) <a href="reviews">310 reviews</a></div>',
        "en",
        {"rating": {"value": 8.1, "best": 10.0, "worst": 0, "count": 21464}},
    ),
    # Label and value blocks side by side: each label's value is its own block, up to the next label of the
    # same class (one not in LABELS: "muzyka") or the next known label.
    (
        '<div class="info"><div class="info__head">reżyseria</div><div class="info__value"><a href="/p/1">Michael'
        ' Powell</a></div><div class="info__head">muzyka</div><div class="info__value"><a href="/p/3">Brian'
        ' Easdale</a></div><div class="info__head">gatunek</div><div class="info__value"><a>Dramat</a> /'
        ' <a>Romans</a></div><div class="info__head">produkcja</div><div class="info__value"><a>Wielka'
        " Brytania</a></div></div>",
        "pl",
        {"directors": [{"name": "Michael Powell"}], "genres": ["Dramat", "Romans"], "countries": ["Wielka Brytania"]},
    ),
    (
        "<div><span>Regie</span><div><a>Michael Powell</a></div><span>Genre</span><div>Drama</div></div>",
        "de",
        {"directors": [{"name": "Michael Powell"}], "genres": ["Drama"]},
    ),
    # A heading alone beside its label in their block is the value; a heading after a label with more around
    # them is a section's.
    (
        '<div class="item"><span class="what">Originaltitel</span> <h2 class="that">The Red Shoes</h2></div>',
        "de",
        {"original_title": "The Red Shoes"},
    ),
    ("<div><span>Originaltitel</span><h2>Kritik</h2><p>Lang und schön.</p></div>", "de", {}),
    # "Label: value" lines broken by <br>, the label in the line's own text: each line is its label's.
    (
        '<div class="credits">rendező: <a href="/p/1">Michael Powell</a>, <a href="/p/2">Emeric Pressburger</a><br>'
        'zeneszerző: <a href="/p/3">Brian Easdale</a><br>szereplő(k): <a href="/p/4">Moira Shearer</a> (Victoria'
        ' Page), <a href="/p/5">Anton Walbrook</a></div>',
        "hu",
        {
            "directors": [{"name": "Michael Powell"}, {"name": "Emeric Pressburger"}],
            "cast": [{"name": "Moira Shearer", "order": 1}, {"name": "Anton Walbrook", "order": 2}],
        },
    ),
    ("<p>Laufzeit: 133 Min.<br>Land: Großbritannien</p>", "de", {"runtime_minutes": 133, "runtime_raw": "133 Min."}),
    # a label in running text, after other words of the line, is none
    ("<p>We met the director: Michael Powell was there.<br>More soon.</p>", "en", {}),
    # Certificates by country: the United States entry, its notes left out.
    (
        "<div><h5>Certification:</h5> Argentina:13 (original rating) | Canada:PG | UK:PG | USA:PG | "
        "West Germany:12</div>",
        "en",
        {"certificate": {"code": "PG", "normalized": "PG", "country": "US"}},
    ),
    (
        "<dl><dt>Certificate</dt><dd>Australia:M (some episodes) | UK:12 (season 1) | USA:TV-14 (some episodes) | "
        "USA:TV-PG (some episodes)</dd></dl>",
        "en",
        {"certificate": {"code": "TV-14", "normalized": "TV-14", "country": "US"}},
    ),
]


@pytest.mark.parametrize(("markup", "lang", "fields"), VALUE_CASES, ids=[c[0][:40] for c in VALUE_CASES])
def test_a_labelled_value_should_be_read_through_the_normalisers(
    markup: str, lang: str, fields: dict[str, Any]
) -> None:
    facts = read_labels(page(markup, lang))
    read = {name: value for name, value in facts.fields.items() if name in fields}
    if "rating" in read:
        read["rating"] = {k: (float(v) if k in ("value", "best") else v) for k, v in read["rating"].items()}
    assert read == fields


def test_film_properties_printed_outside_any_item_should_be_read_as_labels() -> None:
    markup = (
        '<ul><li itemprop="director"><a>Michael Powell</a> and <a>Emeric Pressburger</a></li>'
        '<li itemprop="dateCreated">1948</li><li itemprop="duration">134 minutes</li></ul>'
    )
    fields = read_labels(page(markup)).fields
    assert fields.get("directors") == [{"name": "Michael Powell"}, {"name": "Emeric Pressburger"}]
    assert (fields.get("year"), fields.get("runtime_minutes")) == (1948, 134)
    # inside an item, they are the item's (the microdata reader's), not the page's labels
    inside = (
        '<div itemscope itemtype="https://schema.org/Event"><span itemprop="director">Ann Vale</span>'
        '<span itemprop="dateCreated">1948</span></div>'
    )
    assert read_labels(page(inside)).fields == {}


def test_a_few_words_under_a_plot_label_should_be_no_plot() -> None:
    assert "plot" not in read_labels(page("<dl><dt>Plot</dt><dd>Coming soon</dd></dl>")).fields


_WHOLE = "A young dancer joins a ballet company and is torn between her art and the composer she loves."
SHORTENED_PLOTS = [
    # the shortened copy the page shows, then the whole text it shows on "More"
    (
        '<span class="label">Synopsis:</span> <span>A young dancer joins a ballet company and is torn...</span>'
        f' <span style="display: none">{_WHOLE}</span> <a href="#">[More]</a>',
        _WHOLE,
    ),
    ("<b>Plot:</b> A young dancer joins a ballet company… " + _WHOLE, _WHOLE),
    # an ellipsis inside a plot that does not start it anew is the plot's own
    (
        "<b>Plot:</b> A dancer waits... and waits, until the curtain rises on her.",
        "A dancer waits... and waits, until the curtain rises on her.",
    ),
]


@pytest.mark.parametrize(("markup", "plot"), SHORTENED_PLOTS, ids=[c[0][:40] for c in SHORTENED_PLOTS])
def test_a_plot_printed_shortened_then_whole_should_be_the_whole_text(markup: str, plot: str) -> None:
    assert read_labels(page(f"<p>{markup}</p>")).fields["plot"] == plot


def test_a_value_the_normalisers_refuse_should_keep_its_raw_text() -> None:
    facts = read_labels(page("<dl><dt>Runtime</dt><dd>feature length</dd><dt>Release date</dt><dd>soon</dd></dl>"))
    assert "runtime_minutes" not in facts.fields and "release_date" not in facts.fields
    assert facts.unparsed == {"runtime_minutes": "feature length", "release_date": "soon"}


@pytest.mark.parametrize(
    "block",
    [
        "<nav><b>Director:</b> Somebody Else</nav>",
        "<header><dl><dt>Director</dt><dd>Somebody Else</dd></dl></header>",
        "<aside><table><tr><td>Director</td><td>Somebody Else</td></tr></table></aside>",
        '<div class="sidebar"><b>Director:</b> Somebody Else</div>',
        '<div id="footer"><dl><dt>Director</dt><dd>Somebody Else</dd></dl></div>',
        # a recommended film's credits ("More like this")
        '<div id="title_recs"><div class="rec-director rec-ellipsis"><b>Director:</b> Somebody Else</div></div>',
        '<section class="similar-films"><p><span>Director:</span> Somebody Else</p></section>',
    ],
)
def test_labels_in_navigation_sidebars_and_footers_should_not_be_read(block: str) -> None:
    assert read_labels(page(block)).fields == {}


@pytest.mark.parametrize(
    "block",
    [
        # a <nav> left open by broken markup closes only at the page's end: it holds the page's content
        '<nav><a href="/">Home</a><div role="main"><h1>Salt Road</h1><p><b>Runtime:</b> 96 min</p></div></nav>',
        '<div id="nav_shadow_bg"><h1>Salt Road</h1><p><b>Runtime:</b> 96 min</p></div>',
        # a slide-out menu's layout around the page's content block (Shikimori, 2024)
        '<div class="menu-slide-outer"><div class="menu-slide-inner"><div class="l-content">'
        "<p><b>Runtime:</b> 96 min</p></div></div></div>",
        # a <header> inside an article, or holding the main content's <h1>, heads it: the film's title and facts
        "<main><header><h1>Salt Road</h1><dl><dt>Runtime</dt><dd>96 min</dd></dl></header></main>",
        '<article><header class="film-header"><h1>Salt Road</h1><p><b>Runtime:</b> 96 min</p></header></article>',
        # a block marked up as the film's item holds its facts (AniDB, 2024: a layout "with a sidebar")
        '<div class="g_content anime_all sidebar" itemscope itemtype="https://schema.org/TVSeries">'
        "<table><tr><th>Runtime</th><td>96 min</td></tr></table></div>",
    ],
)
def test_a_block_holding_the_pages_content_should_be_read_whatever_it_is_named(block: str) -> None:
    assert read_labels(page(block)).fields == {"runtime_minutes": 96, "runtime_raw": "96 min"}


# What the reader looks at, as XPath states it; the reader finds the same elements in one walk over the tree.
# A block holding the page's <main> (or role="main") is not outside, whatever it is; a block named outside that
# holds the page's <h1> is not outside either, nor a <header> inside an <article>, or inside the main content
# holding the <h1>.
_CONTENT = ".//main or .//*[@role='main']"
# A block marked up as a film's microdata item holds the film's facts, whatever it is named.
_FILM_ITEM = (
    "@itemscope and (contains(@itemtype, '/Movie') or contains(@itemtype, '/TVSeries') or "
    "contains(@itemtype, '/TVSeason') or contains(@itemtype, '/TVEpisode'))"
)
# A block whose id or one of its classes names the page's content ("l-content") is the content: a block around it
# named outside is the page's layout ("menu-slide-outer").
_NAMED_CONTENT = " or ".join(
    f".//*[@id='{name}' or contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    for name in ("content", "l-content", "main-content", "page-content", "maincontent", "pagecontent")
)
_OUTSIDE = (
    "ancestor::*[(self::nav or (self::header and not(ancestor::article or ((ancestor::main or "
    "ancestor::*[@role='main']) and .//h1))) or self::footer or self::aside or @role='navigation' or "
    f"@role='banner' or @role='contentinfo' or @role='complementary') and not({_CONTENT})] or "
    "ancestor::script or ancestor::style or ancestor-or-self::*[not(self::p or self::span)][(contains(@id, 'nav') or contains(@id, 'menu') or "
    "contains(@id, 'sidebar') or contains(@id, 'footer') or contains(@class, 'nav') or "
    "contains(@class, 'menu') or contains(@class, 'sidebar') or contains(@class, 'footer') or "
    "contains(@id, 'recs') or contains(@class, 'rec_') or contains(@class, 'rec-') or "
    "contains(@class, 'recommend') or contains(@class, 'similar') or contains(@class, 'more-like')) and "
    f"not({_CONTENT} or .//h1 or {_NAMED_CONTENT} or {_FILM_ITEM})]"
)
CANDIDATE_QUERIES = {
    "terms": f"//dt[not({_OUTSIDE})]",
    "rows": f"//tr[count(th | td) = 2][not({_OUTSIDE})]",
    "labels": "//*[self::b or self::strong or self::span or self::label or self::h4 or self::h5 or self::em"
    " or self::th or self::div or self::p or self::li"
    # a link opening its item, a block after it: "<li><a>Release date</a><div>...</div></li>"
    " or self::a[not(preceding-sibling::*)][not(../node()[1][self::text()][normalize-space()])]"
    "[following-sibling::*[1][self::div or self::ul]][not(following-sibling::node()[1][self::text()][normalize-space()])]"
    f"][not({_OUTSIDE})][string-length(normalize-space()) < 40]"
    # Not in a term, a definition (of a list with terms) or a table, unless a layout cell is nearer: one holding
    # blocks, its row's only one, or the second of two whose first is short and no label (none of the random
    # texts is one).
    "[not(ancestor::*[self::dt or (self::dd and ../dt) or self::table or ((self::td or self::th) and (div or p or li"
    " or ul or parent::tr[count(*) = 1] or (parent::tr[count(*) = 2] and preceding-sibling::*[1][self::td or self::th]"
    "[string-length(normalize-space()) <= 40])))][1][self::dt or self::dd or self::table])]",
    "lines": "//*[self::li or self::p or self::div or self::span][not(*[self::div or self::p or self::li or "
    f"self::ul])][not({_OUTSIDE})][string-length(normalize-space()) < 300]",
    "boxes": "//*[self::li or self::p or self::div or self::span][*[self::div or self::p or self::li or "
    f"self::ul]][not({_OUTSIDE})][string-length(normalize-space()) < 300]",
}
_TAGS = (
    "div span p li ul b em dt dd dl table tr td th nav header footer aside script style label h4 section a br main h1"
    " article"
)
_MARKS = [
    "x",
    "navbar",
    "main-menu",
    "sidebar",
    "foot",
    "footer",
    "content",
    "canvas",
    "recs",
    "rec_item",
    "similar",
    "l-content",
    "menu-slide-outer",
]
_TEXTS = ["", " ", "\n  \t", "Runtime: 133 min", "Rated R", "\xa0\xa0", "8.3/10 from 21,464 users", "a" * 35, "b " * 30]


def _random_markup(rng: Any, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(0, 4 if depth < 6 else 0)):
        roll = rng.random()
        if roll < 0.3:
            parts.append(rng.choice(_TEXTS) if roll < 0.25 else "<!-- note -->")
            continue
        tag = rng.choice(_TAGS.split())
        attributes = f' class="{rng.choice(_MARKS)}"' if rng.random() < 0.3 else ""
        attributes += f' id="{rng.choice(_MARKS)}"' if rng.random() < 0.15 else ""
        attributes += f' role="{rng.choice(["navigation", "banner", "main"])}"' if rng.random() < 0.1 else ""
        if rng.random() < 0.1:
            attributes += f' itemscope itemtype="https://schema.org/{rng.choice(["TVSeries", "Movie", "Person"])}"'
        parts.append("<br>" if tag == "br" else f"<{tag}{attributes}>{_random_markup(rng, depth + 1)}</{tag}>")
    return "".join(parts)


@pytest.mark.parametrize("seed", range(150))
def test_the_elements_read_should_be_those_the_xpath_definitions_select(seed: int) -> None:
    import random

    from crawler.core.parsers.generic.labels import MAX_LABEL_LINE, MAX_LOOSE_LINE, _candidates, _shorter_than

    sel = Selector(text=f"<html><body>{_random_markup(random.Random(seed))}</body></html>")
    found = _candidates(sel.root)
    walked = {
        "terms": found.terms,
        "rows": found.rows,
        "labels": [element for element in found.labels if _shorter_than(element, MAX_LABEL_LINE)],
        "lines": [element for element in found.lines if _shorter_than(element, MAX_LOOSE_LINE)],
        "boxes": [element for element in found.boxes if _shorter_than(element, MAX_LOOSE_LINE)],
    }
    assert walked == {name: [node.root for node in sel.xpath(query)] for name, query in CANDIDATE_QUERIES.items()}


def test_only_the_labels_of_the_fields_asked_for_should_be_read() -> None:
    markup = "<dl><dt>Runtime</dt><dd>133 min</dd><dt>Release date</dt><dd>6 September 1948</dd></dl><p>Rated PG</p>"
    assert set(read_labels(page(markup), fields={"runtime_minutes"}).fields) == {"runtime_minutes", "runtime_raw"}
    assert set(read_labels(page(markup)).fields) >= {"runtime_minutes", "release_date", "certificate"}


@pytest.mark.parametrize("placeholder", ['View <a href="/pro/cast">preliminary cast</a>', "Show all credits"])
def test_a_link_standing_where_credits_will_be_should_not_be_a_name(placeholder: str) -> None:
    facts = read_labels(page(f'<div class="credit_summary_item"><h4 class="inline">Cast:</h4> {placeholder}</div>'))
    assert "cast" not in facts.fields


@pytest.mark.parametrize(
    ("fields", "walked"),
    [
        ({"end_year", "title_kind"}, False),  # no label names them
        ({"end_year", "original_title"}, True),
        ({"title_kind", "certificate"}, True),  # an unlabelled "Rated R" is looked for
        ({"rating"}, True),
        (None, True),
    ],
)
def test_the_page_should_be_walked_only_for_fields_a_label_can_give(
    monkeypatch: pytest.MonkeyPatch, fields: set[str] | None, walked: bool
) -> None:
    from crawler.core.parsers.generic import labels

    walks: list[Any] = []
    walk = labels._candidates

    def counting(root: Any, **options: Any) -> Any:
        walks.append(root)
        return walk(root, **options)

    monkeypatch.setattr(labels, "_candidates", counting)
    read_labels(page("<dl><dt>Original title</dt><dd>Les Chaussons rouges</dd></dl><p>Rated PG</p>"), fields)
    assert bool(walks) is walked


@pytest.mark.parametrize(
    ("fields", "lines"),
    [
        ({"genres", "original_title"}, False),
        ({"runtime_minutes", "original_title"}, True),  # "97 mins" alone in a line
        ({"genres", "certificate"}, True),
        (None, True),
    ],
)
def test_unlabelled_lines_should_be_looked_for_only_for_a_certificate_a_rating_or_a_runtime(
    monkeypatch: pytest.MonkeyPatch, fields: set[str] | None, lines: bool
) -> None:
    from crawler.core.parsers.generic import labels

    walk = labels._candidates
    found: list[Any] = []

    def recording(root: Any, **options: Any) -> Any:
        candidates = walk(root, **options)
        found.append(candidates)
        return candidates

    monkeypatch.setattr(labels, "_candidates", recording)
    read_labels(page("<dl><dt>Runtime</dt><dd>133 min</dd><dt>Genre</dt><dd>Drama</dd></dl><p>Rated PG</p>"), fields)
    assert bool(found[0].lines) is lines


_PLOT = "A ballerina is torn between love and art. " * 3
_STATE = (
    '<script id="__NEXT_DATA__" type="application/json">{"originalTitleText": {"text": "Original title"}, "plot":'
    f' "{_PLOT}"}}</script>'
)
_LONG = "Original title " + "and a paragraph that goes on " * 5


@pytest.mark.parametrize(
    ("body", "walks", "original_title"),
    [
        # no label of the field in the page's text: the page is not walked
        ("<dl><dt>Director</dt><dd>Michael Powell</dd></dl>", 0, None),
        # the label's words only in the page state and in a paragraph: no label element can hold them
        (f"{_STATE}<p>{_LONG}</p><dl><dt>Director</dt><dd>Michael Powell</dd></dl>", 0, None),
        ("<dl><dt>Original title</dt><dd>Die roten Schuhe</dd></dl>", 1, "Die roten Schuhe"),
        ("<dl><dt>ORIGINAL\n   TITLE:</dt><dd>Die roten Schuhe</dd></dl>", 1, "Die roten Schuhe"),
        ("<dl><dt>Original <b>title</b></dt><dd>Die roten Schuhe</dd></dl>", 1, "Die roten Schuhe"),
        ("<p><b>Original&nbsp;title:</b> Die roten Schuhe</p>", 1, "Die roten Schuhe"),
        # decomposed and invisible characters are read as the label reader cleans them
        ("<dl><dt>Titre orig\u200binal</dt><dd>Les Chaussons rouges</dd></dl>", 1, "Les Chaussons rouges"),
        ("<dl><dt>Título original</dt><dd>Las zapatillas rojas</dd></dl>", 1, "Las zapatillas rojas"),
        ("<dl><dt>Ti\u0301tulo original</dt><dd>Las zapatillas rojas</dd></dl>", 1, "Las zapatillas rojas"),
        # a mark opening an element of its own joins no letter: the walk reads "Ti \u0301tulo", no label
        ("<dl><dt>Ti<b>\u0301</b>tulo original</dt><dd>Las zapatillas rojas</dd></dl>", 0, None),
        ("<dl><dt>Titre <b>\u200b</b>original</dt><dd>Les Chaussons rouges</dd></dl>", 1, "Les Chaussons rouges"),
    ],
)
def test_labels_should_be_walked_for_only_where_the_page_prints_one_of_the_fields(
    monkeypatch: pytest.MonkeyPatch, body: str, walks: int, original_title: str | None
) -> None:
    from crawler.core.parsers.generic import labels

    walked: list[Any] = []
    walk = labels._candidates

    def counted(root: Any, **kwargs: Any) -> Any:
        walked.append(root)
        return walk(root, **kwargs)

    monkeypatch.setattr(labels, "_candidates", counted)
    facts = read_labels(page(body), {"original_title"})
    assert facts.fields.get("original_title") == original_title
    assert len(walked) == walks


PLOT = "Two ferrymen lose their crossing to a new bridge and take the coast road."
# (markup, language, plot)
SECTION_PLOT_CASES: list[tuple[str, str, str | None]] = [
    (f"<h2>Plot</h2><p>{PLOT}</p><h2>Cast</h2>", "en", PLOT),
    # an encyclopedia's heading in a wrapper with its edit link; citation marks are no part of the plot
    (
        '<div class="heading"><h2 id="Plot">Plot</h2><span class="edit">[<a href="?edit=1">edit</a>]</span></div>'
        f'<figure><img src="a.png"></figure><p>{PLOT}<sup class="reference">[1]</sup></p>',
        "en",
        PLOT,
    ),
    (
        '<h2><span class="headline">Handlung</span><span>[Bearbeiten | Quelltext bearbeiten]</span></h2>'
        "<p>Zwei Fährmänner verlieren ihre Überfahrt an eine neue Brücke.</p>",
        "de",
        "Zwei Fährmänner verlieren ihre Überfahrt an eine neue Brücke.",
    ),
    # a section without a paragraph of its own: the next section's is not its plot
    (f"<h2>Plot</h2><ul><li>TBA</li></ul><h2>Reception</h2><p>{PLOT}</p>", "en", None),
    # a storyline is a page's long synopsis, not its plot
    (f"<h2>Storyline</h2><p>{PLOT}</p>", "en", None),
    # the heading's edit link before its label, the text marked as the item's description after it
    # (MyAnimeList, 2016)
    (
        '<table><tr><td><h2><div class="floatRightHeader"><a href="/edit?t=synopsis">Edit</a></div>Synopsis</h2>'
        f'<span itemprop="description">{PLOT}</span><h2>Background</h2></td></tr></table>',
        "en",
        PLOT,
    ),
]


@pytest.mark.parametrize(("markup", "lang", "plot"), SECTION_PLOT_CASES, ids=[c[0][:40] for c in SECTION_PLOT_CASES])
def test_the_first_paragraph_of_a_plot_section_should_be_the_plot(markup: str, lang: str, plot: str | None) -> None:
    assert read_labels(page(markup, lang)).fields.get("plot") == plot


# (crew cards, directors and writers read)
CREDIT_CARD_CASES: list[tuple[str, dict[str, Any]]] = [
    (
        '<ol class="people"><li><p><a href="/p/1">Ann Vale</a></p><p class="job">Director, Screenplay</p></li>'
        '<li><p><a href="/p/2">Tom Reyes</a></p><p class="job">Writer</p></li>'
        '<li><p><a href="/p/3">Rosa Lind</a></p><p class="job">Characters</p></li></ol>',
        {"directors": [{"name": "Ann Vale"}], "writers": [{"name": "Ann Vale"}, {"name": "Tom Reyes"}]},
    ),
    # a cast card's character is no job, whatever its name
    ('<ul><li><p><a href="/p/4">Ben Hollis</a></p><p class="character">The Miller</p></li></ul>', {}),
    # a card of two links is not one person's
    ('<ul><li><p><a href="/f/1">Tide Mill</a> <a href="/f/2">Salt Road</a></p><p>Director</p></li></ul>', {}),
    # a search page's categories: the note in brackets names what the link finds, nobody's jobs
    (
        '<ul><li><a href="/find?q=mill&amp;s=tt">Titles</a> <span>(movies, TV, episodes)</span></li>'
        '<li><a href="/find?q=mill&amp;s=nm">Names</a> <span>(actor, writer, director, etc)</span></li></ul>',
        {},
    ),
]


@pytest.mark.parametrize(("markup", "fields"), CREDIT_CARD_CASES, ids=[c[0][:40] for c in CREDIT_CARD_CASES])
def test_crew_cards_should_give_each_job_its_names(markup: str, fields: dict[str, Any]) -> None:
    facts = read_labels(page(markup))
    assert {name: value for name, value in facts.fields.items() if name in ("directors", "writers")} == fields


# (the page's lines, the runtime read from them without a label)
LOOSE_RUNTIME_CASES = [
    (["<p>97 mins &nbsp; More at <a href='#'>the archive</a></p>"], 97),
    (['<div class="origin">UK <span>•</span> 1948 <span>•</span> 133 min (alternative 136 min)</div>'], 133),
    (["<p>1h 52m</p>"], 112),
    (["<p>2 hrs 13 mins</p>"], 133),
    # the same runtime twice is one runtime
    (["<p>133 min</p>", "<span>133 min</span>"], 133),
    # two runtimes: one may be an episode's or another film's
    (["<p>133 min</p>", "<p>96 min</p>"], None),
    # minutes that are no film's length
    (["<p>5 min read</p>"], None),
    (["<p>Posted 20 mins ago</p>"], None),
    (["<p>Trailer (2 min)</p>"], None),
    (["<p>Budget $52m</p>"], None),
    (["<p>10:30 min</p>"], None),
    # hours in the page's language: the minutes alone are not the runtime
    (["<div>2 godz. 13 min.</div>"], 133),
    (["<div>2 часа 13 мин</div>"], 133),
    (["<div>2 heurez 13 min</div>"], None),
    # a long line is running text, not a fact
    ([f"<p>{'The crew walked for hours. ' * 4}It runs 97 min.</p>"], None),
]


@pytest.mark.parametrize(("lines", "minutes"), LOOSE_RUNTIME_CASES, ids=[c[0][0][:40] for c in LOOSE_RUNTIME_CASES])
def test_a_runtime_printed_alone_should_be_read_only_where_the_page_prints_one(
    lines: list[str], minutes: int | None
) -> None:
    facts = read_labels(page("<h1>The Red Shoes</h1>" + "".join(lines)), fields={"runtime_minutes"})
    assert facts.fields.get("runtime_minutes") == minutes


# (the page's images, the certificate read from them)
BADGE_CASES = [
    ('<img alt="PG-13" src="/images/certificates/us/pg_13.png">', "PG-13"),
    ('<img title="UNRATED" alt="" src="/img/mpaa/unrated.gif">', "UNRATED"),
    ('<img alt="FSK 12" class="fsk-logo" src="/logo.svg">', "12"),
    # the same badge twice is one certificate
    ('<img alt="R" src="/certificates/r.png"><img alt="R" src="/certificates/r-small.png">', "R"),
    # two different badges: two countries' or two films'
    ('<img alt="PG" src="/certificates/uk/pg.png"><img alt="R" src="/certificates/us/r.png">', None),
    # an image that is no badge, and a badge that names no certificate
    ('<img alt="R" src="/posters/r.jpg">', None),
    ('<img alt="Certified Fresh" src="/certificates/fresh.png">', None),
    # a badge in the page's furniture
    ('<nav><img alt="PG" src="/certificates/pg.png"></nav>', None),
]


@pytest.mark.parametrize(("images", "certificate"), BADGE_CASES, ids=[c[0][:40] for c in BADGE_CASES])
def test_a_certificate_shown_as_a_badge_should_be_read_where_the_page_shows_one(
    images: str, certificate: str | None
) -> None:
    facts = read_labels(page(f"<h1>The Red Shoes</h1><div class='infobar'>{images} 133 min</div>"), {"certificate"})
    assert (facts.fields.get("certificate") or {}).get("normalized") == certificate


# (elements classed for a field, the fields read from them)
CLASSED_CASES = [
    (
        '<div class="genres"><a href="/g/1">Drama</a> • <a href="/g/2">Romance</a></div>',
        {"genres": ["Drama", "Romance"]},
    ),
    ('<span class="genre">Drama, Music</span>', {"genres": ["Drama", "Music"]}),
    ('<span class="runtime">2h 13m</span>', {"runtime_minutes": 133}),
    ('<p class="film-genres-note">Drama</p>', {}),  # a class that only contains the word
    # each row of a list classes its own film's genres: different values, no genres
    ('<li><span class="genre">Drama</span></li><li><span class="genre">Comedy</span></li>', {}),
    # a label wins over a class
    ('<dl><dt>Genre</dt><dd>Musical</dd></dl><div class="genres"><a>Drama</a></div>', {"genres": ["Musical"]}),
    # in the page's furniture
    ('<nav><div class="genres"><a href="/g/1">Drama</a><a href="/g/2">Comedy</a></div></nav>', {}),
    # an age rating in a block classed for it, in the page's own words
    (
        '<div class="age-restriction"><p>Nevhodný mládeži do 15 let</p></div>',
        {"certificate": {"code": "Nevhodný mládeži do 15 let", "normalized": None, "country": None}},
    ),
    (
        '<span class="certificate">PG-13</span>',
        {"certificate": {"code": "PG-13", "normalized": "PG-13", "country": None}},
    ),
    # each row its own film's
    ('<li><span class="certificate">PG</span></li><li><span class="certificate">R</span></li>', {}),
    # a score is no age rating
    ('<span class="rating">8.1</span>', {}),
]


@pytest.mark.parametrize(("markup", "fields"), CLASSED_CASES, ids=[c[0][:40] for c in CLASSED_CASES])
def test_a_fact_printed_in_an_element_classed_for_it_should_be_read_where_the_page_prints_one(
    markup: str, fields: dict[str, Any]
) -> None:
    read = ("genres", "runtime_minutes", "certificate")
    facts = read_labels(page(f"<h1>The Red Shoes</h1>{markup}"), read)
    assert {name: facts.fields[name] for name in read if name in facts.fields} == fields


@pytest.mark.parametrize(
    ("markup", "runtime"),
    [
        ('<p class="text-link text-footer">97 mins &nbsp; More at <a href="#">the archive</a></p>', 97),
        ('<span class="nav-note">Runtime: 97 min</span>', 97),
        # a block named for the page's furniture stays outside, and so does what it holds
        ('<div class="site-footer"><p>97 mins</p></div>', None),
    ],
)
def test_a_paragraph_styled_as_a_footer_should_be_no_page_furniture(markup: str, runtime: int | None) -> None:
    assert (
        read_labels(page(f"<h1>Sweet Road</h1>{markup}"), {"runtime_minutes"}).fields.get("runtime_minutes") == runtime
    )


def test_a_certificate_list_without_a_us_entry_should_give_no_certificate() -> None:
    # Which of the other countries' certificates the page means is not said: the list is kept as raw text.
    facts = read_labels(page("<dl><dt>Certificate</dt><dd>Canada:PG | UK:12A | Norway:11</dd></dl>"))
    assert "certificate" not in facts.fields
    assert facts.unparsed["certificate"] == "Canada:PG | UK:12A | Norway:11"


# (markup, the countries read from the page's origin line)
ORIGIN_CASES: list[tuple[str, list[str] | None]] = [
    # pieces parted by empty bullet elements, a second runtime in brackets
    (
        '<div class="origin">USA <span class="bullet"></span> <span>1999 <span class="bullet"></span></span>'
        "136 min (Alternative 131 min)</div>",
        ["USA"],
    ),
    ("<p>Velká Británie / USA, 1948, 133 min</p>", ["Velká Británie", "USA"]),
    ("<p>UK • 1948 • Drama • 133 min</p>", ["UK"]),
    # what stands before the year is no country: genres, a city
    ("<p>Drama, Romance, 1948, 133 min</p>", None),
    ("<p>London, 1948, 133 min</p>", None),
    # no runtime after the year, or no year
    ("<p>USA, 1999</p>", None),
    ("<p>USA, 136 min</p>", None),
    # two films' lines: a list's rows
    ("<ul><li>USA, 1999, 136 min</li><li>UK, 1948, 133 min</li></ul>", None),
]


@pytest.mark.parametrize(("markup", "countries"), ORIGIN_CASES, ids=[c[0][:40] for c in ORIGIN_CASES])
def test_an_origin_line_should_give_the_countries_before_the_year(markup: str, countries: list[str] | None) -> None:
    facts = read_labels(page(f"<h1>The Red Shoes</h1>{markup}"))
    assert facts.fields.get("countries") == countries


@pytest.mark.parametrize(
    "heading",
    [
        # the role printed twice, full and abbreviated, as Letterboxd's crew tab does since 2024
        '<h3><span class="crewrole -full">{label}</span> <span class="crewrole -short">{label}</span></h3>',
        # the copy naming the same field in other words
        '<h3><span class="crewrole -full">{label}</span> <span class="crewrole -short">{label}s</span></h3>',
        # the heading holding its label alone
        "<h3><span>{label}</span></h3>",
    ],
)
def test_a_heading_repeating_its_label_should_take_the_names_after_it(heading: str) -> None:
    markup = (
        heading.format(label="Writer")
        + '<div class="text-sluglist"><p><a href="/writer/emeric-pressburger/">Emeric Pressburger</a></p></div>'
        + heading.format(label="Director")
        + '<div class="text-sluglist"><p><a href="/director/michael-powell/">Michael Powell</a></p></div>'
    )
    facts = read_labels(page(markup)).fields
    assert facts["writers"] == [{"name": "Emeric Pressburger"}]
    assert facts["directors"] == [{"name": "Michael Powell"}]


# (markup, the genres read): genres printed as links to each genre's page, without a label or a class naming them
GENRE_LINKS: list[tuple[str, list[str] | None]] = [
    (
        '<div class="c1"><a href="/zanry/1-akcni/">Akční</a> <span class="c2"></span> '
        '<a href="/zanry/7-sci-fi/">Sci-Fi</a> / <a href="/zanry/8-thriller/">Thriller</a></div>',
        ["Akční", "Sci-Fi", "Thriller"],
    ),
    (
        '<ul class="c1"><li><a href="/films/genre/drama/">Drama</a></li><li><a href="/films/genre/music/">Music</a></li></ul>',
        ["Drama", "Music"],
    ),  # fmt: skip
    (
        '<p><a href="/search/title/?genres=drama">Drama</a> | <a href="/search/title/?genres=romance">Romance</a></p>',
        ["Drama", "Romance"],
    ),  # fmt: skip
    # the film's header and its details print the same genres
    ('<p><a href="/genre/drama">Drama</a></p><div><a href="/genre/drama">Drama</a></div>', ["Drama"]),
    # two blocks printing different genres are two films' (or a menu's)
    ('<p><a href="/genre/drama">Drama</a></p><div><a href="/genre/horror">Horror</a></div>', None),
    # a sentence around the link, a link to every genre, a menu of many genres
    ('<p>More <a href="/genre/drama">Drama</a> films this week</p>', None),
    ('<p><a href="/genre/all">Genres</a></p>', None),
    ("<div>" + "".join(f'<a href="/genre/{g}">{g}</a> ' for g in "abcdefghi") + "</div>", None),
    # the index of genres and other links are no genre's page
    ('<p><a href="/genres/">Drama</a>, <a href="/general/x">Music</a></p>', None),
]


@pytest.mark.parametrize(("markup", "genres"), GENRE_LINKS, ids=[c[0][:40] for c in GENRE_LINKS])
def test_genres_linked_to_their_pages_should_be_read_without_a_label(markup: str, genres: list[str] | None) -> None:
    assert read_labels(page(markup), {"genres"}).fields.get("genres") == genres


# Text nodes of every length around the longest a label's node holds: the page text the label reader looks in
# keeps exactly the nodes whose cleaned text holds few enough characters besides spaces and dots, however
# long the node is otherwise (a long run of white space, a script's JSON, prose with combining accents).
_LIMIT = labels_module._LABEL_NODE_LETTERS
NODES = [
    "Runtime:",
    "x" * _LIMIT,
    "x" * (_LIMIT + 1),
    " " * 20_000 + "Runtime:" + "\n" * 20_000,
    "." * 30_000 + "Director",
    '{"props": {"pageProps": ' + "1" * 50_000 + "}}",
    "e\u0301" * (_LIMIT // 2) + " " * 20_000,
    "e\u0301" * (_LIMIT + 3) + " " * 20_000,
    "\u1100\u1161" * (_LIMIT // 2 + 1) + " " * 20_000,  # Hangul jamo: two characters composed into one
    "\u200b" * 20_000 + "Genre",
]


@pytest.mark.parametrize("node", NODES, ids=[f"{len(n)}-{n[:10]!r}" for n in NODES])
def test_a_text_node_should_be_kept_for_labels_by_its_cleaned_letters_alone(node: str) -> None:
    cleaned = clean_text(node)
    letters = len(cleaned) - cleaned.count(".") - cleaned.count(" ")
    assert labels_module._too_long(node) == (letters > _LIMIT)


# (the page's <html lang>, its og:locale, the budget read as (amount, currency); None: refused, raw kept)
DOLLAR_PAGES: list[tuple[str, str | None, tuple[str, str] | None]] = [
    ("en", None, ("5000000", "USD")),
    ("en-US", None, ("5000000", "USD")),
    ("fr", None, ("5000000", "USD")),  # France pays in euros: its pages' "$" is the US dollar
    ("en-AU", None, None),
    ("en", "en_CA", None),
    ("es-MX", None, None),
    ("es", None, None),  # Spanish without a region: most such pages are of peso countries
    ("pt-BR", None, None),
    ("es-ES", None, ("5000000", "USD")),
    ("zh-TW", None, None),
]


@pytest.mark.parametrize(("lang", "locale", "budget"), DOLLAR_PAGES, ids=[f"{c[0]}-{c[1]}" for c in DOLLAR_PAGES])
def test_a_dollar_amount_should_be_us_dollars_only_where_the_page_has_no_dollars_of_its_own(
    lang: str, locale: str | None, budget: tuple[str, str] | None
) -> None:
    head = f'<head><meta property="og:locale" content="{locale}"></head>' if locale else ""
    sel = Selector(
        text=f'<html lang="{lang}">{head}<body><main><dl><dt>Budget</dt><dd>$5,000,000</dd></dl></main></body></html>'
    )
    facts = read_labels(sel, {"budget"})
    found = facts.fields.get("budget")
    assert (None if found is None else (str(found["amount"]), found["currency"])) == budget
    if budget is None:
        assert facts.unparsed["budget"] == "$5,000,000"


def _cards(directors: list[str], shape: str = "card") -> str:
    return "".join(
        f'<div class="{shape}"><a href="/t/{n}">Film {n}</a><div class="more"><b>Director:</b> <a href="/p/{n}">{d}</a></div></div>'
        for n, d in enumerate(directors)
    )


OTHERS = ["Carol Reed", "David Lean", "Alexander Korda", "Anthony Asquith"]
HEADER = '<div class="head"><h4>Director:</h4> <a href="/p/mp">Michael Powell</a></div>'
DETAILS = '<div class="details"><span>Director:</span> <a href="/p/mp">Michael Powell</a></div>'

# (the page's body, the directors read; None: none, the label being a list's)
OWN_BEFORE_CARDS: list[tuple[str, list[str] | None]] = [
    # the film's header (and its details) first, then a "More like this" run of cards printing their own
    (HEADER + f'<section><h2>More like this</h2><div class="row">{_cards(OTHERS)}</div></section>', ["Michael Powell"]),
    (HEADER + DETAILS + f'<div class="row">{_cards(OTHERS)}</div>', ["Michael Powell"]),
    # each card printing its director twice (a summary and a hover box) is still one card
    (
        HEADER
        + '<div class="row">'
        + "".join(
            f'<div class="card"><p><b>Director:</b> {d}</p><div class="hover"><b>Director:</b> {d}</div></div>'
            for d in OTHERS
        )
        + "</div>",
        ["Michael Powell"],
    ),
    # a page of cards only: the first is one of them
    (f'<div class="row">{_cards(["Michael Powell", *OTHERS])}</div>', None),
    # the first value printed after the run, or inside it, is no header's
    (f'<div class="row">{_cards(OTHERS)}</div>' + HEADER, None),
    # a label's block that holds the others (a value printed around other labels' blocks) is no card
    (
        HEADER
        + '<div class="row"><b>Director:</b> Carol Reed<div class="card"><b>Director:</b> David Lean</div>'
        + '<div class="card"><b>Director:</b> Alexander Korda</div></div>',
        None,
    ),
    # too few cards to tell a run from two other blocks
    (HEADER + f'<div class="row">{_cards(OTHERS[:2])}</div>', None),
    # cards of different shapes are no one run
    (HEADER + '<div class="row">' + _cards(OTHERS[:2]) + _cards(OTHERS[2:], shape="ad") + "</div>", None),
]


@pytest.mark.parametrize(("body", "directors"), OWN_BEFORE_CARDS, ids=[str(n) for n in range(len(OWN_BEFORE_CARDS))])
def test_a_label_the_page_prints_before_other_films_cards_should_be_its_own(
    body: str, directors: list[str] | None
) -> None:
    found = read_labels(page(body), {"directors"}).fields.get("directors")
    assert (None if found is None else [d["name"] for d in found]) == directors


# (markup, the certificate read): a rating board's code before what it means, as anime sites print their age
# ratings under "Rating:" (MyAnimeList, 2024); a code the normaliser does not know, or a score, is no certificate.
GLOSSED_CERTIFICATES = [
    ("<dl><dt>Rating:</dt><dd>PG-13 - Teens 13 or older</dd></dl>", {"code": "PG-13", "normalized": "PG-13"}),
    ("<dl><dt>Rated:</dt><dd>R – Restricted</dd></dl>", {"code": "R", "normalized": "R"}),
    ("<dl><dt>Rating:</dt><dd>R+ - Mild Nudity</dd></dl>", None),
    ("<dl><dt>Rating:</dt><dd>8 - Great</dd></dl>", None),
    ("<dl><dt>Rating:</dt><dd>Good - worth a look</dd></dl>", None),
]


@pytest.mark.parametrize(("markup", "certificate"), GLOSSED_CERTIFICATES, ids=[c[0] for c in GLOSSED_CERTIFICATES])
def test_a_boards_code_before_its_gloss_should_be_the_certificate(
    markup: str, certificate: dict[str, str] | None
) -> None:
    facts = read_labels(page(markup))
    read = facts.fields.get("certificate")
    assert ({"code": read["code"], "normalized": read["normalized"]} if read else None) == certificate
    assert "rating" not in facts.fields


# (printed run, release date read): a series' first showing is its release, whatever the run's end.
AIRED = [
    ("<dl><dt>Year</dt><dd>14.07.2018 until 29.09.2018</dd></dl>", "2018"),
    ("<dl><dt>Aired:</dt><dd>Oct 3, 2024 to ?</dd></dl>", "2024-10-03"),
    ("<dl><dt>Aired:</dt><dd>Apr 6, 2024 to Jun 22, 2024</dd></dl>", "2024-04-06"),
    ("<dl><dt>First aired</dt><dd>6 September 1948</dd></dl>", "1948-09-06"),
]


@pytest.mark.parametrize(("markup", "date"), AIRED, ids=[c[0] for c in AIRED])
def test_a_series_first_showing_should_be_its_release_date(markup: str, date: str) -> None:
    facts = read_labels(page(markup))
    if len(date) == 4:  # under a year's label, the year of its first date
        assert facts.fields.get("year") == int(date)
    else:
        assert facts.fields.get("release_date") == date


STAR_BOX = '<div><strong title="{title}"><span>{shown}</span></strong><span>/</span><span>10</span></div>'

# (the page's body, the rating read as (value, best, count); None: none)
TITLED_RATINGS: list[tuple[str, tuple[str, str, int] | None]] = [
    (STAR_BOX.format(title="8.3 based on 21,464 user ratings", shown="8.3"), ("8.3", "10", 21464)),
    (STAR_BOX.format(title="7,8 based on 51 188 user ratings", shown="7,8"), ("7.8", "10", 51188)),
    # a chart's rows each state their own
    (STAR_BOX.format(title="8.3 based on 21,464 user ratings", shown="8.3") * 2, None),
    # the score shown is not the one stated, or no scale follows it
    (STAR_BOX.format(title="8.3 based on 21,464 user ratings", shown="8.1"), None),
    ('<strong title="8.3 based on 21,464 user ratings">8.3</strong>', None),
    # a title saying something else
    (STAR_BOX.format(title="based on the novel by Hans Christian Andersen", shown="8.3"), None),
]


@pytest.mark.parametrize(("body", "rating"), TITLED_RATINGS, ids=[str(n) for n in range(len(TITLED_RATINGS))])
def test_a_score_stated_with_its_votes_in_its_title_should_be_the_users_rating(
    body: str, rating: tuple[str, str, int] | None
) -> None:
    found = read_labels(page(body), {"rating"}).fields.get("rating")
    assert (None if found is None else (str(found["value"]), str(found["best"]), found["count"])) == rating


# The "more" links after a value, or in its place, are left out; a word that only ends in "more" is kept whole.
MORE_LINKS = [
    (
        '<div class="txt-block"><h4 class="inline">Certificate:</h4> <span class="see-more inline">'
        '<a href="/title/tt0040725/parentalguide#certification"> See all certifications</a>&nbsp;&raquo;</span></div>',
        {},
    ),
    (
        '<div><h4>Certificate:</h4> PG <span class="see-more inline">'
        '<a href="/title/tt0040725/parentalguide#certification"> See all certifications</a>&nbsp;&raquo;</span></div>',
        {"certificate": {"code": "PG", "normalized": "PG", "country": None}},
    ),
    (
        '<p><b>Director:</b> <a href="/name/nm1/">Lionel Barrymore</a></p>',
        {"directors": [{"name": "Lionel Barrymore"}]},
    ),
    ("<p><b>Director:</b> Ann Gilmore</p>", {"directors": [{"name": "Ann Gilmore"}]}),
    ("<p><b>Country:</b> Baltimore</p>", {"countries": ["Baltimore"]}),
    ("<p><b>Directors:</b> Michael Powell ... more</p>", {"directors": [{"name": "Michael Powell"}]}),
]


@pytest.mark.parametrize(("markup", "fields"), MORE_LINKS)
def test_a_more_link_should_be_left_out_but_a_word_ending_in_more_kept(markup: str, fields: dict[str, Any]) -> None:
    facts = read_labels(page(markup))
    assert dict(facts.fields) == fields
    assert all(raw.strip() for raw in facts.unparsed.values())  # a value that was only its link left nothing


@pytest.mark.parametrize(
    "table",
    [
        # a credits table's column headings: the second names the column, it is no director
        "<table><thead><tr><th>Director</th><th>Credit</th></tr></thead>"
        "<tbody><tr><td><a href='/person/michael-powell'>Michael Powell</a></td><td>Director</td></tr></tbody></table>",
        "<table><tr><th>Principal Cast</th><th>Credit</th></tr></table>",
    ],
)
def test_a_tables_column_headings_should_not_be_read_as_a_label_and_its_value(table: str) -> None:
    facts = read_labels(page(table))
    assert "Credit" not in str(facts.fields)


_GENRES_IN_TWO_LANGUAGES = (
    '<div class="line"><div class="key">Жанры:</div><div class="value">'
    '<span class="b-tag" itemprop="genre"><span class="genre-en">Drama</span><span class="genre-ru">Драма</span></span>'
    '<span class="b-tag" itemprop="genre"><span class="genre-en">Mystery</span><span class="genre-ru">Детектив</span>'
    "</span></div></div>"
)


@pytest.mark.parametrize(("lang", "genres"), [("ru", ["Драма", "Детектив"]), ("de", ["Drama", "Mystery"])])
def test_a_genre_printed_in_two_languages_should_be_read_once_in_the_pages_language(
    lang: str, genres: list[str]
) -> None:
    assert read_labels(page(_GENRES_IN_TWO_LANGUAGES, lang)).fields.get("genres") == genres


def test_a_date_in_cyrillic_should_be_read_on_a_page_not_saying_its_language_and_its_more_link_left_out() -> None:
    markup = (
        '<div class="row"><div class="title">Премьера в мире</div><div class="value">'
        '<a href="/film/1/dates/">28 марта 2005</a>, <a href="/film/1/dates/">...</a></div></div>'
    )
    fields = read_labels(Selector(text=f"<html><body><main>{markup}</main></body></html>")).fields
    assert (fields.get("release_date"), fields.get("release_date_raw")) == ("2005-03-28", "28 марта 2005")
