"""The article sections below the title header of the 2010-2021 title pages.

Both the 2010-2016 `overview-top` layout and the 2016-2021 `title_wrapper` layout put the same articles
under their header: cast table (`#titleCast table.cast_list`), storyline, details (`div.txt-block` rows
labelled by an `h4`), "Did You Know?", the featured user review, the awards line, the "people who liked
this also liked" recommendations (`div.rec_overview`) and the watch bar. This module reads them; the
layout modules read their own headers. The first pages of 2010-2011 give the articles no ids: they are
`div.article` blocks known by their `h2` ("Storyline", "Details"), the cast names in `td.name`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from parsel import Selector, SelectorList

from crawler.core.normalize import clean_text, parse_helpful, parse_money
from schemas.record_fields import (
    AwardsFields,
    CastMemberFields,
    FilmFields,
    OfferFields,
    RelatedTitleFields,
    ReviewFields,
    TechnicalSpecsFields,
)

from ..fields import iso_date, keep_unparsed, or_none, value_fields, without_more_link
from ..ids import digest_id
from ..page import Page
from .common import (
    BASE,
    IMDB_BEST,
    IMDB_WORST,
    awards_field,
    certificate_field,
    character_and_alias,
    count_of,
    film_id,
    film_of_review,
    lines,
    main_url,
    money_field,
    multiline,
    person,
    rated_code,
    sprite_certificate,
    text,
    user_rating,
    year_in,
)

CAST_ROWS = '//table[contains(@class, "cast_list")]//tr[td[contains(@class, "character")]]'
CAST_NAME = './td[@itemprop="actor"]//a | ./td[not(@class)]/a | ./td[@class="itemprop"]//a | ./td[@class="name"]//a'
CAST_CHARACTER = './td[contains(@class, "character")]'
STORYLINE = (
    '//div[@id="titleStoryLine"] | //div[contains(@class, "article")][not(@id)][h2[normalize-space()="Storyline"]]'
)
STORYLINE_PARAGRAPH = "./p[1]"
# 2016-18 pages mark the text itemprop="description"; 2019-21 pages drop the itemprop.
STORYLINE_TEXT = '(./div[@itemprop="description"] | ./div[contains(@class, "canwrap")][not(@itemprop)][p])[1]'
STORYLINE_GENRES = './div[@itemprop="genre"]//a | ./div[h4[starts-with(normalize-space(), "Genre")]]//a'
STORYLINE_CERTIFICATE = './/span[@itemprop="contentRating"]'
DETAIL_BLOCKS = (
    '//div[@id="titleDetails" or @id="titleStoryLine"]//div[contains(@class, "txt-block")][h4]'
    ' | //div[contains(concat(" ", normalize-space(@class), " "), " article ")][not(@id)][h2]'
    '/div[contains(@class, "txt-block")][h4]'
)
# Comments too: an element query on a comment node fails.
BLOCK_NOISE = 'self::h4 or self::script or self::comment() or contains(@class, "see-more") or contains(@class, "ghost")'
DID_YOU_KNOW = '//div[@id="titleDidYouKnow"]'
AWARDS = '//div[@id="titleAwardsRanks"]//span[@itemprop="awards"]'
METASCORE = '//div[contains(@class, "metacriticScore")]/span/text()'
REVIEW_BAR_LINKS = '//div[contains(@class, "titleReviewBar")]//a | //div[contains(@class, "star-box-details")]//a'
REVIEW_TEASER = '//div[@id="titleUserReviewsTeaser"]//div[contains(@class, "user-comments")]'
RECOMMENDATIONS = '//div[contains(@class, "rec_overview")][@data-tconst]'
WATCH_OPTIONS = (
    '//div[contains(@class, "winner-option") or contains(@class, "watch-option")]//div[contains(@class, "info")]/p'
)

_OFFER = re.compile(
    r"^(?P<from>From\s+)?(?P<price>\S*\d[\d.,]*)\s*(?:\((?P<quality>SD|HD|HDX|UHD|4K)\))?\s+on\s+(?P<store>.+)$",
    re.IGNORECASE,
)
_LOCATION = re.compile(r"\(([^()]+)\)\s*(?:[-–—]\s*See all my reviews)?\s*$")
# "(4K)" after a price is the store's name for an Ultra HD edition.
_QUALITIES: dict[str, Literal["SD", "HD", "HDX", "UHD"]] = {
    "SD": "SD",
    "HD": "HD",
    "HDX": "HDX",
    "UHD": "UHD",
    "4K": "UHD",
}
_RATING_TITLE = re.compile(r"(\d+(?:[.,]\d+)?)/10\s*\(([\d,. ]+)\s*votes?\)")


def block_value(block: Selector) -> str | None:
    """Text of a labelled `txt-block` without its label, separators and "See more" links."""
    parts = block.xpath(f"./node()[not({BLOCK_NOISE})]")
    chunks = []
    for part in parts:
        if isinstance(part.root, str):
            chunks.append(part.root)
        else:
            chunks.append(" ".join(part.xpath(".//text()[not(ancestor::script)]").getall()))
    value = clean_text(" ".join(chunks)).strip(" |»")
    return value or None


def block_items(block: Selector) -> list[str]:
    """The items of a block whose entries are separated by `span.ghost` bars ("Mono (note) | Dolby")."""
    items: list[list[str]] = [[]]
    for part in block.xpath(
        "./node()[not(self::h4 or self::script or self::comment() or contains(@class, 'see-more'))]"
    ):
        if not isinstance(part.root, str) and "ghost" in (part.attrib.get("class") or ""):
            items.append([])
            continue
        if isinstance(part.root, str):
            items[-1].append(part.root)
        else:
            items[-1].append(" ".join(part.xpath(".//text()").getall()))
    out = []
    for item in items:
        value = clean_text(" ".join(item)).strip(" |»,")
        if value and value.lower() != "see more":
            out.append(value)
    return out


def details(page: Page) -> dict[str, Selector]:
    """The labelled blocks of the Storyline and Details articles, by label ("Release Date", "Budget")."""
    found: dict[str, Selector] = {}
    for block in page.sel.xpath(DETAIL_BLOCKS):
        label = clean_text(block.xpath("string(./h4)").get() or "").rstrip(":").strip()
        if label and label not in found:
            found[label] = block
    return found


# A series' cast row (2017-2021) follows the character with " / ..." and a link that unfolds the actor's
# episodes ("124 episodes, 1999-2013"): neither is part of the character.
_CHARACTER_TEXT = ".//text()[not(ancestor::a[contains(@class, 'toggle-episodes')])]"
_EPISODES_ELLIPSIS = re.compile(r"\s*/\s*\.\.\.\s*$")


def _character_text(cell: SelectorList[Selector]) -> str | None:
    raw = clean_text(" ".join(cell.xpath(_CHARACTER_TEXT).getall()))
    return _EPISODES_ELLIPSIS.sub("", raw) or None


def cast(page: Page) -> list[CastMemberFields]:
    members: list[CastMemberFields] = []
    for row in page.sel.xpath(CAST_ROWS):
        link = row.xpath(CAST_NAME)
        if not link:
            continue
        member = person(link[0], page, kind=CastMemberFields)
        if not member:
            continue
        character, alias = character_and_alias(_character_text(row.xpath(CAST_CHARACTER)))
        if character:
            member["character"] = character
        if alias:
            member["credited_as"] = alias
        member["order"] = len(members) + 1
        members.append(member)
    return members


def storyline_fields(page: Page) -> FilmFields:
    fields: FilmFields = {}
    story = page.sel.xpath(STORYLINE)[:1]
    if not story:
        return fields
    storyline = text(story.xpath(STORYLINE_TEXT)) or (
        text(story.xpath(STORYLINE_PARAGRAPH)) if "id" not in story[0].attrib else None
    )
    if storyline:
        fields["storyline"] = storyline
    genres = [g for g in (clean_text(x) for x in story.xpath(STORYLINE_GENRES).xpath("string()").getall()) if g]
    if genres:
        fields["genres"] = list(dict.fromkeys(genres))
    code = text(story.xpath(STORYLINE_CERTIFICATE))
    # 2012-2014 pages print the MPAA line there: "Rated R for strong graphic violence throughout..."
    cert = certificate_field((rated_code(code) or code) if code and code.startswith("Rated ") else code)
    if cert:
        fields["certificate"] = cert
    return fields


def detail_fields(page: Page) -> FilmFields:
    fields: FilmFields = {}
    blocks = details(page)

    def value(*labels: str) -> str | None:
        for label in labels:
            if label in blocks:
                return block_value(blocks[label])
        return None

    def items(label: str) -> list[str]:
        return block_items(blocks[label]) if label in blocks else []

    tagline = value("Taglines", "Tagline")
    if tagline:
        fields["tagline"] = tagline

    def linked(label: str) -> list[str]:
        names = (
            [clean_text(a) for a in blocks[label].xpath("./a").xpath("string()").getall()] if label in blocks else []
        )
        return [n for n in names if n]

    if countries := linked("Country"):
        fields["countries"] = countries
    if languages := linked("Language"):
        fields["languages"] = languages
    aka = value("Also Known As")
    if aka:
        fields["also_known_as"] = [{"title": aka}]
    locations = (
        [
            clean_text(a)
            for a in blocks["Filming Locations"].xpath("./a[not(ancestor::span)]").xpath("string()").getall()
        ]
        if "Filming Locations" in blocks
        else []
    )
    locations = [loc for loc in locations if loc and loc.lower() != "see more"]
    if locations:
        fields["filming_locations"] = locations
    unparsed: dict[str, str] = {}
    budget = money_field(value("Budget"), unparsed, "budget")
    if budget:
        fields["budget"] = budget
    gross = money_field(value("Cumulative Worldwide Gross", "Gross"), unparsed, "box_office")
    if gross:
        fields["box_office"] = gross
    keep_unparsed(fields, unparsed)
    technical: TechnicalSpecsFields = {
        "sound_mix": items("Sound Mix"),
        "color": items("Color"),
        "aspect_ratio": items("Aspect Ratio"),
    }
    if any(technical.values()):
        fields["technical"] = technical
    return fields


def did_you_know(page: Page) -> FilmFields:
    fields: FilmFields = {}
    box = page.sel.xpath(DID_YOU_KNOW)
    if not box:
        return fields
    without_more = "./node()[not(self::h4 or self::script or self::comment()) and not(contains(@class, 'nobr'))]"

    def plain(section_id: str) -> str | None:
        section = box.xpath(f'.//div[@id="{section_id}"]')
        if not section:
            return None
        chunks = []
        for part in section.xpath(without_more):
            chunks.append(part.root if isinstance(part.root, str) else " ".join(part.xpath(".//text()").getall()))
        value = clean_text(" ".join(chunks))
        value = re.sub(r"\s*See more\s*»?\s*$", "", value).strip(" »")
        return value or None

    if trivia := plain("trivia"):
        fields["trivia"] = [trivia]
    if goof := plain("goofs"):
        fields["goofs"] = [goof]
    if crazy_credit := plain("crazyCredits"):
        fields["crazy_credits"] = [crazy_credit]
    if connection := plain("connections"):
        fields["connections"] = [connection]
    quote = box.xpath('.//div[@id="quotes"]')
    if quote:
        quote_lines = [ln for ln in lines(quote.xpath(without_more)) if not re.fullmatch(r"See more\s*»?", ln)]
        quote_lines = [re.sub(r"\s+:", ":", ln) for ln in quote_lines]
        if quote_lines:
            fields["quotes"] = ["\n".join(quote_lines)]
    song = box.xpath('.//div[@id="soundtracks"]')
    if song:
        song_lines = [ln for ln in lines(song.xpath(without_more)) if not re.fullmatch(r"See more\s*»?", ln)]
        if song_lines:
            fields["soundtrack"] = [{"title": song_lines[0], "credits": song_lines[1:]}]
    return fields


def awards(page: Page) -> AwardsFields | None:
    parts = [text(node) for node in page.sel.xpath(AWARDS)]
    return awards_field(" ".join(p for p in parts if p))


def review_counts(page: Page) -> FilmFields:
    counts: FilmFields = {}
    for link in page.sel.xpath(REVIEW_BAR_LINKS):
        label = text(link) or ""
        match = re.fullmatch(r"([\d][\d,. ]*)\s+(user|critic)", label, re.IGNORECASE)
        value = count_of(match.group(1)) if match else None
        if match is None or value is None:
            continue
        if match.group(2).lower() == "user":
            counts.setdefault("user_review_count", value)
        else:
            counts.setdefault("critic_review_count", value)
    return counts


def metascore(page: Page) -> str | None:
    value = page.sel.xpath(METASCORE).get()
    return value.strip() if value and value.strip().isdigit() else None


def offers(page: Page) -> list[OfferFields]:
    found: list[OfferFields] = []
    for node in page.sel.xpath(WATCH_OPTIONS):
        raw = text(node)
        match = _OFFER.match(raw or "")
        if not raw or not match:
            continue
        offer: OfferFields = {
            "store": clean_text(match.group("store")),
            "raw": raw,
            "price_is_minimum": bool(match.group("from")),
        }
        money = or_none(parse_money, match.group("price"))  # the offer's text is its `raw`
        if money is not None:
            offer["price"] = money.amount
            offer["currency"] = money.currency
        quality = _QUALITIES.get((match.group("quality") or "").upper())
        if quality:
            offer["quality"] = quality
        found.append(offer)
    return found


def related(page: Page) -> list[RelatedTitleFields]:
    titles: list[RelatedTitleFields] = []
    for rec in page.sel.xpath(RECOMMENDATIONS):
        tt = rec.attrib.get("data-tconst")
        name = text(rec.xpath('.//div[contains(@class, "rec-title")]//a'))
        if not name or not tt:
            continue
        item: RelatedTitleFields = {"title": name, "id": film_id(tt), "url": main_url(tt)}
        year = year_in(text(rec.xpath('.//div[contains(@class, "rec-title")]/span')))
        if year:
            item["year"] = year
        value = text(rec.xpath('.//span[contains(@class, "rating-rating")]/span[@class="value"]'))
        votes = None
        match = _RATING_TITLE.search(rec.xpath('.//div[contains(@class, "rating-list")]/@title').get() or "")
        if match:
            value = value or match.group(1)
            votes = match.group(2)
        rating = user_rating(value, votes)
        if rating:
            item["rating"] = rating
        cert_genre = rec.xpath('.//div[contains(@class, "rec-cert-genre")]')
        certificate = sprite_certificate(cert_genre.xpath(".//span[contains(@class, 'titlePageSprite')]/@class").get())
        genre_text = text(cert_genre) or ""
        shown = re.match(r"Certificate:\s*(\S+)\s*(.*)$", genre_text)
        if shown:
            certificate, genre_text = shown.group(1), shown.group(2)
        if certificate:
            item["certificate"] = certificate
        genres = [g.strip() for g in genre_text.split("|") if g.strip()]
        if genres:
            item["genres"] = genres
        if directors := _rec_names(rec, "rec-director"):
            item["directors"] = directors
        if stars := _rec_names(rec, "rec-actor"):
            item["stars"] = stars
        plot = without_more_link(text(rec.xpath('.//div[contains(@class, "rec-outline")]')))
        if plot:
            item["plot"] = plot
        titles.append(item)
    return titles


def _rec_names(rec: Selector, cls: str) -> list[str]:
    """The names of a recommendation's "Director:" or "Stars:" line."""
    # The names and commas are the line's own text; its links lead to the credits ("and 1 more credit »").
    line = rec.xpath(f'.//div[contains(@class, "{cls}")]')
    raw = clean_text(" ".join(line.xpath('.//text()[not(ancestor::a[contains(@href, "fullcredits")])]').getall()))
    raw = re.sub(r"^(Directors?|Stars?|With):\s*", "", raw)
    return [n.strip(" »") for n in raw.split(",") if n.strip(" »")]


