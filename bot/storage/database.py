"""Opening the embedded SQLite database the same way everywhere (bot, CLI, tests, benchmarks)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.storage.migrations import apply_migrations

log = logging.getLogger(__name__)

# How long a write waits for another connection's lock before giving up with "database is
# locked". Kept under Discord's 3-second deadline for a first answer: a click that meets a long
# lock is then told to try again, instead of the interaction failing with no answer at all.
BUSY_TIMEOUT_MS = 2000

# One write transaction at a time per connection: tasks share a connection, and SQLite refuses a
# BEGIN inside another task's open transaction.
_write_locks: weakref.WeakKeyDictionary[aiosqlite.Connection, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def _prepare(path: Path) -> None:
    """Migrate with a plain connection in autocommit mode, so each migration is its own transaction."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        apply_migrations(conn)
    finally:
        conn.close()


async def connect(path: Path, *, migrate: bool = True) -> aiosqlite.Connection:
    path = Path(str(path))
    if migrate:
        await asyncio.to_thread(_prepare, path)
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = aiosqlite.Row
    await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    await conn.execute("PRAGMA journal_mode = WAL")
    await conn.execute("PRAGMA foreign_keys = ON")
    await conn.execute("PRAGMA synchronous = NORMAL")
    return conn


@asynccontextmanager
async def open_database(path: Path, *, migrate: bool = True) -> AsyncIterator[aiosqlite.Connection]:
    """An autocommit aiosqlite connection with migrations applied, WAL and foreign keys on.

    Autocommit (isolation_level=None) means every multi-statement change must use an explicit
    `BEGIN IMMEDIATE … COMMIT` (see `transaction`), which keeps transaction boundaries visible.
    """
    conn = await connect(path, migrate=migrate)
    try:
        yield conn
    finally:
        await conn.close()


@asynccontextmanager
async def transaction(conn: aiosqlite.Connection) -> AsyncIterator[aiosqlite.Connection]:
    """All or nothing: commit when the block ends normally, roll back on any exception."""
    lock = _write_locks.setdefault(conn, asyncio.Lock())
    async with lock:
        await conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            await conn.execute("COMMIT")
        except BaseException:
            # SQLite itself rolls back on some errors (a full disk, an I/O error): a second
            # ROLLBACK would then fail and hide the real error from the error handler. A failed
            # COMMIT, in turn, may leave the transaction open, which must not outlive this block
            # or every later BEGIN on the shared connection would fail.
            if conn.in_transaction:
                try:
                    await conn.execute("ROLLBACK")
                except sqlite3.Error:
                    log.exception("could not roll back a failed transaction")
            raise
