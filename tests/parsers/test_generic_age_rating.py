"""An age rating printed without a label, in its category's own words (crawler.core.parsers.generic.age_rating):
read where the page prints one category alone in its element, also in a sidebar; never from a sentence, a link,
a form, or a page printing several."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.core.parsers import generic
from crawler.core.parsers.generic.age_rating import read_age_rating

BOX = '<aside class="side"><section><h3>Premiéry</h3><div class="{cls}"><p>\n  {text}\n</p></div></section></aside>'

# (the page's body, the certificate's code read)
PAGES = [
    (BOX.format(cls="age-restriction", text="Nevhodný mládeži do 15 let"), "Nevhodný mládeži do 15 let"),
    (BOX.format(cls="x1", text="Přístupný bez omezení"), "Přístupný bez omezení"),
    (BOX.format(cls="x1", text="Nevhodný pro děti do 12 let"), "Nevhodný pro děti do 12 let"),
    (BOX.format(cls="x1", text="Mládeži do 18 let nepřístupný"), "Mládeži do 18 let nepřístupný"),
    (BOX.format(cls="x1", text="Nevhodné pre maloletých do 12 rokov"), "Nevhodné pre maloletých do 12 rokov"),
    ("<div><span>Nepřístupný mládeži do 18 let</span></div>", "Nepřístupný mládeži do 18 let"),
    # a sentence that uses the words
    ("<p>Film byl v roce 1999 nevhodný mládeži do 15 let.</p>", None),
    ("<p>Nevhodný mládeži do 15 let, říkali tehdy.</p>", None),
    # beside other text in its element
    ("<p>Přístupnost: <b>x</b> Nevhodný mládeži do 15 let</p>", None),
    # a cinema's programme: a rating per film
    ("<ul><li><p>Přístupný bez omezení</p></li><li><p>Nevhodný mládeži do 15 let</p></li></ul>", None),
    ("<ul><li><p>Přístupný bez omezení</p></li><li><p>Přístupný bez omezení</p></li></ul>", None),
    # a filter link, a form's choices, the page's navigation
    ('<p><a href="/hledat/?pristupnost=15">Nevhodný mládeži do 15 let</a></p>', None),
    ("<form><select><option>Nevhodný mládeži do 15 let</option></select></form>", None),
    ("<nav><p>Přístupný bez omezení</p></nav>", None),
    # another phrase with the same words
    ("<p>Nevhodný do 15 let</p>", None),
]


@pytest.mark.parametrize(("body", "code"), PAGES, ids=[str(n) for n in range(len(PAGES))])
def test_an_age_rating_category_printed_alone_should_be_the_certificate(body: str, code: str | None) -> None:
    rating = read_age_rating(Selector(text=f"<html><body><main><h1>Obecná škola</h1></main>{body}</body></html>"))
    assert (rating or {}).get("code") == code


JSONLD = '<script type="application/ld+json">{"@context":"https://schema.org/","@type":"Movie","name":"Obecná škola"}</script>'


def film_page(jsonld: str) -> Selector:
    box = BOX.format(cls="q", text="Přístupný bez omezení")
    return Selector(text=f"<html><head>{jsonld}</head><body><h1>Obecná škola</h1>{box}</body></html>")


def test_the_generic_film_should_take_the_printed_age_rating_only_where_it_has_none() -> None:
    url = "https://films.example/film/obecna-skola/"
    [film] = generic.parse(film_page(JSONLD), url=url, source="example", wanted={"film"})
    assert film["certificate"]["code"] == "Přístupný bez omezení"
    rated = JSONLD.replace('"name"', '"contentRating":"12","name"')
    [film] = generic.parse(film_page(rated), url=url, source="example", wanted={"film"})
    assert film["certificate"]["code"] == "12"
