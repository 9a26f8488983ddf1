"""The `film` record: one film as one site shows it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import (
    CastMember,
    Count,
    CountryCode,
    CurrencyCode,
    ExactNumber,
    Extraction,
    FilmKey,
    HttpUrl,
    NonEmptyStr,
    PartialIsoDate,
    Person,
    Rating,
    Record,
    RecordId,
    ScoredRating,
    Source,
    UtcDatetime,
    Writer,
    Year,
)
from .version import SCHEMA_VERSION, SchemaVersion


class Certificate(Record):
    """An age rating as the page shows it, with a normalised code where one is known."""

    code: NonEmptyStr
    """The certificate exactly as shown ("Not Rated", "PG-13", "12A")."""
    normalized: str | None = None
    """Canonical code: "NR" for Not Rated, "PG-13", "TV-MA", "UNRATED", "PASSED"; null when unknown."""
    country: CountryCode | None = None
    """ISO 3166-1 alpha-2 country of the rating system, when stated or implied by the site."""


class Release(Record):
    """One release event (a country's premiere, limited or wide release, streaming...)."""

    country: str | None = None
    """Country as printed on the page ("UK", "USA", "Germany")."""
    country_code: CountryCode | None = None
    """ISO 3166-1 alpha-2 code of `country`."""
    date: PartialIsoDate | None = None
    """ISO date, as precise as the page states it: "1948", "1948-09" or "1948-09-06"."""
    date_raw: str | None = None
    """The date text as printed."""
    note: str | None = None
    """Qualifiers as printed ("(premiere)", "(limited)", "Theatrical")."""


class AlsoKnownAs(Record):
    title: NonEmptyStr
    """The alternative title."""
    country: str | None = None
    """Where the title is used, as printed ("Spain", "USA")."""
    note: str | None = None
    """Qualifiers as printed ("(TV title)", "(working title)", "(original title)")."""


class Money(Record):
    amount: ExactNumber
    """Amount in `currency` units, exact as printed (500000, 2.99)."""
    currency: CurrencyCode
    """ISO 4217 currency code."""
    estimated: bool = False
    """True when the page marks the figure as an estimate."""
    raw: str | None = None
    """The text the amount was read from."""


class Awards(Record):
    """Counts parsed from an awards summary. Wins and nominations include the Oscars they mention."""

    raw: NonEmptyStr
    """The summary as printed ("Won 2 Oscars. Another 2 wins & 5 nominations.")."""
    wins: Count | None = None
    """All wins stated, Oscars included."""
    nominations: Count | None = None
    """All nominations stated, Oscar nominations included."""
    oscar_wins: Count | None = None
    """Oscars won, when the summary states them."""
    oscar_nominations: Count | None = None
    """Oscar nominations, when the summary states them."""


class TechnicalSpecs(Record):
    sound_mix: list[str] = Field(default_factory=list)
    """Sound systems with their notes ("Mono (Western Electric Recording)")."""
    color: list[str] = Field(default_factory=list)
    """Colour processes with their notes ("Color (Technicolor)")."""
    aspect_ratio: list[str] = Field(default_factory=list)
    """Aspect ratios as printed ("1.37 : 1")."""


class RelatedTitle(Record):
    """A title the page recommends ("people who liked this also liked")."""

    title: NonEmptyStr
    """Title as shown."""
    year: Year | None = None
    """Year of first release."""
    id: str | None = None
    """"<site>:<source id>" of the recommended title."""
    url: HttpUrl | None = None
    """Absolute URL of the recommended title's page."""
    rating: Rating | None = None
    """Its rating on the site's main scale."""
    genres: list[str] = Field(default_factory=list)
    """Genres as shown."""
    certificate: str | None = None
    """Certificate as shown."""
    directors: list[str] = Field(default_factory=list)
    """Director names as shown."""
    stars: list[str] = Field(default_factory=list)
    """Star names as shown."""
    plot: str | None = None
    """The short plot shown with the recommendation."""


class Offer(Record):
    """A way to watch or buy the film ("From $2.99 (SD) on Amazon Video")."""

    store: NonEmptyStr
    """Store or service name ("Amazon Video", "Fandango at Home")."""
    price: ExactNumber | None = None
    """Price in `currency` units; null when the page shows none (subscription, free with ads)."""
    currency: CurrencyCode | None = None
    """ISO 4217 code of `price`."""
    quality: Literal["SD", "HD", "HDX", "UHD"] | None = None
    """Video quality of the offer."""
    kind: Literal["rent", "buy", "subscription", "free"] | None = None
    """What the price buys."""
    price_is_minimum: bool = False
    """True when the page says "From" the price."""
    raw: str | None = None
    """The offer text as printed, when it came from text."""


class SoundtrackEntry(Record):
    title: NonEmptyStr
    """Song or piece title."""
    credits: list[str] = Field(default_factory=list)
    """Credit lines as printed ("Music by Adolphe Adam", "(uncredited)")."""


TitleKind = Literal["movie", "tv_series", "tv_mini_series", "tv_movie", "tv_special", "tv_episode", "short", "video"]


class SeriesRef(Record):
    """The series an episode belongs to."""

    id: RecordId | None = None
    """"<site>:<source id>" of the series, when the page links it."""
    title: NonEmptyStr
    """The series title as shown."""


class Film(Record):
    """A film as one site shows it. One record per film per site: sub-pages merge into it."""

    type: Literal["film"] = "film"
    """Record type."""
    schema_version: SchemaVersion = SCHEMA_VERSION
    """Version of this schema; see schemas/CHANGELOG.md."""
    id: RecordId
    """"<site>:<source id>", e.g. "imdb:tt0040725"."""
    film_key: FilmKey | None = None
    """The film across sites: the same on every site's record of one film and different for films that only
    share a title ("imdb:tt0040725"; "title:the-red-shoes-2025" when no IMDb id is known). Set when records
    are written (crawl output, `filmcrawl merge`); null in `filmcrawl extract` output."""
    source: Source
    """Site slug the record comes from ("imdb", "rottentomatoes", "fandango_at_home")."""
    url: HttpUrl
    """Canonical URL of the film's page on the site."""
    scraped_at: UtcDatetime
    """When the page was fetched (ISO 8601, UTC)."""
    title: NonEmptyStr
    """Title as the page shows it (possibly localised)."""
    original_title: str | None = None
    """Original-language title when the page states it and it differs or is known."""
    year: Year | None = None
    """Year of first release as the page states it (a series' first year)."""
    title_kind: TitleKind | None = None
    """What the title is: a feature film ("movie"), a TV series or mini-series, a TV movie or special, an
    episode, a short or a video; null when the page does not say."""
    end_year: Year | None = None
    """Last year of a series' run ("2007–2019" gives 2019); null for a film or a series still running."""
    series: SeriesRef | None = None
    """For an episode: the series it belongs to."""
    season: Count | None = None
    """For an episode: its season number."""
    episode: Count | None = None
    """For an episode: its number within the season."""
    rating: Rating | None = None
    """The page's main rating, on its own scale."""
    ratings: list[ScoredRating] = Field(default_factory=list)
    """Every rating the page shows, each with its kind and scale; the main one included."""
    runtime_minutes: Count | None = None
    """Running time in whole minutes."""
    runtime_raw: str | None = None
    """The runtime text as printed ("133 min", "2h 13min")."""
    genres: list[str] = Field(default_factory=list)
    """Genres as the site names them."""
    certificate: Certificate | None = None
    """The age rating the page shows."""
    release_date: PartialIsoDate | None = None
    """Main release date, as precise as the page states it ("1948", "1948-09", "1948-09-06")."""
    release_date_raw: str | None = None
    """The release-date text as printed ("6 September 1948 (UK)")."""
    release_country: CountryCode | None = None
    """ISO 3166-1 alpha-2 country of the main release date."""
    releases: list[Release] = Field(default_factory=list)
    """Every release the page lists, in page order."""
    directors: list[Person] = Field(default_factory=list)
    """Directors in credit order."""
    writers: list[Writer] = Field(default_factory=list)
    """Writers in credit order, with their credit notes."""
    cast: list[CastMember] = Field(default_factory=list)
    """Cast in billing order."""
    plot: str | None = None
    """Short summary (the outline or synopsis under the title)."""
    storyline: str | None = None
    """Longer plot description, with its author line when the page gives one."""
    tagline: str | None = None
    """Promotional tagline."""
    critics_consensus: str | None = None
    """Critics' consensus text (Rotten Tomatoes)."""
    languages: list[str] = Field(default_factory=list)
    """Spoken languages as named by the site."""
    countries: list[str] = Field(default_factory=list)
    """Countries of origin as named by the site."""
    also_known_as: list[AlsoKnownAs] = Field(default_factory=list)
    """Alternative titles."""
    budget: Money | None = None
    """Production budget."""
    box_office: Money | None = None
    """Gross box office as stated (worldwide when the page does not say)."""
    awards: Awards | None = None
    """Awards summary with parsed counts."""
    user_review_count: Count | None = None
    """Number of user reviews the site states."""
    critic_review_count: Count | None = None
    """Number of critic reviews the site states."""
    technical: TechnicalSpecs | None = None
    """Sound mix, colour and aspect ratio."""
    trivia: list[str] = Field(default_factory=list)
    """Trivia items shown."""
    goofs: list[str] = Field(default_factory=list)
    """Goofs shown."""
    quotes: list[str] = Field(default_factory=list)
    """Quotes shown, each a block of lines joined with newlines."""
    crazy_credits: list[str] = Field(default_factory=list)
    """Crazy credits shown."""
    connections: list[str] = Field(default_factory=list)
    """Connections to other titles as printed ("Referenced in Inside the Actors Studio (2002)")."""
    soundtrack: list[SoundtrackEntry] = Field(default_factory=list)
    """Soundtrack entries."""
    filming_locations: list[str] = Field(default_factory=list)
    """Filming locations as printed."""
    related: list[RelatedTitle] = Field(default_factory=list)
    """Titles the page recommends, in page order."""
    offers: list[Offer] = Field(default_factory=list)
    """Ways to watch or buy."""
    available_on: list[str] = Field(default_factory=list)
    """Other stores or services the page says the film is available on."""
    audio_description: bool | None = None
    """True when the page marks the film as having audio description ("AD")."""
    external_ids: dict[str, str] = Field(default_factory=dict)
    """Identifiers of the same film on other sites that the page states ({"imdb": "tt0040725"})."""
    extraction: Extraction | None = None
    """How the record was read (parser, fields filled by fallback, raw text of values that failed)."""
