"""/discuss plan, list and cancel, end to end through the fake Discord."""

from __future__ import annotations

from datetime import timedelta

from bot.discussion.sections import plan_units
from tests.discussion.discussion_e2e import (
    TOMORROW_20,
    TOMORROW_20_UTC,
    ready,
    slash,
    starters,
)
from tests.harness import GUILD_ID, MEMBER_ID, MODERATOR_ID, READING_CHANNEL_ID

WEEK = timedelta(days=7)


async def plan(fake, **options):
    return await slash(fake, "discuss plan", {"start": TOMORROW_20, **options}, user=MODERATOR_ID)


async def test_plan_schedules_every_unit_in_reading_order(fake_discord, bot_runner) -> None:
    """A weekly plan stores one session per plan unit, in order, a week apart, as one series."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await plan(fake_discord, every_days=7)
        sessions = await bot.services.schedules.active(kind="discussion")
        units = [u.id for u in plan_units(bot.services.article)]
        assert [s.payload["section_id"] for s in sessions] == units
        assert [s.run_at for s in sessions] == [
            TOMORROW_20_UTC + i * WEEK for i in range(len(units))
        ]
        assert len({s.series_id for s in sessions}) == 1
        assert f"{len(units)} sessions" in reply.embed["title"]
        assert reply.embed["description"].count("<t:") == len(units)  # one time per session
        assert reply.embed["description"].count(":F>") == len(units)


async def test_plan_opens_one_session_per_run(fake_discord, bot_runner, clock) -> None:
    """Each session opens at its own time, in order, each in its own thread."""
    async with bot_runner() as bot:
        await ready(bot)
        await plan(fake_discord, every_days=2, from_section="s3")
        names = []
        for day in (0, 2, 4):
            clock.set(TOMORROW_20_UTC + timedelta(days=day))
            await bot.services.runner.tick()
            names.append([t.name for t in fake_discord.threads(READING_CHANNEL_ID)][-1])
        assert names == [
            "三 · （一）日本战略性利用日美同盟的政策收益",
            "三 · （二）日本战略性利用日美同盟的负面效应",
            "结语",
        ]
        assert len(starters(fake_discord)) == 3


async def test_plan_from_a_point_starts_at_its_unit(fake_discord, bot_runner) -> None:
    """from_section inside 三（一） starts the plan at 三（一）, then 三（二）, then 结语."""
    async with bot_runner() as bot:
        await ready(bot)
        await plan(fake_discord, every_days=7, from_section="s3-1-p2")
        sessions = await bot.services.schedules.active(kind="discussion")
        assert [s.payload["section_id"] for s in sessions] == ["s3-1", "s3-2", "conclusion"]


async def test_second_plan_in_the_same_channel_is_refused(fake_discord, bot_runner) -> None:
    """While a plan runs in a channel, another plan there is refused with the way out."""
    async with bot_runner() as bot:
        await ready(bot)
        await plan(fake_discord, every_days=7, from_section="s3")
        reply = await plan(fake_discord, every_days=3)
        (series,) = {s.series_id for s in await bot.services.schedules.active(kind="discussion")}
        assert f"/discuss cancel id:{series}" in reply.text
        assert len(await bot.services.schedules.active(kind="discussion")) == 3


async def test_members_cannot_plan(fake_discord, bot_runner) -> None:
    """A plan is a moderator's decision."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"start": TOMORROW_20, "every_days": 7}
        reply = await slash(fake_discord, "discuss plan", options, user=MEMBER_ID)
        assert "Only moderators" in reply.text
        assert await bot.services.schedules.active(kind="discussion") == []


async def test_list_shows_upcoming_sessions_to_everyone(fake_discord, bot_runner) -> None:
    """Any member sees the upcoming sessions with their numbers, times and plan position."""
    async with bot_runner() as bot:
        await ready(bot)
        await plan(fake_discord, every_days=7, from_section="s3")
        reply = await slash(fake_discord, "discuss list", {}, user=MEMBER_ID)
        sessions = await bot.services.schedules.active(kind="discussion")
        description = reply.embed["description"]
        assert all(f"**#{s.id}**" in description for s in sessions)
        assert f"<t:{int(TOMORROW_20_UTC.timestamp())}:F>" in description
        assert "(1/3)" in description and "(3/3)" in description


