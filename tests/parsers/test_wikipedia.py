"""Wikipedia film articles: what the Wikipedia parser must give from the infobox and the lead sentence."""

from __future__ import annotations

from decimal import Decimal

import pytest
from parsel import Selector

from crawler.core.extraction import selector_for
from crawler.core.parsers import wikipedia
from crawler.core.parsers.errors import PageWithoutData, UnsupportedPage
from crawler.core.parsers.wikipedia import sections
from crawler.core.parsers.wikipedia.film_article import _disambiguator_year, _money_agrees, _strip_disambiguator
from tests.fixture_cases import load_page

VECTOR_2019 = (
    "wikipedia/film_article/the-red-shoes-1948.html",
    "https://en.wikipedia.org/wiki/The_Red_Shoes_(1948_film)",
)
VECTOR_2023 = (
    "wikipedia/film_article/the-red-shoes-2025.html",
    "https://en.wikipedia.org/wiki/The_Red_Shoes_(2025_film)",
)


def parse(case: tuple[str, str]) -> dict:
    path, url = case
    records = wikipedia.parse(selector_for(load_page(path)), url=url)
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize(
    ("case", "record_id", "year"),
    [
        (VECTOR_2019, "wikipedia:The_Red_Shoes_(1948_film)", 1948),
        (VECTOR_2023, "wikipedia:The_Red_Shoes_(2025_film)", 2025),
    ],
)
def test_article_parser_should_give_the_caption_title_without_disambiguator(case, record_id, year):
    film = parse(case)
    assert (film["id"], film["title"], film["year"]) == (record_id, "The Red Shoes", year)
    assert "rating" not in film


def test_article_parser_should_read_the_visible_first_release_not_the_hidden_iso_copy():
    film = parse(VECTOR_2019)
    assert (film["release_date"], film["release_date_raw"], film["release_country"]) == (
        "1948-09-06",
        "6 September 1948 (UK)",
        "GB",
    )
    assert [(r["date"], r["country_code"]) for r in film["releases"]] == [("1948-09-06", "GB"), ("1948-10-22", "US")]


def test_article_parser_should_keep_a_festival_as_a_release_note():
    first = parse(VECTOR_2023)["releases"][0]
    assert first == {"date": "2025-08-29", "date_raw": "29 August 2025 (Venice)", "note": "Venice"}


@pytest.mark.parametrize(
    ("case", "cast"),
    [
        (VECTOR_2019, ["Anton Walbrook", "Marius Goring", "Moira Shearer", "Robert Helpmann", "Léonide Massine"]),
        (VECTOR_2023, ["Inês Carvalho", "Oskar Brandt", "Lily Achebe"]),  # <br>-separated
    ],
)
def test_article_parser_should_list_starring_in_visible_order(case, cast):
    film = parse(case)
    assert [m["name"] for m in film["cast"]] == cast
    assert [m["order"] for m in film["cast"]] == list(range(1, len(cast) + 1))


# The stars of a series with the years of their run or a note beside them: "David Duchovny (1992–1997)".
TV_SERIES_NOTES = (
    "wikipedia/tv_article/red-shoes-diaries-notes.html",
    "https://en.wikipedia.org/wiki/Red_Shoes_Diaries",
)


def test_a_note_beside_a_star_should_be_left_out_of_the_name():
    cast = parse(TV_SERIES_NOTES)["cast"]
    assert [(m["name"], m.get("id")) for m in cast] == [
        ("David Duchovny", "David_Duchovny"),
        ("Brigitte Bako", "Brigitte_Bako"),
        ("Richard Tyson", None),
    ]
    assert cast[0]["character"] == "Jake Winters"


def test_article_parser_should_link_people_to_their_articles_but_not_to_missing_pages():
    film = parse(VECTOR_2023)
    assert film["cast"][0]["url"] == "https://en.wikipedia.org/wiki/In%C3%AAs_Carvalho"
    assert "url" not in film["cast"][2]


