"""The runner fires each due run once, catches up within grace, records misses and failures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.scheduling.reasons import Reason, missing_permissions
from bot.scheduling.runner import FireDeferred, FireFailed, ScheduleRunner
from bot.scheduling.store import Occurrence, Schedule, ScheduleStore
from bot.storage.database import open_database

START = datetime(2026, 11, 30, 11, 0, tzinfo=UTC)  # Monday 19:00 in Shanghai


class RecordingHandler:
    """A handler plugged into the runner the way the cogs plug theirs in: it records what it did."""

    def __init__(self) -> None:
        self.fired: list[int] = []
        self.sent_before_crash: set[int] = set()
        self.fail_with: Reason | None = None
        self.defer_with: str | None = None

    async def fire(self, schedule: Schedule, occurrence: Occurrence) -> dict[str, Any]:
        if self.fail_with:
            raise FireFailed(self.fail_with)
        if self.defer_with:
            raise FireDeferred(self.defer_with)
        self.fired.append(occurrence.id)
        return {"message_id": 1000 + occurrence.id}

    async def find_existing(
        self, schedule: Schedule, occurrence: Occurrence
    ) -> dict[str, Any] | None:
        if occurrence.id in self.sent_before_crash:
            return {"message_id": 1000 + occurrence.id, "reconciled": True}
        return None


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[ScheduleStore]:
    async with open_database(tmp_path / "db.sqlite3") as conn:
        yield ScheduleStore(conn)


def make_runner(store: ScheduleStore, clock: FakeClock) -> tuple[ScheduleRunner, RecordingHandler]:
    runner = ScheduleRunner(store, clock, timedelta(hours=6))
    handler = RecordingHandler()
    runner.register("quiz", handler)
    return runner, handler


async def add_monday_20(store: ScheduleStore, clock: FakeClock) -> Schedule:
    return await store.add_weekly(
        guild_id=1,
        kind="quiz",
        channel_id=2,
        timezone="Asia/Shanghai",
        weekday=0,
        local_time=time(20, 0),
        payload={},
        created_by=3,
        now=clock.now(),
    )


async def test_nothing_fires_before_due(store: ScheduleStore) -> None:
    """A tick before the run time does nothing."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    await add_monday_20(store, clock)
    await runner.tick()
    assert handler.fired == []


async def test_due_run_fires_once_even_with_repeated_ticks(store: ScheduleStore) -> None:
    """At the run time the action fires once; further ticks do not repeat it."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    schedule = await add_monday_20(store, clock)
    clock.advance(timedelta(hours=1, seconds=1))
    await runner.tick()
    await runner.tick()
    assert len(handler.fired) == 1
    (occurrence,) = await store.occurrences_of(schedule.id)
    assert occurrence.status == "sent"
    assert occurrence.result == {"message_id": 1000 + occurrence.id}


async def test_late_within_grace_fires(store: ScheduleStore) -> None:
    """A run found 5 hours late (bot was down) is still made."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    await add_monday_20(store, clock)
    clock.advance(timedelta(hours=6))
    report = await runner.tick()
    assert len(handler.fired) == 1 and report.fired


async def test_late_beyond_grace_is_recorded_missed(store: ScheduleStore) -> None:
    """A run found more than the grace window late is recorded missed, not posted."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    schedule = await add_monday_20(store, clock)
    clock.advance(timedelta(hours=8))
    report = await runner.tick()
    assert handler.fired == []
    (occurrence,) = await store.occurrences_of(schedule.id)
    assert occurrence.status == "missed" and report.missed == [occurrence.id]


async def test_weeks_of_downtime_record_each_missed_run(store: ScheduleStore) -> None:
    """After three weeks offline, older runs are missed and only a run within grace is made."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    schedule = await add_monday_20(store, clock)
    clock.advance(timedelta(days=14, hours=2))  # two hours after the third Monday run
    await runner.tick()
    statuses = [o.status for o in await store.occurrences_of(schedule.id)]
    assert statuses == ["missed", "missed", "sent"]
    assert len(handler.fired) == 1


