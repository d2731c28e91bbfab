"""A small fake Discord (REST API + gateway) served on 127.0.0.1 for end-to-end tests.

The real, unmodified discord.py client talks to this over HTTP and a websocket, so what is tested
is what runs in production: payload parsing, interaction callbacks, follow-ups, views, threads.
Only the network edge is fake. Pure aiohttp + json: importing discord.py here would let the fake
agree with the library's own mistakes.

Traps this honours: REST answers carry exactly `Content-Type: application/json`; callbacks with
`?with_response=1` get the `{"interaction": ..., "resource": ...}` body; nothing answers 5xx
unless a test injects it (the client would retry for seconds); gateway frames are plain text;
snowflakes are strings.

`FakeDiscord` is a facade over one part per job:

    world.py        add_guild/add_channel/add_forum/add_role/add_member/set_overwrite/post_message,
                    add_thread_activity...
    scheduled_events.py  add_scheduled_event/update_event/delete_event/set_event_interest, look-ups
    faults.py       fail(...), delay(...)
    gateway.py      websocket sessions, IDENTIFY/RESUME, dispatch with intents, disconnect()
    driving.py      slash(...), autocomplete(...)
    components.py   click(...), select(...), submit_modal(...)
    inspecting.py   wait_until, wait_for_request, requests_matching, messages, threads, commands
    rest.py         the request log, schema/limits checks, faults, then the route table
    routes/         REST handlers by resource: messages, channels (and threads), forums, guilds,
                    scheduled_events, users, commands, interaction_responses (callback,
                    follow-ups, @original)
    mentions.py     who a message actually pings (allowed_mentions + permissions)
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from . import interactions as ix
from . import state as st
from .components import Components
from .core import (
    DEFAULT_APPLICATION_ID,
    DEFAULT_BOT_PERMISSIONS,
    DEFAULT_TOKEN,
    BotDied,
    Defaults,
    FakeBug,
    RequestRecord,
    Violation,
)
from .driving import Driving
from .faults import FaultInjection, InjectedDelay, InjectedFailure
from .gateway import Gateway, GatewayConnection, GatewaySession
from .inspecting import Inspecting
from .permissions import PERMISSIONS
from .rest import Rest, RouteEntry
from .routes.channels import ChannelRoutes
from .routes.commands import CommandRoutes
from .routes.guilds import GuildRoutes
from .routes.interaction_responses import InteractionResponseRoutes
from .routes.messages import MessageRoutes
from .routes.scheduled_events import ScheduledEventRoutes
from .routes.users import UserRoutes
from .scheduled_events import ScheduledEventsWorld
from .world import WorldBuilding


class FakeDiscord(
    WorldBuilding,
    ScheduledEventsWorld,
    FaultInjection,
    Gateway,
    Driving,
    Components,
    Inspecting,
    Rest,
    InteractionResponseRoutes,
    UserRoutes,
    CommandRoutes,
    ChannelRoutes,
    MessageRoutes,
    GuildRoutes,
    ScheduledEventRoutes,
):
    """The fake Discord: state, REST routes, gateway sessions and test-facing helpers.

    Typical use (the `fake_discord` fixture does this): build a guild with `add_guild`,
    `add_channel`, `add_role`, `add_member`; `await start()`; point discord.py at `base_url` and
    `gateway_url`; drive the bot with `slash`, `autocomplete`, `click`, `select`; assert on the
    returned `InteractionRecord`, on `requests`, on stored `messages(...)`, and that `violations`
    and `bugs` stay empty (`assert_clean`).
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        application_id: int = DEFAULT_APPLICATION_ID,
        bot_name: str = "Reading Circle",
        now: Callable[[], datetime] | None = None,
        interaction_deadline: float = 3.0,
        echo_bot_messages: bool = False,
    ) -> None:
        self.token = token
        self.application_id = application_id
        self._now = now or (lambda: datetime.now(UTC))
        self.state = st.State(
            now=lambda: self._now(),
            application_id=application_id,
            bot_user=st.User(id=application_id, name=bot_name, bot=True),
        )
        self.interaction_deadline = interaction_deadline
        self.echo_bot_messages = echo_bot_messages
        # The fixture calls assert_clean() at teardown while this is true.
        self.strict = True
        self.defaults = Defaults()
        self.requests: list[RequestRecord] = []
        self.violations: list[Violation] = []
        self.bugs: list[FakeBug] = []
        self.interactions: list[ix.InteractionRecord] = []
        self.gateway_log: list[dict[str, Any]] = []
        self.global_commands: list[dict[str, Any]] | None = None
        self.guild_commands: dict[int, list[dict[str, Any]]] = {}
        self.identify_count = 0
        self.resume_count = 0
        self._records: dict[int, ix.InteractionRecord] = {}
        self._records_by_token: dict[str, ix.InteractionRecord] = {}
        self._failures: list[InjectedFailure] = []
        self._delays: list[InjectedDelay] = []
        self._sessions: dict[str, GatewaySession] = {}
        self._session: GatewaySession | None = None
        self._connections: list[GatewayConnection] = []
        self._watched: list[asyncio.Future[Any]] = []
        self._changed: asyncio.Future[None] | None = None
        self._nonces: dict[tuple[int, str], int] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._routes: list[RouteEntry] = []
        self._build_routes()

    # ================================================================================ lifecycle

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def set_clock(self, now: Callable[[], datetime]) -> None:
        """Use the test's clock for timestamps and snowflakes (discord.py derives created_at from ids)."""
        self._now = now

    async def start(self) -> None:
        """Serve on 127.0.0.1 on a free port."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("GET", "/gateway", self._ws_handler)
        app.router.add_route("*", "/{tail:.*}", self._http_handler)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=0.1
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets, "aiohttp site did not bind"  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        """Close every websocket and the server."""
        for conn in list(self._connections):
            conn.queue.put_nowait(None)
            if not conn.ws.closed:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(conn.ws.close(code=1001), timeout=0.5)
            if conn.writer is not None:
                conn.writer.cancel()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _build_routes(self) -> None:
        """One table from every resource's routes; the first route matching a path answers it."""
        for route in (
            *self._interaction_response_routes(),
            *self._user_routes(),
            *self._command_routes(),
            *self._channel_routes(),
            *self._message_routes(),
            *self._guild_routes(),
            *self._scheduled_event_routes(),
        ):
            self._route(route.method, route.pattern, route.handler, auth=route.auth)


__all__ = [
    "DEFAULT_APPLICATION_ID",
    "DEFAULT_BOT_PERMISSIONS",
    "PERMISSIONS",
    "BotDied",
    "Defaults",
    "FakeBug",
    "FakeDiscord",
    "RequestRecord",
    "Violation",
]