@pytest.mark.parametrize(
    ("case", "writers"),
    [
        (
            VECTOR_2019,
            [("Emeric Pressburger", "screenplay"), ("Michael Powell", "screenplay"), ("Keith Winter", "screenplay")],
        ),
        (VECTOR_2023, [("Jon Ferris", "screenplay"), ("Mara Lindqvist", "story")]),
    ],
)
def test_article_parser_should_read_writers_with_their_credit_notes(case, writers):
    assert [(w["name"], w.get("note")) for w in parse(case)["writers"]] == writers


def test_article_parser_should_read_runtime_money_and_places():
    film = parse(VECTOR_2019)
    assert (film["runtime_minutes"], film["runtime_raw"]) == (133, "133 minutes")
    assert film["budget"] == {"amount": Decimal(505581), "currency": "GBP", "estimated": False, "raw": "£505,581"}
    assert film["box_office"]["amount"] == Decimal(5000000)
    assert (film["countries"], film["languages"]) == (["United Kingdom"], ["English"])
    assert film["external_ids"] == {"imdb": "tt0040725"}


def test_article_parser_should_leave_out_a_money_range_and_an_ambiguous_imdb_link():
    film = parse(VECTOR_2023)
    assert "budget" not in film and "external_ids" not in film


@pytest.mark.parametrize(
    ("raw", "amount", "currency", "agrees"),
    [
        ("$40 million", Decimal(40000000), "USD", True),
        ("HK$40 million", Decimal(40000000), "HKD", True),
        ("CN¥4.68 billion", Decimal(4680000000), "JPY", False),
        ("₹100 crore", Decimal(100), "INR", False),
    ],
)
def test_money_should_be_kept_only_when_it_agrees_with_the_text(raw, amount, currency, agrees):
    assert _money_agrees(raw, amount, currency) is agrees


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            "https://en.wikipedia.org/wiki/Michael_Powell_(director)",
            '<table class="infobox vcard"><tr><th>Born</th><td>1905</td></tr></table>',
        ),
        ("https://en.wikipedia.org/wiki/Special:Search", "<p>x</p>"),
        ("https://en.wikipedia.org/w/index.php?title=X", "<p>x</p>"),
    ],
)
def test_parser_should_refuse_pages_that_are_not_film_articles(url, body):
    with pytest.raises(UnsupportedPage):
        wikipedia.parse(Selector(text=f"<html><body>{body}</body></html>"), url=url)


# An article about a ballet company: its infobox names no director, and its sections' "Main article" hatnotes
# and "See also" list link other articles, which the generic list reader would take for a list of films.
BALLET_COMPANY = (
    '<h1 id="firstHeading">Ballet Lermontov</h1><div id="mw-content-text"><div class="mw-parser-output">'
    '<table class="infobox vcard"><caption class="infobox-title fn org">Ballet Lermontov</caption>'
    "<tr><th>Founded</th><td>1946</td></tr><tr><th>Founder</th><td>Boris Lermontov</td></tr></table>"
    "<p>The <b>Ballet Lermontov</b> is a touring ballet company.</p>"
    + "".join(
        f'<h2><span class="mw-headline">{name}</span></h2><div role="note" class="hatnote">Main article: '
        f'<a href="/wiki/{name.replace(" ", "_")}" title="{name}">{name}</a></div><p>{name} toured in 1948.</p>'
        for name in ("The Red Shoes ballet", "Covent Garden season", "Monte Carlo season", "Paris season")
    )
    + '<h2><span class="mw-headline">See also</span></h2><ul>'
    + "".join(
        f'<li><a href="/wiki/{name.replace(" ", "_")}" title="{name}">{name}</a></li>'
        for name in ("Ballets Russes", "Sadler's Wells Ballet", "Royal Ballet", "Ballet Rambert", "Dance company")
    )
    + "</ul></div></div>"
)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("https://en.wikipedia.org/wiki/Ballet_Lermontov", BALLET_COMPANY),
        (
            "https://fr.wikipedia.org/wiki/Moira_Shearer",
            '<div class="infobox_v3"><div class="entete">Moira Shearer</div><table><tr><th>Naissance</th>'
            '<td>17 janvier 1926</td></tr></table></div><ul><li><a href="/wiki/Les_Chaussons_rouges">Les '
            'Chaussons rouges</a> (1948)</li><li><a href="/wiki/Les_Contes_d%27Hoffmann">Les Contes d\'Hoffmann'
            "</a> (1951)</li></ul>",
        ),
    ],
)
def test_parser_should_keep_articles_about_something_else_from_the_generic_readers(url, body):
    with pytest.raises(PageWithoutData):
        wikipedia.parse(Selector(text=f"<html><body>{body}</body></html>"), url=url)


