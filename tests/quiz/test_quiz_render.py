"""How quiz messages look: bilingual posts, results within Discord's limits, mentions that fit."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from bot.cogs.quiz import embeds as render
from bot.quiz.store import Quiz, Tally
from bot.ui.limits import EMBED_FIELD_VALUE_MAX, EMBED_TOTAL_MAX
from tests.factories import quiz_article, quiz_question

ARTICLE = quiz_article()
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
    """The post shows the question and every option on its own line in Chinese, the English as
    subtext under it, then the section, the deadline and the answer count."""
    embed = render.quiz_embed(_quiz(status="open"), QUESTION, ARTICLE, answered=4).to_dict()
    lines = embed["description"].splitlines()
    assert lines[:2] == [f"**{QUESTION.question_zh}**", f"-# {QUESTION.question_en}"]
    for index, key in enumerate("ABCD"):
        at = lines.index(f"**{key}.** {QUESTION.options_zh[index]}")
        assert lines[at + 1] == f"-# {QUESTION.options_en[index]}"
    closes = int(CLOSES.timestamp())
    assert f"⏰ 截止 · Closes <t:{closes}:R> (<t:{closes}:t>)" in lines
    assert embed["author"]["name"] == "📖 一 第一部分"
    assert "🗳️ 4 人已作答 · 4 answered" in lines
    assert not embed.get("fields")


def test_button_labels_are_short_option_texts() -> None:
    """Buttons carry the letter and the option's first clause, or its start cut before a word,
    within Discord's 80 characters."""
    assert render.short_option("美国仍居“主导国”地位，日本由“从属国”升为对等的“伙伴国”") == (
        "美国仍居“主导国”地位…"
    )
    assert (
        render.short_option("两届政府都把修宪定为必须在任内完成的目标")
        == "两届政府都把修宪定为必须在…"
    )
    assert render.short_option("丁") == "丁"
    assert render.short_option("日本政府推进了安保改革2012年底完成") == "日本政府推进了安保改革…"
    english = render.short_option(
        "Both made revising the constitution a goal that had to be met in office", "en-US"
    )
    assert english == "Both made revising the…"
    assert render.short_option("The US stays 'dominant'; Japan rises", "en-US") == (
        "The US stays 'dominant'…"
    )
    labels = render.button_labels(QUESTION)
    assert labels == ["A · 甲", "B · 乙", "C · 丙", "D · 丁"]
    assert render.button_labels(QUESTION, "en-US")[3] == "D · delta"
    assert render.button_labels(None) == ["A", "B", "C", "D"]
    long_question = quiz_question("q9", "s1", "p01", "日美同盟是基轴")
    long_question = dataclasses.replace(long_question, options_en=("x " * 200,) * 4)
    assert all(len(label) <= 80 for label in render.button_labels(long_question, "en"))


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


def test_results_reveal_order_and_answer_once() -> None:
    """Closed post: answer, distribution, who was right, explanation, source; the right option's
    text appears once, the options are not listed again and no bar repeats the ✅."""
    embed = render.results_embed(_quiz(), QUESTION, ARTICLE, Tally((1, 3, 1, 1), (5, 6, 7)))
    names = [f.name or "" for f in embed.fields]
    assert [n.split(" · ")[1] for n in names] == [
        "Answer",
        "How people answered",
        "Got it right (3)",
        "Explanation",
        "Source",
    ]
    text = str(embed.to_dict())
    assert text.count(QUESTION.options_zh[QUESTION.answer]) == 1
    assert text.count(QUESTION.options_en[QUESTION.answer]) == 1
    assert text.count("✅") == 1
    assert QUESTION.options_zh[0] not in text
    assert "-# 共 6 人作答 · 6 answered" in (embed.fields[1].value or "")
    assert embed.fields[4].value.endswith("一 第一部分 ¶1")


def test_closing_notice_counts_right_answers() -> None:
    """The notice under the post says "3 of 6 right", in Chinese with English subtext."""
    text = render.closing_notice(_quiz(), Tally((1, 3, 1, 1), (5, 6, 7)))
    chinese, english = text.splitlines()
    assert "6 人中 3 人答对" in chinese
    assert english.startswith("-# ") and "3 of 6 right" in english


def test_places_in_both_languages() -> None:
    """English ordinals (1st, 2nd, 3rd, 11th, 22nd); Chinese keeps the number."""
    assert [render.place(n, "en-US") for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
    ]
    assert render.place(1, "zh-CN") == "1"


def test_button_labels_never_leave_a_quotation_open() -> None:
    """A cut inside “…” would read as a broken quote: the label stops before the quotation."""
    from bot.cogs.quiz.embeds import short_option

    label = short_option("美国公开撤回了对日本“百分之百支持”的承诺，并要求日本承担更多", "zh-CN")
    assert label == "美国公开撤回了对日本…"
    assert label.count("“") == label.count("”")
