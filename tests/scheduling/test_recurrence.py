"""Weekly runs and typed dates resolve in the schedule's own zone, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.scheduling.recurrence import (
    TimeInputError,
    localize,
    next_weekly,
    parse_hhmm,
    parse_local_datetime,
    parse_local_parts,
    weekly_runs_between,
)

BERLIN = ZoneInfo("Europe/Berlin")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_next_weekly_in_shanghai() -> None:
    """Monday 20:00 in Shanghai is 12:00 UTC."""
    after = datetime(2026, 11, 27, 0, 0, tzinfo=UTC)  # a Friday
    assert next_weekly(after, 0, time(20, 0), SHANGHAI) == datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def test_next_weekly_is_strictly_after() -> None:
    """A run exactly at `after` is not returned again; the next week's is."""
    run = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    assert next_weekly(run, 0, time(20, 0), SHANGHAI) == datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_weekly_runs_keep_local_time_across_dst() -> None:
    """Sunday 20:00 in Berlin stays 20:00 local across the end of summer time (UTC shifts by 1 h)."""
    start = datetime(2026, 10, 17, 0, 0, tzinfo=UTC)
    end = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)
    runs = weekly_runs_between(start, end, 6, time(20, 0), BERLIN)
    assert [r.hour for r in runs] == [18, 19, 19]  # Oct 18 in CEST; Oct 25 and Nov 1 in CET
    assert all(r.astimezone(BERLIN).hour == 20 for r in runs)


def test_time_in_spring_forward_gap_moves_forward() -> None:
    """02:30 on the night clocks jump from 02:00 to 03:00 becomes 03:30 local."""
    moment = localize(datetime(2026, 3, 29).date(), time(2, 30), BERLIN)
    assert moment.astimezone(BERLIN).hour == 3
    assert moment.astimezone(BERLIN).minute == 30


def test_ambiguous_autumn_time_uses_the_first() -> None:
    """02:30 on the night clocks fall back is the first (summer-time) 02:30."""
    moment = localize(datetime(2026, 10, 25).date(), time(2, 30), BERLIN)
    assert moment == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_parse_local_datetime_accepts_fullwidth_digits() -> None:
    """Dates typed with full-width digits and a Chinese colon are understood."""
    assert parse_local_datetime("２０２６-１２-０１ ２０：００", SHANGHAI) == datetime(
        2026, 12, 1, 12, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("tomorrow at eight", "time.bad_datetime"),
        ("2026-02-30 20:00", "time.impossible_date"),
        ("2026-13-01 20:00", "time.impossible_date"),
        ("2026-12-01 24:00", "time.bad_datetime"),
        ("", "time.bad_datetime"),
    ],
)
def test_bad_datetimes_name_the_problem(text: str, key: str) -> None:
    """Unparseable input and impossible dates raise with a message key for the reply."""
    with pytest.raises(TimeInputError) as caught:
        parse_local_datetime(text, SHANGHAI)
    assert caught.value.key == key


@pytest.mark.parametrize("text", ["25:00", "8pm", "12:60", ""])
def test_bad_hhmm(text: str) -> None:
    """Times that are not HH:MM are refused."""
    with pytest.raises(TimeInputError):
        parse_hhmm(text)


def test_hhmm_accepts_single_digit_hour() -> None:
    """`8:05` is 08:05."""
    assert parse_hhmm("8:05") == time(8, 5)


def test_time_in_half_hour_gap_moves_forward_by_the_gap() -> None:
    """02:15 on Lord Howe's half-hour spring-forward night is 02:45 local, not 03:15."""
    zone = ZoneInfo("Australia/Lord_Howe")
    moment = localize(datetime(2026, 10, 4).date(), time(2, 15), zone)
    assert moment.astimezone(zone).strftime("%H:%M") == "02:45"


def test_time_in_a_skipped_day_keeps_its_clock_reading() -> None:
    """Samoa skipped 30 Dec 2011: noon that day becomes noon on the 31st, not 13:00."""
    zone = ZoneInfo("Pacific/Apia")
    moment = localize(datetime(2011, 12, 30).date(), time(12, 0), zone)
    assert moment.astimezone(zone).strftime("%m-%d %H:%M") == "12-31 12:00"


@pytest.mark.parametrize(
    ("text", "zone"),
    [("0001-01-01 00:00", "Asia/Shanghai"), ("9999-12-31 23:59", "America/New_York")],
)
def test_dates_at_the_edge_of_the_calendar_are_refused_not_crashing(text: str, zone: str) -> None:
    """A year-1 or year-9999 time that leaves datetime's range is an impossible date, not a crash."""
    with pytest.raises(TimeInputError) as caught:
        parse_local_datetime(text, ZoneInfo(zone))
    assert caught.value.key == "time.impossible_date"


def test_parse_local_parts_keeps_the_wall_clock_reading() -> None:
    """The typed date and time come back unchanged, for plans that step in local days."""
    assert parse_local_parts("2026-03-29 02:30") == (
        datetime(2026, 3, 29).date(),
        time(2, 30),
    )