def test_an_article_about_something_else_should_give_no_record():
    from datetime import UTC, datetime

    from crawler.core.extraction import extract

    sel = Selector(text=f"<html><body>{BALLET_COMPANY}</body></html>")
    with pytest.raises(PageWithoutData):
        extract(
            sel, url="https://en.wikipedia.org/wiki/Ballet_Lermontov", site="wikipedia", scraped_at=datetime.now(UTC)
        )


def test_an_article_without_any_infobox_should_stay_open_to_the_generic_readers():
    sel = Selector(text="<html><body><h1>Hermitian matrix</h1><p>A square matrix.</p></body></html>")
    with pytest.raises(UnsupportedPage) as refusal:
        wikipedia.parse(sel, url="https://en.wikipedia.org/wiki/Hermitian_matrix")
    assert not isinstance(refusal.value, PageWithoutData)


VECTOR_2022_SECTIONS = (
    "wikipedia/film_article/the-red-shoes-1948-vector-2022.html",
    "https://en.wikipedia.org/wiki/The_Red_Shoes_(1948_film)",
)


def test_article_parser_should_give_the_infobox_stars_the_characters_of_the_cast_section():
    cast = parse(VECTOR_2022_SECTIONS)["cast"]
    assert [(m["name"], m.get("character")) for m in cast] == [
        ("Anton Walbrook", "Boris Lermontov"),  # the note after the comma is not the character
        ("Marius Goring", "Julian Craster"),
        ("Moira Shearer", "Victoria Page"),  # nor the note after a dash
        ("Robert Helpmann", "Ivan Boleslawsky"),  # nor the footnote marker
        ("Léonide Massine", None),  # a star the cast section does not list
    ]


def test_article_parser_should_read_the_plot_section_as_the_storyline_up_to_the_next_section():
    storyline = parse(VECTOR_2022_SECTIONS)["storyline"]
    assert storyline.startswith("Young dancer Victoria Page is taken into the ballet company")
    assert storyline.endswith("the man she loves.")
    assert "\n\n" in storyline and "[5]" not in storyline and "New York cinema" not in storyline


def test_article_parser_should_leave_storyline_empty_without_a_plot_section():
    assert "storyline" not in parse(VECTOR_2019)


_PLOT = "<p>Victoria Page dances.</p>"
_CAST = "<ul><li><a href='/wiki/Moira_Shearer'>Moira Shearer</a> as Victoria Page, a dancer</li></ul>"
_NEXT = "<p>Not the plot.</p>"


@pytest.mark.parametrize(
    "body",
    [
        # Vector and MonoBook until 2024: the id on a span inside the h2
        f'<h2><span class="mw-headline" id="Plot">Plot</span></h2>{_PLOT}'
        f'<h2><span class="mw-headline" id="Cast">Cast</span></h2>{_CAST}'
        f'<h2><span class="mw-headline" id="Release">Release</span></h2>{_NEXT}',
        # 2024+: the id on the h2, wrapped in div.mw-heading
        f'<div class="mw-heading mw-heading2"><h2 id="Plot">Plot</h2></div>{_PLOT}'
        f'<div class="mw-heading mw-heading2"><h2 id="Cast">Cast</h2></div>{_CAST}'
        f'<div class="mw-heading mw-heading2"><h2 id="Release">Release</h2></div>{_NEXT}',
        # Minerva (mobile): each section's content in a <section> after its heading
        f'<h2 class="section-heading"><span class="mw-headline" id="Plot">Plot</span></h2>'
        f'<section class="mf-section-1">{_PLOT}</section>'
        f'<h2 class="section-heading"><span class="mw-headline" id="Cast">Cast</span></h2>'
        f'<section class="mf-section-2">{_CAST}</section>'
        f'<h2 class="section-heading"><span class="mw-headline" id="Release">Release</span></h2>'
        f'<section class="mf-section-3">{_NEXT}</section>',
    ],
    ids=["vector", "vector-2022", "minerva"],
)
def test_sections_should_be_found_under_every_skins_headings(body):
    sel = Selector(text=f'<html><body><div class="mw-parser-output">{body}</div></body></html>')
    assert sections.plot(sel) == "Victoria Page dances."
    assert sections.characters(sel) == {"Moira Shearer": "Victoria Page"}


