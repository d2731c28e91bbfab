"""Quizzes and answers on a real, migrated SQLite file."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.quiz.rules import AlreadyAnswered, QuizClosed, QuizNotFound
from bot.quiz.store import MAX_ANNOUNCE_ATTEMPTS, QuizStore
from tests.factories import quiz_article

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
DAY = timedelta(hours=24)
ARTICLE = quiz_article()


async def _quiz(store: QuizStore, **extra: object):
    values: dict = dict(guild_id=1, channel_id=10, article=ARTICLE, now=NOW, duration=DAY)
    values.update(extra)
    return await store.create(**values)


async def _posted(store: QuizStore, message_id: int = 500, **extra: object):
    quiz = await _quiz(store, **extra)
    await store.mark_posted(quiz.id, message_id)
    return await store.get(quiz.id)


async def test_quiz_row_exists_before_posting(quiz_store: QuizStore) -> None:
    """A new quiz is pending, without a message, closing after its duration."""
    quiz = await _quiz(quiz_store)
    assert (quiz.status, quiz.message_id, quiz.closes_at) == ("pending", None, NOW + DAY)
    assert (
        quiz.correct_choice
        == quiz_article()
        .questions[[q.id for q in ARTICLE.questions].index(quiz.question_id)]
        .answer
    )


async def test_same_occurrence_reuses_its_quiz(quiz_store: QuizStore) -> None:
    """Creating the quiz of an occurrence twice returns the same row (a retry after a crash)."""
    first = await _quiz(quiz_store, occurrence_id=77)
    second = await _quiz(quiz_store, occurrence_id=77)
    assert first.id == second.id


async def test_rotation_in_the_store_never_repeats_within_a_cycle(quiz_store: QuizStore) -> None:
    """Six quizzes in one guild: the first five differ, the sixth opens cycle 2."""
    quizzes = [await _quiz(quiz_store) for _ in range(6)]
    assert len({q.question_id for q in quizzes[:5]}) == 5
    assert [q.cycle for q in quizzes] == [1, 1, 1, 1, 1, 2]


async def test_rotation_is_per_guild(quiz_store: QuizStore) -> None:
    """Another guild's quizzes do not use up this guild's questions."""
    for _ in range(5):
        await _quiz(quiz_store, guild_id=2)
    quiz = await _quiz(quiz_store, guild_id=1)
    assert quiz.cycle == 1


async def test_failed_post_releases_its_question(quiz_store: QuizStore) -> None:
    """A quiz whose post failed does not count as asked: the next quiz may ask it."""
    failed = await _quiz(quiz_store)
    await quiz_store.mark_failed(failed.id)
    retry = await _quiz(quiz_store)
    assert retry.question_id == failed.question_id


async def test_mark_posted_opens_the_quiz(quiz_store: QuizStore) -> None:
    """Recording the message id makes the quiz open."""
    quiz = await _posted(quiz_store, message_id=999)
    assert (quiz.status, quiz.message_id) == ("open", 999)


async def test_first_answer_is_recorded(quiz_store: QuizStore) -> None:
    """An answer returns a receipt with the choice and the closing time."""
    quiz = await _posted(quiz_store)
    receipt = await quiz_store.record_answer(quiz.id, 42, 2, NOW + timedelta(minutes=1))
    assert (receipt.choice, receipt.closes_at) == (2, NOW + DAY)
    assert await quiz_store.answer_of(quiz.id, 42) == 2


async def test_second_answer_is_refused_with_the_first(quiz_store: QuizStore) -> None:
    """A second click raises AlreadyAnswered naming the first choice, which stays."""
    quiz = await _posted(quiz_store)
    await quiz_store.record_answer(quiz.id, 42, 1, NOW)
    with pytest.raises(AlreadyAnswered) as refused:
        await quiz_store.record_answer(quiz.id, 42, 3, NOW)
    assert refused.value.choice == 1
    assert await quiz_store.answer_of(quiz.id, 42) == 1


async def test_answer_after_closing_time_is_refused(quiz_store: QuizStore) -> None:
    """At closes_at answers stop even before the sweeper has closed the quiz."""
    quiz = await _posted(quiz_store)
    with pytest.raises(QuizClosed):
        await quiz_store.record_answer(quiz.id, 42, 0, NOW + DAY)
    assert await quiz_store.answer_of(quiz.id, 42) is None


async def test_answer_to_closed_quiz_is_refused(quiz_store: QuizStore) -> None:
    """After an early close the quiz refuses answers, naming when it closed."""
    quiz = await _posted(quiz_store)
    await quiz_store.close(quiz.id, NOW + timedelta(hours=1))
    with pytest.raises(QuizClosed) as refused:
        await quiz_store.record_answer(quiz.id, 42, 0, NOW + timedelta(hours=2))
    assert refused.value.closed_at == NOW + timedelta(hours=1)


async def test_unknown_or_failed_quiz_is_not_found(quiz_store: QuizStore) -> None:
    """Clicks on an unknown or failed quiz raise QuizNotFound."""
    failed = await _quiz(quiz_store)
    await quiz_store.mark_failed(failed.id)
    for quiz_id in (failed.id, 12345):
        with pytest.raises(QuizNotFound):
            await quiz_store.record_answer(quiz_id, 42, 0, NOW)


async def test_correctness_uses_the_snapshot(quiz_store: QuizStore) -> None:
    """Right and wrong answers are tallied against the quiz's stored correct choice."""
    quiz = await _posted(quiz_store)
    wrong = (quiz.correct_choice + 1) % 4
    await quiz_store.record_answer(quiz.id, 1, quiz.correct_choice, NOW)
    await quiz_store.record_answer(quiz.id, 2, wrong, NOW)
    await quiz_store.record_answer(quiz.id, 3, quiz.correct_choice, NOW)
    tally = await quiz_store.tally(quiz.id)
    assert tally.counts[quiz.correct_choice] == 2
    assert tally.counts[wrong] == 1
    assert tally.correct_user_ids == (1, 3)
    assert tally.total == 3


