"""What Discord was last told about each session's scheduled event (migration 0012).

Only Discord's side lives here; what the event *should* be is computed from the schedules,
occurrences and discussions at every sync (`bot.discussion.events.desired_state`), so a crash can
never leave a stale wish behind. The one piece of intent that must survive a crash is
`create_sent_at`: written and committed before a create request goes out, it tells a restarted bot
to look for the event on Discord (by its marker) before creating it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import aiosqlite

from bot.scheduling.recurrence import from_iso, to_iso
from bot.storage.database import transaction

MAX_FAILURES = 3  # consecutive refusals (not 403/404) before the bot stops trying for a session


class EventState(StrEnum):
    NONE = "none"  # no event on Discord (yet)
    SCHEDULED = "scheduled"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    GONE = "gone"  # deleted by hand on Discord: never recreated
    SKIPPED = "skipped"  # never created: the session was over or started before it could be
    FAILED = "failed"  # Discord refused MAX_FAILURES times in a row

    @property
    def final(self) -> bool:
        return self in _FINAL


_FINAL = frozenset(
    {
        EventState.COMPLETED,
        EventState.CANCELLED,
        EventState.GONE,
        EventState.SKIPPED,
        EventState.FAILED,
    }
)

_COLUMNS = (
    "id",
    "guild_id",
    "schedule_id",
    "due_at",
    "event_id",
    "state",
    "start_at",
    "end_at",
    "thread_id",
    "create_sent_at",
    "failures",
)
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM schedule_events"  # noqa: S608 - constant


@dataclass(frozen=True, slots=True)
class SessionEvent:
    id: int
    guild_id: int
    schedule_id: int
    due_at: datetime
    event_id: int | None
    state: EventState
    start_at: datetime | None
    end_at: datetime | None
    thread_id: int | None
    create_sent_at: datetime | None
    failures: int

    @property
    def may_exist(self) -> bool:
        """A create request may have reached Discord although no id was recorded."""
        return self.event_id is None and self.create_sent_at is not None


def _row(row: aiosqlite.Row) -> SessionEvent:
    values: dict[str, Any] = dict(zip(_COLUMNS, row, strict=True))
    for name in ("due_at", "start_at", "end_at", "create_sent_at"):
        values[name] = from_iso(values[name]) if values[name] else None
    values["state"] = EventState(values["state"])
    return SessionEvent(**values)


class EventStore:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def ensure(
        self, *, guild_id: int, schedule_id: int, due_at: datetime, now: datetime
    ) -> SessionEvent:
        """The row of this session, created (state none) if it has none."""
        async with transaction(self._conn):
            await self._conn.execute(
                "INSERT INTO schedule_events (guild_id, schedule_id, due_at, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (schedule_id, due_at) DO NOTHING",
                (guild_id, schedule_id, to_iso(due_at), to_iso(now)),
            )
        found = await self.find(schedule_id, due_at)
        assert found is not None
        return found

    async def find(self, schedule_id: int, due_at: datetime) -> SessionEvent | None:
        async with self._conn.execute(
            _SELECT + " WHERE schedule_id = ? AND due_at = ?", (schedule_id, to_iso(due_at))
        ) as cursor:
            row = await cursor.fetchone()
        return _row(row) if row else None

    async def get(self, row_id: int) -> SessionEvent:
        async with self._conn.execute(_SELECT + " WHERE id = ?", (row_id,)) as cursor:
            row = await cursor.fetchone()
        if row is None:
            raise KeyError(row_id)
        return _row(row)

    async def of_schedule(self, schedule_id: int) -> list[SessionEvent]:
        async with self._conn.execute(
            _SELECT + " WHERE schedule_id = ? ORDER BY due_at", (schedule_id,)
        ) as cursor:
            rows = await cursor.fetchall()
        return [_row(r) for r in rows]

    async def unsettled(self) -> list[SessionEvent]:
        """Rows whose event may still need a request (not in a final state)."""
        final = tuple(s.value for s in EventState if s.final)
        marks = ", ".join("?" for _ in final)
        async with self._conn.execute(
            _SELECT + f" WHERE state NOT IN ({marks}) ORDER BY due_at, id",
            final,
        ) as cursor:
            rows = await cursor.fetchall()
        return [_row(r) for r in rows]

    async def schedules_without_row(self, kind: str) -> list[int]:
        """Active one-off schedules of `kind` that have no event row yet (created before this
        version, or a crash between storing the schedule and its row)."""
        async with self._conn.execute(
            "SELECT s.id FROM schedules AS s WHERE s.kind = ? AND s.status = 'active'"
            " AND s.run_at IS NOT NULL AND NOT EXISTS ("
            "  SELECT 1 FROM schedule_events AS e WHERE e.schedule_id = s.id)"
            " ORDER BY s.id",
            (kind,),
        ) as cursor:
            rows = await cursor.fetchall()
        return [int(r[0]) for r in rows]

    async def by_event_id(self, event_id: int) -> SessionEvent | None:
        async with self._conn.execute(_SELECT + " WHERE event_id = ?", (event_id,)) as cursor:
            row = await cursor.fetchone()
        return _row(row) if row else None

    # -- what Discord was told ----------------------------------------------------------------

    async def mark_create_sent(self, row_id: int, now: datetime) -> None:
        """Committed before the create request: the intent a restarted bot resolves."""
        await self._update(row_id, now, create_sent_at=to_iso(now))

    async def record(
        self,
        row_id: int,
        now: datetime,
        *,
        state: EventState,
        event_id: int | None = None,
        start_at: datetime | None = None,
        end_at: datetime | None = None,
        thread_id: int | None = None,
    ) -> None:
        """Discord accepted (or was found to have) this: the failure count starts again."""
        values: dict[str, Any] = {"state": state.value, "failures": 0}
        if event_id is not None:
            values["event_id"] = event_id
        if start_at is not None:
            values["start_at"] = to_iso(start_at)
        if end_at is not None:
            values["end_at"] = to_iso(end_at)
        if thread_id is not None:
            values["thread_id"] = thread_id
        await self._update(row_id, now, **values)

    async def forget_attempt(self, row_id: int, now: datetime) -> None:
        """The create request is known not to have made an event (nothing found on Discord)."""
        await self._update(row_id, now, create_sent_at=None)

    async def count_failure(self, row_id: int, now: datetime) -> int:
        """One more refusal; at MAX_FAILURES the row is given up (state failed). Returns the count."""
        async with transaction(self._conn):
            cursor = await self._conn.execute(
                "UPDATE schedule_events SET failures = failures + 1, updated_at = ?,"
                " state = CASE WHEN failures + 1 >= ? THEN 'failed' ELSE state END"
                " WHERE id = ? RETURNING failures",
                (to_iso(now), MAX_FAILURES, row_id),
            )
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def _update(self, row_id: int, now: datetime, **values: Any) -> None:
        allowed = set(_COLUMNS) - {"id", "guild_id", "schedule_id"}
        assert set(values) <= allowed, values
        assignments = ", ".join(f"{name} = ?" for name in values)
        async with transaction(self._conn):
            await self._conn.execute(
                f"UPDATE schedule_events SET {assignments}, updated_at = ? WHERE id = ?",  # noqa: S608 - names checked above
                (*values.values(), to_iso(now), row_id),
            )

    # -- the Create Events notice ------------------------------------------------------------

    async def claim_permission_notice(self, guild_id: int, now: datetime) -> bool:
        """True once per loss of the permission: the caller tells the server; False if told."""
        async with transaction(self._conn):
            cursor = await self._conn.execute(
                "INSERT INTO event_permission_notices (guild_id, noticed_at) VALUES (?, ?)"
                " ON CONFLICT (guild_id) DO NOTHING RETURNING guild_id",
                (guild_id, to_iso(now)),
            )
            row = await cursor.fetchone()
        return row is not None

    async def clear_permission_notice(self, guild_id: int) -> None:
        """The permission is there again: losing it later is told again."""
        async with transaction(self._conn):
            await self._conn.execute(
                "DELETE FROM event_permission_notices WHERE guild_id = ?", (guild_id,)
            )
