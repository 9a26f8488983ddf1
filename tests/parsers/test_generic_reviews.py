"""The generic reviews reader (crawler.core.parsers.generic.reviews): the stated number of reviews, the scores
and dates each review prints, which run of items is the page's reviews, and the pages that must give none.
Pages with expected records are fixtures under tests/fixtures/generic/review/; the pages that must give no
reviews of their own are under tests/fixtures/generic/not_review/."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from parsel import Selector

from crawler.core.extraction import extract, selector_for
from crawler.core.parsers import generic
from crawler.core.parsers.errors import PageLayoutError
from crawler.core.parsers.generic.reviews import may_hold_reviews, read_reviews
from crawler.core.parsers.page import Page
from tests.fixture_cases import load_page

SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)
URL = "https://reviews.example/film/paper-comets/reviews"


def _item(body: str, n: int) -> str:
    return (
        f'<div class="review-card"><h3>Headline {n}</h3>'
        f'<a href="/users/reader-{n}/">reader {n}</a><span class="review-date">Mar {n}, 2021</span>'
        f"{body}<div class='review-text'>What reader {n} thought of the film, at some length and with care.</div>"
        "</div>"
    )


def _reviews_page(*, header: str = "", bodies: tuple[str, ...] = ("", "", ""), title: str = "Paper Comets") -> str:
    items = "".join(_item(body, n) for n, body in enumerate(bodies, start=1))
    return (
        f"<html><head><title>{title}</title></head><body><div class='main'>{header}"
        f"<div class='reviews-list'>{items}</div></div></body></html>"
    )


def _read(markup: str, url: str = URL) -> list[Any]:
    return list(read_reviews(Page(Selector(text=markup), url), "reviews", url=url))


def _reviews(markup: str) -> list[Any]:
    return [record for record in _read(markup) if record["type"] == "review"]


def _total(markup: str) -> int | None:
    listings = [record for record in _read(markup) if record["type"] == "listing"]
    return listings[0].get("total") if listings else None


# (the page's count of its reviews as printed, the total read)
TOTALS = [
    ("<div>572 reviews</div>", 572),
    ("<span>572 Reviews</span>", 572),
    ("<span><strong>1,204</strong> User Reviews</span>", 1204),
    ("<p>Showing 1-3 of 86 reviews</p>", 86),
    ("<h2>Reviews (41)</h2>", 41),
    ("<td>17 reviews in total</td>", 17),
    ("<span>38 Critic Reviews</span>", 38),
    ("<span>1 234 critiques</span>", 1234),
    ("<span>572 Kritiken</span>", 572),
    ("<span>96 рецензии</span>", 96),
    ("<header><h2>Recenze <span>(2 291)</span></h2></header>", 2291),  # a section's own header
    ("<span>48 reseñas</span>", 48),
    ("<span>2 reviews</span>", None),  # fewer than the page shows: not the count of its reviews
    ("<span>572 reviews</span><span>12 reviews</span>", None),  # two counts: which one?
    ("<p>Our top 10 reviews of the year</p>", None),
]


@pytest.mark.parametrize(("header", "total"), TOTALS, ids=[header for header, _ in TOTALS])
def test_stated_total_should_be_the_number_of_reviews_the_page_prints(header: str, total: int | None) -> None:
    assert _total(_reviews_page(header=header)) == total


def test_a_count_inside_a_review_or_in_the_footer_should_not_be_the_total() -> None:
    markup = _reviews_page(bodies=("<span>312 reviews</span>", "", "")).replace(
        "</body>", "<footer><span>9,000,000 reviews</span></footer></body>"
    )
    assert _total(markup) is None


# (a score as a review prints it, its value and scale)
RATINGS = [
    ('<span class="rating">8/10</span>', ("8", "10")),
    ('<span class="rating-other-user-rating"><span>7</span><span class="point-scale">/10</span></span>', ("7", "10")),
    ('<span class="stars">★★★★☆</span>', ("4", "5")),
    ('<span class="score">3.5 out of 5</span>', ("3.5", "5")),
    ('<img src="/img/8.gif" alt="8/10">', ("8", "10")),
    ('<span class="stars" aria-label="Rated 4 out of 5"><i></i><i></i></span>', ("4", "5")),
    ("<p>Original score: 3/4</p>", ("3", "4")),
    ('<span class="rating">90</span>', None),  # a number without its scale
    ('<span class="grade">B+</span>', None),  # a letter grade
    # a score printed in pieces in elements whose classes name nothing
    ('<span class="c1a2"><span class="c3b4">8</span><span class="c5c6">/10</span></span>', ("8", "10")),
    ('<div class="c1a2"><span>7.5</span> <span>/ 10</span></div>', ("7.5", "10")),
    ('<div class="c1a2"><span>8</span><span>/10</span><span>Great</span></div>', None),  # more than a score
    # "out of" in words of other languages, on a line of its own closing the text
    ("<p>Цвет, музыка и балет без единого слова.<br><br>10 из 10</p>", ("10", "10")),
    ("<p>Note: 8 sur 10</p>", ("8", "10")),
    ("<p>Wertung: 7 von 10</p>", ("7", "10")),
    ("<p>Страница 1 из 5</p>", None),  # a page counter, no score
    # the last line of a text printed with its line breaks
    ("<p>Цвет, музыка и балет без единого слова.\n\n8 из 10</p>", ("8", "10")),
    ("<p>Story: 8/10\nMusic: 7/10</p>", None),  # a breakdown's lines
]


_PROSE = "Цвет, музыка и пятнадцать минут балета без единого слова: фильм смотрится так, будто его сняли вчера."
# (a review's text closing with its score, as printed)
CLOSING_SCORES = [
    f"<p>{_PROSE}<br><br>10 из 10</p>",
    f"<p>{_PROSE}<br><b>6 из 10</b></p>",
    f"<p>{_PROSE}\n\n7 из 10</p>",
]


@pytest.mark.parametrize("body", CLOSING_SCORES)
def test_a_text_closing_with_its_score_should_give_the_score_and_stay_the_text(body: str) -> None:
    first = _reviews(_reviews_page(bodies=(body, body, body)))[0]
    assert first.get("rating") is not None
    assert first.get("text", "").startswith(_PROSE)


@pytest.mark.parametrize(("body", "rating"), RATINGS, ids=[body for body, _ in RATINGS])
def test_review_score_should_be_read_with_its_scale(body: str, rating: tuple[str, str] | None) -> None:
    first = _reviews(_reviews_page(bodies=(body, body, body)))[0]
    read = first.get("rating")
    assert (None if read is None else (read["value"], read["best"])) == (
        None if rating is None else (Decimal(rating[0]), Decimal(rating[1]))
    )


# (a review's date as printed, in the markup around it; the ISO date read)
DATES = [
    ('<span class="review-date">14 March 2019</span>', "2019-03-14"),
    ('<time datetime="2021-03-05T10:00:00Z">March 5, 2021</time>', "2021-03-05"),
    ("<small>29 December 2007</small>", "2007-12-29"),
    ('<p class="byline">by Ann Lee on Aug 24, 2013</p>', "2013-08-24"),
]


@pytest.mark.parametrize(("markup", "iso"), DATES, ids=[markup for markup, _ in DATES])
def test_review_date_should_be_read_where_the_item_prints_it(markup: str, iso: str) -> None:
    items = "".join(
        f"<li class='review'><h3>Headline {n}</h3>{markup}<p>A few sentences about the film, enough to count.</p></li>"
        for n in range(3)
    )
    [first, *_] = _reviews(f"<html><body><ol class='reviews'>{items}</ol></body></html>")
    assert first["date"] == iso


# (the page's language, a review's date as printed in it, the ISO date read)
LOCAL_DATES = [
    ("de", "12. März 2019", "2019-03-12"),
    ("fr", "5 mars 2021", "2021-03-05"),
    ("es", "3 de abril de 2020", "2020-04-03"),
    ("cs", "16.12.2007", "2007-12-16"),
]


@pytest.mark.parametrize(("lang", "printed", "iso"), LOCAL_DATES, ids=[printed for _, printed, _ in LOCAL_DATES])
def test_review_date_should_be_read_in_the_page_language(lang: str, printed: str, iso: str) -> None:
    items = "".join(
        f"<li class='review'><h3>Titel {n}</h3><span class='date'>{printed}</span>"
        "<p>Ein paar Sätze über den Film, lang genug, um zu zählen.</p></li>"
        for n in range(3)
    )
    [first, *_] = _reviews(f"<html lang='{lang}'><body><ol class='reviews'>{items}</ol></body></html>")
    assert (first["date_raw"], first.get("date")) == (printed, iso)


def test_byline_should_give_the_author_without_the_date() -> None:
    items = "".join(
        f"<li class='review'><h3>Headline {n}</h3><p class='byline'>by Ann Lee on Aug 24, 2013</p>"
        "<p>A few sentences about the film, enough to count as its text.</p></li>"
        for n in range(3)
    )
    [first, *_] = _reviews(f"<html><body><ol class='reviews'>{items}</ol></body></html>")
    assert first["author"] == "Ann Lee"


# (the page's <title>, the film and year its reviews are of; None where the page does not say)
FILMS = [
    ("User reviews of Paper Comets (2021) - Site", ("Paper Comets", 2021)),
    ("Paper Comets (2021) - User reviews - Site", ("Paper Comets", 2021)),
    ("Critiques de Paper Comets | Site", ("Paper Comets", None)),
    ("Latest reviews - Site", None),
    ("Site | Reviews", None),
]


@pytest.mark.parametrize(("title", "film"), FILMS, ids=[title for title, _ in FILMS])
def test_reviewed_film_should_be_named_only_where_the_page_states_it(
    title: str, film: tuple[str, int | None] | None
) -> None:
    first = _reviews(_reviews_page(title=title))[0]
    assert (first.get("film_title"), first.get("film_year")) == (film or (None, None))


def test_review_id_should_be_its_permalink_else_a_digest() -> None:
    items = "".join(
        f"<li class='review'><h3><a href='/review/{n}/?ref=list'>Headline {n}</a></h3><a href='/users/u{n}/'>U {n}</a>"
        "<p>A few sentences about the film, enough to count as its text.</p></li>"
        for n in (101, 102)
    )
    reviews = _reviews(f"<html><body><ol class='reviews'>{items}</ol></body></html>")
    assert [review["id"] for review in reviews] == ["reviews:review/101", "reviews:review/102"]
    [plain, *_] = _reviews(_reviews_page())
    assert len(plain["id"].split(":")[1]) == 16


def test_one_review_is_no_list_of_reviews() -> None:
    assert _read(_reviews_page(bodies=("",))) == []


def test_two_runs_of_like_size_should_give_none() -> None:
    single = _reviews_page()
    markup = single.replace("</div></body>", "</div>" + single.split("<body>")[1].split("</body>")[0] + "</body>")
    assert _reviews(markup) == []


def test_reader_should_not_run_on_a_page_that_never_names_reviews() -> None:
    page = Page(Selector(text="<html><head><title>Paper Comets</title></head><body><p>Hi</p></body></html>"), URL)
    assert not may_hold_reviews(page)
    assert may_hold_reviews(Page(Selector(text=_reviews_page()), URL))


# (page, the author of the page's one review article, or None where the page gives no review)
NOT_REVIEWS = [
    # one critic's article: its readers' comments are no reviews of the film
    ("blog-review-with-comment-thread.html", "Hannah Leclerc"),
    # notes under a "4 Responses" heading on a reviews blog
    ("reviews-blog-notes-under-heading.html", None),
    # an article's "More reviews" block: other films' reviews, not the page's
    ("blog-review-with-more-reviews-block.html", "Marta Ruiz"),
]


@pytest.mark.parametrize(("name", "article_author"), NOT_REVIEWS, ids=[name for name, _ in NOT_REVIEWS])
def test_comments_and_other_reviews_beside_an_article_should_never_be_its_reviews(
    name: str, article_author: str | None
) -> None:
    sel = selector_for(load_page(f"generic/not_review/{name}"))
    try:
        records = generic.parse(sel, url="https://blog.example/2021/03/a-film/", source="blog")
    except PageLayoutError:
        records = []
    assert [record for record in records if record["type"] == "listing"] == []
    assert [record.get("author") for record in records if record["type"] == "review"] == (
        [article_author] if article_author else []
    )


def test_site_parser_refusing_a_reviews_page_should_give_the_generic_reviews() -> None:
    """Where a site's parser refuses a page of reviews, the reader's reviews and their count stand."""
    items = "".join(
        f'<article class="review-tile"><h3>Headline {n}</h3><a href="/user/ur{n}/">user{n}</a>'
        f'<span class="review-date">Jan {n}, 2024</span><span class="rating">{n}/10</span>'
        f"<div class='review-text'>Some sentences about the film by user {n}, long enough.</div></article>"
        for n in (1, 2, 3)
    )
    markup = f"<html><body><div>48 reviews</div><section class='reviews-v9'>{items}</section></body></html>"
    extraction = extract(
        selector_for(markup.encode()),
        url="https://www.imdb.com/title/tt0000001/reviews/",
        site="imdb",
        scraped_at=SCRAPED_AT,
    )
    reviews = [record for record in extraction.records if record["type"] == "review"]
    listings = [record for record in extraction.records if record["type"] == "listing"]
    assert [(review["author"], review["rating"]["value"]) for review in reviews] == [
        ("user1", 1),
        ("user2", 2),
        ("user3", 3),
    ]
    assert all(review["extraction"]["parser"] == "generic" for review in reviews)
    assert [listing.get("total") for listing in listings] == [48]
    # The page names no film: the reviews are of none.
    assert all(review.get("film_title") is None and review.get("film_id") is None for review in reviews)


@pytest.mark.parametrize("url", ["http://localhost/", "https://filmsite.example/film/9/reviews"])
def test_links_naming_the_site_in_full_should_count_as_its_own(url: str) -> None:
    """A saved page's links often name their site in full ("https://www.filmsite.example/user/..."): they are
    the page's own where its address is unknown or of the same site under another host name."""
    items = "".join(
        f"<li class='review'><h3><a href='https://www.filmsite.example/review/{n}/'>Headline {n}</a></h3>"
        f"<a href='https://www.filmsite.example/user/u{n}/'>user {n}</a>"
        "<p>A few sentences about the film, enough to count as its text.</p></li>"
        for n in (1, 2)
    )
    reviews = _read(f"<html><body><ol class='reviews'>{items}</ol></body></html>", url)
    assert [(review["author"], review["id"]) for review in reviews if review["type"] == "review"] == [
        ("user 1", "reviews:review/1"),
        ("user 2", "reviews:review/2"),
    ]


