"""Consistent online copies of the database with SQLite's backup API (safe while the bot writes)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class BackupError(Exception):
    pass


def backup_database(source: Path, target: Path) -> int:
    """Copy `source` to `target` page by page; returns the size in bytes. Refuses to overwrite."""
    if not source.is_file():
        raise BackupError(f"no database at {source}")
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=256)
            (ok,) = dst.execute("PRAGMA integrity_check").fetchone()
            if ok != "ok":
                raise BackupError(f"the copy failed its integrity check: {ok}")
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(target)  # appears only when complete
    return target.stat().st_size
