"""A weekly quiz's run as a Discord scheduled event, as plain data: what the event says (within
Discord's limits), whether a schedule wants events, and which state a run's event should be in.

Only schedules made with `/quiz-mod schedule event:True` get events (the choice is kept in the
schedule's payload, `EVENT_OPTION`). One run at a time has an event: the next one; when its quiz
closes the event is completed and the following week's run gets its own (no recurrence rule:
each week's event is started, linked and ended on its own, like a discussion session's).

The marker names the schedule and the run's local date (`〔测验 2 · 2026-01-13 · Quiz 2 ·
2026-01-13〕`): schedule numbers are never reused in a server and a weekly schedule runs once a
day at most, so after a crash it finds that run's event and no other week's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from bot.content.sentences import clip
from bot.i18n import EN, ZH, t
from bot.scheduling.event_store import EventState
from bot.scheduling.event_texts import (
    NAME_MAX,
    EventText,
    description_tail,
    join_description,
    location,
    marker_line,
    run_state,
)

TITLE_MAX = 150  # per language in the description: a long title never pushes the rest out
EVENT_OPTION = "event"  # the schedule payload's key: True when its runs get events


def wants_events(payload: Mapping[str, object]) -> bool:
    """Default off: schedules made before the option, or without it, get no events."""
    return payload.get(EVENT_OPTION) is True


def marker(number: int, run_date: date) -> str:
    return marker_line("events.marker.quiz", ref=number, date=run_date.isoformat())


def has_marker(description: str | None, number: int, run_date: date) -> bool:
    return marker(number, run_date) in (description or "")


def event_name(article_title: str | None = None) -> str:
    """ "每周测验 · Weekly quiz", with the article's title after it when the whole fits (a cut
    title reads worse than none: the description names it in full)."""
    name = f"{t('events.quiz.name', ZH)} · {t('events.quiz.name', EN)}"
    if article_title and len(f"{name} · {article_title}") <= NAME_MAX:
        return f"{name} · {article_title}"
    return name


@dataclass(frozen=True, slots=True)
class QuizRun:
    """One run of a weekly schedule, as its event tells it."""

    number: int  # the schedule's number in its server
    run_date: date  # where the schedule is kept
    channel_name: str
    hours: int  # how long the quiz stays open
    article_title: str | None = None


def event_description(run: QuizRun, post_url: str | None = None) -> str:
    """What the quiz is, in Chinese then English; the post's link (once posted) and the marker
    always fit (`join_description` cuts the body, never them)."""
    tail = description_tail(
        marker(run.number, run.run_date), emoji="📝", label_key="events.quiz.post", url=post_url
    )
    values = {"channel": location(run.channel_name), "hours": run.hours}
    if run.article_title:
        title = clip(run.article_title, TITLE_MAX)
        lines = [t("events.quiz.about", locale, title=title, **values) for locale in (ZH, EN)]
    else:
        lines = [t("events.quiz.about_untitled", locale, **values) for locale in (ZH, EN)]
    return join_description("\n".join(lines), tail)


def event_text(run: QuizRun, post_url: str | None = None) -> EventText:
    return EventText(
        name=event_name(run.article_title),
        description=event_description(run, post_url),
        location=location(run.channel_name),
    )


def desired_state(
    *,
    schedule_status: str,
    run_status: str | None,
    posted: bool,
    closed: bool,
    ends_at: datetime,
    now: datetime,
) -> EventState:
    """What a run's event should be now: ACTIVE from the post until the quiz closes (closed
    early by a moderator, or its time is up), then COMPLETED; CANCELLED for a run that was
    missed or failed, or whose schedule was removed before it ran."""
    return run_state(
        schedule_status=schedule_status,
        run_status=run_status,
        took_place=posted,
        ended=closed or now >= ends_at,
    )