def test_a_name_block_without_a_link_should_give_the_author() -> None:
    """User reviews of the 2000s print the reviewer's name in a block named "name", with no profile link."""
    items = "".join(
        f"<li class='review user_review'><div class='review_critic'><div class='name'><span>Reader {n}</span></div>"
        f"<div class='date'>May  {n}, 2007</div></div>"
        "<div class='review_body'>A few sentences about the film, enough to count as its text.</div></li>"
        for n in (1, 2)
    )
    reviews = _reviews(f"<html><body><ol class='reviews user_reviews'>{items}</ol></body></html>")
    assert [(review["author"], review["date"]) for review in reviews] == [
        ("Reader 1", "2007-05-01"),
        ("Reader 2", "2007-05-02"),
    ]


def test_sections_of_a_film_page_should_not_be_its_reviews() -> None:
    """A film page titled for its reviews, whose side column holds boxes (cast, news) each headed and linking
    users: the boxes are no reviews, and the page's own "recent reviews" block is its reviews."""
    boxes = "".join(
        f"<div class='box'><h3>Box {n}</h3><a href='/user/u{n}/'>user{n}</a>"
        + "".join(f"<a href='/actor/{k}/'>Actor {k}</a>" for k in range(25))
        + "<p>Some words about this box of the page, long enough to count.</p></div>"
        for n in range(4)
    )
    items = "".join(
        f"<li class='clearfix'><a href='/user/r{n}/'>reader{n}</a> <span>August {n}, 2008</span>"
        f"<div class='review'>What reader {n} thought of the film, in a few sentences.</div></li>"
        for n in (1, 2, 3)
    )
    markup = (
        "<html><head><title>A Film - Movie Reviews, Photos</title></head><body>"
        f"<div id='recentReviews' class='box'><h2>Recent Reviews</h2><ul class='reviews'>{items}</ul></div>"
        f"<div id='sideColumn'>{boxes}</div><div id='extra'>{boxes}</div></body></html>"
    )
    assert [review["author"] for review in _reviews(markup)] == ["reader1", "reader2", "reader3"]


