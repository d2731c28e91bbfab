"""Schedules and occurrences in SQLite. All writes are parameterised and transactional."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite

from bot.scheduling.reasons import Reason
from bot.scheduling.recurrence import from_iso, next_weekly, to_iso
from bot.storage.database import transaction


@dataclass(frozen=True, slots=True)
class Schedule:
    id: int
    guild_id: int
    kind: str
    channel_id: int
    timezone: str
    weekday: int | None
    local_time: str | None
    run_at: datetime | None
    payload: dict[str, Any]
    series_id: int | None
    status: str
    created_by: int
    created_at: datetime
    # What people call it (migration 0006): a reading plan's sessions share `plan_number` and
    # count 1, 2, 3… in `number`; any other schedule is number N of its kind in its server.
    number: int
    plan_number: int | None = None

    @property
    def in_plan(self) -> bool:
        return self.plan_number is not None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_weekly(self) -> bool:
        return self.weekday is not None

    def at_time(self) -> time:
        assert self.local_time is not None
        hour, minute = self.local_time.split(":")
        return time(int(hour), int(minute))

    def next_run_after(self, moment: datetime) -> datetime | None:
        if self.status != "active":
            return None
        if self.weekday is not None:
            return next_weekly(moment, self.weekday, self.at_time(), self.zone)
        assert self.run_at is not None
        return self.run_at if self.run_at > moment else None


@dataclass(frozen=True, slots=True)
class Occurrence:
    id: int
    schedule_id: int
    due_at: datetime
    status: str
    claimed_at: datetime
    finished_at: datetime | None = None
    result: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None  # English, for logs
    failure: Reason | None = None  # what moderators are told, in their language


_SCHEDULE_COLUMNS = (
    "id, guild_id, kind, channel_id, timezone, weekday, local_time, run_at, payload, series_id,"
    " status, created_by, created_at, number, plan_number"
)
_OCCURRENCE_COLUMNS = (
    "id, schedule_id, due_at, status, claimed_at, finished_at, result, reason, reason_code,"
    " reason_details"
)


def _schedule(row: Any) -> Schedule:
    return Schedule(
        id=row[0],
        guild_id=row[1],
        kind=row[2],
        channel_id=row[3],
        timezone=row[4],
        weekday=row[5],
        local_time=row[6],
        run_at=from_iso(row[7]) if row[7] else None,
        payload=json.loads(row[8] or "{}"),
        series_id=row[9],
        status=row[10],
        created_by=row[11],
        created_at=from_iso(row[12]),
        number=row[13],
        plan_number=row[14],
    )


def _occurrence(row: Any) -> Occurrence:
    return Occurrence(
        id=row[0],
        schedule_id=row[1],
        due_at=from_iso(row[2]),
        status=row[3],
        claimed_at=from_iso(row[4]),
        finished_at=from_iso(row[5]) if row[5] else None,
        result=json.loads(row[6]) if row[6] else {},
        reason=row[7],
        failure=Reason.stored(row[8], row[9]),
    )


def _reason_columns(reason: Reason | None) -> tuple[str | None, str | None, str | None]:
    if reason is None:
        return None, None, None
    return reason.text, reason.code.value, reason.details_json()


_PENDING_SERIES = -1  # replaced by the first row's id in the same transaction


class ScheduleStore:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    # -- schedules ---------------------------------------------------------------------------

    async def add_weekly(
        self,
        *,
        guild_id: int,
        kind: str,
        channel_id: int,
        timezone: str,
        weekday: int,
        local_time: time,
        payload: dict[str, Any],
        created_by: int,
        now: datetime,
    ) -> Schedule:
        async with transaction(self._conn):
            number = await self._next_single_number(guild_id, kind)
            cursor = await self._conn.execute(
                "INSERT INTO schedules (guild_id, kind, channel_id, timezone, weekday, local_time,"
                " payload, created_by, created_at, number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    guild_id,
                    kind,
                    channel_id,
                    timezone,
                    weekday,
                    local_time.strftime("%H:%M"),
                    json.dumps(payload, ensure_ascii=False),
                    created_by,
                    to_iso(now),
                    number,
                ),
            )
            schedule_id = cursor.lastrowid
        assert schedule_id is not None
        return await self.get(schedule_id)

    async def add_once_many(
        self,
        *,
        guild_id: int,
        kind: str,
        channel_id: int,
        timezone: str,
        runs: list[tuple[datetime, dict[str, Any]]],
        created_by: int,
        now: datetime,
        series: bool = False,
    ) -> list[Schedule]:
        """One-off schedules created together (a reading plan is one series: all or none).

        A series is numbered as a plan (the server's next plan number, sessions 1, 2, 3…);
        single schedules take the next numbers of their kind.
        """
        ids: list[int] = []
        async with transaction(self._conn):
            series_id: int | None = None
            plan_number = await self._next_plan_number(guild_id) if series else None
            single_number = await self._next_single_number(guild_id, kind)
            for index, (run_at, payload) in enumerate(runs):
                number = index + 1 if series else single_number + index
                cursor = await self._conn.execute(
                    "INSERT INTO schedules (guild_id, kind, channel_id, timezone, run_at, payload,"
                    " series_id, created_by, created_at, number, plan_number)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        guild_id,
                        kind,
                        channel_id,
                        timezone,
                        to_iso(run_at),
                        json.dumps(payload, ensure_ascii=False),
                        # a plan's first row is in the plan before it knows its own id: never
                        # NULL, or it would take the single-schedule number of its position
                        series_id if series_id is not None or not series else _PENDING_SERIES,
                        created_by,
                        to_iso(now),
                        number,
                        plan_number,
                    ),
                )
                assert cursor.lastrowid is not None
                ids.append(cursor.lastrowid)
                if series and series_id is None:
                    series_id = cursor.lastrowid
                    await self._conn.execute(
                        "UPDATE schedules SET series_id = ? WHERE id = ?", (series_id, series_id)
                    )
        return [await self.get(i) for i in ids]

    async def _next_single_number(self, guild_id: int, kind: str) -> int:
        async with self._conn.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM schedules"
            " WHERE guild_id = ? AND kind = ? AND series_id IS NULL",
            (guild_id, kind),
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None
        return int(row[0])

    async def _next_plan_number(self, guild_id: int) -> int:
        async with self._conn.execute(
            "SELECT COALESCE(MAX(plan_number), 0) + 1 FROM schedules WHERE guild_id = ?",
            (guild_id,),
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None
        return int(row[0])

    async def get(self, schedule_id: int) -> Schedule:
        found = await self.find(schedule_id)
        if found is None:
            raise KeyError(schedule_id)
        return found

    async def find(self, schedule_id: int, *, guild_id: int | None = None) -> Schedule | None:
        query = f"SELECT {_SCHEDULE_COLUMNS} FROM schedules WHERE id = ?"  # noqa: S608 - constant
        params: tuple[Any, ...] = (schedule_id,)
        if guild_id is not None:
            query += " AND guild_id = ?"
            params += (guild_id,)
        async with self._conn.execute(query, params) as cursor:
            row = await cursor.fetchone()
        return _schedule(row) if row else None

    async def active(
        self, *, guild_id: int | None = None, kind: str | None = None
    ) -> list[Schedule]:
        query = f"SELECT {_SCHEDULE_COLUMNS} FROM schedules WHERE status = 'active'"  # noqa: S608
        params: list[Any] = []
        if guild_id is not None:
            query += " AND guild_id = ?"
            params.append(guild_id)
        if kind is not None:
            query += " AND kind = ?"
            params.append(kind)
        query += " ORDER BY id"
        async with self._conn.execute(query, params) as cursor:
            rows = await cursor.fetchall()
        return [_schedule(r) for r in rows]

    async def series(self, series_id: int) -> list[Schedule]:
        async with self._conn.execute(
            f"SELECT {_SCHEDULE_COLUMNS} FROM schedules WHERE series_id = ? ORDER BY id",  # noqa: S608
            (series_id,),
        ) as cursor:
            rows = await cursor.fetchall()
        return [_schedule(r) for r in rows]

    async def by_number(
        self, *, guild_id: int, kind: str, number: int, plan_number: int | None = None
    ) -> Schedule | None:
        """The schedule people call "discussion 4" (plan_number None) or "plan 1, session 3"."""
        params: tuple[Any, ...]
        if plan_number is None:
            where, params = "series_id IS NULL AND kind = ? AND number = ?", (kind, number)
        else:
            where, params = (
                "kind = ? AND plan_number = ? AND number = ?",
                (kind, plan_number, number),
            )
        async with self._conn.execute(
            f"SELECT {_SCHEDULE_COLUMNS} FROM schedules WHERE guild_id = ? AND {where}",  # noqa: S608 - constant
            (guild_id, *params),
        ) as cursor:
            row = await cursor.fetchone()
        return _schedule(row) if row else None

    async def plan(self, *, guild_id: int, plan_number: int) -> list[Schedule]:
        """Every session of one reading plan, in order, whatever their status."""
        async with self._conn.execute(
            f"SELECT {_SCHEDULE_COLUMNS} FROM schedules WHERE guild_id = ?"  # noqa: S608 - constant
            " AND plan_number = ? ORDER BY number",
            (guild_id, plan_number),
        ) as cursor:
            rows = await cursor.fetchall()
        return [_schedule(r) for r in rows]

    async def cancel(self, schedule_id: int, *, guild_id: int, kind: str | None = None) -> bool:
        """Cancel exactly this schedule (never its plan's other sessions); False if not active."""
        query = "UPDATE schedules SET status = 'cancelled' WHERE id = ? AND guild_id = ?"
        params: tuple[Any, ...] = (schedule_id, guild_id)
        if kind is not None:
            query += " AND kind = ?"
            params += (kind,)
        async with transaction(self._conn):
            cursor = await self._conn.execute(query + " AND status = 'active' RETURNING id", params)
            rows = await cursor.fetchall()
        return bool(rows)

    async def move(self, schedule_id: int, *, guild_id: int, run_at: datetime) -> Schedule | None:
        """Give a one-off schedule that has not run yet a new time; None if it is not active
        (or has run). Its scheduled event's row moves with it in the same transaction, so the
        event is edited, never created again, whatever happens after."""
        async with transaction(self._conn):
            cursor = await self._conn.execute(
                "SELECT run_at FROM schedules WHERE id = ? AND guild_id = ? AND status = 'active'"
                " AND run_at IS NOT NULL AND NOT EXISTS ("
                "  SELECT 1 FROM occurrences WHERE schedule_id = schedules.id)",
                (schedule_id, guild_id),
            )
            row = await cursor.fetchone()
            if row is None:
                return None
            await self._conn.execute(
                "UPDATE schedules SET run_at = ? WHERE id = ?", (to_iso(run_at), schedule_id)
            )
            await self._conn.execute(
                "UPDATE schedule_events SET due_at = ? WHERE schedule_id = ? AND due_at = ?",
                (to_iso(run_at), schedule_id, row[0]),
            )
        return await self.get(schedule_id)

    async def cancel_plan(self, *, guild_id: int, plan_number: int) -> list[Schedule]:
        """Cancel every session of a plan still to come; returns them (as they were)."""
        pending = [
            s
            for s in await self.plan(guild_id=guild_id, plan_number=plan_number)
            if s.status == "active"
        ]
        if not pending:
            return []
        async with transaction(self._conn):
            await self._conn.executemany(
                "UPDATE schedules SET status = 'cancelled' WHERE id = ? AND status = 'active'",
                [(s.id,) for s in pending],
            )
        return pending

    async def mark_done(self, schedule_id: int) -> None:
        await self._conn.execute(
            "UPDATE schedules SET status = 'done' WHERE id = ? AND status = 'active'",
            (schedule_id,),
        )

    # -- occurrences -------------------------------------------------------------------------

    async def last_due(self, schedule_id: int) -> datetime | None:
        async with self._conn.execute(
            "SELECT MAX(due_at) FROM occurrences WHERE schedule_id = ?", (schedule_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return from_iso(row[0]) if row and row[0] else None

    async def claim(
        self,
        schedule_id: int,
        due_at: datetime,
        now: datetime,
        *,
        status: str = "claimed",
        reason: Reason | None = None,
    ) -> Occurrence | None:
        """Insert the occurrence row; None when another run already claimed it (never fire twice)."""
        async with transaction(self._conn):
            cursor = await self._conn.execute(
                "INSERT INTO occurrences (schedule_id, due_at, status, claimed_at, finished_at,"
                " reason, reason_code, reason_details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (schedule_id, due_at) DO NOTHING RETURNING id",
                (
                    schedule_id,
                    to_iso(due_at),
                    status,
                    to_iso(now),
                    to_iso(now) if status != "claimed" else None,
                    *_reason_columns(reason),
                ),
            )
            row = await cursor.fetchone()
        if row is None:
            return None
        return await self.occurrence(row[0])

    async def occurrence(self, occurrence_id: int) -> Occurrence:
        async with self._conn.execute(
            f"SELECT {_OCCURRENCE_COLUMNS} FROM occurrences WHERE id = ?",  # noqa: S608
            (occurrence_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            raise KeyError(occurrence_id)
        return _occurrence(row)

    async def occurrence_at(self, schedule_id: int, due_at: datetime) -> Occurrence | None:
        """The run of `schedule_id` due at `due_at`, None before it was claimed."""
        async with self._conn.execute(
            f"SELECT {_OCCURRENCE_COLUMNS} FROM occurrences"  # noqa: S608 - constant
            " WHERE schedule_id = ? AND due_at = ?",
            (schedule_id, to_iso(due_at)),
        ) as cursor:
            row = await cursor.fetchone()
        return _occurrence(row) if row else None

    async def unfinished(self) -> list[Occurrence]:
        async with self._conn.execute(
            f"SELECT {_OCCURRENCE_COLUMNS} FROM occurrences WHERE status = 'claimed' ORDER BY id"  # noqa: S608
        ) as cursor:
            rows = await cursor.fetchall()
        return [_occurrence(r) for r in rows]

    async def occurrences_of(self, schedule_id: int) -> list[Occurrence]:
        async with self._conn.execute(
            f"SELECT {_OCCURRENCE_COLUMNS} FROM occurrences WHERE schedule_id = ? ORDER BY due_at",  # noqa: S608
            (schedule_id,),
        ) as cursor:
            rows = await cursor.fetchall()
        return [_occurrence(r) for r in rows]

    async def finish(
        self,
        occurrence_id: int,
        status: str,
        now: datetime,
        *,
        result: dict[str, Any] | None = None,
        reason: Reason | None = None,
    ) -> None:
        async with transaction(self._conn):
            await self._conn.execute(
                "UPDATE occurrences SET status = ?, finished_at = ?, result = ?, reason = ?,"
                " reason_code = ?, reason_details = ? WHERE id = ? AND status = 'claimed'",
                (
                    status,
                    to_iso(now),
                    json.dumps(result, ensure_ascii=False) if result is not None else None,
                    *_reason_columns(reason),
                    occurrence_id,
                ),
            )
