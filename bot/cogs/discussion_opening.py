"""Opening a discussion on Discord: the "discussion" schedule handler, also used by /discuss now.

Order of a run: the runner has claimed the occurrence; the starter message is sent with the
occurrence's marker in its footer; a public thread is started from it with the guild's archive
duration; the prompts are posted in the thread; the discussion is recorded. If the bot dies
anywhere in between, `find_existing` looks for the marked starter in the channel's recent history,
completes what is missing (the thread, the prompts) and records it, so no discussion is ever
opened twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, Literal, cast

import discord

from bot.cogs import discussion_render as render
from bot.cogs.failure_log import CHANNEL_GONE
from bot.content.model import Article
from bot.discussion.starter import Starter, build_starter, find_marker
from bot.discussion.store import DiscussionStore, OpenedDiscussion
from bot.scheduling.runner import FireDeferred, FireFailed
from bot.scheduling.store import Occurrence, Schedule
from bot.ui.permissions import OPEN_THREADS, missing_permissions, missing_permissions_reason

log = logging.getLogger(__name__)

# What the bot needs in the channel to open a discussion and, after a crash, find it again.
HISTORY_SCAN_LIMIT = 100
ArchiveMinutes = Literal[60, 1440, 4320, 10080]


def session_number(schedule: Schedule) -> int | None:
    """The session's number within its reading plan (None outside a plan)."""
    plan = schedule.payload.get("plan")
    number = plan.get("number") if isinstance(plan, dict) else None
    return number if isinstance(number, int) else None


