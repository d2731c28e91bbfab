"""Gateway outages: scheduled work due while the bot is cut off is done once it is back, never
recorded as failed because the caches were empty; the heartbeat stops while it is cut off."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.app import create_bot
from bot.clock import FakeClock
from tests.fakediscord import FakeDiscord
from tests.hardening.hardening_helpers import events_held, reconnects_held
from tests.harness import MODERATOR_ID, BotRunner
from tests.quiz.quiz_helpers import FIRST_RUN, WEEKLY, answered, quiz_posts, ready

MINUTE = timedelta(minutes=1)


async def _schedule_weekly_quiz(fake: FakeDiscord, bot: Any) -> None:
    await ready(bot)
    await answered(await fake.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))


async def _occurrences(bot: Any) -> list[tuple[str, str | None]]:
    async with bot.services.db.execute("SELECT status, reason FROM occurrences") as cursor:
        return [(row["status"], row["reason"]) for row in await cursor.fetchall()]


async def test_run_due_during_an_outage_waits_for_the_resume(
    fake_discord: FakeDiscord, bot_runner: BotRunner, clock: FakeClock
) -> None:
    """A wake-up while disconnected does nothing; the resume posts the due quiz exactly once."""
    async with bot_runner() as bot:
        await _schedule_weekly_quiz(fake_discord, bot)
        async with reconnects_held(fake_discord) as hold:
            await fake_discord.disconnect(resume=True, wait=False)
            await fake_discord.wait_until(
                lambda: bool(hold.held) and not bot.is_connected(), timeout=5, what="an outage"
            )
            clock.set(FIRST_RUN + MINUTE)
            await bot.services.driver.wake()  # APScheduler's 20:00 job
            assert await _occurrences(bot) == []
            assert quiz_posts(fake_discord) == []
            hold.release()
            await fake_discord.wait_until(
                lambda: len(quiz_posts(fake_discord)) == 1, timeout=5, what="the quiz post"
            )
        assert fake_discord.resume_count >= 1
        await bot.services.runner.tick()
        assert await _occurrences(bot) == [("sent", None)]
    assert len(quiz_posts(fake_discord)) == 1


async def test_run_due_before_a_fresh_session_has_its_guilds_is_not_lost(
    fake_discord: FakeDiscord, bot_runner: BotRunner, clock: FakeClock
) -> None:
    """After a fresh IDENTIFY, a wake-up before the guilds arrive neither posts nor records a
    failure; the quiz is posted once the session is complete."""
    async with bot_runner() as bot:
        await _schedule_weekly_quiz(fake_discord, bot)
        # discord.py waits this long for each GUILD_CREATE before READY (2 s in production); long
        # while the guild is held back, short again once it is let through.
        bot._connection.guild_ready_timeout = 30
        async with events_held(fake_discord, "GUILD_CREATE") as hold:
            await fake_discord.disconnect(resume=False)
            await fake_discord.wait_until(
                lambda: not bot.is_connected() and bool(hold.held),
                timeout=5,
                what="a READY without guilds",
            )
            clock.set(FIRST_RUN + MINUTE)
            await bot.services.driver.wake()
            assert await _occurrences(bot) == []
            bot._connection.guild_ready_timeout = 0.05
            hold.release()
            await fake_discord.wait_until(
                lambda: len(quiz_posts(fake_discord)) == 1, timeout=5, what="the quiz post"
            )
        await bot.services.runner.tick()
        assert await _occurrences(bot) == [("sent", None)]
    assert len(quiz_posts(fake_discord)) == 1


async def test_heartbeat_is_written_while_connected_and_stops_in_an_outage(
    fake_discord: FakeDiscord, bot_runner: BotRunner, clock: FakeClock, tmp_path: Path
) -> None:
    """The heartbeat file is touched while connected; after a disconnect it is not touched again
    (so the container's HEALTHCHECK turns unhealthy), and it resumes after the reconnect."""
    beat = tmp_path / "heartbeat"
    checks: list[bool] = []

    def factory() -> Any:
        bot = create_bot(bot_runner.settings(heartbeat_path=beat), clock=clock)
        bot.heartbeat_interval = 0.01
        connected = bot.is_connected

        def counted() -> bool:
            checks.append(state := connected())
            return state

        bot.is_connected = counted  # type: ignore[method-assign]
        return bot

    async with bot_runner(factory=factory) as bot:
        await fake_discord.wait_until(beat.exists, timeout=5, what="a first heartbeat")
        async with reconnects_held(fake_discord) as hold:
            await fake_discord.disconnect(resume=True, wait=False)
            await fake_discord.wait_until(
                lambda: bool(hold.held) and not bot.is_connected(), timeout=5, what="an outage"
            )
            beat.unlink()
            seen = len(checks)
            await fake_discord.wait_until(
                lambda: checks[seen:].count(False) >= 3, timeout=5, what="three heartbeat checks"
            )
            assert not beat.exists()
        await fake_discord.wait_until(beat.exists, timeout=5, what="the heartbeat to come back")
