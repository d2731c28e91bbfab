"""APScheduler only wakes the runner up; the tables stay the source of truth.

Each active schedule gets a job with an explicit id (rebuilt from the tables at start-up with
replace_existing), plus a steady safety tick that also closes quizzes and catches anything a
missed wake-up left behind.
"""

from __future__ import annotations

import logging
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


class SchedulerDriver:
    def __init__(self, runner: ScheduleRunner) -> None:
        self.runner = runner
        self.scheduler = AsyncIOScheduler(timezone=UTC)

    async def start(self) -> None:
        """Needs the running loop: call from setup_hook."""
        grace = int(self.runner.grace.total_seconds()) or 1
        self.scheduler.add_job(
            self.runner.tick,
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
            self.runner.tick,
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
