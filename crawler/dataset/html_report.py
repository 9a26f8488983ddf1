"""`filmcrawl report`: one self-contained HTML page about a crawl output, for an analyst to look at.

    records (JSON Lines, read once) and rejects -> ReportData (counts, coverage, distributions, films on
    several sites) -> one HTML page with inline styles, inline SVG charts and a small inline script

The page fetches nothing: no CDN, no web font, no image file; its Content-Security-Policy forbids any load, so
it opens the same offline, from a mail attachment or a CI artefact. Sections:

- records by type and site, rejects by reason (from the rejects file beside the output);
- per-site field coverage of film records as a heat map (every field a site declares its title pages show,
  crawler.core.sites.title_fields, and the core fields), the share printed in each cell;
- fields read by the generic fallback readers (records' `extraction.fallback_fields`), per site and page type;
- distributions of the main rating on 0-100 (crawler.dataset.load.value_100) per site, and of years;
- films found on several sites (same film_key) with every site's ratings side by side.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.core.sites import SITES, title_fields

from .jsonl import read_records
from .load import rating_scale, value_100
from .report import CORE_FIELDS, CoverageCounter

if TYPE_CHECKING:
    from schemas.record_fields import JsonRecord

RATING_BINS = 10
"""The 0-100 rating histogram's bars: 0-10, 10-20, ... 90-100."""
SITE_COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)


@dataclass
class ReportData:
    source: str
    records: Counter[str] = field(default_factory=Counter)
    """Records by "<type>/<site>"."""
    rejects: Counter[str] = field(default_factory=Counter)
    """Rejects by reason."""
    coverage: CoverageCounter = field(default_factory=CoverageCounter)
    fallback: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    """Fields filled by the fallback readers, by (site, page type, field)."""
    ratings: defaultdict[str, list[Decimal]] = field(default_factory=lambda: defaultdict(list))
    """The main rating of each film record on 0-100, by site."""
    years: Counter[int] = field(default_factory=Counter)
    """Film records by year."""
    films: defaultdict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    """film_key -> site -> {"title", "year", "ratings": [(label, value text, 0-100)]}."""

    def add(self, record: JsonRecord) -> None:
        kind, site = str(record.get("type")), str(record.get("source"))
        self.records[f"{kind}/{site}"] += 1
        self.coverage.add(record)
        extraction = record.get("extraction") or {}
        page_type = _page_type(str(extraction.get("parser") or ""))
        for name in extraction.get("fallback_fields") or []:
            self.fallback[(site, page_type, str(name))] += 1
        if kind != "film":
            return
        main = record.get("rating")
        score = value_100(main) if isinstance(main, dict) else None
        if score is not None:
            self.ratings[site].append(score)
        if isinstance(record.get("year"), int):
            self.years[record["year"]] += 1
        key = record.get("film_key")
        if key:
            self.films[key].setdefault(
                site,
                {
                    "title": record.get("title"),
                    "year": record.get("year"),
                    "ratings": [_rating_cell(r) for r in record.get("ratings") or []],
                },
            )


def _page_type(parser: str) -> str:
    """ "imdb/title/title_next" -> "title"; "generic" or nothing -> "generic"."""
    parts = parser.split("/")
    return parts[1] if len(parts) > 1 else (parts[0] or "unknown")


def _rating_cell(rating: dict[str, Any]) -> tuple[str, str, Decimal | None]:
    label = str(rating.get("label") or rating.get("kind") or "")
    scale = rating_scale(rating) or "?"
    return label, f"{_number(rating.get('value'))} ({scale})", value_100(rating)


def _number(value: Any) -> str:
    return format(Decimal(str(value)).normalize(), "f") if value is not None else "?"


def read_report_data(records: Path, rejects: Sequence[Path] = ()) -> ReportData:
    data = ReportData(source=str(records))
    for _, record in read_records([records]):
        data.add(record)
    for path in rejects:
        for _, reject in read_records([path]):
            data.rejects[str(reject.get("reason") or "unknown")] += 1
    return data


def rejects_beside(output: Path) -> list[Path]:
    """The rejects file of a crawl output: films.rejects.jsonl (`crawl`) or rejects.jsonl (`demo`)."""
    for name in (f"{output.stem}.rejects.jsonl", "rejects.jsonl"):
        if (output.parent / name).is_file():
            return [output.parent / name]
    return []


