"""Parser fixtures: one saved page beside the records it must give.

    tests/fixtures/<site>/<page type>/<case>.html     (or .json / .xml for API responses)
    tests/fixtures/<site>/<page type>/<case>.expected.json
        {"url": "...", "site": "<slug>", "records": [ ...validated records, scraped_at fixed... ]}

`python tests/fixture_cases.py CASE...` prints what the parsers give now; `--write` stores it as expected,
so a reviewer diffs the expected file after a parser change.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
SCRAPED_AT = datetime(2026, 1, 1, tzinfo=UTC)
PAGE_SUFFIXES = (".html", ".json", ".xml")


@dataclass(frozen=True)
class FixtureCase:
    page: Path

    @property
    def expected_path(self) -> Path:
        return self.page.with_name(self.page.stem + ".expected.json")

    @property
    def name(self) -> str:
        return str(self.page.relative_to(FIXTURES))

    def expected(self) -> dict[str, Any]:
        return json.loads(self.expected_path.read_text(encoding="utf-8"))

    def run(self, url: str, site: str) -> list[dict[str, Any]]:
        """The validated JSON records the project's extraction path gives for this page."""
        from crawler.core.extraction import extract, selector_for
        from schemas import to_json_dict, validate_record

        sel = selector_for(self.page.read_bytes())
        extraction = extract(sel, url=url, site=site, scraped_at=SCRAPED_AT)
        return [to_json_dict(validate_record(record)) for record in extraction.records]


def all_cases() -> list[FixtureCase]:
    return [
        FixtureCase(p)
        for p in sorted(FIXTURES.rglob("*"))
        if p.suffix in PAGE_SUFFIXES
        and not p.name.endswith(".expected.json")
        and p.with_name(p.stem + ".expected.json").exists()
    ]


def load_page(relative: str) -> bytes:
    """The bytes of a fixture page, by its path under tests/fixtures."""
    return (FIXTURES / relative).read_bytes()


def case_of(page: Path) -> FixtureCase:
    """The case of a page named on the command line. Its path is made absolute, not resolved: a fixture that
    links to a sample-site page keeps its expected file beside the link, under tests/fixtures."""
    return FixtureCase(page.absolute())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pages", nargs="+", type=Path)
    ap.add_argument("--url", help="URL of the page (required for a new case)")
    ap.add_argument("--site", help="site slug (required for a new case)")
    ap.add_argument("--write", action="store_true", help="store the output as the expected file")
    args = ap.parse_args()
    for page in args.pages:
        case = case_of(page)
        known = case.expected() if case.expected_path.exists() else {}
        url, site = args.url or known.get("url"), args.site or known.get("site")
        if not url or not site:
            print(f"{page}: give --url and --site for a new case", file=sys.stderr)
            return 2
        result = {"url": url, "site": site, "records": case.run(url, site)}
        text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
        if args.write:
            case.expected_path.write_text(text, encoding="utf-8")
            print(f"wrote {case.expected_path}")
        else:
            sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
