"""Quizzes and answers in SQLite.

Two guarantees matter here, and both are enforced by the database rather than by Python state:
a scheduled run makes at most one quiz (`occurrence_id` is UNIQUE, and the row is created before
the post is sent), and a member answers a quiz at most once (the answers' primary key with
`ON CONFLICT DO NOTHING RETURNING`), however many clicks arrive at the same moment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from bot.content.model import Article
from bot.quiz import bank, scores
from bot.quiz.rules import AlreadyAnswered, QuizClosed, QuizNotFound
from bot.scheduling.recurrence import from_iso, to_iso
from bot.storage.database import transaction

# After this many failed edits of the post the results are given up on (the post was probably
# deleted, or the bot lost access to the channel).
MAX_ANNOUNCE_ATTEMPTS = 5

_COLUMNS = (
    "id, guild_id, channel_id, message_id, article_slug, question_id, section_id, correct_choice,"
    " cycle, occurrence_id, schedule_id, created_by, status, created_at, closes_at, closed_at,"
    " announced_at, announce_attempts"
)


@dataclass(frozen=True, slots=True)
class Quiz:
    id: int
    guild_id: int
    channel_id: int
    message_id: int | None
    article_slug: str
    question_id: str
    section_id: str
    correct_choice: int
    cycle: int
    occurrence_id: int | None
    schedule_id: int | None
    created_by: int | None
    status: str
    created_at: datetime
    closes_at: datetime
    closed_at: datetime | None
    announced_at: datetime | None
    announce_attempts: int

    def accepts_answers(self, now: datetime) -> bool:
        return self.status in ("pending", "open") and now < self.closes_at


@dataclass(frozen=True, slots=True)
class Receipt:
    """A recorded answer (the correct choice is deliberately not part of it)."""

    quiz_id: int
    choice: int
    closes_at: datetime
    question_id: str = ""  # so the receipt can echo the chosen option's text
    article_slug: str = ""  # ... from the article the quiz was posted from


@dataclass(frozen=True, slots=True)
class Tally:
    counts: tuple[int, int, int, int]
    correct_user_ids: tuple[int, ...]  # in the order they answered

    @property
    def total(self) -> int:
        return sum(self.counts)


def _quiz(row: Any) -> Quiz:
    return Quiz(
        id=row[0],
        guild_id=row[1],
        channel_id=row[2],
        message_id=row[3],
        article_slug=row[4],
        question_id=row[5],
        section_id=row[6],
        correct_choice=row[7],
        cycle=row[8],
        occurrence_id=row[9],
        schedule_id=row[10],
        created_by=row[11],
        status=row[12],
        created_at=from_iso(row[13]),
        closes_at=from_iso(row[14]),
        closed_at=from_iso(row[15]) if row[15] else None,
        announced_at=from_iso(row[16]) if row[16] else None,
        announce_attempts=row[17],
    )


class QuizStore:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn

    # -- creating and posting ----------------------------------------------------------------

    async def create(
        self,
        *,
        guild_id: int,
        channel_id: int,
        article: Article,
        now: datetime,
        duration: timedelta,
        occurrence_id: int | None = None,
        schedule_id: int | None = None,
        created_by: int | None = None,
        prefer_section: str | None = None,
        only_section: str | None = None,
    ) -> Quiz:
        """Pick the next question and record the quiz, before anything is sent.

        For a scheduled run the existing quiz of that occurrence is returned instead, so a retry
        after a crash reuses the same quiz id (and the same custom ids on the buttons).
        The pick and the insert share one transaction: two quizzes starting at once in a guild
        cannot draw the same question.
        """
        async with transaction(self.conn):
            if occurrence_id is not None:
                existing = await self._one("WHERE occurrence_id = ?", (occurrence_id,))
                if existing is not None and existing.status == "failed":
                    # A send that failed just before a crash: this retry may still post it.
                    await self.conn.execute(
                        "UPDATE quizzes SET status = 'pending' WHERE id = ? AND message_id IS NULL",
                        (existing.id,),
                    )
                    existing = await self._one("WHERE id = ?", (existing.id,))
                if existing is not None:
                    return existing
            cycle, used = await self._rotation(guild_id, article.meta.slug)
            choice = bank.pick(
                article.questions,
                used,
                guild_id=guild_id,
                cycle=cycle,
                prefer=bank.section_ids(article, prefer_section) if prefer_section else frozenset(),
                only=bank.section_ids(article, only_section) if only_section else None,
            )
            question = choice.question
            cursor = await self.conn.execute(
                "INSERT INTO quizzes (guild_id, channel_id, article_slug, question_id, section_id,"
                " correct_choice, cycle, occurrence_id, schedule_id, created_by, created_at,"
                " closes_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    guild_id,
                    channel_id,
                    article.meta.slug,
                    question.id,
                    question.section_id,
                    question.answer,
                    choice.cycle,
                    occurrence_id,
                    schedule_id,
                    created_by,
                    to_iso(now),
                    to_iso(now + duration),
                ),
            )
            row = await cursor.fetchone()
        assert row is not None
        quiz = await self.get(row[0])
        assert quiz is not None
        return quiz

    async def _rotation(self, guild_id: int, slug: str) -> tuple[int, dict[str, int]]:
        """The guild's current cycle and the questions it has used so far (failed posts don't count)."""
        async with self.conn.execute(
            "SELECT COALESCE(MAX(cycle), 1) FROM quizzes WHERE guild_id = ? AND article_slug = ?",
            (guild_id, slug),
        ) as cursor:
            row = await cursor.fetchone()
        cycle = int(row[0]) if row else 1
        async with self.conn.execute(
            "SELECT question_id, MAX(id) FROM quizzes WHERE guild_id = ? AND article_slug = ?"
            " AND cycle = ? AND status != 'failed' GROUP BY question_id",
            (guild_id, slug, cycle),
        ) as cursor:
            rows = await cursor.fetchall()
        return cycle, {r[0]: r[1] for r in rows}

    async def mark_posted(self, quiz_id: int, message_id: int) -> None:
        async with transaction(self.conn):
            await self.conn.execute(
                "UPDATE quizzes SET message_id = ?,"
                " status = CASE status WHEN 'pending' THEN 'open' ELSE status END"
                " WHERE id = ? AND message_id IS NULL",
                (message_id, quiz_id),
            )

    async def mark_failed(self, quiz_id: int) -> None:
        """The post could not be sent: the quiz never existed for members, its question is unused."""
        async with transaction(self.conn):
            await self.conn.execute(
                "UPDATE quizzes SET status = 'failed' WHERE id = ? AND status = 'pending'",
                (quiz_id,),
            )

    # -- reading -------------------------------------------------------------------------------

    async def _one(self, where: str, params: Sequence[Any]) -> Quiz | None:
        async with self.conn.execute(f"SELECT {_COLUMNS} FROM quizzes {where}", params) as cursor:  # noqa: S608 - constant fragments
            row = await cursor.fetchone()
        return _quiz(row) if row else None

    async def _many(self, where: str, params: Sequence[Any]) -> list[Quiz]:
        async with self.conn.execute(f"SELECT {_COLUMNS} FROM quizzes {where}", params) as cursor:  # noqa: S608 - constant fragments
            rows = await cursor.fetchall()
        return [_quiz(r) for r in rows]

    async def get(self, quiz_id: int) -> Quiz | None:
        return await self._one("WHERE id = ?", (quiz_id,))

    async def by_occurrence(self, occurrence_id: int) -> Quiz | None:
        return await self._one("WHERE occurrence_id = ?", (occurrence_id,))

    async def open_in_channel(self, guild_id: int, channel_id: int, now: datetime) -> list[Quiz]:
        return await self._many(
            "WHERE guild_id = ? AND channel_id = ? AND status IN ('pending', 'open')"
            " AND closes_at > ? ORDER BY id",
            (guild_id, channel_id, to_iso(now)),
        )

    async def due_to_close(self, now: datetime) -> list[Quiz]:
        return await self._many(
            "WHERE status IN ('pending', 'open') AND closes_at <= ? ORDER BY closes_at, id",
            (to_iso(now),),
        )

    async def open_posts(self, now: datetime) -> list[Quiz]:
        """Quizzes taking answers whose post was sent (and so shows a live answer count)."""
        return await self._many(
            "WHERE status = 'open' AND message_id IS NOT NULL AND closes_at > ? ORDER BY id",
            (to_iso(now),),
        )

    async def unannounced(self) -> list[Quiz]:
        """Closed quizzes whose post does not show the results yet (an edit failed or was cut off)."""
        return await self._many(
            "WHERE status = 'closed' AND announced_at IS NULL AND announce_attempts < ?"
            " ORDER BY closes_at, id",
            (MAX_ANNOUNCE_ATTEMPTS,),
        )

    # -- answering -----------------------------------------------------------------------------

    async def record_answer(
        self, quiz_id: int, user_id: int, choice: int, now: datetime
    ) -> Receipt:
        """Record a member's first answer; raises AlreadyAnswered, QuizClosed or QuizNotFound.

        The one statement that matters checks the quiz is still open and inserts in the same
        step, inside a write transaction that is serialised with the closing UPDATE: an answer
        is either counted in the results or refused, never both. The write lock is held for as
        few round trips to the database thread as possible, because 500 members click within a
        second; the refusals are explained afterwards with plain reads.
        """
        quiz = await self._answer_state(quiz_id)
        if quiz is None or quiz[0] == "failed":
            raise QuizNotFound()
        if quiz[0] == "closed" or now >= from_iso(quiz[1]):
            raise QuizClosed(from_iso(quiz[2] or quiz[1]))
        async with transaction(self.conn):
            inserted = await self.conn.execute_fetchall(
                "INSERT INTO quiz_answers (quiz_id, user_id, choice, correct, answered_at)"
                " SELECT id, ?, ?, correct_choice = ?, ? FROM quizzes"
                " WHERE id = ? AND status IN ('pending', 'open') AND closes_at > ?"
                " ON CONFLICT (quiz_id, user_id) DO NOTHING RETURNING choice",
                (user_id, choice, choice, to_iso(now), quiz_id, to_iso(now)),
            )
        if inserted:
            return Receipt(quiz_id, choice, from_iso(quiz[1]), quiz[3], quiz[4])
        previous = await self.answer_of(quiz_id, user_id)
        if previous is not None:
            raise AlreadyAnswered(previous, quiz[3], quiz[4])
        quiz = await self._answer_state(quiz_id)  # closed between the first read and the insert
        assert quiz is not None
        raise QuizClosed(from_iso(quiz[2] or quiz[1]))

    async def _answer_state(self, quiz_id: int) -> tuple[str, str, str | None, str, str] | None:
        rows = await self.conn.execute_fetchall(
            "SELECT status, closes_at, closed_at, question_id, article_slug FROM quizzes"
            " WHERE id = ?",
            (quiz_id,),
        )
        for row in rows:
            return row[0], row[1], row[2], row[3], row[4]
        return None

    async def answer_of(self, quiz_id: int, user_id: int) -> int | None:
        async with self.conn.execute(
            "SELECT choice FROM quiz_answers WHERE quiz_id = ? AND user_id = ?", (quiz_id, user_id)
        ) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def answer_count(self, quiz_id: int) -> int:
        """How many members answered (what the open post's "N answered" line shows)."""
        rows = await self.conn.execute_fetchall(
            "SELECT COUNT(*) FROM quiz_answers WHERE quiz_id = ?", (quiz_id,)
        )
        return int(next(iter(rows))[0])

    async def tally(self, quiz_id: int) -> Tally:
        counts = [0, 0, 0, 0]
        correct: list[int] = []
        async with self.conn.execute(
            "SELECT user_id, choice, correct FROM quiz_answers WHERE quiz_id = ?"
            " ORDER BY answered_at, rowid",
            (quiz_id,),
        ) as cursor:
            async for user_id, choice, is_correct in cursor:
                counts[choice] += 1
                if is_correct:
                    correct.append(user_id)
        return Tally((counts[0], counts[1], counts[2], counts[3]), tuple(correct))

    # -- closing -------------------------------------------------------------------------------

    async def close(self, quiz_id: int, now: datetime) -> Quiz | None:
        """Stop accepting answers; None if it was already closed. A quiz whose post was never
        confirmed is marked failed instead (nothing to show results in, question not used)."""
        async with transaction(self.conn):
            cursor = await self.conn.execute(
                "UPDATE quizzes SET closed_at = ?, closes_at = MIN(closes_at, ?),"
                " status = CASE WHEN message_id IS NULL THEN 'failed' ELSE 'closed' END"
                " WHERE id = ? AND status IN ('pending', 'open') RETURNING id",
                (to_iso(now), to_iso(now), quiz_id),
            )
            row = await cursor.fetchone()
        return await self.get(quiz_id) if row else None

    async def mark_announced(self, quiz_id: int, now: datetime) -> None:
        async with transaction(self.conn):
            await self.conn.execute(
                "UPDATE quizzes SET announced_at = ? WHERE id = ? AND announced_at IS NULL",
                (to_iso(now), quiz_id),
            )

    async def announce_failed(self, quiz_id: int) -> None:
        async with transaction(self.conn):
            await self.conn.execute(
                "UPDATE quizzes SET announce_attempts = announce_attempts + 1 WHERE id = ?",
                (quiz_id,),
            )

    # -- scores ----------------------------------------------------------------------------------

    async def leaderboard(
        self, guild_id: int, *, since: datetime | None, limit: int = 10, article: str | None = None
    ) -> list[scores.Standing]:
        return await scores.leaderboard(
            self.conn, guild_id, since=since, limit=limit, article=article
        )

    async def standings(
        self, guild_id: int, *, since: datetime | None, article: str | None = None
    ) -> list[scores.Standing]:
        """The whole board (members with at least one right answer), best first."""
        return await scores.standings(self.conn, guild_id, since=since, article=article)

    async def per_article(self, guild_id: int, user_id: int) -> list[tuple[str, int, int]]:
        return await scores.per_article(self.conn, guild_id, user_id)

    async def stats(self, guild_id: int, user_id: int) -> scores.MemberStats:
        return await scores.member_stats(self.conn, guild_id, user_id)
