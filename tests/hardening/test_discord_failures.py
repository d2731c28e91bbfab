"""Discord failing on the routes the bot uses: send, edit, create thread, interaction callback.

For scheduled work: a refusal (403, 404, 503) is recorded on the run with its reason, the log
channel is told, the route is not hammered afterwards, and the next run works once Discord does.
A rate limit (429) or a retriable server error (500) is waited out and retried once. For
interactions: the user gets an answer whenever Discord lets one through, the failure is logged
with an error id, and slow Discord work never costs the 3-second first response.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.clock import FakeClock
from tests.discussion.discussion_helpers import bot_lines, starters
from tests.fakediscord import FakeDiscord
from tests.harness import MODERATOR_ID, OTHER_CHANNEL_ID, READING_CHANNEL_ID, BotRunner
from tests.quiz.quiz_helpers import FIRST_RUN, WEEKLY, answered, quiz_posts, ready

LOG_CHANNEL = OTHER_CHANNEL_ID
WEEK = timedelta(days=7)
MINUTE = timedelta(minutes=1)
POST = rf"/channels/{READING_CHANNEL_ID}/messages"
EDIT = rf"/channels/{READING_CHANNEL_ID}/messages/\d+"
THREAD = rf"/channels/{READING_CHANNEL_ID}/messages/\d+/threads"
CALLBACK = r"/interactions/\d+/[^/]+/callback"


async def _setup(fake: FakeDiscord, bot: Any) -> None:
    await ready(bot)
    await answered(
        await fake.slash("config log-channel", {"channel": LOG_CHANNEL}, user=MODERATOR_ID)
    )


async def _occurrences(bot: Any) -> list[tuple[str, str | None]]:
    async with bot.services.db.execute("SELECT status, reason FROM occurrences ORDER BY id") as cur:
        return [(row["status"], row["reason"]) for row in await cur.fetchall()]


def _count(fake: FakeDiscord, method: str, pattern: str) -> int:
    return len(fake.requests_matching(method, pattern))


async def _ticks(bot: Any, n: int = 3) -> None:
    for _ in range(n):
        await bot.services.runner.tick()


# ------------------------------------------------------------------------------ scheduled quiz post


@pytest.mark.parametrize(
    ("status", "reason_part"),
    [(403, "403): Missing Permissions"), (404, "404): Unknown Channel"), (503, "503")],
)
async def test_refused_quiz_post_is_recorded_reported_and_not_retried(
    fake_discord: FakeDiscord,
    bot_runner: BotRunner,
    clock: FakeClock,
    status: int,
    reason_part: str,
) -> None:
    """A quiz post Discord refuses fails its run with the reason, tells the log channel once,
    is not retried by later ticks, and next week's run posts normally."""
    async with bot_runner() as bot:
        await _setup(fake_discord, bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        if status == 404:  # the channel was deleted and the bot missed the event
            fake_discord.fail("POST", POST, 404, code=10003, message="Unknown Channel")
        else:
            fake_discord.fail("POST", POST, status)
        clock.set(FIRST_RUN + MINUTE)
        await _ticks(bot)
        ((state, reason),) = await _occurrences(bot)
        assert state == "failed" and reason_part in (reason or "")
        assert _count(fake_discord, "POST", POST) == 1
        (line,) = bot_lines(fake_discord, LOG_CHANNEL)[1:]  # [0] is the log channel's hello
        assert "did not happen" in line and reason_part.split()[0] in line
        clock.set(FIRST_RUN + WEEK + MINUTE)
        await _ticks(bot)
        assert [s for s, _ in await _occurrences(bot)] == ["failed", "sent"]
    assert len(quiz_posts(fake_discord)) == 1


async def test_rate_limited_quiz_post_waits_and_is_sent_once(
    fake_discord: FakeDiscord, bot_runner: BotRunner, clock: FakeClock
) -> None:
    """A 429 with retry-after is waited out (not hammered) and the post goes out once."""
    async with bot_runner() as bot:
        await _setup(fake_discord, bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        fake_discord.fail("POST", POST, 429, retry_after=0.2)
        clock.set(FIRST_RUN + MINUTE)
        await _ticks(bot, 1)
        assert await _occurrences(bot) == [("sent", None)]
    first, second = fake_discord.requests_matching("POST", POST)
    assert (first.status, second.status) == (429, 200)
    assert second.time - first.time >= 0.2
    assert len(quiz_posts(fake_discord)) == 1


async def test_server_error_on_a_quiz_post_is_retried_after_a_pause(
    fake_discord: FakeDiscord, bot_runner: BotRunner, clock: FakeClock
) -> None:
    """A 500 is retried by discord.py after a pause (not in a tight loop) and the post goes out."""
    async with bot_runner() as bot:
        await _setup(fake_discord, bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        fake_discord.fail("POST", POST, 500)
        clock.set(FIRST_RUN + MINUTE)
        await _ticks(bot, 1)
        assert await _occurrences(bot) == [("sent", None)]
    first, second = fake_discord.requests_matching("POST", POST)
    assert (first.status, second.status) == (500, 200)
    assert second.time - first.time >= 0.9


# ------------------------------------------------------------------------------ quiz results edit


@pytest.mark.parametrize("status", [403, 429, 503])
async def test_failed_results_edit_is_retried_on_a_later_tick_only(
    fake_discord: FakeDiscord, bot_runner: BotRunner, clock: FakeClock, status: int
) -> None:
    """When writing the results into the post fails, the quiz stays unannounced, the next tick
    tries once more (one PATCH per tick, never a loop) and the results appear."""
    async with bot_runner() as bot:
        await _setup(fake_discord, bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        clock.set(FIRST_RUN + MINUTE)
        await _ticks(bot, 1)
        (post,) = quiz_posts(fake_discord)
        fake_discord.fail("PATCH", EDIT, status, retry_after=0.05)
        clock.set(FIRST_RUN + timedelta(hours=25))
        await _ticks(bot, 1)
        edits_after_first_tick = _count(fake_discord, "PATCH", EDIT)
        assert edits_after_first_tick <= 2  # a 429 is retried once by discord.py
        await _ticks(bot, 1)
        assert _count(fake_discord, "PATCH", EDIT) <= edits_after_first_tick + 1
        await _ticks(bot, 2)
        assert _count(fake_discord, "PATCH", EDIT) <= edits_after_first_tick + 1
    (post,) = quiz_posts(fake_discord)
    assert all(c.get("disabled") for row in post.components for c in row["components"])


async def test_results_edit_of_a_deleted_post_is_given_up_at_once(
    fake_discord: FakeDiscord, bot_runner: BotRunner, clock: FakeClock
) -> None:
    """A 404 on the results edit (the post was deleted) is final: no retry on later ticks."""
    async with bot_runner() as bot:
        await _setup(fake_discord, bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        clock.set(FIRST_RUN + MINUTE)
        await _ticks(bot, 1)
        fake_discord.fail("PATCH", EDIT, 404, times=10)
        clock.set(FIRST_RUN + timedelta(hours=25))
        await _ticks(bot, 4)
    assert _count(fake_discord, "PATCH", EDIT) == 1


# ------------------------------------------------------------------------------ discussion threads


async def _schedule_two_discussions(fake: FakeDiscord) -> None:
    choices = (
        await (
            await fake.autocomplete(
                "discuss-mod schedule", {"section": ""}, focused="section", user=MODERATOR_ID
            )
        ).wait_response()
    ).choices
    for day, choice in ((6, choices[0]), (7, choices[1])):
        options = {"section": choice["value"], "when": f"2026-01-0{day} 20:00"}
        await answered(await fake.slash("discuss-mod schedule", options, user=MODERATOR_ID))


@pytest.mark.parametrize(
    ("route", "status", "reason_part"),
    [
        (THREAD, 403, "Missing Permissions"),
        (THREAD, 503, "503"),
        (POST, 403, "Missing Permissions"),
        (POST, 503, "503"),
    ],
)
async def test_refused_discussion_is_recorded_reported_and_next_one_opens(
    fake_discord: FakeDiscord,
    bot_runner: BotRunner,
    clock: FakeClock,
    route: str,
    status: int,
    reason_part: str,
) -> None:
    """A starter or thread Discord refuses fails the run with the reason, the log channel is told,
    no half-open discussion stays behind, and the next scheduled discussion opens."""
    async with bot_runner() as bot:
        await _setup(fake_discord, bot)
        await _schedule_two_discussions(fake_discord)
        fake_discord.fail("POST", route, status)
        clock.set(FIRST_RUN + MINUTE)
        await _ticks(bot)
        ((state, reason),) = await _occurrences(bot)
        assert state == "failed" and reason_part in (reason or ""), reason
        assert starters(fake_discord) == []
        failures = [x for x in bot_lines(fake_discord, LOG_CHANNEL) if "Create Events" not in x]
        assert len(failures) == 2  # hello, the failure (not the one-time events note)
        assert _count(fake_discord, "POST", route) == 1
        clock.set(FIRST_RUN + timedelta(days=1, minutes=1))
        await _ticks(bot)
        assert [s for s, _ in await _occurrences(bot)] == ["failed", "sent"]
    assert len(starters(fake_discord)) == 1
    assert len(fake_discord.threads(READING_CHANNEL_ID)) == 1
    assert bot_runner.errors.messages() == []


async def test_rate_limited_thread_creation_is_waited_out(
    fake_discord: FakeDiscord, bot_runner: BotRunner, clock: FakeClock
) -> None:
    """A 429 on creating the discussion thread is waited out and the discussion opens once."""
    async with bot_runner() as bot:
        await _setup(fake_discord, bot)
        await _schedule_two_discussions(fake_discord)
        fake_discord.fail("POST", THREAD, 429, retry_after=0.1)
        clock.set(FIRST_RUN + MINUTE)
        await _ticks(bot, 1)
        assert await _occurrences(bot) == [("sent", None)]
    assert [r.status for r in fake_discord.requests_matching("POST", THREAD)] == [429, 201]
    assert len(starters(fake_discord)) == 1
    assert len(fake_discord.threads(READING_CHANNEL_ID)) == 1


# ------------------------------------------------------------------------------ interaction callbacks


async def test_refused_first_answer_is_followed_by_an_error_reply_with_an_id(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """If Discord refuses the first answer once, the user still gets a private reply naming an
    error id, and the log line with that id names the interaction and the command."""
    async with bot_runner():
        fake_discord.fail("POST", CALLBACK, 403)
        record = await (await fake_discord.slash("outline")).wait_response()
    assert record.ephemeral
    error_id = record.content.split("`")[1]
    (line,) = [m for m in bot_runner.errors.messages() if f"error_id={error_id}" in m]
    assert f"interaction={record.id}" in line and "command=outline" in line
    bot_runner.errors.records.clear()


async def test_rate_limited_first_answer_is_retried_within_the_deadline(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A 429 on the interaction callback is waited out and the answer still arrives in time."""
    async with bot_runner():
        fake_discord.fail("POST", CALLBACK, 429, retry_after=0.1)
        record = await (await fake_discord.slash("outline")).wait_response()
    assert record.embed["title"]
    assert record.time_to_first_response is not None and record.time_to_first_response < 3
    assert _count(fake_discord, "POST", CALLBACK) == 2


async def test_server_error_on_the_first_answer_is_retried_in_time(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A 500 on the interaction callback is retried once after a pause, inside the deadline."""
    async with bot_runner():
        fake_discord.fail("POST", CALLBACK, 500)
        record = await (await fake_discord.slash("outline")).wait_response()
    assert record.embed["title"]
    assert [r.status for r in fake_discord.requests_matching("POST", CALLBACK)] == [500, 200]
    assert record.time_to_first_response is not None and record.time_to_first_response < 3


async def test_expired_interaction_is_logged_once_and_not_retried(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """When Discord answers the callback too late to count (the token expired), the bot logs
    the failure with an error id and gives up after one fallback attempt: no retry loop."""
    fake_discord.interaction_deadline = 0.2
    async with bot_runner():
        fake_discord.delay("POST", CALLBACK, 0.4, times=5)
        record = await fake_discord.slash("outline")
        await fake_discord.wait_until(
            lambda: any("error_id=" in m for m in bot_runner.errors.messages()),
            timeout=5,
            what="the error to be logged",
        )
        await fake_discord.wait_until(
            lambda: len(record.rejected) == 2, timeout=5, what="the fallback attempt"
        )
    assert record.response is None
    assert _count(fake_discord, "POST", CALLBACK) == 2
    assert [m for m in bot_runner.errors.messages() if "command=outline" in m]
    fake_discord.violations.clear()  # the late callbacks were provoked on purpose
    bot_runner.errors.records.clear()


async def test_slow_post_does_not_delay_the_first_answer(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """/quiz-mod now answers (defers) before its slow post, so a slow Discord cannot make the
    interaction fail; the confirmation follows once the post is through."""
    fake_discord.interaction_deadline = 1.0  # the post below takes longer than this
    async with bot_runner() as bot:
        await ready(bot)
        fake_discord.delay("POST", POST, 1.5)
        record = await fake_discord.slash("quiz-mod now", {}, user=MODERATOR_ID)
        await record.wait_response(timeout=2)
        assert record.deferred
        await record.wait_content(timeout=5)
    assert "quiz" in record.text.lower()
    assert len(quiz_posts(fake_discord)) == 1