TV_SERIES = ("wikipedia/tv_article/red-shoes-diaries.html", "https://en.wikipedia.org/wiki/Red_Shoes_Diaries")


def test_tv_article_should_be_a_series_whose_run_is_a_span_not_a_release_date():
    series = parse(TV_SERIES)
    assert (series["title"], series["title_kind"], series["year"], series["end_year"]) == (
        "Red Shoes Diaries",
        "tv_series",
        1992,
        1997,
    )
    assert "release_date" not in series and "releases" not in series
    assert series["extraction"]["parser"] == "wikipedia/tv_article/infobox"
    assert series["cast"][0]["character"] == "Jake Winters"


def _tv_page(run: str, lead: str = "is an American television series") -> Selector:
    return Selector(
        text=(
            '<html><body><div class="mw-parser-output"><table class="infobox"><tbody>'
            '<tr><th class="infobox-above">Red Shoes Diaries</th></tr>'
            "<tr><th>No. of episodes</th><td>6</td></tr>"
            f"<tr><th>Original release</th><td>{run}</td></tr></tbody></table>"
            f"<p><b>Red Shoes Diaries</b> {lead}.</p></div></body></html>"
        )
    )


@pytest.mark.parametrize(
    ("run", "lead", "expected"),
    [
        ("July 12, 1992 – May 3, 1997", "is a series", {"year": 1992, "end_year": 1997, "title_kind": "tv_series"}),
        ("2019 – present", "is a series", {"year": 2019, "end_year": None, "title_kind": "tv_series"}),
        (
            "March 3 – April 7, 2021",
            "is a British miniseries",
            {"year": 2021, "end_year": None, "title_kind": "tv_mini_series"},
        ),
    ],
)
def test_tv_article_should_read_the_run_and_the_kind(run, lead, expected):
    series = wikipedia.parse(_tv_page(run, lead), url="https://en.wikipedia.org/wiki/Red_Shoes_Diaries")[0]
    assert {key: series.get(key) for key in expected} == expected


FILM_LIST = (
    "wikipedia/list_article/list-of-british-films-of-1948.html",
    "https://en.wikipedia.org/wiki/List_of_British_films_of_1948",
)


def test_film_list_should_give_the_italic_title_of_each_table_row_linking_an_article():
    listing = parse(FILM_LIST)
    assert (listing["type"], listing["kind"]) == ("listing", "list")
    assert [(e["title"], e["year"], e["id"]) for e in listing["entries"]] == [
        ("The Red Shoes", 1948, "wikipedia:The_Red_Shoes_(1948_film)"),  # not the italic fairy tale in its notes
        ("Oliver Twist", 1948, "wikipedia:Oliver_Twist_(1948_film)"),
        ("Hamlet", 1948, "wikipedia:Hamlet_(1948_film)"),  # a red link is not an entry
    ]  # nor the navbox's links to the neighbouring years' lists


@pytest.mark.parametrize(
    ("cells", "year"),
    [
        ("<td><i><a href='/wiki/Black_Narcissus'>Black Narcissus</a></i></td><td>1947</td>", 1947),  # its own Year cell
        ("<td><i><a href='/wiki/Black_Narcissus'>Black Narcissus</a></i></td><td>Drama</td>", None),  # no year anywhere
    ],
)
def test_film_list_years_should_come_from_the_row_or_a_one_year_lists_title(cells, year):
    sel = Selector(
        text=(
            "<html><body><h1 id='firstHeading'>List of films by Powell and Pressburger</h1>"
            f"<div class='mw-parser-output'><table class='wikitable'><tr>{cells}</tr></table>"
            "</div></body></html>"
        )
    )
    listing = wikipedia.parse(sel, url="https://en.wikipedia.org/wiki/List_of_films_by_Powell_and_Pressburger")[0]
    assert listing["entries"][0].get("year") == year


