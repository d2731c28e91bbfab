"""/quiz-mod schedule, schedules, unschedule and scheduled runs, end to end through the fake Discord."""

from __future__ import annotations

from datetime import timedelta

from tests.harness import GUILD_ID, MEMBER_ID, MODERATOR_ID, OTHER_CHANNEL_ID, READING_CHANNEL_ID
from tests.quiz.quiz_helpers import (
    DAY,
    FIRST_RUN,
    WEEKLY,
    answered,
    quiz_posts,
    ready,
)


async def test_schedule_reply_names_the_next_run(fake_discord, bot_runner) -> None:
    """Scheduling Tuesday 20:00 replies privately with the next run as a Discord timestamp."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await answered(
            await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID)
        )
        assert reply.ephemeral
        assert f"<t:{int(FIRST_RUN.timestamp())}:F>" in reply.text
        assert "Asia/Shanghai" in reply.text
        schedules = await bot.services.schedules.active(kind="quiz")
        assert [(s.weekday, s.local_time, s.payload) for s in schedules] == [
            (1, "20:00", {"duration_hours": 24})
        ]


async def test_scheduled_quiz_is_posted_at_local_time(fake_discord, bot_runner, clock) -> None:
    """At Tuesday 20:00 Shanghai time the tick posts one question with buttons A-D."""
    async with bot_runner() as bot:
        await ready(bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        clock.set(FIRST_RUN - timedelta(minutes=1))
        await bot.services.runner.tick()
        assert quiz_posts(fake_discord) == []
        clock.set(FIRST_RUN)
        await bot.services.runner.tick()
        await bot.services.runner.tick()
        posts = quiz_posts(fake_discord)
        assert len(posts) == 1
        assert [c.split(":")[2] for c in posts[0].custom_ids()] == ["A", "B", "C", "D"]
        closes = int((FIRST_RUN + DAY).timestamp())
        assert f"<t:{closes}:R> (<t:{closes}:t>)" in str(posts[0].embeds)


async def test_duration_and_several_schedules(fake_discord, bot_runner, clock) -> None:
    """Two schedules in one guild each post; a 2-hour schedule's quiz closes after 2 hours."""
    async with bot_runner() as bot:
        await ready(bot)
        short = {**WEEKLY, "channel": OTHER_CHANNEL_ID, "duration_hours": 2}
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        await answered(await fake_discord.slash("quiz-mod schedule", short, user=MODERATOR_ID))
        clock.set(FIRST_RUN)
        await bot.services.runner.tick()
        reading, other = quiz_posts(fake_discord), quiz_posts(fake_discord, OTHER_CHANNEL_ID)
        assert len(reading) == len(other) == 1
        closes = int((FIRST_RUN + timedelta(hours=2)).timestamp())
        assert f"<t:{closes}:R> (<t:{closes}:t>)" in str(other[0].embeds)


