"""Opened discussions and thread settings on a real, migrated SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.discussion.store import DEFAULT_ARCHIVE_MINUTES, DiscussionStore
from bot.scheduling.store import ScheduleStore
from bot.storage.database import open_database

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
GUILD = 10


@pytest.fixture
async def conn(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    async with open_database(tmp_path / "db.sqlite3") as connection:
        yield connection


async def record(
    store: DiscussionStore,
    section: str,
    at: datetime,
    *,
    occurrence: int | None = None,
    series: int | None = None,
    guild: int = GUILD,
) -> None:
    await store.record_opened(
        guild_id=guild,
        channel_id=20,
        article_slug="sample",
        section_id=section,
        message_id=30,
        thread_id=30,
        occurrence_id=occurrence,
        schedule_id=None,
        series_id=series,
        opened_by=None,
        opened_at=at,
    )


async def test_current_section_is_the_latest_within_two_weeks(conn: aiosqlite.Connection) -> None:
    """The most recently opened discussion of the guild names the current section."""
    store = DiscussionStore(conn)
    await record(store, "s1-1", NOW - timedelta(days=10))
    await record(store, "s1-2", NOW - timedelta(days=3))
    await record(store, "intro", NOW - timedelta(days=1), guild=99)
    assert await store.current_section(GUILD, NOW) == "s1-2"


async def test_nothing_is_current_after_two_weeks_without_a_plan(
    conn: aiosqlite.Connection,
) -> None:
    """A one-off discussion older than 14 days is no longer current."""
    store = DiscussionStore(conn)
    await record(store, "s1-1", NOW - timedelta(days=15))
    assert await store.current_section(GUILD, NOW) is None


async def test_an_active_plans_latest_session_stays_current(conn: aiosqlite.Connection) -> None:
    """A plan meeting every three weeks keeps its last opened session current between sessions."""
    schedules = ScheduleStore(conn)
    sessions = await schedules.add_once_many(
        guild_id=GUILD,
        kind="discussion",
        channel_id=20,
        timezone="Asia/Shanghai",
        runs=[(NOW - timedelta(days=20), {}), (NOW + timedelta(days=1), {})],
        created_by=1,
        now=NOW - timedelta(days=30),
        series=True,
    )
    await schedules.mark_done(sessions[0].id)
    store = DiscussionStore(conn)
    await record(store, "s2-p1", NOW - timedelta(days=20), series=sessions[0].series_id)
    assert await store.current_section(GUILD, NOW) == "s2-p1"
    await schedules.cancel(sessions[1].id, guild_id=GUILD)
    assert await store.current_section(GUILD, NOW) is None


async def test_recording_the_same_occurrence_twice_keeps_one_row(
    conn: aiosqlite.Connection,
) -> None:
    """Reconciling a run after a crash updates its row instead of adding a second discussion."""
    store = DiscussionStore(conn)
    await record(store, "s1-1", NOW, occurrence=7)
    await record(store, "s1-1", NOW, occurrence=7)
    assert len(await store.recent(GUILD)) == 1
    assert (await store.by_occurrence(7)) is not None


async def test_archive_duration_defaults_to_a_week_and_can_be_set(
    conn: aiosqlite.Connection,
) -> None:
    """Threads archive after a week unless the guild chose another allowed duration."""
    store = DiscussionStore(conn)
    assert await store.archive_minutes(GUILD) == DEFAULT_ARCHIVE_MINUTES == 10080
    await store.set_archive_minutes(GUILD, 1440, NOW)
    assert await store.archive_minutes(GUILD) == 1440
    with pytest.raises(ValueError):
        await store.set_archive_minutes(GUILD, 90, NOW)
    assert await store.archive_minutes(GUILD) == 1440
