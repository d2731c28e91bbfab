"""REST routes for guild scheduled events: create, list, get, modify (and start/end/cancel), delete.

Paths are the OpenAPI templates, so schema.py validates every body. On top of the schema, what
Discord documents: EXTERNAL events need `entity_metadata.location` and an end time and no
channel; the start is in the future and the end after it; status moves only SCHEDULED->ACTIVE,
ACTIVE->COMPLETED, SCHEDULED->CANCELED; at most 100 uncompleted events (30038). Permissions are
guild-level: CREATE_EVENTS to create (since 2026-02-23 MANAGE_EVENTS alone no longer lets a bot
create, per Discord's change log); to modify or delete, MANAGE_EVENTS, or CREATE_EVENTS for an
event the bot created itself. Only EXTERNAL events are modelled (stage and voice events need
voice channels the fake does not have).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from .. import limits
from .. import state as st
from ..core import RequestRecord
from ..gateway import INTENT_GUILD_SCHEDULED_EVENTS
from ..permissions import has
from .common import HTTPAnswer, Route, RouteHelpers, empty_response, error_response, json_response

UNCOMPLETED_EVENTS_MAX = 100
TRANSITIONS = {
    (st.EVENT_SCHEDULED, st.EVENT_ACTIVE),
    (st.EVENT_ACTIVE, st.EVENT_COMPLETED),
    (st.EVENT_SCHEDULED, st.EVENT_CANCELED),
}


def _when(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _truthy(value: str | None) -> bool:
    """Discord's boolean query strings: true/1 (discord.py sends 1/0)."""
    return (value or "").lower() in ("true", "1")


