"""Scheduled events of discussions and the wrap-up, end to end through discord.py and the fake.

Here the bot lacks Manage Events (and Create Events): it keeps working, says so once, and still
wraps up; `test_discuss_events_granted_e2e.py` has the events themselves.
"""

from __future__ import annotations

from datetime import timedelta

import aiosqlite

from bot.discussion.events import is_wrapup, wrapup_text
from bot.scheduling.recurrence import to_iso
from tests.discussion.discussion_helpers import (
    TOMORROW_20,
    TOMORROW_20_UTC,
    bot_lines,
    ready,
    reply_text,
    set_bot_server_permissions,
    slash,
)
from tests.harness import (
    GUILD_ID,
    MEMBER2_ID,
    MEMBER_ID,
    MODERATOR_ID,
    OTHER_CHANNEL_ID,
    READING_CHANNEL_ID,
)

LOG_CHANNEL = OTHER_CHANNEL_ID
HOUR = timedelta(hours=1)
NO_EVENTS = ("manage_events", "create_events")


def wrapups(fake, thread_id: int) -> list[str]:
    return [
        m.content
        for m in fake.messages(thread_id)
        if m.author.id == fake.bot_user_id and is_wrapup(m.content)
    ]


async def test_without_create_events_it_says_so_once(fake_discord, bot_runner) -> None:
    """No event request at all; the first moderator's reply and the log channel say which
    permission would add events, once; the sessions are scheduled as ever."""
    set_bot_server_permissions(fake_discord, remove=NO_EVENTS)
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "config log-channel", {"channel": LOG_CHANNEL}, user=MODERATOR_ID)
        first = await slash(
            fake_discord,
            "discuss-mod schedule",
            {"section": "intro", "when": TOMORROW_20},
            user=MODERATOR_ID,
            locale="zh-CN",
        )
        assert "创建活动" in reply_text(first)
        second = await slash(
            fake_discord,
            "discuss-mod plan",
            {"start": TOMORROW_20, "every_days": 7, "from_section": "s3"},
            user=MODERATOR_ID,
        )
        assert "Create Events" not in reply_text(second) and "Create Events" not in second.text
        await bot.services.runner.tick()
        notes = [line for line in bot_lines(fake_discord, LOG_CHANNEL) if "Create Events" in line]
        assert len(notes) == 1 and "创建活动" in notes[0]
        assert len(await bot.services.schedules.active(kind="discussion")) == 4
    assert fake_discord.requests_matching("*", r"/guilds/\d+/scheduled-events.*") == []


async def test_wrapup_when_the_window_ends_once_across_a_restart(
    fake_discord, bot_runner, clock, tmp_path
) -> None:
    """When the thread's window ends, one short message in it: the thread's message and member
    counts (from its metadata) and the plan's next session; never twice, restart or not."""
    database = tmp_path / "bot.sqlite3"
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        await bot.services.discussions.set_archive_minutes(GUILD_ID, 60, clock.now())
        await slash(
            fake_discord,
            "discuss-mod plan",
            {"start": TOMORROW_20, "every_days": 2, "from_section": "s3"},
            user=MODERATOR_ID,
        )
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        for author in (MEMBER_ID, MEMBER2_ID, MEMBER_ID):
            fake_discord.post_message(thread.id, "我觉得……", author=author)
        fake_discord.state.channels[thread.id].thread_members.update({MEMBER_ID, MEMBER2_ID})
        clock.set(TOMORROW_20_UTC + HOUR - timedelta(minutes=1))
        await bot.services.runner.tick()
        assert wrapups(fake_discord, thread.id) == []
        clock.set(TOMORROW_20_UTC + HOUR)
        await bot.services.runner.tick()
        await bot.services.runner.tick()
        (text,) = wrapups(fake_discord, thread.id)
        # the members' own: 3 replies from 2 members (not the bot's note and prompts, nor the bot)
        assert "2 位成员加入，留下 3 条回复" in text
        assert "2 members joined and left 3 replies" in text
        next_session = TOMORROW_20_UTC + timedelta(days=2)
        assert f"<t:{int(next_session.timestamp())}:F>" in text and "Discussion 1.2" in text
        (message,) = [m for m in fake_discord.messages(thread.id) if is_wrapup(m.content)]
        assert message.allowed_mentions == {"parse": []}
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        await bot.services.runner.tick()
        assert len(wrapups(fake_discord, thread.id)) == 1


async def test_wrapup_interrupted_by_a_crash_is_found_not_repeated(
    fake_discord, bot_runner, clock, tmp_path
) -> None:
    """The wrap-up went out but the bot died before recording it (its intent is recorded first):
    the restarted bot finds it in the thread and posts nothing more."""
    database = tmp_path / "bot.sqlite3"
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        await bot.services.discussions.set_archive_minutes(GUILD_ID, 60, clock.now())
        await slash(
            fake_discord,
            "discuss-mod schedule",
            {"section": "intro", "when": TOMORROW_20},
            user=MODERATOR_ID,
        )
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        (opened,) = await bot.services.discussions.recent(GUILD_ID)
    # What the dead bot left: the intent in its database, the message on Discord.
    clock.set(TOMORROW_20_UTC + HOUR)
    sent = fake_discord.post_message(
        thread.id, wrapup_text(messages=3, members=1), author=fake_discord.bot_user_id
    )
    async with aiosqlite.connect(database) as conn:
        await conn.execute(
            "UPDATE discussions SET wrapup_at = ? WHERE id = ?", (to_iso(clock.now()), opened.id)
        )
        await conn.commit()
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        await bot.services.runner.tick()
        assert wrapups(fake_discord, thread.id) == [sent.content]
        (after,) = await bot.services.discussions.recent(GUILD_ID)
        assert after.wrapup_message_id == sent.id
