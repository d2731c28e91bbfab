"""Restarts, runs missed while down, deleted channels and lost permissions, end to end."""

from __future__ import annotations

from datetime import timedelta

import discord
import pytest

from bot.cogs.discussion.embeds import starter_embed, thread_name, thread_posts
from bot.cogs.discussion.opener import starter_view
from bot.discussion.starter import build_starter
from tests.discussion.discussion_helpers import (
    TOMORROW_20,
    TOMORROW_20_UTC,
    bot_lines,
    post_numbers,
    ready,
    reply_text,
    slash,
    starters,
)
from tests.fakediscord import FakeDiscord
from tests.harness import GUILD_ID, MEMBER_ID, MODERATOR_ID, OTHER_CHANNEL_ID, READING_CHANNEL_ID

LOG_CHANNEL = OTHER_CHANNEL_ID
POSTS_TO_READING = rf"/channels/{READING_CHANNEL_ID}/messages"


def failure_lines(fake: FakeDiscord) -> list[str]:
    """The log channel's lines after its hello, but for the one-time note that the bot lacks
    Create Events (the test world does not grant it)."""
    return [line for line in bot_lines(fake, LOG_CHANNEL)[1:] if "Create Events" not in line]


async def schedule_intro(fake, bot, *, log: bool = True):
    """Schedule 引言 for tomorrow 20:00 in #reading (with #general as the log channel)."""
    if log:
        await slash(fake, "config log-channel", {"channel": LOG_CHANNEL}, user=MODERATOR_ID)
    options = {"section": "intro", "when": TOMORROW_20}
    await slash(fake, "discuss-mod schedule", options, user=MODERATOR_ID)
    (schedule,) = await bot.services.schedules.active(kind="discussion")
    return schedule


async def occurrence_of(bot, schedule):
    (occurrence,) = await bot.services.schedules.occurrences_of(schedule.id)
    return occurrence


async def test_restart_before_the_time_still_opens_it(fake_discord, bot_runner, clock) -> None:
    """A discussion scheduled before a restart opens at its time from the new bot, once."""
    async with bot_runner() as bot:
        await ready(bot)
        await schedule_intro(fake_discord, bot, log=False)
    clock.set(TOMORROW_20_UTC - timedelta(hours=1))
    async with bot_runner() as bot:
        await ready(bot)
        assert starters(fake_discord) == []
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        await bot.services.runner.tick()
        assert len(starters(fake_discord)) == 1
        assert len(fake_discord.threads(READING_CHANNEL_ID)) == 1


async def test_run_missed_while_down_opens_within_grace(fake_discord, bot_runner, clock) -> None:
    """Back two hours late (grace is six), the catch-up at start-up opens the discussion."""
    async with bot_runner() as bot:
        await ready(bot)
        schedule = await schedule_intro(fake_discord, bot, log=False)
    clock.set(TOMORROW_20_UTC + timedelta(hours=2))
    async with bot_runner() as bot:
        await ready(bot)
        assert len(starters(fake_discord)) == 1
        assert (await occurrence_of(bot, schedule)).status == "sent"


async def test_run_missed_beyond_grace_is_logged_not_opened(
    fake_discord, bot_runner, clock
) -> None:
    """Back eight hours late, nothing is opened and the log channel says why."""
    async with bot_runner() as bot:
        await ready(bot)
        schedule = await schedule_intro(fake_discord, bot)
    clock.set(TOMORROW_20_UTC + timedelta(hours=8))
    async with bot_runner() as bot:
        await ready(bot)
        assert starters(fake_discord) == []
        assert (await occurrence_of(bot, schedule)).status == "missed"
        line = bot_lines(fake_discord, LOG_CHANNEL)[-1]
        assert f"#{schedule.id}" in line and "引言" in line
        assert "came back too late" in line and "恢复时已超过补发时限" in line


async def test_deleted_channel_fails_once_with_a_log_line(fake_discord, bot_runner, clock) -> None:
    """A deleted channel fails the run, tells the log channel, and is not retried."""
    async with bot_runner() as bot:
        await ready(bot)
        schedule = await schedule_intro(fake_discord, bot)
        fake_discord.delete_channel(READING_CHANNEL_ID)
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        clock.set(TOMORROW_20_UTC + timedelta(minutes=5))
        await bot.services.runner.tick()
        occurrence = await occurrence_of(bot, schedule)
        assert occurrence.status == "failed" and "no longer exists" in (occurrence.reason or "")
        (line,) = failure_lines(fake_discord)  # after the log channel's hello
        assert "the channel was deleted" in line
        assert fake_discord.requests_matching("POST", POSTS_TO_READING) == []