class ScheduledEventRoutes(RouteHelpers):
    """/guilds/{guild_id}/scheduled-events..."""

    def _scheduled_event_routes(self) -> Iterator[Route]:
        events = "/guilds/{guild_id}/scheduled-events"
        one = f"{events}/{{guild_scheduled_event_id}}"
        yield Route("GET", events, self._h_list_events)
        yield Route("POST", events, self._h_create_event)
        yield Route("GET", one, self._h_get_event)
        yield Route("PATCH", one, self._h_edit_event)
        yield Route("DELETE", one, self._h_delete_event)

    # -- helpers --------------------------------------------------------------------------------

    def _need_event(self, guild: st.Guild, event_id: str) -> st.ScheduledEvent:
        event = self.state.scheduled_events.get(int(event_id))
        if event is None or event.deleted or event.guild_id != guild.id:
            raise HTTPAnswer(error_response(404, 10070, "Unknown Guild Scheduled Event"))
        return event

    def _require_guild(self, guild: st.Guild, *any_of: str) -> None:
        """403 50013 unless the bot holds one of these guild-level permissions."""
        bits = self.state.base_permissions(guild.id, self.bot_user_id)
        if not any(has(bits, name) for name in any_of):
            raise HTTPAnswer(error_response(403, 50013, "Missing Permissions"))

    def _may_manage(self, guild: st.Guild, event: st.ScheduledEvent) -> None:
        if event.creator_id == self.bot_user_id:
            self._require_guild(guild, "manage_events", "create_events")
        else:
            self._require_guild(guild, "manage_events")

    def _time_problems(
        self, start: datetime, end: datetime | None, *, start_changed: bool
    ) -> list[limits.Problem]:
        problems: list[limits.Problem] = []
        if start_changed and start < self.state.now():
            problems.append(
                (
                    "scheduled_start_time",
                    "GUILD_SCHEDULED_EVENT_SCHEDULE_PAST",
                    "Cannot schedule event in the past.",
                )
            )
        if end is not None and end <= start:
            problems.append(
                (
                    "scheduled_end_time",
                    "GUILD_SCHEDULED_EVENT_END_BEFORE_START",
                    "Cannot schedule event to end before starting.",
                )
            )
        return problems

    def _dispatch_scheduled(self, name: str, event: st.ScheduledEvent) -> None:
        self._dispatch_guild(name, event.payload(self.state), intent=INTENT_GUILD_SCHEDULED_EVENTS)

    # -- handlers -------------------------------------------------------------------------------

    async def _h_list_events(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        counts = _truthy(record.query.get("with_user_count"))
        return json_response(
            200,
            [
                e.payload(self.state, with_user_count=counts)
                for e in self.state.guild_events(guild.id)
            ],
        )

    async def _h_get_event(
        self,
        record: RequestRecord,
        files: list[dict[str, Any]],
        guild_id: str,
        guild_scheduled_event_id: str,
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        event = self._need_event(guild, guild_scheduled_event_id)
        counts = _truthy(record.query.get("with_user_count"))
        return json_response(200, event.payload(self.state, with_user_count=counts))

    async def _h_create_event(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        body = record.json or {}
        if body.get("entity_type") != st.EVENT_EXTERNAL:
            self._bug(record.method, record.path, "only EXTERNAL scheduled events are modelled")
            return error_response(400, 0, "fake discord: only EXTERNAL events are modelled")
        problems: list[limits.Problem] = []
        limits.check_scheduled_event(body, problems)
        location = (body.get("entity_metadata") or {}).get("location")
        if location is None:
            problems.append(
                (
                    "entity_metadata.location",
                    "BASE_TYPE_REQUIRED",
                    "An EXTERNAL event needs a location.",
                )
            )
        if body.get("channel_id") is not None:
            problems.append(
                (
                    "channel_id",
                    "GUILD_SCHEDULED_EVENT_CHANNEL_INVALID",
                    "Must be null for EXTERNAL.",
                )
            )
        if body.get("scheduled_end_time") is None:
            problems.append(
                ("scheduled_end_time", "BASE_TYPE_REQUIRED", "An EXTERNAL event needs an end time.")
            )
        start = _when(body["scheduled_start_time"])
        end = _when(body["scheduled_end_time"]) if body.get("scheduled_end_time") else None
        problems += self._time_problems(start, end, start_changed=True)
        if problems:
            return self._invalid(record, problems)
        self._require_guild(guild, "create_events")
        if len(self.state.guild_events(guild.id)) >= UNCOMPLETED_EVENTS_MAX:
            return error_response(
                400, 30038, "Maximum number of uncompleted guild scheduled events reached (100)"
            )
        event = st.ScheduledEvent(
            id=self.state.snowflake(),
            guild_id=guild.id,
            name=body["name"],
            start=start,
            end=end,
            location=location,
            description=body.get("description") or None,
            privacy_level=body["privacy_level"],
            creator_id=self.bot_user_id,
        )
        self.state.scheduled_events[event.id] = event
        self._dispatch_scheduled("GUILD_SCHEDULED_EVENT_CREATE", event)
        return json_response(200, event.payload(self.state))

    async def _h_edit_event(
        self,
        record: RequestRecord,
        files: list[dict[str, Any]],
        guild_id: str,
        guild_scheduled_event_id: str,
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        event = self._need_event(guild, guild_scheduled_event_id)
        body = record.json or {}
        self._may_manage(guild, event)
        if body.get("entity_type") not in (None, st.EVENT_EXTERNAL):
            self._bug(record.method, record.path, "only EXTERNAL scheduled events are modelled")
            return error_response(400, 0, "fake discord: only EXTERNAL events are modelled")
        problems: list[limits.Problem] = []
        limits.check_scheduled_event(body, problems)
        if body.get("channel_id") is not None:
            problems.append(
                (
                    "channel_id",
                    "GUILD_SCHEDULED_EVENT_CHANNEL_INVALID",
                    "Must be null for EXTERNAL.",
                )
            )
        if "entity_metadata" in body and (body["entity_metadata"] or {}).get("location") is None:
            problems.append(
                (
                    "entity_metadata.location",
                    "BASE_TYPE_REQUIRED",
                    "An EXTERNAL event needs a location.",
                )
            )
        start = (
            _when(body["scheduled_start_time"]) if "scheduled_start_time" in body else event.start
        )
        end = event.end
        if "scheduled_end_time" in body:
            end = _when(body["scheduled_end_time"]) if body["scheduled_end_time"] else None
        if end is None:
            problems.append(
                ("scheduled_end_time", "BASE_TYPE_REQUIRED", "An EXTERNAL event needs an end time.")
            )
        problems += self._time_problems(
            start, end, start_changed="scheduled_start_time" in body and start != event.start
        )
        if problems:
            return self._invalid(record, problems)
        status = body.get("status")
        if status is not None and status != event.status:
            if (event.status, status) not in TRANSITIONS:
                # The body is well formed; the event's state refuses it (a race with a moderator
                # is possible), so this is Discord's answer, not a violation by the bot.
                problem = (
                    "status",
                    "GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION",
                    f"Cannot change status from {event.status} to {status}.",
                )
                return json_response(400, limits.error_body([problem]))
            event.status = status
        event.start, event.end = start, end
        if "name" in body:
            event.name = body["name"]
        if "description" in body:
            event.description = body["description"] or None
        if body.get("entity_metadata"):
            event.location = body["entity_metadata"]["location"]
        self._dispatch_scheduled("GUILD_SCHEDULED_EVENT_UPDATE", event)
        return json_response(200, event.payload(self.state))

    async def _h_delete_event(
        self,
        record: RequestRecord,
        files: list[dict[str, Any]],
        guild_id: str,
        guild_scheduled_event_id: str,
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        event = self._need_event(guild, guild_scheduled_event_id)
        self._may_manage(guild, event)
        event.deleted = True
        self._dispatch_scheduled("GUILD_SCHEDULED_EVENT_DELETE", event)
        return empty_response()
