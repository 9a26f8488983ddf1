"""The parser for any site: schema.org JSON-LD first (Movie, TVSeries, Review, ItemList), then the reviews a
page lists in its markup (crawler.core.parsers.generic.reviews), then a review article read from the page
itself, then a film read from the page's application state (crawler.core.parsers.generic.embedded), its
labelled facts (crawler.core.parsers.generic.labels) and OpenGraph.

A film found in schema.org data is completed, field by field, from the application state and the labelled
facts: structured data first, printed labels last; its cast's characters from the rows that print them beside
the names (crawler.core.parsers.generic.characters).

It is the fallback for sites without a dedicated parser and the base that dedicated parsers refine. The
article reader (crawler.core.parsers.article) runs only when the page carries no schema.org Movie, Review or
ItemList, or to complete a Review whose itemReviewed lacks the film's year or director.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any, cast
from urllib.parse import urlsplit

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text, parse_date, parse_rating
from schemas.record_fields import (
    ExtractionFields,
    FilmFields,
    ListingEntryFields,
    ListingFields,
    PersonFields,
    RecordFields,
    ReviewFields,
    ReviewRatingFields,
    SeriesRefFields,
)

from ..article import film_facts, parse_article
from ..errors import PageLayoutError, UnsupportedPage
from ..fields import JsonObject, drop_field, labelled, or_none, set_field, without_more_link
from ..ids import digest_id, path_id
from ..page import Page
from ..schemaorg import (
    aggregate_rating,
    count,
    credits,
    film_fields,
    number,
    plot_text,
    rating_kind,
    scale_of_site,
    strings,
    text_of,
    title_and_year,
)
from ..structured import as_list, of_type, types_of
from . import embedded
from .age_rating import read_age_rating
from .characters import valid_character, with_characters, with_named_characters
from .labels import LabelledFacts, field_for, read_labels
from .listing import TitleRoute, may_state_title_or_total, read_listing, registrable_host
from .outline import overview_outline, plot_after_credits
from .releases import read_releases
from .reviews import may_hold_reviews, read_reviews
from .subject import TITLE_PIECES, facts_are_about, label_heading
from .vocabulary import VocabularyFilm, read_vocabulary

FILM_TYPES = ("Movie", "TVSeries", "TVMovie", "TVEpisode", "TVSeason", "CreativeWorkSeries", "VideoObject")
_FILM_CORE = ("Movie", "TVSeries", "TVMovie", "TVEpisode", "TVSeason")
_OG_FILM_TYPES = ("video.movie", "video.tv_show", "video.episode", "movie")
_OG_SERIES_TYPES = ("video.tv_show",)


RECORD_TYPES: frozenset[str] = frozenset({"film", "review", "listing"})


def parse(
    sel: Selector,
    *,
    url: str,
    source: str,
    wanted: Collection[str] = RECORD_TYPES,
    fields_of_film: Collection[str] | None = None,
    title_route: TitleRoute | None = None,
) -> list[RecordFields]:
    """The page's films, reviews and listings, of the record types in `wanted` only; of a film, the fields in
    `fields_of_film` at least (None: every field the page gives, the page read whole).

    The field-by-field fallback asks only for the types its site records miss fields of: completing a film
    from its labels, or a review from its article, costs many times reading the page's JSON-LD, and a
    listing page needs neither. Records of other types are still found where finding them decides what else
    is read (a JSON-LD review keeps the page from being read as a film), but are neither completed nor given.
    `title_route` tells a known site's title pages by their address (its declared routes), for the listing
    reader.
    """
    if sel.type not in ("html", "xml"):
        raise UnsupportedPage("not_markup", f"{url} is a {sel.type} document: schema.org data is read from pages")
    page = Page(sel, url)
    records: list[RecordFields] = []
    held: list[RecordFields] = []  # an unsigned article read, given only where the page lists nothing
    # JSON-LD first; schema.org microdata (itemprop markup of 2010s pages), then RDFa (vocab/typeof/property),
    # when a page has no JSON-LD film.
    films = page.of_type(*_FILM_CORE) or of_type(page.microdata, *_FILM_CORE) or of_type(page.rdfa, *_FILM_CORE)
    reviews = page.of_type("Review", "CriticReview")
    lists = page.of_type("ItemList") or of_type(page.microdata, "ItemList") or of_type(page.rdfa, "ItemList")
    if films:
        film = film_record(films[0], page, source)
        records.append(completed_film(film, page, fields_of_film) if "film" in wanted else film)
        episodes = episode_listing(films, page, source, title_route) if "listing" in wanted else None
        if episodes:
            records.append(episodes)
    for review in reviews:
        review_read = review_record(review, page, source)
        if review_read:
            records.append(complete_review(review_read, page) if "review" in wanted else review_read)
    for item_list in lists:
        listing_read = listing_record(item_list, page, source)
        if listing_read:
            records.append(listing_read)
    # Reviews listed in markup only, where no schema.org Review is given: looked for only where the page is
    # read whole (a site without a parser, a page its parser refused; never to fill a site record's fields,
    # which a run of other reviews cannot), reviews are wanted and the page names them at all (one query
    # over its attributes).
    listed = (
        read_reviews(page, source, url=page_url(page))
        if not reviews and fields_of_film is None and "review" in wanted and may_hold_reviews(page)
        else []
    )
    records.extend(listed)
    if not (films or reviews or lists or listed) and ("review" in wanted or "film" in wanted):
        # An article's review, also when only a film is wanted: a review article is not read as a film.
        articles: list[RecordFields] = list(parse_article(page, source=source) or [])
        if articles and "film" in wanted and _film_page_prose(cast(ReviewFields, articles[0]), page):
            # Prose about a film that nobody signs, scores or calls a review, beside the film's printed facts,
            # is a reference page about the film (an encyclopedia's entry): its film, not a critic's review.
            film_read = page_film(page, source, fields_of_film)
            articles = [film_read] if film_read else articles
        if articles and articles[0]["type"] == "review" and "listing" in wanted:
            if _unsigned(articles[0]):
                # Prose nobody signs, scores or calls a review may be a listing page's blurb beside one
                # entry's credits ("Dir. ..."): the page's listing, where it has one, is what the page is.
                held, articles = articles, []
        records.extend(articles)
    if len(records) == len(listed) and ("film" in wanted or "listing" in wanted):
        # Where no listing is wanted, a film that gives none of `fields_of_film` changes nothing for the caller.
        only_to_fill = "listing" not in wanted and fields_of_film is not None
        film_read = page_film(page, source, fields_of_film, only_to_fill=only_to_fill) if "film" in wanted else None
        if only_to_fill and film_read is not None and not _gives_any(film_read, fields_of_film or ()):
            # Read to fill a site record's fields, it holds none of them: whichever way the listing below
            # would decide, nothing of it is used, and the listing is the costlier read.
            film_read = None
        declared = (page.meta("og:type") or "").lower()
        declared_film = declared in _OG_FILM_TYPES
        # A declared series' page may list its episodes, read where a listing is wanted; a film's page lists
        # none of its own. The listing is read also when only a film is wanted and one was found: it decides
        # what the film is. A page whose main block is its reviews has no other listing.
        skip_listing = (
            bool(listed)
            or (declared_film and (declared not in _OG_SERIES_TYPES or "listing" not in wanted))
            or ("listing" not in wanted and film_read is None)
            # Filling a site listing's title and total: a page printing neither has nothing to give.
            or (fields_of_film is not None and "film" not in wanted and not may_state_title_or_total(page))
        )
        listing = None if skip_listing else read_listing(page, source, title_route=title_route)
        if declared_film:
            # The series, and its episodes where every row of the page's list prints its number: a run of
            # other titles on a series' page ("more like this") is not the page's listing.
            episodes = listing if listing and listing["kind"] == "episodes" else None
            records[:0] = [record for record in (film_read, episodes) if record]  # before the reviews listed
        # A film found only in the page's state or labels that is one of the page's listed titles is that
        # entry (a chart's first row), not the page's subject; a page about one film keeps its film.
        elif listing and (film_read is None or _is_listed(film_read, listing)):
            records.append(listing)
        elif film_read:
            records.insert(0, film_read)  # before the reviews listed on its page
    if held and not any(record["type"] == "listing" for record in records):
        records.extend(held)
    if not records:
        raise PageLayoutError(
            "no_film_data", "no schema.org Movie, Review or ItemList, no review article and no OpenGraph film"
        )
    return [record for record in records if record["type"] in wanted]


# An article nobody signs, on a page printing this many of the film's labelled facts, is the film's own page
# (a title page's user comment under its fact sheet); a review prints a line or two of credits.
_FACT_SHEET = 5


def _film_page_prose(review: ReviewFields, page: Page) -> bool:
    """True when the article read from the page is prose on the film's own page, not a critic's review: unsigned
    and unscored, or unsigned beside a whole sheet of the film's labelled facts."""
    if _unsigned(review):
        return True
    if review.get("author"):
        return False
    labels = read_labels(page.sel)
    return sum(1 for name in _LABELLED_FILM_FACTS if name in labels.fields) >= _FACT_SHEET


