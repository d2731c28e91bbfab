"""Leaderboards, member statistics and streaks.

Only closed quizzes count: while a quiz is open, a score that moved (or did not) would tell the
member whether their answer was right before everyone else sees the results.

A streak is a run of correct answers in the order the quizzes were posted; quizzes a member did
not answer neither extend nor break it (members follow different channels and miss weeks).

The board ranks only members with at least one right answer: a public list of "0/1 (0%)" shames
people for trying. Members with equal results share a place, and know it (`Standing.tied`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from bot.scheduling.recurrence import localize, to_iso

PERIODS = ("week", "month", "all")


@dataclass(frozen=True, slots=True)
class Standing:
    rank: int
    user_id: int
    correct: int
    answered: int
    tied: int = 1  # how many members share this place (1: nobody else)

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True, slots=True)
class MemberStats:
    user_id: int
    answered: int
    correct: int
    current_streak: int
    best_streak: int
    awaiting_results: int  # answers to quizzes that are still open
    rank: int | None  # all-time place on the board, None without a right answer
    tied: int = 1  # how many members share that place

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


def period_start(period: str, now: datetime, zone: ZoneInfo) -> datetime | None:
    """Start (UTC) of the calendar week (from Monday) or month containing `now` in `zone`."""
    if period == "all":
        return None
    local = now.astimezone(zone).date()
    if period == "week":
        first = local - timedelta(days=local.weekday())
    elif period == "month":
        first = local.replace(day=1)
    else:
        raise ValueError(f"unknown period {period!r}")
    return localize(first, time(0, 0), zone)


def streaks(results: Iterable[bool]) -> tuple[int, int]:
    """(current, best) run of consecutive True values; current is the run at the end."""
    current = best = 0
    for correct in results:
        current = current + 1 if correct else 0
        best = max(best, current)
    return current, best


def rank(rows: Sequence[tuple[int, int, int]]) -> list[Standing]:
    """Competition ranking ("1, 1, 3") of (user_id, correct, answered) rows.

    More correct answers rank higher; with equal correct answers, fewer attempts (higher
    accuracy) ranks higher; equal on both means the same rank, and `tied` says how many share it.
    """
    ordered = sorted(rows, key=lambda r: (-r[1], r[2], r[0]))
    places: list[int] = []
    for position, (_, correct, answered) in enumerate(ordered, start=1):
        same = position > 1 and ordered[position - 2][1:] == (correct, answered)
        places.append(places[-1] if same else position)
    sharing = Counter(places)
    return [
        Standing(place, user_id, correct, answered, sharing[place])
        for place, (user_id, correct, answered) in zip(places, ordered, strict=True)
    ]


def board(rows: Sequence[tuple[int, int, int]]) -> list[Standing]:
    """The ranking of the members with at least one right answer."""
    return rank([row for row in rows if row[1] > 0])


async def _totals(
    conn: aiosqlite.Connection, guild_id: int, since: datetime | None, article: str | None = None
) -> list[tuple[int, int, int]]:
    query = (
        "SELECT a.user_id, SUM(a.correct), COUNT(*) FROM quiz_answers a"
        " JOIN quizzes q ON q.id = a.quiz_id"
        " WHERE q.guild_id = ? AND q.status = 'closed'"
    )
    params: list[object] = [guild_id]
    if article is not None:
        query += " AND q.article_slug = ?"
        params.append(article)
    if since is not None:
        query += " AND a.answered_at >= ?"
        params.append(to_iso(since))
    query += " GROUP BY a.user_id"
    async with conn.execute(query, params) as cursor:
        rows = await cursor.fetchall()
    return [(int(r[0]), int(r[1]), int(r[2])) for r in rows]


async def standings(
    conn: aiosqlite.Connection,
    guild_id: int,
    *,
    since: datetime | None,
    article: str | None = None,
) -> list[Standing]:
    """Everyone on the board (at least one right answer), best first; one article's quizzes, or
    every article's when `article` is None."""
    return board(await _totals(conn, guild_id, since, article))


async def leaderboard(
    conn: aiosqlite.Connection,
    guild_id: int,
    *,
    since: datetime | None,
    limit: int = 10,
    article: str | None = None,
) -> list[Standing]:
    return (await standings(conn, guild_id, since=since, article=article))[:limit]


async def per_article(
    conn: aiosqlite.Connection, guild_id: int, user_id: int
) -> list[tuple[str, int, int]]:
    """(article slug, right, answered) of a member's closed quizzes, oldest article first."""
    async with conn.execute(
        "SELECT q.article_slug, SUM(a.correct), COUNT(*), MIN(q.created_at) FROM quiz_answers a"
        " JOIN quizzes q ON q.id = a.quiz_id WHERE q.guild_id = ? AND a.user_id = ?"
        " AND q.status = 'closed' GROUP BY q.article_slug ORDER BY MIN(q.created_at)",
        (guild_id, user_id),
    ) as cursor:
        rows = await cursor.fetchall()
    return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]


async def member_stats(conn: aiosqlite.Connection, guild_id: int, user_id: int) -> MemberStats:
    async with conn.execute(
        "SELECT a.correct, q.status FROM quiz_answers a JOIN quizzes q ON q.id = a.quiz_id"
        " WHERE q.guild_id = ? AND a.user_id = ? AND q.status IN ('open', 'pending', 'closed')"
        " ORDER BY q.created_at, q.id",
        (guild_id, user_id),
    ) as cursor:
        rows = list(await cursor.fetchall())
    closed = [bool(r[0]) for r in rows if r[1] == "closed"]
    current, best = streaks(closed)
    standing = next(
        (s for s in await standings(conn, guild_id, since=None) if s.user_id == user_id), None
    )
    return MemberStats(
        user_id=user_id,
        answered=len(closed),
        correct=sum(closed),
        current_streak=current,
        best_streak=best,
        awaiting_results=len(rows) - len(closed),
        rank=standing.rank if standing else None,
        tied=standing.tied if standing else 1,
    )
