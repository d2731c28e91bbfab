"""What quiz messages look like: the post, its results, practice cards, lists and stats.

Quiz posts are public and the guild has no language setting, so they carry both languages: the
article's Chinese first, English under it as small subtext (`-# …`), one line per option so
nothing breaks on a phone's wrap. Replies to one member follow that member's Discord locale.

The closed post reads top to bottom as answer → distribution → who was right → explanation →
source, and states the answer once (the green button below it aside).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

import discord

from bot.content.model import Article, QuizQuestion
from bot.content.naming import long_name, paragraph_ref, short_label, short_name, short_title
from bot.i18n import EN, ZH, language_of, t
from bot.quiz import source_passage as passage
from bot.quiz.rules import LETTERS, letter
from bot.quiz.scores import MemberStats, Standing
from bot.quiz.store import Quiz, Tally
from bot.scheduling.recurrence import discord_timestamp
from bot.search.excerpt_window import snippet
from bot.ui.limits import BUTTON_LABEL_MAX, ELLIPSIS, EMBED_FIELD_VALUE_MAX, clip, fit_embed
from bot.ui.passage_embed import citation, escape

QUIZ_COLOUR = discord.Colour.blurple()
CLOSED_COLOUR = discord.Colour.dark_grey()
RIGHT_COLOUR = discord.Colour.green()
WRONG_COLOUR = discord.Colour.red()
BAR_WIDTH = 10
LEADERBOARD_SIZE = 10
# Button labels: the option's first clause, or its start, so four buttons fit a phone's width.
BUTTON_CHARS_ZH = 14
BUTTON_CHARS_EN = 32
_CLAUSE_END = re.compile(r"[，；：,;:（(]")


def both(key: str, /, **values: object) -> str:
    """A label in Chinese and English, for messages everyone in the channel reads."""
    return f"{t(key, ZH, **values)} · {t(key, EN, **values)}"


def subtext(text: str) -> str:
    """Small grey text (`-# …`), each line on its own: Discord's subtext covers one line."""
    return "\n".join(f"-# {line.strip()}" for line in text.splitlines() if line.strip())


def both_lines(key: str, /, **values: object) -> str:
    """A sentence in Chinese, then in English as subtext under it (too long to share a line)."""
    return f"{t(key, ZH, **values)}\n{subtext(t(key, EN, **values))}"


def when(moment: datetime) -> str:
    return f"{discord_timestamp(moment, 'F')} ({discord_timestamp(moment, 'R')})"


def find_question(article: Article | None, question_id: str) -> QuizQuestion | None:
    if article is None:
        return None
    return next((q for q in article.questions if q.id == question_id), None)


def section_line(article: Article, section_id: str) -> str:
    """The public post's section: its short label, and the English short title when it has one
    (`二/第二 首脑外交 · Summit diplomacy`); the path stays as printed, since /section takes it."""
    try:
        section = article.section(section_id)
    except KeyError:
        return short_name(article, section_id)
    chinese = short_label(section, ZH)
    english = short_title(section, EN)
    return chinese if not english or english in chinese else f"{chinese} · {english}"


def _english(locale: object | None) -> bool:
    """Whether a reader gets English first; no locale means a public post (Chinese first)."""
    return locale is not None and language_of(locale) == EN


def _languages(locale: object | None) -> tuple[str, str]:
    return (EN, ZH) if _english(locale) else (ZH, EN)


def question_text(question: QuizQuestion, locale: object | None = None) -> str:
    first, second = _languages(locale)
    texts = {ZH: question.question_zh, EN: question.question_en}
    return f"**{texts[first]}**\n{subtext(texts[second])}"


def option_text(question: QuizQuestion, index: int, locale: object | None) -> str:
    options = question.options_en if _english(locale) else question.options_zh
    return options[index]


def option_lines(
    question: QuizQuestion,
    locale: object | None = None,
    *,
    correct: int | None = None,
    chosen: int | None = None,
) -> str:
    """One line per option in the reader's language, the other language as subtext under it."""
    first, second = _languages(locale)
    options = {ZH: question.options_zh, EN: question.options_en}
    lines = []
    for index, key in enumerate(LETTERS):
        mark = ""
        if correct is not None and index == correct:
            mark = " ✅"
        elif chosen is not None and index == chosen:
            mark = " ❌"
        lines.append(f"**{key}.** {options[first][index]}{mark}\n{subtext(options[second][index])}")
    return "\n".join(lines)


_QUOTES = (("“", "”"), ("‘", "’"), ("《", "》"), ("「", "」"))


def short_option(text: str, locale: object | None = None) -> str:
    """A button's option text: its first clause when that is short, else its start, never cut
    inside a number or a Latin word (`search.excerpt.snippet`), marked with an ellipsis."""
    limit = BUTTON_CHARS_EN if _english(locale) else BUTTON_CHARS_ZH
    text = " ".join(text.split())
    clause = _CLAUSE_END.split(text, maxsplit=1)[0].strip()
    if clause != text and 2 <= len(clause) <= limit:
        return clause + ELLIPSIS
    short = snippet(text, [], limit)
    if short.endswith(ELLIPSIS):
        body = short.removesuffix(ELLIPSIS)
        # never leave a quotation open: `百分…` after `“` reads as a broken quote
        for opening, closing in _QUOTES:
            if body.count(opening) > body.count(closing):
                cut = body.rfind(opening)
                body = body[:cut] if cut >= 2 else body
        short = body.rstrip(" ,;:，、") + ELLIPSIS
    return short


