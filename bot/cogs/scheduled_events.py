"""Discord scheduled events for scheduled runs of every kind: discussion sessions and weekly
quizzes (whose schedules asked for them).

A run's event is an external event (location `#channel`, start = the run). What it says, when it
ends and which state it should be in come from its kind's `EventSource` (the discussion's in
`bot.cogs.discussion.events`, the quiz's in `bot.cogs.quiz.events`), computed from the tables
each time; `ScheduledEvents.sync` moves Discord toward it one allowed step at a time and records
each step (`schedule_events`, one row per schedule and run). Commands call it right after they
change a schedule, the opener and the quiz poster right after a run took place or closed, and
the runner's sweeper on every tick, which is also the start-up reconciliation: whatever a crash
interrupted is finished by the first tick of the next run.

No duplicate, whatever the crash: the intent (`create_sent_at`) is committed before the create
request; a row with the intent and no event id is resolved by listing the server's events and
adopting the bot's own event whose description carries the run's marker (surplus copies are
deleted) before anything is created again. No orphan: a cancelled, failed or missed run's
event is cancelled (or completed if it was already active) by the same sync.

An event a moderator deleted by hand (404 on the next request, or absent from the server's
list) is recorded as gone and never recreated for that run: deleting it is a choice about the
event, not about the run, which still takes place.

Without Create Events (what Discord asks of a bot creating events since 2026-02-23; Manage
Events alone no longer does) the bot makes no event requests at all; it says so once per server,
whichever kind noticed first (to the moderator who scheduled, and in the log channel), until it
has the permission again, and then creates the events of the runs still to come.

One `ScheduledEvents` per bot (`scheduled_events(bot)`): its lock keeps a command's sync and the
sweeper's from creating the same event twice, and the notice is one per server for every kind.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from datetime import datetime
from typing import Any, Protocol

import discord

from bot.app import ReadingCircleBot
from bot.cogs.common import services_of
from bot.cogs.failure_log import post_log_line
from bot.i18n import EN, ZH, t
from bot.scheduling.event_store import EventState, EventStore, SessionEvent
from bot.scheduling.event_texts import CREATE_MARGIN, EventText, Wanted, steps
from bot.scheduling.store import Schedule
from bot.services import Services
from bot.ui.permissions import permission_names

log = logging.getLogger(__name__)

LIST_TIMEOUT = 1.5  # seconds a listing waits for the interested counts (3 s deadline)
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


def may_create_events(guild: discord.Guild) -> bool:
    """Create Events: since 2026-02-23 what a bot needs to create an event (Manage Events alone
    no longer lets it), and enough to edit, start, end and cancel the events it created."""
    me = guild.me
    return me is not None and bool(me.guild_permissions.create_events)


def channel_url(guild_id: int, channel_id: int, message_id: int | None = None) -> str:
    """A link to a thread or channel (or a message in it), as the description shows it."""
    base = f"https://discord.com/channels/{guild_id}/{channel_id}"
    return base if message_id is None else f"{base}/{message_id}"


def render_interested(count: int | None, locale: object) -> str:
    return f" · {t('events.list.interested', locale, count=count)}" if count else ""


class EventSource(Protocol):
    """What one kind of schedule says about its runs' events (the Discord side is shared)."""

    kind: str  # the schedules' kind ("discussion", "quiz")
    reason: str  # the audit log's reason for a create

    async def candidates(self) -> list[int]:
        """Schedules that may need an event row they do not have yet (swept every tick)."""
        ...

    async def runs(self, schedule: Schedule, now: datetime) -> list[datetime]:
        """The runs (due times) of `schedule` whose events to bring in line now."""
        ...

    async def wanted(self, schedule: Schedule, due_at: datetime, now: datetime) -> Wanted:
        """What the run's event should be now, from the tables."""
        ...

    async def text(
        self, guild: discord.Guild, schedule: Schedule, due_at: datetime, link_url: str | None
    ) -> EventText | None:
        """What the event says; None when the run's content is gone (it gets no event)."""
        ...

    def marker(self, schedule: Schedule, due_at: datetime) -> str:
        """The line in the description that finds the run's event again after a crash."""
        ...


_INSTANCES: weakref.WeakKeyDictionary[ReadingCircleBot, ScheduledEvents] = (
    weakref.WeakKeyDictionary()
)


def scheduled_events(bot: ReadingCircleBot) -> ScheduledEvents:
    """The bot's one `ScheduledEvents`, made (with its sweeper and delete listener) by the first
    extension that asks, so every kind shares one lock and one permission notice."""
    found = _INSTANCES.get(bot)
    if found is None:
        found = _INSTANCES[bot] = ScheduledEvents(bot)
        services_of(bot).runner.add_sweeper(found.sweep)
        bot.add_listener(found.on_scheduled_event_delete, "on_scheduled_event_delete")
    return found


