"""What quiz messages look like: the post, its results, practice cards, lists and stats.

Quiz posts are public and the guild has no language setting, so they carry both languages (the
article's Chinese first). Replies to one member follow that member's Discord locale.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import discord

from bot.content.model import Article, QuizQuestion
from bot.content.naming import long_name
from bot.i18n import EN, ZH, language_of, t
from bot.quiz import passage
from bot.quiz.rules import LETTERS, letter
from bot.quiz.scores import MemberStats, Standing
from bot.quiz.store import Quiz, Tally
from bot.scheduling.recurrence import discord_timestamp
from bot.ui.limits import EMBED_FIELD_VALUE_MAX, clip, fit_embed
from bot.ui.passage import escape

QUIZ_COLOUR = discord.Colour.blurple()
CLOSED_COLOUR = discord.Colour.dark_grey()
RIGHT_COLOUR = discord.Colour.green()
WRONG_COLOUR = discord.Colour.red()
BAR_WIDTH = 10


def both(key: str, /, **values: object) -> str:
    """A label in Chinese and English, for messages everyone in the channel reads."""
    return f"{t(key, ZH, **values)} · {t(key, EN, **values)}"


def both_lines(key: str, /, **values: object) -> str:
    """A sentence in Chinese, then in English on its own line (too long to share one)."""
    return f"{t(key, ZH, **values)}\n{t(key, EN, **values)}"


def when(moment: datetime) -> str:
    return f"{discord_timestamp(moment, 'F')} ({discord_timestamp(moment, 'R')})"


def find_question(article: Article | None, question_id: str) -> QuizQuestion | None:
    if article is None:
        return None
    return next((q for q in article.questions if q.id == question_id), None)


def section_label(article: Article, section_id: str, locale: object = None) -> str:
    """The section's long label, as every title names it (`content.naming`)."""
    return long_name(article, section_id, locale)


def _languages(locale: object | None) -> tuple[str, str]:
    return (EN, ZH) if locale is not None and language_of(locale) == EN else (ZH, EN)


def question_text(question: QuizQuestion, locale: object | None = None) -> str:
    first, second = _languages(locale)
    texts = {ZH: question.question_zh, EN: question.question_en}
    return f"**{texts[first]}**\n{texts[second]}"


def option_lines(
    question: QuizQuestion,
    locale: object | None = None,
    *,
    correct: int | None = None,
    chosen: int | None = None,
) -> str:
    first, second = _languages(locale)
    options = {ZH: question.options_zh, EN: question.options_en}
    lines = []
    for index, key in enumerate(LETTERS):
        mark = ""
        if correct is not None and index == correct:
            mark = " ✅"
        elif chosen is not None and index == chosen:
            mark = " ❌"
        lines.append(f"**{key}.** {options[first][index]}{mark}\n　 {options[second][index]}")
    return "\n".join(lines)


def _answer_value(question: QuizQuestion | None, correct: int, locale: object | None) -> str:
    if question is None:
        return f"**{letter(correct)}**"
    first, second = _languages(locale)
    options = {ZH: question.options_zh, EN: question.options_en}
    return f"**{letter(correct)}.** {options[first][correct]}\n{options[second][correct]}"


def _explanation(question: QuizQuestion, locale: object | None) -> str:
    first, second = _languages(locale)
    texts = {ZH: question.explanation_zh, EN: question.explanation_en}
    return f"{texts[first]}\n\n{texts[second]}"


def source_text(article: Article, question: QuizQuestion) -> str:
    """The cited sentence as a quote, then the citation (author, title, journal, section path)."""
    source = passage.source_of(article, question)
    citation = f"— {article.meta.citation} · {source.section_path}"
    quote = clip(escape(source.sentence), EMBED_FIELD_VALUE_MAX - len(citation) - 4)
    return f"> {quote}\n{citation}"


# -- the public post ---------------------------------------------------------------------------


def quiz_embed(quiz: Quiz, question: QuizQuestion, article: Article) -> discord.Embed:
    embed = discord.Embed(
        title=both("quiz.post.title", id=quiz.id),
        description=f"{question_text(question)}\n\n{option_lines(question)}",
        colour=QUIZ_COLOUR,
    )
    embed.add_field(
        name=both("quiz.post.section"), value=section_label(article, question.section_id)
    )
    embed.add_field(name=both("quiz.post.closes"), value=when(quiz.closes_at), inline=False)
    embed.set_footer(text=both("quiz.post.footer"))
    return fit_embed(embed)


def distribution(tally: Tally, correct: int) -> str:
    lines = []
    for index, count in enumerate(tally.counts):
        share = count / tally.total if tally.total else 0.0
        filled = round(share * BAR_WIDTH)
        bar = "▓" * filled + "░" * (BAR_WIDTH - filled)
        mark = " ✅" if index == correct else ""
        lines.append(f"`{letter(index)}` {bar} {count} ({share:.0%}){mark}")
    lines.append(both("quiz.results.total", count=tally.total))
    return "\n".join(lines)


def mention_list(user_ids: Sequence[int], limit: int = EMBED_FIELD_VALUE_MAX) -> str:
    """Mentions (they do not ping inside an embed) until the field is full, then a count."""
    if not user_ids:
        return both("quiz.results.nobody_correct")
    shown: list[str] = []
    for index, user_id in enumerate(user_ids):
        rest = len(user_ids) - index
        more = both("quiz.results.more", count=rest)
        candidate = " ".join([*shown, f"<@{user_id}>"])
        if len(candidate) + len(more) + 1 > limit and rest > 1:
            return " ".join(shown) + "\n" + more
        shown.append(f"<@{user_id}>")
    return " ".join(shown)


