"""A scheduled session as a Discord scheduled event, as plain data: what the event says (name,
description, location, within Discord's limits) and which state it should be in.

The Discord side (`bot.cogs.scheduled_events`) only sends what is decided here. The desired state
is computed from what the tables say about the session (schedule status, its run, its thread),
never stored, so a crash cannot leave a stale wish: a restarted bot computes it again and moves
Discord toward it.

Each event's description ends with a marker naming the session the way members do (`〔讨论 1.3 ·
Discussion 1.3〕`): numbers are never reused in a server, so together with the bot being the event's
creator it identifies the session's event after a crash, whatever its name or start became.
"""

from __future__ import annotations

from datetime import datetime

from bot.content.sentences import clip
from bot.discussion.starter import Starter
from bot.i18n import EN, ZH, t
from bot.scheduling.event_store import EventState
from bot.scheduling.event_texts import CREATE_MARGIN as CREATE_MARGIN  # shared by every kind
from bot.scheduling.event_texts import DESCRIPTION_MAX as DESCRIPTION_MAX
from bot.scheduling.event_texts import LOCATION_MAX as LOCATION_MAX
from bot.scheduling.event_texts import (
    NAME_MAX,
    EventText,
    body_budget,
    description_tail,
    join_description,
    location,
    marker_line,
    run_state,
)
from bot.scheduling.event_texts import steps as steps
from bot.scheduling.recurrence import discord_timestamp
from bot.scheduling.refs import ScheduleRef

PROMPT_LINE_MAX = 160  # per language: a prompt's first line, clipped


def marker(ref: ScheduleRef) -> str:
    """The line that identifies a session's event: both languages, the ref members type."""
    return marker_line("events.marker.discussion", ref=ref.canonical)


def has_marker(description: str | None, ref: ScheduleRef) -> bool:
    return marker(ref) in (description or "")


def event_name(starter: Starter, session: int | None = None) -> str:
    """The section in the one section format (`naming.short_label`), its English short title
    after it when the content has one; a plan's session number first, as the thread's name."""
    name = starter.short if session is None else f"{session} · {starter.short}"
    if starter.short_en:
        name = f"{name} · {starter.short_en}"
    return clip(name, NAME_MAX)


def _first_line(text: str) -> str:
    return clip(text.strip().splitlines()[0] if text.strip() else "", PROMPT_LINE_MAX)


def event_description(starter: Starter, ref: ScheduleRef, *, thread_url: str | None = None) -> str:
    """Summary, then each prompt's first line in Chinese and English, as many as fit in 1000
    characters; the thread's link (once open) and the marker always fit: they come first in the
    budget and last on the page."""
    tail = description_tail(marker(ref), emoji="🧵", label_key="events.thread", url=thread_url)
    budget = body_budget(tail)
    lines: list[str] = []
    if starter.summary:
        lines.append(clip(starter.summary, max(budget // 3, 1)))
    for prompt in starter.prompts:
        block = f"💬 {_first_line(prompt.zh)}\n   {_first_line(prompt.en)}"
        if len("\n".join([*lines, block])) > budget:
            break
        lines.append(block)
    return join_description("\n".join(lines), tail)


def event_text(
    starter: Starter,
    ref: ScheduleRef,
    *,
    channel_name: str,
    session: int | None = None,
    thread_url: str | None = None,
) -> EventText:
    return EventText(
        name=event_name(starter, session),
        description=event_description(starter, ref, thread_url=thread_url),
        location=location(channel_name),
    )


def desired_state(
    *,
    schedule_status: str,
    run_status: str | None,
    opened: bool,
    ends_at: datetime,
    now: datetime,
) -> EventState:
    """What the session's event should be now (`opened`: a thread was recorded for it); see
    `run_state`: ACTIVE while its thread's window lasts, COMPLETED after, CANCELLED if it did not
    take place."""
    return run_state(
        schedule_status=schedule_status,
        run_status=run_status,
        took_place=opened,
        ended=now >= ends_at,
    )


def wrapup_text(
    *,
    messages: int | None,
    members: int | None,
    next_at: datetime | None = None,
    next_ref: ScheduleRef | None = None,
) -> str:
    """The wrap-up in the thread: counts from the thread's metadata, and the next session if a
    plan continues; Chinese first, English as subtext (as the thread's other posts)."""
    values = {
        "messages": messages if messages is not None else "?",
        "members": members if members is not None else "?",
    }
    zh = [t("events.wrapup.counts", ZH, **values)]
    en = [t("events.wrapup.counts", EN, **values)]
    if next_at is not None and next_ref is not None:
        when = discord_timestamp(next_at, "F")
        for locale, lines in ((ZH, zh), (EN, en)):
            ref = t("events.marker.discussion", locale, ref=next_ref.canonical)
            lines.append(t("events.wrapup.next", locale, when=when, ref=ref))
    return "\n".join([f"{WRAPUP_LEAD} {zh[0]}", *zh[1:], *(f"-# {line}" for line in en)])


WRAPUP_LEAD = "🏁"  # how a restarted bot recognises its wrap-up in the thread


def is_wrapup(content: str | None) -> bool:
    return (content or "").startswith(WRAPUP_LEAD)
