"""Opened discussions and per-guild thread settings in SQLite (migration 0005).

The quiz asks `current_section` which section the group is discussing, to prefer its questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.scheduling.recurrence import from_iso, to_iso
from bot.storage.database import transaction

ARCHIVE_DURATIONS = (60, 1440, 4320, 10080)  # minutes: the only values Discord accepts
DEFAULT_ARCHIVE_MINUTES = 10080  # one week: a discussion stays visible until the next session
CURRENT_WINDOW = timedelta(days=14)

_COLUMNS = (
    "id, guild_id, channel_id, article_slug, section_id, message_id, thread_id, occurrence_id,"
    " schedule_id, series_id, opened_by, opened_at, ends_at, wrapup_at, wrapup_message_id"
)
_NAMES = tuple(name.strip() for name in _COLUMNS.split(","))


@dataclass(frozen=True, slots=True)
class OpenedDiscussion:
    id: int
    guild_id: int
    channel_id: int
    article_slug: str
    section_id: str
    message_id: int
    thread_id: int | None
    occurrence_id: int | None
    schedule_id: int | None
    series_id: int | None
    opened_by: int | None
    opened_at: datetime
    # migration 0012: when the discussion's window ends (None before that version), and its
    # wrap-up: intent (wrapup_at) then the message (0: nothing could be posted, not retried)
    ends_at: datetime | None = None
    wrapup_at: datetime | None = None
    wrapup_message_id: int | None = None


def _row(row: aiosqlite.Row) -> OpenedDiscussion:
    """A row of `_COLUMNS`, read by column name: `_NAMES` is the one place that knows the order."""
    values = dict(zip(_NAMES, row, strict=True))
    for name in ("opened_at", "ends_at", "wrapup_at"):
        values[name] = from_iso(values[name]) if values[name] else None
    return OpenedDiscussion(**values)


class DiscussionStore:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def record_opened(
        self,
        *,
        guild_id: int,
        channel_id: int,
        article_slug: str,
        section_id: str,
        message_id: int,
        thread_id: int | None,
        occurrence_id: int | None,
        schedule_id: int | None,
        series_id: int | None,
        opened_by: int | None,
        opened_at: datetime,
        ends_at: datetime | None = None,
    ) -> OpenedDiscussion:
        """Record (or, for the same occurrence, update) an opened discussion; `ends_at` is when
        its window ends (the wrap-up and the event's completion)."""
        async with transaction(self._conn):
            cursor = await self._conn.execute(
                "INSERT INTO discussions (guild_id, channel_id, article_slug, section_id,"
                " message_id, thread_id, occurrence_id, schedule_id, series_id, opened_by,"
                " opened_at, ends_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (occurrence_id) DO UPDATE SET message_id = excluded.message_id,"
                " thread_id = excluded.thread_id,"
                " ends_at = COALESCE(discussions.ends_at, excluded.ends_at) RETURNING id",
                (
                    guild_id,
                    channel_id,
                    article_slug,
                    section_id,
                    message_id,
                    thread_id,
                    occurrence_id,
                    schedule_id,
                    series_id,
                    opened_by,
                    to_iso(opened_at),
                    to_iso(ends_at) if ends_at is not None else None,
                ),
            )
            row = await cursor.fetchone()
        assert row is not None
        found = await self.get(row[0])
        assert found is not None
        return found

    async def get(self, discussion_id: int) -> OpenedDiscussion | None:
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM discussions WHERE id = ?",  # noqa: S608 - constant columns
            (discussion_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return _row(row) if row else None

    async def by_occurrence(self, occurrence_id: int) -> OpenedDiscussion | None:
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM discussions WHERE occurrence_id = ?",  # noqa: S608
            (occurrence_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return _row(row) if row else None

    async def recent(self, guild_id: int, *, limit: int = 10) -> list[OpenedDiscussion]:
        """The guild's latest discussions, newest first."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM discussions WHERE guild_id = ?"  # noqa: S608
            " ORDER BY opened_at DESC, id DESC LIMIT ?",
            (guild_id, limit),
        ) as cursor:
            rows = await cursor.fetchall()
        return [_row(r) for r in rows]

    async def current_section(self, guild_id: int, now: datetime) -> str | None:
        """The section the guild is discussing: that of the latest discussion opened in the last
        14 days, else that of the latest opened session of a reading plan still under way.
        """
        async with self._conn.execute(
            "SELECT section_id FROM discussions WHERE guild_id = ? AND opened_at > ?"
            " AND opened_at <= ? ORDER BY opened_at DESC, id DESC LIMIT 1",
            (guild_id, to_iso(now - CURRENT_WINDOW), to_iso(now)),
        ) as cursor:
            row = await cursor.fetchone()
        if row is not None:
            return str(row[0])
        async with self._conn.execute(
            "SELECT d.section_id FROM discussions AS d WHERE d.guild_id = ?"
            " AND d.series_id IS NOT NULL AND d.opened_at <= ? AND EXISTS ("
            "  SELECT 1 FROM schedules AS s WHERE s.series_id = d.series_id"
            "  AND s.guild_id = d.guild_id AND s.kind = 'discussion' AND s.status = 'active')"
            " ORDER BY d.opened_at DESC, d.id DESC LIMIT 1",
            (guild_id, to_iso(now)),
        ) as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row is not None else None

    # -- the wrap-up ------------------------------------------------------------------------------

    async def due_wrapups(self, now: datetime, since: datetime) -> list[OpenedDiscussion]:
        """Discussions whose window ended between `since` and `now` and are not wrapped up yet
        (older ones are left alone: a wrap-up days late in an old thread helps nobody)."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM discussions WHERE thread_id IS NOT NULL"  # noqa: S608
            " AND wrapup_message_id IS NULL AND ends_at IS NOT NULL AND ends_at <= ?"
            " AND ends_at > ? ORDER BY ends_at, id",
            (to_iso(now), to_iso(since)),
        ) as cursor:
            rows = await cursor.fetchall()
        return [_row(r) for r in rows]

    async def mark_wrapup_intent(self, discussion_id: int, now: datetime) -> None:
        """Committed before the wrap-up is sent: a restarted bot looks for it in the thread."""
        async with transaction(self._conn):
            await self._conn.execute(
                "UPDATE discussions SET wrapup_at = ? WHERE id = ? AND wrapup_at IS NULL",
                (to_iso(now), discussion_id),
            )

    async def record_wrapup(self, discussion_id: int, message_id: int) -> None:
        async with transaction(self._conn):
            await self._conn.execute(
                "UPDATE discussions SET wrapup_message_id = ? WHERE id = ?",
                (message_id, discussion_id),
            )

    # -- settings ----------------------------------------------------------------------------

    async def archive_minutes(self, guild_id: int) -> int:
        async with self._conn.execute(
            "SELECT auto_archive_minutes FROM discussion_settings WHERE guild_id = ?",
            (guild_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else DEFAULT_ARCHIVE_MINUTES

    async def set_archive_minutes(self, guild_id: int, minutes: int, now: datetime) -> None:
        if minutes not in ARCHIVE_DURATIONS:
            raise ValueError(f"auto-archive must be one of {ARCHIVE_DURATIONS}, not {minutes}")
        async with transaction(self._conn):
            await self._conn.execute(
                "INSERT INTO discussion_settings (guild_id, auto_archive_minutes, updated_at)"
                " VALUES (?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
                " auto_archive_minutes = excluded.auto_archive_minutes,"
                " updated_at = excluded.updated_at",
                (guild_id, minutes, to_iso(now)),
            )
