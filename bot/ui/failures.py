"""One error handler for every slash command: a polite ephemeral reply, never "interaction failed".

Each unexpected failure gets a short error id that appears both in the reply and in the log, so a
moderator can hand it to whoever hosts the bot.
"""

from __future__ import annotations

import logging
import secrets
import sqlite3

import discord
from discord import app_commands

from bot.i18n import t

log = logging.getLogger(__name__)


class UserFacingError(Exception):
    """A refusal the user should read: raised with a catalogue key and its values."""

    def __init__(self, key: str, /, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class NotModerator(app_commands.CheckFailure):
    """The member lacks Manage Server, Manage Threads and the configured moderator role."""


def unwrap(error: Exception) -> Exception:
    """The exception our code raised: a command's body is wrapped in CommandInvokeError, an
    option's transformer (say, an unknown section) in TransformerError."""
    if isinstance(error, app_commands.CommandInvokeError):
        return error.original
    if isinstance(error, app_commands.TransformerError) and isinstance(
        error.__cause__, UserFacingError
    ):
        return error.__cause__
    return error


def new_error_id() -> str:
    return secrets.token_hex(3)


def describe_failure(error: Exception, locale: object) -> tuple[str, str | None]:
    """The reply text for a failure, and an error id when it was unexpected (and so is logged)."""
    original = unwrap(error)
    if isinstance(original, UserFacingError):
        return t(original.key, locale, **original.values), None
    if isinstance(error, NotModerator):
        return t("error.not_moderator", locale), None
    if isinstance(error, app_commands.MissingPermissions):
        from bot.ui.permissions import permission_names

        return t(
            "error.missing_permissions",
            locale,
            permissions=permission_names(error.missing_permissions, locale),
        ), None
    if isinstance(error, app_commands.NoPrivateMessage):
        return t("error.guild_only", locale), None
    if isinstance(error, app_commands.CommandOnCooldown):
        return t("error.cooldown", locale, seconds=max(1, round(error.retry_after))), None
    if isinstance(error, app_commands.TransformerError):
        return t("error.bad_input", locale, detail=str(error.value)[:200]), None
    if isinstance(original, sqlite3.OperationalError) and _is_write_failure(original):
        error_id = new_error_id()
        return t("error.database_busy", locale, detail=f"{original}; id {error_id}"), error_id
    return t("error.unexpected", locale, error_id=(error_id := new_error_id())), error_id


def _is_write_failure(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return any(
        word in text
        for word in ("locked", "busy", "readonly", "read-only", "disk is full", "disk i/o")
    )


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Reply privately whether or not the interaction was already answered or deferred."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not deliver an error reply for interaction %s", interaction.id)


async def reply_to_failure(
    interaction: discord.Interaction, error: Exception, *, where: str
) -> None:
    """The one failure path for commands, buttons, menus and modals alike.

    A refusal (`UserFacingError`, a failed check) is told to the member in their language; an
    unexpected failure is logged with an error id that the reply repeats. Autocomplete can only be
    answered with choices, so there the log line is all.
    """
    text, error_id = describe_failure(error, interaction.locale)
    if error_id is not None:
        original = getattr(error, "original", error)
        log.error(
            "error_id=%s interaction=%s %s user=%s guild=%s failed",
            error_id,
            interaction.id,
            where,
            interaction.user.id if interaction.user else None,
            interaction.guild_id,
            exc_info=original,
        )
    if interaction.type is discord.InteractionType.autocomplete:
        return
    await send_ephemeral(interaction, text)


async def on_app_command_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError
) -> None:
    command = interaction.command.qualified_name if interaction.command else "?"
    await reply_to_failure(interaction, error, where=f"command={command}")