async def test_channel_deleted_unnoticed_fails_on_discords_answer(
    fake_discord, bot_runner, clock
) -> None:
    """When the bot missed the deletion, Discord's 404 fails the run after one attempt."""
    async with bot_runner() as bot:
        await ready(bot)
        schedule = await schedule_intro(fake_discord, bot)
        fake_discord.delete_channel(READING_CHANNEL_ID, notify=False)
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        await bot.services.runner.tick()
        assert (await occurrence_of(bot, schedule)).status == "failed"
        assert len(fake_discord.requests_matching("POST", POSTS_TO_READING)) == 1
        assert "the channel was deleted" in bot_lines(fake_discord, LOG_CHANNEL)[-1]


async def test_lost_permission_fails_with_its_name(fake_discord, bot_runner, clock) -> None:
    """Losing Create Public Threads after scheduling fails the run before anything is posted."""
    async with bot_runner() as bot:
        await ready(bot)
        schedule = await schedule_intro(fake_discord, bot)
        fake_discord.set_bot_permissions(READING_CHANNEL_ID, deny=["create_public_threads"])
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        await bot.services.runner.tick()
        assert (await occurrence_of(bot, schedule)).status == "failed"
        assert fake_discord.requests_matching("POST", POSTS_TO_READING) == []
        (line,) = failure_lines(fake_discord)
        assert "Create Public Threads" in line and "创建公开子区" in line


async def test_discord_refusing_the_thread_takes_the_starter_back(
    fake_discord, bot_runner, clock
) -> None:
    """If Discord refuses the thread, the orphan starter is deleted and the failure logged."""
    async with bot_runner() as bot:
        await ready(bot)
        schedule = await schedule_intro(fake_discord, bot)
        fake_discord.fail("POST", rf"/channels/{READING_CHANNEL_ID}/messages/\d+/threads", 403)
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        assert starters(fake_discord) == []
        assert (await occurrence_of(bot, schedule)).status == "failed"
        assert "Discord refused the thread (403)" in bot_lines(fake_discord, LOG_CHANNEL)[-1]


async def test_scheduling_names_a_missing_bot_permission(fake_discord, bot_runner) -> None:
    """Scheduling in a channel where the bot lacks Embed Links is refused, naming it."""
    async with bot_runner() as bot:
        await ready(bot)
        fake_discord.set_bot_permissions(READING_CHANNEL_ID, deny=["embed_links"])
        options = {"section": "intro", "when": TOMORROW_20}
        reply = await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        assert "Embed Links" in reply.text and f"<#{READING_CHANNEL_ID}>" in reply.text
        assert await bot.services.schedules.active(kind="discussion") == []


INTRO_POSTS = 5  # 引言 has 4 prompts: the thread's note and the prompts, one message each
POSTS = r"/channels/\d+/messages"


async def crash_after(bot, fake, clock, schedule, *, thread: bool, posts: int = 0):
    """What a crash leaves after the starter, optionally its thread and its first `posts` thread
    posts went out: a claimed run, nothing recorded. Sent exactly as the opener sends them."""
    clock.set(TOMORROW_20_UTC)
    occurrence = await bot.services.schedules.claim(schedule.id, schedule.run_at, clock.now())
    starter = build_starter(bot.services.article, "intro")
    message = await bot.get_channel(READING_CHANNEL_ID).send(
        embed=starter_embed(starter, due_at=occurrence.due_at),
        view=starter_view(occurrence.id),
        allowed_mentions=discord.AllowedMentions.none(),
    )
    if thread:
        made = await message.create_thread(name=thread_name(starter))
        for content in thread_posts(starter)[:posts]:
            await made.send(content, allowed_mentions=discord.AllowedMentions.none())
    return occurrence


async def test_crash_after_the_starter_is_completed_not_repeated(
    fake_discord, bot_runner, clock
) -> None:
    """A starter sent just before a crash is found at start-up by its button and given its thread
    and every thread post, once; the starter is not sent again."""
    async with bot_runner() as bot:
        await ready(bot)
        schedule = await schedule_intro(fake_discord, bot, log=False)
        await crash_after(bot, fake_discord, clock, schedule, thread=False)
    clock.set(TOMORROW_20_UTC + timedelta(minutes=1))
    async with bot_runner() as bot:
        await ready(bot)
        (message,) = starters(fake_discord)
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        assert thread.starter_message_id == message.id and thread.name == "引言"
        assert post_numbers(fake_discord, thread.id) == list(range(INTRO_POSTS))
        assert (await occurrence_of(bot, schedule)).status == "sent"


