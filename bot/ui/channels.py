"""Where the bot posts: the one way to find a scheduled run's channel and the one check that the
bot may do what it needs there, shared by the quiz poster, the discussion opener and /config.

A command refuses before anything is stored (`refuse_unless_permitted`: the moderator reads which
switch to turn on, in their language); a scheduled run that finds the same gap fails with a typed
reason for the log channel (`require_permissions_to_run`).
"""

from __future__ import annotations

from collections.abc import Iterable

import discord

from bot.scheduling import reasons
from bot.scheduling.reasons import Reason, ReasonCode
from bot.scheduling.runner import FireDeferred, FireFailed
from bot.ui.failures import UserFacingError
from bot.ui.permissions import missing_permissions, permission_names

Postable = discord.abc.GuildChannel | discord.Thread


async def run_channel(client: discord.Client, guild_id: int, channel_id: int) -> Postable:
    """A scheduled run's channel or thread: from the cache, else asked of Discord.

    FireDeferred while Discord has not delivered the server after a reconnect (the run is retried);
    FireFailed when the bot left the server or the channel is gone.
    """
    guild = client.get_guild(guild_id)
    if guild is None:
        raise FireFailed(Reason(ReasonCode.LEFT_GUILD))
    if guild.unavailable or guild.me is None:
        raise FireDeferred("Discord has not delivered the server yet")
    channel = guild.get_channel_or_thread(channel_id)
    if channel is None:
        try:
            channel = await guild.fetch_channel(channel_id)
        except discord.HTTPException:
            raise FireFailed(Reason(ReasonCode.CHANNEL_GONE)) from None
    return channel


def require_permissions_to_run(channel: Postable, needed: Iterable[str]) -> None:
    """FireFailed naming the missing permissions, for the log channel."""
    missing = missing_permissions(channel, needed)
    if missing:
        raise FireFailed(reasons.missing_permissions(channel.name, missing))


def refuse_unless_permitted(
    channel: Postable, needed: Iterable[str], key: str, locale: object
) -> None:
    """A polite refusal (catalogue `key`, given `channel` and `permissions`) when the bot lacks
    any of `needed` in `channel`."""
    missing = missing_permissions(channel, needed)
    if missing:
        raise UserFacingError(
            key, channel=channel.mention, permissions=permission_names(missing, locale)
        )
