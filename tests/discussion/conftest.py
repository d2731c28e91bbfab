"""Discussion end-to-end tests also fail if the bot logged an error (e.g. a swallowed crash)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _discussion_e2e_clean(request: pytest.FixtureRequest) -> Iterator[None]:
    runner = request.getfixturevalue("bot_runner") if "bot_runner" in request.fixturenames else None
    yield
    if runner is not None:
        assert runner.errors.messages() == [], runner.errors.messages()
