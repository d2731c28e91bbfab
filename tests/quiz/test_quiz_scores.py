"""Leaderboards, member statistics and streaks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.quiz.scores import board, period_start, rank, streaks
from bot.quiz.store import QuizStore
from tests.factories import quiz_article

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)  # a Wednesday
ARTICLE = quiz_article()
SHANGHAI = ZoneInfo("Asia/Shanghai")


async def _closed_quiz(store: QuizStore, answers: dict[int, bool], *, at: datetime = NOW) -> int:
    """A quiz answered by `answers` (user -> right?) and then closed."""
    quiz = await store.create(
        guild_id=1, channel_id=10, article=ARTICLE, now=at, duration=timedelta(hours=1)
    )
    await store.mark_posted(quiz.id, quiz.id + 1000)
    for user, right in answers.items():
        choice = quiz.correct_choice if right else (quiz.correct_choice + 1) % 4
        await store.record_answer(quiz.id, user, choice, at)
    await store.close(quiz.id, at + timedelta(hours=1))
    return quiz.id


def test_streaks_current_and_best() -> None:
    """Current is the run at the end; best is the longest run."""
    assert streaks([True, True, True, False, True]) == (1, 3)
    assert streaks([]) == (0, 0)
    assert streaks([True, False, False]) == (0, 1)


def test_rank_shares_places_on_ties() -> None:
    """Equal (correct, answered) share a rank and know how many share it; the next rank skips."""
    standings = rank([(1, 3, 3), (2, 3, 3), (3, 3, 4), (4, 5, 9)])
    assert [(s.user_id, s.rank, s.tied) for s in standings] == [
        (4, 1, 1),
        (1, 2, 2),
        (2, 2, 2),
        (3, 4, 1),
    ]


def test_three_tied_for_first() -> None:
    """Three equal results are all first, tied three ways; the next member is 4th."""
    standings = rank([(1, 2, 2), (2, 2, 2), (3, 2, 2), (4, 1, 2)])
    assert [(s.rank, s.tied) for s in standings] == [(1, 3), (1, 3), (1, 3), (4, 1)]


def test_board_leaves_out_members_without_a_right_answer() -> None:
    """Nobody is listed with 0 right; the places are counted among those listed."""
    standings = board([(1, 0, 3), (2, 1, 1), (3, 0, 1)])
    assert [(s.user_id, s.rank) for s in standings] == [(2, 1)]


def test_period_start_week_and_month_in_guild_zone() -> None:
    """This week starts Monday 00:00 Shanghai time; this month on the 1st; all has no start."""
    assert period_start("week", NOW, SHANGHAI) == datetime(2026, 3, 1, 16, 0, tzinfo=UTC)
    assert period_start("month", NOW, SHANGHAI) == datetime(2026, 2, 28, 16, 0, tzinfo=UTC)
    assert period_start("all", NOW, SHANGHAI) is None


async def test_leaderboard_counts_only_closed_quizzes(quiz_store: QuizStore) -> None:
    """Answers to an open quiz are not on the leaderboard (they would reveal the answer)."""
    await _closed_quiz(quiz_store, {1: True, 2: False})
    open_quiz = await quiz_store.create(
        guild_id=1, channel_id=10, article=ARTICLE, now=NOW, duration=timedelta(hours=5)
    )
    await quiz_store.mark_posted(open_quiz.id, 1)
    await quiz_store.record_answer(open_quiz.id, 3, open_quiz.correct_choice, NOW)
    listed = await quiz_store.leaderboard(1, since=None)
    assert [(s.user_id, s.correct, s.answered) for s in listed] == [(1, 1, 1)]


async def test_leaderboard_period_filters_old_answers(quiz_store: QuizStore) -> None:
    """A weekly board leaves out answers from before this week."""
    await _closed_quiz(quiz_store, {1: True}, at=NOW - timedelta(days=10))
    await _closed_quiz(quiz_store, {2: True}, at=NOW)
    board = await quiz_store.leaderboard(1, since=period_start("week", NOW, SHANGHAI))
    assert [s.user_id for s in board] == [2]


async def test_leaderboard_is_per_guild(quiz_store: QuizStore) -> None:
    """Another guild's board is empty."""
    await _closed_quiz(quiz_store, {1: True})
    assert await quiz_store.leaderboard(2, since=None) == []


async def test_member_stats_with_streaks(quiz_store: QuizStore) -> None:
    """Stats count closed answers, accuracy and streaks in posting order, plus open ones waiting."""
    for offset, right in enumerate([True, True, False, True]):
        await _closed_quiz(quiz_store, {7: right}, at=NOW + timedelta(hours=2 * offset))
    waiting = await quiz_store.create(
        guild_id=1,
        channel_id=10,
        article=ARTICLE,
        now=NOW + timedelta(days=1),
        duration=timedelta(hours=5),
    )
    await quiz_store.mark_posted(waiting.id, 1)
    await quiz_store.record_answer(waiting.id, 7, 0, NOW + timedelta(days=1))
    stats = await quiz_store.stats(1, 7)
    assert (stats.answered, stats.correct, stats.current_streak, stats.best_streak) == (4, 3, 1, 2)
    assert stats.awaiting_results == 1
    assert stats.accuracy == 0.75
    assert stats.rank == 1


async def test_member_without_answers(quiz_store: QuizStore) -> None:
    """A member who never answered has zero everything and no rank."""
    stats = await quiz_store.stats(1, 99)
    assert (stats.answered, stats.current_streak, stats.rank) == (0, 0, None)


async def test_member_with_only_wrong_answers_has_no_place(quiz_store: QuizStore) -> None:
    """Answered but never right: counted in the stats, not placed on the board."""
    await _closed_quiz(quiz_store, {8: False, 9: True})
    stats = await quiz_store.stats(1, 8)
    assert (stats.answered, stats.correct, stats.rank) == (1, 0, None)
    assert (await quiz_store.stats(1, 9)).rank == 1
