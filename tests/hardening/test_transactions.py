"""`transaction()` on real SQLite failures: the real error reaches the error handler and the
shared connection is never left inside a transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.storage.database import open_database, transaction
from bot.ui.failures import describe_failure


async def test_full_database_raises_the_real_error_not_a_rollback_error(tmp_path: Path) -> None:
    """SQLite rolls back by itself on SQLITE_FULL; the caller still sees "database or disk is
    full" (which the error handler explains), not "cannot rollback"."""
    async with open_database(tmp_path / "db.sqlite3") as conn:
        (pages,) = await (await conn.execute("PRAGMA page_count")).fetchone()
        await conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(sqlite3.OperationalError) as caught:
            async with transaction(conn):
                for i in range(1000):
                    await conn.execute(
                        "INSERT INTO bot_state VALUES (?, ?, 'now')", (f"k{i}", "v" * 500)
                    )
        assert "full" in str(caught.value)
        text, error_id = describe_failure(caught.value, "en-US")
        assert "can't be written" in text and error_id is not None
        assert not conn.in_transaction


async def test_failed_commit_leaves_no_open_transaction(tmp_path: Path) -> None:
    """A COMMIT that fails (here a deferred foreign key) is rolled back, so the next write on the
    same connection works instead of failing with "transaction within a transaction"."""
    async with open_database(tmp_path / "db.sqlite3") as conn:
        with pytest.raises(sqlite3.IntegrityError):
            async with transaction(conn):
                await conn.execute("PRAGMA defer_foreign_keys = ON")
                await conn.execute(
                    "INSERT INTO quiz_answers VALUES (999, 1, 0, 0, '2026-01-01T00:00:00+00:00')"
                )
        assert not conn.in_transaction
        async with transaction(conn):
            await conn.execute("INSERT INTO bot_state VALUES ('after', 'ok', 'now')")
        async with conn.execute("SELECT count(*) FROM quiz_answers") as cursor:
            assert (await cursor.fetchone())[0] == 0
