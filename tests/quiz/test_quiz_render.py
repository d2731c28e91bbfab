"""How quiz messages look: bilingual posts, results within Discord's limits, mentions that fit."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.cogs import quiz_render as render
from bot.quiz.store import Quiz, Tally
from bot.ui.limits import EMBED_FIELD_VALUE_MAX, EMBED_TOTAL_MAX
from tests.quiz import quizkit

ARTICLE = quizkit.article()
QUESTION = ARTICLE.questions[0]  # q1, answer B
CLOSES = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)


def _quiz(**changes: object) -> Quiz:
    values: dict = dict(
        id=7,
        guild_id=1,
        channel_id=2,
        message_id=3,
        article_slug=ARTICLE.meta.slug,
        question_id=QUESTION.id,
        section_id=QUESTION.section_id,
        correct_choice=QUESTION.answer,
        cycle=1,
        occurrence_id=None,
        schedule_id=None,
        created_by=None,
        status="closed",
        created_at=CLOSES,
        closes_at=CLOSES,
        closed_at=CLOSES,
        announced_at=None,
        announce_attempts=0,
    )
    values.update(changes)
    return Quiz(**values)


def test_post_is_bilingual_with_all_options() -> None:
    """The post shows the question and every option in Chinese and English, and the deadline."""
    embed = render.quiz_embed(_quiz(status="open"), QUESTION, ARTICLE).to_dict()
    for text in (QUESTION.question_zh, QUESTION.question_en, "**D.** 丁", "delta"):
        assert text in embed["description"]
    assert f"<t:{int(CLOSES.timestamp())}:F>" in str(embed["fields"])


def test_mentions_are_cut_to_fit_a_field() -> None:
    """300 correct members fit in one field value, ending with how many more there are."""
    text = render.mention_list(list(range(10**17, 10**17 + 300)))
    assert len(text) <= EMBED_FIELD_VALUE_MAX
    assert text.endswith("more") and "<@100000000000000000>" in text


def test_nobody_correct_says_so() -> None:
    """With no correct answers, the field says nobody rather than being empty."""
    assert "Nobody" in render.mention_list([])


def test_results_within_embed_limits_for_a_big_tally() -> None:
    """Results for 500 answers stay within Discord's 6000-character embed limit."""
    users = tuple(range(10**17, 10**17 + 500))
    embed = render.results_embed(_quiz(), QUESTION, ARTICLE, Tally((10, 480, 5, 5), users))
    assert len(embed) <= EMBED_TOTAL_MAX
    assert "480 (96%)" in str(embed.to_dict())


def test_results_when_question_left_the_bank() -> None:
    """A question removed from the content still closes, naming the stored answer letter."""
    embed = render.results_embed(_quiz(), None, ARTICLE, Tally((0, 1, 0, 0), (5,)))
    assert "answer was B" in (embed.description or "")


def test_practice_follows_the_member_language() -> None:
    """An English member sees the English question first; a Chinese one the Chinese."""
    english = render.practice_embed(QUESTION, ARTICLE, "en-US").description or ""
    chinese = render.practice_embed(QUESTION, ARTICLE, "zh-CN").description or ""
    assert english.index(QUESTION.question_en) < english.index(QUESTION.question_zh)
    assert chinese.index(QUESTION.question_zh) < chinese.index(QUESTION.question_en)
