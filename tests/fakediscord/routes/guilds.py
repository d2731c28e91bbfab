"""REST routes for guilds: the guild, its channels and active threads, members, roles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aiohttp import web

from ..core import RequestRecord
from ..gateway import INTENT_GUILD_MEMBERS
from ..permissions import has
from .common import Route, RouteHelpers, empty_response, error_response, json_response


class GuildRoutes(RouteHelpers):
    """/guilds/{id}/..."""

    def _guild_routes(self) -> Iterator[Route]:
        guild = "/guilds/{guild_id}"
        yield Route("GET", guild, self._h_get_guild)
        yield Route("GET", f"{guild}/channels", self._h_guild_channels)
        yield Route("GET", f"{guild}/threads/active", self._h_active_threads)
        yield Route("GET", f"{guild}/members", self._h_list_members)
        yield Route("GET", f"{guild}/members/{{user_id}}", self._h_get_member)
        yield Route("GET", f"{guild}/roles", self._h_roles)
        for method in ("PUT", "DELETE"):
            yield Route(
                method, f"{guild}/members/{{user_id}}/roles/{{role_id}}", self._h_member_role
            )

    async def _h_get_guild(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        data = self.state.guild_payload(guild.id)
        for key in ("channels", "threads", "members", "voice_states", "presences", "member_count"):
            data.pop(key, None)
        data["approximate_member_count"] = len(guild.member_ids)
        data["approximate_presence_count"] = 0
        return json_response(200, data)

    async def _h_guild_channels(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        channels = [self.state.channels[c] for c in guild.channel_ids]
        return json_response(
            200, [c.payload(self.state) for c in channels if not c.deleted and not c.is_thread]
        )

    async def _h_active_threads(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        threads = [self.state.channels[c] for c in guild.channel_ids]
        live = [t for t in threads if t.is_thread and not t.deleted and not t.archived]
        members = [
            self.state.thread_member_payload(t, self.bot_user_id)
            for t in live
            if self.bot_user_id in t.thread_members
        ]
        return json_response(
            200, {"threads": [t.payload(self.state) for t in live], "members": members}
        )

    async def _h_get_member(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str, user_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        member = self.state.member(guild.id, int(user_id))
        if member is None:
            return error_response(404, 10007, "Unknown Member")
        return json_response(200, member.payload())

    async def _h_list_members(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        after = int(record.query.get("after", 0))
        limit = int(record.query.get("limit", 1))
        members = sorted(self.state.guild_members(guild.id), key=lambda m: m.user.id)
        return json_response(200, [m.payload() for m in members if m.user.id > after][:limit])

    async def _h_roles(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        return json_response(200, [self.state.roles[r].payload() for r in guild.role_ids])

    async def _h_member_role(
        self,
        record: RequestRecord,
        files: list[dict[str, Any]],
        guild_id: str,
        user_id: str,
        role_id: str,
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        member = self.state.member(guild.id, int(user_id))
        role = self.state.roles.get(int(role_id))
        if member is None:
            return error_response(404, 10007, "Unknown Member")
        if role is None or role.guild_id != guild.id:
            return error_response(404, 10011, "Unknown Role")
        if not has(self.state.base_permissions(guild.id, self.bot_user_id), "manage_roles"):
            return error_response(403, 50013, "Missing Permissions")
        if record.method == "PUT" and role.id not in member.roles:
            member.roles.append(role.id)
        elif record.method == "DELETE" and role.id in member.roles:
            member.roles.remove(role.id)
        data = member.payload()
        data["guild_id"] = str(guild.id)
        self._dispatch_guild("GUILD_MEMBER_UPDATE", data, intent=INTENT_GUILD_MEMBERS)
        return empty_response()
