"""Fires due occurrences exactly once, catches up after downtime, and never retries in a loop.

The runner is driven by a Clock: APScheduler (see `driver.py`) only decides *when* to call
`tick()`; what is due is always computed from the tables, so a restart, a late wake-up or a
duplicate wake-up changes nothing. The order per run is: claim a row, do the work, record the
outcome. A crash after the work but before the record is found again at start-up and reconciled
by the handler (it looks for the message it would have sent) instead of being sent twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.clock import Clock
from bot.scheduling.reasons import Reason, ReasonCode
from bot.scheduling.recurrence import weekly_runs_between
from bot.scheduling.store import Occurrence, Schedule, ScheduleStore

log = logging.getLogger(__name__)


class FireFailed(Exception):
    """The action could not be done (deleted channel, lost permission); not retried."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.text)
        self.reason = reason


class FireDeferred(Exception):
    """Not possible *yet* (e.g. Discord has not delivered the server after a reconnect).

    The occurrence stays claimed; the next tick resumes it while it is within the grace window,
    and records it missed after that. Ticks are at least 30 s apart, so this is no tight loop.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class OccurrenceHandler(Protocol):
    async def fire(self, schedule: Schedule, occurrence: Occurrence) -> dict[str, Any]:
        """Do the work; return what to record (message id…); raise FireFailed to give up."""
        ...

    async def find_existing(
        self, schedule: Schedule, occurrence: Occurrence
    ) -> dict[str, Any] | None:
        """After a crash: the result if the work was in fact done, else None."""
        ...


FailureListener = Callable[[Schedule, Occurrence, Reason], Awaitable[None]]
Sweeper = Callable[[datetime], Awaitable[None]]


@dataclass
class TickReport:
    fired: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    reconciled: list[int] = field(default_factory=list)
    deferred: list[int] = field(default_factory=list)


class ScheduleRunner:
    def __init__(self, store: ScheduleStore, clock: Clock, grace: timedelta) -> None:
        self.store = store
        self.clock = clock
        self.grace = grace
        self._handlers: dict[str, OccurrenceHandler] = {}
        self._sweepers: list[Sweeper] = []
        self._failure_listeners: list[FailureListener] = []
        self._lock = asyncio.Lock()

    def register(self, kind: str, handler: OccurrenceHandler) -> None:
        self._handlers[kind] = handler

    def add_sweeper(self, sweeper: Sweeper) -> None:
        """Work that is due by time but not a schedule (e.g. closing quizzes), run on every tick."""
        self._sweepers.append(sweeper)

    def on_failure(self, listener: FailureListener) -> None:
        self._failure_listeners.append(listener)

    async def tick(self) -> TickReport:
        """Run everything due now. Safe to call at any time, from anywhere, any number of times."""
        async with self._lock:
            report = TickReport()
            now = self.clock.now()
            await self._resume_unfinished(now, report)
            for schedule in await self.store.active():
                if schedule.kind in self._handlers:
                    await self._run_due(schedule, now, report)
            for sweeper in self._sweepers:
                try:
                    await sweeper(now)
                except Exception:
                    log.exception("sweeper %s failed", getattr(sweeper, "__qualname__", sweeper))
            return report

    async def fire_now(self, schedule: Schedule) -> Occurrence | None:
        """Fire a one-off schedule at once (a moderator's "now") and return its finished
        occurrence ('sent' with its result, or 'failed' with its reason); None when a tick had
        already claimed it.

        It runs under the tick lock, so a concurrent tick can neither fire it as well nor take
        the claimed-but-unfinished row for a run interrupted by a crash.
        """
        assert schedule.run_at is not None, "only one-off schedules are fired on demand"
        async with self._lock:
            occurrence = await self.store.claim(schedule.id, schedule.run_at, self.clock.now())
            if occurrence is not None:
                await self._fire(schedule, occurrence, TickReport())
            await self.store.mark_done(schedule.id)
        return await self.store.occurrence(occurrence.id) if occurrence is not None else None

    def due_runs(self, schedule: Schedule, anchor: datetime, now: datetime) -> list[datetime]:
        if schedule.weekday is not None:
            return weekly_runs_between(
                anchor, now, schedule.weekday, schedule.at_time(), schedule.zone
            )
        assert schedule.run_at is not None
        return [schedule.run_at] if anchor < schedule.run_at <= now else []

    async def _run_due(self, schedule: Schedule, now: datetime, report: TickReport) -> None:
        last = await self.store.last_due(schedule.id)
        if last is not None and schedule.weekday is None:
            await self.store.mark_done(schedule.id)
            return
        runs = self.due_runs(schedule, last or schedule.created_at, now)
        if not runs:
            return
        for missed in runs[:-1]:
            await self._record_missed(
                schedule, missed, now, Reason(ReasonCode.MISSED_OFFLINE), report
            )
        latest = runs[-1]
        if now - latest > self.grace:
            await self._record_missed(
                schedule, latest, now, Reason(ReasonCode.MISSED_GRACE), report
            )
        else:
            occurrence = await self.store.claim(schedule.id, latest, now)
            if occurrence is not None:
                await self._fire(schedule, occurrence, report)
        if schedule.weekday is None:
            await self.store.mark_done(schedule.id)

    async def _record_missed(
        self, schedule: Schedule, due: datetime, now: datetime, reason: Reason, report: TickReport
    ) -> None:
        occurrence = await self.store.claim(schedule.id, due, now, status="missed", reason=reason)
        if occurrence is None:
            return
        report.missed.append(occurrence.id)
        log.warning("schedule %s run due %s %s", schedule.id, due.isoformat(), reason.text)
        await self._notify(schedule, occurrence, reason)

    async def _fire(self, schedule: Schedule, occurrence: Occurrence, report: TickReport) -> None:
        handler = self._handlers[schedule.kind]
        try:
            result = await handler.fire(schedule, occurrence)
        except FireFailed as failure:
            await self._fail(schedule, occurrence, failure.reason, report)
        except FireDeferred as deferral:
            report.deferred.append(occurrence.id)
            log.info(
                "schedule %s occurrence %s deferred: %s",
                schedule.id,
                occurrence.id,
                deferral.reason,
            )
        except Exception as exc:
            log.exception("schedule %s occurrence %s crashed", schedule.id, occurrence.id)
            await self._fail(
                schedule,
                occurrence,
                Reason(ReasonCode.UNEXPECTED, {"error": type(exc).__name__}),
                report,
            )
        else:
            await self.store.finish(occurrence.id, "sent", self.clock.now(), result=result)
            report.fired.append(occurrence.id)
            log.info("schedule %s occurrence %s sent: %s", schedule.id, occurrence.id, result)

    async def _fail(
        self, schedule: Schedule, occurrence: Occurrence, reason: Reason, report: TickReport
    ) -> None:
        await self.store.finish(occurrence.id, "failed", self.clock.now(), reason=reason)
        report.failed.append(occurrence.id)
        log.warning("schedule %s occurrence %s failed: %s", schedule.id, occurrence.id, reason.text)
        await self._notify(schedule, occurrence, reason)

    async def _resume_unfinished(self, now: datetime, report: TickReport) -> None:
        for occurrence in await self.store.unfinished():
            schedule = await self.store.get(occurrence.schedule_id)
            handler = self._handlers.get(schedule.kind)
            if handler is None:
                continue
            try:
                existing = await handler.find_existing(schedule, occurrence)
            except Exception:
                log.exception(
                    "could not check whether occurrence %s was already sent", occurrence.id
                )
                existing = None
            if existing is not None:
                await self.store.finish(occurrence.id, "sent", now, result=existing)
                report.reconciled.append(occurrence.id)
            elif now - occurrence.due_at <= self.grace and schedule.status != "cancelled":
                await self._fire(schedule, occurrence, report)
            else:
                await self.store.finish(
                    occurrence.id, "missed", now, reason=Reason(ReasonCode.INTERRUPTED)
                )
                report.missed.append(occurrence.id)

    async def _notify(self, schedule: Schedule, occurrence: Occurrence, reason: Reason) -> None:
        for listener in self._failure_listeners:
            try:
                await listener(schedule, occurrence, reason)
            except Exception:
                log.exception("failure listener raised")