async def test_list_without_schedules_says_how_to_add_some(fake_discord, bot_runner) -> None:
    """An empty list points moderators to /discuss schedule and /discuss plan."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await slash(fake_discord, "discuss list", {}, user=MEMBER_ID)
        assert "/discuss schedule" in reply.embed["description"]


async def test_cancel_stops_a_scheduled_discussion(fake_discord, bot_runner, clock) -> None:
    """A cancelled discussion never opens."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": TOMORROW_20}
        await slash(fake_discord, "discuss schedule", options, user=MODERATOR_ID)
        (schedule,) = await bot.services.schedules.active(kind="discussion")
        reply = await slash(fake_discord, "discuss cancel", {"id": schedule.id}, user=MODERATOR_ID)
        assert f"#{schedule.id}" in reply.text and "Cancelled" in reply.text
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        assert starters(fake_discord) == []


async def test_cancelling_a_plan_cancels_its_remaining_sessions(
    fake_discord, bot_runner, clock
) -> None:
    """After the first session ran, the plan's number still cancels the two remaining sessions."""
    async with bot_runner() as bot:
        await ready(bot)
        await plan(fake_discord, every_days=7, from_section="s3")
        first = (await bot.services.schedules.active(kind="discussion"))[0]
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        reply = await slash(
            fake_discord, "discuss cancel", {"id": first.series_id}, user=MODERATOR_ID
        )
        assert "remaining 2 sessions" in reply.text
        assert await bot.services.schedules.active(kind="discussion") == []
        clock.set(TOMORROW_20_UTC + 3 * WEEK)
        await bot.services.runner.tick()
        assert len(starters(fake_discord)) == 1


async def test_members_cannot_cancel(fake_discord, bot_runner) -> None:
    """An ordinary member's cancel is refused and the schedule stays."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": TOMORROW_20}
        await slash(fake_discord, "discuss schedule", options, user=MODERATOR_ID)
        (schedule,) = await bot.services.schedules.active(kind="discussion")
        reply = await slash(fake_discord, "discuss cancel", {"id": schedule.id}, user=MEMBER_ID)
        assert "Only moderators" in reply.text
        assert len(await bot.services.schedules.active(kind="discussion")) == 1


async def test_cancel_of_an_unknown_number_says_so(fake_discord, bot_runner) -> None:
    """A number that names no discussion of this server is reported, with where to look."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await slash(fake_discord, "discuss cancel", {"id": 999}, user=MODERATOR_ID)
        assert "no discussion #999" in reply.text and "/discuss list" in reply.text


async def test_cancel_autocomplete_offers_plans_and_single_discussions(
    fake_discord, bot_runner
) -> None:
    """The id choices list a plan once (by its number) and each single discussion."""
    async with bot_runner() as bot:
        await ready(bot)
        await plan(fake_discord, every_days=7, from_section="s3")
        options = {"section": "intro", "when": "2026-01-07 20:00"}
        await slash(fake_discord, "discuss schedule", options, user=MODERATOR_ID)
        record = await fake_discord.autocomplete(
            "discuss cancel", {"id": ""}, focused="id", user=MODERATOR_ID
        )
        await record.wait_response()
        names = [c["name"] for c in record.choices]
        assert len(names) == 2
        assert names[0].startswith("Plan #") and "3 left" in names[0]
        assert "引言" in names[1]


async def test_plan_keeps_local_time_across_summer_time(fake_discord, bot_runner) -> None:
    """A Berlin plan meeting Sundays 20:00 moves from 19:00 to 18:00 UTC when summer time starts."""
    async with bot_runner() as bot:
        await ready(bot)
        await bot.services.guild_settings.set_timezone(GUILD_ID, "Europe/Berlin")
        options = {"start": "2026-03-22 20:00", "every_days": 7, "from_section": "s3"}
        await slash(fake_discord, "discuss plan", options, user=MODERATOR_ID)
        sessions = await bot.services.schedules.active(kind="discussion")
        assert [s.run_at.strftime("%m-%d %H:%M") for s in sessions] == [
            "03-22 19:00",
            "03-29 18:00",
            "04-05 18:00",
        ]