FRENCH = ("wikipedia/film_article/les-chaussons-rouges-fr.html", "https://fr.wikipedia.org/wiki/Les_Chaussons_rouges")
SPANISH = (
    "wikipedia/film_article/las-zapatillas-rojas-es.html",
    "https://es.wikipedia.org/wiki/The_Red_Shoes_(pel%C3%ADcula_de_1948)",
)


@pytest.mark.parametrize(
    ("case", "title", "countries", "cast"),
    [
        # div.infobox_v3: the title from its header, not the table's hidden "Données clés" caption
        (FRENCH, "Les Chaussons rouges", ["Royaume-Uni"], ["Anton Walbrook", "Moira Shearer", "Marius Goring"]),
        # "(película de 1948)" is a disambiguator, its year the film's
        (SPANISH, "The Red Shoes", ["Reino Unido"], ["Anton Walbrook", "Moira Shearer"]),
    ],
)
def test_infoboxes_in_other_languages_should_be_read_through_their_labels(case, title, countries, cast):
    film = parse(case)
    assert (film["title"], film["year"], film["runtime_minutes"]) == (title, 1948, 133)
    assert [d["name"] for d in film["directors"]] == ["Michael Powell", "Emeric Pressburger"]
    assert film["countries"] == countries
    assert [m["name"] for m in film["cast"]] == cast


@pytest.mark.parametrize(
    ("heading", "title", "year"),
    [
        ("The Red Shoes (1948 film)", "The Red Shoes", 1948),
        ("The Red Shoes (2025 American film)", "The Red Shoes", 2025),
        ("Les Chaussons rouges (film, 1948)", "Les Chaussons rouges", 1948),
        ("The Red Shoes (película de 1948)", "The Red Shoes", 1948),
        ("Die roten Schuhe (Film)", "Die roten Schuhe", None),
        ("The Red Shoes (fairy tale)", "The Red Shoes (fairy tale)", None),  # not a film's disambiguator
    ],
)
def test_disambiguators_should_be_stripped_in_every_language_read(heading, title, year):
    assert (_strip_disambiguator(heading), _disambiguator_year(heading)) == (title, year)


FILMOGRAPHY = (
    "wikipedia/filmography/Michael_Powell_filmography.html",
    "https://en.wikipedia.org/wiki/Michael_Powell_filmography",
)


def test_filmography_article_should_give_its_film_rows_as_a_filmography():
    listing = parse(FILMOGRAPHY)
    assert (listing["kind"], listing["title"]) == ("filmography", "Michael Powell filmography")
    # a year cell spanning two rows gives both films its year; a red link is no entry; the navbox is not read
    assert [(e["title"], e.get("year")) for e in listing["entries"]] == [
        ("A Matter of Life and Death", 1946),
        ("Black Narcissus", 1947),
        ("The Red Shoes", 1948),
        ("The Small Back Room", 1948),
        ("Peeping Tom", 1960),
    ]
    assert listing["extraction"]["parser"] == "wikipedia/filmography/wikitable"


MONOBOOK_2009 = (
    "wikipedia/film_article/black-narcissus-monobook-2009.html",
    "https://en.wikipedia.org/wiki/Black_Narcissus",
)
VECTOR_2012_LIST = (
    "wikipedia/list_article/list-of-british-films-of-1947-vector-2012.html",
    "https://en.wikipedia.org/wiki/List_of_British_films_of_1947",
)


def test_a_monobook_article_should_give_its_plot_characters_and_releases():
    film = parse(MONOBOOK_2009)
    assert (film["title"], film["year"]) == ("Black Narcissus", 1947)
    # sections marked by an empty anchor before a bare h2, as until about 2010
    assert film["storyline"].startswith("A small order of nuns")
    assert "Deborah Kerr" not in film["storyline"]
    assert [(c["name"], c["character"]) for c in film["cast"]] == [
        ("Deborah Kerr", "Sister Clodagh"),
        ("David Farrar", "Mr. Dean"),
        ("Kathleen Byron", "Sister Ruth"),
    ]
    # "Release date(s)", the label of the infobox of those years
    assert [r["date"] for r in film["releases"]] == ["1947-04-24", "1947-08-13"]


