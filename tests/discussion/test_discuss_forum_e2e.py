"""Discussions in a forum channel, end to end: each session is a forum post whose first message
is the starter, tagged with the section's part; the untagged path without Manage Channels; the
join button, /discuss list, the permission check, a refusal in the log, and adoption after a crash.
"""

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
    reply_ephemeral,
    reply_text,
    slash,
    starter_occurrence,
)
from tests.fakediscord import PUBLIC_THREAD
from tests.harness import GUILD_ID, MEMBER_ID, MODERATOR_ID, OTHER_CHANNEL_ID

FORUM_ID = 1_100_000_000_000_000_150
LOG_CHANNEL = OTHER_CHANNEL_ID
INTRO_POSTS = 5  # 引言: the note and 4 prompts
S1_1 = "一/（一） 外交安全基轴"


def add_forum(fake, *, tags=(), manage_channels: bool = False, require_tag: bool = False) -> None:
    fake.add_forum(GUILD_ID, "discussions", channel_id=FORUM_ID, tags=tags, require_tag=require_tag)
    if manage_channels:
        fake.set_bot_permissions(FORUM_ID, allow=["manage_channels"])


def tag_names(fake, post) -> list[str]:
    forum = fake.state.channels[FORUM_ID]
    return [forum.tag(t).name for t in post.applied_tags]


def tag_edits(fake) -> list:
    return fake.requests_matching("PATCH", rf"/channels/{FORUM_ID}$")


async def open_now(fake, section: str, *, locale: str = "en-US"):
    options = {"section": section, "channel": FORUM_ID}
    return await slash(fake, "discuss-mod now", options, user=MODERATOR_ID, locale=locale)


async def test_now_in_a_forum_opens_a_post_tagged_with_its_part(fake_discord, bot_runner) -> None:
    """With Manage Channels the bot adds the part's tag `一` to the forum and the post carries it;
    the starter is the post's first message (same id), the prompts follow inside the post."""
    add_forum(fake_discord, manage_channels=True)
    async with bot_runner() as bot:
        await ready(bot)
        reply = await open_now(fake_discord, "s1-1")
        (post,) = fake_discord.threads(FORUM_ID)
        assert post.type == PUBLIC_THREAD and post.name == S1_1
        assert tag_names(fake_discord, post) == ["一"]
        starter, *rest = fake_discord.messages(post.id)
        assert starter.id == post.id and starter_occurrence(starter) is not None
        assert post_numbers(fake_discord, post.id)[1:] == list(range(len(rest)))
        assert reply_ephemeral(reply) and f"<#{post.id}>" in reply_text(reply)
        assert f"/{post.id}/{post.id})" in reply_text(reply)  # the link opens the starter
        assert "without their part's tag" not in reply_text(reply)
        (opened,) = await bot.services.discussions.recent(GUILD_ID)
        assert (opened.channel_id, opened.thread_id, opened.message_id) == (
            FORUM_ID,
            post.id,
            post.id,
        )
        # a second session of the same part reuses the tag instead of adding another
        await open_now(fake_discord, "s1-2")
        assert len(tag_edits(fake_discord)) == 1
        second = fake_discord.threads(FORUM_ID)[-1]
        assert tag_names(fake_discord, second) == ["一"]


async def test_a_moderators_own_tag_is_used_without_manage_channels(
    fake_discord, bot_runner
) -> None:
    """A forum that already has `三 · 效果评估` and `结语` needs no new tag and no permission."""
    add_forum(fake_discord, tags=["一、战略定位", "三 · 效果评估", "结语"])
    async with bot_runner() as bot:
        await ready(bot)
        reply = await open_now(fake_discord, "s3-1")
        (post,) = fake_discord.threads(FORUM_ID)
        assert tag_names(fake_discord, post) == ["三 · 效果评估"]
        assert tag_edits(fake_discord) == []
        assert "without their part's tag" not in reply_text(reply)


async def test_without_manage_channels_the_post_goes_untagged_and_the_moderator_is_told(
    fake_discord, bot_runner
) -> None:
    """No tag for 二 and no Manage Channels: the post opens untagged, the forum is not edited,
    and the reply says so in the moderator's language."""
    add_forum(fake_discord, tags=["一"])
    async with bot_runner() as bot:
        await ready(bot)
        reply = await open_now(fake_discord, "s2-p1", locale="zh-CN")
        (post,) = fake_discord.threads(FORUM_ID)
        assert post.applied_tags == []
        assert tag_edits(fake_discord) == []
        assert post_numbers(fake_discord, post.id)[0] is None  # the starter, then the posts
        text = reply_text(reply)
        assert "不会带章节标签" in text and "`二`" in text and "管理频道" in text