def _unsigned(review: ReviewFields) -> bool:
    """True when the article review has no author, no score, and neither its address nor its headline says
    "review"."""
    said = f"{review.get('url') or ''} {review.get('title') or ''}".casefold()
    return not review.get("author") and not review.get("rating") and "review" not in said


def _is_listed(film: FilmFields, listing: ListingFields) -> bool:
    """True when the film is one of the listing's entries: the same title, of the same year where both say."""
    title, year = str(film.get("title") or "").casefold(), film.get("year")
    return any(
        str(entry.get("title") or "").casefold() == title
        and (not year or not entry.get("year") or entry["year"] == year)
        for entry in listing["entries"]
    )


def page_url(page: Page) -> str:
    return page.canonical_url or page.url


def film_record(movie: JsonObject, page: Page, source: str) -> FilmFields:
    url = page_url(page)
    record: FilmFields = {"type": "film", "source": source, "url": url, "id": f"{source}:{path_id(url)}"}
    record.update(film_fields(movie, page))
    # The page title's "(2001)" is the film's year; a JSON-LD datePublished may be one country's release.
    og_title, og_year = title_and_year(page.meta("og:title") or page.sel.xpath("//title/text()").get())
    if "title" not in record and og_title:
        record["title"] = og_title
    og_year = og_year or _year_after_title(page.sel.xpath("//title/text()").get(), record.get("title"))
    if og_year:
        record["year"] = og_year
    if not record.get("year"):
        beside = _year_beside_heading(page, record.get("title"))
        if beside:
            record["year"] = beside
    plot = record.get("plot")
    if isinstance(plot, str):
        record["plot"] = without_more_link(plot)  # a microdata description's "See full summary »" link
    else:
        plot = (
            _printed_description(page)
            or overview_outline(page.sel, record.get("title"))
            or plot_after_credits(page.sel, page.meta("description") or page.meta("og:description"))
        )
        if plot:
            record["plot"] = plot
    rating = record.get("rating")
    said = rating_kind(movie.get("aggregateRating"), url) if rating else None
    if rating and said:
        kind, label = said
        record["ratings"] = [labelled(rating, kind=kind, label=label)]
    for same in strings(movie.get("sameAs")):
        if "imdb.com/title/tt" in same:
            record.setdefault("external_ids", {})["imdb"] = same.split("/title/")[1].split("/")[0]
    if "TVEpisode" in types_of(movie):
        record.update(_episode_fields(movie, page, source))
    directors = _credited_directors(record.get("directors"), page)
    if directors is not None:
        record["directors"] = directors
    return record


