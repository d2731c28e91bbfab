"""The host's commands as real subprocesses: backup, health, doctor, and a clean SIGTERM stop."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bot.storage.migrations import apply_migrations
from tests.fakediscord import FakeDiscord
from tests.hardening.process_helpers import CliProcess
from tests.harness import GUILD_ID

ROOT = Path(__file__).resolve().parents[2]
SCRUBBED = ("DISCORD_TOKEN", "DATABASE_PATH", "HEARTBEAT_PATH", "DEV_GUILD_ID", "LOG_LEVEL")


def bot_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` with only the given settings (the developer's .env is not read)."""
    environment = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    environment.update(env, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=60,
    )


def _database(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    apply_migrations(conn)
    conn.execute("INSERT INTO bot_state VALUES ('answer', '42', 'now')")
    conn.close()


def test_backup_command_writes_a_checked_copy(tmp_path: Path) -> None:
    """`backup PATH` exits 0 and writes an intact copy holding the rows."""
    _database(tmp_path / "db.sqlite3")
    result = bot_cli("backup", "out/copy.sqlite3", cwd=tmp_path, DATABASE_PATH="db.sqlite3")
    assert result.returncode == 0, result.stderr
    assert "backup written to out/copy.sqlite3" in result.stdout
    copy = sqlite3.connect(tmp_path / "out" / "copy.sqlite3")
    assert copy.execute("SELECT value FROM bot_state WHERE key = 'answer'").fetchone() == ("42",)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_backup_command_refuses_to_overwrite_or_copy_nothing(tmp_path: Path) -> None:
    """An existing target or a missing database is one error line and exit code 1."""
    _database(tmp_path / "db.sqlite3")
    (tmp_path / "taken.sqlite3").write_text("keep me", encoding="utf-8")
    taken = bot_cli("backup", "taken.sqlite3", cwd=tmp_path, DATABASE_PATH="db.sqlite3")
    missing = bot_cli("backup", "new.sqlite3", cwd=tmp_path, DATABASE_PATH="absent.sqlite3")
    assert (taken.returncode, missing.returncode) == (1, 1)
    assert "already exists" in taken.stderr and "no database" in missing.stderr
    assert (tmp_path / "taken.sqlite3").read_text(encoding="utf-8") == "keep me"
    assert "Traceback" not in taken.stderr + missing.stderr


def test_health_command_follows_the_heartbeat_file(tmp_path: Path) -> None:
    """`health` exits 1 without a heartbeat, 0 with a fresh one, 1 with one older than 90 s."""
    beat = tmp_path / "hb"
    env = {"HEARTBEAT_PATH": str(beat), "DATABASE_PATH": str(tmp_path / "db.sqlite3")}
    assert bot_cli("health", cwd=tmp_path, **env).returncode == 1
    beat.touch()
    assert bot_cli("health", cwd=tmp_path, **env).returncode == 0
    old = time.time() - 120
    os.utime(beat, (old, old))
    stale = bot_cli("health", cwd=tmp_path, **env)
    assert stale.returncode == 1 and "stale" in stale.stderr


def test_doctor_command_without_token_names_the_problem(tmp_path: Path) -> None:
    """Offline, `doctor` lists its findings, names the missing token and exits 1, no traceback."""
    _database(tmp_path / "db.sqlite3")
    result = bot_cli("doctor", cwd=tmp_path, DATABASE_PATH="db.sqlite3")
    assert result.returncode == 1
    assert "[PROBLEM] DISCORD_TOKEN" in result.stdout
    assert "[ok] database integrity: ok" in result.stdout
    assert "Traceback" not in result.stderr


async def test_run_is_healthy_while_connected_and_stops_cleanly_on_sigterm(
    fake_discord: FakeDiscord, tmp_path: Path
) -> None:
    """`python -m bot run` writes its heartbeat once connected (so `health` passes) and exits 0
    on SIGTERM, as `docker stop` sends it, with the database left intact."""
    beat = tmp_path / "hb"
    env = {"DATABASE_PATH": str(tmp_path / "db.sqlite3"), "HEARTBEAT_PATH": str(beat)}
    bot = await CliProcess.spawn(fake_discord, "run", env=env, cwd=tmp_path)
    try:
        await fake_discord.wait_until(
            lambda: beat.exists() or bot.proc.returncode is not None,
            timeout=30,
            what="the first heartbeat",
        )
        assert fake_discord.connected and fake_discord.commands(GUILD_ID), bot.text[-2000:]
        health = bot_cli("health", cwd=tmp_path, HEARTBEAT_PATH=str(beat))
    finally:
        exit_code = await bot.terminate()
    assert health.returncode == 0
    assert exit_code == 0, bot.text[-2000:]
    assert "SIGTERM received; shutting down" in bot.text
    conn = sqlite3.connect(tmp_path / "db.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
