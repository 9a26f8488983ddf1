"""End to end: `filmcrawl demo` serves the bundled sample site on 127.0.0.1 and crawls it with the real spiders,
Scrapy and pipelines; `filmcrawl sample-site --port 0` serves it on free ports.

The demo runs once, as a subprocess (a Twisted reactor cannot be started twice in one process), and every test
below reads what it wrote: the JSON Lines output, the rejects file and the printed summary.
"""

from __future__ import annotations

import json
import queue
import re
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from jsonschema import Draft202012Validator

from crawler.sample_site import sample_sites

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas" / "json"
DEMO_TIMEOUT_SECONDS = 120
# Sample-site folders named after a site with its own parser: their records carry that site as `source`.
SITE_SOURCES = (
    "imdb",
    "fandango_at_home",
    "rottentomatoes",
    "letterboxd",
    "metacritic",
    "wikipedia",
    "csfd",
    "flixster",
)
BLOG_HOST = "filmreverie.example"


def filmcrawl(*args: str, **kwargs: Any) -> Any:
    return [sys.executable, "-m", "crawler", *args], dict(cwd=ROOT, **kwargs)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("demo") / "films.jsonl"
    command, options = filmcrawl("demo", "-o", str(out))
    run = subprocess.run(command, capture_output=True, text=True, timeout=DEMO_TIMEOUT_SECONDS, **options)
    assert run.returncode == 0, run.stderr[-3000:]
    rejects_file = out.with_name("rejects.jsonl")
    return {
        "stdout": run.stdout,
        "stderr": run.stderr,
        "records": [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()],
        "rejects": [json.loads(line) for line in rejects_file.read_text(encoding="utf-8").splitlines() if line.strip()],
    }


def films(demo: dict[str, Any], film_id: str) -> list[dict[str, Any]]:
    return [r for r in demo["records"] if r["type"] == "film" and r["id"] == film_id]


def reviews_of(demo: dict[str, Any], film_id: str) -> list[dict[str, Any]]:
    return [r for r in demo["records"] if r["type"] == "review" and r.get("film_id") == film_id]


def blog_reviews(demo: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in demo["records"] if r["type"] == "review" and urlsplit(r["url"]).hostname == BLOG_HOST]


# --- the crawl as a whole ---------------------------------------------------------------------------------


def test_demo_should_end_without_rejects(demo: dict[str, Any]) -> None:
    assert demo["rejects"] == []
    assert re.search(r"^rejects: 0$", demo["stdout"], re.MULTILINE), demo["stdout"]


def test_demo_summary_should_count_pages_and_the_records_written_by_type_and_site(demo: dict[str, Any]) -> None:
    stdout = demo["stdout"]
    pages = re.search(r"^pages crawled: (\d+)", stdout, re.MULTILINE)
    assert pages and int(pages.group(1)) >= 20, stdout
    written = Counter(f"{r['type']}/{r['source']}" for r in demo["records"])
    printed = {key: int(n) for key, n in re.findall(r"^  (\w+/\w+)\s+(\d+)$", stdout, re.MULTILINE)}
    assert printed == dict(written)
    by_type = Counter(r["type"] for r in demo["records"])
    assert f"records: {by_type['film']} film, {by_type['listing']} listing, {by_type['review']} review" in stdout


def test_demo_should_write_records_from_every_sample_site(demo: dict[str, Any]) -> None:
    slugs = {site.slug for site in sample_sites()}
    assert slugs == {*SITE_SOURCES, "reviews"}
    film_sources = {r["source"] for r in demo["records"] if r["type"] == "film"}
    assert set(SITE_SOURCES) <= film_sources
    assert len(blog_reviews(demo)) == 2


