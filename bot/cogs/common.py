"""What every cog needs from the bot: its services, and the loaded article or a polite refusal."""

from __future__ import annotations

from typing import TypeAlias

import discord
from discord.ext import commands

from bot.app import ReadingCircleBot
from bot.content.model import Article
from bot.services import Services
from bot.ui.failures import UserFacingError

Interaction: TypeAlias = discord.Interaction[ReadingCircleBot]
"""What every cog's command, autocomplete and component receives: `interaction.client` is our bot."""


def services_of(source: discord.Interaction | commands.Bot) -> Services:
    client = source.client if isinstance(source, discord.Interaction) else source
    services = getattr(client, "services", None)
    if services is None:
        raise RuntimeError("the bot is not set up yet (setup_hook has not run)")
    return services


async def article_here(interaction: Interaction) -> Article:
    """The article this server reads now (/config article), or a clear refusal without content."""
    article = await services_of(interaction).article_for(interaction.guild_id)
    if article is None:
        raise UserFacingError("error.no_content")
    return article


class ServiceCog(commands.Cog):
    """Base for our cogs: typed access to the services built in setup_hook."""

    bot: ReadingCircleBot

    @property
    def services(self) -> Services:
        return services_of(self.bot)
