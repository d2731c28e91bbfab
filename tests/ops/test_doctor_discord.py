"""`python -m bot doctor` with a token: the bot's permissions in configured channels, checked
over REST against the fake Discord, as a real subprocess."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.storage.migrations import apply_migrations
from tests.fakediscord import FakeDiscord
from tests.fakediscord.permissions import names
from tests.hardening.process_helpers import run_cli
from tests.harness import GUILD_ID, OTHER_CHANNEL_ID, READING_CHANNEL_ID

NOW = "2026-01-05T12:00:00+00:00"


def _database(path: Path, *schedules: tuple[str, int]) -> None:
    """A migrated database with #general as log channel and weekly schedules (kind, channel)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    apply_migrations(conn)
    conn.execute(
        "INSERT INTO guild_settings (guild_id, log_channel_id, updated_at) VALUES (?, ?, ?)",
        (GUILD_ID, OTHER_CHANNEL_ID, NOW),
    )
    for kind, channel in schedules:
        conn.execute(
            "INSERT INTO schedules (guild_id, kind, channel_id, timezone, weekday, local_time,"
            " created_by, created_at) VALUES (?, ?, ?, 'Asia/Shanghai', 1, '20:00', 1, ?)",
            (GUILD_ID, kind, channel, NOW),
        )
    conn.close()


async def _doctor(fake: FakeDiscord, tmp_path: Path, token: str = "test-token") -> tuple[int, str]:
    env = {"DATABASE_PATH": str(tmp_path / "db.sqlite3"), "DISCORD_TOKEN": token}
    code, out, err = await run_cli(fake, "doctor", env=env, cwd=tmp_path)
    return code, out + err


async def test_doctor_passes_when_the_bot_may_post_everywhere(
    fake_discord: FakeDiscord, tmp_path: Path
) -> None:
    """With every configured channel in order, each is reported ok and the exit code is 0."""
    _database(tmp_path / "db.sqlite3", ("quiz", READING_CHANNEL_ID))
    code, output = await _doctor(fake_discord, tmp_path)
    assert code == 0, output
    assert "[ok] #general (log channel)" in output
    assert "[ok] #reading (quiz schedule 1)" in output


async def test_doctor_names_missing_permissions_and_gone_channels(
    fake_discord: FakeDiscord, tmp_path: Path
) -> None:
    """A missing permission is named per channel and schedule, a deleted channel is called
    gone, the exit code is 1, and only GET requests were made (no gateway, nothing posted)."""
    fake_discord.set_bot_permissions(READING_CHANNEL_ID, deny=["create_public_threads"])
    doomed = fake_discord.add_channel(GUILD_ID, "doomed")
    fake_discord.delete_channel(doomed.id)
    _database(
        tmp_path / "db.sqlite3",
        ("quiz", READING_CHANNEL_ID),
        ("discussion", READING_CHANNEL_ID),
        ("quiz", doomed.id),
    )
    code, output = await _doctor(fake_discord, tmp_path)
    assert code == 1
    assert "[ok] #reading (quiz schedule 1)" in output
    assert (
        "[PROBLEM] #reading (discussion schedule 2): the bot is missing Create Public Threads"
        in output
    )
    assert (
        f"[PROBLEM] channel {doomed.id} (quiz schedule 3): the channel no longer exists" in output
    )
    assert {r.method for r in fake_discord.requests} == {"GET"}
    assert fake_discord.identify_count == 0


async def test_doctor_reports_a_refused_token(fake_discord: FakeDiscord, tmp_path: Path) -> None:
    """A token Discord refuses is one clear problem line, without the token in it."""
    _database(tmp_path / "db.sqlite3")
    code, output = await _doctor(fake_discord, tmp_path, token="wrong-token-zzz")
    assert code == 1
    assert "[PROBLEM] DISCORD_TOKEN: Discord refused the token (401)" in output
    assert "wrong-token-zzz" not in output
    assert "Traceback" not in output


def grant_bot(fake: FakeDiscord, *permissions: str) -> None:
    """Add server-wide permissions to the bot's own role; none: take the events ones away."""
    member = fake.state.member(GUILD_ID, fake.bot_user_id)
    assert member is not None
    (role_id,) = member.roles
    granted = set(names(fake.state.roles[role_id].permissions)) | set(permissions)
    if not permissions:
        granted -= {"manage_events", "create_events"}
    fake.set_role_permissions(role_id, sorted(granted))


@pytest.mark.parametrize(
    ("kind", "run_at", "payload"),
    [
        ("discussion", "2026-01-06T12:00:00Z", "{}"),
        ("quiz", None, '{"event": true}'),
    ],
    ids=["discussion session", "quiz with events"],
)
async def test_doctor_reports_missing_create_events_for_scheduled_events(
    fake_discord: FakeDiscord, tmp_path: Path, kind: str, run_at: str | None, payload: str
) -> None:
    """A server with discussion sessions to come and no Create Events: named as a problem (the
    sessions open, but get no events); granted, it is ok."""
    _database(tmp_path / "db.sqlite3")
    conn = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    conn.execute(
        "INSERT INTO schedules (guild_id, kind, channel_id, timezone, run_at, weekday,"
        " local_time, payload, created_by, created_at, number)"
        " VALUES (?, ?, ?, 'Asia/Shanghai', ?, ?, ?, ?, 1, ?, 1)",
        (
            GUILD_ID,
            kind,
            READING_CHANNEL_ID,
            run_at,
            None if run_at else 1,
            None if run_at else "20:00",
            payload,
            NOW,
        ),
    )
    conn.close()
    grant_bot(fake_discord)  # neither Manage Events nor Create Events
    code, output = await _doctor(fake_discord, tmp_path)
    assert code == 1
    assert (
        f"[PROBLEM] server {GUILD_ID} (scheduled events): the bot is missing Create Events"
        in output
    )
    grant_bot(fake_discord, "create_events")
    code, output = await _doctor(fake_discord, tmp_path)
    assert code == 0, output
    assert f"[ok] server {GUILD_ID} (scheduled events)" in output
