"""A weekly quiz's scheduled event as plain data: its texts within Discord's limits, the marker
that tells one week's event from another's, the option's default, and the state it should be in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.quiz import events
from bot.scheduling.event_store import EventState
from bot.scheduling.event_texts import DESCRIPTION_MAX, LOCATION_MAX, NAME_MAX

RUN = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
URL = "https://discord.com/channels/1/2/3"


def test_the_option_is_off_unless_set() -> None:
    assert not events.wants_events({"duration_hours": 24})
    assert not events.wants_events({"event": False})
    assert events.wants_events({"duration_hours": 24, "event": True})


def test_name_has_both_languages_and_the_title_when_it_fits() -> None:
    assert events.event_name() == "每周测验 · Weekly quiz"
    assert events.event_name("日美同盟") == "每周测验 · Weekly quiz · 日美同盟"
    long_title = "长" * 90
    assert events.event_name(long_title) == "每周测验 · Weekly quiz"


@pytest.mark.parametrize("title", [None, "日本国家战略视域中的日美同盟", "长" * 2000])
@pytest.mark.parametrize("post_url", [None, URL])
def test_texts_fit_discords_limits_and_keep_link_and_marker(
    title: str | None, post_url: str | None
) -> None:
    run = events.QuizRun(12, date(2026, 1, 6), "阅读-" * 60, hours=167, article_title=title)
    text = events.event_text(run, post_url)
    assert 1 <= len(text.name) <= NAME_MAX
    assert 1 <= len(text.description) <= DESCRIPTION_MAX
    assert 1 <= len(text.location) <= LOCATION_MAX
    assert events.has_marker(text.description, 12, date(2026, 1, 6))
    assert "167" in text.description and "Weekly quiz" in text.description
    assert (URL in text.description) is (post_url is not None)


def test_each_week_and_schedule_has_its_own_marker() -> None:
    one = events.marker(1, date(2026, 1, 6))
    assert "测验 1" in one and "Quiz 1" in one and "2026-01-06" in one
    assert not events.has_marker(one, 1, date(2026, 1, 13))
    assert not events.has_marker(events.marker(11, date(2026, 1, 6)), 1, date(2026, 1, 6))
    assert not events.has_marker(None, 1, date(2026, 1, 6))


def _state(**given: object) -> EventState:
    values: dict[str, object] = {
        "schedule_status": "active",
        "run_status": None,
        "posted": False,
        "closed": False,
        "ends_at": RUN + 24 * HOUR,
        "now": RUN - HOUR,
    }
    values.update(given)
    return events.desired_state(**values)  # type: ignore[arg-type]


def test_desired_state_through_a_run() -> None:
    assert _state() is EventState.SCHEDULED
    assert _state(run_status="claimed", now=RUN) is EventState.SCHEDULED
    assert _state(run_status="claimed", posted=True, now=RUN) is EventState.ACTIVE
    assert _state(run_status="sent", posted=True, now=RUN + HOUR) is EventState.ACTIVE
    closed_early = _state(run_status="sent", posted=True, closed=True, now=RUN + HOUR)
    assert closed_early is EventState.COMPLETED
    assert _state(run_status="sent", posted=True, now=RUN + 24 * HOUR) is EventState.COMPLETED


@pytest.mark.parametrize(
    ("schedule_status", "run_status"),
    [("cancelled", None), ("active", "missed"), ("active", "failed")],
)
def test_runs_that_did_not_take_place_are_cancelled(
    schedule_status: str, run_status: str | None
) -> None:
    assert _state(schedule_status=schedule_status, run_status=run_status) is EventState.CANCELLED


def test_a_posted_quiz_outlives_its_schedule() -> None:
    """Unscheduling after the post: the quiz stays open, and so does its event until it closes."""
    assert _state(schedule_status="cancelled", run_status="sent", posted=True, now=RUN) is (
        EventState.ACTIVE
    )
