"""Hypothesis profiles for every property-based test (normalisers, parsers, safe text).

HYPOTHESIS_PROFILE=ci (default) keeps the suite quick; HYPOTHESIS_PROFILE=long runs many more examples for a
thorough search by hand:

    HYPOTHESIS_PROFILE=long .venv/bin/pytest -q tests/normalize/test_fuzz.py tests/fuzz
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
