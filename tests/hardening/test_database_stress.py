"""The database under stress: locked by another process, read-only, full.

A lock held by another process only slows a click down; one held too long gets a clear "try again"
reply inside Discord's deadline instead of a failed interaction; a database that cannot be written
is named as such while lookups keep working; and nothing half-written is left behind.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.clock import FakeClock
from tests.fakediscord import FakeDiscord
from tests.hardening.hardening_helpers import changed_tables, snapshot
from tests.harness import MEMBER2_ID, MEMBER_ID, MODERATOR_ID, BotRunner
from tests.quiz.quiz_helpers import WEEKLY, post_quiz_now, ready

HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""
DEADLINE = 3.0


@asynccontextmanager
async def write_lock(path: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    """Another process holds the database's write lock until the block ends."""
    holder = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        HOLD_LOCK,
        str(path),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None
    line = await asyncio.wait_for(holder.stdout.readline(), 10)
    assert line.strip() == b"locked"
    try:
        yield holder
    finally:
        if holder.returncode is None:
            release(holder)
        await asyncio.wait_for(holder.wait(), 10)


def release(holder: asyncio.subprocess.Process) -> None:
    """Let the holder roll back and exit (the write lock goes with it)."""
    assert holder.stdin is not None
    if not holder.stdin.is_closing():
        holder.stdin.write(b"\n")
        holder.stdin.close()


async def _answers(bot: Any) -> list[tuple[int, int]]:
    async with bot.services.db.execute("SELECT user_id, choice FROM quiz_answers") as cursor:
        return [(row["user_id"], row["choice"]) for row in await cursor.fetchall()]


async def test_click_waits_for_another_writer_and_is_stored(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A click that meets another process's write lock waits for it, then is stored and
    confirmed, all within Discord's deadline."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        statements: list[str] = []
        await bot.services.db.set_trace_callback(statements.append)
        async with write_lock(bot_runner.database_path) as holder:
            click = await fake_discord.click(post, post.custom_ids()[1], user=MEMBER_ID)
            await fake_discord.wait_until(
                lambda: "BEGIN IMMEDIATE" in statements, timeout=5, what="the click to wait"
            )
            assert not click.responded
            release(holder)
            await click.wait_response()
        await bot.services.db.set_trace_callback(None)
        assert "recorded" in (click.content or "")
        assert click.time_to_first_response is not None
        assert click.time_to_first_response < DEADLINE
        assert await _answers(bot) == [(MEMBER_ID, 1)]


async def test_lock_held_too_long_gets_a_clear_reply_in_time_and_nothing_is_lost(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """While another process keeps the write lock, a click is told the database is busy before
    Discord's deadline; lookups still work; after the lock is gone the same click is stored."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        async with write_lock(bot_runner.database_path):
            click = await fake_discord.click(post, post.custom_ids()[2], user=MEMBER_ID)
            lookup = await fake_discord.slash("excerpt", {"query": "日美同盟"})
            await lookup.wait_response()
            await click.wait_response(timeout=DEADLINE + 1)
            assert lookup.embeds
        assert click.ephemeral and "can't be written" in (click.content or "")
        assert click.time_to_first_response is not None
        assert click.time_to_first_response < DEADLINE
        assert await _answers(bot) == []
        again = await (
            await fake_discord.click(post, post.custom_ids()[2], user=MEMBER_ID)
        ).wait_response()
        assert "recorded" in (again.content or "")
        assert await _answers(bot) == [(MEMBER_ID, 2)]
    assert [m for m in bot_runner.errors.messages() if "database is locked" in m]
    bot_runner.errors.records.clear()  # the busy database is logged on purpose, with an error id


async def test_read_only_database_is_named_and_lookups_keep_working(
    fake_discord: FakeDiscord, bot_runner: BotRunner, clock: FakeClock
) -> None:
    """With the file read-only, a write command says the database can't be written and why,
    nothing changes, and /excerpt, /outline and autocomplete still answer."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        before = snapshot(bot_runner.database_path)
        await bot.services.db.execute("PRAGMA query_only = ON")
        schedule = await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID)
        click = await fake_discord.click(post, post.custom_ids()[0], user=MEMBER2_ID)
        for record in (schedule, click):
            await record.wait_response()
            assert "readonly" in (record.content or ""), record.content
            assert "can't be written" in (record.content or "")
        assert not changed_tables(before, snapshot(bot_runner.database_path))
        excerpt = await (
            await fake_discord.slash("excerpt", {"query": "安倍 特朗普"})
        ).wait_response()
        outline = await (await fake_discord.slash("outline")).wait_response()
        typed = await (
            await fake_discord.autocomplete("excerpt", {"query": "日美"}, focused="query")
        ).wait_response()
        assert excerpt.embeds and outline.embeds and typed.choices
        await bot.services.db.execute("PRAGMA query_only = OFF")
    bot_runner.errors.records.clear()  # each refused write is logged with its error id