def button_labels(question: QuizQuestion | None, locale: object | None = None) -> list[str]:
    """`A · 美国仍居“主导国”地位…` for each option; letters alone when the question is gone."""
    if question is None:
        return list(LETTERS)
    return [
        clip(
            f"{key} · {short_option(option_text(question, index, locale), locale)}",
            BUTTON_LABEL_MAX,
        )
        for index, key in enumerate(LETTERS)
    ]


def chosen_option(question: QuizQuestion | None, choice: int, locale: object) -> str:
    """The chosen option's text for a receipt (the letter alone if the question left the bank)."""
    return option_text(question, choice, locale) if question is not None else letter(choice)


def _answer_value(question: QuizQuestion | None, correct: int) -> str:
    if question is None:
        return f"**{letter(correct)}**"
    return f"**{letter(correct)}.** {question.options_zh[correct]}\n{subtext(question.options_en[correct])}"


def _explanation(question: QuizQuestion, locale: object | None) -> str:
    first, second = _languages(locale)
    texts = {ZH: question.explanation_zh, EN: question.explanation_en}
    return f"{texts[first]}\n{subtext(texts[second])}"


def source_text(article: Article, question: QuizQuestion) -> str:
    """The cited sentence as a quote, then the citation: author, title, journal, the section's
    short label and the paragraph (`… · 二/第二 首脑外交 ¶21`)."""
    source = passage.source_of(article, question)
    try:
        where = citation(article, article.section(source.section_id))
    except KeyError:
        where = f"{article.meta.citation} · {source.section_path}"
    if source.paragraph_ordinal > 0:
        where = f"{where} {paragraph_ref(source.paragraph_ordinal)}"
    line = subtext(f"— {where}")
    quote = clip(escape(source.sentence), EMBED_FIELD_VALUE_MAX - len(line) - 4)
    return f"> {quote}\n{line}"


# -- the public post ---------------------------------------------------------------------------


def answered_line(count: int) -> str:
    if count == 0:
        return f"🗳️ {both('quiz.post.no_answers')}"
    return f"🗳️ {both('quiz.post.answered', count=count)}"


def quiz_embed(
    quiz: Quiz, question: QuizQuestion, article: Article, *, answered: int = 0
) -> discord.Embed:
    """The open post: the section as a small line on top, question, options, then when it
    closes (relative, with the time of day) and the live answer count."""
    closes = f"{discord_timestamp(quiz.closes_at, 'R')} ({discord_timestamp(quiz.closes_at, 't')})"
    status = f"⏰ {both('quiz.post.closes')} {closes}\n{answered_line(answered)}"
    embed = discord.Embed(
        title=both("quiz.post.title", id=quiz.id),
        description=f"{question_text(question)}\n\n{option_lines(question)}\n\n{status}",
        colour=QUIZ_COLOUR,
    )
    embed.set_author(name=f"📖 {section_line(article, question.section_id)}")
    embed.set_footer(text=both("quiz.post.footer"))
    return fit_embed(embed)


def distribution(tally: Tally) -> str:
    """A bar per option with its count and share, then the total (the answer is stated above)."""
    lines = []
    for index, count in enumerate(tally.counts):
        share = count / tally.total if tally.total else 0.0
        filled = round(share * BAR_WIDTH)
        bar = "▓" * filled + "░" * (BAR_WIDTH - filled)
        lines.append(f"`{letter(index)}` {bar} {count} ({share:.0%})")
    lines.append(subtext(both("quiz.results.total", count=tally.total)))
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
    """The closed post, in reveal order: answer, distribution, who was right, explanation, source.
    The options are not repeated: the buttons below keep their text, the right one green."""
    if question is None or article is None:
        description = both("quiz.results.missing_question", letter=letter(quiz.correct_choice))
    else:
        description = question_text(question)
    embed = discord.Embed(
        title=both("quiz.results.title", id=quiz.id),
        description=description,
        colour=CLOSED_COLOUR,
        timestamp=quiz.closed_at or quiz.closes_at,
    )
    if question is not None:
        embed.add_field(
            name=f"✅ {both('quiz.results.answer')}",
            value=_answer_value(question, quiz.correct_choice),
            inline=False,
        )
    embed.add_field(
        name=f"📊 {both('quiz.results.distribution')}",
        value=distribution(tally),
        inline=False,
    )
    embed.add_field(
        name=f"🎯 {both('quiz.results.correct_members', count=len(tally.correct_user_ids))}",
        value=mention_list(tally.correct_user_ids),
        inline=False,
    )
    if question is not None and article is not None:
        embed.add_field(
            name=f"💡 {both('quiz.results.explanation')}",
            value=_explanation(question, None),
            inline=False,
        )
        embed.add_field(
            name=f"📖 {both('quiz.results.source')}",
            value=source_text(article, question),
            inline=False,
        )
    return fit_embed(embed)


