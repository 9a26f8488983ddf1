"""Reading and writing JSON Lines safely: a reader never sees a half-written file.

`AtomicWriter` writes to a temporary name beside the target and renames it over the target only when every
line is written, so a process killed mid-way leaves the previous file (or none), never a torn line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from schemas.record_fields import JsonRecord


class BadLine(ValueError):
    """A line of a JSON Lines input is not a JSON object."""


def read_records(
    paths: Iterable[Path], *, strict: bool = True, on_bad_line: Callable[[str], None] | None = None
) -> Iterator[tuple[int, JsonRecord]]:
    """(input number, record) for every line of every file, in order; blank lines are skipped. A line that is
    not a JSON object raises BadLine, or with `strict=False` is passed to `on_bad_line` and skipped (the torn
    last line of a part whose process was killed mid-write)."""
    for number, path in enumerate(paths):
        with path.open("rb") as lines:
            for line_no, raw in enumerate(lines, 1):
                if not raw.strip():
                    continue
                try:
                    line = raw.decode("utf-8-sig" if line_no == 1 else "utf-8")
                    record = json.loads(line)
                    problem = None if isinstance(record, dict) else f"a JSON {type(record).__name__}, not an object"
                except UnicodeDecodeError:
                    problem = "not UTF-8 text (a binary file?)"
                except json.JSONDecodeError as error:
                    problem = f"not JSON ({error.msg})"
                if problem is None:
                    yield number, record
                elif strict:
                    raise BadLine(f"{path}:{line_no}: {problem}")
                elif on_bad_line is not None:
                    on_bad_line(f"{path}:{line_no}: {problem}")


def dumps(record: JsonRecord) -> str:
    """One JSON line, written as the crawl's feeds write it (UTF-8, no ASCII escapes)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def temporary_path(target: Path, tag: str = "tmp") -> Path:
    """A name beside `target`, on the same file system (so a rename is atomic), that no reader globbing
    "*.jsonl" picks up."""
    return target.with_name(f".{target.name}.{os.getpid()}.{tag}")


class AtomicWriter:
    """`with AtomicWriter(path) as out: out.write(line)`: the file appears whole at the end of the block,
    or not at all if the block fails."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.temporary = temporary_path(target)
        self.file: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.file = self.temporary.open("w", encoding="utf-8")
        return self.file

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        assert self.file is not None
        self.file.close()
        if kind is None:
            os.replace(self.temporary, self.target)
        else:
            self.temporary.unlink(missing_ok=True)


def write_json(path: Path, data: Any) -> None:
    """A JSON document, written atomically."""
    with AtomicWriter(path) as out:
        json.dump(data, out, ensure_ascii=False, indent=2, sort_keys=False)
        out.write("\n")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
