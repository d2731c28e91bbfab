"""/discuss-mod now and /discuss-mod schedule, and scheduled runs, end to end through the fake Discord."""

from __future__ import annotations

from datetime import datetime

from bot.cogs.discussion.embeds import join_custom_id
from bot.discussion.starter import build_starter
from tests.discussion.discussion_helpers import (
    MINUTE,
    TOMORROW_20,
    TOMORROW_20_UTC,
    answered,
    post_numbers,
    ready,
    reply_ephemeral,
    reply_text,
    slash,
    starter_occurrence,
    starters,
    thread_posts,
    visible_text,
)
from tests.fakediscord import PUBLIC_THREAD
from tests.harness import (
    GUILD_ID,
    MEMBER2_ID,
    MEMBER_ID,
    MODERATOR_ID,
    OTHER_CHANNEL_ID,
    READING_CHANNEL_ID,
)

THREAD_NAME = "一/（一） 外交安全基轴"  # short label: distinct in a phone's sidebar
TITLE_ZH = "一/（一） 日美同盟是日本外交与安全相关政策的基轴"  # long label
TITLE_EN = "一/（一） The US-Japan alliance is the axis of Japan's foreign and security policies"


async def test_now_opens_a_public_thread_from_the_starter(fake_discord, bot_runner) -> None:
    """/discuss-mod now posts the starter and starts a public, week-long thread named after the section."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await slash(fake_discord, "discuss-mod now", {"section": "s1-1"}, user=MODERATOR_ID)
        (starter,) = starters(fake_discord)
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        assert thread.type == PUBLIC_THREAD
        assert thread.starter_message_id == starter.id
        assert thread.name == THREAD_NAME
        assert thread.auto_archive_duration == 10080
        assert reply_ephemeral(reply) and f"<#{thread.id}>" in reply_text(reply)


def no_mentions(message) -> bool:
    return (message.allowed_mentions or {}).get("parse") == []


async def test_starter_is_title_line_range_one_prompt_and_the_call(
    fake_discord, bot_runner, clock
) -> None:
    """The starter is phone-sized: the title (its English under it), the one-line summary, the
    reading range, the first prompt in both languages, the call to join with its button, the
    source and the time; no other prompt, no passage, no internal marker."""
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "discuss-mod now", {"section": "s1-1"}, user=MODERATOR_ID)
        expected = build_starter(bot.services.article, "s1-1")
        (message,) = starters(fake_discord)
        (embed,) = message.embeds
        description = embed["description"]
        assert embed["title"] == TITLE_ZH and embed.get("fields", []) == []
        lines = description.splitlines()
        assert lines[0] == "-# Diplomacy and security axis"
        assert lines[1] == expected.summary and len(expected.summary) <= 60
        assert lines[2] == "📖 阅读 Reading ¶3–¶7"
        first, *others = expected.prompts
        assert f"💬 {first.zh}\n-# {first.en}" in description
        assert others and not any(p.zh in description or p.en in description for p in others)
        assert f"👇 {len(expected.prompts)} 个问题见下方帖子，一条一问" in description
        assert f"All {len(expected.prompts)} prompts are in the thread below." in description
        assert "author" not in embed  # a single discussion: the bot's name says what it is
        assert expected.passage is not None and expected.passage.text not in description
        assert embed["footer"]["text"] == "朱海燕《日本国家战略视域中的日美同盟》"
        assert datetime.fromisoformat(embed["timestamp"]) == clock.now()
        (button,) = [c for row in message.components for c in row["components"]]
        assert button["label"] == "加入讨论 · Join the thread"
        assert button["custom_id"] == join_custom_id(starter_occurrence(message))
        assert "rc-d" not in visible_text(message)
        assert str(starter_occurrence(message)) not in visible_text(message)
        assert no_mentions(message)


async def test_each_prompt_is_its_own_message_in_the_thread(fake_discord, bot_runner) -> None:
    """In the thread: the note (key passage, how to take part, /excerpt), then every prompt as a
    message of its own, in order, numbered k/N, in both languages; no mention pings anyone."""
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "discuss-mod now", {"section": "s2-p2"}, user=MODERATOR_ID)
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        expected = build_starter(bot.services.article, "s2-p2")
        prompts = expected.prompts
        note, *posts = thread_posts(fake_discord, thread.id)
        assert post_numbers(fake_discord, thread.id) == list(range(len(prompts) + 1))
        assert len(posts) == len(prompts) == 4
        assert expected.passage is not None and expected.passage.text in note.content
        assert note.content.startswith("📌 **关键段落 · Key passage** — 二/第二 ¶")
        assert "</excerpt:" in note.content  # a command mention: a tap starts it
        assert f"`query:{expected.lookup_example}`" in note.content
        for number, (post, prompt) in enumerate(zip(posts, prompts, strict=True), start=1):
            assert post.content == f"**{number}/4** {prompt.zh}\n-# {prompt.en}"
            assert post.embeds == [] and no_mentions(post)
        assert no_mentions(note)
        assert all("rc-d" not in visible_text(m) for m in fake_discord.messages(thread.id))


async def test_join_button_adds_the_member_to_the_thread(fake_discord, bot_runner) -> None:
    """A member's click adds them to the thread and answers privately in their language, also
    from a bot restarted since the starter was posted."""
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "discuss-mod now", {"section": "intro"}, user=MODERATOR_ID)
    (message,) = starters(fake_discord)
    (thread,) = fake_discord.threads(READING_CHANNEL_ID)
    custom_id = join_custom_id(starter_occurrence(message))
    async with bot_runner() as bot:
        await ready(bot)
        click = await answered(await fake_discord.click(message, custom_id, user=MEMBER_ID))
        assert reply_ephemeral(click) and f"<#{thread.id}>" in reply_text(click)
        assert "joined" in reply_text(click)
        zh = await fake_discord.click(message, custom_id, user=MEMBER2_ID, locale="zh-CN")
        assert "你已加入" in reply_text(await answered(zh))
        assert {MEMBER_ID, MEMBER2_ID} <= fake_discord.state.channel(thread.id).thread_members


async def test_join_button_of_a_deleted_thread_says_so(fake_discord, bot_runner) -> None:
    """When the thread is gone, the click says so privately instead of failing."""
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "discuss-mod now", {"section": "intro"}, user=MODERATOR_ID)
        (message,) = starters(fake_discord)
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        fake_discord.delete_channel(thread.id)
        custom_id = join_custom_id(starter_occurrence(message))
        click = await answered(await fake_discord.click(message, custom_id, user=MEMBER_ID))
        assert reply_ephemeral(click) and "no longer exists" in reply_text(click)


async def test_now_in_another_channel(fake_discord, bot_runner) -> None:
    """The channel option opens the discussion there, not where the command was typed."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "channel": OTHER_CHANNEL_ID}
        await slash(fake_discord, "discuss-mod now", options, user=MODERATOR_ID)
        assert starters(fake_discord) == []
        assert len(starters(fake_discord, OTHER_CHANNEL_ID)) == 1
        assert [t.name for t in fake_discord.threads(OTHER_CHANNEL_ID)] == ["引言"]


