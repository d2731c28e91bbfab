"""/discuss-mod plan, list and cancel, end to end through the fake Discord."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.discussion.reading_units import plan_units
from tests.discussion.discussion_helpers import (
    TOMORROW_20,
    TOMORROW_20_UTC,
    ready,
    reply_ephemeral,
    reply_text,
    slash,
    starters,
)
from tests.harness import GUILD_ID, MEMBER_ID, MODERATOR_ID, READING_CHANNEL_ID

WEEK = timedelta(days=7)


async def plan(fake, **options):
    return await slash(
        fake, "discuss-mod plan", {"start": TOMORROW_20, **options}, user=MODERATOR_ID
    )


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
            "1 · 三/（一） 政策收益",
            "2 · 三/（二） 负面效应",
            "3 · 结语",
        ]
        assert [m.embeds[0]["author"]["name"] for m in starters(fake_discord)] == [
            f"读书会讨论 · 第 {n} 次 · Session {n}" for n in (1, 2, 3)
        ]


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
        assert "</discuss-mod cancel-plan:" in reply.text and "`plan:1`" in reply.text
        assert len(await bot.services.schedules.active(kind="discussion")) == 3


async def test_members_cannot_plan(fake_discord, bot_runner) -> None:
    """A plan is a moderator's decision."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"start": TOMORROW_20, "every_days": 7}
        reply = await slash(
            fake_discord,
            "discuss-mod plan",
            options,
            user=MEMBER_ID,
            ignore_default_permissions=True,
        )
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
        assert [f"**Plan 1 · session {s.number}/3**" in description for s in sessions] == [True] * 3
        assert f"<t:{int(TOMORROW_20_UTC.timestamp())}:F>" in description


