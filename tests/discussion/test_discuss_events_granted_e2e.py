"""A session's Discord scheduled event through its life, end to end through discord.py and the
fake, with the bot holding Create Events: created with the schedule, started with the thread,
moved, cancelled, completed when the window ends; deleted by hand stays deleted; a restart in
between neither duplicates nor orphans one."""

from __future__ import annotations

from datetime import timedelta

import aiosqlite
import pytest

from bot.discussion import events as texts
from bot.scheduling.refs import ScheduleRef
from tests.discussion.discussion_helpers import (
    TOMORROW_20,
    TOMORROW_20_UTC,
    ready,
    reply_text,
    set_bot_server_permissions,
    slash,
)
from tests.event_helpers import ACTIVE, CANCELLED, COMPLETED, EVENTS, SCHEDULED, events_settled
from tests.harness import GUILD_ID, MODERATOR_ID, READING_CHANNEL_ID

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@pytest.fixture
def fake(fake_discord):
    set_bot_server_permissions(fake_discord, add=("create_events",))
    return fake_discord


async def schedule_intro(fake, **extra):
    return await slash(
        fake,
        "discuss-mod schedule",
        {"section": "intro", "when": TOMORROW_20, **extra},
        user=MODERATOR_ID,
    )


async def test_event_follows_the_session_from_schedule_to_wrapup(fake, bot_runner, clock) -> None:
    """Scheduled → an external event at #reading (start = session, end = start + window), named
    as the section, with prompts and the marker; /discuss list shows its interested count; the
    thread opens → ACTIVE, linking the thread; the window ends → COMPLETED."""
    async with bot_runner() as bot:
        await ready(bot)
        await bot.services.discussions.set_archive_minutes(GUILD_ID, 1440, clock.now())
        reply = await schedule_intro(fake)
        assert "interested" in reply_text(reply)  # "members can mark themselves interested"
        (event,) = await events_settled(fake, bot, 1)
        assert (event.status, event.start, event.end) == (
            SCHEDULED,
            TOMORROW_20_UTC,
            TOMORROW_20_UTC + DAY,
        )
        assert event.location == "#reading" and event.creator_id == fake.bot_user_id
        assert event.name.startswith("引言") and len(event.name) <= 100
        assert texts.has_marker(event.description, ScheduleRef(1))
        assert "💬" in event.description and len(event.description) <= 1000
        fake.set_event_interest(event.id, 5)
        listing = await slash(fake, "discuss list", {})
        assert "👥 5 interested" in listing.text
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        (thread,) = fake.threads(READING_CHANNEL_ID)
        assert event.status == ACTIVE
        assert f"https://discord.com/channels/{GUILD_ID}/{thread.id}" in event.description
        clock.set(TOMORROW_20_UTC + DAY)
        await bot.services.runner.tick()
        assert event.status == COMPLETED
        assert [m for m in fake.messages(thread.id) if texts.is_wrapup(m.content)]
        await bot.services.runner.tick()
    assert len(fake.requests_matching("POST", EVENTS)) == 1
    assert len(fake.scheduled_events()) == 1


async def test_plan_events_move_cancel_and_cancel_plan(fake, bot_runner, clock) -> None:
    """A plan gets one event per session; cancelling a session cancels its event, moving one
    moves its event, cancelling the plan cancels the rest; no event is ever created twice."""
    async with bot_runner() as bot:
        await ready(bot)
        await slash(
            fake,
            "discuss-mod plan",
            {"start": TOMORROW_20, "every_days": 7, "from_section": "s3"},
            user=MODERATOR_ID,
        )
        first, second, third = await events_settled(fake, bot, 3)
        assert [e.name.split(" · ")[0] for e in (first, second, third)] == ["1", "2", "3"]
        await slash(fake, "discuss-mod cancel", {"session": "1.2"}, user=MODERATOR_ID)
        await fake.wait_until(lambda: second.status == CANCELLED, timeout=5, what="cancel")
        moved = await slash(
            fake, "discuss-mod move", {"session": "1.1", "when": "2026-01-07 21:00"},
            user=MODERATOR_ID,
        )  # fmt: skip
        assert "Moved" in reply_text(moved)
        new_start = TOMORROW_20_UTC + DAY + HOUR
        await fake.wait_until(lambda: first.start == new_start, timeout=5, what="move")
        assert first.end == new_start + timedelta(minutes=10080) and first.status == SCHEDULED
        confirm = await slash(fake, "discuss-mod cancel-plan", {"plan": 1}, user=MODERATOR_ID)
        click = await fake.click(confirm, "discuss:cancel-plan:1:yes", user=MODERATOR_ID)
        await click.wait_response()
        await fake.wait_until(
            lambda: first.status == third.status == CANCELLED, timeout=5, what="cancel-plan"
        )
        await bot.services.runner.tick()
    assert len(fake.requests_matching("POST", EVENTS)) == 3


async def test_event_deleted_by_hand_is_not_recreated(fake, bot_runner, clock, tmp_path) -> None:
    """A moderator deletes the event in Discord: the bot records it as gone, never recreates it
    (not on a tick, not after a restart), and the discussion still opens."""
    database = tmp_path / "bot.sqlite3"
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        await schedule_intro(fake)
        (event,) = await events_settled(fake, bot, 1)
        fake.delete_event(event.id)
        await bot.services.runner.tick()
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        assert len(fake.threads(READING_CHANNEL_ID)) == 1
        (row,) = await _rows(bot)
        assert row["state"] == "gone"
    assert len(fake.requests_matching("POST", EVENTS)) == 1
    assert fake.scheduled_events() == []


async def test_create_answered_but_not_recorded_is_adopted_after_restart(
    fake, bot_runner, clock, tmp_path
) -> None:
    """The bot died after Discord made the event, before it recorded the id (intent only): the
    restarted bot finds it by its marker and adopts it; the thread then starts it."""
    database = tmp_path / "bot.sqlite3"
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        await schedule_intro(fake)
        (event,) = await events_settled(fake, bot, 1)
    async with aiosqlite.connect(database) as conn:  # the state SIGKILL would have left
        await conn.execute("UPDATE schedule_events SET event_id = NULL, state = 'none'")
        await conn.commit()
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        (row,) = await _rows(bot)
        assert row["event_id"] == event.id and row["state"] == "scheduled"
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        assert event.status == ACTIVE
    assert len(fake.requests_matching("POST", EVENTS)) == 1
    assert len(fake.scheduled_events()) == 1


async def test_a_cancelled_session_while_down_is_cancelled_at_start_up(
    fake, bot_runner, clock, tmp_path
) -> None:
    """A session cancelled by a bot that died before telling Discord: the restarted bot
    cancels the event (no orphan)."""
    database = tmp_path / "bot.sqlite3"
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        await schedule_intro(fake)
        (event,) = await events_settled(fake, bot, 1)
    async with aiosqlite.connect(database) as conn:
        await conn.execute("UPDATE schedules SET status = 'cancelled'")
        await conn.commit()
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        assert event.status == CANCELLED


async def _rows(bot) -> list:
    async with bot.services.db.execute(
        "SELECT event_id, state FROM schedule_events ORDER BY id"
    ) as cursor:
        rows = await cursor.fetchall()
    return [{"event_id": r[0], "state": r[1]} for r in rows]