async def test_failure_is_recorded_and_not_retried(store: ScheduleStore) -> None:
    """A failed run is recorded with its reason, reported to listeners and never retried."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    heard: list[Reason] = []

    async def listener(schedule: Schedule, occurrence: Occurrence, reason: Reason) -> None:
        heard.append(reason)

    runner.on_failure(listener)
    schedule = await add_monday_20(store, clock)
    refusal = missing_permissions("reading", ["send_messages"])
    handler.fail_with = refusal
    clock.advance(timedelta(hours=2))
    await runner.tick()
    await runner.tick()
    (occurrence,) = await store.occurrences_of(schedule.id)
    assert occurrence.status == "failed"
    assert occurrence.failure == refusal  # the code and details, as stored
    assert occurrence.reason == "missing permissions in #reading: send_messages"  # for logs
    assert heard == [refusal]


async def test_claimed_occurrence_is_reconciled_not_resent(store: ScheduleStore) -> None:
    """A run claimed before a crash whose message did go out is adopted, not posted again."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    schedule = await add_monday_20(store, clock)
    clock.advance(timedelta(hours=2))
    due = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    claimed = await store.claim(schedule.id, due, clock.now())
    assert claimed is not None
    handler.sent_before_crash.add(claimed.id)
    report = await runner.tick()
    assert handler.fired == [] and report.reconciled == [claimed.id]
    assert (await store.occurrence(claimed.id)).status == "sent"


async def test_claimed_occurrence_not_sent_is_fired_within_grace(store: ScheduleStore) -> None:
    """A run claimed before a crash that never went out is made on the next tick."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    schedule = await add_monday_20(store, clock)
    clock.advance(timedelta(hours=2))
    claimed = await store.claim(schedule.id, datetime(2026, 11, 30, 12, 0, tzinfo=UTC), clock.now())
    assert claimed is not None
    await runner.tick()
    assert handler.fired == [claimed.id]


async def test_once_schedule_fires_then_is_done(store: ScheduleStore) -> None:
    """A one-off run fires at its time and its schedule is then done."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    (schedule,) = await store.add_once_many(
        guild_id=1,
        kind="quiz",
        channel_id=2,
        timezone="UTC",
        runs=[(START + timedelta(minutes=30), {})],
        created_by=3,
        now=clock.now(),
    )
    clock.advance(timedelta(minutes=31))
    await runner.tick()
    await runner.tick()
    assert len(handler.fired) == 1
    assert (await store.get(schedule.id)).status == "done"


async def test_cancelling_a_session_leaves_the_rest_of_its_plan(store: ScheduleStore) -> None:
    """Cancelling one session of a plan cancels that session only; the plan is cancelled apart."""
    clock = FakeClock(START)
    sessions = await store.add_once_many(
        guild_id=1,
        kind="discussion",
        channel_id=2,
        timezone="UTC",
        runs=[(START + timedelta(days=d), {"section": f"s{d}"}) for d in (1, 8, 15)],
        created_by=3,
        now=clock.now(),
        series=True,
    )
    assert await store.cancel(sessions[1].id, guild_id=1) is True
    assert [s.id for s in await store.active()] == [sessions[0].id, sessions[2].id]
    assert await store.cancel(sessions[1].id, guild_id=1) is False  # already cancelled
    assert await store.cancel(sessions[0].id, guild_id=2) is False  # another guild cannot
    assert await store.cancel_plan(guild_id=2, plan_number=1) == []
    cancelled = await store.cancel_plan(guild_id=1, plan_number=1)
    assert [s.id for s in cancelled] == [sessions[0].id, sessions[2].id]
    assert await store.active() == []


async def test_numbers_are_per_server_and_kind_and_plans_count_sessions(
    store: ScheduleStore,
) -> None:
    """Members read "quiz schedule 1", "discussion 1", "plan 1, session 2": never a shared id."""
    clock = FakeClock(START)
    common = {"channel_id": 2, "timezone": "UTC", "created_by": 3, "now": clock.now()}
    quiz = await store.add_weekly(
        guild_id=1, kind="quiz", weekday=1, local_time=time(20), payload={}, **common
    )
    plan = await store.add_once_many(
        guild_id=1,
        kind="discussion",
        runs=[(START + timedelta(days=d), {}) for d in (1, 8)],
        series=True,
        **common,
    )
    (single,) = await store.add_once_many(
        guild_id=1, kind="discussion", runs=[(START + timedelta(days=2), {})], **common
    )
    (elsewhere,) = await store.add_once_many(
        guild_id=9, kind="discussion", runs=[(START + timedelta(days=2), {})], **common
    )
    assert (quiz.number, quiz.plan_number) == (1, None)
    assert [(s.plan_number, s.number) for s in plan] == [(1, 1), (1, 2)]
    assert (single.number, single.plan_number) == (1, None)
    assert elsewhere.number == 1
    found = await store.by_number(guild_id=1, kind="discussion", number=2, plan_number=1)
    assert found == plan[1]
    assert await store.by_number(guild_id=1, kind="discussion", number=1) == single
    assert await store.by_number(guild_id=9, kind="quiz", number=1) is None


