"""Buttons and menus that answer every click, failures included.

discord.py only logs an exception raised in a `DynamicItem` callback, and a `View` logs it in
`on_error`: either way the member sees "This interaction failed". Components built on these bases
send the failure through `reply_to_failure`, the same path as slash commands.
"""

from __future__ import annotations

from typing import Any

import discord

from bot.ui.failures import reply_to_failure


class AnswersFailures:
    """Mixin for a `DynamicItem` (list it first): subclasses implement `handle`, not `callback`.

    A mixin rather than a base class because every `DynamicItem` subclass must name its template.
    """

    async def handle(self, interaction: discord.Interaction[Any]) -> None:
        raise NotImplementedError

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self.handle(interaction)
        except Exception as error:
            await reply_to_failure(interaction, error, where=f"component={type(self).__name__}")


class GuardedView(discord.ui.View):
    """A short-lived view whose failures reach the member like a command's."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        await reply_to_failure(interaction, error, where=f"view={type(self).__name__}")
