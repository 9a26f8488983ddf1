"""Hypothesis profiles for the normaliser tests.

HYPOTHESIS_PROFILE=ci (default) keeps the suite quick; HYPOTHESIS_PROFILE=long
runs many more examples for a thorough search.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
