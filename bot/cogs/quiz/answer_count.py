"""The open quiz post's live "N answered" line, edited at most once a minute per post.

A click only notes that the post is behind (synchronously, no await), so the member's reply never
waits for it; the edit runs in the background after the reply when the post's last count edit is
a minute old, and otherwise on a later runner tick (every 30 s) once the minute is up. The number
is always read from the answers table, never counted in memory: an edit that was skipped, failed
or cut off by a restart loses nothing, the next edit and the closed post show the true total.

Every edit of a quiz post holds that quiz's lock, which the results edit takes too, and re-reads
the quiz inside it: a slow count edit can never land after the results and reopen a closed post.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import discord

from bot.cogs.quiz import embeds as render
from bot.quiz.store import QuizStore
from bot.scheduling.runner import FireDeferred

if TYPE_CHECKING:
    from bot.cogs.quiz.poster import QuizPoster

log = logging.getLogger(__name__)

EDIT_INTERVAL = timedelta(minutes=1)


@dataclass
class _Post:
    shown: int | None  # the count the post shows; None: unknown (first seen after a restart)
    edited_at: datetime | None  # the last count edit; after a restart, when the post was first seen
    behind: bool = False  # answers arrived since the count was last read
    gone: bool = False  # the post was deleted: never edited again


class LiveCount:
    def __init__(self, poster: QuizPoster, store: QuizStore) -> None:
        self.poster = poster
        self.store = store
        self._posts: dict[int, _Post] = {}
        self._locks: dict[int, asyncio.Lock] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def lock(self, quiz_id: int) -> asyncio.Lock:
        """The lock every edit of this quiz's post holds (count edits and the results edit)."""
        return self._locks.setdefault(quiz_id, asyncio.Lock())

    def posted(self, quiz_id: int) -> None:
        """A new post shows "no answers yet" and has never been edited."""
        self._posts[quiz_id] = _Post(shown=0, edited_at=None)

    def forget(self, quiz_id: int) -> None:
        self._posts.pop(quiz_id, None)
        lock = self._locks.get(quiz_id)
        if lock is not None and not lock.locked():
            del self._locks[quiz_id]

    def answered(self, quiz_id: int, now: datetime) -> None:
        """A member's answer was stored: refresh the count in the background if the post's last
        count edit is at least a minute old, else leave it to a later tick."""
        post = self._posts.get(quiz_id)
        if post is None:  # a post from before the last restart: wait a minute from now
            post = self._posts[quiz_id] = _Post(shown=None, edited_at=now)
        post.behind = True
        if self._due(post, now):
            post.edited_at = now
            task = asyncio.create_task(self._refresh(quiz_id), name=f"quiz-count-{quiz_id}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    @staticmethod
    def _due(post: _Post, now: datetime) -> bool:
        if post.gone or not post.behind:
            return False
        return post.edited_at is None or now - post.edited_at >= EDIT_INTERVAL

    async def sweep(self, now: datetime) -> None:
        """On every tick: bring the posts that are behind up to date once their minute is up.

        Open posts this process has not seen (it restarted) count as behind from now on, so a
        count the restart left stale is corrected a minute later even if nobody answers again.
        """
        open_posts = {quiz.id for quiz in await self.store.open_posts(now)}
        for quiz_id in set(self._posts) - open_posts:
            self.forget(quiz_id)
        for quiz_id in sorted(open_posts):
            post = self._posts.setdefault(quiz_id, _Post(shown=None, edited_at=now, behind=True))
            if self._due(post, now):
                post.edited_at = now
                await self._refresh(quiz_id)

    async def idle(self) -> None:
        """Wait for the count edits in flight (tests, and a clean shutdown)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def close(self) -> None:
        for task in self._tasks:
            task.cancel()

    async def _refresh(self, quiz_id: int) -> None:
        try:
            async with self.lock(quiz_id):
                await self._edit(quiz_id)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("quiz %s: could not refresh the answer count", quiz_id)

    async def _edit(self, quiz_id: int) -> None:
        post = self._posts.get(quiz_id)
        if post is None or post.gone:
            return
        now = self.poster.services.clock.now()
        quiz = await self.store.get(quiz_id)
        if quiz is None or quiz.message_id is None or quiz.status != "open":
            return  # closing shows the true totals
        if not quiz.accepts_answers(now):
            return
        post.behind = False
        count = await self.store.answer_count(quiz_id)
        if count == (post.shown or 0):
            post.shown = count
            return
        article = self.poster.services.article_named(quiz.article_slug)
        question = render.find_question(article, quiz.question_id)
        try:
            channel = await self.poster.channel(quiz.guild_id, quiz.channel_id)
        except FireDeferred:  # the server is not delivered yet (an outage): try on a later tick
            post.behind = True
            return
        if article is None or question is None or channel is None:
            return
        try:
            await channel.get_partial_message(quiz.message_id).edit(
                embed=render.quiz_embed(quiz, question, article, answered=count),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.NotFound:
            log.info("quiz %s: its post is gone; the count is no longer shown", quiz_id)
            post.gone = True
        except discord.HTTPException as exc:
            log.warning("quiz %s: answer count not updated (%s); will retry", quiz_id, exc)
            post.behind = True
        else:
            post.shown = count