def _credited_directors(directors: object, page: Page) -> list[PersonFields] | None:
    """The marked directors the page credits as its directors, where it marks others too in rows crediting other
    work: AniDB marks its "Animation Direction" and "Sound Direction" creators `itemprop="director"` as it does
    those of its "Direction" row. None where every marked director's row is not a credit row with a label."""
    if not isinstance(directors, list) or len(directors) < 2:
        return None
    credited: set[str] = set()
    others: set[str] = set()
    for marked in page.sel.root.xpath("//*[@itemprop='director']"):
        label = _credit_row_label(marked)
        if label is None:
            return None
        name = clean_text(" ".join(marked.itertext())).casefold()
        (credited if field_for(label) == "directors" else others).add(name)
    if not credited or not others:
        return None
    kept = [
        d for d in directors if not isinstance(d, dict) or str(d.get("name") or "").casefold() not in others - credited
    ]
    return kept if kept and len(kept) < len(directors) else None


def _credit_row_label(element: Any) -> str | None:
    """The label of the credit row holding the element: the first cell of its table row, where that is another
    cell ("<tr><td>Animation Direction</td><td><a itemprop=director>…</a></td></tr>")."""
    row = next((ancestor for ancestor in element.iterancestors() if ancestor.tag == "tr"), None)
    if row is None:
        return None
    cells = [cell for cell in row if cell.tag in ("td", "th")]
    if len(cells) < 2 or element in cells[0].iter():
        return None
    return clean_text(" ".join(cells[0].itertext())) or None


def _episode_fields(episode: JsonObject, page: Page, source: str) -> FilmFields:
    """What a schema.org TVEpisode says it is: an episode, of the series it is `partOfSeries` (its id from the
    series' address on this site), with its season's and its own number where they are whole numbers. A
    TVSeries is not told a series from a mini-series by its type, so no other kind is read from one."""
    fields: FilmFields = {"title_kind": "tv_episode"}
    for series in as_list(episode.get("partOfSeries") or episode.get("partOfTVSeries"))[:1]:
        if not isinstance(series, dict):
            continue
        name = text_of(series.get("name"))
        if not name:
            continue
        ref: SeriesRefFields = {"title": name, "id": None}
        address = text_of(series.get("url")) or text_of(series.get("@id"))
        if address:
            absolute = page.absolute(address)
            if absolute and _same_site(absolute, page_url(page)):
                ref["id"] = f"{source}:{path_id(absolute)}"
        fields["series"] = ref
    season = next((s for s in as_list(episode.get("partOfSeason")) if isinstance(s, dict)), None)
    season_number = count(season.get("seasonNumber")) if season else None
    if season_number is not None:
        fields["season"] = season_number
    episode_number = count(episode.get("episodeNumber"))
    if episode_number is not None:
        fields["episode"] = episode_number
    return fields


def _same_site(url: str, page: str) -> bool:
    return registrable_host(urlsplit(url).hostname or "") == registrable_host(urlsplit(page).hostname or "")


def _printed_description(page: Page) -> str | None:
    """The page's description (`<meta name="description">`, else og:description) as the film's plot, where the
    page prints the same text as a paragraph of its own (a <p>, or a <div> holding no blocks: "<div
    id="movieSynopsis">"): a synopsis shown on the page, not a summary of the credits or of the site written for
    search engines."""
    description = plot_text(page.meta("description") or page.meta("og:description"))
    if not description or len(description) < 40:
        return None
    wanted = " ".join(description.split())
    blocks = page.sel.xpath(
        "//body//*[self::p or self::div][not(.//p or .//div)]"
        "[not(ancestor::nav or ancestor::header or ancestor::footer or ancestor::script)]"
    )
    for block in blocks:
        if " ".join(" ".join(block.xpath(".//text()").getall()).split()) == wanted:
            return description
    return None


def _year_after_title(page_title: str | None, title: object) -> int | None:
    """The year the <title> prints right after the film's title: "Moonlight (2016) Reviews - Site"."""
    if not page_title or not isinstance(title, str) or not title.strip():
        return None
    shown = re.match(rf"\s*{re.escape(title.strip())}\s*\(((?:18|19|20)\d\d)\)", page_title, re.IGNORECASE)
    return int(shown.group(1)) if shown else None


_PRINTED_YEAR = re.compile(r"^\(?((?:18|19|20)\d\d)\)?$")


def _year_beside_heading(page: Page, title: object) -> int | None:
    """The year printed alone right after the page's first <h1> where that heading is the film's title:
    "<h1>The Wolf of Wall Street</h1> <span class="release_year">2013</span>"."""
    if not isinstance(title, str) or not title.strip():
        return None
    headings = page.sel.xpath("(//h1)[1]")
    if not headings:
        return None
    heading = headings[0].root
    if clean_text(" ".join(heading.itertext())).casefold() != clean_text(title).casefold():
        return None
    if (heading.tail or "").strip():
        shown = _PRINTED_YEAR.match((heading.tail or "").strip())
        return int(shown.group(1)) if shown else None
    sibling = heading.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext()  # a comment
    if sibling is None:
        return None
    shown = _PRINTED_YEAR.match(clean_text(" ".join(sibling.itertext())))
    return int(shown.group(1)) if shown else None


# A film read from labels alone needs this many labelled film facts: one "Director:" line is not a film page.
_MIN_LABELLED_FACTS = 2
_LABELLED_FILM_FACTS = (
    "runtime_minutes",
    "directors",
    "genres",
    "release_date",
    "year",
    "cast",
    "writers",
    "certificate",
    "original_title",
)


def completed_film(record: FilmFields, page: Page, fields: Collection[str] | None = None) -> FilmFields:
    """`record` with its empty fields filled from the page's application state, then its labelled facts (of
    `fields` only, unless None: the labels are the costly part of the page to read), and its cast's characters
    from the page's cast rows."""
    state, labels = embedded.film_object(page.sel), read_labels(page.sel, fields)
    completed = _completed_from(record, state, labels, read_vocabulary(page))
    completed = _with_facts(completed, _unlabelled_facts(page, _still_missing(completed, fields)))
    if fields is None and not completed.get("year") and not record.get("release_date") and _series_item(page):
        # A series' year is its first: the printed first showing ("Aired: Apr 6, 2024 to ?") where the structured
        # data gives neither (an anime's TVSeries item); a structured datePublished may be one country's release.
        # Not a film's: the date a page prints may be a re-release's or a streaming release's ("Release Date
        # (Streaming): Jan 12, 2016" on a 1948 film's page).
        year = _release_year(completed)
        if year:
            completed = completed.copy()
            completed["year"] = year
    return _with_characters(completed, page, fields)


