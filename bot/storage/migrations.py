"""Numbered SQL migrations, applied in order, each in its own transaction.

The files in `migrations/` are the schema's history: `0001_foundation.sql`, `0002_content.sql`…
A database that has seen a newer migration than this code knows is refused, because running old
code on a newer schema is how rows get half-written.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent.parent / "migrations"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class MigrationError(Exception):
    """The database cannot be brought to this code's schema; the message says why."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    migrations: list[Migration] = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path}: migration files are named NNNN_name.sql")
        migrations.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise MigrationError(f"{directory}: migration numbers must run 1, 2, 3… without gaps")
    return migrations


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
    return int(row[0])


def apply_migrations(
    conn: sqlite3.Connection, migrations: list[Migration] | None = None, *, up_to: int | None = None
) -> list[int]:
    """Bring the database up to date; returns the versions applied now.

    Each migration's statements and its schema_version row commit together, so a failure leaves
    the database at the previous version, never in between.
    """
    migrations = discover() if migrations is None else migrations
    known = migrations[-1].version if migrations else 0
    have = current_version(conn)
    if have > known:
        raise MigrationError(
            f"the database is at schema version {have}, newer than this code knows ({known}); "
            "upgrade the bot, or restore a backup made by this version"
        )
    applied: list[int] = []
    for migration in migrations:
        if migration.version <= have or (up_to is not None and migration.version > up_to):
            continue
        _apply_one(conn, migration)
        applied.append(migration.version)
    return applied


def _apply_one(conn: sqlite3.Connection, migration: Migration) -> None:
    statements = [s for s in _split_statements(migration.sql) if s.strip()]
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in statements:
            conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_version (version, name, applied_at)"
            " VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            (migration.version, migration.name),
        )
        conn.execute("COMMIT")
    except Exception as exc:
        conn.execute("ROLLBACK")
        raise MigrationError(
            f"migration {migration.version:04d}_{migration.name} failed: {exc}"
        ) from exc


def _split_statements(sql: str) -> list[str]:
    """Split a script into statements, respecting quotes and trigger bodies (BEGIN … END)."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
