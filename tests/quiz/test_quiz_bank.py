"""Question rotation: every question once per cycle, per-guild order, preferred and chosen sections."""

from __future__ import annotations

import pytest

from bot.quiz import bank
from bot.quiz.rules import NoQuestions
from tests.factories import quiz_article

ARTICLE = quiz_article()


def _run(guild_id: int, count: int) -> list[tuple[str, int]]:
    used: dict[str, int] = {}
    cycle = 1
    picks = []
    for order in range(count):
        chosen = bank.pick(ARTICLE.questions, used, guild_id=guild_id, cycle=cycle)
        if chosen.cycle != cycle:
            used, cycle = {}, chosen.cycle
        used[chosen.question.id] = order
        picks.append((chosen.question.id, chosen.cycle))
    return picks


def test_every_question_once_per_cycle() -> None:
    """Five picks from a five-question bank are five different questions in cycle 1."""
    picks = _run(guild_id=1, count=5)
    assert sorted(q for q, _ in picks) == ["q1", "q2", "q3", "q4", "q5"]
    assert {c for _, c in picks} == {1}


def test_new_cycle_after_the_bank_is_used_up() -> None:
    """The sixth pick starts cycle 2, and cycle 2 again covers every question."""
    picks = _run(guild_id=1, count=10)
    assert picks[5][1] == 2
    assert sorted(q for q, _ in picks[5:]) == ["q1", "q2", "q3", "q4", "q5"]


def test_order_differs_between_guilds_and_is_stable() -> None:
    """Two guilds get different orders; the same guild always gets the same one."""
    assert _run(guild_id=1, count=5) == _run(guild_id=1, count=5)
    orders = {tuple(q for q, _ in _run(guild_id=g, count=5)) for g in range(1, 8)}
    assert len(orders) > 1


def test_preferred_section_includes_subsections() -> None:
    """Preferring 一 picks a question on 一 or 一/(一) while one is unused."""
    prefer = bank.section_ids(ARTICLE, "s1")
    first = bank.pick(ARTICLE.questions, {}, guild_id=3, cycle=1, prefer=prefer)
    second = bank.pick(
        ARTICLE.questions, {first.question.id: 1}, guild_id=3, cycle=1, prefer=prefer
    )
    assert {first.question.id, second.question.id} == {"q1", "q2"}


def test_preferred_section_used_up_falls_back_without_repeat() -> None:
    """When the preferred section has no unused question, another unused one is asked."""
    prefer = bank.section_ids(ARTICLE, "conclusion")
    chosen = bank.pick(ARTICLE.questions, {"q5": 1}, guild_id=3, cycle=1, prefer=prefer)
    assert chosen.question.id != "q5"
    assert chosen.cycle == 1


def test_only_section_restricts_the_choice() -> None:
    """Asking for 二 only ever gives q3 or q4."""
    only = bank.section_ids(ARTICLE, "s2")
    chosen = bank.pick(ARTICLE.questions, {}, guild_id=9, cycle=1, only=only)
    assert chosen.question.section_id == "s2"


def test_only_section_used_up_repeats_the_oldest() -> None:
    """A used-up chosen section repeats its least recently asked question, in the same cycle."""
    only = bank.section_ids(ARTICLE, "s2")
    chosen = bank.pick(ARTICLE.questions, {"q3": 7, "q4": 2}, guild_id=9, cycle=1, only=only)
    assert (chosen.question.id, chosen.cycle) == ("q4", 1)


def test_empty_bank_is_refused() -> None:
    """No questions at all raises NoQuestions."""
    with pytest.raises(NoQuestions):
        bank.pick((), {}, guild_id=1, cycle=1)


def test_sections_with_questions_lists_parents_too() -> None:
    """一 counts because its subsection has a question; order is reading order."""
    assert bank.sections_with_questions(ARTICLE) == ["s1", "s1-1", "s2", "conclusion"]


def test_questions_in_section_tree() -> None:
    """questions_in(一) covers 一 and 一/(一)."""
    assert [q.id for q in bank.questions_in(ARTICLE, "s1")] == ["q1", "q2"]
