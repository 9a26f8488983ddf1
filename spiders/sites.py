"""Spiders of the sites whose pages need no sub-page merging: listing -> title, and pagination."""

from __future__ import annotations

from .base import FilmSiteSpider


class RottenTomatoesSpider(FilmSiteSpider):
    name = "rottentomatoes"
    default_start_urls = ("https://www.rottentomatoes.com/browse/movies_in_theaters/",)


class LetterboxdSpider(FilmSiteSpider):
    name = "letterboxd"
    default_start_urls = ("https://letterboxd.com/films/popular/",)


class MetacriticSpider(FilmSiteSpider):
    name = "metacritic"
    default_start_urls = ("https://www.metacritic.com/browse/movie/",)


class WikipediaSpider(FilmSiteSpider):
    name = "wikipedia"
    default_start_urls = ("https://en.wikipedia.org/wiki/List_of_films_considered_the_best",)


class CsfdSpider(FilmSiteSpider):
    name = "csfd"
    default_start_urls = ("https://www.csfd.cz/zebricky/filmy/nejlepsi/",)


class FlixsterSpider(FilmSiteSpider):
    name = "flixster"
    default_start_urls = ("https://www.flixster.com/movies/top-box-office",)
