"""Pure functions that turn text seen on film pages into typed values.

Every ``parse_*`` function accepts any string and either returns a value or
raises :class:`NormalizeError`; none guesses a value the text does not state.
A value with parts (Rating, Money, Certificate, Awards, Helpful) is the schema's
own model (schemas), built without a second validation: the normaliser has
already checked it, and the record it goes into is validated as a whole.
Nothing here does I/O or knows about Scrapy, so the same rules apply to every
site and are easy to test.
"""

from schemas.common import Rating
from schemas.film import Awards, Certificate, Money
from schemas.review import Helpful

from ._numbers import bounded_count, bounded_decimal, whole_number
from .awards import parse_awards
from .certificate import parse_certificate
from .country import COUNTRY_CODES, COUNTRY_NAMES, country_code
from .counts import parse_count
from .dates import DATEPARSER_CALLS, PartialDate, Precision, dateparser_calls, parse_date, warm_up
from .duration import MAX_MINUTES, parse_runtime, seconds_to_minutes
from .errors import NormalizeError
from .genres import split_genres
from .helpful import helpful_from_votes, parse_helpful
from .money import CURRENCY_CODES, parse_money
from .rating import parse_rating
from .text import clean_multiline, clean_text, parse_credited_as, strip_year_suffix

__all__ = [
    "COUNTRY_CODES",
    "COUNTRY_NAMES",
    "CURRENCY_CODES",
    "DATEPARSER_CALLS",
    "MAX_MINUTES",
    "Awards",
    "Certificate",
    "Helpful",
    "Money",
    "NormalizeError",
    "PartialDate",
    "Precision",
    "Rating",
    "bounded_count",
    "bounded_decimal",
    "clean_multiline",
    "clean_text",
    "country_code",
    "dateparser_calls",
    "helpful_from_votes",
    "parse_awards",
    "parse_certificate",
    "parse_count",
    "parse_credited_as",
    "parse_date",
    "parse_helpful",
    "parse_money",
    "parse_rating",
    "parse_runtime",
    "seconds_to_minutes",
    "split_genres",
    "strip_year_suffix",
    "warm_up",
    "whole_number",
]
