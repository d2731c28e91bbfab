"""`python -m bot doctor`: what is wrong with this installation, in plain sentences."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.config import ConfigError, Settings
from bot.storage.migrations import MigrationError, discover


@dataclass(frozen=True, slots=True)
class Finding:
    ok: bool
    topic: str
    detail: str

    def __str__(self) -> str:
        return f"[{'ok' if self.ok else 'PROBLEM'}] {self.topic}: {self.detail}"


def diagnose(settings: Settings) -> list[Finding]:
    findings = [_token(settings), _database_folder(settings)]
    findings.extend(_database(settings.database_path))
    findings.append(_content(settings.content_dir))
    return findings


def _token(settings: Settings) -> Finding:
    if settings.discord_token:
        return Finding(True, "DISCORD_TOKEN", "set (not shown)")
    return Finding(
        False, "DISCORD_TOKEN", "not set; the bot cannot connect (offline commands still work)"
    )


def _database_folder(settings: Settings) -> Finding:
    try:
        settings.ensure_database_folder()
    except ConfigError as exc:
        return Finding(False, "database folder", str(exc))
    return Finding(True, "database folder", f"{settings.database_path.parent} is writable")


def _database(path: Path) -> list[Finding]:
    if not path.exists():
        return [Finding(True, "database", f"{path} does not exist yet; it is created on first run")]
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (integrity,) = conn.execute("PRAGMA integrity_check").fetchone()
            (version,) = conn.execute(
                "SELECT COALESCE(MAX(version), 0) FROM schema_version"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [Finding(False, "database", f"{path} cannot be read: {exc}")]
    try:
        known = discover()[-1].version
    except MigrationError as exc:
        return [Finding(False, "migrations", str(exc))]
    findings = [Finding(integrity == "ok", "database integrity", integrity)]
    if version > known:
        findings.append(
            Finding(False, "schema", f"version {version} is newer than this code ({known})")
        )
    else:
        findings.append(Finding(True, "schema", f"version {version} (code knows {known})"))
    return findings


def _content(content_dir: Path) -> Finding:
    from bot.content.library import load_library

    library = load_library(content_dir)
    if library.problems:
        first = library.problems[0]
        return Finding(False, "content", f"{len(library.problems)} problem(s), first: {first}")
    return Finding(True, "content", f"{len(library.articles)} article(s) valid in {content_dir}")
