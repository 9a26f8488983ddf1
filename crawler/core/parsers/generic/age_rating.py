"""A film's age rating printed without a label, as Czech and Slovak pages print it: the rating category's own
words, alone in their element ("<div><p>Nevhodný mládeži do 15 let</p></div>" heading ČSFD's premieres box in
the page's sidebar, which the label reader never reads).

Only the categories' fixed phrases are read, and only where the page prints exactly one of them, outside links,
forms and the page's navigation: a cinema's programme printing a rating per film, or a search form offering
every category, gives none.
"""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from crawler.core.normalize import clean_text
from schemas.record_fields import CertificateFields

from ..schemaorg import certificate

# The Czech categories ("Přístupný bez omezení", "Nevhodný pro děti do 12 let", "Nevhodný mládeži do 15 let",
# "Nepřístupný mládeži do 18 let", "Mládeži do 18 let nepřístupný") and the Slovak ones ("Nevhodné pre
# maloletých do 12 rokov", "Neprístupné pre maloletých do 18 rokov", "Vhodné pre všetky vekové skupiny").
_AGE_RATING = re.compile(
    r"^(?:přístupný bez omezení"
    r"|(?:ne)?(?:vhodný|přístupný) (?:pro děti|pro mládež|mládeži) (?:do|od) \d{1,2} let"
    r"|mládeži (?:do \d{1,2} let )?(?:ne)?přístupný"
    r"|(?:ne)?(?:vhodné|prístupné|vhodný|prístupný) pre (?:maloletých|mládež|deti) (?:do|od) \d{1,2} rokov"
    r"|vhodné pre všetky vekové skupiny"
    r"|mládeži (?:ne)?prístupný)$",
    re.IGNORECASE,
)
# Text nodes that may hold a category, picked by the XPath engine before any is matched in Python.
_CANDIDATE_TEXTS = (
    "//body/descendant::text()[not(parent::script or parent::style)][contains(., 'mládež') or contains(., 'Mládež') or contains(., 'omezení')"
    " or contains(., 'děti') or contains(., 'deti') or contains(., 'maloletých') or contains(., 'skupiny')]"
)
_LONGEST = 60
# Elements whose text is a link, a choice or the page's furniture: never the film's rating.
_NOT_FACTS = frozenset({"a", "option", "label", "button", "select", "form", "nav", "header", "footer", "script"})


def read_age_rating(sel: Selector) -> CertificateFields | None:
    """The page's one printed age rating category; None where it prints none, or more than one."""
    if sel.type not in ("html", "xml"):
        return None
    found: list[tuple[str, Any]] = []
    for node in sel.root.xpath(_CANDIDATE_TEXTS):
        shown = clean_text(str(node))
        if len(shown) <= _LONGEST and _AGE_RATING.match(shown):
            found.append((shown, node.getparent()))
    if len(found) != 1:
        return None
    shown, element = found[0]
    if not _alone_in(shown, element) or _in_furniture(element):
        return None
    return certificate(shown)


def _alone_in(shown: str, element: Any) -> bool:
    """True when the text is all its element prints (not a sentence's part, nor a tail beside other text)."""
    return element is not None and clean_text(" ".join(element.itertext())) == shown


def _in_furniture(element: Any) -> bool:
    while element is not None:
        if isinstance(element.tag, str) and element.tag in _NOT_FACTS:
            return True
        element = element.getparent()
    return False
