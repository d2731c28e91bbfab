"""Gives slash commands their zh-CN descriptions from the message catalogue.

Names stay the same in every language (commands, sub-commands, options): a bilingual channel
must be able to say "/discuss-mod cancel session:1.3" to everyone, and every hint the bot prints
names commands in that one form. Descriptions and choice names are translated.
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.i18n import COMMAND_TEXT_ZH

_SAME_IN_EVERY_LANGUAGE = frozenset(
    {
        app_commands.TranslationContextLocation.command_name,
        app_commands.TranslationContextLocation.group_name,
        app_commands.TranslationContextLocation.parameter_name,
    }
)


class CatalogTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale is not discord.Locale.chinese:  # zh-CN
            return None
        if context.location in _SAME_IN_EVERY_LANGUAGE:
            return None
        return COMMAND_TEXT_ZH.get(string.message)