@pytest.mark.parametrize(("fields_of_film", "looked_for"), [(None, True), ({"runtime_minutes"}, False), (set(), False)])
def test_listed_reviews_should_be_looked_for_only_where_the_page_is_read_whole(
    monkeypatch: pytest.MonkeyPatch, fields_of_film: set[str] | None, looked_for: bool
) -> None:
    # Filling a site record's fields (the fallback names the film's fields it wants) never uses a run of
    # other reviews: the reader is not run.
    calls: list[Any] = []

    def counting(*args: Any, **kwargs: Any) -> list[Any]:
        calls.append(args)
        return read_reviews(*args, **kwargs)

    monkeypatch.setattr(generic, "read_reviews", counting)
    page = selector_for(load_page("generic/review/filmvault-lister-reviews-2019.html"))
    try:
        generic.parse(page, url="https://films.example.org/title/1/reviews", source="example",
                      wanted={"review"}, fields_of_film=fields_of_film)  # fmt: skip
    except PageLayoutError:
        pass
    assert bool(calls) is looked_for


def _release_row(day: int, country: str, note: str) -> str:
    return (
        f'<div class="listitem"><div class="cell"><h5 class="release-country"><span class="name">{country}</span>'
        f'</h5></div><div class="cell details"><div class="release-date-list"><div class="listitem">'
        f'<h6 class="date">{day:02d} Sep 1948</h6><ul class="releases"><li class="listitem">'
        f'<span class="type">Premiere</span> <span class="release-note">{note}</span></li></ul></div></div></div></div>'
    )


