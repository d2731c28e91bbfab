"""What every REST handler uses: JSON answers, the route record, lookups that answer 404 and
permission checks that answer 403, as Discord does."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .. import limits
from .. import state as st
from ..core import FakeCore, Handler, RequestRecord
from ..permissions import has


def json_response(status: int, body: Any, headers: Mapping[str, str] | None = None) -> web.Response:
    all_headers = {"Content-Type": "application/json"}
    if headers:
        all_headers.update(headers)
    return web.Response(status=status, body=json.dumps(body).encode(), headers=all_headers)


def error_response(status: int, code: int, message: str) -> web.Response:
    return json_response(status, {"message": message, "code": code})


def empty_response() -> web.Response:
    return web.Response(status=204)


class HTTPAnswer(Exception):
    """Raised inside handlers to answer at once (keeps handlers flat)."""

    def __init__(self, response: web.Response) -> None:
        super().__init__(response.status)
        self.response = response


@dataclass(frozen=True)
class Route:
    """One REST route: `{name}` in the pattern is one path segment, passed to the handler."""

    method: str
    pattern: str
    handler: Handler
    auth: bool = True  # interaction callbacks and webhooks authenticate by token, not header


class RouteHelpers(FakeCore):
    """Lookups and checks shared by the handlers of every resource."""

    def _invalid(
        self,
        record: RequestRecord,
        problems: list[limits.Problem],
        prefix: str = "",
        *,
        kind: str = "limits",
    ) -> web.Response:
        if prefix:
            problems = [(f"{prefix}.{p}" if p else prefix, c, m) for p, c, m in problems]
        self._violation(record.method, record.path, problems, kind)
        if any(code == "50006" for _, code, _ in problems):
            return error_response(400, 50006, "Cannot send an empty message")
        return json_response(400, limits.error_body(problems))

    def _need_channel(self, channel_id: str) -> st.Channel:
        channel = self.state.channel(int(channel_id))
        if channel is None:
            raise HTTPAnswer(error_response(404, 10003, "Unknown Channel"))
        return channel

    def _need_message(self, channel: st.Channel, message_id: str) -> st.Message:
        msg = self.state.messages.get(int(message_id))
        if msg is None or msg.deleted or msg.channel_id != channel.id:
            raise HTTPAnswer(error_response(404, 10008, "Unknown Message"))
        return msg

    def _need_guild(self, guild_id: str) -> st.Guild:
        guild = self.state.guilds.get(int(guild_id))
        if guild is None:
            raise HTTPAnswer(error_response(404, 10004, "Unknown Guild"))
        return guild

    def _require(self, channel: st.Channel, *perms: str) -> None:
        """403 like Discord when the bot lacks a permission in the channel."""
        if channel.type == st.DM:
            return
        bits = self.state.channel_permissions(channel.id, self.bot_user_id)
        if not has(bits, "view_channel"):
            raise HTTPAnswer(error_response(403, 50001, "Missing Access"))
        if not has(bits, *perms):
            raise HTTPAnswer(error_response(403, 50013, "Missing Permissions"))
