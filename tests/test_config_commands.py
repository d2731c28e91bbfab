"""/config timezone, moderator-role, log-channel, thread-archive and show, end to end."""

from __future__ import annotations

import asyncio
from datetime import time, timedelta

from tests.harness import (
    GUILD_ID,
    MEMBER_ID,
    MODERATOR_ID,
    MODERATOR_ROLE_ID,
    OTHER_CHANNEL_ID,
    READING_CHANNEL_ID,
)


async def ready(bot):
    await asyncio.wait_for(bot.catch_up_done.wait(), timeout=5)
    return bot


async def run(fake, command: str, options: dict, **kwargs):
    record = await fake.slash(command, options, **kwargs)
    await record.wait_response()
    return await record.wait_content()


def bot_lines(fake, channel_id: int) -> list[str]:
    return [m.content for m in fake.messages(channel_id) if m.author.id == fake.bot_user_id]


async def test_timezone_is_set_and_shown_with_its_offset(fake_discord, bot_runner) -> None:
    """A manager sets Europe/Berlin; the reply shows its offset, and the setting is stored."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"name": "Europe/Berlin"}
        reply = await run(fake_discord, "config timezone", options, user=MODERATOR_ID)
        assert reply.ephemeral and "Europe/Berlin (UTC+01:00, 13:00)" in reply.text
        assert (await bot.services.guild_settings.get(GUILD_ID)).timezone == "Europe/Berlin"


async def test_timezone_accepts_any_case_and_city_names(fake_discord, bot_runner) -> None:
    """`new york` typed without picking a suggestion is understood as America/New_York."""
    async with bot_runner() as bot:
        await ready(bot)
        await run(fake_discord, "config timezone", {"name": "new york"}, user=MODERATOR_ID)
        assert (await bot.services.guild_settings.get(GUILD_ID)).timezone == "America/New_York"


async def test_unknown_timezone_is_refused_with_suggestions(fake_discord, bot_runner) -> None:
    """A name that is no IANA zone is refused with examples, and the setting is unchanged."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await run(
            fake_discord, "config timezone", {"name": "Mars/Olympus"}, user=MODERATOR_ID
        )
        assert "not an IANA time zone" in reply.text and "Asia/Shanghai" in reply.text
        assert (await bot.services.guild_settings.get(GUILD_ID)).timezone == "Asia/Shanghai"


async def test_timezone_autocomplete_is_fast_and_within_limits(fake_discord, bot_runner) -> None:
    """Typing `shang` suggests Asia/Shanghai first; `a` yields at most 25 names of ≤100 chars."""
    async with bot_runner() as bot:
        await ready(bot)
        for typed, check in (("shang", "Asia/Shanghai"), ("上海", "Asia/Shanghai"), ("a", None)):
            record = await fake_discord.autocomplete(
                "config timezone", {"name": typed}, focused="name", user=MODERATOR_ID
            )
            await record.wait_response()
            assert record.time_to_first_response < 1.0
            assert 1 <= len(record.choices) <= 25
            assert all(len(c["name"]) <= 100 for c in record.choices)
            if check:
                assert record.choices[0]["value"] == check


async def test_members_without_manage_server_are_refused(fake_discord, bot_runner) -> None:
    """Even if an admin lets members see /config, a member without Manage Server is refused."""
    async with bot_runner() as bot:
        await ready(bot)
        record = await fake_discord.slash(
            "config timezone",
            {"name": "Europe/Berlin"},
            user=MEMBER_ID,
            ignore_default_permissions=True,
        )
        await record.wait_response()
        assert record.ephemeral and "Manage Server" in record.text
        assert (await bot.services.guild_settings.get(GUILD_ID)).timezone == "Asia/Shanghai"


async def test_config_is_hidden_from_members_by_default(fake_discord, bot_runner) -> None:
    """The /config group is synced with Manage Server as its default permission."""
    async with bot_runner() as bot:
        await ready(bot)
        (config,) = [c for c in fake_discord.commands(GUILD_ID) if c["name"] == "config"]
        assert int(config["default_member_permissions"]) == 1 << 5


async def test_moderator_role_lets_its_members_moderate(fake_discord, bot_runner) -> None:
    """After a role is set as moderator role, a member holding it may open discussions."""
    async with bot_runner() as bot:
        await ready(bot)
        role = fake_discord.add_role(GUILD_ID, "Reading lead", permissions=[])
        fake_discord.add_member(MEMBER_ID + 100, "lead", roles=[role.id])
        reply = await run(
            fake_discord, "config moderator-role", {"role": role.id}, user=MODERATOR_ID
        )
        assert f"<@&{role.id}>" in reply.text
        assert await bot.services.guild_settings.moderator_role(GUILD_ID) == role.id
        record = await fake_discord.slash(  # the admin also shows the group to the role
            "discuss-mod now",
            {"section": "intro"},
            user=MEMBER_ID + 100,
            ignore_default_permissions=True,
        )
        await record.wait_response()
        await record.wait_followup()
        assert len(fake_discord.threads(READING_CHANNEL_ID)) == 1