def test_a_films_table_of_releases_should_give_no_reviews() -> None:
    """Rows of a date, a country and a festival's name look like dated, signed notes: a block named for the
    film's releases holds none of its reviews, even on a page whose title speaks of reviews."""
    rows = "".join(
        _release_row(day, country, f"{country} International Film Festival, gala screening")
        for day, country in ((6, "UK"), (12, "France"), (22, "USA"), (25, "Canada"))
    )
    markup = (
        "<html><head><title>The Red Shoes (1948) • Reviews, film + cast</title></head><body>"
        f'<div id="tab-releases" class="tabbed-content-block"><div class="release-table -bycountry">{rows}</div>'
        "</div></body></html>"
    )
    assert _read(markup) == []


def test_search_results_dated_by_their_release_should_give_no_reviews() -> None:
    """A search result prints its film's summary and release date beside links to its critic reviews: the
    date under a block named for the release is the film's, so the results are no dated reviews."""
    results = "".join(
        f'<li class="result"><h3 class="product_title"><a href="/movie/{slug}">{name}</a></h3>'
        f'<a href="/movie/{slug}/critic-reviews">critic reviews</a><ul class="more_stats">'
        f'<li class="stat release_date"><span class="label">Release Date:</span> <span class="data">{date}</span></li>'
        f'</ul><p class="deck">A summary of {name}, at some length, of what happens in the film and to whom.</p></li>'
        for slug, name, date in (
            ("the-red-shoes", "The Red Shoes", "October 22, 1948"),
            ("black-narcissus", "Black Narcissus", "August 13, 1947"),
            ("the-tales-of-hoffmann", "The Tales of Hoffmann", "April 4, 1951"),
        )
    )
    markup = (
        "<html><head><title>Search results and reviews - Example</title></head><body><div class='main'>"
        f"<ul class='search_results'>{results}</ul></div></body></html>"
    )
    assert _reviews(markup) == []


