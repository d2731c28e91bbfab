"""Weekly quizzes' Discord scheduled events: the quiz's `EventSource` for the shared
`bot.cogs.scheduled_events`.

Only schedules made with `event:True` get events, one run at a time: the next run has an event
(start = the run, end = start + the quiz's open hours); the post starts it and its description
then links the post; the quiz's close (its time, or `/quiz-mod close`) completes it, and then the
following week's run gets its event. A run that is missed or fails cancels its event, and so
does `/quiz-mod unschedule` for a run still to come.

An event deleted by hand stays deleted for that run only: the next week's run gets a new one
(deleting one week's event is about that week; removing the schedule's events for good is
`/quiz-mod unschedule` and scheduling again without `event`).
"""

from __future__ import annotations

from datetime import date, datetime

import discord

from bot.app import ReadingCircleBot
from bot.cogs.common import services_of
from bot.cogs.scheduled_events import channel_url
from bot.quiz import events as texts
from bot.quiz import rules
from bot.quiz.store import QuizStore
from bot.scheduling.event_texts import EventText, Wanted
from bot.scheduling.store import Schedule
from bot.services import Services

KIND = "quiz"


def run_date(schedule: Schedule, due_at: datetime) -> date:
    """The run's date where the schedule is kept (what its marker names)."""
    return due_at.astimezone(schedule.zone).date()


def open_hours(schedule: Schedule) -> int:
    return int(rules.duration(schedule.payload.get("duration_hours")).total_seconds() // 3600)


class QuizEvents:
    """The quiz's `EventSource`."""

    kind = KIND
    reason = "Reading Circle: weekly quiz"

    def __init__(self, bot: ReadingCircleBot, store: QuizStore) -> None:
        self.bot = bot
        self.quizzes = store

    @property
    def services(self) -> Services:
        return services_of(self.bot)

    async def candidates(self) -> list[int]:
        """Active schedules with events on (at most ten per server): each may need its next
        run's event."""
        return [
            s.id
            for s in await self.services.schedules.active(kind=KIND)
            if texts.wants_events(s.payload)
        ]

    async def runs(self, schedule: Schedule, now: datetime) -> list[datetime]:
        """The run whose event is not settled yet; once none is, the next run (rolled forward
        one week at a time) if the schedule still wants events."""
        unsettled = [
            row.due_at
            for row in await self.services.events.of_schedule(schedule.id)
            if not row.state.final
        ]
        if unsettled:
            return unsettled
        if schedule.status != "active" or not texts.wants_events(schedule.payload):
            return []
        following = schedule.next_run_after(now)
        return [following] if following is not None else []

    async def wanted(self, schedule: Schedule, due_at: datetime, now: datetime) -> Wanted:
        occurrence = await self.services.schedules.occurrence_at(schedule.id, due_at)
        quiz = await self.quizzes.by_occurrence(occurrence.id) if occurrence is not None else None
        posted = quiz is not None and quiz.message_id is not None and quiz.status != "failed"
        ends_at = (
            quiz.closes_at
            if quiz is not None
            else due_at + rules.duration(schedule.payload.get("duration_hours"))
        )
        state = texts.desired_state(
            schedule_status=schedule.status,
            run_status=occurrence.status if occurrence is not None else None,
            posted=posted,
            closed=quiz is not None and quiz.status == "closed",
            ends_at=ends_at,
            now=now,
        )
        if quiz is None or quiz.message_id is None:
            return Wanted(state, ends_at)
        url = channel_url(quiz.guild_id, quiz.channel_id, quiz.message_id)
        return Wanted(state, ends_at, link_id=quiz.message_id, link_url=url)

    async def text(
        self, guild: discord.Guild, schedule: Schedule, due_at: datetime, link_url: str | None
    ) -> EventText | None:
        article = await self.services.article_for(schedule.guild_id)
        channel = guild.get_channel(schedule.channel_id)
        run = texts.QuizRun(
            number=schedule.number,
            run_date=run_date(schedule, due_at),
            channel_name=channel.name if channel is not None else str(schedule.channel_id),
            hours=open_hours(schedule),
            article_title=article.meta.title if article is not None else None,
        )
        return texts.event_text(run, link_url)

    def marker(self, schedule: Schedule, due_at: datetime) -> str:
        return texts.marker(schedule.number, run_date(schedule, due_at))
