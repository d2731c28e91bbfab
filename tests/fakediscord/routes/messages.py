"""REST routes for messages: send, read, edit, delete, reactions, pins, typing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from aiohttp import web

from .. import limits, mentions
from .. import state as st
from ..core import RequestRecord
from ..gateway import INTENT_GUILD_MESSAGES
from ..permissions import has
from .common import Route, RouteHelpers, empty_response, error_response, json_response


class MessageRoutes(RouteHelpers):
    """/channels/{id}/messages..., and the message store every sender uses."""

    _nonces: dict[tuple[int, str], int]  # (channel, nonce) -> message id, for enforce_nonce

    def _message_routes(self) -> Iterator[Route]:
        messages = "/channels/{channel_id}/messages"
        yield Route("GET", messages, self._h_list_messages)
        yield Route("POST", messages, self._h_post_message)
        # Before {message_id}, which would also match "pins".
        yield Route("GET", f"{messages}/pins", self._h_list_pins)
        for method in ("PUT", "DELETE"):
            yield Route(method, f"{messages}/pins/{{message_id}}", self._h_pin)
        yield Route("GET", f"{messages}/{{message_id}}", self._h_get_message)
        yield Route("PATCH", f"{messages}/{{message_id}}", self._h_edit_message)
        yield Route("DELETE", f"{messages}/{{message_id}}", self._h_delete_message)
        for method in ("PUT", "DELETE"):
            yield Route(
                method, f"{messages}/{{message_id}}/reactions/{{emoji}}/@me", self._h_reaction
            )
        yield Route("POST", "/channels/{channel_id}/typing", self._h_typing)

    def _store_message(
        self,
        channel: st.Channel,
        author: st.User,
        body: dict[str, Any],
        *,
        files: list[dict[str, Any]] | None = None,
        interaction: dict[str, Any] | None = None,
        webhook: bool = False,
        msg_type: int = 0,
        flags: int | None = None,
        echo: bool | None = None,
        message_id: int | None = None,
    ) -> st.Message:
        """Store a new message; `message_id` is given for a forum post's starter (id == thread id)."""
        now = self.state.now()
        attachments = []
        for i, f in enumerate(files or []):
            aid = self.state.snowflake()
            attachments.append(
                {
                    "id": str(aid),
                    "filename": f.get("filename") or f"file{i}",
                    "size": f.get("size", 0),
                    "url": f"https://cdn.invalid/attachments/{channel.id}/{aid}/{f.get('filename')}",
                    "proxy_url": f"https://media.invalid/attachments/{channel.id}/{aid}/{f.get('filename')}",
                    "content_type": "application/octet-stream",
                }
            )
        msg = st.Message(
            id=message_id or self.state.snowflake(),
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author=author,
            content=body.get("content") or "",
            embeds=list(body.get("embeds") or []),
            components=list(body.get("components") or []),
            flags=int(body.get("flags") or 0) if flags is None else flags,
            allowed_mentions=body.get("allowed_mentions"),
            attachments=attachments,
            tts=bool(body.get("tts")),
            nonce=body.get("nonce"),
            created_at=now,
            webhook_id=self.application_id if webhook else None,
            application_id=self.application_id if webhook else None,
            interaction=interaction,
            message_reference=body.get("message_reference"),
            type=msg_type,
            sent=body,
        )
        self.state.messages[msg.id] = msg
        channel.last_message_id = msg.id
        self._note_pings(channel, msg)
        if channel.is_thread:
            if msg.id != channel.id:  # a forum post's starter message is not counted
                channel.message_count += 1
                channel.total_message_sent += 1
            if not webhook:  # Discord adds whoever posts in a thread to its members
                channel.thread_members.add(author.id)
            parent = self.state.channels.get(channel.parent_id or 0)
            if parent is not None and parent.is_forum:
                parent.last_message_id = channel.id  # a forum's last_message_id is its last post
        should_echo = echo if echo is not None else self.echo_bot_messages
        if should_echo and not msg.ephemeral:
            self._dispatch_message("MESSAGE_CREATE", msg)
        return msg

    def _note_pings(self, channel: st.Channel, msg: st.Message) -> None:
        """Record who the new message notified (mentions.py), for `pinged_*` assertions."""
        replied_author: int | None = None
        ref = msg.message_reference or {}
        if ref.get("message_id") is not None:
            replied = self.state.messages.get(int(ref["message_id"]))
            replied_author = replied.author.id if replied is not None else None
        found = mentions.pings(
            self.state,
            channel,
            msg.author.id,
            msg.content,
            msg.allowed_mentions,
            replied_author=replied_author,
        )
        msg.pinged_users, msg.pinged_roles, msg.pinged_everyone = (
            found.users,
            found.roles,
            found.everyone,
        )

    async def _h_post_message(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        body = record.json or {}
        problems: list[limits.Problem] = []
        limits.check_message(body, problems)
        if body.get("flags", 0) & limits.FLAG_EPHEMERAL:
            problems.append(
                ("flags", "MESSAGE_FLAGS_INVALID", "Only interaction responses can be ephemeral")
            )
        if problems:
            return self._invalid(record, problems)
        if channel.is_forum:
            return error_response(400, 40058, "Cannot send a message in a forum channel")
        if channel.type == st.DM:
            recipient = self.state.users.get(channel.recipient_id or 0)
            if recipient is not None and not recipient.dms_open:
                return error_response(403, 50007, "Cannot send messages to this user")
        elif channel.is_thread:
            self._require(channel, "send_messages_in_threads")
            if channel.archived:
                if channel.locked:
                    return error_response(400, 50083, "Thread is archived")
                channel.archived = False
                self._dispatch_guild("THREAD_UPDATE", channel.payload(self.state))
        else:
            self._require(channel, "send_messages")
        if body.get("nonce") is not None and body.get("enforce_nonce"):
            existing = self._nonces.get((channel.id, str(body["nonce"])))
            if existing is not None:
                return json_response(200, self.state.messages[existing].payload(self.state))
        msg = self._store_message(channel, self.state.bot_user, body, files=files)
        if msg.nonce is not None:
            self._nonces[(channel.id, str(msg.nonce))] = msg.id
        return json_response(200, msg.payload(self.state))

    async def _h_get_message(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str, message_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        self._require(channel, "read_message_history")
        return json_response(200, self._need_message(channel, message_id).payload(self.state))

    async def _h_list_messages(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        self._require(channel, "read_message_history")
        msgs = [m for m in self.messages(channel.id) if not m.ephemeral]
        q = record.query
        if "before" in q:
            msgs = [m for m in msgs if m.id < int(q["before"])]
        if "after" in q:
            msgs = [m for m in msgs if m.id > int(q["after"])]
        limit = int(q.get("limit", 50))
        if "after" in q:
            msgs = msgs[:limit]
        else:
            msgs = msgs[-limit:]
        return json_response(200, [m.payload(self.state) for m in reversed(msgs)])

    async def _h_edit_message(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str, message_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        msg = self._need_message(channel, message_id)
        if msg.author.id != self.bot_user_id:
            return error_response(403, 50005, "Cannot edit a message authored by another user")
        body = record.json or {}
        problems: list[limits.Problem] = []
        limits.check_message(body, problems, edit=True)
        if problems:
            return self._invalid(record, problems)
        msg.apply_edit(body, self.state.now())
        if self.echo_bot_messages:
            self._dispatch_message("MESSAGE_UPDATE", msg)
        return json_response(200, msg.payload(self.state))

    async def _h_delete_message(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str, message_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        msg = self._need_message(channel, message_id)
        if msg.author.id != self.bot_user_id:
            self._require(channel, "manage_messages")
        msg.deleted = True
        if channel.is_thread and msg.id != channel.id:
            channel.message_count = max(channel.message_count - 1, 0)
        if self.echo_bot_messages or msg.author.id != self.bot_user_id:
            self._dispatch_guild(
                "MESSAGE_DELETE",
                {
                    "id": str(msg.id),
                    "channel_id": str(channel.id),
                    "guild_id": str(channel.guild_id),
                },
                intent=INTENT_GUILD_MESSAGES,
            )
        return empty_response()

    async def _h_reaction(
        self,
        record: RequestRecord,
        files: list[dict[str, Any]],
        channel_id: str,
        message_id: str,
        emoji: str,
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        msg = self._need_message(channel, message_id)
        key = unquote(emoji)
        if record.method == "PUT":
            self._require(channel, "add_reactions", "read_message_history")
            msg.reactions.setdefault(key, set()).add(self.bot_user_id)
        else:
            msg.reactions.get(key, set()).discard(self.bot_user_id)
        return empty_response()

    async def _h_pin(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str, message_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        msg = self._need_message(channel, message_id)
        if not has(self.state.channel_permissions(channel.id, self.bot_user_id), "manage_messages"):
            self._require(channel, "pin_messages")
        msg.pinned = record.method == "PUT"
        return empty_response()

    async def _h_list_pins(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        self._require(channel, "read_message_history")
        pinned = [m for m in reversed(self.messages(channel.id)) if m.pinned]
        items = [
            {"pinned_at": st.iso(m.created_at), "message": m.payload(self.state)} for m in pinned
        ]
        return json_response(200, {"items": items, "has_more": False})

    async def _h_typing(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        self._require(channel, "send_messages_in_threads" if channel.is_thread else "send_messages")
        return empty_response()