def test_a_list_of_films_of_the_vector_skin_before_2017_should_be_read():
    listing = parse(VECTOR_2012_LIST)
    assert listing["extraction"]["parser"] == "wikipedia/list_article/wikitable"
    assert [(e["title"], e["year"]) for e in listing["entries"]] == [
        ("Black Narcissus", 1947),
        ("Brighton Rock", 1947),
        ("Odd Man Out", 1947),
    ]


_INFOBOX = (
    '<table class="infobox vevent"><tr><th>Directed by</th><td>Michael Powell</td></tr>'
    "<tr><th>Country</th><td>United Kingdom</td></tr></table>"
)
_LEAD = "<p><i><b>Black Narcissus</b></i> is a 1947 British drama film.</p>"


@pytest.mark.parametrize(
    "page",
    [
        # MonoBook until 2010: a bare h1.firstHeading, the text directly in #bodyContent
        f'<h1 class="firstHeading">Black Narcissus</h1><div id="bodyContent"><h3 id="siteSub">From Wikipedia</h3>'
        f"{_INFOBOX}{_LEAD}</div>",
        # Vector and MonoBook 2010-2017: the text directly in #mw-content-text
        f'<h1 id="firstHeading" class="firstHeading">Black Narcissus</h1><div id="bodyContent">'
        f'<div id="mw-content-text">{_INFOBOX}{_LEAD}</div></div>',
        # 2017 on: inside div.mw-parser-output
        f'<h1 id="firstHeading" class="firstHeading">Black Narcissus</h1><div id="bodyContent">'
        f'<div id="mw-content-text"><div class="mw-parser-output">{_INFOBOX}{_LEAD}</div></div></div>',
        # the mobile site until about 2017: h1#section_0, the lead in div.mf-section-0
        f'<h1 id="section_0">Black Narcissus</h1><div id="bodyContent"><div id="mw-content-text">'
        f'<div class="mf-section-0">{_INFOBOX}{_LEAD}</div></div></div>',
        # the mobile site since: section.mf-section-0 inside div.mw-parser-output
        f'<h1 id="firstHeading" class="firstHeading">Black Narcissus</h1><div id="mw-content-text">'
        f'<div class="mw-parser-output"><section class="mf-section-0" id="mf-section-0">{_INFOBOX}{_LEAD}</section>'
        "</div></div>",
    ],
)
def test_the_lead_sentence_and_heading_should_be_read_in_every_skins_article_body(page):
    film = wikipedia.parse(
        Selector(text=f"<html><body>{page}</body></html>"), url="https://en.wikipedia.org/wiki/Black_Narcissus"
    )[0]
    assert (film["title"], film["year"]) == ("Black Narcissus", 1947)


MOBILE_2015 = ("wikipedia/film_article/odd-man-out-mobile-2015.html", "https://en.m.wikipedia.org/wiki/Odd_Man_Out")


def test_a_mobile_article_should_take_the_year_of_its_lead_not_of_its_first_release():
    film = parse(MOBILE_2015)
    # "is a 1947 British film noir", released in January 1948
    assert (film["id"], film["year"], film["release_date"]) == ("wikipedia:Odd_Man_Out", 1947, "1948-01-30")
    assert film["storyline"].startswith("A wounded man hides")
    assert [(c["name"], c["character"]) for c in film["cast"]] == [
        ("James Mason", "Johnny McQueen"),
        ("Robert Newton", "Lukey"),
    ]


FRENCH_2012 = ("wikipedia/film_article/le-narcisse-noir-fr-2012.html", "https://fr.wikipedia.org/wiki/Le_Narcisse_noir")


def test_a_french_article_of_the_infobox_v2_years_should_be_read_as_a_film():
    film = parse(FRENCH_2012)
    assert film["extraction"]["parser"] == "wikipedia/film_article/film_article"
    assert (film["title"], film["year"], film["runtime_minutes"]) == ("Le Narcisse noir", 1947, 100)
    assert [d["name"] for d in film["directors"]] == ["Michael Powell", "Emeric Pressburger"]
    assert [c["name"] for c in film["cast"]] == ["Deborah Kerr", "Kathleen Byron"]
