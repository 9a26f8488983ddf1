"""How long a `filmcrawl` process takes from start to exit, beside a bare `python -c pass` of the same run.

    cli_help_seconds          `filmcrawl --help`
    extract_one_page_seconds  `filmcrawl extract PAGE` on one IMDb title page

Wall time of whole processes, median of `rounds` rounds in which the three commands run one after another,
after one round that is not counted. Python may write its byte-code cache in these runs (whatever
PYTHONDONTWRITEBYTECODE the bench was started with), and the uncounted round writes it: an installed
program starts from compiled modules, and compiling the project's sources anew in every run measured the
compiler, not the start.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from statistics import median
from typing import Any

from bench.extraction import FIXTURES, ROOT

ONE_PAGE = FIXTURES / "imdb" / "title" / "peeping-tom-1960-title-wrapper-2017.html"


def commands(page: Path = ONE_PAGE) -> dict[str, list[str]]:
    return {
        "python_pass_seconds": [sys.executable, "-c", "pass"],
        "cli_help_seconds": [sys.executable, "-m", "crawler.cli", "--help"],
        "extract_one_page_seconds": [sys.executable, "-m", "crawler.cli", "extract", str(page)],
    }


def measure_startup(rounds: int = 5) -> dict[str, Any]:
    timed = commands()
    samples: dict[str, list[float]] = {name: [] for name in timed}
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    for counted in [False] + [True] * rounds:
        for name, argv in timed.items():
            started = time.perf_counter()
            run = subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=120, env=env)
            if counted:
                samples[name].append(time.perf_counter() - started)
            if run.returncode != 0:
                raise RuntimeError(f"{' '.join(argv)} failed:\n{run.stderr.decode(errors='replace')[-2000:]}")
    result: dict[str, Any] = {name: round(median(values), 3) for name, values in samples.items()}
    result["samples"] = {name: [round(v, 3) for v in values] for name, values in samples.items()}
    result["page"] = str(ONE_PAGE.relative_to(ROOT))
    return result
