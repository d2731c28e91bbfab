"""What every kind of scheduled event shares, as plain data: Discord's limits, the shape of an
event's text, the state an event should be in (with when it ends and what it links), the marker
that finds it again after a crash, and the status steps Discord allows.

Each kind (a discussion session in `bot.discussion.events`, a weekly quiz run in
`bot.quiz.events`) says what its event is called and when it should be in which state; the Discord
side (`bot.cogs.scheduled_events`) only moves Discord toward that, one allowed step at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.content.sentences import clip
from bot.i18n import EN, ZH, t
from bot.scheduling.event_store import EventState

NAME_MAX = 100  # Discord: 1-100 characters
DESCRIPTION_MAX = 1000  # Discord: 1-1000 characters
LOCATION_MAX = 100  # Discord: 1-100 characters for an external event's location
# Discord refuses to create an event whose start is not in the future; a run closer than this to
# its start gets no event (the thread opens, or the quiz is posted, in a moment anyway).
CREATE_MARGIN = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class EventText:
    name: str
    description: str
    location: str


@dataclass(frozen=True, slots=True)
class Wanted:
    """What a run's event should be now, computed from the tables (never stored): its state,
    when it ends, and once the run took place, what its description links (a discussion's
    thread, a quiz's post) with that thing's id (recorded as `schedule_events.thread_id`)."""

    state: EventState
    ends_at: datetime
    link_id: int | None = None
    link_url: str | None = None


def marker_line(key: str, **values: object) -> str:
    """The line that identifies a run's event: the catalogue text in both languages, bracketed
    (`〔讨论 1.3 · Discussion 1.3〕`), so that one run's marker never contains another's."""
    return f"〔{t(key, ZH, **values)} · {t(key, EN, **values)}〕"


def description_tail(marker: str, *, emoji: str, label_key: str, url: str | None) -> str:
    """The end of every description: the link to what the run made (once it did), then the
    marker. Both always fit (`join_description` cuts the body, never the tail)."""
    link = [f"{emoji} {t(label_key, ZH)} · {t(label_key, EN)}: {url}"] if url else []
    return "\n".join([*link, marker])


def body_budget(tail: str) -> int:
    """What the body may take next to `tail` (and the blank line between them)."""
    return DESCRIPTION_MAX - len(tail) - 2


def join_description(body: str, tail: str) -> str:
    body = clip(body, body_budget(tail))
    text = f"{body}\n\n{tail}" if body else tail
    assert len(text) <= DESCRIPTION_MAX
    return text


def location(channel_name: str) -> str:
    """`#reading`: where members meet (what the run made is linked in the description)."""
    return clip(f"#{channel_name}", LOCATION_MAX)


def steps(have: EventState, want: EventState) -> list[EventState]:
    """The status changes Discord allows on the way from `have` to `want`.

    Discord's transitions: SCHEDULED → ACTIVE or CANCELLED, ACTIVE → COMPLETED, nothing after.
    A run that took place while the bot was down goes SCHEDULED → ACTIVE → COMPLETED; an
    active event cannot be cancelled, so it is completed.
    """
    if have is EventState.SCHEDULED:
        if want is EventState.ACTIVE:
            return [EventState.ACTIVE]
        if want is EventState.COMPLETED:
            return [EventState.ACTIVE, EventState.COMPLETED]
        if want is EventState.CANCELLED:
            return [EventState.CANCELLED]
    if have is EventState.ACTIVE and want in (EventState.COMPLETED, EventState.CANCELLED):
        return [EventState.COMPLETED]
    return []


def run_state(
    *,
    schedule_status: str,
    run_status: str | None,
    took_place: bool,
    ended: bool,
) -> EventState:
    """What a run's event should be now, whatever the kind.

    `run_status` is the status of the run's occurrence (None before it fired); `took_place` says
    the run made its thing (a thread, a quiz post), `ended` that its window is over. A run that
    took place is ACTIVE until it ends, then COMPLETED; one that was cancelled, failed or missed
    did not take place: CANCELLED.
    """
    if took_place:
        return EventState.COMPLETED if ended else EventState.ACTIVE
    if run_status == "claimed":  # running right now (or interrupted: the runner resolves it)
        return EventState.SCHEDULED
    if schedule_status == "active" and run_status is None:
        return EventState.SCHEDULED
    return EventState.CANCELLED
