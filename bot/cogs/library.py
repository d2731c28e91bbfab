"""/library: the articles the bot holds, which one this server reads, and what it did with each.

Choosing the article is a server setting (`/config article`); this command only shows.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import locale_str as _
from discord.ext import commands

from bot.app import ReadingCircleBot
from bot.cogs.common import Interaction, services_of
from bot.content.model import Article
from bot.i18n import t
from bot.storage.history import ArticleHistory, history_by_article
from bot.ui.failures import UserFacingError
from bot.ui.limits import EMBED_FIELD_NAME_MAX, EMBED_FIELD_VALUE_MAX, clip, fit_embed
from bot.ui.passage_embed import EMBED_COLOUR
from bot.ui.share import send_lookup

MAX_LISTED = 20


def article_line(
    article: Article, history: ArticleHistory | None, locale: object, *, current: bool
) -> tuple[str, str]:
    meta = article.meta
    name = clip(("▶ " if current else "") + f"《{meta.title}》", EMBED_FIELD_NAME_MAX)
    value = t(
        "library.article",
        locale,
        author=meta.author,
        journal=meta.journal,
        year=meta.year,
        issue=meta.issue,
        sections=len(article.sections),
        questions=len(article.questions),
        prompts=len(article.prompts),
    )
    if history is not None and (history.discussions or history.quizzes):
        value += "\n" + t(
            "library.history", locale, discussions=history.discussions, quizzes=history.quizzes
        )
    if current:
        value += "\n" + t("library.current", locale)
    return name, clip(value, EMBED_FIELD_VALUE_MAX)


class LibraryCog(commands.Cog):
    def __init__(self, bot: ReadingCircleBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=_("library"), description=_("The articles in the library, and which one we read now")
    )
    async def library(self, interaction: Interaction) -> None:
        services = services_of(interaction)
        locale = interaction.locale
        if not services.articles:
            raise UserFacingError("error.no_content")
        reading = await services.article_for(interaction.guild_id)
        history = (
            await history_by_article(services.db, interaction.guild_id)
            if interaction.guild_id is not None
            else {}
        )
        embed = discord.Embed(
            title=t("library.title", locale, count=len(services.articles)), colour=EMBED_COLOUR
        )
        for article in services.articles[:MAX_LISTED]:
            name, value = article_line(
                article,
                history.get(article.meta.slug),
                locale,
                current=reading is not None and article.meta.slug == reading.meta.slug,
            )
            embed.add_field(name=name, value=value, inline=False)
        embed.set_footer(text=t("library.footer", locale))
        await send_lookup(interaction, command="library", embed=fit_embed(embed))


async def setup(bot: ReadingCircleBot) -> None:
    await bot.add_cog(LibraryCog(bot))
