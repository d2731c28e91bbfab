"""REST routes for channels and threads: read/edit/delete a channel, start threads, thread members, DMs.

Forum cases (posts, tags) are handled by forums.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from aiohttp import web

from .. import limits
from .. import state as st
from ..core import RequestRecord
from .common import Route, empty_response, error_response, json_response
from .forums import ForumRoutes


class ChannelRoutes(ForumRoutes):
    """/channels/{id}, /channels/{id}/threads, thread members, /users/@me/channels."""

    def _channel_routes(self) -> Iterator[Route]:
        channel = "/channels/{channel_id}"
        yield Route("GET", channel, self._h_get_channel)
        yield Route("PATCH", channel, self._h_edit_channel)
        yield Route("DELETE", channel, self._h_delete_channel)
        yield Route(
            "POST", f"{channel}/messages/{{message_id}}/threads", self._h_thread_from_message
        )
        yield Route("POST", f"{channel}/threads", self._h_thread_without_message)
        for method in ("PUT", "DELETE"):
            yield Route(method, f"{channel}/thread-members/{{user_id}}", self._h_thread_member)
        yield Route("GET", f"{channel}/thread-members", self._h_list_thread_members)
        yield Route("GET", f"{channel}/threads/archived/public", self._h_archived_public_threads)
        yield Route("POST", "/users/@me/channels", self._h_open_dm)

    async def _h_archived_public_threads(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        """A channel's (or forum's) archived public threads, newest archive first, as Discord
        pages them: `before` (an ISO8601 archive time) and `limit`; `has_more` when cut."""
        parent = self._need_channel(channel_id)
        before = record.query.get("before")
        limit = int(record.query.get("limit") or 50)
        archived = [
            c
            for c in self.state.channels.values()
            if c.is_thread and c.parent_id == parent.id and c.archived and not c.deleted
        ]
        archived.sort(key=lambda c: c.archive_timestamp or c.created_at, reverse=True)
        if before:
            cut = datetime.fromisoformat(before)
            archived = [c for c in archived if (c.archive_timestamp or c.created_at) < cut]
        page = archived[:limit]
        members = [
            self.state.thread_member_payload(t, self.bot_user_id)
            for t in page
            if self.bot_user_id in t.thread_members
        ]
        return json_response(
            200,
            {
                "threads": [t.payload(self.state) for t in page],
                "members": members,
                "has_more": len(archived) > limit,
            },
        )

    def _thread_payload_for_bot(self, thread: st.Channel, *, newly_created: bool) -> dict[str, Any]:
        data = thread.payload(self.state)
        if self.bot_user_id in thread.thread_members:
            data["member"] = self.state.thread_member_payload(thread, self.bot_user_id)
        if newly_created:
            data["newly_created"] = True
        return data

    def _new_thread(
        self,
        parent: st.Channel,
        *,
        thread_id: int,
        kind: int,
        body: dict[str, Any],
        starter: st.Message | None,
        applied_tags: list[int] | None = None,
    ) -> st.Channel:
        now = self.state.now()
        thread = st.Channel(
            id=thread_id,
            type=kind,
            name=body["name"],
            guild_id=parent.guild_id,
            parent_id=parent.id,
            owner_id=self.bot_user_id,
            auto_archive_duration=body.get("auto_archive_duration")
            or parent.default_auto_archive_duration,
            invitable=bool(body.get("invitable", True)),
            starter_message_id=starter.id if starter else None,
            thread_members={self.bot_user_id},
            created_at=now,
            archive_timestamp=now,
            applied_tags=list(applied_tags or []),
        )
        self.state.channels[thread.id] = thread
        assert parent.guild_id is not None
        self.state.guilds[parent.guild_id].channel_ids.append(thread.id)
        if starter is not None:
            starter.thread_id = thread.id
        self._dispatch_guild(
            "THREAD_CREATE", self._thread_payload_for_bot(thread, newly_created=True)
        )
        return thread

    async def _h_thread_from_message(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str, message_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        if channel.is_thread or channel.is_forum or channel.type == st.DM:
            return error_response(400, 50024, "Cannot execute action on this channel type")
        msg = self._need_message(channel, message_id)
        body = record.json or {}
        problems: list[limits.Problem] = []
        limits.check_thread(body, problems, with_message=True)
        if problems:
            return self._invalid(record, problems)
        self._require(channel, "create_public_threads", "read_message_history")
        if msg.thread_id is not None:
            return error_response(400, 160004, "A thread has already been created for this message")
        if msg.ephemeral:
            return error_response(404, 10008, "Unknown Message")
        thread = self._new_thread(
            channel, thread_id=msg.id, kind=st.PUBLIC_THREAD, body=body, starter=msg
        )
        return json_response(201, thread.payload(self.state))

    async def _h_thread_without_message(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        body = record.json or {}
        if channel.is_thread or channel.type == st.DM:
            return error_response(400, 50024, "Cannot execute action on this channel type")
        if channel.is_forum:
            return self._forum_post(record, files, channel)
        if "message" in body:
            problem = ("message", "BASE_TYPE_INVALID", "Only forum and media posts take a message")
            return self._invalid(record, [problem], kind="protocol")
        problems: list[limits.Problem] = []
        limits.check_thread(body, problems, with_message=False)
        kind = body.get("type") or st.PRIVATE_THREAD
        if kind == st.ANNOUNCEMENT_THREAD:
            problems.append(
                ("type", "BASE_TYPE_CHOICES", "Announcement threads need an announcement channel")
            )
        if problems:
            return self._invalid(record, problems)
        self._require(
            channel,
            "create_public_threads" if kind == st.PUBLIC_THREAD else "create_private_threads",
        )
        thread = self._new_thread(
            channel, thread_id=self.state.snowflake(), kind=kind, body=body, starter=None
        )
        return json_response(201, thread.payload(self.state))

    async def _h_get_channel(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        self._require(channel)
        return json_response(200, channel.payload(self.state))

    async def _h_edit_channel(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        body = record.json or {}
        problems: list[limits.Problem] = []
        if "name" in body:
            limits._length(problems, "name", body["name"], 1, 100)
        if channel.is_thread:
            limits.check_applied_tags(body.get("applied_tags"), problems)
            if (
                body.get("auto_archive_duration") is not None
                and body["auto_archive_duration"] not in limits.ARCHIVE_DURATIONS
            ):
                problems.append(
                    (
                        "auto_archive_duration",
                        "BASE_TYPE_CHOICES",
                        "Value must be one of {60, 1440, 4320, 10080}.",
                    )
                )
            if problems:
                return self._invalid(record, problems)
            if channel.owner_id != self.bot_user_id or "locked" in body:
                self._require(channel, "manage_threads")
            if "applied_tags" in body:
                self._edit_post_tags(channel, body)
            for key in ("name", "archived", "locked", "auto_archive_duration", "invitable"):
                if key in body and body[key] is not None:
                    setattr(channel, key, body[key])
            if "archived" in body:
                channel.archive_timestamp = self.state.now()
            self._dispatch_guild("THREAD_UPDATE", channel.payload(self.state))
        else:
            if problems:
                return self._invalid(record, problems)
            self._require(channel, "manage_channels")
            if channel.is_forum:
                refused = self._edit_forum_tags(record, channel)
                if refused is not None:
                    return refused
            for key in ("name", "topic"):
                if key in body:
                    setattr(channel, key, body[key])
            self._dispatch_guild("CHANNEL_UPDATE", channel.payload(self.state))
        return json_response(200, channel.payload(self.state))

    async def _h_delete_channel(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        self._require(channel, "manage_threads" if channel.is_thread else "manage_channels")
        payload = channel.payload(self.state)
        self.delete_channel(channel.id)
        return json_response(200, payload)

    async def _h_thread_member(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str, user_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        if not channel.is_thread:
            return error_response(400, 50024, "Cannot execute action on this channel type")
        uid = self.bot_user_id if user_id == "@me" else int(user_id)
        if record.method == "PUT":
            if uid != self.bot_user_id:
                self._require(channel, "send_messages_in_threads")
            if channel.guild_id is not None and self.state.member(channel.guild_id, uid) is None:
                return error_response(404, 10013, "Unknown User")
            channel.thread_members.add(uid)
        else:
            channel.thread_members.discard(uid)
        return empty_response()

    async def _h_list_thread_members(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        return json_response(
            200,
            [self.state.thread_member_payload(channel, u) for u in sorted(channel.thread_members)],
        )

    async def _h_open_dm(self, record: RequestRecord, files: list[dict[str, Any]]) -> web.Response:
        body = record.json or {}
        uid = int(body.get("recipient_id") or 0)
        if uid not in self.state.users:
            return error_response(400, 50035, "Invalid Form Body")
        return json_response(200, self.state.ensure_dm(uid).payload(self.state))
