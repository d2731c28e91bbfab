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
from datetime import date, datetime

from bot.content.sentences import clip
from bot.i18n import EN, ZH, t
from bot.scheduling.event_store import EventState
from bot.scheduling.event_texts import (
    DESCRIPTION_MAX,
    NAME_MAX,
    EventText,
    location,
    marker_line,
    run_state,
)

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


def event_description(
    *,
    number: int,
    run_date: date,
    channel_name: str,
    hours: int,
    article_title: str | None = None,
    post_url: str | None = None,
) -> str:
    """What the quiz is, in Chinese then English; the post's link (once posted) and the marker
    always fit: they come first in the budget and last on the page."""
    tail = []
    if post_url:
        tail.append(f"📝 {t('events.quiz.post', ZH)} · {t('events.quiz.post', EN)}: {post_url}")
    tail.append(marker(number, run_date))
    tail_text = "\n".join(tail)
    budget = DESCRIPTION_MAX - len(tail_text) - 2  # the blank line before the tail
    values = {"channel": f"#{channel_name}", "hours": hours}
    if article_title:
        lines = [
            t("events.quiz.about", locale, title=article_title, **values) for locale in (ZH, EN)
        ]
    else:
        lines = [t("events.quiz.about_untitled", locale, **values) for locale in (ZH, EN)]
    body = clip("\n".join(lines), budget)
    text = f"{body}\n\n{tail_text}"
    assert len(text) <= DESCRIPTION_MAX
    return text


def event_text(
    *,
    number: int,
    run_date: date,
    channel_name: str,
    hours: int,
    article_title: str | None = None,
    post_url: str | None = None,
) -> EventText:
    return EventText(
        name=clip(event_name(article_title), NAME_MAX),
        description=event_description(
            number=number,
            run_date=run_date,
            channel_name=channel_name,
            hours=hours,
            article_title=article_title,
            post_url=post_url,
        ),
        location=location(channel_name),
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