class DiscussionOpener:
    """Discord-side discussion work shared by the scheduler and `/discuss now`."""

    def __init__(self, bot: Any, store: DiscussionStore) -> None:
        self.bot = bot
        self.store = store

    @property
    def services(self) -> Any:
        return self.bot.services

    # -- what to open, and where ------------------------------------------------------------------

    def content(self, schedule: Schedule) -> tuple[Article, str]:
        slug = schedule.payload.get("article")
        articles = self.services.articles
        article = next((a for a in articles if a.meta.slug == slug), self.services.article)
        if article is None:
            raise FireFailed("no article is loaded")
        section_id = str(schedule.payload.get("section_id", ""))
        try:
            article.section(section_id)
        except KeyError:
            raise FireFailed(f"section {section_id!r} is no longer in the article") from None
        return article, section_id

    async def channel(self, schedule: Schedule) -> discord.TextChannel:
        guild = self.bot.get_guild(schedule.guild_id)
        if guild is None:
            raise FireFailed("the bot is no longer in the server")
        if guild.unavailable or guild.me is None:
            raise FireDeferred("Discord has not delivered the server yet")
        channel = guild.get_channel(schedule.channel_id)
        if channel is None:
            try:
                channel = await guild.fetch_channel(schedule.channel_id)
            except discord.HTTPException:
                raise FireFailed(f"the discussion {CHANNEL_GONE}") from None
        if not isinstance(channel, discord.TextChannel):
            raise FireFailed(f"the discussion {CHANNEL_GONE}")
        return channel

    # -- opening --------------------------------------------------------------------------------

    async def open(
        self, schedule: Schedule, occurrence: Occurrence, *, opened_by: int | None = None
    ) -> OpenedDiscussion:
        """Send the starter, start its thread, post the prompts, record it; FireFailed if refused."""
        article, section_id = self.content(schedule)
        channel = await self.channel(schedule)
        missing = missing_permissions(channel, OPEN_THREADS)
        if missing:
            raise FireFailed(missing_permissions_reason(channel.name, missing))
        starter = build_starter(article, section_id)
        try:
            message = await channel.send(
                embed=render.starter_embed(
                    starter, schedule_id=schedule.id, occurrence_id=occurrence.id
                ),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.NotFound:
            raise FireFailed(f"the discussion {CHANNEL_GONE}") from None
        except discord.HTTPException as exc:  # 403, or 5xx after discord.py's own retries
            raise FireFailed(
                f"Discord refused the starter message ({exc.status}): {exc.text}"
            ) from None
        thread = await self._start_thread(message, starter, session_number(schedule))
        return await self._record(schedule, occurrence, message, thread, opened_by)

    async def _start_thread(
        self, message: discord.Message, starter: Starter, session: int | None
    ) -> discord.Thread:
        minutes = await self.store.archive_minutes(message.guild.id if message.guild else 0)
        try:
            thread = await message.create_thread(
                name=render.thread_name(starter, session),
                auto_archive_duration=cast(ArchiveMinutes, minutes),
            )
        except discord.HTTPException as exc:
            await self._remove_orphan(message)
            if isinstance(exc, discord.NotFound):
                raise FireFailed(f"the discussion {CHANNEL_GONE}") from None
            raise FireFailed(f"Discord refused to create the thread: {exc.text}") from None
        await self._post_prompts(thread, starter)
        return thread

    async def _post_prompts(self, thread: discord.Thread, starter: Starter) -> None:
        try:
            await thread.send(
                embed=render.prompts_embed(starter),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException as exc:  # the thread is open; the starter shows the prompts
            log.warning("thread %s opened, but its prompts were not posted: %s", thread.id, exc)

    @staticmethod
    async def _remove_orphan(message: discord.Message) -> None:
        """A starter without its thread only confuses members: take it back (best effort)."""
        try:
            await message.delete()
        except discord.HTTPException:
            log.warning("could not remove starter %s after its thread failed", message.id)

    async def _record(
        self,
        schedule: Schedule,
        occurrence: Occurrence,
        message: discord.Message,
        thread: discord.Thread,
        opened_by: int | None,
    ) -> OpenedDiscussion:
        return await self.store.record_opened(
            guild_id=schedule.guild_id,
            channel_id=message.channel.id,
            article_slug=str(schedule.payload.get("article", "")),
            section_id=str(schedule.payload.get("section_id", "")),
            message_id=message.id,
            thread_id=thread.id,
            occurrence_id=occurrence.id,
            schedule_id=schedule.id,
            series_id=schedule.series_id,
            opened_by=opened_by,
            opened_at=self.services.clock.now(),
        )

    # -- the "discussion" schedule handler --------------------------------------------------------

    @staticmethod
    def result(opened: OpenedDiscussion) -> dict[str, Any]:
        return {
            "discussion_id": opened.id,
            "channel_id": opened.channel_id,
            "message_id": opened.message_id,
            "thread_id": opened.thread_id,
        }

    async def fire(self, schedule: Schedule, occurrence: Occurrence) -> dict[str, Any]:
        opened_by = schedule.created_by if schedule.payload.get("now") else None
        return self.result(await self.open(schedule, occurrence, opened_by=opened_by))

    async def find_existing(
        self, schedule: Schedule, occurrence: Occurrence
    ) -> dict[str, Any] | None:
        """After a crash: the discussion if its starter went out (completing its thread), else None."""
        recorded = await self.store.by_occurrence(occurrence.id)
        if recorded is not None and recorded.thread_id is not None:
            return self.result(recorded)
        try:
            channel = await self.channel(schedule)
        except FireFailed:
            return None
        message = await self._marked_starter(channel, occurrence)
        if message is None:
            return None
        thread = message.thread or channel.get_thread(message.id)
        if thread is None:
            try:
                thread = await channel.guild.fetch_channel(message.id)
            except discord.NotFound:
                thread = None
        if isinstance(thread, discord.Thread):
            if not await self._has_bot_message(thread):
                await self._post_prompts(thread, self._starter_for(schedule))
        else:
            thread = await self._start_thread(
                message, self._starter_for(schedule), session_number(schedule)
            )
        log.info("adopted starter %s of occurrence %s", message.id, occurrence.id)
        opened_by = schedule.created_by if schedule.payload.get("now") else None
        return self.result(await self._record(schedule, occurrence, message, thread, opened_by))

    def _starter_for(self, schedule: Schedule) -> Starter:
        article, section_id = self.content(schedule)
        return build_starter(article, section_id)

    async def _marked_starter(
        self, channel: discord.TextChannel, occurrence: Occurrence
    ) -> discord.Message | None:
        me = self.bot.user
        since = occurrence.claimed_at - timedelta(minutes=1)
        async for message in channel.history(limit=HISTORY_SCAN_LIMIT, after=since):
            if me is None or message.author.id != me.id:
                continue
            for embed in message.embeds:
                if embed.footer and find_marker(embed.footer.text or "") == occurrence.id:
                    return message
        return None

    async def _has_bot_message(self, thread: discord.Thread) -> bool:
        me = self.bot.user
        async for message in thread.history(limit=10):
            if me is not None and message.author.id == me.id:
                return True
        return False
