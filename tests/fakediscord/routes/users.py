"""REST routes the client calls at login: the bot user, other users, the application, the gateway URL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aiohttp import web

from ..core import RequestRecord
from .common import Route, RouteHelpers, error_response, json_response


class UserRoutes(RouteHelpers):
    """/users/..., /applications/@me, /gateway."""

    def _user_routes(self) -> Iterator[Route]:
        yield Route("GET", "/users/@me", self._h_me)
        yield Route("GET", "/users/{user_id}", self._h_user)
        yield Route("GET", "/oauth2/applications/@me", self._h_application)
        yield Route("GET", "/applications/@me", self._h_application)
        yield Route("GET", "/gateway", self._h_gateway)
        yield Route("GET", "/gateway/bot", self._h_gateway_bot)

    async def _h_me(self, record: RequestRecord, files: list[dict[str, Any]]) -> web.Response:
        return json_response(
            200, self.state.bot_user.payload() | {"verified": True, "mfa_enabled": False}
        )

    async def _h_user(
        self, record: RequestRecord, files: list[dict[str, Any]], user_id: str
    ) -> web.Response:
        user = self.state.users.get(int(user_id))
        if user is None:
            return error_response(404, 10013, "Unknown User")
        return json_response(200, user.payload())

    async def _h_application(
        self, record: RequestRecord, files: list[dict[str, Any]]
    ) -> web.Response:
        owner = {
            "id": "1",
            "username": "app-owner",
            "discriminator": "0",
            "avatar": None,
            "global_name": "app-owner",
        }
        return json_response(
            200,
            {
                "id": str(self.application_id),
                "name": self.state.bot_user.name,
                "icon": None,
                "description": "",
                "summary": "",
                "type": None,
                "bot_public": False,
                "bot_require_code_grant": False,
                "owner": owner,
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "bot": self.state.bot_user.payload(),
                "interactions_endpoint_url": None,
                "redirect_uris": [],
                "role_connections_verification_url": None,
                "tags": [],
                "approximate_guild_count": len(self.state.guilds),
                "integration_types_config": {"0": {}},
            },
        )

    async def _h_gateway(self, record: RequestRecord, files: list[dict[str, Any]]) -> web.Response:
        return json_response(200, {"url": self.gateway_url})

    async def _h_gateway_bot(
        self, record: RequestRecord, files: list[dict[str, Any]]
    ) -> web.Response:
        return json_response(
            200,
            {
                "url": self.gateway_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            },
        )
