"""Money amounts: budgets, grosses and store prices.

Amounts are written "£500,000 (estimated)", "$40 million", "€1.234,56",
"HUF 1,000,000" or "US$ 20,000,000". They become an exact Decimal plus an ISO
4217 code. Ranges ("$63–65 million") and amounts without a currency (unless the
caller gives one) are refused.

Symbols that several currencies share resolve to the caller's
``default_currency`` when it is one of them, otherwise to their usual meaning
("$" -> USD, "¥" -> JPY); "kr" and "Rs" have no usual meaning and need it, and
so do all of them where the caller says their usual meaning may not hold
(``usual_meaning=False``: "$" on a page from Australia or Mexico).
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from schemas.film import Money

from ._numbers import INDIAN_GROUPING, MAX_DIGITS
from .errors import NormalizeError
from .text import clean_text

_KIND = "money amount"
_MAX_LEN = 200

_DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "ARS", "CLP", "COP", "TWD", "BRL"})
_CROWNS = frozenset({"SEK", "NOK", "DKK", "ISK"})
_RUPEES = frozenset({"INR", "PKR", "LKR", "NPR"})

# symbol -> (usual currency or None, currencies it may also mean)
_SYMBOLS: dict[str, tuple[str | None, frozenset[str]]] = {
    "US$": ("USD", frozenset()),
    "U.S.$": ("USD", frozenset()),
    "CA$": ("CAD", frozenset()),
    "CAN$": ("CAD", frozenset()),
    "C$": ("CAD", frozenset()),
    "AU$": ("AUD", frozenset()),
    "A$": ("AUD", frozenset()),
    "NZ$": ("NZD", frozenset()),
    "HK$": ("HKD", frozenset()),
    "S$": ("SGD", frozenset()),
    "R$": ("BRL", frozenset()),
    "MX$": ("MXN", frozenset()),
    "NT$": ("TWD", frozenset()),
    "$": ("USD", _DOLLARS),
    "£": ("GBP", frozenset()),
    "€": ("EUR", frozenset()),
    "CN¥": ("CNY", frozenset()),
    "RMB": ("CNY", frozenset()),
    "JP¥": ("JPY", frozenset()),
    "¥": ("JPY", frozenset({"CNY"})),
    "￥": ("JPY", frozenset({"CNY"})),
    "₹": ("INR", frozenset()),
    "₩": ("KRW", frozenset()),
    "₽": ("RUB", frozenset()),
    "₺": ("TRY", frozenset()),
    "₪": ("ILS", frozenset()),
    "₱": ("PHP", frozenset()),
    "฿": ("THB", frozenset()),
    "₫": ("VND", frozenset()),
    "₴": ("UAH", frozenset()),
    "₦": ("NGN", frozenset()),
    "zł": ("PLN", frozenset()),
    "Kč": ("CZK", frozenset()),
    "Ft": ("HUF", frozenset()),
    "kr": (None, _CROWNS),
    "Rs": (None, _RUPEES),
}
CURRENCY_CODES: frozenset[str] = frozenset(
    """
    AED ARS AUD BDT BGN BHD BRL CAD CHF CLP CNY COP CZK DKK EGP EUR GBP GEL HKD HRK HUF IDR ILS INR
    IRR ISK JMD JOD JPY KES KRW KWD KZT LBP LKR MAD MXN MYR NGN NOK NPR NZD PEN PHP PKR PLN QAR RON
    RSD RUB SAR SEK SGD THB TRY TWD UAH USD UYU VEF VES VND ZAR BAM MKD ALL BYN CUP DOP TND XAF XOF
    DEM FRF ITL ESP NLG BEF ATS FIM IEP PTE GRD LUF SIT SKK CYP MTL EEK LVL LTL XEU SUR CSK YUM DDM
    """.split()
)

_WORD_EDGE = r"(?<![^\W\d_])"
_SYMBOL = re.compile(
    "|".join(
        (_WORD_EDGE if symbol[0].isalpha() else "")
        + re.escape(symbol)
        + (r"\.?(?![^\W\d_])" if symbol[-1].isalpha() else "")
        for symbol in sorted(_SYMBOLS, key=len, reverse=True)
    )
)
_CODE = re.compile(r"(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])")
_ESTIMATED = re.compile(r"\(\s*(?:estimated|est\.?)\s*\)|(?<![^\W\d_])(?:estimated|est\.)", re.IGNORECASE)
_NOTE = re.compile(r"\([^()]*\)")
_NUMBER = re.compile(r"(?<![0-9])[0-9]+(?:[ ,.'’][0-9]+)*")
_MULTIPLIER = re.compile(
    r"\s*(?P<word>thousand|million|billion|millions|billions|mio|mln|mn|bn|mrd|milliarden|milliarde|millió|milliárd"
    r"|ezer|tsd|lakh|lakhs|crore|crores|k|m|b)\.?(?![^\W\d_])",
    re.IGNORECASE,
)
_FACTORS = {
    "thousand": 10**3,
    "k": 10**3,
    "tsd": 10**3,
    "ezer": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "mio": 10**6,
    "mln": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "millió": 10**6,
    "billion": 10**9,
    "billions": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "mrd": 10**9,
    "milliarde": 10**9,
    "milliarden": 10**9,
    "milliárd": 10**9,
    # Indian numbering, as Wikipedia states Indian films' budgets ("₹100 crore").
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
}


def _currency(text: str, default: str | None, s: str, usual_meaning: bool = True) -> tuple[str, str]:
    """(currency, text with the currency marks blanked out)."""
    found: set[str] = set()

    def resolve(usual: str | None, alternatives: frozenset[str]) -> str:
        if default is not None and (default == usual or default in alternatives):
            return default
        if usual is None or (alternatives and not usual_meaning):
            raise NormalizeError(_KIND, s, "the currency symbol is ambiguous")
        return usual

    def symbol(match: re.Match[str]) -> str:
        usual, alternatives = _SYMBOLS[match.group(0).rstrip(".")]
        found.add(resolve(usual, alternatives))
        return " "

    def code(match: re.Match[str]) -> str:
        if match.group(0) not in CURRENCY_CODES:
            return match.group(0)
        found.add(match.group(0))
        return " "

    text = _CODE.sub(code, _SYMBOL.sub(symbol, text))
    if len(found) > 1:
        raise NormalizeError(_KIND, s, "several currencies")
    if found:
        return found.pop(), text
    if default is None:
        raise NormalizeError(_KIND, s, "no currency stated or given")
    return default, text


def _split(token: str, has_multiplier: bool, s: str) -> tuple[str, str]:
    """(integer digits, fraction digits) of a number written with local separators."""
    marks = [char for char in token if not char.isdigit()]
    decimal_marks = [mark for mark in marks if mark in ".,"]
    decimal: str | None = None
    if len(set(decimal_marks)) == 2:
        decimal = decimal_marks[-1]
    elif len(decimal_marks) == 1:
        tail = token.rsplit(decimal_marks[0], 1)[1]
        if has_multiplier or len(tail) != 3:
            decimal = decimal_marks[0]
    if decimal is not None:
        if marks[-1] != decimal or marks.count(decimal) != 1:
            raise NormalizeError(_KIND, s, f"cannot tell the decimal mark in {token!r}")
        whole, fraction = token.rsplit(decimal, 1)
    else:
        whole, fraction = token, ""
    groups = re.split(r"[ ,.'’]", whole)
    group_marks = {char for char in whole if not char.isdigit()}
    if (
        len(groups) > 1
        and not INDIAN_GROUPING.fullmatch(whole)
        and (len(group_marks) != 1 or not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]))
    ):
        raise NormalizeError(_KIND, s, f"{token!r} is not grouped in thousands")
    return "".join(groups), fraction


def _plain(amount: Decimal) -> Decimal:
    """``amount`` without trailing zeros and never in exponent notation (5E+5 -> 500000)."""
    with localcontext(prec=4 * MAX_DIGITS):
        amount = amount.normalize()
        if amount.as_tuple().exponent > 0:  # type: ignore[operator]
            amount = amount.quantize(Decimal(1))
    return amount


def parse_money(s: str, *, default_currency: str | None = None, usual_meaning: bool = True) -> Money:
    """An amount and currency from "£500,000 (estimated)", "$40 million", "€1.234,56", "HUF 1,000,000", ...

    ``default_currency`` (ISO 4217) applies when the text shows no currency, and
    settles shared symbols such as "$" or "kr". With ``usual_meaning=False`` a
    shared symbol it does not settle is refused instead of read in its usual
    meaning.
    """
    default = None
    if default_currency is not None:
        default = default_currency.strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", default):
            raise NormalizeError(_KIND, s, f"default currency {default_currency!r} is not an ISO 4217 code")
    text = clean_text(s)
    if not text:
        raise NormalizeError(_KIND, s, "empty")
    if len(text) > _MAX_LEN:
        raise NormalizeError(_KIND, s, "text too long")
    if not any(char.isdigit() for char in text):
        raise NormalizeError(_KIND, s, "no amount")
    text, marks = _ESTIMATED.subn(" ", text)
    without_notes = _NOTE.sub(" ", text)
    text = without_notes if any(char.isdigit() for char in without_notes) else text.replace("(", " ").replace(")", " ")
    currency, text = _currency(text, default, s, usual_meaning)
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        raise NormalizeError(_KIND, s, "no amount")
    if len(numbers) > 1:
        raise NormalizeError(_KIND, s, "several numbers (a range?)")
    number = numbers[0]
    if text[: number.start()].rstrip().endswith(("-", "−")):
        raise NormalizeError(_KIND, s, "negative")
    token = number.group(0)
    if sum(char.isdigit() for char in token) > MAX_DIGITS:
        raise NormalizeError(_KIND, s, "number too long")
    multiplier = _MULTIPLIER.match(text, number.end())
    whole, fraction = _split(token, multiplier is not None, s)
    factor = _FACTORS[multiplier.group("word").lower()] if multiplier else 1
    with localcontext(prec=4 * MAX_DIGITS):
        amount = Decimal(f"{whole}.{fraction}" if fraction else whole) * factor
    return Money.model_construct(amount=_plain(amount), currency=currency, estimated=bool(marks), raw=s)