async def test_list_without_schedules_says_how_to_add_some(fake_discord, bot_runner) -> None:
    """An empty list points moderators to /discuss-mod schedule and /discuss-mod plan."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await slash(fake_discord, "discuss list", {}, user=MEMBER_ID)
        assert "/discuss-mod schedule" in reply.embed["description"]


async def test_cancel_stops_a_scheduled_discussion(fake_discord, bot_runner, clock) -> None:
    """A cancelled single discussion never opens; it is named as members see it in the list."""
    async with bot_runner() as bot:
        await ready(bot)
        options = {"section": "intro", "when": TOMORROW_20}
        await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        reply = await slash(fake_discord, "discuss-mod cancel", {"session": "1"}, user=MODERATOR_ID)
        assert "Cancelled Discussion 1" in reply.text and reply.ephemeral
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        assert starters(fake_discord) == []


async def full_plan(fake, bot) -> list:
    """The whole article as a weekly plan: 12 sessions."""
    await plan(fake, every_days=7)
    # its events are made in the background: done before a test moves the clock weeks on
    await fake.wait_until(
        lambda: not bot.background_work_pending, timeout=10, what="the plan's events"
    )
    sessions = await bot.services.schedules.active(kind="discussion")
    assert len(sessions) == 12
    return sessions


@pytest.mark.parametrize(
    ("locale", "cancelled", "continues"),
    [
        ("en-US", "Cancelled Plan 1 · session 7/12", "The other 11 sessions of plan 1 stay"),
        ("zh-CN", "已取消计划 1 · 第 7/12 次", "计划 1 的其余 11 次讨论照常进行"),
    ],
)
async def test_cancel_one_session_of_a_plan_of_12_cancels_only_that_one(
    fake_discord, bot_runner, clock, locale, cancelled, continues
) -> None:
    """Skipping one week cancels that week only: the other 11 sessions still open on time."""
    async with bot_runner() as bot:
        await ready(bot)
        sessions = await full_plan(fake_discord, bot)
        reply = await slash(
            fake_discord, "discuss-mod cancel", {"session": "1.7"}, user=MODERATOR_ID, locale=locale
        )
        assert cancelled in reply.text and continues in reply.text and reply.ephemeral
        assert "</discuss-mod cancel-plan:" in reply.text and "`plan:1`" in reply.text
        left = await bot.services.schedules.active(kind="discussion")
        assert [s.id for s in left] == [s.id for s in sessions if s.number != 7]
        for week in (6, 7):  # sessions 7 (cancelled) and 8 (still on)
            clock.set(TOMORROW_20_UTC + week * WEEK)
            await bot.services.runner.tick()
        opened = await bot.services.discussions.recent(GUILD_ID)
        assert [d.schedule_id for d in opened] == [sessions[7].id]


@pytest.mark.parametrize(
    ("locale", "question", "done"),
    [
        (
            "en-US",
            "Cancel all **12** remaining sessions of reading plan 1?",
            "Cancelled the remaining 12 sessions of reading plan 1.",
        ),
        (
            "zh-CN",
            "要取消阅读计划 1 余下的全部 **12** 次讨论吗？",
            "已取消阅读计划 1 余下的 12 次讨论。",
        ),
    ],
)
async def test_cancelling_the_rest_of_a_plan_asks_first(
    fake_discord, bot_runner, locale, question, done
) -> None:
    """/discuss-mod cancel-plan cancels nothing until the moderator confirms with the button."""
    async with bot_runner() as bot:
        await ready(bot)
        await full_plan(fake_discord, bot)
        prompt = await slash(
            fake_discord, "discuss-mod cancel-plan", {"plan": 1}, user=MODERATOR_ID, locale=locale
        )
        assert question in prompt.text and prompt.ephemeral
        assert prompt.custom_ids == ["discuss:cancel-plan:1:yes", "discuss:cancel-plan:1:no"]
        assert len(await bot.services.schedules.active(kind="discussion")) == 12  # asked only
        click = await fake_discord.click(
            prompt, "discuss:cancel-plan:1:yes", user=MODERATOR_ID, locale=locale
        )
        await click.wait_response()
        assert done in prompt.text and prompt.custom_ids == []  # buttons gone: no second click
        assert await bot.services.schedules.active(kind="discussion") == []


async def test_plan_cancel_refused_without_confirmation(fake_discord, bot_runner) -> None:
    """Keep the plan, or a member's click on the moderator's button, cancels nothing."""
    async with bot_runner() as bot:
        await ready(bot)
        await full_plan(fake_discord, bot)
        prompt = await slash(
            fake_discord, "discuss-mod cancel-plan", {"plan": 1}, user=MODERATOR_ID
        )
        by_member = await fake_discord.click(prompt, "discuss:cancel-plan:1:yes", user=MEMBER_ID)
        await by_member.wait_response()
        assert "Only moderators" in by_member.text and by_member.ephemeral
        assert len(await bot.services.schedules.active(kind="discussion")) == 12
        keep = await fake_discord.click(prompt, "discuss:cancel-plan:1:no", user=MODERATOR_ID)
        await keep.wait_response()
        assert "Nothing was cancelled; reading plan 1 goes on." in prompt.text
        assert len(await bot.services.schedules.active(kind="discussion")) == 12


async def test_typing_a_plan_into_cancel_explains_the_plan_command(
    fake_discord, bot_runner
) -> None:
    """`/discuss-mod cancel session:plan 1` cancels nothing and names the command that would."""
    async with bot_runner() as bot:
        await ready(bot)
        await full_plan(fake_discord, bot)
        reply = await slash(
            fake_discord, "discuss-mod cancel", {"session": "plan 1"}, user=MODERATOR_ID
        )
        assert "not a whole plan" in reply.text
        assert "</discuss-mod cancel-plan:" in reply.text and "`plan:1`" in reply.text
        assert len(await bot.services.schedules.active(kind="discussion")) == 12


async def test_plan_cancel_after_sessions_ran_cancels_the_rest(
    fake_discord, bot_runner, clock
) -> None:
    """After the first session opened, confirming cancels the 2 sessions still to come."""
    async with bot_runner() as bot:
        await ready(bot)
        await plan(fake_discord, every_days=7, from_section="s3")
        clock.set(TOMORROW_20_UTC)
        await bot.services.runner.tick()
        prompt = await slash(
            fake_discord, "discuss-mod cancel-plan", {"plan": 1}, user=MODERATOR_ID
        )
        assert "all **2** remaining sessions" in prompt.text
        await (
            await fake_discord.click(prompt, "discuss:cancel-plan:1:yes", user=MODERATOR_ID)
        ).wait_response()
        assert await bot.services.schedules.active(kind="discussion") == []
        clock.set(TOMORROW_20_UTC + 3 * WEEK)
        await bot.services.runner.tick()
        assert len(starters(fake_discord)) == 1
        again = await slash(fake_discord, "discuss-mod cancel-plan", {"plan": 1}, user=MODERATOR_ID)
        assert "no sessions left" in again.text


async def test_members_cannot_cancel(fake_discord, bot_runner) -> None:
    """An ordinary member's cancel or cancel-plan is refused and the schedules stay."""
    async with bot_runner() as bot:
        await ready(bot)
        await full_plan(fake_discord, bot)
        for command, options in (
            ("discuss-mod cancel", {"session": "1.2"}),
            ("discuss-mod cancel-plan", {"plan": 1}),
        ):
            reply = await slash(
                fake_discord, command, options, user=MEMBER_ID, ignore_default_permissions=True
            )
            assert "Only moderators" in reply.text and reply.custom_ids == []
        assert len(await bot.services.schedules.active(kind="discussion")) == 12