_SERIES_TYPES = ("TVSeries", "CreativeWorkSeries", "TVSeason")


def _series_item(page: Page) -> bool:
    """True when the page's structured film is a series (JSON-LD, microdata or RDFa)."""
    return bool(
        page.of_type(*_SERIES_TYPES) or of_type(page.microdata, *_SERIES_TYPES) or of_type(page.rdfa, *_SERIES_TYPES)
    )


def _unlabelled_facts(page: Page, fields: Collection[str] | None) -> FilmFields:
    """The film facts of `fields` (None: all) a page prints without labels, where the label reader does not
    look: its one release list (crawler.core.parsers.generic.releases) and its one printed age rating category
    (crawler.core.parsers.generic.age_rating), both often in a sidebar."""
    facts: FilmFields = {}
    if fields is None or "releases" in fields:
        releases = read_releases(page.sel)
        if releases:
            facts["releases"] = releases
    if fields is None or "certificate" in fields:
        rating = read_age_rating(page.sel)
        if rating:
            facts["certificate"] = rating
    return facts


def _with_facts(record: FilmFields, facts: FilmFields) -> FilmFields:
    """The record with `facts` in the fields it leaves empty."""
    missing = {name: value for name, value in facts.items() if record.get(name) in (None, "", [], {})}
    if not missing:
        return record
    completed = record.copy()
    for name, value in missing.items():
        set_field(completed, name, value)
    return completed


def _with_characters(record: FilmFields, page: Page, fields: Collection[str] | None) -> FilmFields:
    """The cast's characters as the page prints them beside the names, where the cast is wanted."""
    if fields is not None and "cast" not in fields:
        return record
    return with_characters(record, page.sel)


def _still_missing(record: FilmFields, fields: Collection[str] | None) -> Collection[str]:
    """Of the unlabelled facts' fields wanted (`fields`, None: all), those the record leaves empty."""
    wanted = _UNLABELLED_FIELDS if fields is None else _UNLABELLED_FIELDS & set(fields)
    return {name for name in wanted if record.get(name) in (None, "", [], {})}


_UNLABELLED_FIELDS = frozenset({"releases", "certificate"})


# A release's date, its raw text and its country: read together from one source.
_RELEASE_PARTS = ("release_date", "release_date_raw", "release_country")


def _completed_from(
    record: FilmFields, state: JsonObject | None, labels: LabelledFacts, vocabulary: VocabularyFilm | None
) -> FilmFields:
    """completed_film with the state, the labels and the data-vocabulary terms read already (each read walks the
    whole page): the terms before the labels, marked values before printed ones."""
    if state is not None and not _names_it(record.get("title"), embedded.film_titles(state)):
        state = None  # the page data's most film-like object is another film ("More like this")
    state_fields, unparsed = embedded.film_fields(state) if state else (FilmFields(), {})
    completed = record.copy()
    marked = vocabulary.fields if vocabulary else FilmFields()
    printed = labels.fields
    if vocabulary is not None and vocabulary.release_unsettled and printed.get("release_date"):
        # The printed date is one of the marked ones, which leave the film's release open.
        printed = cast(FilmFields, {k: v for k, v in printed.items() if k not in _RELEASE_PARTS})
    if printed.get("release_date"):
        # schema.org's datePublished is the first showing of any kind (a festival premiere); the date the page
        # prints as its "Release date" is the release it means, and the one its country goes with.
        for part in _RELEASE_PARTS:
            drop_field(completed, part)
    for fields in (state_fields, marked, printed):
        for name, value in fields.items():
            if name in _RELEASE_PARTS[1:]:
                continue  # taken with its date: a date and the country of another release are no release
            if completed.get(name) in (None, "", [], {}):
                set_field(completed, name, value)
                if name == "release_date":
                    for part in _RELEASE_PARTS[1:]:
                        drop_field(completed, part)
                        same_release = cast(dict[str, object], fields).get(part)
                        if same_release is not None:
                            set_field(completed, part, same_release)
    genres = _printed_genres_only(completed.get("genres"), printed.get("genres"))
    if genres is not None:
        completed["genres"] = genres
    for name in _CREDIT_LISTS:
        fuller = _fuller_credits(completed.get(name), (state_fields.get(name), marked.get(name), printed.get(name)))
        if fuller is not None:
            set_field(completed, name, fuller)
    if state is not None and completed.get("cast"):
        # Structured before printed: the state's characters before those of the page's cast rows.
        valid = ((name, valid_character(role)) for name, role in embedded.cast_characters(state).items())
        completed = with_named_characters(completed, [(name, role) for name, role in valid if role])
    rating = completed.get("rating")
    # A rating the record came with was labelled by whoever read it, or left unlabelled where who gave it could
    # not be told: only a rating read here is labelled here.
    # A marked average without its votes says nothing of who gave it (marked, they are the users').
    if rating and not completed.get("ratings") and not record.get("rating") and rating != marked.get("rating"):
        # A critics' share of positive reviews printed in a box is the critics'; any other score the users'.
        critics = labels.rating_kind == "critic" and rating == labels.fields.get("rating")
        completed["ratings"] = [labelled(rating, kind="critic" if critics else "user")]
    kept = {
        name: raw
        for name, raw in {**labels.unparsed, **(vocabulary.unparsed if vocabulary else {}), **unparsed}.items()
        if completed.get(name) in (None, "", [], {})
    }
    if kept:
        existing = completed.get("extraction")
        extraction: ExtractionFields = existing.copy() if existing else {}
        extraction["unparsed"] = kept
        completed["extraction"] = extraction
    return completed


