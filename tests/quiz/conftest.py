"""Fixtures for the quiz tests: a real, migrated SQLite file and the quiz store on it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiosqlite
import pytest

from bot.quiz.store import QuizStore
from bot.storage.database import open_database


@pytest.fixture
async def quiz_db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    async with open_database(tmp_path / "db.sqlite3") as conn:
        yield conn


@pytest.fixture
async def quiz_store(quiz_db: aiosqlite.Connection) -> QuizStore:
    return QuizStore(quiz_db)


@pytest.fixture(autouse=True)
def _quiz_e2e_clean(request: pytest.FixtureRequest) -> Iterator[None]:
    """An end-to-end quiz test also fails if the bot logged an error (e.g. a swallowed crash)."""
    runner = request.getfixturevalue("bot_runner") if "bot_runner" in request.fixturenames else None
    yield
    if runner is not None:
        assert runner.errors.messages() == [], runner.errors.messages()
