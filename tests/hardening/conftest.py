"""Fixtures of the hardening tests: Hypothesis profiles and a hostile test server.

Profiles: `ci` (the default) keeps the property test to a couple of derandomised examples so CI is
fast and deterministic; `HYPOTHESIS_PROFILE=thorough` runs many random examples by hand.
The profiles are applied per test (not loaded globally) so other property tests keep their own.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings

SHARED: dict[str, Any] = {
    "deadline": None,  # one example drives the real bot through every command
    "database": None,  # nothing stored between runs: CI must not depend on earlier runs
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,  # on purpose: one bot serves every example
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
}
PROFILES: dict[str, settings] = {
    "ci": settings(max_examples=2, derandomize=True, **SHARED),
    "thorough": settings(max_examples=40, derandomize=False, **SHARED),
}


def hypothesis_profile() -> settings:
    """The profile named by HYPOTHESIS_PROFILE (default `ci`)."""
    name = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    if name not in PROFILES:
        raise ValueError(f"HYPOTHESIS_PROFILE={name!r}: choose one of {sorted(PROFILES)}")
    return PROFILES[name]
