"""Gives slash commands their zh-CN names and descriptions from the message catalogue."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.i18n import COMMAND_TEXT_ZH


class CatalogTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale is not discord.Locale.chinese:  # zh-CN
            return None
        return COMMAND_TEXT_ZH.get(string.message)
