"""A reading plan's dates: one session every N days at the same wall-clock time in the guild's
zone, so a plan that crosses a daylight-saving change still meets at 20:00 local.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.content.model import Article
from bot.discussion.reading_units import units_from
from bot.scheduling.recurrence import localize

MAX_EVERY_DAYS = 60
MAX_ACTIVE_SCHEDULES = 100  # per guild: a whole-article plan is about a dozen
MAX_DAYS_AHEAD = 366  # further out is almost always a typo in the year


@dataclass(frozen=True, slots=True)
class PlannedSession:
    number: int  # 1-based within the plan
    section_id: str
    run_at: datetime  # UTC


def session_times(
    first_day: date, at: time, every_days: int, count: int, zone: ZoneInfo
) -> list[datetime]:
    """UTC instants of `count` sessions from `first_day`, `every_days` apart in local dates.

    Each date is localized on its own (not first instant + N × 24 h), which is what keeps the
    local time fixed across DST changes.
    """
    if every_days < 1:
        raise ValueError("every_days must be at least 1")
    return [localize(first_day + timedelta(days=i * every_days), at, zone) for i in range(count)]


def build_plan(
    article: Article,
    *,
    first_day: date,
    at: time,
    every_days: int,
    zone: ZoneInfo,
    from_section: str | None = None,
) -> list[PlannedSession]:
    """The sessions of a plan over the article (see `sections.plan_units` for which sections)."""
    units = units_from(article, from_section)
    times = session_times(first_day, at, every_days, len(units), zone)
    return [
        PlannedSession(number, unit.id, run_at)
        for number, (unit, run_at) in enumerate(zip(units, times, strict=True), start=1)
    ]
