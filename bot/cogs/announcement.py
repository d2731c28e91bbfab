"""The opt-in announcement ping (/config announce-role) that quiz posts and discussion openings
carry: who may be pinged and how, in one place, so the two posters cannot drift apart.

Every other message pings nobody (the bot's default `AllowedMentions.none()`); this one pings the
configured role and only that role: `@everyone`, users and other roles stay off even if a text
ever quotes them. When the role was deleted, or may no longer be mentioned in that channel, the
post goes out without the ping and the log channel is told once (until the role works again or a
new one is chosen), instead of at every post.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from bot.cogs.common import services_of
from bot.cogs.failure_log import post_log_line
from bot.i18n import EN, ZH, t

if TYPE_CHECKING:
    from bot.app import ReadingCircleBot

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Ping:
    """What a post adds for the announcement: its content line and what Discord may ping."""

    content: str | None
    allowed_mentions: discord.AllowedMentions


NO_PING = Ping(None, discord.AllowedMentions.none())


def role_ping(role: discord.Role) -> Ping:
    """The role's mention, with nothing but that role allowed to ping."""
    return Ping(role.mention, discord.AllowedMentions(everyone=False, users=False, roles=[role]))


async def announcement(
    bot: ReadingCircleBot, channel: discord.abc.GuildChannel | discord.Thread
) -> Ping:
    """The ping for a quiz post or a discussion opening in `channel` (NO_PING when none is set or
    the role cannot be pinged; the latter is said once in the log channel)."""
    settings = services_of(bot).guild_settings
    guild = channel.guild
    current = await settings.get(guild.id)
    role_id = current.announce_role_id
    if role_id is None:
        return NO_PING
    role = guild.get_role(role_id)
    me = guild.me
    if role is None:
        problem = t("config.log.announce_role_gone", ZH, role_id=role_id)
        problem += "\n" + t("config.log.announce_role_gone", EN, role_id=role_id)
    elif role.is_default() or role.managed:  # never set so; guards a hand-edited database
        return NO_PING
    elif not role.mentionable and not (
        me is not None and channel.permissions_for(me).mention_everyone
    ):
        values = {"role": role.mention, "channel": channel.mention}
        problem = t("config.log.announce_role_muted", ZH, **values)
        problem += "\n" + t("config.log.announce_role_muted", EN, **values)
    else:
        if current.announce_role_warned:
            await settings.announce_role_works(guild.id)
        return role_ping(role)
    log.info("guild %s: announcement role %s cannot be pinged", guild.id, role_id)
    if await settings.announce_role_warning_due(guild.id):
        await post_log_line(bot, guild.id, problem)
    return NO_PING
