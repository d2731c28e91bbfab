"""A weekly quiz's Discord scheduled events end to end through discord.py and the fake: off by
default (not one event request), on with `event:True` (the next run's event, started by the post
and linking it, completed at the close, the next week's made then), cancelled by unschedule,
said once without Create Events while the quiz still posts, one event per run across restarts."""

from __future__ import annotations

from datetime import timedelta

import aiosqlite
import pytest

from bot.quiz import events as texts
from tests.discussion.discussion_helpers import bot_lines, set_bot_server_permissions
from tests.event_helpers import ACTIVE, CANCELLED, COMPLETED, EVENTS, SCHEDULED, events_settled
from tests.harness import GUILD_ID, MODERATOR_ID, OTHER_CHANNEL_ID, READING_CHANNEL_ID
from tests.quiz.quiz_helpers import DAY, FIRST_RUN, WEEKLY, answered, quiz_posts, ready

WEEK = timedelta(days=7)
WITH_EVENT = {**WEEKLY, "event": True}


@pytest.fixture
def fake(fake_discord):
    set_bot_server_permissions(fake_discord, add=("create_events",))
    return fake_discord


async def schedule(fake, options=WITH_EVENT, **kwargs):
    return await answered(
        await fake.slash("quiz-mod schedule", options, user=MODERATOR_ID, **kwargs)
    )


async def run_at(bot, clock, moment) -> None:
    clock.set(moment)
    await bot.services.runner.tick()


async def test_without_the_option_no_event_request_at_all(fake, bot_runner, clock) -> None:
    async with bot_runner() as bot:
        await ready(bot)
        reply = await schedule(fake, WEEKLY)
        assert "interested" not in reply.text
        await run_at(bot, clock, FIRST_RUN)
        assert len(quiz_posts(fake)) == 1
        await run_at(bot, clock, FIRST_RUN + DAY)
        listing = await answered(await fake.slash("quiz schedules", {}))
        assert "server event" not in listing.text
    assert fake.requests_matching("*", EVENTS + ".*") == []


async def test_event_follows_each_run_and_rolls_forward(fake, bot_runner, clock) -> None:
    """The next run's event (#reading, start = run, end = start + 24 h, both languages, the
    marker); /quiz schedules shows its interested count; the post starts it and is linked; the
    close completes it and the next week's run gets its event."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await schedule(fake)
        assert "interested" in reply.text
        (first,) = await events_settled(fake, bot, 1)
        assert (first.status, first.start, first.end) == (SCHEDULED, FIRST_RUN, FIRST_RUN + DAY)
        assert first.location == "#reading" and first.creator_id == fake.bot_user_id
        assert first.name.startswith("每周测验 · Weekly quiz") and len(first.name) <= 100
        assert texts.has_marker(first.description, 1, FIRST_RUN.date())
        assert "24" in first.description and len(first.description) <= 1000
        fake.set_event_interest(first.id, 4)
        listing = await answered(await fake.slash("quiz schedules", {}))
        assert "👥 4 interested" in str(listing.embeds)
        await run_at(bot, clock, FIRST_RUN)
        (post,) = quiz_posts(fake)
        assert first.status == ACTIVE
        assert f"https://discord.com/channels/{GUILD_ID}/{READING_CHANNEL_ID}/{post.id}" in (
            first.description
        )
        await run_at(bot, clock, FIRST_RUN + DAY)
        assert first.status == COMPLETED
        second = next(e for e in fake.scheduled_events() if e.id != first.id)
        assert (second.status, second.start) == (SCHEDULED, FIRST_RUN + WEEK)
        assert texts.has_marker(second.description, 1, (FIRST_RUN + WEEK).date())
        await bot.services.runner.tick()
    assert len(fake.requests_matching("POST", EVENTS)) == 2


async def test_a_moderators_close_completes_the_event_at_once(fake, bot_runner, clock) -> None:
    async with bot_runner() as bot:
        await ready(bot)
        await schedule(fake)
        (first,) = await events_settled(fake, bot, 1)
        await run_at(bot, clock, FIRST_RUN)
        closed = await answered(
            await fake.slash("quiz-mod close", {"channel": READING_CHANNEL_ID}, user=MODERATOR_ID)
        )
        assert closed.text
        assert first.status == COMPLETED
        assert len(fake.scheduled_events()) == 2  # the next week's


async def test_unschedule_cancels_the_pending_event(fake, bot_runner, clock) -> None:
    async with bot_runner() as bot:
        await ready(bot)
        await schedule(fake)
        (event,) = await events_settled(fake, bot, 1)
        await answered(await fake.slash("quiz-mod unschedule", {"id": 1}, user=MODERATOR_ID))
        await fake.wait_until(lambda: event.status == CANCELLED, timeout=5, what="cancelled")
        await run_at(bot, clock, FIRST_RUN + DAY)
        assert quiz_posts(fake) == []
    assert len(fake.requests_matching("POST", EVENTS)) == 1


async def test_without_create_events_it_says_so_once_and_still_posts(
    fake_discord, bot_runner, clock
) -> None:
    async with bot_runner() as bot:
        await ready(bot)
        await answered(
            await fake_discord.slash(
                "config log-channel", {"channel": OTHER_CHANNEL_ID}, user=MODERATOR_ID
            )
        )
        first = await schedule(fake_discord)
        assert "Create Events" in first.text
        second = await schedule(fake_discord, {**WITH_EVENT, "time": "21:00"})
        assert "Create Events" not in second.text
        await run_at(bot, clock, FIRST_RUN)
        assert len(quiz_posts(fake_discord)) == 1
        notes = [line for line in bot_lines(fake_discord, OTHER_CHANNEL_ID) if "Create" in line]
        assert len(notes) == 1
    assert fake_discord.requests_matching("*", EVENTS + ".*") == []


async def test_restarts_leave_exactly_one_event_per_run(fake, bot_runner, clock, tmp_path) -> None:
    """A create Discord answered but the bot never recorded (SIGKILL's state) is adopted by the
    restarted bot; a restart after the close leaves the next week's one event alone."""
    database = tmp_path / "bot.sqlite3"
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        await schedule(fake)
        (first,) = await events_settled(fake, bot, 1)
    async with aiosqlite.connect(database) as conn:
        await conn.execute("UPDATE schedule_events SET event_id = NULL, state = 'none'")
        await conn.commit()
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        await run_at(bot, clock, FIRST_RUN)
        assert first.status == ACTIVE
        await run_at(bot, clock, FIRST_RUN + DAY)
        assert first.status == COMPLETED
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        await bot.services.runner.tick()
    assert len(fake.requests_matching("POST", EVENTS)) == 2
    assert sorted(e.start for e in fake.scheduled_events()) == [FIRST_RUN, FIRST_RUN + WEEK]


async def test_a_missed_run_cancels_its_event_and_the_next_gets_one(
    fake, bot_runner, clock, tmp_path
) -> None:
    database = tmp_path / "bot.sqlite3"
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        await schedule(fake)
        (first,) = await events_settled(fake, bot, 1)
    clock.set(FIRST_RUN + 2 * DAY)  # down for longer than the grace period
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        assert first.status == CANCELLED
        assert quiz_posts(fake) == []
        (second,) = [e for e in fake.scheduled_events() if e.id != first.id]
        assert (second.status, second.start) == (SCHEDULED, FIRST_RUN + WEEK)