def _unnamed_cards(header: str, *, cards: int = 3) -> str:
    """A section of review cards whose classes name nothing (renamed by a site's build), the number of reviews
    stated in a header beside them, and a title page's rating box beside the section."""
    items = "".join(
        f'<article class="c7d2"><div class="c8c7"><span class="c0f1"><span>8</span><span>/10</span></span>'
        f'<a class="c9e1" href="/review/rw{n}/"><h3>Headline {n}</h3></a>'
        f'<div class="c4ff">What reader {n} thought of the film, at some length and with care.</div></div>'
        f'<ul class="c5a0"><li><a href="/user/ur{n}/">reader{n}</a></li><li>Aug {n}, 2013</li></ul></article>'
        for n in range(1, cards + 1)
    )
    return f"<html><body><section class='c2349'>{header}{items}</section></body></html>"


# (what stands before the cards, how many reviews are read)
UNNAMED_RUNS = [
    # a header stating the number of reviews: the cards are the reviews it counts
    ("<div class='c98d'><div class='ca1f'><div>572 reviews</div><span>Hide spoilers</span></div></div>", 3),
    # the same header one level above the block that holds the cards
    ("<div class='c98d'><div>1,204 reviews</div></div><div class='c37d'><label>Sort by</label></div>", 3),
    # nothing says these are reviews
    ("<div class='c98d'><span>Hide spoilers</span></div>", 0),
    # a count among a title's facts (its rating box) is no header of the cards
    (
        "<div class='c98d'><span>Rated 8.1/10 from 39,000 users</span><span>Runtime 133 min, drama, music, "
        "romance; directed by two people</span><a href='/reviews'>572 reviews</a></div>",
        0,
    ),
]


