"""/outline, /section and /fact: the article's structure, one section, one key fact."""

from __future__ import annotations

import random

import discord
from discord import app_commands
from discord.app_commands import locale_str as _
from discord.ext import commands

from bot.app import ReadingCircleBot
from bot.cogs.common import Interaction, article_here
from bot.cogs.section_option import SectionOption
from bot.content.model import Article, KeyFact
from bot.content.naming import long_label, short_label
from bot.content.section_lookup import (
    facts_of,
    summary,
)
from bot.i18n import language_of, t
from bot.ui.failures import UserFacingError
from bot.ui.limits import (
    EMBED_DESCRIPTION_MAX,
    EMBED_FIELD_VALUE_MAX,
    clip,
    fit_embed,
)
from bot.ui.passage_embed import EMBED_COLOUR, citation, escape
from bot.ui.share import send_lookup


def outline_text(article: Article, locale: object) -> str:
    lines = []
    for section in article.sections:
        count = len(article.paragraphs_of(section.id))
        indent = "　" * (section.depth - 1)
        suffix = f" · {t('outline.paragraphs', locale, count=count)}" if count else ""
        lines.append(f"{indent}{escape(clip(long_label(section, locale), 60))}{suffix}")
    return "\n".join(lines)


def fact_text(fact: KeyFact, locale: object) -> str:
    return fact.statement_zh if language_of(locale) == "zh-CN" else fact.statement_en


def fact_embed(article: Article, fact: KeyFact, locale: object) -> discord.Embed:
    section = article.section(fact.section_id)
    embed = discord.Embed(
        title=t("fact.title", locale),
        description=escape(fact_text(fact, locale)),
        colour=EMBED_COLOUR,
    )
    paragraph = article.paragraph(fact.paragraph_id)
    where = escape(short_label(section, locale))
    if paragraph.ordinal > 0:
        where += " · " + t("fact.paragraph", locale, ordinal=paragraph.ordinal)
    embed.add_field(
        name=t("fact.source", locale),
        value=clip(f"> {escape(fact.quote)}\n— {where}", EMBED_FIELD_VALUE_MAX),
        inline=False,
    )
    embed.set_footer(text=citation(article, section))
    return fit_embed(embed)


class OutlineCog(commands.Cog):
    def __init__(self, bot: ReadingCircleBot) -> None:
        self.bot = bot
        self.random = random.Random()

    @app_commands.command(name=_("outline"), description=_("Show the article's sections as a tree"))
    async def outline(self, interaction: Interaction) -> None:
        article = await article_here(interaction)
        locale = interaction.locale
        hint = t("outline.hint", locale)
        tree = clip(outline_text(article, locale), EMBED_DESCRIPTION_MAX - len(hint) - 2)
        embed = discord.Embed(
            title=t("outline.title", locale),
            description=f"{tree}\n\n{hint}",
            colour=EMBED_COLOUR,
        )
        embed.set_footer(text=article.meta.citation)
        await send_lookup(interaction, command="outline", embed=fit_embed(embed))

    @app_commands.command(
        name=_("section"), description=_("A section: heading, summary, key facts and sub-sections")
    )
    @app_commands.describe(
        name=_("The section: type a number path like 二/第三, or words of its heading")
    )
    async def section(self, interaction: Interaction, name: SectionOption) -> None:
        article, section = name.article, name.section
        locale = interaction.locale
        embed = discord.Embed(title=clip(long_label(section, locale), 256), colour=EMBED_COLOUR)
        text = summary(article, section)
        embed.add_field(
            name=t("section.summary", locale),
            value=clip(
                escape(text) if text else t("section.no_paragraphs", locale), EMBED_FIELD_VALUE_MAX
            ),
            inline=False,
        )
        facts = facts_of(article, section)[:5]
        if facts:
            listing = "\n".join(f"• {escape(fact_text(f, locale))}" for f in facts)
            embed.add_field(
                name=t("section.facts", locale),
                value=clip(listing, EMBED_FIELD_VALUE_MAX),
                inline=False,
            )
        children = article.children(section.id)
        if children:
            listing = "\n".join(f"• {escape(long_label(c, locale))}" for c in children)
            embed.add_field(
                name=t("section.children", locale),
                value=clip(listing, EMBED_FIELD_VALUE_MAX),
                inline=False,
            )
        embed.set_footer(text=citation(article, section))
        # what was asked, as members name it (autocomplete submits the section's id)
        await send_lookup(
            interaction, command="section", asked=short_label(section), embed=fit_embed(embed)
        )

    @app_commands.command(
        name=_("fact"), description=_("A key fact from the article, with its source")
    )
    @app_commands.describe(
        section=_("A section of the article, e.g. 二/第三 or 结语 (optional for /fact)")
    )
    async def fact(self, interaction: Interaction, section: SectionOption | None = None) -> None:
        asked = ""
        if section is not None:
            article = section.article
            facts = facts_of(article, section.section)
            asked = short_label(section.section)
        else:
            article = await article_here(interaction)
            facts = list(article.facts)
        if not facts:
            raise UserFacingError("fact.none")
        await send_lookup(
            interaction,
            command="fact",
            asked=asked,
            embed=fact_embed(article, self.random.choice(facts), interaction.locale),
        )


async def setup(bot: ReadingCircleBot) -> None:
    await bot.add_cog(OutlineCog(bot))