async def test_concurrent_clicks_record_each_member_once(quiz_store: QuizStore) -> None:
    """300 members clicking twice at once: 300 answers, 300 refusals, first choices kept."""
    quiz = await _posted(quiz_store)

    async def click(user: int, choice: int) -> str:
        try:
            await quiz_store.record_answer(quiz.id, user, choice, NOW)
        except AlreadyAnswered:
            return "double"
        return "ok"

    clicks = [click(u, u % 4) for u in range(300)] + [click(u, (u + 1) % 4) for u in range(300)]
    outcomes = await asyncio.gather(*clicks)
    assert outcomes.count("ok") == 300 and outcomes.count("double") == 300
    assert (await quiz_store.tally(quiz.id)).total == 300
    assert all([await quiz_store.answer_of(quiz.id, u) == u % 4 for u in range(0, 300, 37)])


async def test_close_happens_once(quiz_store: QuizStore) -> None:
    """Closing returns the closed quiz the first time and None afterwards."""
    quiz = await _posted(quiz_store)
    closed = await quiz_store.close(quiz.id, NOW + DAY)
    assert closed is not None and closed.status == "closed"
    assert await quiz_store.close(quiz.id, NOW + DAY) is None


async def test_close_without_post_marks_failed(quiz_store: QuizStore) -> None:
    """A quiz whose post was never confirmed is failed at closing, not shown as closed."""
    quiz = await _quiz(quiz_store)
    closed = await quiz_store.close(quiz.id, NOW + DAY)
    assert closed is not None and closed.status == "failed"


async def test_due_to_close_lists_only_expired_quizzes(quiz_store: QuizStore) -> None:
    """Only open quizzes past their closing time are due."""
    short = await _posted(quiz_store, duration=timedelta(hours=1))
    await _posted(quiz_store, duration=DAY)
    due = await quiz_store.due_to_close(NOW + timedelta(hours=2))
    assert [q.id for q in due] == [short.id]


async def test_unannounced_until_marked_or_given_up(quiz_store: QuizStore) -> None:
    """A closed quiz awaits its results edit until announced or after too many failures."""
    first = await _posted(quiz_store)
    second = await _posted(quiz_store)
    for quiz in (first, second):
        await quiz_store.close(quiz.id, NOW + DAY)
    await quiz_store.mark_announced(first.id, NOW + DAY)
    for _ in range(MAX_ANNOUNCE_ATTEMPTS):
        assert [q.id for q in await quiz_store.unannounced()] == [second.id]
        await quiz_store.announce_failed(second.id)
    assert await quiz_store.unannounced() == []


async def test_open_in_channel(quiz_store: QuizStore) -> None:
    """Open quizzes are found per channel and guild; closed ones are not."""
    here = await _posted(quiz_store, channel_id=10)
    await _posted(quiz_store, channel_id=11)
    closed = await _posted(quiz_store, channel_id=10)
    await quiz_store.close(closed.id, NOW)
    found = await quiz_store.open_in_channel(1, 10, NOW)
    assert [q.id for q in found] == [here.id]
    assert await quiz_store.open_in_channel(2, 10, NOW) == []


async def test_retry_after_failed_send_reopens_the_quiz(quiz_store: QuizStore) -> None:
    """A run retried after its send failed reuses the quiz, pending again, so it can be posted."""
    first = await _quiz(quiz_store, occurrence_id=5)
    await quiz_store.mark_failed(first.id)
    retry = await _quiz(quiz_store, occurrence_id=5)
    assert (retry.id, retry.status) == (first.id, "pending")
    await quiz_store.mark_posted(retry.id, 600)
    assert (await quiz_store.get(retry.id)).status == "open"