def _printed_genres_only(held: object, printed: object) -> list[str] | None:
    """Of the structured genres, those the page prints under its genres label, where it prints some of them
    there and the rest elsewhere: MyAnimeList marks its themes and its audience as genres (`itemprop="genre"`)
    but prints them as "Themes: Military" and "Demographic: Seinen", apart from "Genres: Action, Drama"."""
    if not isinstance(held, list) or not isinstance(printed, list) or not printed or len(held) <= len(printed):
        return None
    shown = {str(genre).casefold() for genre in printed}
    kept = [genre for genre in held if str(genre).casefold() in shown]
    return kept if len(kept) == len(shown) else None


# Credit lists a page's structured data may cut short of the list it prints.
_CREDIT_LISTS = ("directors", "writers", "cast")


def _fuller_credits(held: object, others: tuple[object, ...]) -> list[PersonFields] | None:
    """The longest of `others` that begins with every person of `held`, in the same order, where one is longer:
    a page's JSON-LD that names the first actor only, while the credits the page prints or marks name two.
    Only a list that extends the held one is taken: one naming other people may be another film's. The held
    entries' characters are kept where the fuller list gives none."""
    if not isinstance(held, list) or not held:
        return None
    best: list[PersonFields] | None = None
    for other in others:
        if not isinstance(other, list) or len(other) <= max(len(held), len(best or ())):
            continue
        if all(_same_person(mine, theirs) for mine, theirs in zip(held, other, strict=False)):
            best = other
    if best is None:
        return None
    fuller = [dict(person) for person in best]
    for mine, theirs in zip(held, fuller, strict=False):
        if isinstance(mine, dict) and mine.get("character") and not theirs.get("character"):
            theirs["character"] = mine["character"]
    return cast(list[PersonFields], fuller)


def _same_person(mine: object, theirs: object) -> bool:
    """True when two credits name the same person: the same address, else the same name, or one name the other
    followed by more words (Douban's JSON-LD "丹尼·博伊尔 Danny Boyle" where the page prints "丹尼·博伊尔")."""
    if not isinstance(mine, dict) or not isinstance(theirs, dict):
        return False
    if mine.get("url") and theirs.get("url"):
        return bool(mine["url"] == theirs["url"])
    first, second = str(mine.get("name") or "").casefold().strip(), str(theirs.get("name") or "").casefold().strip()
    if not first or not second:
        return False
    shorter, longer = sorted((first, second), key=len)
    return longer == shorter or longer.startswith(shorter + " ")


def _names_it(record_title: object, state_titles: set[str]) -> bool:
    """True unless the record and the state object name different films (either may name none)."""
    if not isinstance(record_title, str) or not record_title.strip() or not state_titles:
        return True
    return record_title.casefold().strip() in state_titles


def page_film(
    page: Page, source: str, fields: Collection[str] | None = None, *, only_to_fill: bool = False
) -> FilmFields | None:
    """A film from the page's application state, labelled facts and OpenGraph, for pages without schema.org
    film data; None unless the page shows a title and is plainly about one film (a film-shaped state object,
    an OpenGraph movie type, or enough labelled film facts).

    `only_to_fill`: the film is wanted only for the fields of `fields` it gives (to fill a site record's), so
    None also where it could give none of them, told before the costly part of the read."""
    state = embedded.film_object(page.sel)
    is_movie = (page.meta("og:type") or "").lower() in _OG_FILM_TYPES
    described = state is not None or is_movie
    vocabulary = read_vocabulary(page)
    # A film marked up in data-vocabulary terms names itself (v:itemreviewed) beside a film's own terms.
    marked = vocabulary is not None and vocabulary.is_film and bool(vocabulary.fields.get("title"))
    of_fields = read_labels(page.sel, fields) if fields is not None and (described or only_to_fill) else None
    # Read before the page is known to be a film only where they may be all it gives of `fields`.
    unlabelled = _unlabelled_facts(page, fields) if only_to_fill else None
    if only_to_fill and fields is not None and of_fields is not None:
        gives = vocabulary is not None and any(name in fields for name in vocabulary.fields)
        if not gives and not unlabelled and not _may_give(fields, state, is_movie, of_fields):
            return None
    # Without a state object or an OpenGraph film type, the count of labelled facts decides whether the page is
    # a film: then every label is read, else only those of `fields`.
    labels = of_fields if described and of_fields is not None else read_labels(page.sel, fields if described else None)
    labelled = sum(1 for name in _LABELLED_FILM_FACTS if name in labels.fields)
    if state is None and not is_movie and not marked and labelled < _MIN_LABELLED_FACTS:
        return None
    title, year = _page_title(page)
    if vocabulary is not None and marked:
        # The marked title is the film's; the page heading's year goes with it only where they name one film.
        named = str(vocabulary.fields.get("title"))
        year = vocabulary.fields.get("year") or (year if title and title.casefold() == named.casefold() else None)
        title = named
    elif state is None and not is_movie:
        # A page of printed facts is about the film the heading over them names, where the <title> names it too.
        near = label_heading(page.sel, page.sel.xpath("//title/text()").get())
        if near:
            title, year = near[0], near[1] or year
    url = page_url(page)
    record: FilmFields = {"type": "film", "source": source, "url": url, "id": f"{source}:{path_id(url)}"}
    if state is None and title:
        record["title"] = title
    if year:
        record["year"] = year
    plot = plot_text(page.meta("og:description")) if is_movie else None
    if plot and title:
        plot = _without_title_prefix(plot, title)
    if plot:
        plot = _printed_synopsis_over(plot, labels.fields.get("plot"))
    if not plot and (fields is None or "plot" in fields) and title:
        plot = overview_outline(page.sel, title)
    if not plot and is_movie and (fields is None or "plot" in fields):
        plot = plot_after_credits(page.sel, page.meta("og:description") or page.meta("description"))
    if plot:
        record["plot"] = plot
    record = _with_characters(_completed_from(record, state, labels, vocabulary), page, fields)
    if not record.get("rating") and (fields is None or "rating" in fields):
        record = _with_marked_average(record, page)
    if not record.get("title") and title:
        record["title"] = title
    if state is None and not is_movie and not marked and not facts_are_about(page.sel, str(record.get("title") or "")):
        return None  # the labelled facts are one item's of a page about something else (a news list)
    if unlabelled is None:
        unlabelled = _unlabelled_facts(page, _still_missing(record, fields))
    record = _with_facts(record, unlabelled)
    if fields is None and not record.get("year"):
        # A page read for its whole film (no site record to complete): the printed release date's year is the
        # film's, unless the date is a later release's (a reissue, a video release).
        year = _release_year(record)
        if year:
            record["year"] = year
    return record if record.get("title") else None


