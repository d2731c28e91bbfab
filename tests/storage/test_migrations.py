"""Migrations: applied in order, one transaction each, from empty and from every earlier version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.storage.database import open_database
from bot.storage.migrations import (
    Migration,
    MigrationError,
    apply_migrations,
    current_version,
    discover,
)


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    rows = cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [(row["name"], row["sql"] or "") for row in rows]


def test_migration_files_are_numbered_without_gaps() -> None:
    """The repository's migration files are 0001, 0002, … in order."""
    migrations = discover()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert len(migrations) >= 3


def test_empty_database_reaches_latest_version(tmp_path: Path) -> None:
    """An empty file is migrated to the newest version and records each step."""
    conn = _connect(tmp_path / "db.sqlite3")
    applied = apply_migrations(conn)
    latest = discover()[-1].version
    assert applied == list(range(1, latest + 1))
    assert current_version(conn) == latest
    assert apply_migrations(conn) == []  # idempotent


@pytest.mark.parametrize("start", range(1, len(discover())))
def test_every_earlier_version_upgrades_to_the_same_schema(tmp_path: Path, start: int) -> None:
    """A database left at any earlier version ends with exactly the schema of a fresh one."""
    fresh = _connect(tmp_path / "fresh.sqlite3")
    apply_migrations(fresh)
    old = _connect(tmp_path / "old.sqlite3")
    apply_migrations(old, up_to=start)
    assert current_version(old) == start
    apply_migrations(old)
    assert _schema(old) == _schema(fresh)


def test_newer_database_is_refused(tmp_path: Path) -> None:
    """A database from a newer version of the bot is refused with a clear message."""
    conn = _connect(tmp_path / "db.sqlite3")
    apply_migrations(conn)
    conn.execute("INSERT INTO schema_version VALUES (999, 'future', '2030-01-01T00:00:00Z')")
    with pytest.raises(MigrationError, match="newer than this code"):
        apply_migrations(conn)


def test_failed_migration_leaves_previous_version(tmp_path: Path) -> None:
    """A migration that fails half-way leaves no table of it behind and no version row."""
    conn = _connect(tmp_path / "db.sqlite3")
    broken = [
        Migration(1, "good", "CREATE TABLE a (x INTEGER);"),
        Migration(2, "bad", "CREATE TABLE b (x INTEGER);\nINSERT INTO missing VALUES (1);"),
    ]
    with pytest.raises(MigrationError, match="0002_bad"):
        apply_migrations(conn, broken)
    assert current_version(conn) == 1
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "a" in names and "b" not in names


async def test_open_database_turns_on_wal_and_foreign_keys(tmp_path: Path) -> None:
    """Connections the bot uses have WAL journaling and foreign-key enforcement."""
    async with open_database(tmp_path / "data" / "db.sqlite3") as conn:
        async with conn.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"
        async with conn.execute("PRAGMA foreign_keys") as cursor:
            assert (await cursor.fetchone())[0] == 1


def test_existing_schedules_get_readable_numbers(tmp_path: Path) -> None:
    """0006 numbers the rows of a bot that ran before it: per server and kind, plans by session."""
    conn = _connect(tmp_path / "db.sqlite3")
    apply_migrations(conn, up_to=5)
    once = "INSERT INTO schedules (id, guild_id, kind, channel_id, timezone, run_at, series_id,"
    once += " status, created_by, created_at) VALUES (?, ?, 'discussion', 1, 'UTC', '2026-01-06T12:00:00Z', ?, ?, 1, 'x')"
    rows = [
        (2, 10, 2, "done"),  # plan A, session 1 (already ran)
        (3, 10, 2, "active"),  # plan A, session 2
        (4, 10, None, "active"),  # single discussion
        (5, 20, None, "active"),  # another server's single discussion
        (6, 10, 6, "active"),  # plan B, session 1
    ]
    conn.executemany(once, rows)
    conn.execute(
        "INSERT INTO schedules (id, guild_id, kind, channel_id, timezone, weekday, local_time,"
        " created_by, created_at) VALUES (7, 10, 'quiz', 1, 'UTC', 1, '20:00', 1, 'x')"
    )
    apply_migrations(conn)
    numbered = conn.execute("SELECT id, number, plan_number FROM schedules ORDER BY id").fetchall()
    assert numbered == [(2, 1, 1), (3, 2, 1), (4, 1, None), (5, 1, None), (6, 1, 2), (7, 1, None)]
