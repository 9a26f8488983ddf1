"""The relational tables `filmcrawl load` writes, declared once: their DDL, their staging columns and the
data dictionary (docs/schema.md) all come from here.

Keys to join on: `film_id` (one site's film record, "imdb:tt0040725") and `film_key` (the film across sites,
"imdb:tt0040725" or "title:the-red-shoes-2025"). films, reviews and listings hold the latest version of each
record; rating_history keeps every rating ever loaded, one row per film, rating kind, scale and fetch time.
Every rating has its value on its own scale and `value_100` on 0-100; countries are ISO 3166-1 alpha-2 codes
everywhere, named in the `countries` lookup table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    doc: str


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    key: tuple[str, ...]
    """The columns that identify a row (not enforced as a constraint: loads replace rows by it)."""
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def ddl(self) -> str:
        body = ",\n    ".join(f"{c.name} {c.sql_type}" for c in self.columns)
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n    {body}\n)"


RATING = "DECIMAL(18,4)"
SCORE_100 = "DECIMAL(7,2)"
MONEY = "DECIMAL(24,4)"

_FILM_REF = (
    Column("film_id", "VARCHAR", "The film record's id on its site (films.film_id)."),
    Column("film_key", "VARCHAR", "The film across sites (films.film_key)."),
    Column("source", "VARCHAR", "Site slug."),
)

FILMS = Table(
    "films",
    "One row per film per site: the latest version of each film record.",
    ("film_id",),
    (
        Column("film_id", "VARCHAR", 'The record\'s `id`: "<site>:<site\'s id>" ("imdb:tt0040725").'),
        Column("film_key", "VARCHAR", "The film across sites: join films of different sites on it."),
        Column("source", "VARCHAR", "Site slug."),
        Column("url", "VARCHAR", "Canonical URL of the film's page."),
        Column("title", "VARCHAR", "Title as the site shows it."),
        Column("original_title", "VARCHAR", "Original-language title, when stated."),
        Column("year", "INTEGER", "Year of first release as the site states it."),
        Column("release_date", "VARCHAR", 'Main release date, partial ISO ("1948", "1948-09", "1948-09-06").'),
        Column("release_country", "VARCHAR", "ISO 3166-1 alpha-2 country of the main release date."),
        Column("runtime_minutes", "INTEGER", "Running time in minutes."),
        Column("genres", "VARCHAR[]", "Genres as the site names them."),
        Column("certificate", "VARCHAR", 'Age rating as shown ("Not Rated").'),
        Column("certificate_normalized", "VARCHAR", 'Canonical age rating ("NR", "PG-13").'),
        Column("languages", "VARCHAR[]", "Spoken languages."),
        Column(
            "countries",
            "VARCHAR[]",
            "ISO 3166-1 alpha-2 codes of the countries of origin, each once, in page "
            "order (names in the countries table); [] when none is known.",
        ),
        Column(
            "countries_raw",
            "VARCHAR[]",
            "Countries of origin as the site names them, those without a known code included.",
        ),
        Column("rating_value", RATING, "The site's main rating, on its own scale."),
        Column("rating_best", RATING, "Top of the main rating's scale."),
        Column("rating_worst", RATING, "Bottom of the main rating's scale."),
        Column("rating_count", "BIGINT", "Votes behind the main rating."),
        Column("rating_100", SCORE_100, "The main rating on 0-100 (ratings.value_100)."),
        Column("user_review_count", "BIGINT", "User reviews the site states."),
        Column("critic_review_count", "BIGINT", "Critic reviews the site states."),
        Column("budget_amount", MONEY, "Production budget, in budget_currency."),
        Column("budget_currency", "VARCHAR", "ISO 4217 code."),
        Column("box_office_amount", MONEY, "Gross box office, in box_office_currency."),
        Column("box_office_currency", "VARCHAR", "ISO 4217 code."),
        Column("plot", "VARCHAR", "Short summary."),
        Column("imdb_id", "VARCHAR", 'IMDb title id the page states ("tt0040725").'),
        Column("scraped_at", "TIMESTAMPTZ", "When the page was fetched."),
        Column("schema_version", "VARCHAR", "Schema version of the record."),
        Column("record", "JSON", "The whole record as written, for fields without a column."),
    ),
)

RATINGS = Table(
    "ratings",
    "Every rating each film record shows (the latest version of the record): one row per "
    "film record, kind and scale (Rotten Tomatoes' critics give a 0-100 Tomatometer and a 0-10 "
    "average rating).",
    ("film_id", "kind", "scale"),
    (
        *_FILM_REF,
        Column("kind", "VARCHAR", "user, critic, audience, metascore, member or store."),
        Column("scale", "VARCHAR", '"<worst>-<best>" of the score\'s scale ("0-100", "1-10", "0-5").'),
        Column("label", "VARCHAR", 'The site\'s name for the score ("Tomatometer"), when it names it.'),
        Column("value", RATING, "The score, on its own scale."),
        Column(
            "value_100",
            SCORE_100,
            "The score on 0-100: (value - worst) / (best - worst) * 100, so the bottom "
            "of any scale is 0 and its top 100 (IMDb's 8.3 on 1-10 is 81.11).",
        ),
        Column("best", RATING, "Top of the scale."),
        Column("worst", RATING, "Bottom of the scale."),
        Column("count", "BIGINT", "Votes or reviews behind the score."),
        Column("scraped_at", "TIMESTAMPTZ", "When the page was fetched."),
    ),
)

CREDITS = Table(
    "credits",
    "Directors, writers and cast of each film record, in credit order.",
    ("film_id", "role", "credit_order"),
    (
        *_FILM_REF,
        Column("role", "VARCHAR", "director, writer or cast."),
        Column("credit_order", "INTEGER", "Position in the role's credits from 1 (the billing order for cast)."),
        Column("name", "VARCHAR", "Name as credited."),
        Column("person_id", "VARCHAR", 'The site\'s id of the person ("nm0000101").'),
        Column("person_url", "VARCHAR", "The person's page on the site."),
        Column("character", "VARCHAR", "Character played (cast)."),
        Column("credited_as", "VARCHAR", "Name credited under, when different (cast)."),
        Column("note", "VARCHAR", 'Credit note ("(screenplay)") (writers).'),
    ),
)

RELEASES = Table(
    "releases",
    "Release events each film record lists, in page order.",
    ("film_id", "release_order"),
    (
        *_FILM_REF,
        Column("release_order", "INTEGER", "Position in the page's list, from 1."),
        Column("country", "VARCHAR", "Country as printed."),
        Column("country_code", "VARCHAR", "ISO 3166-1 alpha-2 code."),
        Column("date", "VARCHAR", "Partial ISO date."),
        Column("date_raw", "VARCHAR", "The date as printed."),
        Column("note", "VARCHAR", 'Qualifiers ("(premiere)").'),
    ),
)

REVIEWS = Table(
    "reviews",
    "One row per review: the latest version of each review record.",
    ("review_id",),
    (
        Column("review_id", "VARCHAR", "The review record's `id`."),
        Column("film_key", "VARCHAR", "The reviewed film across sites."),
        Column("film_id", "VARCHAR", "The reviewed film's record on the same site, when it has one."),
        Column("source", "VARCHAR", "Site slug the review was read on."),
        Column("kind", "VARCHAR", "user or critic."),
        Column("url", "VARCHAR", "Page the review was read on."),
        Column("title", "VARCHAR", "Headline."),
        Column("author", "VARCHAR", "Reviewer."),
        Column("date", "VARCHAR", "Publication date, partial ISO."),
        Column("rating_value", RATING, "The reviewer's score."),
        Column("rating_best", RATING, "Top of the reviewer's scale."),
        Column("rating_raw", "VARCHAR", 'The score as printed ("B+").'),
        Column("helpful_yes", "BIGINT", "Readers who found it helpful."),
        Column("helpful_total", "BIGINT", "Readers who voted."),
        Column("spoiler", "BOOLEAN", "Flagged as containing spoilers."),
        Column("film_title", "VARCHAR", "Title of the reviewed film as the review states it."),
        Column("film_year", "INTEGER", "Year of the reviewed film as the review states it."),
        Column("text", "VARCHAR", "The review's text."),
        Column("scraped_at", "TIMESTAMPTZ", "When the page was fetched."),
        Column("record", "JSON", "The whole record as written, for fields without a column."),
    ),
)

LISTINGS = Table(
    "listings",
    "Listing pages (charts, search results, lists): one row per page and fetch.",
    ("listing_url", "scraped_at"),
    (
        Column("listing_url", "VARCHAR", "URL of the listing page."),
        Column("scraped_at", "TIMESTAMPTZ", "When the page was fetched."),
        Column("source", "VARCHAR", "Site slug."),
        Column(
            "kind",
            "VARCHAR",
            "chart, search, list, watchlist, browse, related, reviews, feed, filmography, episodes or user_films.",
        ),
        Column("title", "VARCHAR", "The listing's heading."),
        Column("total", "BIGINT", "The whole list's size when stated."),
        Column("next_url", "VARCHAR", "URL of the next page."),
        Column("entry_count", "INTEGER", "Entries on this page (rows in listing_entries)."),
    ),
)

LISTING_ENTRIES = Table(
    "listing_entries",
    "Entries of each listing page, in page order.",
    ("listing_url", "scraped_at", "position"),
    (
        Column("listing_url", "VARCHAR", "listings.listing_url."),
        Column("scraped_at", "TIMESTAMPTZ", "listings.scraped_at."),
        Column("source", "VARCHAR", "Site slug."),
        Column("position", "INTEGER", "Position on the page, from 1."),
        Column("rank", "INTEGER", "Rank as printed."),
        Column("title", "VARCHAR", "Title as listed."),
        Column("year", "INTEGER", "Year as listed."),
        Column("url", "VARCHAR", "The entry's page."),
        Column("film_id", "VARCHAR", "The entry's film record id (films.film_id) when the site gives one."),
        Column("rating_value", RATING, "Rating shown beside the entry."),
        Column("rating_best", RATING, "Top of its scale."),
        Column("rating_count", "BIGINT", "Votes behind it."),
    ),
)

RATING_HISTORY = Table(
    "rating_history",
    "Every rating loaded, kept across loads: how a film's scores and vote "
    "counts moved from run to run. Loading a file again adds nothing.",
    ("film_id", "kind", "scale", "scraped_at"),
    (
        Column("film_key", "VARCHAR", "The film across sites (as of the latest load of the film)."),
        Column("film_id", "VARCHAR", "The film record the rating was read from."),
        Column("source", "VARCHAR", "Site slug."),
        Column("kind", "VARCHAR", "Rating kind (ratings.kind)."),
        Column("scale", "VARCHAR", "The score's scale (ratings.scale)."),
        Column("label", "VARCHAR", "The site's name for the score."),
        Column("scraped_at", "TIMESTAMPTZ", "When the page was fetched."),
        Column("value", RATING, "The score."),
        Column("value_100", SCORE_100, "The score on 0-100 (ratings.value_100)."),
        Column("best", RATING, "Top of the scale."),
        Column("count", "BIGINT", "Votes or reviews behind the score."),
    ),
)

COUNTRIES = Table(
    "countries",
    "Names of the ISO 3166-1 alpha-2 codes used in every table (films.countries, "
    "films.release_country, releases.country_code).",
    ("code",),
    (
        Column("code", "VARCHAR", 'ISO 3166-1 alpha-2 code ("GB"); former states keep their former code ("SU").'),
        Column("name", "VARCHAR", 'English name ("United Kingdom").'),
    ),
)

LOADS = Table(
    "loads",
    "One row per file loaded: what went in and when.",
    ("sha256",),
    (
        Column("file", "VARCHAR", "Path of the file as given."),
        Column("sha256", "VARCHAR", "SHA-256 of the file's bytes."),
        Column("loaded_at", "TIMESTAMPTZ", "When it was loaded."),
        Column("films", "BIGINT", "Film records in the file."),
        Column("reviews", "BIGINT", "Review records in the file."),
        Column("listings", "BIGINT", "Listing records in the file."),
    ),
)

TABLES: tuple[Table, ...] = (
    FILMS,
    RATINGS,
    CREDITS,
    RELEASES,
    REVIEWS,
    LISTINGS,
    LISTING_ENTRIES,
    RATING_HISTORY,
    COUNTRIES,
    LOADS,
)