# --- HTML ------------------------------------------------------------------------------------------------------

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; max-width: 1200px; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 32px; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 8px 0; } th, td { padding: 3px 8px; border: 1px solid #e3e3e3; }
th { background: #f5f5f5; text-align: left; cursor: pointer; } td.n { text-align: right; }
td.heat { text-align: center; min-width: 42px; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; } figure { margin: 0; } figcaption { font-weight: 600; }
.muted { color: #777; } .wide { overflow-x: auto; } svg text { font: 11px system-ui, sans-serif; }
"""

# Makes every table sortable by a click on its heading, and marks the page as rendered (a test reads the mark).
_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, column) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var value = function (row) { var t = row.cells[column].getAttribute("data-sort") || row.cells[column].textContent;
                                   var n = parseFloat(t); return isNaN(n) ? t : n; };
      var up = th.getAttribute("data-order") !== "asc";
      rows.sort(function (a, b) {
        var x = value(a), y = value(b);
        return (x > y ? 1 : x < y ? -1 : 0) * (up ? 1 : -1);
      });
      th.setAttribute("data-order", up ? "asc" : "desc");
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
document.body.setAttribute("data-rendered", document.querySelectorAll("svg").length + " charts");
"""

_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _heat(share: float) -> str:
    """A cell colour from red (0) through yellow to green (1)."""
    hue = round(120 * share)
    return f"background: hsl({hue}, 70%, {88 - round(18 * share)}%)"


def _table(headings: Sequence[str], rows: Iterable[Sequence[str]], *, css: str = "sortable") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headings)
    body = "".join("<tr>" + "".join(rows_cells) + "</tr>" for rows_cells in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _bars(title: str, counts: Sequence[tuple[str, int]], colour: str = "#4e79a7") -> str:
    """A horizontal bar chart as inline SVG."""
    if not counts:
        return f'<p class="muted">{_e(title)}: none</p>'
    top = max(n for _, n in counts) or 1
    label_width, bar_width, row = 190, 320, 20
    height = row * len(counts) + 8
    bars = []
    for i, (label, n) in enumerate(counts):
        y = 4 + i * row
        width = max(1, round(bar_width * n / top))
        bars.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{_e(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="{row - 6}" fill="{colour}"/>'
            f'<text x="{label_width + width + 4}" y="{y + 14}">{n}</text>'
        )
    return (
        f'<figure><figcaption>{_e(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{label_width + bar_width + 50}" height="{height}" role="img">{"".join(bars)}</svg></figure>'
    )


def _histogram(title: str, bins: Sequence[tuple[str, int]], colour: str) -> str:
    """A column chart as inline SVG, one column per bin, labelled below."""
    top = max((n for _, n in bins), default=0) or 1
    column, height, base = 34, 120, 140
    columns = []
    for i, (label, n) in enumerate(bins):
        h = round(height * n / top)
        x = 10 + i * column
        columns.append(
            f'<rect x="{x}" y="{base - h}" width="{column - 6}" height="{h}" fill="{colour}">'
            f"<title>{_e(label)}: {n}</title></rect>"
            f'<text x="{x + (column - 6) / 2}" y="{base + 14}" text-anchor="middle">{_e(label)}</text>'
            + (f'<text x="{x + (column - 6) / 2}" y="{base - h - 3}" text-anchor="middle">{n}</text>' if n else "")
        )
    width = 20 + column * len(bins)
    return (
        f'<figure><figcaption>{_e(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{base + 22}" role="img">{"".join(columns)}</svg></figure>'
    )


def _rating_bins(scores: Sequence[Decimal]) -> list[tuple[str, int]]:
    counts = Counter(min(int(score // (100 // RATING_BINS)), RATING_BINS - 1) for score in scores)
    return [(f"{i * 10}", counts.get(i, 0)) for i in range(RATING_BINS)]


def _year_bins(years: Counter[int]) -> list[tuple[str, int]]:
    """By decade when the years span more than 15, else by year."""
    if not years:
        return []
    low, high = min(years), max(years)
    if high - low <= 15:
        return [(str(y), years.get(y, 0)) for y in range(low, high + 1)]
    decades: Counter[int] = Counter()
    for year, n in years.items():
        decades[year // 10 * 10] += n
    return [(f"{d}", decades.get(d, 0)) for d in range(low // 10 * 10, high // 10 * 10 + 10, 10)]  # decades


def _by_decade(years: Counter[int]) -> str:
    return " (by decade)" if years and max(years) - min(years) > 15 else ""


def _coverage_section(data: ReportData) -> str:
    coverage = data.coverage.coverage()
    sites = sorted(site for site, kinds in coverage.items() if "film" in kinds)
    if not sites:
        return '<p class="muted">No film records.</p>'
    declared = [name for site in sites for name in title_fields(site)]
    columns = [name for name in dict.fromkeys([*CORE_FIELDS["film"], *declared]) if name != "film_key"]
    rows = []
    for site in sites:
        entry = coverage[site]["film"]
        cells = [f"<td>{_e(site)}</td>", f'<td class="n">{entry["records"]}</td>']
        own = set(title_fields(site)) if site in SITES else set(columns)
        for name in columns:
            share = float(entry["fields"].get(name, {}).get("share", 0.0))
            declared_here = name in own
            style = _heat(share) if declared_here else "background: #f3f3f3; color: #999"
            cells.append(
                f'<td class="heat" style="{style}" data-sort="{share}" '
                f'data-declared="{str(declared_here).lower()}" '
                f'title="{_e(site)} {_e(name)}: {share:.0%}">{share:.2f}</td>'
            )
        rows.append(cells)
    legend = (
        '<p class="muted">Share of each site\'s film records carrying the field (green 1.00, red 0.00); '
        "grey: a field the site does not declare its title pages show.</p>"
    )
    return legend + '<div class="wide">' + _table(["site", "films", *columns], rows) + "</div>"


def _fallback_section(data: ReportData) -> str:
    if not data.fallback:
        return '<p class="muted">No field was read by the fallback readers.</p>'
    rows = [
        [f"<td>{_e(site)}</td>", f"<td>{_e(page)}</td>", f"<td>{_e(name)}</td>", f'<td class="n">{n}</td>']
        for (site, page, name), n in sorted(data.fallback.items())
    ]
    return _table(["site", "page type", "field", "records"], rows)


def _films_section(data: ReportData) -> str:
    shared = {key: sites for key, sites in data.films.items() if len(sites) > 1}
    if not shared:
        return '<p class="muted">No film was found on more than one site.</p>'
    all_sites = sorted({site for sites in shared.values() for site in sites})
    rows = []
    for key, sites in sorted(shared.items(), key=lambda item: (-len(item[1]), item[0])):
        first = next(iter(sites.values()))
        cells = [
            f"<td>{_e(first['title'])}</td>",
            f'<td class="n">{_e(first["year"] or "")}</td>',
            f"<td>{_e(key)}</td>",
            f'<td class="n">{len(sites)}</td>',
        ]
        for site in all_sites:
            entry = sites.get(site)
            if entry is None:
                cells.append('<td class="muted">–</td>')
                continue
            lines = [
                f"{_e(label)}: {_e(value)}" + (f" → <b>{_number(score)}</b>" if score is not None else "")
                for label, value, score in entry["ratings"]
            ]
            cells.append(f"<td>{'<br>'.join(lines) or '<span class=muted>no rating</span>'}</td>")
        rows.append(cells)
    note = (
        '<p class="muted">Each rating as the site shows it, with its scale, and → its value on 0-100 '
        "((value − worst) / (best − worst) × 100).</p>"
    )
    return note + _table(["title", "year", "film_key", "sites", *all_sites], rows)


def render(data: ReportData) -> str:
    records = sorted(data.records.items(), key=lambda item: (-item[1], item[0]))
    by_type: Counter[str] = Counter()
    for key, n in data.records.items():
        by_type[key.split("/")[0]] += n
    rejects = sorted(data.rejects.items(), key=lambda item: (-item[1], item[0]))
    sites = sorted(data.ratings)
    rating_charts = "".join(
        _histogram(
            f"{site} ({len(data.ratings[site])} films)",
            _rating_bins(data.ratings[site]),
            SITE_COLOURS[i % len(SITE_COLOURS)],
        )
        for i, site in enumerate(sites)
    )
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(by_type.items())) or "no records"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>filmcrawl report: {_e(Path(data.source).name)}</title>
<style>{_STYLE}</style></head>
<body>
<h1>filmcrawl report</h1>
<p><code>{_e(data.source)}</code>: {_e(summary)}; {sum(data.rejects.values())} rejects.</p>
<h2 id="records">Records and rejects</h2>
<div class="charts">{_bars("Records by type and site", records)}{_bars("Rejects by reason", rejects, "#e15759")}</div>
<h2 id="coverage">Field coverage of film records, per site</h2>
{_coverage_section(data)}
<h2 id="fallback">Fields read by the fallback readers, per site and page type</h2>
{_fallback_section(data)}
<h2 id="distributions">Ratings (main rating on 0-100) and years</h2>
<div class="charts">{rating_charts or '<p class="muted">No rated film.</p>'}
{
        _histogram(
            f"Film records by year{_by_decade(data.years)} ({sum(data.years.values())})",
            _year_bins(data.years),
            "#59a14f",
        )
    }</div>
<h2 id="films">Films found on several sites</h2>
{_films_section(data)}
<script>{_SCRIPT}</script>
</body></html>
"""


def write_report(records: Path, target: Path, rejects: Sequence[Path] = ()) -> ReportData:
    data = read_report_data(records, rejects)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(data), encoding="utf-8")
    return data