@pytest.mark.parametrize("posted", range(INTRO_POSTS + 1))
async def test_crash_in_the_thread_posts_each_prompt_once(
    fake_discord, bot_runner, clock, posted: int
) -> None:
    """A crash after the thread and `posted` of its posts (none, the note, k prompts, all): at
    start-up the missing posts follow in order, none is posted twice, and the run is recorded."""
    async with bot_runner() as bot:
        await ready(bot)
        schedule = await schedule_intro(fake_discord, bot, log=False)
        occurrence = await crash_after(
            bot, fake_discord, clock, schedule, thread=True, posts=posted
        )
        before = len(fake_discord.requests_matching("POST", POSTS))
    clock.set(TOMORROW_20_UTC + timedelta(minutes=1))
    async with bot_runner() as bot:
        await ready(bot)
        assert len(starters(fake_discord)) == 1 and len(fake_discord.threads()) == 1
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        assert post_numbers(fake_discord, thread.id) == list(range(INTRO_POSTS))
        sent = fake_discord.requests_matching("POST", POSTS)[before:]
        assert [r.path for r in sent] == [f"/channels/{thread.id}/messages"] * (
            INTRO_POSTS - posted
        )
        found = await bot.services.discussions.by_occurrence(occurrence.id)
        assert found is not None and found.thread_id == thread.id
        assert (await occurrence_of(bot, schedule)).status == "sent"


async def test_members_replies_do_not_hide_missing_prompts(fake_discord, bot_runner, clock) -> None:
    """Members who replied in the thread while the bot was down do not count as prompts."""
    async with bot_runner() as bot:
        await ready(bot)
        schedule = await schedule_intro(fake_discord, bot, log=False)
        await crash_after(bot, fake_discord, clock, schedule, thread=True, posts=2)
    (thread,) = fake_discord.threads(READING_CHANNEL_ID)
    fake_discord.post_message(thread.id, "**2/4** 我先说说第二个问题", author=MEMBER_ID)
    clock.set(TOMORROW_20_UTC + timedelta(minutes=1))
    async with bot_runner() as bot:
        await ready(bot)
        assert post_numbers(fake_discord, thread.id) == list(range(INTRO_POSTS))


@pytest.mark.parametrize("with_thread", [False, True])
async def test_starter_of_the_previous_version_is_still_adopted(
    fake_discord, bot_runner, clock, with_thread: bool
) -> None:
    """A starter the previous version sent just before an upgrade (marker in its footer, no
    button) is recognised, not opened a second time: given its thread if it had none, and left as
    it is when its thread already holds its one message of prompts."""
    async with bot_runner() as bot:
        await ready(bot)
        schedule = await schedule_intro(fake_discord, bot, log=False)
        clock.set(TOMORROW_20_UTC)
        occurrence = await bot.services.schedules.claim(schedule.id, schedule.run_at, clock.now())
        old = discord.Embed(title="引言", description="…")
        old.set_footer(text=f"朱海燕，《…》 · rc-d{occurrence.id}")
        message = await bot.get_channel(READING_CHANNEL_ID).send(embed=old)
        if with_thread:
            thread = await message.create_thread(name="引言")
            await thread.send(embed=discord.Embed(title="讨论问题 · Discussion prompts"))
    clock.set(TOMORROW_20_UTC + timedelta(minutes=1))
    async with bot_runner() as bot:
        await ready(bot)
        in_channel = [m for m in fake_discord.bot_messages() if m.channel_id == READING_CHANNEL_ID]
        assert in_channel[-1].id == message.id  # no new starter
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        assert thread.starter_message_id == message.id
        numbers = post_numbers(fake_discord, thread.id)
        assert numbers == ([None] if with_thread else list(range(INTRO_POSTS)))
        assert (await occurrence_of(bot, schedule)).status == "sent"


async def test_now_refused_by_discord_replies_with_the_reason(fake_discord, bot_runner) -> None:
    """If Discord refuses the starter, /discuss-mod now says so and records the run as failed."""
    async with bot_runner() as bot:
        await ready(bot)
        fake_discord.fail("POST", POSTS_TO_READING, 403)
        reply = await slash(
            fake_discord, "discuss-mod now", {"section": "intro"}, user=MODERATOR_ID
        )
        assert "Couldn't open the discussion thread" in reply_text(reply)
        assert starters(fake_discord) == [] and fake_discord.threads() == []
        assert await bot.services.schedules.active(kind="discussion") == []
        assert await bot.services.discussions.recent(GUILD_ID) == []
        assert len(fake_discord.requests_matching("POST", POSTS_TO_READING)) == 1