_SYNOPSIS_OPENING = 24


def _printed_synopsis_over(description: str, printed: object) -> str:
    """The description, or the synopsis the page prints under a label where the description holds its opening
    after other facts ("Genre: Thriller | Synopsis: Jules and Vincent...") or only the start of it: the longer
    of the printed synopsis and the description from its opening on."""
    if not isinstance(printed, str):
        return description
    opening = printed.rstrip(".…").strip()[:_SYNOPSIS_OPENING]
    start = description.find(opening) if len(opening) == _SYNOPSIS_OPENING else -1
    if start < 0:
        return description
    rest = description[start:]
    return printed if len(printed.rstrip(".…")) >= len(rest.rstrip(".…")) else rest


def _gives_any(film: FilmFields, fields: Collection[str]) -> bool:
    return any(film.get(name) not in (None, "", [], {}) for name in fields)


def _may_give(fields: Collection[str], state: JsonObject | None, is_movie: bool, labels: LabelledFacts) -> bool:
    """Whether page_film's film could hold one of `fields`, from what decides it: its title and year come from
    the page's headings, its plot from an OpenGraph film's description, every other field from the state object
    or from the labels (`labels`: those of `fields`; reading every label finds no more of them, since a label
    fills its own field only)."""
    if state is not None or "title" in fields or "year" in fields or (is_movie and "plot" in fields):
        return True
    return any(name in fields for name in labels.fields)


_LATER_RELEASE = re.compile(r"re-?release|reissue|re-?issue|dvd|blu-?ray|video|vhs|restor|anniversary|stream", re.I)


def _release_year(record: FilmFields) -> int | None:
    date = record.get("release_date")
    raw = str(record.get("release_date_raw") or "")
    if not isinstance(date, str) or not date[:4].isdecimal() or _LATER_RELEASE.search(raw):
        return None
    return int(date[:4])


# Main headings outside the page's furniture, in page order.
_HEADINGS = (
    "//*[self::h1 or self::h2 or self::h3][not(ancestor::nav or ancestor::header or ancestor::footer"
    " or ancestor::aside)]"
)


# A title followed by its director's credit: "Bugonia — Dir. Yorgos Lanthimos", "Heat | a film by Michael Mann".
_DIRECTOR_CREDIT = re.compile(
    r"^(.+?)\s+[-\u2013\u2014|:,]\s*(?:dir\.|directed by|a film by|un film de|réalisé par|regie:?)\s+\S.*$",
    re.IGNORECASE,
)


def _first_heading(page: Page) -> str:
    """The text of the page's first <h1>, cleaned and casefolded."""
    return clean_text(" ".join(page.sel.xpath("(//h1)[1]//text()").getall())).casefold()


# Items whose average is not the film's: one critic's review, a list's, a site's own.
_NOT_THE_FILMS = frozenset({"Review", "CriticReview", "ItemList", "BreadcrumbList", "WebSite", "Organization"})


def _with_marked_average(record: FilmFields, page: Page) -> FilmFields:
    """The record with the page's one marked-up AggregateRating as its rating, for a page found to be a film's
    by other means (its labels, its OpenGraph type) whose item is typed as something else: MyAnimeList's 2016
    pages mark each anime a `schema.org/Product` around "Score: 8.83 (scored by 232,183 users)". Several
    averages (a list's rows) give none, nor one critic's score (a Review's own rating)."""
    averages = [
        item if types_of(item) == {"AggregateRating"} else item.get("aggregateRating")
        for item in page.microdata
        if not types_of(item) & _NOT_THE_FILMS
    ]
    averages = [average for average in averages if isinstance(average, dict)]
    if len(averages) != 1:
        return record
    rating = aggregate_rating(averages[0], default_best=scale_of_site(page.canonical_url or page.url))
    if rating is None:
        return record
    completed = record.copy()
    completed["rating"] = rating
    if "count" in rating:
        completed["ratings"] = [labelled(rating, kind="user")]  # counted votes are the users'
    return completed


def _page_title(page: Page) -> tuple[str | None, int | None]:
    """The film's title and year as the page heads itself: og:title, else the first main heading, else
    <title>."""
    og_title, og_year = title_and_year(page.meta("og:title"))
    credited = _DIRECTOR_CREDIT.match(og_title) if og_title else None
    if credited and _first_heading(page) == clean_text(credited.group(1)).casefold():
        og_title = clean_text(credited.group(1))  # "Bugonia — Dir. Yorgos Lanthimos" over "<h1>Bugonia</h1>"
    if og_title:
        headed = _heading_before_suffix(page, page.meta("og:title") or "")
        if headed:
            return headed
        year = og_year or _year_after_title(page.sel.xpath("//title/text()").get(), og_title)
        return og_title, year or _year_in_heading(page, og_title)
    # A <title> with the year ("Heat (1995) - Site") is the film's; without one it may be the site's name too.
    page_title, page_year = title_and_year(page.sel.xpath("//title/text()").get())
    if page_title and page_year:
        return page_title, page_year
    # The year closing the <title>'s first piece: "Peeping Tom (1960) :: Film Archive :: CineVault".
    first_piece, first_year = title_and_year(TITLE_PIECES.split(page_title or "")[0])
    if first_piece and first_year and first_piece != page_title:
        return first_piece, first_year
    heading = page.sel.xpath("(//h1[not(ancestor::nav or ancestor::header[.//nav])])[1]")
    if not heading and page_title:
        heading = _heading_naming(page, page_title)
    # The heading's first text: later pieces are its year link and badges ("More at IMDbPro").
    texts = [t for t in heading.xpath(".//text()").getall() if t.strip()]
    first = _episode_heading(texts) or (texts[0] if texts else None)
    head_title, head_year = title_and_year(first)
    if head_title and head_year is None:
        # The year in a piece of its own: "<h1>Title <span class=year>(1948)</span></h1>".
        dated = re.search(r"\(\s*((?:18|19|20)\d\d)\s*\)", " ".join(heading.xpath(".//text()").getall()))
        head_year = int(dated.group(1)) if dated else None
    return (head_title, head_year) if head_title else (page_title, page_year)


