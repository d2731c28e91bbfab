"""Reading-plan dates: one section per session, fixed local time across DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.discussion.plan import build_plan, session_times
from tests.factories import discussion_article

BERLIN = ZoneInfo("Europe/Berlin")


def test_sessions_keep_local_time_across_the_end_of_summer_time() -> None:
    """Weekly 20:00 sessions in Berlin stay at 20:00 local while UTC moves by an hour."""
    runs = session_times(date(2026, 10, 18), time(20, 0), 7, 3, BERLIN)
    assert [r.hour for r in runs] == [18, 19, 19]
    assert all(r.astimezone(BERLIN).strftime("%H:%M") == "20:00" for r in runs)


def test_sessions_step_in_local_days() -> None:
    """Every 3 days means 3 calendar days apart in the guild's zone."""
    runs = session_times(date(2026, 12, 1), time(20, 0), 3, 3, ZoneInfo("Asia/Shanghai"))
    assert runs == [
        datetime(2026, 12, 1, 12, tzinfo=UTC),
        datetime(2026, 12, 4, 12, tzinfo=UTC),
        datetime(2026, 12, 7, 12, tzinfo=UTC),
    ]


def test_a_gap_night_does_not_shift_the_other_sessions() -> None:
    """Only the session on the spring-forward night moves; the next is back at 02:30."""
    runs = session_times(date(2026, 3, 29), time(2, 30), 1, 2, BERLIN)
    assert [r.astimezone(BERLIN).strftime("%d %H:%M") for r in runs] == ["29 03:30", "30 02:30"]


def test_zero_days_apart_is_refused() -> None:
    """A plan needs at least one day between sessions."""
    with pytest.raises(ValueError):
        session_times(date(2026, 12, 1), time(20, 0), 0, 2, BERLIN)


def test_plan_numbers_units_in_order_from_the_chosen_section() -> None:
    """A plan from 二 opens 二·第一, 二·第二, 三（一), 结语 on successive dates."""
    plan = build_plan(
        discussion_article(),
        first_day=date(2026, 12, 1),
        at=time(20, 0),
        every_days=7,
        zone=ZoneInfo("Asia/Shanghai"),
        from_section="s2",
    )
    assert [(s.number, s.section_id) for s in plan] == [
        (1, "s2-p1"),
        (2, "s2-p2"),
        (3, "s3-1"),
        (4, "conclusion"),
    ]
    assert plan[3].run_at == datetime(2026, 12, 22, 12, tzinfo=UTC)