def results_embed(
    quiz: Quiz, question: QuizQuestion | None, article: Article | None, tally: Tally
) -> discord.Embed:
    closed_at = quiz.closed_at or quiz.closes_at
    if question is None or article is None:
        embed = discord.Embed(
            title=both("quiz.results.title", id=quiz.id),
            description=both("quiz.results.missing_question", letter=letter(quiz.correct_choice)),
            colour=CLOSED_COLOUR,
        )
    else:
        embed = discord.Embed(
            title=both("quiz.results.title", id=quiz.id),
            description=f"{question_text(question)}\n\n"
            f"{option_lines(question, correct=quiz.correct_choice)}",
            colour=CLOSED_COLOUR,
        )
    embed.add_field(
        name=both("quiz.results.answer"),
        value=_answer_value(question, quiz.correct_choice, None),
        inline=False,
    )
    if question is not None and article is not None:
        embed.add_field(
            name=both("quiz.results.explanation"), value=_explanation(question, None), inline=False
        )
        embed.add_field(
            name=both("quiz.results.source"), value=source_text(article, question), inline=False
        )
    embed.add_field(
        name=both("quiz.results.distribution"),
        value=distribution(tally, quiz.correct_choice),
        inline=False,
    )
    embed.add_field(
        name=both("quiz.results.correct_members", count=len(tally.correct_user_ids)),
        value=mention_list(tally.correct_user_ids),
        inline=False,
    )
    embed.add_field(name=both("quiz.results.closed_at"), value=discord_timestamp(closed_at, "F"))
    return fit_embed(embed)


# -- practice ------------------------------------------------------------------------------------


def practice_embed(question: QuizQuestion, article: Article, locale: object) -> discord.Embed:
    embed = discord.Embed(
        title=t("quiz.practice.title", locale),
        description=f"{question_text(question, locale)}\n\n{option_lines(question, locale)}",
        colour=QUIZ_COLOUR,
    )
    embed.add_field(
        name=t("quiz.practice.section", locale),
        value=section_label(article, question.section_id, locale),
    )
    embed.set_footer(text=t("quiz.practice.footer", locale))
    return fit_embed(embed)


def practice_result_embed(
    question: QuizQuestion, article: Article, chosen: int, locale: object
) -> discord.Embed:
    right = chosen == question.answer
    verdict = (
        t("quiz.practice.right", locale, letter=letter(chosen))
        if right
        else t("quiz.practice.wrong", locale, chosen=letter(chosen), letter=question.answer_letter)
    )
    embed = discord.Embed(
        title=verdict,
        description=f"{question_text(question, locale)}\n\n"
        f"{option_lines(question, locale, correct=question.answer, chosen=chosen)}",
        colour=RIGHT_COLOUR if right else WRONG_COLOUR,
    )
    embed.add_field(
        name=t("quiz.practice.explanation", locale),
        value=_explanation(question, locale),
        inline=False,
    )
    embed.add_field(
        name=t("quiz.practice.source", locale), value=source_text(article, question), inline=False
    )
    embed.set_footer(text=t("quiz.practice.footer", locale))
    return fit_embed(embed)


# -- lists and numbers -----------------------------------------------------------------------------


def percent(value: float) -> str:
    return f"{value:.0%}"


def leaderboard_embed(standings: Sequence[Standing], period: str, locale: object) -> discord.Embed:
    period_name = t(f"quiz.period.{period}", locale)
    embed = discord.Embed(
        title=t("quiz.leaderboard.title", locale, period=period_name), colour=QUIZ_COLOUR
    )
    if not standings:
        key = "quiz.leaderboard.empty" if period == "all" else "quiz.leaderboard.empty_period"
        embed.description = t(key, locale, period=period_name)
        return embed
    medals = {1: "🥇", 2: "🥈", 3: "🥉"}
    lines = [
        t(
            "quiz.leaderboard.line",
            locale,
            rank=medals.get(s.rank, f"{s.rank}."),
            member=f"<@{s.user_id}>",
            correct=s.correct,
            answered=s.answered,
            accuracy=percent(s.accuracy),
        )
        for s in standings
    ]
    embed.description = "\n".join(lines)
    embed.set_footer(text=t("quiz.leaderboard.footer", locale))
    return fit_embed(embed)


def stats_embed(stats: MemberStats, member: discord.abc.User, locale: object) -> discord.Embed:
    embed = discord.Embed(
        title=t("quiz.stats.title", locale, member=escape(member.display_name)),
        colour=QUIZ_COLOUR,
    )
    if stats.answered == 0:
        embed.description = t("quiz.stats.none", locale, member=member.mention)
    else:
        embed.add_field(name=t("quiz.stats.answered", locale), value=str(stats.answered))
        embed.add_field(name=t("quiz.stats.correct", locale), value=str(stats.correct))
        embed.add_field(name=t("quiz.stats.accuracy", locale), value=percent(stats.accuracy))
        embed.add_field(
            name=t("quiz.stats.current_streak", locale), value=str(stats.current_streak)
        )
        embed.add_field(name=t("quiz.stats.best_streak", locale), value=str(stats.best_streak))
        if stats.rank is not None:
            embed.add_field(name=t("quiz.stats.rank", locale), value=f"#{stats.rank}")
    if stats.awaiting_results:
        embed.set_footer(text=t("quiz.stats.awaiting", locale, count=stats.awaiting_results))
    return fit_embed(embed)
