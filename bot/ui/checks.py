"""Who may run moderator commands, checked in code (Discord's default permissions are only a default
that server admins can change, and they are ignored on subcommands).
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.ui.failures import NotModerator


async def member_is_moderator(interaction: discord.Interaction) -> bool:
    if interaction.guild is None or not isinstance(interaction.user, discord.Member):
        raise app_commands.NoPrivateMessage()
    permissions = interaction.permissions
    if permissions.manage_guild or permissions.manage_threads or permissions.administrator:
        return True
    services = getattr(interaction.client, "services", None)
    if services is not None:
        role_id = await services.guild_settings.moderator_role(interaction.guild.id)
        if role_id is not None and any(role.id == role_id for role in interaction.user.roles):
            return True
    raise NotModerator()


def moderator_only():
    """Decorator: only moderators (Manage Server, Manage Threads or the moderator role)."""
    return app_commands.check(member_is_moderator)


def manage_guild_only():
    async def predicate(interaction: discord.Interaction) -> bool:
        if interaction.guild is None:
            raise app_commands.NoPrivateMessage()
        if interaction.permissions.manage_guild or interaction.permissions.administrator:
            return True
        raise app_commands.MissingPermissions(["manage_guild"])

    return app_commands.check(predicate)