def closing_notice(quiz: Quiz, tally: Tally) -> str:
    """The reply under the closed post: "3 of 6 right" (the answer itself is in the post)."""
    if tally.total == 0:
        return both_lines("quiz.results.notice_nobody", id=quiz.id)
    return both_lines(
        "quiz.results.notice", id=quiz.id, right=len(tally.correct_user_ids), total=tally.total
    )


# -- practice ------------------------------------------------------------------------------------


def practice_embed(question: QuizQuestion, article: Article, locale: object) -> discord.Embed:
    embed = discord.Embed(
        title=t("quiz.practice.title", locale),
        description=f"{question_text(question, locale)}\n\n{option_lines(question, locale)}",
        colour=QUIZ_COLOUR,
    )
    embed.add_field(
        name=t("quiz.practice.section", locale),
        value=long_name(article, question.section_id, locale),
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


def place(rank: int, locale: object) -> str:
    """`1st`, `2nd`, `11th`, `23rd` in English; the bare number in Chinese (`第 {place} 名`)."""
    if language_of(locale) != EN:
        return str(rank)
    suffix = "th" if 11 <= rank % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def leaderboard_embed(standings: Sequence[Standing], period: str, locale: object) -> discord.Embed:
    """The public board: members with at least one right answer; shared places say "tied"."""
    period_name = t(f"quiz.period.{period}", locale)
    embed = discord.Embed(
        title=t("quiz.leaderboard.title", locale, period=period_name), colour=QUIZ_COLOUR
    )
    if not standings:
        key = "quiz.leaderboard.empty" if period == "all" else "quiz.leaderboard.empty_period"
        embed.description = t(key, locale, period=period_name)
        return embed
    medals = {1: "🥇", 2: "🥈", 3: "🥉"}
    lines = []
    for s in standings:
        line = t(
            "quiz.leaderboard.line",
            locale,
            rank=medals.get(s.rank, f"{s.rank}."),
            member=f"<@{s.user_id}>",
            correct=s.correct,
            answered=s.answered,
            accuracy=percent(s.accuracy),
        )
        lines.append(line + (t("quiz.leaderboard.tied", locale) if s.tied > 1 else ""))
    embed.description = "\n".join(lines)
    embed.set_footer(text=t("quiz.leaderboard.footer", locale))
    return fit_embed(embed)


def own_rank_line(mine: Standing | None, locale: object) -> str:
    """What the caller of /quiz leaderboard is told privately about their own place."""
    if mine is None:
        return t("quiz.leaderboard.you_none", locale)
    values = {"place": place(mine.rank, locale), "correct": mine.correct, "answered": mine.answered}
    if mine.tied == 1:
        return t("quiz.leaderboard.you", locale, **values)
    if mine.tied == 2:
        return t("quiz.leaderboard.you_tied_one", locale, **values)
    return t("quiz.leaderboard.you_tied", locale, others=mine.tied - 1, **values)


def rank_text(stats: MemberStats, locale: object) -> str:
    if stats.rank is None:
        return t("quiz.stats.unranked", locale)
    if stats.tied > 1:
        return t("quiz.stats.place_tied", locale, place=place(stats.rank, locale), count=stats.tied)
    return t("quiz.stats.place", locale, place=place(stats.rank, locale))


def stats_embed(
    stats: MemberStats, member: discord.abc.User, locale: object, *, own: bool = False
) -> discord.Embed:
    """A member's numbers; `own` (the caller asking about themself) speaks to them as "you"."""
    name = escape(member.display_name)
    embed = discord.Embed(
        title=t("quiz.stats.title_you", locale)
        if own
        else t("quiz.stats.title", locale, member=name),
        colour=QUIZ_COLOUR,
    )
    if stats.answered == 0:
        embed.description = (
            t("quiz.stats.none_you", locale)
            if own
            else t("quiz.stats.none", locale, member=member.mention)
        )
    else:
        embed.add_field(name=t("quiz.stats.answered", locale), value=str(stats.answered))
        embed.add_field(name=t("quiz.stats.correct", locale), value=str(stats.correct))
        embed.add_field(name=t("quiz.stats.accuracy", locale), value=percent(stats.accuracy))
        embed.add_field(
            name=t("quiz.stats.current_streak", locale), value=str(stats.current_streak)
        )
        embed.add_field(name=t("quiz.stats.best_streak", locale), value=str(stats.best_streak))
        embed.add_field(name=t("quiz.stats.rank", locale), value=rank_text(stats, locale))
    if stats.awaiting_results:
        key = "quiz.stats.awaiting_you" if own else "quiz.stats.awaiting"
        embed.set_footer(text=t(key, locale, count=stats.awaiting_results))
    return fit_embed(embed)
