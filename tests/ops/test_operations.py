"""Backups, doctor, health and the secret filter: the host's tools."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path

import pytest

from bot.logging_setup import REDACTED, SecretFilter
from bot.ops.backup import BackupError, backup_database
from bot.ops.doctor import diagnose
from bot.ops.heartbeat import is_fresh
from bot.settings import Settings
from bot.storage.migrations import apply_migrations

ROOT = Path(__file__).resolve().parents[2]


def _database(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    apply_migrations(conn)
    conn.execute("INSERT INTO bot_state VALUES ('k', 'v', 'now')")
    conn.close()


def test_backup_copies_a_live_database(tmp_path: Path) -> None:
    """A backup taken while another connection holds the database open contains its rows."""
    source = tmp_path / "db.sqlite3"
    _database(source)
    holder = sqlite3.connect(source)  # the running bot
    holder.execute("INSERT INTO bot_state VALUES ('live', 'yes', 'now')")
    holder.commit()
    size = backup_database(source, tmp_path / "backups" / "copy.sqlite3")
    holder.close()
    copy = sqlite3.connect(tmp_path / "backups" / "copy.sqlite3")
    assert size > 0
    assert dict(copy.execute("SELECT key, value FROM bot_state")) == {"k": "v", "live": "yes"}
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_refuses_to_overwrite(tmp_path: Path) -> None:
    """An existing target file is never overwritten."""
    source = tmp_path / "db.sqlite3"
    _database(source)
    target = tmp_path / "exists.sqlite3"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(BackupError, match="already exists"):
        backup_database(source, target)
    assert target.read_text(encoding="utf-8") == "precious"


def test_doctor_reports_missing_token_and_valid_content(tmp_path: Path) -> None:
    """The doctor names a missing token as a problem and finds the bundled content valid."""
    settings = Settings(database_path=tmp_path / "db.sqlite3", content_dir=ROOT / "content")
    findings = {f.topic: f for f in diagnose(settings)}
    assert not findings["DISCORD_TOKEN"].ok
    assert findings["content"].ok
    assert findings["database folder"].ok


def test_doctor_reports_a_database_from_the_future(tmp_path: Path) -> None:
    """A database newer than the code is a problem the doctor names."""
    path = tmp_path / "db.sqlite3"
    _database(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO schema_version VALUES (999, 'future', 'now')")
    conn.close()
    findings = {
        f.topic: f for f in diagnose(Settings(database_path=path, content_dir=ROOT / "content"))
    }
    assert not findings["schema"].ok


def test_heartbeat_freshness(tmp_path: Path) -> None:
    """A heartbeat is fresh for 90 s and stale after; a missing one is unhealthy."""
    beat = tmp_path / "hb"
    assert not is_fresh(beat)
    beat.touch()
    now = time.time()
    os.utime(beat, (now - 60, now - 60))
    assert is_fresh(beat, now=now)
    os.utime(beat, (now - 120, now - 120))
    assert not is_fresh(beat, now=now)


def test_secret_filter_scrubs_token_from_messages_and_arguments() -> None:
    """A token in a log message or its arguments never reaches the formatted line."""
    token = "MTIzNDU2.secret.token-value"
    record = logging.LogRecord(
        "discord.http", logging.INFO, __file__, 1, "sending %s to %s", (token, "x"), None
    )
    SecretFilter(token).filter(record)
    formatted = logging.Formatter("%(message)s").format(record)
    assert token not in formatted
    assert REDACTED in formatted
