"""Typed dates for /discuss-mod schedule and plan: bad input gets a clear reply and changes nothing."""

from __future__ import annotations

import pytest

from tests.discussion.discussion_helpers import ready, slash
from tests.harness import MODERATOR_ID


@pytest.mark.parametrize(
    ("when", "says"),
    [
        ("tomorrow at 8pm", "YYYY-MM-DD HH:MM"),
        ("2026-01-06 25:00", "YYYY-MM-DD HH:MM"),
        ("2026-02-30 20:00", "doesn't exist"),
        ("2026-01-05 19:59", "already in the past"),
    ],
)
async def test_bad_times_are_refused_with_an_example(fake_discord, bot_runner, when, says) -> None:
    """Unparseable, impossible and past times each say what is wrong, with a future example."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": when}
        reply = await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        assert reply.ephemeral and says in reply.text
        assert "`2026-01-06 20:00`" in reply.text and "Asia/Shanghai" in reply.text
        assert await bot.services.schedules.active(kind="discussion") == []


async def test_bad_time_reply_in_chinese(fake_discord, bot_runner) -> None:
    """A Chinese-speaking moderator gets the date problem explained in Chinese."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": "2026-02-30 20:00"}
        reply = await slash(
            fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID, locale="zh-CN"
        )
        assert "这个日期不存在" in reply.text and "例如" in reply.text


async def test_full_width_digits_are_understood(fake_discord, bot_runner) -> None:
    """A time typed with a Chinese input method (full-width digits and colon) is accepted."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": "２０２６-０１-０６ ２０：００"}
        await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        (schedule,) = await bot.services.schedules.active(kind="discussion")
        assert schedule.run_at.isoformat() == "2026-01-06T12:00:00+00:00"


async def test_a_year_too_far_ahead_is_refused(fake_discord, bot_runner) -> None:
    """A date more than a year ahead is taken for a typo in the year."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": "2206-01-06 20:00"}
        reply = await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        assert "check the year" in reply.text
        assert await bot.services.schedules.active(kind="discussion") == []


async def test_plan_start_in_the_past_is_refused(fake_discord, bot_runner) -> None:
    """A plan starting in the past is refused like a single discussion."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"start": "2025-12-01 20:00", "every_days": 7}
        reply = await slash(fake_discord, "discuss-mod plan", options, user=MODERATOR_ID)
        assert "already in the past" in reply.text
        assert await bot.services.schedules.active(kind="discussion") == []
