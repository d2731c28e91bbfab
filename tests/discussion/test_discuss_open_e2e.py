"""/discuss now and /discuss schedule, and scheduled runs, end to end through the fake Discord."""

from __future__ import annotations

from bot.discussion.starter import build_starter
from tests.discussion.discussion_e2e import (
    MINUTE,
    TOMORROW_20,
    TOMORROW_20_UTC,
    embed_text,
    ready,
    reply_ephemeral,
    reply_text,
    slash,
    starters,
)
from tests.fakediscord import PUBLIC_THREAD
from tests.harness import GUILD_ID, MEMBER_ID, MODERATOR_ID, OTHER_CHANNEL_ID, READING_CHANNEL_ID

THREAD_NAME = "一/（一） 外交安全基轴"  # short label: distinct in a phone's sidebar
TITLE_ZH = "一/（一） 日美同盟是日本外交与安全相关政策的基轴"  # long label
TITLE_EN = "一/（一） The US-Japan alliance is the axis of Japan's foreign and security policies"


async def test_now_opens_a_public_thread_from_the_starter(fake_discord, bot_runner) -> None:
    """/discuss now posts the starter and starts a public, week-long thread named after the section."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await slash(fake_discord, "discuss now", {"section": "s1-1"}, user=MODERATOR_ID)
        (starter,) = starters(fake_discord)
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        assert thread.type == PUBLIC_THREAD
        assert thread.starter_message_id == starter.id
        assert thread.name == THREAD_NAME
        assert thread.auto_archive_duration == 10080
        assert reply_ephemeral(reply) and f"<#{thread.id}>" in reply_text(reply)


async def test_starter_shows_summary_passage_prompts_and_lookup(fake_discord, bot_runner) -> None:
    """The starter carries the heading, the summary, a cited passage, every prompt and /excerpt."""
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "discuss now", {"section": "s1-1"}, user=MODERATOR_ID)
        expected = build_starter(bot.services.article, "s1-1")
        text = embed_text(starters(fake_discord)[0])
        assert expected.summary in text
        assert expected.passage is not None and expected.passage.text in text
        assert all(p.zh in text and p.en in text for p in expected.prompts)
        assert "</excerpt:" in text and f"`query:{expected.lookup_example}`" in text
        assert TITLE_ZH in text


async def test_prompts_are_posted_in_the_thread(fake_discord, bot_runner) -> None:
    """The thread's first message lists the same prompts, in both languages."""
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "discuss now", {"section": "s2-p2"}, user=MODERATOR_ID)
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        (first,) = fake_discord.messages(thread.id)
        prompts = build_starter(bot.services.article, "s2-p2").prompts
        assert prompts and all(p.zh in embed_text(first) for p in prompts)
        assert all(p.en in embed_text(first) for p in prompts)


async def test_now_in_another_channel(fake_discord, bot_runner) -> None:
    """The channel option opens the discussion there, not where the command was typed."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "channel": OTHER_CHANNEL_ID}
        await slash(fake_discord, "discuss now", options, user=MODERATOR_ID)
        assert starters(fake_discord) == []
        assert len(starters(fake_discord, OTHER_CHANNEL_ID)) == 1
        assert [t.name for t in fake_discord.threads(OTHER_CHANNEL_ID)] == ["引言"]


async def test_members_cannot_open_discussions(fake_discord, bot_runner) -> None:
    """An ordinary member is refused politely and nothing is posted."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await slash(fake_discord, "discuss now", {"section": "intro"}, user=MEMBER_ID)
        assert reply.ephemeral and "Only moderators" in reply.text
        assert starters(fake_discord) == [] and fake_discord.threads() == []


async def test_members_cannot_schedule_discussions(fake_discord, bot_runner) -> None:
    """Scheduling is refused to ordinary members and stores nothing."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": TOMORROW_20}
        reply = await slash(fake_discord, "discuss schedule", options, user=MEMBER_ID)
        assert "Only moderators" in reply.text
        assert await bot.services.schedules.active(kind="discussion") == []


async def test_refusal_follows_the_members_language(fake_discord, bot_runner) -> None:
    """A member whose Discord is in Chinese is refused in Chinese."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro"}
        reply = await slash(fake_discord, "discuss now", options, user=MEMBER_ID, locale="zh-CN")
        assert "只有版主" in reply.text


async def test_unknown_section_is_refused_with_a_hint(fake_discord, bot_runner) -> None:
    """Free text that names no section gets an example of what to pick; nothing is posted."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await slash(
            fake_discord, "discuss now", {"section": "chapter 9"}, user=MODERATOR_ID
        )
        assert "chapter 9" in reply.text and "引言" in reply.text
        assert starters(fake_discord) == []


async def test_schedule_confirms_with_a_discord_timestamp(fake_discord, bot_runner) -> None:
    """Scheduling replies privately with the time as <t:…:F> and the zone it was read in."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "s1-1", "when": TOMORROW_20}
        reply = await slash(fake_discord, "discuss schedule", options, user=MODERATOR_ID)
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
        await slash(fake_discord, "discuss schedule", options, user=MODERATOR_ID)
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
        reply = await slash(fake_discord, "discuss schedule", options, user=MODERATOR_ID)
        (schedule,) = await bot.services.schedules.active(kind="discussion")
        assert schedule.run_at.isoformat() == "2026-01-06T19:00:00+00:00"
        assert "Europe/Berlin" in reply.text


async def test_duplicate_schedule_is_refused(fake_discord, bot_runner) -> None:
    """The same section at the same time in the same channel is refused, naming the existing one."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": TOMORROW_20}
        await slash(fake_discord, "discuss schedule", options, user=MODERATOR_ID)
        reply = await slash(fake_discord, "discuss schedule", options, user=MODERATOR_ID)
        (schedule,) = await bot.services.schedules.active(kind="discussion")
        assert "(Discussion 1)" in reply.text and "already scheduled" in reply.text


async def test_archive_duration_follows_the_server_setting(fake_discord, bot_runner) -> None:
    """After /config thread-archive 1 day, new threads archive after 1440 minutes."""
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "config thread-archive", {"duration": 1440}, user=MODERATOR_ID)
        await slash(fake_discord, "discuss now", {"section": "intro"}, user=MODERATOR_ID)
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        assert thread.auto_archive_duration == 1440


async def test_current_section_is_the_latest_opened(fake_discord, bot_runner, clock) -> None:
    """The quiz's question `current_section` answers with the section just opened."""
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "discuss now", {"section": "s2-p3"}, user=MODERATOR_ID)
        assert await bot.services.discussions.current_section(GUILD_ID, clock.now()) == "s2-p3"