async def test_schedules_lists_next_run(fake_discord, bot_runner) -> None:
    """/quiz schedules shows each schedule with its next run as <t:…:F>."""
    async with bot_runner() as bot:
        await ready(bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        listing = await answered(await fake_discord.slash("quiz schedules", {}, user=MEMBER_ID))
        assert f"<t:{int(FIRST_RUN.timestamp())}:F>" in listing.text
        assert f"<#{READING_CHANNEL_ID}>" in listing.text


async def test_unschedule_stops_future_runs(fake_discord, bot_runner, clock) -> None:
    """After /quiz-mod unschedule the Tuesday run posts nothing."""
    async with bot_runner() as bot:
        await ready(bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        (schedule,) = await bot.services.schedules.active(kind="quiz")
        reply = await answered(
            await fake_discord.slash(
                "quiz-mod unschedule", {"id": schedule.number}, user=MODERATOR_ID
            )
        )
        assert f"Quiz schedule {schedule.number} removed" in reply.text
        clock.set(FIRST_RUN)
        await bot.services.runner.tick()
        assert quiz_posts(fake_discord) == []


async def test_unschedule_refuses_another_guilds_schedule(fake_discord, bot_runner, clock) -> None:
    """A schedule id from another guild is "not found" here and stays active."""
    async with bot_runner() as bot:
        await ready(bot)
        foreign = await bot.services.schedules.add_weekly(
            guild_id=42,
            kind="quiz",
            channel_id=7,
            timezone="UTC",
            weekday=0,
            local_time=FIRST_RUN.time(),
            payload={},
            created_by=1,
            now=clock.now(),
        )
        reply = await answered(
            await fake_discord.slash("quiz-mod unschedule", {"id": foreign.id}, user=MODERATOR_ID)
        )
        assert reply.ephemeral and "no quiz schedule" in reply.text
        assert [s.id for s in await bot.services.schedules.active(kind="quiz")] == [foreign.id]


async def test_member_cannot_schedule(fake_discord, bot_runner) -> None:
    """A member without moderator rights is refused politely and nothing is stored."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await answered(
            await fake_discord.slash(
                "quiz-mod schedule", WEEKLY, user=MEMBER_ID, ignore_default_permissions=True
            )
        )
        assert reply.ephemeral and "Only moderators" in reply.text
        assert await bot.services.schedules.active(kind="quiz") == []


async def test_bad_time_is_refused(fake_discord, bot_runner) -> None:
    """A time like 25:00 gets the HH:MM hint; no schedule is created."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {**WEEKLY, "time": "25:00"}
        reply = await answered(
            await fake_discord.slash("quiz-mod schedule", options, user=MODERATOR_ID)
        )
        assert reply.ephemeral and "HH:MM" in reply.text
        assert await bot.services.schedules.active(kind="quiz") == []


async def test_schedule_in_channel_without_permissions(fake_discord, bot_runner) -> None:
    """Missing Embed Links and Read Message History are both named; nothing is scheduled."""
    fake_discord.set_bot_permissions(OTHER_CHANNEL_ID, deny=["embed_links", "read_message_history"])
    async with bot_runner() as bot:
        await ready(bot)
        options = {**WEEKLY, "channel": OTHER_CHANNEL_ID}
        reply = await answered(
            await fake_discord.slash("quiz-mod schedule", options, user=MODERATOR_ID)
        )
        assert reply.ephemeral
        assert "Embed Links" in reply.text and "Read Message History" in reply.text
        assert "Send Messages" not in reply.text
        assert await bot.services.schedules.active(kind="quiz") == []


async def test_schedule_reply_in_chinese(fake_discord, bot_runner) -> None:
    """A zh-CN moderator gets the confirmation in Chinese."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await answered(
            await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID, locale="zh-CN")
        )
        assert "已创建每周问答日程" in reply.text and "周二" in reply.text


async def test_duplicate_schedule_is_refused(fake_discord, bot_runner) -> None:
    """The same channel, day and time twice is refused, naming the existing schedule."""
    async with bot_runner() as bot:
        await ready(bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        reply = await answered(
            await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID)
        )
        assert "already posts a quiz" in reply.text
        assert len(await bot.services.schedules.active(kind="quiz")) == 1


async def test_run_fails_cleanly_when_permission_was_lost(fake_discord, bot_runner, clock) -> None:
    """If the bot lost Send Messages after scheduling, the run is recorded failed, nothing sent."""
    async with bot_runner() as bot:
        await ready(bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        fake_discord.set_bot_permissions(READING_CHANNEL_ID, deny=["send_messages"])
        clock.set(FIRST_RUN)
        report = await bot.services.runner.tick()
        assert len(report.failed) == 1 and report.fired == []
        (schedule,) = await bot.services.schedules.active(kind="quiz")
        (occurrence,) = await bot.services.schedules.occurrences_of(schedule.id)
        assert occurrence.status == "failed" and "send_messages" in (occurrence.reason or "")
        assert quiz_posts(fake_discord) == []


async def test_commands_keep_one_name_and_get_chinese_descriptions(
    fake_discord, bot_runner
) -> None:
    """/quiz and its subcommands are called the same in every language (so hints and members
    agree), with zh-CN descriptions."""
    async with bot_runner() as bot:
        await ready(bot)
        (quiz,) = [c for c in fake_discord.commands(GUILD_ID) if c["name"] == "quiz-mod"]
        assert not (quiz.get("name_localizations") or {}).get("zh-CN")
        assert quiz["description_localizations"]["zh-CN"]
        subcommands = {o["name"]: o for o in quiz["options"]}
        assert set(subcommands) == {"schedule", "unschedule", "now", "close"}
        assert (
            int(quiz["default_member_permissions"]) == 1 << 34
        )  # Manage Threads: hidden from members
        assert not (subcommands["schedule"].get("name_localizations") or {}).get("zh-CN")
        assert subcommands["schedule"]["description_localizations"]["zh-CN"]