def _without_title_prefix(plot: str, title: str) -> str:
    """The description without the film's title (and year) a site puts before it: "The Red Shoes (1948) - A
    young ballerina..." is the plot "A young ballerina..."."""
    match = re.match(re.escape(title) + r"(?:\s*\((?:18|19|20)\d\d\))?\s*(?:[-\u2013\u2014:|]\s+)", plot)
    rest = plot[match.end() :] if match else ""
    return rest if len(rest) >= 20 else plot


def _links_home(heading: SelectorList[Selector]) -> bool:
    return any(urlsplit(href.strip()).path in ("", "/") for href in heading.xpath(".//a/@href").getall())


def _year_in_heading(page: Page, title: str) -> int | None:
    """The year the page's first <h1> prints beside the title og:title gives: "<h1>The Red Shoes <span>(1948)
    </span></h1>" under og:title "The Red Shoes"."""
    heading = page.sel.xpath("(//h1[not(ancestor::nav or ancestor::header[.//nav])])[1]")
    shown, year = title_and_year(clean_text(" ".join(heading.xpath(".//text()").getall())))
    return year if shown and year and str(shown).casefold() == title.casefold() else None


# What parts a film's name from the section and site names a page's <title> adds after it: "赤い靴 : 作品情報 -
# 映画.com", "Title｜Site" (spaced, or full-width).
_SUFFIX_SEPARATOR = re.compile(r"\s+(?:[:|\-\u2013\u2014/]|::)\s+|\s*[：｜]\s*")


def _heading_before_suffix(page: Page, og_title: str) -> tuple[str, int | None] | None:
    """The page's first <h1> where og:title is only the page's <title> again, naming the film first and then
    the page's section and site ("赤い靴 : 作品情報 - 映画.com" over "<h1>赤い靴</h1>")."""
    if clean_text(og_title) != clean_text(page.sel.xpath("//title/text()").get() or ""):
        return None
    # Not a site's logo heading its header or linking home ("<h1><a href="/">Site</a></h1>").
    heading = page.sel.xpath("(//h1[not(ancestor::nav or ancestor::header)])[1]")
    shown = clean_text(" ".join(heading.xpath(".//text()").getall()))
    if len(shown) < 2 or not og_title.startswith(shown) or _links_home(heading):
        return None
    if not _SUFFIX_SEPARATOR.match(og_title, len(shown)):
        return None
    title, year = title_and_year(shown)
    return (title, year) if title else None


# An episode's heading names its series in quotes, then the episode: '"Cheers" <em>Pilot</em> (1982)'.
_QUOTED_SERIES = re.compile(r'^\s*"(?P<series>[^"]+)"\s*(?P<episode>.*?)\s*$')
_YEAR_PIECE = re.compile(r"^\s*\(?\s*(?:18|19|20)\d\d\s*\)?\s*$")


def _episode_heading(texts: list[str]) -> str | None:
    """The title a heading gives after a quoted series' title: the episode's, in the same text node or the
    next one ('"Cheers" Pilot', '"Cheers" <em>Pilot</em> (1982)'); the series' own, unquoted, when nothing but
    its year follows; None for a heading that opens with no quoted title."""
    quoted = _QUOTED_SERIES.match(texts[0]) if texts else None
    if quoted is None:
        return None
    if quoted.group("episode"):
        return quoted.group("episode")
    following = texts[1].strip() if len(texts) > 1 else ""
    if following and not following.startswith("(") and not _YEAR_PIECE.match(following):
        return following
    return quoted.group("series")


def _heading_naming(page: Page, page_title: str) -> SelectorList[Selector]:
    """On a page without an <h1>: the first main heading the <title> names ("<h2>Peeping Tom</h2>" under
    "<title>Peeping Tom :: CineVault</title>"); a heading the <title> does not name is a section's."""
    named = page_title.casefold()
    for heading in page.sel.xpath(_HEADINGS):
        shown, _ = title_and_year(" ".join(heading.xpath(".//text()").getall()))
        if shown and len(shown) > 1 and shown.casefold() in named:
            return SelectorList([heading])
    return SelectorList([])


def review_rating(value: object) -> ReviewRatingFields | None:
    if not isinstance(value, dict):
        return None
    raw = text_of(value.get("ratingValue"))
    if raw is None:
        return None
    best = number(value.get("bestRating"))
    worst = number(value.get("worstRating"))
    rating = or_none(parse_rating, raw, best=best, worst=worst if worst is not None else 0)
    if rating is None:
        return {"raw": raw}  # a letter grade, a score without its scale: kept as printed
    return {"value": rating.value, "best": rating.best, "raw": raw}


