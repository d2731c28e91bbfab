"""The quiz's buttons.

Answer buttons are `DynamicItem`s: the quiz id and the choice live in the custom id
(`quiz:{id}:{A-D}`), so a click works on any quiz post, including those sent before the latest
restart, with no view to restore. Their labels carry the letter and a short option text; the
label is not part of the id, so posts sent with letters only keep working. The click handler
writes the answer first (a single short transaction) and then replies; nothing slow happens
before the reply, which Discord expects within three seconds (the post's answer count is edited
afterwards, in the background, see `quiz_count`).

Practice buttons are an ordinary, short-lived View bound to one member: practice is private and
nothing about it needs to survive a restart.
"""

from __future__ import annotations

import logging
import random
import re
from typing import Any

import discord

from bot.cogs.quiz import embeds as render
from bot.content.model import Article, QuizQuestion
from bot.i18n import t
from bot.quiz.rules import LETTERS, AlreadyAnswered, QuizClosed, QuizNotFound, letter
from bot.ui.components import AnswersFailures, GuardedView
from bot.ui.failures import send_ephemeral
from bot.ui.limits import BUTTON_LABEL_MAX, clip

log = logging.getLogger(__name__)

# Below the 15 minutes an interaction token lives, so the buttons can still be disabled at the end.
PRACTICE_TIMEOUT_SECONDS = 14 * 60
ANSWER_ID = re.compile(r"quiz:(?P<quiz_id>\d+):(?P<choice>[A-D])")


def answer_custom_id(quiz_id: int, choice: int) -> str:
    return f"quiz:{quiz_id}:{letter(choice)}"


def quiz_ids_in(components: list[Any]) -> set[int]:
    """Quiz ids carried by the answer buttons of a message's components (nested rows included)."""
    found: set[int] = set()
    stack = list(components)
    while stack:
        item = stack.pop()
        stack.extend(getattr(item, "children", None) or [])
        custom_id = getattr(item, "custom_id", None)
        if custom_id and (match := ANSWER_ID.fullmatch(custom_id)):
            found.add(int(match["quiz_id"]))
    return found


class AnswerButton(
    AnswersFailures,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=ANSWER_ID,
):
    def __init__(
        self,
        quiz_id: int,
        choice: int,
        *,
        disabled: bool = False,
        style: discord.ButtonStyle = discord.ButtonStyle.primary,
        label: str | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=clip(label or letter(choice), BUTTON_LABEL_MAX),
                custom_id=answer_custom_id(quiz_id, choice),
                style=style,
                disabled=disabled,
            )
        )
        self.quiz_id = quiz_id
        self.choice = choice

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> AnswerButton:
        return cls(int(match["quiz_id"]), LETTERS.index(match["choice"]))

    async def handle(self, interaction: discord.Interaction[Any]) -> None:
        await record_click(interaction, self.quiz_id, self.choice)


def quiz_view(
    quiz_id: int, *, closed_answer: int | None = None, labels: list[str] | None = None
) -> discord.ui.View:
    """The four answer buttons (`A · short option`); after closing they are disabled and the
    right one is green."""
    view = discord.ui.View(timeout=None)
    for index in range(len(LETTERS)):
        label = labels[index] if labels else None
        if closed_answer is None:
            view.add_item(AnswerButton(quiz_id, index, label=label))
        else:
            style = (
                discord.ButtonStyle.success
                if index == closed_answer
                else discord.ButtonStyle.secondary
            )
            view.add_item(AnswerButton(quiz_id, index, disabled=True, style=style, label=label))
    return view


