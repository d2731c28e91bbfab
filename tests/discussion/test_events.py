"""What a session's Discord event says and which state it should be in (no Discord involved), and
what the bot records of it, on a real migrated SQLite file."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.discussion import events
from bot.discussion.reading_units import plan_units
from bot.discussion.starter import Prompt, build_starter
from bot.scheduling.event_store import MAX_FAILURES, EventState, EventStore
from bot.scheduling.refs import ScheduleRef
from bot.scheduling.store import ScheduleStore
from bot.storage.database import open_database
from tests.factories import discussion_article

ARTICLE = discussion_article()
NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
S = EventState


def test_every_section_fits_discords_limits_with_its_marker() -> None:
    """Name ≤100, description ≤1000, location ≤100 for every section, with an absurd channel
    name and a thread link; the marker and the link survive any cut."""
    ref = ScheduleRef(12, 3)
    for unit in plan_units(ARTICLE):
        starter = build_starter(ARTICLE, unit.id)
        text = events.event_text(
            starter,
            ref,
            channel_name="讨" * 300,
            session=12,
            thread_url="https://discord.com/channels/1/2",
        )
        assert 1 <= len(text.name) <= events.NAME_MAX
        assert 1 <= len(text.description) <= events.DESCRIPTION_MAX
        assert 1 <= len(text.location) <= events.LOCATION_MAX
        assert events.has_marker(text.description, ref)
        assert text.description.rstrip().endswith("〔讨论 3.12 · Discussion 3.12〕")
        assert "https://discord.com/channels/1/2" in text.description
        assert text.name.startswith(f"12 · {starter.short}")


def test_huge_prompts_are_cut_and_both_languages_kept() -> None:
    """Prompts far over the limit: whole prompts are dropped or first lines clipped, never the
    marker; each prompt shown has its Chinese and its English line."""
    starter = build_starter(ARTICLE, plan_units(ARTICLE)[0].id)
    long = tuple(Prompt(f"p{i}", "问" * 900 + "\n第二行", "Q" * 900, False) for i in range(8))
    text = events.event_description(dataclasses.replace(starter, prompts=long), ScheduleRef(4))
    assert len(text) <= events.DESCRIPTION_MAX
    assert "第二行" not in text  # first lines only
    assert text.count("💬") >= 1 and text.count("问") > 0 and text.count("Q") > 0
    assert text.endswith("〔讨论 4 · Discussion 4〕")
    assert starter.summary[:10] in text


def test_markers_of_different_sessions_never_match_each_other() -> None:
    one, eleven = events.marker(ScheduleRef(3, 1)), events.marker(ScheduleRef(3, 11))
    assert not events.has_marker(eleven, ScheduleRef(3, 1))
    assert not events.has_marker(one, ScheduleRef(3, 11))
    assert not events.has_marker(events.marker(ScheduleRef(13)), ScheduleRef(3))
    assert not events.has_marker(None, ScheduleRef(3))


@pytest.mark.parametrize(
    ("schedule", "run", "opened", "ends_in", "want"),
    [
        ("active", None, False, HOUR, S.SCHEDULED),
        ("active", "claimed", False, HOUR, S.SCHEDULED),
        ("done", "claimed", False, HOUR, S.SCHEDULED),
        ("done", "sent", True, HOUR, S.ACTIVE),
        ("done", "claimed", True, HOUR, S.ACTIVE),  # recorded, the runner finishes the run next
        ("done", "sent", True, -HOUR, S.COMPLETED),
        ("done", "sent", True, timedelta(0), S.COMPLETED),
        ("cancelled", None, False, HOUR, S.CANCELLED),
        ("done", "failed", False, HOUR, S.CANCELLED),
        ("done", "missed", False, HOUR, S.CANCELLED),
    ],
)
def test_desired_state(
    schedule: str, run: str | None, opened: bool, ends_in: timedelta, want: EventState
) -> None:
    got = events.desired_state(
        schedule_status=schedule, run_status=run, opened=opened, ends_at=NOW + ends_in, now=NOW
    )
    assert got is want


@pytest.mark.parametrize(
    ("have", "want", "steps"),
    [
        (S.SCHEDULED, S.SCHEDULED, []),
        (S.SCHEDULED, S.ACTIVE, [S.ACTIVE]),
        (S.SCHEDULED, S.COMPLETED, [S.ACTIVE, S.COMPLETED]),  # opened while the bot was down
        (S.SCHEDULED, S.CANCELLED, [S.CANCELLED]),
        (S.ACTIVE, S.COMPLETED, [S.COMPLETED]),
        (S.ACTIVE, S.CANCELLED, [S.COMPLETED]),  # Discord cannot cancel an active event
        (S.ACTIVE, S.ACTIVE, []),
        (S.COMPLETED, S.ACTIVE, []),
        (S.CANCELLED, S.SCHEDULED, []),
    ],
)
def test_steps_follow_discords_transitions(
    have: EventState, want: EventState, steps: list[EventState]
) -> None:
    assert events.steps(have, want) == steps


def test_wrapup_has_counts_and_the_next_session_in_both_languages() -> None:
    text = events.wrapup_text(
        messages=42, members=7, next_at=NOW + 7 * 24 * HOUR, next_ref=ScheduleRef(4, 1)
    )
    assert events.is_wrapup(text)
    assert "7 位成员加入，留下 42 条回复" in text
    assert "7 members joined and left 42 replies" in text
    assert "讨论 1.4" in text and "Discussion 1.4" in text
    assert f"<t:{int((NOW + 7 * 24 * HOUR).timestamp())}:F>" in text
    alone = events.wrapup_text(messages=0, members=None)
    assert "? members joined and left 0 replies" in alone and "<t:" not in alone


# -- the store -------------------------------------------------------------------------------------


@pytest.fixture
async def conn(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    async with open_database(tmp_path / "db.sqlite3") as connection:
        yield connection


async def _schedule(conn: aiosqlite.Connection, run_at: datetime) -> int:
    (created,) = await ScheduleStore(conn).add_once_many(
        guild_id=1,
        kind="discussion",
        channel_id=2,
        timezone="Asia/Shanghai",
        runs=[(run_at, {"section_id": "s1"})],
        created_by=3,
        now=NOW,
    )
    return created.id


async def test_row_is_made_once_and_remembers_what_discord_was_told(conn) -> None:
    store = EventStore(conn)
    schedule_id = await _schedule(conn, NOW + HOUR)
    row = await store.ensure(guild_id=1, schedule_id=schedule_id, due_at=NOW + HOUR, now=NOW)
    again = await store.ensure(guild_id=1, schedule_id=schedule_id, due_at=NOW + HOUR, now=NOW)
    assert row == again and row.state is S.NONE and not row.may_exist
    assert await store.schedules_without_row("discussion") == []
    await store.mark_create_sent(row.id, NOW)
    assert (await store.get(row.id)).may_exist
    await store.record(row.id, NOW, state=S.SCHEDULED, event_id=99, start_at=NOW + HOUR)
    row = await store.get(row.id)
    assert (row.event_id, row.state, row.start_at, row.may_exist) == (
        99,
        S.SCHEDULED,
        NOW + HOUR,
        False,
    )
    assert await store.by_event_id(99) == row
    assert [r.id for r in await store.unsettled()] == [row.id]


async def test_refusals_give_up_after_three(conn) -> None:
    store = EventStore(conn)
    schedule_id = await _schedule(conn, NOW + HOUR)
    row = await store.ensure(guild_id=1, schedule_id=schedule_id, due_at=NOW + HOUR, now=NOW)
    counts = [await store.count_failure(row.id, NOW) for _ in range(MAX_FAILURES)]
    assert counts == list(range(1, MAX_FAILURES + 1))
    assert (await store.get(row.id)).state is S.FAILED
    assert await store.unsettled() == []


async def test_moving_a_schedule_moves_its_event_row(conn) -> None:
    store, schedules = EventStore(conn), ScheduleStore(conn)
    schedule_id = await _schedule(conn, NOW + HOUR)
    row = await store.ensure(guild_id=1, schedule_id=schedule_id, due_at=NOW + HOUR, now=NOW)
    moved = await schedules.move(schedule_id, guild_id=1, run_at=NOW + 5 * HOUR)
    assert moved is not None and moved.run_at == NOW + 5 * HOUR
    assert (await store.get(row.id)).due_at == NOW + 5 * HOUR
    assert await schedules.move(schedule_id, guild_id=2, run_at=NOW) is None  # another server
    await schedules.claim(schedule_id, NOW + 5 * HOUR, NOW)
    assert await schedules.move(schedule_id, guild_id=1, run_at=NOW + 9 * HOUR) is None  # ran


async def test_permission_notice_is_claimed_once_until_cleared(conn) -> None:
    store = EventStore(conn)
    assert await store.claim_permission_notice(1, NOW)
    assert not await store.claim_permission_notice(1, NOW)
    assert await store.claim_permission_notice(2, NOW)
    await store.clear_permission_notice(1)
    assert await store.claim_permission_notice(1, NOW)