async def test_cancel_of_an_unknown_number_says_so(fake_discord, bot_runner) -> None:
    """A reference that names no discussion of this server is reported, with where to look."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await slash(
            fake_discord, "discuss-mod cancel", {"session": "999"}, user=MODERATOR_ID
        )
        assert "no scheduled discussion “999”" in reply.text and "/discuss list" in reply.text
        reply = await slash(fake_discord, "discuss-mod cancel-plan", {"plan": 4}, user=MODERATOR_ID)
        assert "no reading plan 4" in reply.text


async def test_cancel_autocomplete_offers_every_session_and_plans_apart(
    fake_discord, bot_runner
) -> None:
    """cancel's choices are single sessions (plan sessions included); cancel-plan's are plans."""
    async with bot_runner() as bot:
        await ready(bot)
        await plan(fake_discord, every_days=7, from_section="s3")
        options = {"section": "intro", "when": "2026-01-07 20:00"}
        await slash(fake_discord, "discuss-mod schedule", options, user=MODERATOR_ID)
        record = await fake_discord.autocomplete(
            "discuss-mod cancel", {"session": ""}, focused="session", user=MODERATOR_ID
        )
        await record.wait_response()
        assert [c["value"] for c in record.choices] == ["1.1", "1", "1.2", "1.3"]
        assert record.choices[0]["name"].startswith("Plan 1 · session 1/3 · 01-06 20:00")
        assert "引言" in record.choices[1]["name"]
        record = await fake_discord.autocomplete(
            "discuss-mod cancel-plan", {"plan": ""}, focused="plan", user=MODERATOR_ID
        )
        await record.wait_response()
        assert [c["value"] for c in record.choices] == [1]
        assert record.choices[0]["name"].startswith("Whole plan 1 · 3 left")


async def test_plan_keeps_local_time_across_summer_time(fake_discord, bot_runner) -> None:
    """A Berlin plan meeting Sundays 20:00 moves from 19:00 to 18:00 UTC when summer time starts."""
    async with bot_runner() as bot:
        await ready(bot)
        await bot.services.guild_settings.set_timezone(GUILD_ID, "Europe/Berlin")
        options = {"start": "2026-03-22 20:00", "every_days": 7, "from_section": "s3"}
        await slash(fake_discord, "discuss-mod plan", options, user=MODERATOR_ID)
        sessions = await bot.services.schedules.active(kind="discussion")
        assert [s.run_at.strftime("%m-%d %H:%M") for s in sessions] == [
            "03-22 19:00",
            "03-29 18:00",
            "04-05 18:00",
        ]


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"session": "9.9", "when": "2026-01-09 20:00"}, "There is no scheduled discussion “9.9”"),
        ({"session": "plan 1", "when": "2026-01-09 20:00"}, "not a whole plan"),
        ({"session": "1.1", "when": "2026-02-30 20:00"}, "For example: `2026-01-06 20:00`"),
        ({"session": "1.1", "when": "2025-12-31 20:00"}, "For example: `2026-01-06 20:00`"),
    ],
    ids=["unknown session", "a whole plan", "impossible date", "in the past"],
)
async def test_move_refuses_like_cancel_and_schedule_and_changes_nothing(
    fake_discord, bot_runner, options, says
) -> None:
    """/discuss-mod move resolves its session and time with the same options as cancel and
    schedule: the same refusals, before anything changes."""
    async with bot_runner() as bot:
        await ready(bot)
        await plan(fake_discord, every_days=7)
        before = await bot.services.schedules.active(kind="discussion")
        reply = await slash(fake_discord, "discuss-mod move", options, user=MODERATOR_ID)
        assert reply_ephemeral(reply) and says in reply_text(reply)
        assert await bot.services.schedules.active(kind="discussion") == before
