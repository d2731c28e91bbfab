"""/about: what the bot is, the article it serves, version and uptime."""

from __future__ import annotations

from datetime import timedelta

import discord
from discord import app_commands
from discord.app_commands import locale_str as _
from discord.ext import commands

from bot import __version__
from bot.app import ReadingCircleBot
from bot.cogs.common import Interaction
from bot.i18n import t
from bot.ui.limits import fit_embed
from bot.ui.share import send_lookup


def format_uptime(elapsed: timedelta, locale: object) -> str:
    minutes = max(int(elapsed.total_seconds()) // 60, 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    return t("about.uptime_value", locale, days=days, hours=hours, minutes=minutes)


def _also(english: str, chinese: str) -> str:
    """` (Zhu Haiyan)` after the Chinese name, or nothing when there is no other name to give."""
    return f" ({english})" if english and english != chinese else ""


class AboutCog(commands.Cog):
    def __init__(self, bot: ReadingCircleBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=_("about"),
        description=_("What this bot is, the article it serves, version and uptime"),
    )
    async def about(self, interaction: Interaction) -> None:
        services = self.bot.services
        assert services is not None
        locale = interaction.locale
        embed = discord.Embed(
            title=t("about.title", locale), description=t("about.description", locale)
        )
        article = await services.article_for(interaction.guild_id)
        if article is None:
            embed.add_field(
                name=t("about.article", locale), value=t("about.no_article", locale), inline=False
            )
        else:
            meta = article.meta
            embed.add_field(
                name=t("about.article", locale),
                value=t(
                    "about.article_value",
                    locale,
                    title=meta.full_title,
                    author=meta.author,
                    author_en=_also(meta.author_en, meta.author),
                    journal=meta.journal,
                    journal_en=_also(meta.journal_en, meta.journal),
                    year=meta.year,
                    issue=meta.issue,
                ),
                inline=False,
            )
        embed.add_field(
            name=t("about.commands", locale), value=t("about.commands_value", locale), inline=False
        )
        embed.add_field(name=t("about.version", locale), value=__version__)
        embed.add_field(
            name=t("about.uptime", locale),
            value=format_uptime(services.clock.now() - services.started_at, locale),
        )
        await send_lookup(interaction, command="about", embed=fit_embed(embed))


async def setup(bot: ReadingCircleBot) -> None:
    await bot.add_cog(AboutCog(bot))