def test_every_record_should_validate_against_the_committed_json_schema(demo: dict[str, Any]) -> None:
    validators = {
        kind: Draft202012Validator(
            json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8")),
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        for kind in ("film", "review", "listing")
    }
    assert demo["records"]
    for record in demo["records"]:
        errors = [
            f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validators[record["type"]].iter_errors(record)
        ]
        assert not errors, (record.get("id") or record["url"], errors[:5])


def test_demo_should_write_each_film_once_per_site(demo: dict[str, Any]) -> None:
    ids = Counter(r["id"] for r in demo["records"] if r["type"] in ("film", "review"))
    assert [i for i, n in ids.items() if n > 1] == []


# --- IMDb: title page + full credits + release info + reviews -> one film record ----------------------------


@pytest.mark.parametrize(
    ("film_id", "year", "director", "cast_only_in_full_credits", "cast_size", "first_release"),
    [
        ("imdb:tt0040725", 1948, "Michael Powell", "Albert Bassermann", 19, ("GB", "1948-07-22")),
        ("imdb:tt9990025", 2025, "Luca Guadagnino", "Lior Saban", 8, ("IT", "2025-08-29")),
    ],
)
def test_imdb_film_should_be_one_record_merging_credits_releases_and_reviews(
    demo: dict[str, Any],
    film_id: str,
    year: int,
    director: str,
    cast_only_in_full_credits: str,
    cast_size: int,
    first_release: tuple[str, str],
) -> None:
    found = films(demo, film_id)
    assert len(found) == 1
    film = found[0]
    assert (film["title"], film["year"]) == ("The Red Shoes", year)
    assert film["url"] == f"https://www.imdb.com/title/{film_id.split(':')[1]}/"
    # Title page
    assert film["rating"]["best"] == 10 and film["rating"]["count"] > 1000
    assert director in [d["name"] for d in film["directors"]]
    # Full credits: the whole cast in credits order, not the title page's excerpt
    assert len(film["cast"]) == cast_size
    assert cast_only_in_full_credits in [c["name"] for c in film["cast"]]
    assert [c["order"] for c in film["cast"]] == list(range(1, cast_size + 1))
    # Release info
    assert (film["releases"][0]["country_code"], film["releases"][0]["date"]) == first_release
    assert film["also_known_as"]
    # User reviews page
    assert film["user_review_count"] > 100
    reviews = [r for r in reviews_of(demo, film_id) if r["id"].startswith("imdb:rw")]
    assert len(reviews) == 2
    assert {(r["film_title"], r["film_year"]) for r in reviews} == {("The Red Shoes", year)}


def test_imdb_films_of_the_same_title_should_stay_apart(demo: dict[str, Any]) -> None:
    old, new = films(demo, "imdb:tt0040725")[0], films(demo, "imdb:tt9990025")[0]
    assert {c["name"] for c in old["cast"]}.isdisjoint({c["name"] for c in new["cast"]})


# --- The store: api2 listing pages -> one contentSearch answer per title -----------------------------------


def test_store_film_should_carry_the_five_star_rating_of_the_seed(demo: dict[str, Any]) -> None:
    found = films(demo, "fandango_at_home:12345")
    assert len(found) == 1
    film = found[0]
    assert film["url"] == "https://athome.fandango.com/content/browse/details/The-Red-Shoes/12345"
    assert (film["title"], film["year"], film["runtime_minutes"]) == ("The Red Shoes", 1948, 133)
    assert film["rating"] == {"value": 4.3, "best": 5, "worst": 0, "count": 398}
    # from the title's own answer, merged into the listing's record
    assert film["genres"][:2] == ["Drama", "Romance"]
    assert "Moira Shearer" in [c["name"] for c in film["cast"]]
    assert {(o["quality"], o["kind"]) for o in film["offers"]} >= {("SD", "rent"), ("UHD", "buy")}


def test_store_crawl_should_follow_the_next_listing_page(demo: dict[str, Any]) -> None:
    listings = [r for r in demo["records"] if r["type"] == "listing" and r["source"] == "fandango_at_home"]
    assert [e["rank"] for listing in listings for e in listing["entries"]] == [1, 2, 3, 4]
    store_films = {r["id"] for r in demo["records"] if r["type"] == "film" and r["source"] == "fandango_at_home"}
    assert store_films == {e["id"] for listing in listings for e in listing["entries"]}
    assert all(films(demo, film_id)[0].get("offers") for film_id in store_films)


# --- The film blog: index page -> articles -----------------------------------------------------------------


def test_blog_review_of_the_remake_should_name_the_2025_film(demo: dict[str, Any]) -> None:
    by_year = {r["film_year"]: r for r in blog_reviews(demo)}
    assert set(by_year) == {1948, 2025}
    remake = by_year[2025]
    assert remake["film_title"] == "The Red Shoes"
    assert remake["kind"] == "critic"
    assert [d["name"] for d in remake["film_directors"]] == ["Luca Guadagnino"]
    assert remake["title"].startswith("In the spotlight of glory")
    assert remake["text"].startswith("The Red Shoes (2025) pirouettes back into the spotlight")


# --- The other sites: listing (where the site has one) -> both films ---------------------------------------


@pytest.mark.parametrize("source", ["rottentomatoes", "letterboxd", "metacritic", "wikipedia"])
def test_site_should_give_both_red_shoes_films(demo: dict[str, Any], source: str) -> None:
    site_films = [r for r in demo["records"] if r["type"] == "film" and r["source"] == source]
    assert len(site_films) == 2
    assert {r["title"] for r in site_films} == {"The Red Shoes"}
    directors = {d["name"] for r in site_films for d in r.get("directors") or []}
    assert {"Michael Powell", "Luca Guadagnino"} <= directors


# --- `filmcrawl sample-site` -------------------------------------------------------------------------------


def test_every_sample_site_route_should_name_an_existing_file() -> None:
    for site in sample_sites():
        assert site.start, site.slug
        for target in (*site.start, *site.routes):
            path = site.file_for(target)
            assert path is not None and path.is_file(), (site.slug, target)


def test_sample_site_on_port_0_should_print_a_start_url_per_site_and_serve_its_pages() -> None:
    command, options = filmcrawl("sample-site", "--port", "0")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()  # type: ignore[union-attr]
    try:
        printed: list[tuple[str, str]] = []
        while True:
            line = lines.get(timeout=20)
            if line.startswith("serving"):
                break
            slug, url = line.split()
            printed.append((slug, url))
        assert {slug for slug, _ in printed} == {site.slug for site in sample_sites()}
        for slug, url in printed:
            parts = urlsplit(url)
            assert parts.hostname == "127.0.0.1" and parts.port and parts.port != 0
            with urlopen(url, timeout=5) as response:
                assert response.status == 200
                assert response.read(), (slug, url)
        with pytest.raises(HTTPError) as missing:
            urlopen(f"{urlsplit(printed[0][1])._replace(path='/no/such/page', query='').geturl()}", timeout=5)
        assert missing.value.code == 404
    finally:
        process.terminate()
        process.wait(timeout=10)
