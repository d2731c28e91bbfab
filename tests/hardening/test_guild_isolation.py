"""Two servers on one bot: nothing one server sets, schedules or scores shows up in the other."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest

from bot.clock import FakeClock
from tests.fakediscord import FakeDiscord
from tests.harness import (
    GUILD_ID,
    MEMBER_ID,
    MODERATOR_ID,
    MODERATOR_ROLE_ID,
    OTHER_CHANNEL_ID,
    READING_CHANNEL_ID,
    BotRunner,
)
from tests.quiz.quiz_helpers import FIRST_RUN, WEEKLY, post_quiz_now, ready

GUILD_B = 1_100_000_000_000_900_001
CHANNEL_B = 1_100_000_000_000_900_101
LOG_B = 1_100_000_000_000_900_102
OWNER_B = 1_100_000_000_000_900_301
MEMBER_B = 1_100_000_000_000_900_303
# What server B's members can look at; the answers must not change when server A is busy.
VIEWS = ("config show", "quiz schedules", "quiz leaderboard", "discuss list", "quiz stats")


@dataclass
class TwoServers:
    fake: FakeDiscord
    bot: Any


@pytest.fixture
async def two(fake_discord: FakeDiscord, bot_runner: BotRunner) -> AsyncIterator[TwoServers]:
    fake = fake_discord
    fake.add_guild("Other circle", guild_id=GUILD_B, owner_id=OWNER_B)
    fake.add_channel(GUILD_B, "reading-b", channel_id=CHANNEL_B)
    fake.add_channel(GUILD_B, "log-b", channel_id=LOG_B)
    fake.add_member(MEMBER_B, "reader-b", guild_id=GUILD_B)
    async with bot_runner() as bot:
        await ready(bot)
        fake.guild_commands[GUILD_B] = [
            dict(c, guild_id=str(GUILD_B)) for c in fake.commands(GUILD_ID)
        ]  # as after a global sync
        yield TwoServers(fake, bot)


async def _text(fake: FakeDiscord, path: str, options: dict[str, Any], **where: Any) -> str:
    record = await fake.slash(path, options, **where)
    await record.wait_response()
    if record.deferred:
        await record.wait_content()
    return record.text


async def _views_of_b(fake: FakeDiscord) -> dict[str, str]:
    return {
        path: await _text(fake, path, {}, user=OWNER_B, guild=GUILD_B, channel=CHANNEL_B)
        for path in VIEWS
    }


async def test_settings_schedules_and_scores_of_one_server_stay_there(two: TwoServers) -> None:
    """Server A's time zone, roles, log channel, schedules, discussions and answers change
    nothing that server B's /config show, lists, leaderboard or stats show."""
    fake = two.fake
    before = await _views_of_b(fake)
    a = {"user": MODERATOR_ID}
    await _text(fake, "config timezone", {"name": "Europe/Berlin"}, **a)
    await _text(fake, "config moderator-role", {"role": MODERATOR_ROLE_ID}, **a)
    await _text(fake, "config log-channel", {"channel": OTHER_CHANNEL_ID}, **a)
    await _text(fake, "quiz-mod schedule", WEEKLY, **a)
    await _text(fake, "discuss-mod schedule", {"section": "结语", "when": "2026-01-07 20:00"}, **a)
    post = await post_quiz_now(fake, two.bot, MODERATOR_ID)
    await (await fake.click(post, post.custom_ids()[0], user=MEMBER_ID)).wait_response()
    await _text(fake, "quiz-mod close", {}, **a)
    assert "Europe/Berlin" in await _text(fake, "config show", {}, **a)
    assert await _views_of_b(fake) == before


async def test_another_servers_schedule_ids_cannot_be_cancelled(two: TwoServers) -> None:
    """Server B's moderators cannot unschedule or cancel server A's schedules by guessing ids."""
    fake = two.fake
    await _text(fake, "quiz-mod schedule", WEEKLY, user=MODERATOR_ID)
    await _text(
        fake,
        "discuss-mod schedule",
        {"section": "结语", "when": "2026-01-07 20:00"},
        user=MODERATOR_ID,
    )
    schedules = await two.bot.services.schedules.active(guild_id=GUILD_ID)
    ids = [s.id for s in schedules]
    assert len(ids) == 2
    b = {"user": OWNER_B, "guild": GUILD_B, "channel": CHANNEL_B}
    for number in {*ids, *(s.number for s in schedules)}:
        await _text(fake, "quiz-mod unschedule", {"id": number}, **b)
        await _text(fake, "discuss-mod cancel", {"session": str(number)}, **b)
    assert [s.id for s in await two.bot.services.schedules.active(guild_id=GUILD_ID)] == ids


async def test_a_failure_in_one_server_is_reported_only_in_its_own_log_channel(
    two: TwoServers, clock: FakeClock
) -> None:
    """When server A's quiz cannot be posted, server B's log channel hears nothing of it."""
    fake = two.fake
    await _text(
        fake,
        "config log-channel",
        {"channel": LOG_B},
        user=OWNER_B,
        guild=GUILD_B,
        channel=CHANNEL_B,
    )
    await _text(fake, "config log-channel", {"channel": OTHER_CHANNEL_ID}, user=MODERATOR_ID)
    await _text(fake, "quiz-mod schedule", WEEKLY, user=MODERATOR_ID)
    fake.set_bot_permissions(READING_CHANNEL_ID, deny=["send_messages"])
    clock.set(FIRST_RUN)
    await two.bot.services.runner.tick()
    lines_b = [m.content for m in fake.messages(LOG_B) if m.author.id == fake.bot_user_id]
    lines_a = [
        m.content for m in fake.messages(OTHER_CHANNEL_ID) if m.author.id == fake.bot_user_id
    ]
    assert len(lines_b) == 1  # only its own hello
    assert len(lines_a) == 2 and "did not happen" in lines_a[1]