async def record_click(interaction: discord.Interaction[Any], quiz_id: int, choice: int) -> None:
    """Unexpected failures go through the one failure path (`AnswersFailures` on the button)."""
    services = interaction.client.services
    locale = interaction.locale
    try:
        receipt = await services.quiz.record_answer(
            quiz_id, interaction.user.id, choice, services.clock.now()
        )
    except AlreadyAnswered as already:
        article = services.article_named(already.article_slug)
        question = render.find_question(article, already.question_id)
        text = t(
            "quiz.answer.already",
            locale,
            letter=letter(already.choice),
            option=render.chosen_option(question, already.choice, locale),
        )
    except QuizClosed as closed:
        text = t("quiz.answer.closed", locale, closed=render.when(closed.closed_at))
    except QuizNotFound:
        text = t("quiz.answer.unknown", locale)
    else:
        article = services.article_named(receipt.article_slug)
        question = render.find_question(article, receipt.question_id)
        text = t(
            "quiz.answer.recorded",
            locale,
            letter=letter(receipt.choice),
            option=render.chosen_option(question, receipt.choice, locale),
            closes=render.when(receipt.closes_at),
        )
        count = _live_count(interaction)
        if count is not None:  # decides only; any edit of the post runs after the reply
            count.answered(quiz_id, services.clock.now())
    await send_ephemeral(interaction, text)


def _live_count(interaction: discord.Interaction[Any]) -> Any:
    cog = interaction.client.get_cog("QuizCog")
    poster = getattr(cog, "poster", None)
    return getattr(poster, "count", None)


class PracticeView(GuardedView):
    """One practice question for one member: answer, see the explanation, ask for another."""

    def __init__(
        self,
        article: Article,
        pool: list[QuizQuestion],
        question: QuizQuestion,
        *,
        owner_id: int,
        locale: object,
        rng: random.Random,
    ) -> None:
        super().__init__(timeout=PRACTICE_TIMEOUT_SECONDS)
        self.article = article
        self.pool = pool
        self.question = question
        self.owner_id = owner_id
        self.locale = locale
        self.rng = rng
        self.answered: int | None = None
        self.last_interaction: discord.Interaction[Any] | None = None
        self._build()

    def _build(self) -> None:
        self.clear_items()
        labels = render.button_labels(self.question, self.locale)
        for index in range(len(LETTERS)):
            style = discord.ButtonStyle.primary
            if self.answered is not None:
                if index == self.question.answer:
                    style = discord.ButtonStyle.success
                elif index == self.answered:
                    style = discord.ButtonStyle.danger
                else:
                    style = discord.ButtonStyle.secondary
            button: discord.ui.Button[PracticeView] = discord.ui.Button(
                label=labels[index], style=style, disabled=self.answered is not None
            )
            button.callback = self._answer_callback(index)  # type: ignore[method-assign]
            self.add_item(button)
        if self.answered is not None and len(self.pool) > 1:
            next_button: discord.ui.Button[PracticeView] = discord.ui.Button(
                label=t("quiz.practice.next", self.locale), style=discord.ButtonStyle.secondary
            )
            next_button.callback = self._next  # type: ignore[method-assign]
            self.add_item(next_button)

    def _answer_callback(self, index: int) -> Any:
        async def answer(interaction: discord.Interaction[Any]) -> None:
            self.answered = index
            self._build()
            await interaction.response.edit_message(
                embed=render.practice_result_embed(self.question, self.article, index, self.locale),
                view=self,
            )

        return answer

    async def _next(self, interaction: discord.Interaction[Any]) -> None:
        choices = [q for q in self.pool if q.id != self.question.id] or self.pool
        self.question = self.rng.choice(choices)
        self.answered = None
        self._build()
        await interaction.response.edit_message(
            embed=render.practice_embed(self.question, self.article, self.locale), view=self
        )

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.owner_id:
            self.last_interaction = interaction
            return True
        await send_ephemeral(interaction, t("quiz.practice.not_yours", interaction.locale))
        return False

    async def on_timeout(self) -> None:
        """Grey the buttons out rather than leave ones that would fail when clicked."""
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.last_interaction is not None:
            try:
                await self.last_interaction.edit_original_response(view=self)
            except discord.HTTPException:
                log.debug("practice view: could not disable the buttons at timeout")
