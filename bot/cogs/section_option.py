"""The `section` option of every command that takes one (/section, /fact, /quiz practice,
/quiz-mod now, /discuss-mod now|schedule|plan): one resolver, one autocomplete, one refusal.

Members type a number path (`二/第三`, `2/3`), a heading's words or `结语`, or pick from the
autocomplete (which submits the section's id); anything else is refused politely before the
command runs. Choices are named with the one naming scheme (`content.naming.short_label`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import discord
from discord import app_commands

from bot.app import ReadingCircleBot
from bot.cogs.common import Interaction, article_here, services_of
from bot.content.model import Article, Section
from bot.content.naming import short_label
from bot.content.section_lookup import resolve_section, search_sections
from bot.i18n import t
from bot.quiz import bank
from bot.ui.failures import UserFacingError
from bot.ui.limits import CHOICE_NAME_MAX, CHOICE_VALUE_MAX, CHOICES_MAX, clip

TYPED_MAX = 100  # what a member can type in an option is longer; nothing useful is


@dataclass(frozen=True, slots=True)
class PickedSection:
    """A section and the article it belongs to (the server's current one when it was picked)."""

    article: Article
    section: Section


class SectionTransformer(app_commands.Transformer[ReadingCircleBot]):
    """Any section of the server's current article."""

    async def transform(self, interaction: Interaction, value: str) -> PickedSection:
        article = await article_here(interaction)
        section = resolve_section(article, value)
        if section is None:
            typed = discord.utils.escape_markdown(value.strip())
            raise UserFacingError("section.unknown", name=clip(typed, 60))
        return PickedSection(article, section)

    async def autocomplete(  # type: ignore[override]
        self, interaction: Interaction, value: str
    ) -> list[app_commands.Choice[str]]:
        article = await services_of(interaction).article_for(interaction.guild_id)
        if article is None:
            return []
        choices: list[app_commands.Choice[str]] = []
        for section in self.candidates(article, str(value)[:TYPED_MAX]):
            name = self.choice_name(article, section, interaction.locale)
            choices.append(app_commands.Choice(name=name, value=clip(section.id, CHOICE_VALUE_MAX)))
            if len(choices) == CHOICES_MAX:
                break
        return choices

    def candidates(self, article: Article, typed: str) -> Iterator[Section]:
        """Best matches first; empty input lists the sections in reading order."""
        yield from search_sections(article, typed, CHOICES_MAX)

    def choice_name(self, article: Article, section: Section, locale: object) -> str:
        return clip(short_label(section, locale), CHOICE_NAME_MAX)


class QuizSectionTransformer(SectionTransformer):
    """Offers only the sections that have quiz questions, each with its number of questions
    (a section without any can still be typed: the command then says it has none)."""

    def candidates(self, article: Article, typed: str) -> Iterator[Section]:
        with_questions = set(bank.sections_with_questions(article))
        for section in search_sections(article, typed, len(article.sections)):
            if section.id in with_questions:
                yield section

    def choice_name(self, article: Article, section: Section, locale: object) -> str:
        count = len(bank.questions_in(article, section.id))
        room = CHOICE_NAME_MAX - len(t("quiz.section_choice", locale, section="", count=count))
        label = clip(short_label(section, locale), room)
        return clip(t("quiz.section_choice", locale, section=label, count=count), CHOICE_NAME_MAX)


SectionOption = app_commands.Transform[PickedSection, SectionTransformer]
QuizSectionOption = app_commands.Transform[PickedSection, QuizSectionTransformer]