async def test_plan_in_a_forum_says_once_which_tags_are_missing(fake_discord, bot_runner) -> None:
    """A whole plan into a forum without the tags: one note in the reply, naming each part once."""
    add_forum(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        options = {"start": TOMORROW_20, "every_days": 7, "channel": FORUM_ID}
        reply = await slash(fake_discord, "discuss-mod plan", options, user=MODERATOR_ID)
        text = reply.text
        assert text.count("without their part's tag") == 1
        for name in ("`引言`", "`一`", "`二`", "`三`", "`结语`"):
            assert text.count(name) == 1
        assert len(await bot.services.schedules.active(kind="discussion")) > 1


async def test_forum_permissions_are_checked_by_their_forum_names(fake_discord, bot_runner) -> None:
    """Without Send Messages in Threads (Send Messages in Posts in a forum's settings) the
    command is refused, naming it as the forum's settings do; nothing is stored or posted."""
    add_forum(fake_discord)
    fake_discord.set_bot_permissions(FORUM_ID, deny=["send_messages_in_threads"])
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": TOMORROW_20, "channel": FORUM_ID}
        reply = await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        assert "Send Messages in Posts" in reply.text and f"<#{FORUM_ID}>" in reply.text
        assert await bot.services.schedules.active(kind="discussion") == []
        assert fake_discord.threads(FORUM_ID) == []


async def test_scheduled_post_join_button_and_list(fake_discord, bot_runner, clock) -> None:
    """A scheduled session opens as a post at its time; the join button on its starter adds the
    member to the post; /discuss list links the post."""
    add_forum(fake_discord, manage_channels=True)
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": TOMORROW_20, "channel": FORUM_ID}
        await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        (post,) = fake_discord.threads(FORUM_ID)
        assert tag_names(fake_discord, post) == ["引言"]
        assert post_numbers(fake_discord, post.id)[1:] == list(range(INTRO_POSTS))
        starter = fake_discord.messages(post.id)[0]
        (custom_id,) = [c for c in starter.custom_ids() if c.startswith("discuss:join:")]
        click = await fake_discord.click(starter, custom_id, user=MEMBER_ID)
        await click.wait_response()
        await click.wait_followup()
        assert MEMBER_ID in post.thread_members
        listed = await slash(fake_discord, "discuss list", {})
        assert f"<#{post.id}>" in reply_text(listed)


async def test_refused_post_is_logged(fake_discord, bot_runner, clock) -> None:
    """Discord refusing the post: the run is recorded as failed and the log channel says why."""
    add_forum(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "config log-channel", {"channel": LOG_CHANNEL}, user=MODERATOR_ID)
        options = {"section": "intro", "when": TOMORROW_20, "channel": FORUM_ID}
        await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        fake_discord.fail("POST", rf"/channels/{FORUM_ID}/threads", 403)
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        assert fake_discord.threads(FORUM_ID) == []
        line = bot_lines(fake_discord, LOG_CHANNEL)[-1]
        assert "forum post" in line and "403" in line


@pytest.mark.parametrize("archived", [False, True], ids=["active", "archived while down"])
async def test_crash_after_the_post_is_adopted_not_repeated(
    fake_discord, bot_runner, clock, archived
) -> None:
    """A post made just before a crash (starter and two of its posts) is found at start-up by its
    starter's button: the missing posts follow once, no second post is made, the run is recorded.
    Also when Discord archived the post while the bot was down (a 1-hour window): it is then in
    neither the cache nor the active threads, only in the forum's archived posts."""
    add_forum(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": TOMORROW_20, "channel": FORUM_ID}
        await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        (schedule,) = await bot.services.schedules.active(kind="discussion")
        clock.set(TOMORROW_20_UTC)
        occurrence = await bot.services.schedules.claim(schedule.id, schedule.run_at, clock.now())
        starter = build_starter(bot.services.article, "intro")
        forum = bot.get_channel(FORUM_ID)
        made = await forum.create_thread(
            name=thread_name(starter),
            embed=starter_embed(starter, due_at=occurrence.due_at),
            view=starter_view(occurrence.id),
            allowed_mentions=discord.AllowedMentions.none(),
        )
        for content in thread_posts(starter)[:2]:
            await made.thread.send(content, allowed_mentions=discord.AllowedMentions.none())
    if archived:
        fake_discord.archive_thread(made.thread.id)
    clock.set(TOMORROW_20_UTC + timedelta(minutes=61 if archived else 1))
    async with bot_runner() as bot:
        await ready(bot)
        (post,) = fake_discord.threads(FORUM_ID)
        assert post_numbers(fake_discord, post.id) == [None, *range(INTRO_POSTS)]
        found = await bot.services.discussions.by_occurrence(occurrence.id)
        assert found is not None and found.thread_id == post.id == found.message_id
        (ran,) = await bot.services.schedules.occurrences_of(schedule.id)
        assert ran.status == "sent"


async def test_a_forum_that_requires_tags_is_refused_when_the_bot_cannot_tag(
    fake_discord, bot_runner
) -> None:
    """A forum set to require a tag would refuse every untagged post: without the part's tag and
    Manage Channels the command is refused politely, and nothing is scheduled."""
    add_forum(fake_discord, tags=["一"], require_tag=True)
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "s2-p1", "when": TOMORROW_20, "channel": FORUM_ID}
        reply = await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        assert reply.ephemeral and "requires a tag on every post" in reply.text
        assert await bot.services.schedules.active(kind="discussion") == []
        options = {"section": "s1-1", "when": TOMORROW_20, "channel": FORUM_ID}
        reply = await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        assert len(await bot.services.schedules.active(kind="discussion")) == 1