async def test_everyone_cannot_be_the_moderator_role(fake_discord, bot_runner) -> None:
    """@everyone as moderator role is refused: it would make every member a moderator."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await run(
            fake_discord, "config moderator-role", {"role": GUILD_ID}, user=MODERATOR_ID
        )
        assert "@everyone" in reply.text
        assert await bot.services.guild_settings.moderator_role(GUILD_ID) is None


async def test_moderator_role_can_be_removed(fake_discord, bot_runner) -> None:
    """Leaving the role empty removes the moderator role."""
    async with bot_runner() as bot:
        await ready(bot)
        await bot.services.guild_settings.set_moderator_role(GUILD_ID, MODERATOR_ROLE_ID)
        reply = await run(fake_discord, "config moderator-role", {}, user=MODERATOR_ID)
        assert "removed" in reply.text
        assert await bot.services.guild_settings.moderator_role(GUILD_ID) is None


async def test_log_channel_is_set_and_greeted(fake_discord, bot_runner) -> None:
    """Setting a log channel stores it and posts a line there saying what will appear."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"channel": OTHER_CHANNEL_ID}
        reply = await run(fake_discord, "config log-channel", options, user=MODERATOR_ID)
        assert f"<#{OTHER_CHANNEL_ID}>" in reply.text
        (hello,) = bot_lines(fake_discord, OTHER_CHANNEL_ID)
        assert "scheduled post" in hello and "定时发布" in hello
        assert (await bot.services.guild_settings.get(GUILD_ID)).log_channel_id == OTHER_CHANNEL_ID


async def test_log_channel_the_bot_cannot_write_is_refused(fake_discord, bot_runner) -> None:
    """A log channel where the bot lacks Send Messages is refused, naming the permission."""
    async with bot_runner() as bot:
        await ready(bot)
        fake_discord.set_bot_permissions(OTHER_CHANNEL_ID, deny=["send_messages"])
        options = {"channel": OTHER_CHANNEL_ID}
        reply = await run(fake_discord, "config log-channel", options, user=MODERATOR_ID)
        assert "Send Messages" in reply.text
        assert (await bot.services.guild_settings.get(GUILD_ID)).log_channel_id is None


async def test_quiz_failures_reach_the_log_channel_too(fake_discord, bot_runner, clock) -> None:
    """The failure listener is shared: a weekly quiz whose channel was deleted is logged."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"channel": OTHER_CHANNEL_ID}
        await run(fake_discord, "config log-channel", options, user=MODERATOR_ID)
        schedule = await bot.services.schedules.add_weekly(
            guild_id=GUILD_ID,
            kind="quiz",
            channel_id=READING_CHANNEL_ID,
            timezone="Asia/Shanghai",
            weekday=1,
            local_time=time(20, 0),
            payload={},
            created_by=MODERATOR_ID,
            now=clock.now(),
        )
        fake_discord.delete_channel(READING_CHANNEL_ID)
        clock.advance(timedelta(days=1))
        await bot.services.runner.tick()
        line = bot_lines(fake_discord, OTHER_CHANNEL_ID)[-1]
        assert f"Weekly quiz {schedule.number} " in line and "每周问答" in line


async def test_thread_archive_is_stored(fake_discord, bot_runner) -> None:
    """The archive duration is one of Discord's four and is remembered for the server."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await run(
            fake_discord, "config thread-archive", {"duration": 4320}, user=MODERATOR_ID
        )
        assert "3 days" in reply.text
        assert await bot.services.discussions.archive_minutes(GUILD_ID) == 4320


async def test_show_lists_every_setting(fake_discord, bot_runner) -> None:
    """/config show reports time zone, moderator role, log channel, archive and grace."""
    async with bot_runner() as bot:
        await ready(bot)
        await bot.services.guild_settings.set_moderator_role(GUILD_ID, MODERATOR_ROLE_ID)
        reply = await run(fake_discord, "config show", {}, user=MODERATOR_ID, locale="zh-CN")
        text = reply.text
        assert "Asia/Shanghai (UTC+08:00, 20:00)" in text
        assert f"<@&{MODERATOR_ROLE_ID}>" in text and "日志频道" in text and "1 周" in text
        assert "6 小时" in text