@pytest.mark.parametrize(("header", "read"), UNNAMED_RUNS, ids=[header[:40] for header, _ in UNNAMED_RUNS])
def test_cards_after_a_header_counting_reviews_should_be_reviews_whatever_their_classes(header: str, read: int) -> None:
    markup = _unnamed_cards(header)
    if header.startswith("<div class='c98d'><div>1,204"):
        markup = markup.replace("<article", "<div class='c9f0'><article", 1).replace("</section>", "</div></section>")
    reviews = _reviews(markup)
    assert len(reviews) == read
    if read:
        assert may_hold_reviews(Page(Selector(text=markup), URL))
        assert [(r["author"], r["date"], str(r["rating"]["value"])) for r in reviews][0] == (
            "reader1",
            "2013-08-01",
            "8",
        )


def test_a_link_to_the_critics_reviews_should_not_be_the_author() -> None:
    """A critic review of the 2010s: the critic's page is linked as "All this critic's reviews" below the quote;
    the critic's name is the "author" block's."""
    items = "".join(
        f"<li class='review critic_review'><div class='review_critic'><div class='source'>"
        f"<a href='https://paper{n}.example/'>The Paper {n}</a></div><div class='author'><span class='label'>"
        f"Reviewed by:</span> <a href='https://paper{n}.example/'>Critic {n}</a></div>"
        f"<div class='date'>Jun {n}, 2017</div></div>"
        "<div class='review_body'>A few sentences about the season, enough to count as its text.</div>"
        f"<ul class='review_actions'><li><a href='/critic/critic-{n}?filter=tvshows'>All this critic's reviews</a>"
        "</li></ul></li>"
        for n in (1, 2)
    )
    reviews = _reviews(f"<html><body><ol class='reviews critic_reviews'>{items}</ol></body></html>")
    assert [review["author"] for review in reviews] == ["Critic 1", "Critic 2"]