async def test_members_cannot_open_discussions(fake_discord, bot_runner) -> None:
    """An ordinary member is refused politely and nothing is posted."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await slash(
            fake_discord,
            "discuss-mod now",
            {"section": "intro"},
            user=MEMBER_ID,
            ignore_default_permissions=True,
        )
        assert reply.ephemeral and "Only moderators" in reply.text
        assert starters(fake_discord) == [] and fake_discord.threads() == []


async def test_members_cannot_schedule_discussions(fake_discord, bot_runner) -> None:
    """Scheduling is refused to ordinary members and stores nothing."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": TOMORROW_20}
        reply = await slash(
            fake_discord,
            "discuss-mod schedule",
            options,
            user=MEMBER_ID,
            ignore_default_permissions=True,
        )
        assert "Only moderators" in reply.text
        assert await bot.services.schedules.active(kind="discussion") == []


async def test_refusal_follows_the_members_language(fake_discord, bot_runner) -> None:
    """A member whose Discord is in Chinese is refused in Chinese."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro"}
        reply = await slash(
            fake_discord,
            "discuss-mod now",
            options,
            user=MEMBER_ID,
            locale="zh-CN",
            ignore_default_permissions=True,  # an admin showed the group to everyone
        )
        assert "只有版主" in reply.text


async def test_unknown_section_is_refused_with_a_hint(fake_discord, bot_runner) -> None:
    """Free text that names no section gets an example of what to pick; nothing is posted."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await slash(
            fake_discord, "discuss-mod now", {"section": "chapter 9"}, user=MODERATOR_ID
        )
        assert "chapter 9" in reply.text and "引言" in reply.text
        assert starters(fake_discord) == []


