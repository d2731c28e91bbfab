"""Discord scheduled events for scheduled discussions, and the wrap-up when a window ends.

Every scheduled session gets an external event (location `#channel`, start = the session, end =
start + the server's thread window). Which state the event should be in is computed from the
tables each time (`bot.discussion.events.desired_state`); `SessionEvents.sync` moves Discord toward
it one allowed step at a time and records each step (`schedule_events`). Commands call it right
after they change a schedule, the opener right after a thread opened, and the runner's sweeper on
every tick, which is also the start-up reconciliation: whatever a crash interrupted is finished
by the first tick of the next run.

No duplicate, whatever the crash: the intent (`create_sent_at`) is committed before the create
request; a row with the intent and no event id is resolved by listing the server's events and
adopting the bot's own event whose description carries the session's marker (surplus copies are
deleted) before anything is created again. No orphan: a cancelled, failed or missed session's
event is cancelled (or completed if it was already active) by the same sync.

An event a moderator deleted by hand (404 on the next request, or absent from the server's
list) is recorded as gone and never recreated: deleting it is a choice about the event, not
about the discussion, which still opens as scheduled.

Without Create Events (what Discord asks of a bot creating events since 2026-02-23; Manage
Events alone no longer does) the bot makes no event requests at all; it says so once
(to the moderator who scheduled, and in the log channel) until it has the permission again, and
then creates the events of the sessions still to come.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any

import discord

from bot.app import ReadingCircleBot
from bot.cogs.common import services_of
from bot.cogs.discussion.embeds import thread_posts
from bot.cogs.discussion.opener import DiscussionOpener, session_number
from bot.cogs.failure_log import post_log_line
from bot.discussion import events as texts
from bot.discussion.starter import build_starter
from bot.discussion.store import OpenedDiscussion
from bot.i18n import EN, ZH, t
from bot.scheduling.event_store import EventState, EventStore, SessionEvent
from bot.scheduling.refs import ScheduleRef
from bot.scheduling.runner import FireDeferred, FireFailed
from bot.scheduling.store import Schedule
from bot.services import Services
from bot.ui.permissions import permission_names

log = logging.getLogger(__name__)

KIND = "discussion"
LIST_TIMEOUT = 1.5  # seconds /discuss list waits for the interested counts (3 s deadline)
WRAPUP_SCAN_LIMIT = 25  # the thread's latest messages searched for a wrap-up sent before a crash
_FROM_DISCORD = {
    discord.EventStatus.scheduled: EventState.SCHEDULED,
    discord.EventStatus.active: EventState.ACTIVE,
    discord.EventStatus.completed: EventState.COMPLETED,
    discord.EventStatus.cancelled: EventState.CANCELLED,
}
_TO_DISCORD = {
    EventState.ACTIVE: discord.EventStatus.active.value,
    EventState.COMPLETED: discord.EventStatus.completed.value,
    EventState.CANCELLED: discord.EventStatus.cancelled.value,
}
UNKNOWN_EVENT = 10070  # Discord's JSON error code for an unknown scheduled event


def may_create_events(guild: discord.Guild) -> bool:
    """Create Events: since 2026-02-23 what a bot needs to create an event (Manage Events alone
    no longer lets it), and enough to edit, start, end and cancel the events it created."""
    me = guild.me
    return me is not None and bool(me.guild_permissions.create_events)


def thread_url(guild_id: int, thread_id: int) -> str:
    return f"https://discord.com/channels/{guild_id}/{thread_id}"


class SessionEvents:
    """The events of one bot's scheduled sessions (one per process: the lock is what keeps a
    command's sync and the sweeper's from creating the same event twice)."""

    def __init__(self, bot: ReadingCircleBot, opener: DiscussionOpener) -> None:
        self.bot = bot
        self.opener = opener
        self._lock = asyncio.Lock()
        # What this process knows of the Create Events notice, so a tick writes nothing for it.
        self._noticed: set[int] = set()  # told (the notice row exists)
        self._cleared: set[int] = set()  # has the permission (no notice row)

    @property
    def services(self) -> Services:
        return services_of(self.bot)

    @property
    def store(self) -> EventStore:
        return self.services.events

    def _now(self) -> datetime:
        now: datetime = self.services.clock.now()
        return now

    # -- what commands call ---------------------------------------------------------------------

    async def reply_note(self, guild: discord.Guild, locale: object) -> str:
        """The line a moderator's reply ends with: an event is added, or (once) why not."""
        if may_create_events(guild):
            await self._clear_notice(guild)
            return t("events.added", locale)
        if await self._claim_notice(guild):
            return t("events.no_permission", locale, permission=t("perm.create_events", locale))
        return ""

    def after_change(self, schedules: list[Schedule]) -> None:
        """Bring these sessions' events in line, in the background: the command has answered
        already, and a plan's dozen requests must not hold anything up. Best effort: what is
        left undone (a crash, a shutdown) is done by the next tick's sweep."""
        ids = [s.id for s in schedules]
        guild = self.bot.get_guild(schedules[0].guild_id) if schedules else None
        if guild is None or not may_create_events(guild):
            return  # no request could be made; the reply said why (once)

        async def work() -> None:
            try:
                await self.sync(ids)
            except Exception:
                log.exception("syncing the events of schedules %s failed", ids)

        self.bot.in_background(work(), name=f"session-events-{ids[0]}")

    async def interested(self, guild: discord.Guild) -> dict[int, int]:
        """schedule id → members interested in its event; {} if Discord is slow or refuses.

        A scheduled or active event missing from the server's list was deleted by hand: it is
        recorded as gone (and never recreated).
        """
        if not may_create_events(guild):
            return {}
        try:
            found = await asyncio.wait_for(
                guild.fetch_scheduled_events(with_counts=True), LIST_TIMEOUT
            )
        except (TimeoutError, discord.HTTPException) as exc:
            log.info("guild %s: no interested counts (%s)", guild.id, exc)
            return {}
        counts = {event.id: event.user_count for event in found}
        result: dict[int, int] = {}
        now = self._now()
        for row in await self.store.unsettled():
            if row.guild_id != guild.id or row.event_id is None:
                continue
            if row.event_id in counts:
                result[row.schedule_id] = counts[row.event_id]
            elif row.state in (EventState.SCHEDULED, EventState.ACTIVE):
                await self._gone(row, now)
        return result

    async def on_scheduled_event_delete(self, event: discord.ScheduledEvent) -> None:
        """Deleted on Discord (by hand): remember it, so it is not recreated."""
        row = await self.store.by_event_id(event.id)
        if row is not None and not row.state.final:
            await self._gone(row, self._now())

    # -- the sweeper (every tick, and so at start-up) ------------------------------------------

    async def sweep(self, now: datetime) -> None:
        await self.sync()
        await self.wrap_up(now)

    async def sync(self, schedule_ids: list[int] | None = None) -> None:
        async with self._lock:
            if schedule_ids is None:
                ids = set(await self.store.schedules_without_row(KIND))
                ids |= {row.schedule_id for row in await self.store.unsettled()}
            else:
                ids = set(schedule_ids)
            for schedule_id in sorted(ids):
                schedule = await self.services.schedules.find(schedule_id)
                if schedule is None or schedule.kind != KIND or schedule.run_at is None:
                    continue
                try:
                    await self._sync(schedule)
                except Exception:
                    log.exception("the event of schedule %s could not be synced", schedule_id)

    # -- one session ----------------------------------------------------------------------------

    async def _sync(self, schedule: Schedule) -> None:
        assert schedule.run_at is not None
        guild = self.bot.get_guild(schedule.guild_id)
        if guild is None or guild.unavailable or guild.me is None:
            return  # not delivered yet (or left): the next tick looks again
        now = self._now()
        permitted = may_create_events(guild)
        if permitted:
            await self._clear_notice(guild)
        row = await self.store.find(schedule.id, schedule.run_at)
        if row is None:
            if schedule.status != "active":
                return  # never had an event: nothing to undo
            if not permitted:  # no row until a request can be made: nothing piles up
                await self._claim_notice(guild)
                return
            row = await self.store.ensure(
                guild_id=guild.id, schedule_id=schedule.id, due_at=schedule.run_at, now=now
            )
        if row.state.final:
            return
        want, opened, ends_at = await self._desired(schedule, row, now)
        if row.event_id is None and row.may_exist:
            row = await self._resolve_attempt(guild, schedule, row, now)
            if row is None:
                return
        if row.event_id is None:
            if want is not EventState.SCHEDULED or schedule.run_at - now < texts.CREATE_MARGIN:
                await self.store.record(row.id, now, state=EventState.SKIPPED)
                return
            if not may_create_events(guild):
                await self._claim_notice(guild)
                return
            row = await self._create(guild, schedule, row, ends_at, now)
            if row is None:
                return
        if not may_create_events(guild):
            await self._claim_notice(guild)
            return
        await self._advance(guild, schedule, row, want, opened, ends_at, now)

    async def _desired(
        self, schedule: Schedule, row: SessionEvent, now: datetime
    ) -> tuple[EventState, OpenedDiscussion | None, datetime]:
        occurrence = next(
            (
                o
                for o in await self.services.schedules.occurrences_of(schedule.id)
                if o.due_at == row.due_at
            ),
            None,
        )
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
            else row.due_at + await self._window(schedule.guild_id)
        )
        want = texts.desired_state(
            schedule_status=schedule.status,
            run_status=occurrence.status if occurrence is not None else None,
            opened=opened is not None,
            ends_at=ends_at,
            now=now,
        )
        return want, opened, ends_at

    async def _window(self, guild_id: int) -> timedelta:
        return timedelta(minutes=await self.services.discussions.archive_minutes(guild_id))

    def _text(
        self, guild: discord.Guild, schedule: Schedule, thread_id: int | None = None
    ) -> texts.EventText | None:
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
            thread_url=thread_url(guild.id, thread_id) if thread_id is not None else None,
        )

    async def _resolve_attempt(
        self, guild: discord.Guild, schedule: Schedule, row: SessionEvent, now: datetime
    ) -> SessionEvent | None:
        """A create request may have gone out before a crash: adopt its event, or forget it."""
        ref = ScheduleRef(schedule.number, schedule.plan_number)
        me = self.bot.user
        try:
            listed = await guild.fetch_scheduled_events(with_counts=False)
        except discord.HTTPException as exc:
            log.warning("guild %s: cannot list events to resolve a crash (%s)", guild.id, exc)
            return None  # try again on the next tick: creating now could duplicate
        mine = sorted(
            (
                e
                for e in listed
                if texts.has_marker(e.description, ref)
                and (e.creator_id is None or me is None or e.creator_id == me.id)
            ),
            key=lambda e: e.id,
        )
        if not mine:
            await self.store.forget_attempt(row.id, now)
            return await self.store.get(row.id)
        keep, *surplus = mine
        for extra in surplus:  # a second request after an unanswered first: one must go
            try:
                await extra.delete(reason="duplicate of a Reading Circle session event")
            except discord.HTTPException as exc:
                log.warning("could not delete duplicate event %s: %s", extra.id, exc)
        log.info("adopted event %s of schedule %s after a restart", keep.id, schedule.id)
        await self.store.record(
            row.id,
            now,
            state=_FROM_DISCORD.get(keep.status, EventState.SCHEDULED),
            event_id=keep.id,
            start_at=keep.start_time,
            end_at=keep.end_time,
        )
        return await self.store.get(row.id)

    async def _create(
        self,
        guild: discord.Guild,
        schedule: Schedule,
        row: SessionEvent,
        ends_at: datetime,
        now: datetime,
    ) -> SessionEvent | None:
        assert schedule.run_at is not None
        text = self._text(guild, schedule)
        if text is None:
            await self.store.record(row.id, now, state=EventState.SKIPPED)
            return None
        await self.store.mark_create_sent(row.id, now)  # committed before the request
        if schedule.run_at - self._now() < texts.CREATE_MARGIN:  # the session came meanwhile
            await self.store.forget_attempt(row.id, now)
            await self.store.record(row.id, now, state=EventState.SKIPPED)
            return None
        try:
            event = await guild.create_scheduled_event(
                name=text.name,
                description=text.description,
                start_time=schedule.run_at,
                end_time=ends_at,
                entity_type=discord.EntityType.external,
                privacy_level=discord.PrivacyLevel.guild_only,
                location=text.location,
                reason="Reading Circle: scheduled discussion",
            )
        except discord.HTTPException as exc:
            await self._refused(guild, row, exc, now)
            # Discord answered: no event was made, so the intent is settled.
            await self.store.forget_attempt(row.id, now)
            return None
        await self.store.record(
            row.id,
            now,
            state=EventState.SCHEDULED,
            event_id=event.id,
            start_at=schedule.run_at,
            end_at=ends_at,
        )
        log.info("created event %s for schedule %s", event.id, schedule.id)
        return await self.store.get(row.id)

    async def _advance(
        self,
        guild: discord.Guild,
        schedule: Schedule,
        row: SessionEvent,
        want: EventState,
        opened: OpenedDiscussion | None,
        ends_at: datetime,
        now: datetime,
    ) -> None:
        """Edit a moved session's times, then take the status steps Discord allows."""
        assert row.event_id is not None and schedule.run_at is not None
        if (
            row.state is EventState.SCHEDULED
            and want is EventState.SCHEDULED
            and row.start_at != row.due_at
            and row.due_at > now
        ):
            end = row.due_at + await self._window(schedule.guild_id)
            times = {
                "scheduled_start_time": row.due_at.isoformat(),
                "scheduled_end_time": end.isoformat(),
            }
            if not await self._patch(guild, row, times, now):
                return
            await self.store.record(row.id, now, state=row.state, start_at=row.due_at, end_at=end)
        state = row.state
        for step in texts.steps(state, want):
            payload: dict[str, Any] = {"status": _TO_DISCORD[step]}
            thread_id = opened.thread_id if opened is not None else None
            if step is EventState.ACTIVE:
                text = self._text(guild, schedule, thread_id)
                if text is not None:
                    payload["description"] = text.description
                if ends_at > now:
                    payload["scheduled_end_time"] = ends_at.isoformat()
            if not await self._patch(guild, row, payload, now):
                return
            await self.store.record(row.id, now, state=step, thread_id=thread_id)
            log.info("event %s of schedule %s is now %s", row.event_id, schedule.id, step)

    async def _patch(
        self, guild: discord.Guild, row: SessionEvent, payload: dict[str, Any], now: datetime
    ) -> bool:
        assert row.event_id is not None
        try:
            await self.bot.http.edit_scheduled_event(guild.id, row.event_id, **payload)
        except discord.HTTPException as exc:
            if exc.status == 400 and "status" in payload:
                await self._adopt_status(guild, row, now)
            else:
                await self._refused(guild, row, exc, now)
            return False
        return True

    async def _adopt_status(self, guild: discord.Guild, row: SessionEvent, now: datetime) -> None:
        """Discord refused a status change: the event may have moved on by itself (Discord ends
        external events at their end time). Take its status as it is; count a failure if not."""
        assert row.event_id is not None
        try:
            event = await guild.fetch_scheduled_event(row.event_id, with_counts=False)
        except discord.HTTPException as exc:
            await self._refused(guild, row, exc, now)
            return
        state = _FROM_DISCORD.get(event.status)
        if state is not None and state is not row.state:
            await self.store.record(row.id, now, state=state)
        else:
            await self.store.count_failure(row.id, now)

    async def _refused(
        self, guild: discord.Guild, row: SessionEvent, exc: discord.HTTPException, now: datetime
    ) -> None:
        if isinstance(exc, discord.Forbidden):
            await self._claim_notice(guild)
        elif isinstance(exc, discord.NotFound) and row.event_id is not None:
            await self._gone(row, now)
        else:
            failures = await self.store.count_failure(row.id, now)
            log.warning(
                "Discord refused the event of schedule %s (%s %s); failure %s",
                row.schedule_id,
                exc.status,
                exc.text,
                failures,
            )

    async def _gone(self, row: SessionEvent, now: datetime) -> None:
        log.info("event %s of schedule %s was deleted on Discord", row.event_id, row.schedule_id)
        await self.store.record(row.id, now, state=EventState.GONE)

    async def _clear_notice(self, guild: discord.Guild) -> None:
        """The permission is there (again): losing it later is told again."""
        if guild.id in self._cleared:
            return
        await self.store.clear_permission_notice(guild.id)
        self._cleared.add(guild.id)
        self._noticed.discard(guild.id)

    async def _claim_notice(self, guild: discord.Guild) -> bool:
        """Tell the log channel once that events need the permission; True if told now."""
        self._cleared.discard(guild.id)
        if guild.id in self._noticed:
            return False
        self._noticed.add(guild.id)
        if not await self.store.claim_permission_notice(guild.id, self._now()):
            return False
        log.warning("guild %s: no Create Events permission; sessions get no events", guild.id)
        lines = [
            t(
                "events.log.no_permission",
                locale,
                permission=permission_names(["create_events"], locale),
            )
            for locale in (ZH, EN)
        ]
        await post_log_line(self.bot, guild.id, "\n".join(lines))
        return True

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


def render_interested(count: int | None, locale: object) -> str:
    return f" · {t('events.list.interested', locale, count=count)}" if count else ""