def featured_review(page: Page, tt: str, film: FilmFields) -> ReviewFields | None:
    """The user review shown on the title page, as a review record."""
    box = page.sel.xpath(REVIEW_TEASER)
    if not box:
        return None
    review = box.xpath('.//*[@itemprop="review"]')
    scope = review or box
    headline = text(scope.xpath('.//*[@itemprop="name"]'))
    body = multiline(scope.xpath('.//*[@itemprop="reviewBody"]'))
    if not headline and not body:
        return None
    meta = scope.xpath('.//div[contains(@class, "comment-meta")]')
    author_link = meta.xpath('.//a[contains(@href, "/user/ur")][not(contains(@href, "comments"))]')
    author = text(scope.xpath('.//*[@itemprop="author"]')) or text(author_link)
    record: ReviewFields = {
        "type": "review",
        "source": "imdb",
        "kind": "user",
        "url": main_url(tt),
        "film_id": film_id(tt),
    }
    user = re.search(r"/user/(ur\d+)", author_link.attrib.get("href", "") if author_link else "")
    yn = box.xpath('.//div[contains(@class, "yn")]/@id').re_first(r"(\d+)")
    # The helpful-vote widget carries the review's number: the same review is /review/rw<number>/ on the
    # reviews page, so both pages give it one id.
    record["id"] = f"imdb:rw{yn}" if yn else f"imdb:{digest_id(tt, author, headline)}"
    record.update(film_of_review(film))
    if headline:
        record["title"] = headline
    if author:
        record["author"] = author
    if user:
        record["author_url"] = f"{BASE}/user/{user.group(1)}/"
    meta_text = text(meta) or ""
    date_raw = clean_text(meta_text.split("|")[0]) if "|" in meta_text else None
    published = scope.xpath('.//meta[@itemprop="datePublished"]/@content').get()
    if date_raw:
        record["date_raw"] = date_raw
        if date := iso_date(date_raw):
            record["date"] = date
    if "date" not in record and published and (date := iso_date(published)):
        record["date"] = date
    location = _LOCATION.search(meta_text.split("See all my reviews")[0].rstrip(" –-—"))
    if location:
        record["author_location"] = clean_text(location.group(1))
    value = scope.xpath('.//*[@itemprop="reviewRating"]/*[@itemprop="ratingValue"]/@content').get()
    if not value:
        value = box.xpath('.//div[contains(@class, "tinystarbar")]/@title').re_first(r"(\d+)/10")
    # A user's score runs 1..10: the ratingValue 0 of 2013-2015 pages stands for a review without a score.
    if value and value.strip().isdigit() and Decimal(value) >= IMDB_WORST:
        record["rating"] = {"value": Decimal(value), "best": IMDB_BEST, "raw": f"{value}/10"}
    if body:
        record["text"] = body
    helpful_text = text(box.xpath('.//div[contains(@class, "yn")]'))
    if helpful_text:
        helpful = or_none(parse_helpful, helpful_text)
        if helpful is not None:
            record["helpful"] = value_fields(helpful)
    return record


def lower_sections(page: Page) -> FilmFields:
    """Every field the articles below the header carry."""
    fields: FilmFields = {}
    members = cast(page)
    if members:
        fields["cast"] = members
    fields.update(storyline_fields(page))
    fields.update(detail_fields(page))
    fields.update(did_you_know(page))
    won = awards(page)
    if won:
        fields["awards"] = won
    fields.update(review_counts(page))
    recs = related(page)
    if recs:
        fields["related"] = recs
    watch = offers(page)
    if watch:
        fields["offers"] = watch
    return fields