async def test_schedule_confirms_with_a_discord_timestamp(fake_discord, bot_runner) -> None:
    """Scheduling replies privately with the time as <t:…:F> and the zone it was read in."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "s1-1", "when": TOMORROW_20}
        reply = await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        assert reply.ephemeral
        assert f"<t:{int(TOMORROW_20_UTC.timestamp())}:F>" in reply.text
        assert "Asia/Shanghai" in reply.text and TITLE_EN in reply.text
        (schedule,) = await bot.services.schedules.active(kind="discussion")
        assert schedule.run_at == TOMORROW_20_UTC
        assert starters(fake_discord) == []


async def test_scheduled_discussion_opens_once_at_its_time(fake_discord, bot_runner, clock) -> None:
    """Nothing before the time; at the time one starter and one thread, however often it ticks."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "s1-2", "when": TOMORROW_20}
        await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        clock.set(TOMORROW_20_UTC - MINUTE)
        await bot.services.runner.tick()
        assert starters(fake_discord) == []
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        await bot.services.runner.tick()
        assert len(starters(fake_discord)) == 1
        assert len(fake_discord.threads(READING_CHANNEL_ID)) == 1


async def test_schedule_reads_time_in_the_guilds_zone(fake_discord, bot_runner) -> None:
    """With the server's zone set to Berlin, 20:00 means 19:00 UTC in winter."""
    async with bot_runner() as bot:
        await ready(bot)
        await bot.services.guild_settings.set_timezone(GUILD_ID, "Europe/Berlin")
        options = {"section": "intro", "when": TOMORROW_20}
        reply = await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        (schedule,) = await bot.services.schedules.active(kind="discussion")
        assert schedule.run_at.isoformat() == "2026-01-06T19:00:00+00:00"
        assert "Europe/Berlin" in reply.text


async def test_duplicate_schedule_is_refused(fake_discord, bot_runner) -> None:
    """The same section at the same time in the same channel is refused, naming the existing one."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": TOMORROW_20}
        await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        reply = await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        (schedule,) = await bot.services.schedules.active(kind="discussion")
        assert "(Discussion 1)" in reply.text and "already scheduled" in reply.text


async def test_archive_duration_follows_the_server_setting(fake_discord, bot_runner) -> None:
    """After /config thread-archive 1 day, new threads archive after 1440 minutes."""
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "config thread-archive", {"duration": 1440}, user=MODERATOR_ID)
        await slash(fake_discord, "discuss-mod now", {"section": "intro"}, user=MODERATOR_ID)
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        assert thread.auto_archive_duration == 1440


async def test_current_section_is_the_latest_opened(fake_discord, bot_runner, clock) -> None:
    """The quiz's question `current_section` answers with the section just opened."""
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "discuss-mod now", {"section": "s2-p3"}, user=MODERATOR_ID)
        assert await bot.services.discussions.current_section(GUILD_ID, clock.now()) == "s2-p3"