class ScheduledEvents:
    """The events of one bot's scheduled runs, for every registered kind."""

    def __init__(self, bot: ReadingCircleBot) -> None:
        self.bot = bot
        self._sources: dict[str, EventSource] = {}
        self._lock = asyncio.Lock()
        # What this process knows of the Create Events notice, so a tick writes nothing for it.
        self._noticed: set[int] = set()  # told (the notice row exists)
        self._cleared: set[int] = set()  # has the permission (no notice row)

    def register(self, source: EventSource) -> None:
        self._sources[source.kind] = source

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
        """Bring these schedules' events in line, in the background: the command has answered
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

        self.bot.in_background(work(), name=f"scheduled-events-{ids[0]}")

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

    async def sync(self, schedule_ids: list[int] | None = None) -> None:
        async with self._lock:
            if schedule_ids is None:
                ids = {row.schedule_id for row in await self.store.unsettled()}
                for kind in self._sources.values():
                    ids |= set(await kind.candidates())
            else:
                ids = set(schedule_ids)
            for schedule_id in sorted(ids):
                schedule = await self.services.schedules.find(schedule_id)
                source = self._sources.get(schedule.kind) if schedule is not None else None
                if schedule is None or source is None:
                    continue
                try:
                    await self._sync_runs(source, schedule)
                except Exception:
                    log.exception("the event of schedule %s could not be synced", schedule_id)

    async def _sync_runs(self, source: EventSource, schedule: Schedule) -> None:
        """Each run the source names; asked twice, as a run that settles may make room for the
        next (a weekly quiz's next week gets its event as soon as this week's is completed)."""
        done: set[datetime] = set()
        for _ in range(2):
            for due_at in await source.runs(schedule, self._now()):
                if due_at not in done:
                    done.add(due_at)
                    await self._sync(source, schedule, due_at)

    # -- one run ----------------------------------------------------------------------------------

    async def _sync(self, source: EventSource, schedule: Schedule, due_at: datetime) -> None:
        guild = self.bot.get_guild(schedule.guild_id)
        if guild is None or guild.unavailable or guild.me is None:
            return  # not delivered yet (or left): the next tick looks again
        now = self._now()
        permitted = may_create_events(guild)
        if permitted:
            await self._clear_notice(guild)
        row = await self.store.find(schedule.id, due_at)
        if row is None:
            if schedule.status != "active":
                return  # never had an event: nothing to undo
            if not permitted:  # no row until a request can be made: nothing piles up
                await self._claim_notice(guild)
                return
            row = await self.store.ensure(
                guild_id=guild.id, schedule_id=schedule.id, due_at=due_at, now=now
            )
        if row.state.final:
            return
        wanted = await source.wanted(schedule, row.due_at, now)
        if row.event_id is None and row.may_exist:
            row = await self._resolve_attempt(guild, source, schedule, row, now)
            if row is None:
                return
        if row.event_id is None:
            if wanted.state is not EventState.SCHEDULED or row.due_at - now < CREATE_MARGIN:
                await self.store.record(row.id, now, state=EventState.SKIPPED)
                return
            if not may_create_events(guild):
                await self._claim_notice(guild)
                return
            row = await self._create(guild, source, schedule, row, wanted, now)
            if row is None:
                return
        if not may_create_events(guild):
            await self._claim_notice(guild)
            return
        await self._advance(guild, source, schedule, row, wanted, now)

    async def _resolve_attempt(
        self,
        guild: discord.Guild,
        source: EventSource,
        schedule: Schedule,
        row: SessionEvent,
        now: datetime,
    ) -> SessionEvent | None:
        """A create request may have gone out before a crash: adopt its event, or forget it."""
        marker = source.marker(schedule, row.due_at)
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
                if marker in (e.description or "")
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
                await extra.delete(reason="duplicate of a Reading Circle event")
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
        source: EventSource,
        schedule: Schedule,
        row: SessionEvent,
        wanted: Wanted,
        now: datetime,
    ) -> SessionEvent | None:
        text = await source.text(guild, schedule, row.due_at, None)
        if text is None:
            await self.store.record(row.id, now, state=EventState.SKIPPED)
            return None
        await self.store.mark_create_sent(row.id, now)  # committed before the request
        if row.due_at - self._now() < CREATE_MARGIN:  # the run came meanwhile
            await self.store.forget_attempt(row.id, now)
            await self.store.record(row.id, now, state=EventState.SKIPPED)
            return None
        try:
            event = await guild.create_scheduled_event(
                name=text.name,
                description=text.description,
                start_time=row.due_at,
                end_time=wanted.ends_at,
                entity_type=discord.EntityType.external,
                privacy_level=discord.PrivacyLevel.guild_only,
                location=text.location,
                reason=source.reason,
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
            start_at=row.due_at,
            end_at=wanted.ends_at,
        )
        log.info("created event %s for schedule %s", event.id, schedule.id)
        return await self.store.get(row.id)

    async def _advance(
        self,
        guild: discord.Guild,
        source: EventSource,
        schedule: Schedule,
        row: SessionEvent,
        wanted: Wanted,
        now: datetime,
    ) -> None:
        """Edit a moved run's times, then take the status steps Discord allows."""
        assert row.event_id is not None
        if (
            row.state is EventState.SCHEDULED
            and wanted.state is EventState.SCHEDULED
            and row.start_at != row.due_at
            and row.due_at > now
        ):
            times = {
                "scheduled_start_time": row.due_at.isoformat(),
                "scheduled_end_time": wanted.ends_at.isoformat(),
            }
            if not await self._patch(guild, row, times, now):
                return
            await self.store.record(
                row.id, now, state=row.state, start_at=row.due_at, end_at=wanted.ends_at
            )
        for step in steps(row.state, wanted.state):
            payload: dict[str, Any] = {"status": _TO_DISCORD[step]}
            if step is EventState.ACTIVE:
                text = await source.text(guild, schedule, row.due_at, wanted.link_url)
                if text is not None:
                    payload["description"] = text.description
                if wanted.ends_at > now:
                    payload["scheduled_end_time"] = wanted.ends_at.isoformat()
            if not await self._patch(guild, row, payload, now):
                return
            await self.store.record(row.id, now, state=step, thread_id=wanted.link_id)
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
        log.warning("guild %s: no Create Events permission; runs get no events", guild.id)
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
