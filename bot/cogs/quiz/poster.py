"""Posting and closing quizzes: the "quiz" schedule handler, the closing sweeper, `/quiz-mod now`.

Order of a run: the quiz row exists before the post is sent (and is tied to the occurrence, so a
retry reuses it); the buttons carry the quiz id; the message id is recorded after sending. If the
bot dies between sending and recording, `find_existing` finds the post in the channel's recent
history by that quiz id and adopts it, so a run is never posted twice.

Closing is a sweeper on the runner's tick: a quiz that should have closed while the bot was down
is closed by the catch-up tick at start-up. Answers stop at `closes_at` regardless (the store
checks the time), so a late sweep never lets a late answer in. The same tick brings the open
posts' "N answered" lines up to date (`quiz_count`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import discord

from bot.app import ReadingCircleBot
from bot.cogs.announcement import announcement
from bot.cogs.common import services_of
from bot.cogs.quiz import embeds as render
from bot.cogs.quiz.answer_count import LiveCount
from bot.cogs.quiz.buttons import quiz_ids_in, quiz_view
from bot.content.model import Article
from bot.quiz import rules
from bot.quiz.store import Quiz, QuizStore, Tally
from bot.scheduling import reasons
from bot.scheduling.reasons import Reason, ReasonCode
from bot.scheduling.runner import FireFailed
from bot.scheduling.store import Occurrence, Schedule
from bot.services import Services
from bot.ui.channels import require_permissions_to_run, run_channel
from bot.ui.permissions import POST

log = logging.getLogger(__name__)

# What the bot needs in a channel to post a quiz and, after a crash, find its post again.
HISTORY_SCAN_LIMIT = 100

PostableChannel = discord.TextChannel | discord.Thread


class QuizPoster:
    """Discord-side quiz work shared by the scheduler, the sweeper and the commands."""

    def __init__(self, bot: ReadingCircleBot, store: QuizStore) -> None:
        self.bot = bot
        self.store = store
        self.count = LiveCount(self, store)
        # Told (with the schedule's id) when a scheduled quiz was posted or closed by a
        # moderator, so its scheduled event starts or ends now rather than at the next tick.
        self.on_changed: Callable[[list[int]], Awaitable[None]] | None = None

    @property
    def services(self) -> Services:
        return services_of(self.bot)

    # -- posting -------------------------------------------------------------------------------

    async def channel(self, guild_id: int, channel_id: int) -> PostableChannel | None:
        """The quiz's channel or thread, None when it is gone (or is no longer one to post in)."""
        try:
            channel = await run_channel(self.bot, guild_id, channel_id)
        except FireFailed:
            return None
        return channel if isinstance(channel, PostableChannel) else None

    async def send(self, channel: PostableChannel, quiz: Quiz, article: Article) -> discord.Message:
        """Send the post for a recorded quiz and record its message id; failure marks it failed.

        It pings the announcement role when one is set (and nobody else); see cogs.announcement.
        """
        question = render.find_question(article, quiz.question_id)
        assert question is not None, "a quiz is only created from a loaded question"
        ping = await announcement(self.bot, channel)
        try:
            message = await channel.send(
                content=ping.content,
                embed=render.quiz_embed(quiz, question, article),
                view=quiz_view(quiz.id, labels=render.button_labels(question)),
                allowed_mentions=ping.allowed_mentions,
            )
        except discord.HTTPException:
            await self.store.mark_failed(quiz.id)
            raise
        await self.store.mark_posted(quiz.id, message.id)
        self.count.posted(quiz.id)
        return message

    async def discussion_section(self, guild_id: int, now: datetime) -> str | None:
        """The section the guild is discussing (the quiz prefers its questions); None if unknown."""
        try:
            return await self.services.discussions.current_section(guild_id, now)
        except Exception:
            log.exception("could not ask discussions for the current section")
            return None

    # -- the "quiz" schedule handler -------------------------------------------------------------

    async def fire(self, schedule: Schedule, occurrence: Occurrence) -> dict[str, Any]:
        article = await self.services.article_for(schedule.guild_id)
        if article is None or not article.questions:
            raise FireFailed(Reason(ReasonCode.NO_QUESTIONS))
        channel = await self.channel(schedule.guild_id, schedule.channel_id)
        if channel is None:
            raise FireFailed(Reason(ReasonCode.CHANNEL_GONE))
        require_permissions_to_run(channel, POST)
        now = self.services.clock.now()
        quiz = await self.store.create(
            guild_id=schedule.guild_id,
            channel_id=channel.id,
            article=article,
            now=now,
            duration=rules.duration(schedule.payload.get("duration_hours")),
            occurrence_id=occurrence.id,
            schedule_id=schedule.id,
            prefer_section=await self.discussion_section(schedule.guild_id, now),
        )
        if quiz.message_id is None:
            try:
                message = await self.send(channel, quiz, article)
            except discord.HTTPException as exc:
                raise FireFailed(
                    reasons.discord_refused("quiz post", exc.status, exc.text)
                ) from exc
            message_id = message.id
        else:
            message_id = quiz.message_id
        await self._changed(quiz)
        return {"quiz_id": quiz.id, "channel_id": channel.id, "message_id": message_id}

    async def _changed(self, quiz: Quiz) -> None:
        if self.on_changed is None or quiz.schedule_id is None:
            return
        try:
            await self.on_changed([quiz.schedule_id])
        except Exception:  # the quiz is posted (or closed): its event follows on the next tick
            log.exception("the event of schedule %s was not updated", quiz.schedule_id)

    async def find_existing(
        self, schedule: Schedule, occurrence: Occurrence
    ) -> dict[str, Any] | None:
        quiz = await self.store.by_occurrence(occurrence.id)
        if quiz is None:  # the row comes before the post: no row, no post
            return None
        message_id = quiz.message_id or await self.adopt(quiz)
        if message_id is None:
            return None
        return {"quiz_id": quiz.id, "channel_id": quiz.channel_id, "message_id": message_id}

    async def adopt(self, quiz: Quiz) -> int | None:
        """Find a post sent for `quiz` whose id was never recorded, and record it."""
        channel = await self.channel(quiz.guild_id, quiz.channel_id)
        if channel is None or self.bot.user is None:
            return None
        async for message in channel.history(limit=HISTORY_SCAN_LIMIT):
            if message.author.id == self.bot.user.id and quiz.id in quiz_ids_in(message.components):
                await self.store.mark_posted(quiz.id, message.id)
                log.info("adopted message %s as the post of quiz %s", message.id, quiz.id)
                return message.id
        return None

    # -- closing -------------------------------------------------------------------------------

    async def sweep(self, now: datetime) -> None:
        """Close every quiz past its closing time and write the results into its post."""
        for quiz in await self.store.due_to_close(now):
            if quiz.message_id is None:
                try:
                    await self.adopt(quiz)
                except discord.HTTPException:
                    log.warning("could not look for the post of quiz %s", quiz.id)
            await self.store.close(quiz.id, now)
        for quiz in await self.store.unannounced():
            await self.announce(quiz)
        await self.count.sweep(now)

    async def close_now(self, quiz: Quiz) -> Quiz | None:
        """Close one quiz at once (a moderator's `/quiz-mod close`) and show its results."""
        closed = await self.store.close(quiz.id, self.services.clock.now())
        if closed is not None and closed.status == "closed":
            await self.announce(closed)
            await self._changed(closed)
        return closed

    async def announce(self, quiz: Quiz) -> None:
        """Write the results into the post (under the post's lock, so no count edit follows it)."""
        async with self.count.lock(quiz.id):
            await self._announce(quiz)
        self.count.forget(quiz.id)

    async def _announce(self, quiz: Quiz) -> None:
        assert quiz.message_id is not None
        article = self.services.article_named(quiz.article_slug)
        question = render.find_question(article, quiz.question_id)
        tally = await self.store.tally(quiz.id)
        now = self.services.clock.now()
        channel = await self.channel(quiz.guild_id, quiz.channel_id)
        if channel is None:
            log.warning("quiz %s: its channel is gone; results not shown", quiz.id)
            await self.store.mark_announced(quiz.id, now)
            return
        post = channel.get_partial_message(quiz.message_id)
        try:
            await post.edit(
                embed=render.results_embed(quiz, question, article, tally),
                view=quiz_view(
                    quiz.id,
                    closed_answer=quiz.correct_choice,
                    labels=render.button_labels(question),
                ),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.NotFound:
            log.warning("quiz %s: its post was deleted; results not shown", quiz.id)
            await self.store.mark_announced(quiz.id, now)
            return
        except discord.HTTPException as exc:
            log.warning("quiz %s: could not show results (%s); will retry", quiz.id, exc)
            await self.store.announce_failed(quiz.id)
            return
        await self.store.mark_announced(quiz.id, now)
        await self._notify_closed(post, quiz, tally)

    async def _notify_closed(self, post: discord.PartialMessage, quiz: Quiz, tally: Tally) -> None:
        """A short reply under the post ("3 of 6 right"): an edit alone notifies nobody."""
        try:
            await post.reply(
                render.closing_notice(quiz, tally),
                mention_author=False,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException:
            log.info("quiz %s: results notice not sent", quiz.id)
