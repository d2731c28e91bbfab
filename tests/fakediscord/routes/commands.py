"""REST routes for application commands: bulk sync, create, read, edit, delete, permissions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aiohttp import web

from .. import limits
from ..core import RequestRecord
from .common import HTTPAnswer, Route, RouteHelpers, empty_response, error_response, json_response


class CommandRoutes(RouteHelpers):
    """Global and guild command lists, stored as Discord returns them."""

    def _command_routes(self) -> Iterator[Route]:
        bases = ("/applications/{app_id}", "/applications/{app_id}/guilds/{guild_id}")
        for base in bases:
            yield Route("PUT", f"{base}/commands", self._h_put_commands)
            yield Route("GET", f"{base}/commands", self._h_get_commands)
            yield Route("POST", f"{base}/commands", self._h_post_command)
        # Before {command_id}, which would also match "permissions".
        yield Route("GET", f"{bases[1]}/commands/permissions", self._h_command_permissions)
        for base in bases:
            for method in ("GET", "PATCH", "DELETE"):
                yield Route(method, f"{base}/commands/{{command_id}}", self._h_command_item)

    def _stored_commands(self, app_id: str, guild_id: str | None) -> list[dict[str, Any]]:
        if int(app_id) != self.application_id:
            raise HTTPAnswer(error_response(403, 50001, "Missing Access"))
        if guild_id is None:
            return list(self.global_commands or [])
        self._need_guild(guild_id)
        return list(self.guild_commands.get(int(guild_id), []))

    def _finish_command(
        self, cmd: dict[str, Any], guild_id: str | None, previous: dict[str, Any] | None
    ) -> dict[str, Any]:
        stored = dict(cmd)
        stored["id"] = previous["id"] if previous else str(self.state.snowflake())
        stored["application_id"] = str(self.application_id)
        stored["version"] = str(self.state.snowflake())
        stored.setdefault("type", 1)
        stored.setdefault("default_member_permissions", None)
        stored.setdefault("nsfw", False)
        if guild_id is not None:
            stored["guild_id"] = str(guild_id)
        return stored

    def _save_commands(self, guild_id: str | None, commands: list[dict[str, Any]]) -> None:
        if guild_id is None:
            self.global_commands = commands
        else:
            self.guild_commands[int(guild_id)] = commands

    async def _h_put_commands(
        self,
        record: RequestRecord,
        files: list[dict[str, Any]],
        app_id: str,
        guild_id: str | None = None,
    ) -> web.Response:
        existing = {
            (c.get("type", 1), c["name"]): c for c in self._stored_commands(app_id, guild_id)
        }
        body = record.json
        problems: list[limits.Problem] = []
        limits.check_commands(body, problems)
        if problems:
            return self._invalid(record, problems)
        stored = [
            self._finish_command(c, guild_id, existing.get((c.get("type", 1), c["name"])))
            for c in body
        ]
        self._save_commands(guild_id, stored)
        return json_response(200, stored)

    async def _h_get_commands(
        self,
        record: RequestRecord,
        files: list[dict[str, Any]],
        app_id: str,
        guild_id: str | None = None,
    ) -> web.Response:
        return json_response(200, self._stored_commands(app_id, guild_id))

    async def _h_post_command(
        self,
        record: RequestRecord,
        files: list[dict[str, Any]],
        app_id: str,
        guild_id: str | None = None,
    ) -> web.Response:
        commands = self._stored_commands(app_id, guild_id)
        body = record.json or {}
        problems: list[limits.Problem] = []
        limits.check_commands([body], problems)
        if problems:
            return self._invalid(record, problems)
        key = (body.get("type", 1), body.get("name"))
        previous = next((c for c in commands if (c.get("type", 1), c["name"]) == key), None)
        stored = self._finish_command(body, guild_id, previous)
        commands = [c for c in commands if c is not previous] + [stored]
        self._save_commands(guild_id, commands)
        return json_response(200 if previous else 201, stored)

    async def _h_command_item(
        self,
        record: RequestRecord,
        files: list[dict[str, Any]],
        app_id: str,
        command_id: str,
        guild_id: str | None = None,
    ) -> web.Response:
        commands = self._stored_commands(app_id, guild_id)
        found = next((c for c in commands if c["id"] == command_id), None)
        if found is None:
            return error_response(404, 10063, "Unknown application command")
        if record.method == "GET":
            return json_response(200, found)
        if record.method == "DELETE":
            self._save_commands(guild_id, [c for c in commands if c is not found])
            return empty_response()
        body = dict(found) | (record.json or {})
        problems: list[limits.Problem] = []
        limits.check_commands([body], problems)
        if problems:
            return self._invalid(record, problems)
        stored = self._finish_command(body, guild_id, found)
        self._save_commands(guild_id, [stored if c is found else c for c in commands])
        return json_response(200, stored)

    async def _h_command_permissions(
        self, record: RequestRecord, files: list[dict[str, Any]], app_id: str, guild_id: str
    ) -> web.Response:
        self._stored_commands(app_id, guild_id)
        return json_response(200, [])
