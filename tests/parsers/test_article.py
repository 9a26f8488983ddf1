"""Review articles of film blogs: the film under review, the review's own fields and its clean body text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from parsel import Selector

from crawler.core.extraction import selector_for
from crawler.core.parsers import generic
from crawler.core.parsers.article import parse_article
from crawler.core.parsers.article.film import directors_in_credits, title_from_headline
from crawler.core.parsers.article.rating import _value as rating_value
from crawler.core.parsers.page import Page
from tests.fixture_cases import load_page

SEED_002 = (
    "filmreverie/review_post/the-red-shoes-2025.html",
    "https://filmreverie.example/in-the-spotlight-of-glory-the-red-shoes-2025-reveals-the-shadows-where-"
    "ambition-becomes-obsession/",
)
FRANKS = (
    "franksmovielog/review_post/the-red-shoes-1948.html",
    "https://www.franksmovielog.com/reviews/the-red-shoes-1948/",
)
HEADLINE_002 = "In the spotlight of glory, The Red Shoes (2025) reveals the shadows where ambition becomes obsession"


def article(case: tuple[str, str], source: str) -> dict:
    path, url = case
    records = parse_article(Page(selector_for(load_page(path)), url), source=source)
    assert records is not None and len(records) == 1
    return records[0]


def page_of(html: str, url: str = "https://blog.example/reviews/casablanca-1942/") -> Page:
    return Page(Selector(text=html), url)


# Seed 002: a blog review of the 2025 remake.
def test_blog_review_should_name_the_remake_not_the_1948_film():
    review = article(SEED_002, "filmreverie")
    assert review["type"] == "review" and review["kind"] == "critic"
    assert review["film_title"] == "The Red Shoes"
    assert review["film_year"] == 2025


def test_blog_review_should_read_the_director_from_the_body():
    assert article(SEED_002, "filmreverie")["film_directors"] == [{"name": "Luca Guadagnino"}]


def test_blog_review_should_keep_headline_byline_and_date():
    review = article(SEED_002, "filmreverie")
    assert review["title"] == HEADLINE_002
    assert review["author"] == "Mara Ellison"
    assert (review["date"], review["date_raw"]) == ("2025-06-14", "June 14, 2025")


def test_blog_review_should_have_no_numeric_rating():
    assert "rating" not in article(SEED_002, "filmreverie")


def test_blog_review_text_should_be_the_five_seed_paragraphs_only():
    text = article(SEED_002, "filmreverie")["text"]
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("The Red Shoes (2025) pirouettes back into the spotlight")
    assert paragraphs[-1].endswith("beautiful, brutal, and utterly unforgettable.")
    for furniture in (
        "Share this",
        "Advertisement",
        "Leave a Reply",
        "festival screening",
        "Recent Posts",
        "Powered by WordPress",
        "Essays",
        "has reviewed for Film Reverie",
    ):
        assert furniture not in text


def test_generic_parser_should_give_only_the_review_for_a_blog_without_schema_org_film():
    path, url = SEED_002
    records = generic.parse(selector_for(load_page(path)), url=url, source="filmreverie")
    assert [r["type"] for r in records] == ["review"]


# A review post in the structure of franksmovielog.com (Gatsby build, star image, dateline).
def test_franks_structure_should_give_film_credits_from_the_header_block():
    review = article(FRANKS, "franksmovielog")
    assert (review["film_title"], review["film_year"]) == ("The Red Shoes", 1948)
    assert review["film_directors"] == [{"name": "Michael Powell"}, {"name": "Emeric Pressburger"}]
    assert review["film_runtime_minutes"] == 133


def test_franks_structure_should_read_the_star_image_and_the_dateline():
    review = article(FRANKS, "franksmovielog")
    assert review["rating"] == {"value": Decimal(4), "best": Decimal(5), "raw": "4 stars (out of 5)"}
    assert (review["date"], review["date_raw"]) == ("2019-09-06", "SEP 6, 2019")
    assert "author" not in review


def test_franks_structure_text_should_start_after_the_dateline_and_skip_the_repeat():
    text = article(FRANKS, "franksmovielog")["text"]
    assert text.startswith("The Red Shoes is a film about the price of devotion")
    assert text.count("The ending has been argued over") == 1
    assert "Criterion Channel" not in text and "How I Grade" not in text


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (HEADLINE_002, ("The Red Shoes", 2025)),
        ("Review: Casablanca (1942)", ("Casablanca", 1942)),
        ("Review: The Red Shoes – a fever dream in Technicolor", ("The Red Shoes", None)),
        ("Casablanca (1942) review", ("Casablanca", 1942)),
        ("The Red Shoes review – Powell and Pressburger at their peak", ("The Red Shoes", None)),
        ("'The Red Shoes' Review: Still Dancing", ("The Red Shoes", None)),
        ("Why The Red Shoes (1948) still matters", ("The Red Shoes", 1948)),
        ("Ten things I learned this summer", (None, None)),
    ],
)
def test_headline_should_name_the_film(headline, expected):
    assert title_from_headline(headline) == expected


@pytest.mark.parametrize(
    ("line", "directors"),
    [
        ("D: Michael Powell", ["Michael Powell"]),
        ("D. Michael Powell & Emeric Pressburger", ["Michael Powell", "Emeric Pressburger"]),
        ("Dir. Michael Powell", ["Michael Powell"]),
        ("Directed by Michael Powell and Emeric Pressburger", ["Michael Powell", "Emeric Pressburger"]),
        ("Director: Michael Powell", ["Michael Powell"]),
        # film blogs in other languages label their credits too
        ("Regissør: Michael Powell, Emeric Pressburger", ["Michael Powell", "Emeric Pressburger"]),
        ("Regie: Michael Powell", ["Michael Powell"]),
        ("Réalisation : Michael Powell", ["Michael Powell"]),
        ("Reżyseria: Michael Powell", ["Michael Powell"]),
        # without its colon the word is prose, not a label
        ("Regie Michael Powell", []),
        # a word opening with the label's letters is no label: a menu's "DVD & Blu-Ray"
        ("DVD & Blu-Ray", []),
        ("Directors Guild Awards", []),
    ],
)
def test_a_credits_line_should_name_directors_only_after_its_label(line, directors):
    assert directors_in_credits([line]) == directors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5 stars (out of 5)", {"value": Decimal(5), "best": Decimal(5), "raw": "5 stars (out of 5)"}),
        ("2 stars (out of 5)", {"value": Decimal(2), "best": Decimal(5), "raw": "2 stars (out of 5)"}),
        ("8/10", {"value": Decimal(8), "best": Decimal(10), "raw": "8/10"}),
        ("★★★½", {"value": Decimal("3.5"), "best": Decimal(5), "raw": "★★★½"}),
        ("B+", {"raw": "B+"}),
        ("A still from Rio Bravo", None),
    ],
)
def test_rating_text_should_be_read_on_its_own_scale(raw, expected):
    assert rating_value(raw) == expected


ARTICLE = """<html><head><title>{title}</title></head><body>
<header><nav><a href="/">Home</a></nav></header>
<main><article><h1>{title}</h1><div class="byline">By Sam Reed</div><span class="post-date">{date}</span>
<div class="entry-content">
<p>Directed by Michael Curtiz. Running time: 102 min.</p>
<p>{body}</p><p>{body}</p><p>Grade: B+</p></div></article>
<section id="comments"><p>A comment that is long enough to be read as a paragraph of prose, but is not the body.</p></section>
</main></body></html>"""
BODY = (
    "Rick Blaine runs a nightclub in Casablanca and sticks his neck out for nobody, until the one woman he "
    "loved walks in with her husband and a pair of letters of transit changes every calculation."
)


def test_relative_date_should_keep_the_raw_text_and_no_date():
    html = ARTICLE.format(title="Review: Casablanca (1942)", date="2 days ago", body=BODY)
    (review,) = parse_article(page_of(html), source="blog")
    assert review["date_raw"] == "2 days ago"
    assert "date" not in review


def test_letter_grade_should_be_kept_raw_with_no_value():
    html = ARTICLE.format(title="Review: Casablanca (1942)", date="Jun 5, 2017", body=BODY)
    (review,) = parse_article(page_of(html), source="blog")
    assert review["rating"] == {"raw": "B+"}
    assert review["film_directors"] == [{"name": "Michael Curtiz"}]
    assert review["film_runtime_minutes"] == 102
    assert review["author"] == "Sam Reed"
    assert review["date"] == "2017-06-05"
    assert "A comment that is long enough" not in review["text"]


def test_year_should_come_from_the_url_slug_of_the_same_title():
    html = ARTICLE.format(title="Casablanca", date="Jun 5, 2017", body=BODY)
    (review,) = parse_article(page_of(html, "https://blog.example/reviews/casablanca-1942/"), source="blog")
    assert (review["film_title"], review["film_year"]) == ("Casablanca", 1942)


def test_page_that_is_not_a_review_should_give_none():
    html = ARTICLE.format(title="About this blog", date="", body=BODY).replace("Directed by Michael Curtiz. ", "")
    html = html.replace("<p>Grade: B+</p>", "")
    assert parse_article(page_of(html, "https://blog.example/about/"), source="blog") is None


def test_schema_org_review_missing_the_year_should_be_completed_from_the_article():
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Review", '
        '"name": "Review: Casablanca (1942)", "itemReviewed": {"@type": "Movie", "name": "Casablanca"}, '
        '"author": {"@type": "Person", "name": "Sam Reed"}, "reviewBody": "A short body."}</script>'
    )
    html = ARTICLE.format(title="Review: Casablanca (1942)", date="Jun 5, 2017", body=BODY).replace(
        "</head>", ld + "</head>"
    )
    records = generic.parse(Selector(text=html), url="https://blog.example/reviews/casablanca/", source="blog")
    (review,) = records
    assert (review["film_title"], review["film_year"]) == ("Casablanca", 1942)
    assert review["film_directors"] == [{"name": "Michael Curtiz"}]


def test_schema_org_movie_page_should_not_be_read_as_an_article():
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Movie", '
        '"name": "Casablanca", "datePublished": "1942-11-26"}</script>'
    )
    html = ARTICLE.format(title="Review: Casablanca (1942)", date="Jun 5, 2017", body=BODY).replace(
        "</head>", ld + "</head>"
    )
    records = generic.parse(Selector(text=html), url="https://blog.example/films/casablanca/", source="blog")
    assert [r["type"] for r in records] == ["film"]


FACT_SHEET_LINES = (
    "<p><strong>Directed by:</strong> Michael Curtiz</p>"
    "<p><strong>Starring:</strong> Humphrey Bogart, Ingrid Bergman</p>"
    "<p><strong>Runtime:</strong> 102 min</p>"
)


@pytest.mark.parametrize(
    ("prose", "is_review"),
    [
        # a film's fact sheet with a line of synopsis: its labelled lines are not prose
        (
            "<p>A nightclub owner in wartime Morocco meets the woman who left him years before in Paris, and has to "
            "choose between her safety and his own bitter peace.</p>",
            False,
        ),
        # a long paragraph that opens with a label is prose
        (
            "<p>Verdict: the script holds up after all these years, from the first scene at the airfield to the "
            "last one, and every supporting player gets a line worth quoting, which is rarer than it sounds in a "
            "studio picture of its time.</p>",
            True,
        ),
    ],
)
def test_an_unrated_article_should_need_prose_beside_its_labelled_lines_to_be_a_review(prose, is_review):
    html = f"<html><body><article><h1>Casablanca (1942)</h1>{FACT_SHEET_LINES}{prose}</article></body></html>"
    found = parse_article(page_of(html, "https://cinema.example/films/casablanca/"), source="cinema")
    assert (found is not None) == is_review


ENTRY_PROSE = (
    "<p>Salt Road is a 1974 drama film directed by Ida Marsh about two ferrymen who lose their crossing to a new "
    "bridge and take to the coast road with everything they own, meeting on the way the people the river kept "
    "apart from them for thirty years.</p>"
    "<h2>Plot</h2><p>The older ferryman refuses to leave until the last crossing is paid for; the younger one sells "
    "the boat behind his back, and the money takes them as far as the salt flats, where the story turns.</p>"
)
ENTRY_INFOBOX = (
    '<div class="facts"><p><b>Directed by</b> Ida Marsh</p><p><b>Starring</b> Ben Hollis, Carl Dunne</p>'
    "<p><b>Running time</b> 96 minutes</p><p><b>Release date</b> May 2, 1974</p></div>"
)


@pytest.mark.parametrize(
    ("signed", "record_type"),
    [
        ("", "film"),  # nobody's judgement: an encyclopedia's entry about the film
        ('<p class="byline">By Rosa Lind</p>', "review"),
        ("<p>Rating: 3/5</p>", "review"),
    ],
)
def test_an_unsigned_unscored_article_beside_a_films_printed_facts_should_give_the_film(signed, record_type):
    html = (
        "<html><head><title>Salt Road - Film Encyclopedia</title></head><body><main><h1>Salt Road</h1>"
        f"{signed}{ENTRY_INFOBOX}{ENTRY_PROSE}</main></body></html>"
    )
    records = generic.parse(Selector(text=html), url="https://films.example.org/wiki/Salt_Road", source="wiki")
    assert [r["type"] for r in records] == [record_type]
    if record_type == "film":
        [film] = records
        assert (film["title"], film["year"], film["directors"], film["runtime_minutes"]) == (
            "Salt Road",
            1974,
            [{"name": "Ida Marsh"}],
            96,
        )


BOLD_LABELS_IN_ONE_PARAGRAPH = (
    "<p><strong>A dancer has to choose between love and the stage.</strong>\n"
    "<strong>Kategori:</strong> Drama\n<strong>Spilletid:</strong> 2 timer og 13 minutter\n"
    "<strong>Regissør: </strong>Michael Powell\n<strong>Med:</strong> Moira Shearer, Anton Walbrook</p>"
)


def test_bold_labels_joined_in_one_paragraph_should_each_be_a_credit_line():
    html = (
        f"<html><body><article><h1>The Red Shoes</h1>{BOLD_LABELS_IN_ONE_PARAGRAPH}"
        "<p>The ballet at the centre of the film runs seventeen minutes and every one of them is worth the ticket; "
        "the colours have not been matched since, and the ending still hurts.</p></article></body></html>"
    )
    [review] = parse_article(page_of(html, "https://blog.example/2011/09/07/the-red-shoes/"), source="blog") or []
    assert (review["film_title"], review["film_directors"]) == ("The Red Shoes", [{"name": "Michael Powell"}])


def test_one_bold_label_in_a_paragraph_should_not_split_it():
    from crawler.core.parsers.article import _labelled_runs

    [block] = Selector(text="<p><b>Verdict:</b> a masterpiece, <b>seen twice</b> this week</p>").xpath("//p")
    assert _labelled_runs(block.root) == []
