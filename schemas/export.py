"""Write the JSON Schema of each record type (and of the merged view) to schemas/json/<type>.schema.json.

`make schema` runs it (and writes the data dictionary, crawler.dataset.dictionary) after a model or a parser
fixture changes; tests/test_schema.py fails until you do.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import RECORD_TYPES, SCHEMA_VERSION, VIEW_TYPES

JSON_DIR = Path(__file__).parent / "json"
EXPORTED_TYPES = {**RECORD_TYPES, **VIEW_TYPES}


def schema_text(kind: str) -> str:
    schema = EXPORTED_TYPES[kind].model_json_schema(mode="serialization")
    schema["$id"] = f"https://filmcrawl.invalid/schemas/{SCHEMA_VERSION}/{kind}.schema.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> int:
    JSON_DIR.mkdir(exist_ok=True)
    for kind in EXPORTED_TYPES:
        path = JSON_DIR / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
