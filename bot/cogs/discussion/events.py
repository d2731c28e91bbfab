"""Discussion sessions' Discord scheduled events (what they say, when they end), and the wrap-up
when a session's window ends.

Every scheduled session gets an external event (location `#channel`, start = the session, end =
start + the server's thread window) through the shared `bot.cogs.scheduled_events`; this module is
the discussion's `EventSource`: the state is computed from the schedule, its run and its thread
(`bot.discussion.events.desired_state`), and once the thread opens the description links it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import discord

from bot.app import ReadingCircleBot
from bot.cogs.common import services_of
from bot.cogs.discussion.embeds import thread_posts
from bot.cogs.discussion.opener import DiscussionOpener, session_number
from bot.cogs.scheduled_events import channel_url
from bot.discussion import events as texts
from bot.discussion.starter import build_starter
from bot.discussion.store import OpenedDiscussion
from bot.scheduling.event_store import EventStore
from bot.scheduling.event_texts import EventText, Wanted
from bot.scheduling.refs import ScheduleRef
from bot.scheduling.runner import FireDeferred, FireFailed
from bot.scheduling.store import Schedule
from bot.services import Services

log = logging.getLogger(__name__)

KIND = "discussion"
WRAPUP_SCAN_LIMIT = 25  # the thread's latest messages searched for a wrap-up sent before a crash


class DiscussionEvents:
    """The discussion's `EventSource`, and the wrap-up sweeper."""

    kind = KIND
    reason = "Reading Circle: scheduled discussion"

    def __init__(self, bot: ReadingCircleBot, opener: DiscussionOpener) -> None:
        self.bot = bot
        self.opener = opener

    @property
    def services(self) -> Services:
        return services_of(self.bot)

    @property
    def store(self) -> EventStore:
        return self.services.events

    # -- the EventSource ------------------------------------------------------------------------

    async def candidates(self) -> list[int]:
        return await self.store.schedules_without_row(KIND)

    async def runs(self, schedule: Schedule, now: datetime) -> list[datetime]:
        """A session is a one-off schedule: its one run (a move changes it with its row)."""
        return [schedule.run_at] if schedule.run_at is not None else []

    async def wanted(self, schedule: Schedule, due_at: datetime, now: datetime) -> Wanted:
        occurrence = await self.services.schedules.occurrence_at(schedule.id, due_at)
        opened = (
            await self.services.discussions.by_occurrence(occurrence.id)
            if occurrence is not None
            else None
        )
        if opened is not None and opened.thread_id is None:
            opened = None
        ends_at = (
            opened.ends_at
            if opened is not None and opened.ends_at is not None
            else due_at + await self._window(schedule.guild_id)
        )
        state = texts.desired_state(
            schedule_status=schedule.status,
            run_status=occurrence.status if occurrence is not None else None,
            opened=opened is not None,
            ends_at=ends_at,
            now=now,
        )
        if opened is None or opened.thread_id is None:
            return Wanted(state, ends_at)
        url = channel_url(schedule.guild_id, opened.thread_id)
        return Wanted(state, ends_at, link_id=opened.thread_id, link_url=url)

    async def _window(self, guild_id: int) -> timedelta:
        return timedelta(minutes=await self.services.discussions.archive_minutes(guild_id))

    async def text(
        self, guild: discord.Guild, schedule: Schedule, due_at: datetime, link_url: str | None
    ) -> EventText | None:
        try:
            article, section_id = self.opener.content(schedule)
        except (FireFailed, FireDeferred):
            return None
        channel = guild.get_channel(schedule.channel_id)
        return texts.event_text(
            build_starter(article, section_id),
            ScheduleRef(schedule.number, schedule.plan_number),
            channel_name=channel.name if channel is not None else str(schedule.channel_id),
            session=session_number(schedule),
            thread_url=link_url,
        )

    def marker(self, schedule: Schedule, due_at: datetime) -> str:
        return texts.marker(ScheduleRef(schedule.number, schedule.plan_number))

    # -- the wrap-up ------------------------------------------------------------------------------

    async def wrap_up(self, now: datetime) -> None:
        """A short message in each thread whose window ended (within the grace period)."""
        grace = timedelta(hours=self.services.settings.grace_hours)
        for discussion in await self.services.discussions.due_wrapups(now, now - grace):
            try:
                await self._wrap_up(discussion, now)
            except Exception:
                log.exception("the wrap-up of discussion %s failed", discussion.id)

    async def _wrap_up(self, discussion: OpenedDiscussion, now: datetime) -> None:
        assert discussion.thread_id is not None
        store = self.services.discussions
        guild = self.bot.get_guild(discussion.guild_id)
        if guild is None or guild.unavailable:
            return
        try:
            found = await guild.fetch_channel(discussion.thread_id)
        except (discord.NotFound, discord.Forbidden):
            await store.record_wrapup(discussion.id, 0)  # the thread is gone: nothing to say
            return
        if not isinstance(found, discord.Thread):
            await store.record_wrapup(discussion.id, 0)
            return
        if discussion.wrapup_at is not None:  # sent before a crash?
            me = self.bot.user
            async for message in found.history(limit=WRAPUP_SCAN_LIMIT):
                if (
                    me is not None
                    and message.author.id == me.id
                    and texts.is_wrapup(message.content)
                ):
                    await store.record_wrapup(discussion.id, message.id)
                    return
        else:
            await store.mark_wrapup_intent(discussion.id, now)
        following = await self._next_session(discussion, now)
        own_posts = self._own_posts(discussion)
        content = texts.wrapup_text(
            # the counts are the members': the bot's own note and prompts and the bot itself
            # (a member of every thread it posts in) are not what a moderator wants to read
            messages=max(found.message_count - own_posts, 0) if own_posts is not None else None,
            members=max(found.member_count - 1, 0),
            next_at=following.run_at if following is not None else None,
            next_ref=ScheduleRef(following.number, following.plan_number)
            if following is not None
            else None,
        )
        try:
            message = await found.send(content, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as exc:
            log.warning("could not post the wrap-up in thread %s: %s", found.id, exc)
            await store.record_wrapup(discussion.id, 0)
            return
        await store.record_wrapup(discussion.id, message.id)

    def _own_posts(self, discussion: OpenedDiscussion) -> int | None:
        """How many messages the bot itself posted in the thread (its note and the prompts)."""
        article = self.services.article_named(discussion.article_slug)
        if article is None:
            return None
        try:
            return len(thread_posts(build_starter(article, discussion.section_id)))
        except KeyError:  # the section left the article since
            return None

    async def _next_session(self, discussion: OpenedDiscussion, now: datetime) -> Schedule | None:
        if discussion.series_id is None:
            return None
        upcoming = [
            s
            for s in await self.services.schedules.series(discussion.series_id)
            if s.status == "active" and s.run_at is not None and s.run_at > now
        ]
        return min(upcoming, key=lambda s: (s.run_at, s.id)) if upcoming else None
