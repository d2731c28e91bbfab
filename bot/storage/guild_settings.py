"""Per-guild settings (time zone, moderator role, log channel, announcement role…), with the host's
defaults behind them."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import aiosqlite

from bot.clock import Clock
from bot.storage.database import transaction

_COLUMNS = {
    "timezone",
    "moderator_role_id",
    "log_channel_id",
    "lookup_channel_id",
    "current_article",
    "announce_role_id",
    "announce_role_warned_at",
}
_READ = (
    "timezone, moderator_role_id, log_channel_id, lookup_channel_id, current_article,"
    " announce_role_id, announce_role_warned_at"
)


@dataclass(frozen=True, slots=True)
class GuildSettings:
    guild_id: int
    timezone: str
    moderator_role_id: int | None
    log_channel_id: int | None
    # where /excerpt, /section, /fact, /outline and /about answer publicly (elsewhere privately)
    lookup_channel_id: int | None = None
    current_article: str | None = None  # slug chosen with /config article; None: the default
    # the role quiz posts and discussion openings mention (/config announce-role); None: no ping
    announce_role_id: int | None = None
    # the log channel was told the role can no longer be pinged (said once, see announcement)
    announce_role_warned: bool = False

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class GuildSettingsStore:
    def __init__(self, conn: aiosqlite.Connection, clock: Clock, default_timezone: str) -> None:
        self._conn = conn
        self._clock = clock
        self._default_timezone = default_timezone

    async def get(self, guild_id: int) -> GuildSettings:
        async with self._conn.execute(
            f"SELECT {_READ} FROM guild_settings WHERE guild_id = ?",  # noqa: S608 - constant
            (guild_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return GuildSettings(guild_id, self._default_timezone, None, None)
        return GuildSettings(
            guild_id,
            timezone=row["timezone"] or self._default_timezone,
            moderator_role_id=row["moderator_role_id"],
            log_channel_id=row["log_channel_id"],
            lookup_channel_id=row["lookup_channel_id"],
            current_article=row["current_article"],
            announce_role_id=row["announce_role_id"],
            announce_role_warned=row["announce_role_warned_at"] is not None,
        )

    async def moderator_role(self, guild_id: int) -> int | None:
        return (await self.get(guild_id)).moderator_role_id

    async def timezone(self, guild_id: int | None) -> ZoneInfo:
        if guild_id is None:
            return ZoneInfo(self._default_timezone)
        return (await self.get(guild_id)).zone

    async def set_timezone(self, guild_id: int, name: str) -> None:
        ZoneInfo(name)  # raises for unknown names before anything is written
        await self._set(guild_id, "timezone", name)

    async def set_moderator_role(self, guild_id: int, role_id: int | None) -> None:
        await self._set(guild_id, "moderator_role_id", role_id)

    async def set_log_channel(self, guild_id: int, channel_id: int | None) -> None:
        await self._set(guild_id, "log_channel_id", channel_id)

    async def set_lookup_channel(self, guild_id: int, channel_id: int | None) -> None:
        await self._set(guild_id, "lookup_channel_id", channel_id)

    async def set_current_article(self, guild_id: int, slug: str | None) -> None:
        await self._set(guild_id, "current_article", slug)

    async def set_announce_role(self, guild_id: int, role_id: int | None) -> None:
        """A new choice (or none) starts fresh: a warning about the old role is forgotten."""
        async with transaction(self._conn):
            await self._upsert(guild_id, "announce_role_id", role_id)
            await self._upsert(guild_id, "announce_role_warned_at", None)

    async def announce_role_warning_due(self, guild_id: int) -> bool:
        """True once per problem: the first caller marks the warning as given (the log channel is
        told a role can no longer be pinged once, not at every post)."""
        now = self._clock.now().isoformat()
        async with transaction(self._conn):
            cursor = await self._conn.execute(
                "UPDATE guild_settings SET announce_role_warned_at = ?, updated_at = ?"
                " WHERE guild_id = ? AND announce_role_warned_at IS NULL",
                (now, now, guild_id),
            )
            return cursor.rowcount > 0

    async def announce_role_works(self, guild_id: int) -> None:
        """The role could be pinged again: a later problem is worth a new warning."""
        async with transaction(self._conn):
            await self._conn.execute(
                "UPDATE guild_settings SET announce_role_warned_at = NULL"
                " WHERE guild_id = ? AND announce_role_warned_at IS NOT NULL",
                (guild_id,),
            )

    async def chosen_article(self, guild_id: int | None) -> str | None:
        if guild_id is None:
            return None
        return (await self.get(guild_id)).current_article

    async def lookups_public(self, guild_id: int | None, channel_id: int | None) -> bool:
        """Lookups are private unless asked for in the channel the server chose for them."""
        if guild_id is None or channel_id is None:
            return False
        return (await self.get(guild_id)).lookup_channel_id == channel_id

    async def _set(self, guild_id: int, column: str, value: object) -> None:
        async with transaction(self._conn):
            await self._upsert(guild_id, column, value)

    async def _upsert(self, guild_id: int, column: str, value: object) -> None:
        """Inside a transaction: set one column, creating the guild's row if needed."""
        if column not in _COLUMNS:  # column names cannot be parameters; only known names pass
            raise ValueError(column)
        now = self._clock.now().isoformat()
        await self._conn.execute(
            "INSERT INTO guild_settings (guild_id, updated_at) VALUES (?, ?)"
            " ON CONFLICT(guild_id) DO NOTHING",
            (guild_id, now),
        )
        await self._conn.execute(
            f"UPDATE guild_settings SET {column} = ?, updated_at = ? WHERE guild_id = ?",  # noqa: S608
            (value, now, guild_id),
        )
