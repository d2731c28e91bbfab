"""Guild scheduled events on the world side: what moderators do in Discord's UI, and inspection.

The bot creates and edits events over REST (routes/scheduled_events.py); people also act on them
behind its back (a moderator edits, cancels or deletes an event, members mark themselves
interested). These knobs change the fake's state and dispatch what Discord would, so the bot's
reconcile code sees the same world after a restart (events live in `state`, which a restarted
bot shares with the one before it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from . import interactions as ix
from . import state as st
from .core import FakeCore
from .gateway import INTENT_GUILD_SCHEDULED_EVENTS


class ScheduledEventsWorld(FakeCore):
    """add_scheduled_event / update_event / delete_event / set_event_interest, and look-ups."""

    def _dispatch_event(self, name: str, event: st.ScheduledEvent) -> None:
        self._dispatch_guild(name, event.payload(self.state), intent=INTENT_GUILD_SCHEDULED_EVENTS)

    def add_scheduled_event(
        self,
        name: str,
        start: datetime,
        end: datetime,
        *,
        location: str = "Online",
        description: str | None = None,
        guild_id: int | None = None,
        creator: int | None = None,
        status: int = st.EVENT_SCHEDULED,
        interested: int = 0,
    ) -> st.ScheduledEvent:
        """An EXTERNAL event someone (default: the guild owner) made in the UI; dispatches CREATE."""
        gid = self._guild_id(guild_id)
        event = st.ScheduledEvent(
            id=self.state.snowflake(),
            guild_id=gid,
            name=name,
            start=start,
            end=end,
            location=location,
            description=description,
            status=status,
            creator_id=creator or self.state.guilds[gid].owner_id,
            interested=interested,
        )
        self.state.scheduled_events[event.id] = event
        self._dispatch_event("GUILD_SCHEDULED_EVENT_CREATE", event)
        return event

    def update_event(self, event_id: int, *, notify: bool = True, **changes: Any) -> None:
        """A moderator edits an event in the UI (name, description, start, end, location, status).

        Dispatches GUILD_SCHEDULED_EVENT_UPDATE unless `notify=False` (an update the bot missed).
        No transition rules here: a person in the UI is not the bot under test.
        """
        event = self.scheduled_event(event_id)
        for key, value in changes.items():
            if not hasattr(event, key) or key in ("id", "guild_id", "deleted"):
                raise ix.FakeDiscordUsageError(f"scheduled events have no field {key!r}")
            setattr(event, key, value)
        if notify:
            self._dispatch_event("GUILD_SCHEDULED_EVENT_UPDATE", event)

    def delete_event(self, event_id: int, *, notify: bool = True) -> None:
        """A moderator deletes an event in the UI; later requests for it get 404 (10070).

        With `notify=False` the bot is not told (as if it was offline), so its cache is stale.
        """
        event = self.scheduled_event(event_id)
        event.deleted = True
        if notify:
            self._dispatch_event("GUILD_SCHEDULED_EVENT_DELETE", event)

    def set_event_interest(self, event_id: int, users: int) -> None:
        """How many users marked themselves interested (`user_count` with `with_user_count`).

        Nothing is dispatched: Discord's USER_ADD/REMOVE events name single users, and a count is
        what the bot reads (over REST) anyway.
        """
        self.scheduled_event(event_id).interested = users

    def scheduled_event(self, event_id: int) -> st.ScheduledEvent:
        """One event the fake knows, deleted or not (its `status`, `start`, `end`, ...)."""
        event = self.state.scheduled_events.get(event_id)
        if event is None:
            raise ix.FakeDiscordUsageError(f"no scheduled event {event_id}")
        return event

    def scheduled_events(
        self, guild_id: int | None = None, *, include_deleted: bool = False
    ) -> list[st.ScheduledEvent]:
        """A guild's events, oldest first, ended ones included (deleted ones only when asked)."""
        gid = self._guild_id(guild_id)
        return [
            e
            for e in self.state.scheduled_events.values()
            if e.guild_id == gid and (include_deleted or not e.deleted)
        ]
