"""When a schedule is due, computed in the schedule's own time zone so daylight-saving changes
keep "every Monday 20:00" at 20:00 local time.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HHMM = re.compile(r"^\s*(\d{1,2})\s*[:：]\s*(\d{2})\s*$")
_DATETIME = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2})[:：](\d{2})\s*$")


class TimeInputError(ValueError):
    """Input a person typed is not a usable time; `key` names the catalogue message to show."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def parse_hhmm(text: str) -> time:
    match = _HHMM.match(text.translate(_FULLWIDTH_DIGITS))
    if not match:
        raise TimeInputError("time.bad_hhmm")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise TimeInputError("time.bad_hhmm")
    return time(hour, minute)


def parse_local_parts(text: str) -> tuple[date, time]:
    """`YYYY-MM-DD HH:MM` as the wall-clock date and time typed (no zone applied yet)."""
    match = _DATETIME.match(text.translate(_FULLWIDTH_DIGITS))
    if not match:
        raise TimeInputError("time.bad_datetime")
    year, month, day, hour, minute = (int(g) for g in match.groups())
    if hour > 23 or minute > 59:
        raise TimeInputError("time.bad_datetime")
    try:
        local_date = date(year, month, day)
    except ValueError:
        raise TimeInputError("time.impossible_date") from None
    return local_date, time(hour, minute)


def parse_local_datetime(text: str, zone: ZoneInfo) -> datetime:
    """`YYYY-MM-DD HH:MM` in `zone` to an aware UTC datetime (a time skipped by DST moves forward)."""
    local_date, local_time = parse_local_parts(text)
    try:
        return localize(local_date, local_time, zone)
    except OverflowError:  # year 1 or 9999 pushed outside datetime's range by the UTC offset
        raise TimeInputError("time.impossible_date") from None


def localize(local_date: date, local_time: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time.

    In a DST gap the clock's new reading is used: the time is read with the offset in force before
    the jump (PEP 495's fold=0), so 02:30 in a one-hour gap is 03:30 and 02:15 in Lord Howe's
    half-hour gap is 02:45. An ambiguous autumn time is its first (summer-time) occurrence.
    """
    naive = datetime.combine(local_date, local_time)
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC)


def next_weekly(after: datetime, weekday: int, at: time, zone: ZoneInfo) -> datetime:
    """The first weekly run strictly after `after` (UTC)."""
    local_after = after.astimezone(zone)
    start = local_after.date() - timedelta(days=1)
    for offset in range(0, 10):
        day = start + timedelta(days=offset)
        if day.weekday() != weekday:
            continue
        candidate = localize(day, at, zone)
        if candidate > after:
            return candidate
    raise AssertionError("a weekday always recurs within 10 days")


def weekly_runs_between(
    start: datetime, end: datetime, weekday: int, at: time, zone: ZoneInfo, *, limit: int = 60
) -> list[datetime]:
    """Runs in (start, end], oldest first, at most `limit` (the most recent ones are kept)."""
    runs: list[datetime] = []
    cursor = start
    while True:
        run = next_weekly(cursor, weekday, at, zone)
        if run > end:
            break
        runs.append(run)
        cursor = run
    return runs[-limit:]


def to_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def discord_timestamp(moment: datetime, style: str = "F") -> str:
    """`<t:…:F>`: Discord shows it in each reader's own time zone."""
    return f"<t:{int(moment.timestamp())}:{style}>"


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９－：　", "0123456789-: ")
