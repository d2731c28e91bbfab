"""Per-guild settings (time zone, moderator role, log channel), with the host's defaults behind them."""

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
}


@dataclass(frozen=True, slots=True)
class GuildSettings:
    guild_id: int
    timezone: str
    moderator_role_id: int | None
    log_channel_id: int | None
    # where /excerpt, /section, /fact, /outline and /about answer publicly (elsewhere privately)
    lookup_channel_id: int | None = None
    current_article: str | None = None  # slug chosen with /config article; None: the default

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
            "SELECT timezone, moderator_role_id, log_channel_id, lookup_channel_id,"
            " current_article FROM guild_settings WHERE guild_id = ?",
            (guild_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return GuildSettings(guild_id, self._default_timezone, None, None)
        return GuildSettings(
            guild_id, row[0] or self._default_timezone, row[1], row[2], row[3], row[4]
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
        if column not in _COLUMNS:  # column names cannot be parameters; only known names pass
            raise ValueError(column)
        now = self._clock.now().isoformat()
        async with transaction(self._conn):
            await self._conn.execute(
                "INSERT INTO guild_settings (guild_id, updated_at) VALUES (?, ?)"
                " ON CONFLICT(guild_id) DO NOTHING",
                (guild_id, now),
            )
            await self._conn.execute(
                f"UPDATE guild_settings SET {column} = ?, updated_at = ? WHERE guild_id = ?",  # noqa: S608
                (value, now, guild_id),
            )