def review_record(review: JsonObject, page: Page, source: str) -> ReviewFields | None:
    item = review.get("itemReviewed")
    item = item[0] if isinstance(item, list) and item else item
    film_title: str | None = None
    film_year: int | None = None
    directors: list[PersonFields] = []
    if isinstance(item, dict):
        film_title, film_year = title_and_year(item.get("name"), item.get("datePublished") or item.get("dateCreated"))
        directors = credits(item.get("director"), page, kind=PersonFields)
    body = text_of(review.get("reviewBody"))
    headline = text_of(review.get("name") or review.get("headline"))
    if not (film_title or body or headline):
        return None
    author = review.get("author")
    author_name = text_of(as_list(author)[0]) if author else None
    url = page.absolute(review.get("url")) if isinstance(review.get("url"), str) else None
    url = url or page_url(page)
    record: ReviewFields = {
        "type": "review",
        "source": source,
        "url": url,
        "id": f"{source}:{digest_id(url, author_name, headline)}",
        "kind": "critic" if "CriticReview" in types_of(review) or not _is_user_review(review) else "user",
    }
    if film_title:
        record["film_title"] = film_title
    if film_year:
        record["film_year"] = film_year
    if headline:
        record["title"] = headline
    if author_name:
        record["author"] = author_name
    if body:
        record["text"] = body
    rating = review_rating(review.get("reviewRating"))
    if rating:
        record["rating"] = rating
    if directors:
        record["film_directors"] = directors
    date_raw = text_of(review.get("datePublished"))
    if date_raw:
        record.update(_review_date(date_raw))
    return record


def complete_review(record: ReviewFields, page: Page) -> ReviewFields:
    """The record with the film's year, directors and runtime the article states, when itemReviewed lacks them
    and the article names the same film."""
    if record.get("film_year") and record.get("film_directors"):
        return record
    facts = film_facts(page)
    if facts is None or not facts.title or not record.get("film_title"):
        return record
    if facts.title.casefold() != str(record["film_title"]).casefold():
        return record
    completed = record.copy()
    if not completed.get("film_year") and facts.year:
        completed["film_year"] = facts.year
    if not completed.get("film_directors") and facts.directors:
        completed["film_directors"] = [{"name": name} for name in facts.directors]
    if not completed.get("film_runtime_minutes") and facts.runtime_minutes:
        completed["film_runtime_minutes"] = facts.runtime_minutes
    return completed


def _is_user_review(review: JsonObject) -> bool:
    author = as_list(review.get("author"))
    return (
        bool(author)
        and isinstance(author[0], dict)
        and "Person" in types_of(author[0])
        and bool(review.get("publisher") is None and review.get("itemReviewed") is None)
    )


def _review_date(raw: str) -> ReviewFields:
    date = or_none(parse_date, raw)
    return {"date": date.iso, "date_raw": raw} if date else {"date_raw": raw}


def episode_listing(
    films: list[JsonObject], page: Page, source: str, title_route: TitleRoute | None
) -> ListingFields | None:
    """The episodes of a season or series whose data names them, as an "episodes" listing read from the
    page's rows (the data gives names and numbers, the rows the episodes' addresses and air dates).

    The rows are taken only when most of their titles are episodes the data names: a page's other run of
    title links (its seasons, "more like this") is not its episode list."""
    episodes = [episode for film in films for episode in _episodes_of(film)]
    named = {name.casefold() for name in (text_of(episode.get("name")) for episode in episodes) if name}
    if not named:
        return None
    listing = read_listing(page, source, title_route=title_route, kind="episodes")
    if listing is None:
        return None
    entries = listing["entries"]
    if 2 * sum(1 for entry in entries if str(entry.get("title") or "").casefold() in named) < len(entries):
        return None
    stated = max((count(_value_of(film, "numberOfEpisodes")) or 0 for film in films), default=0)
    if not listing.get("total") and stated >= len(entries):
        listing["total"] = stated
    return listing


def _episodes_of(film: JsonObject) -> list[JsonObject]:
    """The episodes a series' or season's data lists, also in its seasons."""
    episodes = [
        item
        for key in ("episode", "episodes")
        for item in as_list(film.get(key))
        if isinstance(item, dict) and "TVEpisode" in types_of(item)
    ]
    for season in as_list(film.get("containsSeason")):
        if isinstance(season, dict):
            episodes.extend(_episodes_of({key: season.get(key) for key in ("episode", "episodes")}))
    return episodes


def _value_of(item: JsonObject, key: str) -> object:
    """A property of a schema.org item by its name in any case: microdata spells them as pages do
    ("numberofEpisodes")."""
    folded = key.casefold()
    return next((value for name, value in item.items() if name.casefold() == folded), None)


def listing_record(item_list: JsonObject, page: Page, source: str) -> ListingFields | None:
    entries: list[ListingEntryFields] = []
    for position, element in enumerate(_list_elements(item_list), start=1):
        item = cast(JsonObject, element.get("item")) if isinstance(element.get("item"), dict) else element
        title, year = title_and_year(item.get("name"), item.get("datePublished") or item.get("dateCreated"))
        if not title:
            continue
        entry: ListingEntryFields = {"title": title, "rank": _position(element.get("position")) or position}
        if year:
            entry["year"] = year
        link = item.get("url") or element.get("url")
        absolute = page.absolute(link) if isinstance(link, str) else None
        if absolute:
            entry["url"] = absolute
            entry["id"] = f"{source}:{path_id(absolute)}"
        entries.append(entry)
    if not entries:
        return None
    url = page_url(page)
    record: ListingFields = {"type": "listing", "source": source, "url": url, "kind": "list", "entries": entries}
    name = text_of(item_list.get("name"))
    if name:
        record["title"] = name
    total = item_list.get("numberOfItems")
    if isinstance(total, int) and total >= len(entries):
        record["total"] = total
    return record


def _list_elements(item_list: JsonObject, depth: int = 0) -> list[JsonObject]:
    """The list's elements, with nested ItemLists (Rotten Tomatoes' browse grid) opened in place."""
    elements: list[JsonObject] = []
    for element in as_list(item_list.get("itemListElement")):
        if not isinstance(element, dict):
            continue
        if "ItemList" in types_of(element) and depth < 3:
            elements.extend(_list_elements(element, depth + 1))
        else:
            elements.append(element)
    return elements


def _position(value: object) -> int | None:
    position = count(value)
    return position if position else None