async def test_sweepers_run_every_tick_and_errors_do_not_stop_others(store: ScheduleStore) -> None:
    """A crashing sweeper is logged and the next one still runs."""
    clock = FakeClock(START)
    runner, _ = make_runner(store, clock)
    seen: list[datetime] = []

    async def broken(now: datetime) -> None:
        raise RuntimeError("boom")

    async def recording(now: datetime) -> None:
        seen.append(now)

    runner.add_sweeper(broken)
    runner.add_sweeper(recording)
    await runner.tick()
    assert seen == [START]


async def add_once_now(store: ScheduleStore, clock: FakeClock) -> Schedule:
    (schedule,) = await store.add_once_many(
        guild_id=1,
        kind="quiz",
        channel_id=2,
        timezone="UTC",
        runs=[(clock.now(), {})],
        created_by=3,
        now=clock.now() - timedelta(seconds=1),
    )
    return schedule


async def test_fire_now_fires_once_and_later_ticks_leave_it(store: ScheduleStore) -> None:
    """A one-off fired on demand is sent, marked done, and never fired again by a tick."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    schedule = await add_once_now(store, clock)
    occurrence = await runner.fire_now(schedule)
    await runner.tick()
    assert occurrence is not None and occurrence.status == "sent"
    assert handler.fired == [occurrence.id]
    assert (await store.get(schedule.id)).status == "done"


async def test_fire_now_after_a_tick_claimed_it_returns_none(store: ScheduleStore) -> None:
    """When a tick already fired the run, firing it on demand does nothing more."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    schedule = await add_once_now(store, clock)
    await runner.tick()
    assert await runner.fire_now(schedule) is None
    assert len(handler.fired) == 1


async def test_fire_now_reports_a_failure_with_its_reason(store: ScheduleStore) -> None:
    """A refused run comes back failed with the handler's reason, and listeners hear of it."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    heard: list[Reason] = []

    async def listener(schedule: Schedule, occurrence: Occurrence, reason: Reason) -> None:
        heard.append(reason)

    runner.on_failure(listener)
    handler.fail_with = missing_permissions("x", ["embed_links"])
    occurrence = await runner.fire_now(await add_once_now(store, clock))
    assert occurrence is not None and occurrence.status == "failed"
    assert occurrence.failure == heard[0] == missing_permissions("x", ["embed_links"])


async def test_deferred_run_is_retried_on_a_later_tick(store: ScheduleStore) -> None:
    """A run that cannot happen yet stays claimed and is made on the next tick."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    schedule = await add_monday_20(store, clock)
    handler.defer_with = "server not delivered yet"
    clock.advance(timedelta(hours=1, seconds=1))
    report = await runner.tick()
    (occurrence,) = await store.occurrences_of(schedule.id)
    assert report.deferred == [occurrence.id] and occurrence.status == "claimed"
    handler.defer_with = None
    clock.advance(timedelta(seconds=30))
    await runner.tick()
    assert handler.fired == [occurrence.id]
    assert (await store.occurrence(occurrence.id)).status == "sent"


async def test_deferred_run_past_grace_is_recorded_missed(store: ScheduleStore) -> None:
    """A run deferred until the grace window has passed is recorded missed, never posted late."""
    clock = FakeClock(START)
    runner, handler = make_runner(store, clock)
    schedule = await add_monday_20(store, clock)
    handler.defer_with = "server not delivered yet"
    clock.advance(timedelta(hours=1, seconds=1))
    await runner.tick()
    clock.advance(timedelta(hours=7))
    await runner.tick()
    (occurrence,) = await store.occurrences_of(schedule.id)
    assert occurrence.status == "missed" and handler.fired == []


async def test_a_plan_after_a_single_discussion_takes_its_own_numbers(store: ScheduleStore) -> None:
    """Discussion 1 exists; a plan's session 1 is plan 1 · session 1, not a second discussion 1."""
    clock = FakeClock(START)
    common = {"channel_id": 2, "timezone": "UTC", "created_by": 3, "now": clock.now()}
    (single,) = await store.add_once_many(
        guild_id=1, kind="discussion", runs=[(START + timedelta(days=1), {})], **common
    )
    plan = await store.add_once_many(
        guild_id=1,
        kind="discussion",
        runs=[(START + timedelta(days=d), {}) for d in (2, 9)],
        series=True,
        **common,
    )
    assert (single.number, single.plan_number) == (1, None)
    assert [(s.plan_number, s.number, s.series_id) for s in plan] == [
        (1, 1, plan[0].id),
        (1, 2, plan[0].id),
    ]
