"""APScheduler only wakes the runner up; the tables stay the source of truth.

Each active schedule gets a job with an explicit id (rebuilt from the tables at start-up with
replace_existing), plus a steady safety tick that also closes quizzes and catches anything a
missed wake-up left behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.scheduling.recurrence import WEEKDAYS
from bot.scheduling.runner import ScheduleRunner
from bot.scheduling.store import Schedule

log = logging.getLogger(__name__)

SAFETY_TICK_SECONDS = 30


def _always() -> bool:
    return True


class SchedulerDriver:
    def __init__(
        self, runner: ScheduleRunner, *, is_connected: Callable[[], bool] = _always
    ) -> None:
        self.runner = runner
        self.is_connected = is_connected
        self.scheduler = AsyncIOScheduler(timezone=UTC)

    async def wake(self) -> None:
        """Every job's action: tick, unless the bot is cut off from Discord.

        A tick during an outage (or between a fresh session's READY and its guilds) would find no
        guild or channel in the cache and record the run as failed, i.e. lose it. Skipping is
        safe: the due rows stay in the tables and the reconnect's catch-up tick does them.
        """
        if not self.is_connected():
            log.info("scheduler woke while disconnected from Discord; the reconnect catches up")
            return
        await self.runner.tick()

    async def start(self) -> None:
        """Needs the running loop: call from setup_hook."""
        grace = int(self.runner.grace.total_seconds()) or 1
        self.scheduler.add_job(
            self.wake,
            IntervalTrigger(seconds=SAFETY_TICK_SECONDS, timezone=UTC),
            id="safety-tick",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=grace,
        )
        for schedule in await self.runner.store.active():
            self.add(schedule)
        self.scheduler.start()

    def add(self, schedule: Schedule) -> None:
        grace = int(self.runner.grace.total_seconds()) or 1
        if schedule.weekday is not None:
            hour, minute = schedule.at_time().hour, schedule.at_time().minute
            trigger = CronTrigger(
                day_of_week=WEEKDAYS[schedule.weekday],
                hour=hour,
                minute=minute,
                timezone=schedule.zone,
            )
        else:
            assert schedule.run_at is not None
            trigger = DateTrigger(run_date=schedule.run_at, timezone=UTC)
        self.scheduler.add_job(
            self.wake,
            trigger,
            id=f"schedule:{schedule.id}",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=grace,
        )

    def remove(self, schedule_id: int) -> None:
        job = self.scheduler.get_job(f"schedule:{schedule_id}")
        if job is not None:
            job.remove()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
