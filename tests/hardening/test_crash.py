"""SIGKILL at seeded random points during a burst of quiz answers and scheduled posts.

The bot runs as a real child process on a real database file; the fake Discord stays in the test
process and kills the child the moment it has handled the bot's N-th request of a round (N drawn
from a seeded generator), i.e. after Discord did something and before the bot heard of it. After
every kill the bot is restarted and the invariants are checked: answers acknowledged exactly once,
no post or discussion doubled, every due run made or recorded missed, an intact database file.
Set HARDENING_CRASH_SEED to explore other kill points by hand.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import FakeClock
from bot.cogs.discussion.embeds import occurrence_in_custom_id, thread_post_number
from bot.scheduling.recurrence import from_iso, weekly_runs_between
from tests.fakediscord import FakeDiscord, InteractionRecord, RequestRecord
from tests.hardening.hardening_helpers import integrity, rows
from tests.hardening.process_helpers import BotProcess
from tests.harness import GUILD_ID, MODERATOR_ID, OTHER_CHANNEL_ID, READING_CHANNEL_ID
from tests.quiz.quiz_helpers import FIRST_RUN, quiz_id_of, quiz_posts

SEED = int(os.environ.get("HARDENING_CRASH_SEED", "20260105"))
ROUNDS = 3
CLICKS_PER_ROUND = 10
FIRST_MEMBER = 1_100_000_000_000_010_000
MEMBERS = 24
DAY = timedelta(days=1)
RECORDED = re.compile(r"Your answer \*\*(?P<letter>[A-D])\*\* is recorded")
ALREADY = re.compile(r"You already answered \*\*(?P<letter>[A-D])\*\*")
# Where a kill can land: any request, or right after Discord accepted a post, a thread, an edit.
KILL_POINTS = {
    "any request": ("*", r".*"),
    "a post": ("POST", r"/channels/\d+/messages"),
    "a thread": ("POST", r"/channels/\d+/messages/\d+/threads"),
    "an edit": ("PATCH", r"/channels/\d+/messages/\d+"),
    "an answer's reply": ("POST", r"/interactions/\d+/[^/]+/callback"),
}


@dataclass
class Click:
    record: InteractionRecord
    quiz_id: int
    user_id: int
    letter: str


@dataclass
class Crashes:
    fake: FakeDiscord
    bot: BotProcess
    clock: FakeClock
    rng: random.Random
    quiz_channel: int
    clicks: list[Click] = field(default_factory=list)
    kills: int = 0

    @contextmanager
    def kill_at_request(self, n: int, kind: str) -> Iterator[None]:
        """SIGKILL the bot right after the fake has answered its n-th REST request of `kind`."""
        original = self.fake._answer
        seen = 0
        method, pattern = KILL_POINTS[kind]

        async def answer(request: Any, record: RequestRecord, *args: Any) -> Any:
            nonlocal seen
            response = await original(request, record, *args)
            if method in ("*", record.method) and re.fullmatch(pattern, record.path):
                seen += 1
                if seen != n:
                    return response
                # only on the n-th match itself: later requests (still in flight from the dying
                # process) must not kill again
                self.bot.kill()
                self.kills += 1
            return response

        self.fake._answer = answer  # type: ignore[method-assign]
        try:
            yield
        finally:
            self.fake._answer = original  # type: ignore[method-assign]

    async def at(self, when: datetime) -> None:
        self.clock.set(when)
        await self.bot.set_clock(when)

    def open_posts(self) -> list[Any]:
        return [
            post
            for channel in (READING_CHANNEL_ID, OTHER_CHANNEL_ID, self.quiz_channel)
            for post in quiz_posts(self.fake, channel)
            if not any(c.get("disabled") for row in post.components for c in row["components"])
        ]


async def _slash_ok(fake: FakeDiscord, path: str, options: dict[str, Any]) -> InteractionRecord:
    record = await fake.slash(path, options, user=MODERATOR_ID)
    await record.wait_response()
    await record.wait_content()
    return record


async def _burst(c: Crashes) -> None:
    """A tick (posts and closings) and a burst of clicks, with the kill armed."""
    posts = c.open_posts()
    kind = c.rng.choice(sorted(KILL_POINTS))
    kill_at = c.rng.randint(
        1, CLICKS_PER_ROUND if kind in ("any request", "an answer's reply") else 2
    )
    with c.kill_at_request(kill_at, kind):
        tick = asyncio.ensure_future(c.bot.control("tick"))
        burst: list[Click] = []
        for _ in range(CLICKS_PER_ROUND):
            post = c.rng.choice(posts)
            user = FIRST_MEMBER + c.rng.randrange(MEMBERS)
            letter = c.rng.choice("ABCD")
            quiz_id = quiz_id_of(post)
            record = await c.fake.click(post, f"quiz:{quiz_id}:{letter}", user=user)
            burst.append(Click(record, quiz_id, user, letter))
        c.clicks += burst
        await c.fake.wait_until(
            lambda: c.bot.exited or (tick.done() and all(k.record.responded for k in burst)),
            timeout=20,
            what="the burst to be answered or the bot to die",
        )
        try:
            await tick
        except (ConnectionError, OSError):  # killed mid-tick: the socket closed with the process
            assert await c.bot.wait_exit() == -9, "the tick failed although the bot was not killed"


async def _restart(c: Crashes) -> None:
    if not c.bot.exited:  # the armed kill point never came: kill at the end of the burst
        c.bot.kill()
        c.kills += 1
    assert await c.bot.wait_exit() == -9
    assert integrity(c.bot.database_path) == "ok"
    await c.bot.start()
    await c.bot.control("tick")


async def _retry_unanswered(c: Crashes) -> None:
    """Members whose click got no reply click again; a stored first answer must be final."""
    stored = {
        (row["quiz_id"], row["user_id"]): row["choice"]
        for row in rows(c.bot.database_path, "SELECT quiz_id, user_id, choice FROM quiz_answers")
    }
    lost = [k for k in c.clicks if not k.record.responded]
    for click in lost:
        post = next(p for p in c.fake.bot_messages() if f"quiz:{click.quiz_id}:A" in p.custom_ids())
        if (post.find_component(f"quiz:{click.quiz_id}:A") or {}).get("disabled"):
            continue  # closed meanwhile: nothing left to click
        retry = await c.fake.click(post, f"quiz:{click.quiz_id}:{click.letter}", user=click.user_id)
        await retry.wait_response()
        c.clicks.append(Click(retry, click.quiz_id, click.user_id, click.letter))
        first = stored.get((click.quiz_id, click.user_id))
        if first is not None:
            match = ALREADY.search(retry.content or "")
            assert match and "ABCD".index(match["letter"]) == first, retry.content


def _check(c: Crashes) -> None:
    """The invariants after a restart (see the module docstring)."""
    db = c.bot.database_path
    answers = {
        (row["quiz_id"], row["user_id"]): row["choice"]
        for row in rows(db, "SELECT quiz_id, user_id, choice FROM quiz_answers")
    }
    for click in c.clicks:
        text = (click.record.content or "") if click.record.responded else ""
        if match := RECORDED.search(text):
            assert answers.get((click.quiz_id, click.user_id)) == "ABCD".index(match["letter"]), (
                click
            )
        elif match := ALREADY.search(text):
            assert answers.get((click.quiz_id, click.user_id)) == "ABCD".index(match["letter"]), (
                click
            )
    clicked = {(k.quiz_id, k.user_id) for k in c.clicks}
    assert set(answers) <= clicked, "an answer nobody gave was stored"
    posted = Counter(
        quiz_id_of(post)
        for channel in (READING_CHANNEL_ID, OTHER_CHANNEL_ID, c.quiz_channel)
        for post in quiz_posts(c.fake, channel)
    )
    assert all(n == 1 for n in posted.values()), f"a quiz was posted twice: {posted}"
    starters = Counter(
        occurrence
        for message in c.fake.bot_messages()
        if not message.deleted
        for custom_id in message.custom_ids()
        if (occurrence := occurrence_in_custom_id(custom_id)) is not None
    )
    assert all(n == 1 for n in starters.values()), f"a discussion was opened twice: {starters}"
    for thread in c.fake.threads():
        posts = Counter(
            number
            for message in c.fake.messages(thread.id)
            if message.author.id == c.fake.bot_user_id
            if (number := thread_post_number(message.content)) is not None
        )
        assert all(n == 1 for n in posts.values()), f"a prompt was posted twice: {posts}"
    assert integrity(db) == "ok"


def _check_every_due_run(c: Crashes, now: datetime) -> None:
    db = c.bot.database_path
    occurrences = {
        (row["schedule_id"], row["due_at"]): (row["status"], json.loads(row["result"] or "{}"))
        for row in rows(db, "SELECT schedule_id, due_at, status, result FROM occurrences")
    }
    live = {m.id for m in c.fake.bot_messages() if not m.deleted}
    schedules = rows(
        db, "SELECT id, weekday, local_time, run_at, timezone, created_at, kind FROM schedules"
    )
    assert schedules, "the test made no schedules"
    for schedule in schedules:
        sid, kind = schedule["id"], schedule["kind"]
        if schedule["weekday"] is not None:
            hour, minute = map(int, schedule["local_time"].split(":"))
            due = weekly_runs_between(
                from_iso(schedule["created_at"]),
                now,
                schedule["weekday"],
                datetime.min.time().replace(hour=hour, minute=minute),
                ZoneInfo(schedule["timezone"]),
            )
        else:
            run_at = from_iso(schedule["run_at"])
            due = [run_at] if run_at <= now else []
        for when in due:
            key = (sid, when.isoformat())
            matching = [v for k, v in occurrences.items() if k[0] == sid and from_iso(k[1]) == when]
            assert matching, f"{kind} schedule {sid}: the run due {key[1]} left no trace"
            status, result = matching[0]
            assert status in ("sent", "missed"), f"{kind} schedule {sid} run {key[1]}: {status}"
            if status == "sent":
                assert result["message_id"] in live, f"{kind} schedule {sid}: its post is gone"


async def test_sigkill_during_answers_and_posts_loses_and_doubles_nothing(
    fake_discord: FakeDiscord, clock: FakeClock, tmp_path: Path
) -> None:
    """Killed at seeded random points mid-burst and restarted, the bot keeps every acknowledged
    answer exactly once, posts nothing twice, leaves no due run untraced, and the file is intact."""
    fake = fake_discord
    quiz_channel = fake.add_channel(GUILD_ID, "quiz-corner").id
    for i in range(MEMBERS):
        fake.add_member(FIRST_MEMBER + i, f"reader{i}")
    bot = BotProcess(fake, tmp_path, database_path=tmp_path / "bot.sqlite3", clock=clock.now())
    c = Crashes(fake, bot, clock, random.Random(SEED), quiz_channel)
    try:
        await bot.start()
        for channel, day in (
            (READING_CHANNEL_ID, "tue"),
            (OTHER_CHANNEL_ID, "wed"),
            (quiz_channel, "thu"),
        ):
            await _slash_ok(
                fake, "quiz-mod schedule", {"channel": channel, "weekday": day, "time": "20:00"}
            )
        await _slash_ok(fake, "quiz-mod now", {"channel": quiz_channel, "duration_hours": 167})
        section = (
            await (
                await fake.autocomplete(
                    "discuss-mod schedule", {"section": ""}, focused="section", user=MODERATOR_ID
                )
            ).wait_response()
        ).choices[0]["value"]
        for day in (6, 7):
            await _slash_ok(
                fake,
                "discuss-mod schedule",
                {
                    "section": section,
                    "when": f"2026-01-0{day + 1} 20:30",
                    "channel": READING_CHANNEL_ID,
                },
            )
        for round_index in range(ROUNDS):
            await c.at(FIRST_RUN + round_index * DAY + timedelta(minutes=31))
            await _burst(c)
            await _restart(c)
            _check(c)
            await _retry_unanswered(c)
            _check(c)
        end = FIRST_RUN + (ROUNDS + 2) * DAY
        await c.at(end)
        await c.bot.control("tick")
        _check(c)
        _check_every_due_run(c, end)
        assert c.kills >= ROUNDS
    finally:
        await bot.stop()
