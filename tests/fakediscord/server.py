"""A small fake Discord (REST API + gateway) served on 127.0.0.1 for end-to-end tests.

The real, unmodified discord.py client talks to this over HTTP and a websocket, so what is tested
is what runs in production: payload parsing, interaction callbacks, follow-ups, views, threads.
Only the network edge is fake. Pure aiohttp + json: importing discord.py here would let the fake
agree with the library's own mistakes.

Traps this honours (see shared/design/testing-discord.md): REST answers carry exactly
`Content-Type: application/json`; callbacks with `?with_response=1` get the
`{"interaction": ..., "resource": ...}` body; nothing answers 5xx unless a test injects it (the
client would retry for seconds); gateway frames are plain text; snowflakes are strings.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from aiohttp import WSMsgType, web

from . import interactions as ix
from . import limits, schema
from . import state as st
from .permissions import DEFAULT_EVERYONE, PERMISSIONS, PermissionSpec, has, names, to_bits

DEFAULT_APPLICATION_ID = 1_300_000_000_000_000_001
DEFAULT_TOKEN = "test-token"
HEARTBEAT_INTERVAL_MS = 41_250
DEFAULT_BOT_PERMISSIONS: frozenset[str] = frozenset(
    {
        "view_channel",
        "send_messages",
        "send_messages_in_threads",
        "create_public_threads",
        "create_private_threads",
        "manage_threads",
        "embed_links",
        "attach_files",
        "read_message_history",
        "add_reactions",
        "use_external_emojis",
    }
)

# Gateway intents (bits) that gate which events the bot receives.
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15

Handler = Callable[..., Awaitable[web.StreamResponse]]


class BotDied(AssertionError):
    """The watched bot task ended while a test was waiting on it."""


@dataclass
class RequestRecord:
    """One HTTP request the fake received (path is relative to /api/v10)."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    time: float
    headers: dict[str, str] = field(repr=False)
    status: int = 0
    files: list[dict[str, Any]] = field(default_factory=list, repr=False)
    has_body: bool = field(default=False, repr=False)


@dataclass
class Violation:
    """A request Discord would have refused - a bug in the bot.

    `kind` is "schema" (the body breaks Discord's official OpenAPI schema, see schema.py),
    "limits" (a documented limit the schema does not state, see limits.py) or "protocol"
    (interaction rules: 3-second deadline, double acknowledgement, follow-up before response).
    """

    method: str
    path: str
    problems: list[limits.Problem]
    kind: str = "limits"

    def __str__(self) -> str:
        detail = "; ".join(f"{p}: {m}" for p, _, m in self.problems)
        return f"{self.kind} violation on {self.method} {self.path}: {detail}"


@dataclass
class FakeBug:
    """Something the fake did not know how to answer - a gap in the fake, not in the bot."""

    method: str
    path: str
    reason: str


@dataclass
class _Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    times: int
    retry_after: float | None
    body: dict[str, Any] | None
    headers: dict[str, str] | None


@dataclass
class _Delay:
    method: str
    pattern: re.Pattern[str]
    seconds: float
    times: int


@dataclass
class _Session:
    id: str
    intents: int
    seq: int = 0
    valid: bool = True
    events: list[dict[str, Any]] = field(default_factory=list)
    conn: _Connection | None = None


class _Connection:
    """One websocket; frames go out through a queue so dispatch order is the call order."""

    def __init__(self, ws: web.WebSocketResponse, query: Mapping[str, str]) -> None:
        self.ws = ws
        self.query = dict(query)
        self.queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self.session: _Session | None = None
        self.writer: asyncio.Task[None] | None = None

    def send(self, payload: dict[str, Any]) -> None:
        self.queue.put_nowait(payload)

    async def write_loop(self) -> None:
        while True:
            payload = await self.queue.get()
            if payload is None or self.ws.closed:
                return
            try:
                await self.ws.send_str(json.dumps(payload))
            except (ConnectionError, RuntimeError):
                return


@dataclass
class Defaults:
    """Who/where interactions come from when a test does not say."""

    guild_id: int | None = None
    channel_id: int | None = None
    user_id: int | None = None


def _json_response(
    status: int, body: Any, headers: Mapping[str, str] | None = None
) -> web.Response:
    all_headers = {"Content-Type": "application/json"}
    if headers:
        all_headers.update(headers)
    return web.Response(status=status, body=json.dumps(body).encode(), headers=all_headers)


def _error(status: int, code: int, message: str) -> web.Response:
    return _json_response(status, {"message": message, "code": code})


def _empty() -> web.Response:
    return web.Response(status=204)


class _HTTPAnswer(Exception):
    """Raised inside handlers to answer at once (keeps handlers flat)."""

    def __init__(self, response: web.Response) -> None:
        super().__init__(response.status)
        self.response = response


def _focused_type(data: Mapping[str, Any]) -> int | None:
    """The type of the option an autocomplete interaction is focused on (None if not found)."""
    for option in data.get("options") or []:
        if option.get("focused"):
            return option.get("type")
        found = _focused_type(option)
        if found is not None:
            return found
    return None


class FakeDiscord:
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
        self._failures: list[_Failure] = []
        self._delays: list[_Delay] = []
        self._sessions: dict[str, _Session] = {}
        self._session: _Session | None = None
        self._connections: list[_Connection] = []
        self._watched: list[asyncio.Future[Any]] = []
        self._changed: asyncio.Future[None] | None = None
        self._nonces: dict[tuple[int, str], int] = {}
        self._command_ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._routes: list[tuple[str, re.Pattern[str], Handler, bool]] = []
        self._build_routes()

    # ================================================================================ lifecycle

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def bot_user_id(self) -> int:
        return self.state.bot_user_id

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

    # ================================================================================ waiting

    def watch(self, task: asyncio.Future[Any]) -> None:
        """Fail waits at once if `task` (the bot) ends: a bad payload stops discord.py silently."""
        self._watched.append(task)

    def unwatch(self, task: asyncio.Future[Any]) -> None:
        if task in self._watched:
            self._watched.remove(task)

    def _notify(self) -> None:
        if self._changed is not None and not self._changed.done():
            self._changed.set_result(None)
        self._changed = None

    def _check_watched(self) -> None:
        for task in self._watched:
            if task.done():
                if task.cancelled():
                    raise BotDied("the bot task was cancelled")
                exc = task.exception()
                if exc is not None:
                    raise BotDied(f"the bot task died: {exc!r}") from exc
                raise BotDied("the bot task ended (bot.start returned) while a test was waiting")

    def describe_recent(self, n: int = 8) -> str:
        """Recent requests, violations and bugs, for timeout messages."""
        lines = [f"  {r.method} {r.path} -> {r.status}" for r in self.requests[-n:]]
        lines += [f"  VIOLATION {v}" for v in self.violations[-n:]]
        lines += [f"  FAKE BUG {b.method} {b.path}: {b.reason}" for b in self.bugs[-n:]]
        return "\n".join(lines) or "  (no requests)"

    async def wait_until(
        self, predicate: Callable[[], bool], *, timeout: float, what: str, poll: float = 0.01
    ) -> None:
        """Wait for `predicate` to hold; fail fast if the bot died.

        It is re-checked on every change the fake sees and every `poll` seconds (for conditions on
        the bot's side, which the fake cannot observe), so waits end as soon as they can.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if predicate():
                return
            self._check_watched()
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(
                    f"timed out after {timeout}s waiting for {what}; recent:\n{self.describe_recent()}"
                )
            if self._changed is None:
                self._changed = loop.create_future()
            await asyncio.wait(
                [self._changed, *self._watched],
                timeout=min(remaining, poll),
                return_when=asyncio.FIRST_COMPLETED,
            )

    async def wait_for_request(
        self, method: str, path_regex: str, *, count: int = 1, timeout: float = 5.0
    ) -> RequestRecord:
        """Wait until `count` answered requests match; return the last of them."""
        await self.wait_until(
            lambda: len(self.requests_matching(method, path_regex)) >= count,
            timeout=timeout,
            what=f"{count} x {method} {path_regex}",
        )
        return self.requests_matching(method, path_regex)[count - 1]

    # ================================================================================ queries

    def requests_matching(self, method: str, path_regex: str) -> list[RequestRecord]:
        """Answered requests whose method matches (or '*') and whose path fully matches the regex."""
        pattern = re.compile(path_regex)
        return [
            r
            for r in self.requests
            if r.status
            and (method == "*" or r.method == method.upper())
            and pattern.fullmatch(r.path)
        ]

    def messages(self, channel_id: int, *, include_deleted: bool = False) -> list[st.Message]:
        """Messages stored in a channel or thread, oldest first."""
        return self.state.channel_messages(channel_id, include_deleted=include_deleted)

    def bot_messages(self) -> list[st.Message]:
        """Every message the bot created (channel sends, replies, follow-ups), oldest first."""
        return [m for m in self.state.messages.values() if m.author.id == self.bot_user_id]

    def threads(self, parent_id: int | None = None) -> list[st.Channel]:
        """Threads the fake knows about, optionally under one parent channel."""
        return [
            c
            for c in self.state.channels.values()
            if c.is_thread and not c.deleted and (parent_id is None or c.parent_id == parent_id)
        ]

    def commands(self, guild_id: int | None = None) -> list[dict[str, Any]]:
        """The command schema last synced (globally, or for `guild_id`)."""
        if guild_id is None:
            return list(self.global_commands or [])
        return list(self.guild_commands.get(guild_id, []))

    @property
    def connected(self) -> bool:
        session = self._session
        return session is not None and session.conn is not None and not session.conn.ws.closed

    def assert_clean(self) -> None:
        """Fail if the bot broke a Discord limit/protocol rule or hit a route the fake lacks."""
        problems = [str(v) for v in self.violations] + [
            f"fake bug: {b.method} {b.path}: {b.reason}" for b in self.bugs
        ]
        assert not problems, "fake Discord saw problems:\n" + "\n".join(problems)

    # ================================================================================ building

    def add_user(self, user_id: int, name: str, *, bot: bool = False) -> st.User:
        user = self.state.users.get(user_id)
        if user is None:
            user = st.User(id=user_id, name=name, bot=bot)
            self.state.users[user_id] = user
        return user

    def add_guild(
        self,
        name: str = "Guild",
        *,
        guild_id: int | None = None,
        owner_id: int,
        owner_name: str = "owner",
        locale: str = "en-US",
        bot_permissions: PermissionSpec = DEFAULT_BOT_PERMISSIONS,
        everyone_permissions: PermissionSpec = DEFAULT_EVERYONE,
    ) -> st.Guild:
        """A guild with @everyone (id == guild id), its owner and the bot (with a managed role)."""
        gid = guild_id or self.state.snowflake()
        guild = st.Guild(id=gid, name=name, owner_id=owner_id, locale=locale)
        self.state.guilds[gid] = guild
        everyone = st.Role(
            id=gid, guild_id=gid, name="@everyone", permissions=to_bits(everyone_permissions)
        )
        self.state.roles[gid] = everyone
        guild.role_ids.append(gid)
        self.add_user(owner_id, owner_name)
        self._add_member_record(gid, owner_id, [])
        bot_role = self.add_role(
            gid, self.state.bot_user.name, permissions=bot_permissions, managed_for=self.bot_user_id
        )
        self._add_member_record(gid, self.bot_user_id, [bot_role.id])
        if self.defaults.guild_id is None:
            self.defaults.guild_id = gid
        self._dispatch_guild("GUILD_CREATE", self.state.guild_payload(gid))
        return guild

    def _add_member_record(self, guild_id: int, user_id: int, roles: list[int]) -> st.Member:
        member = st.Member(user=self.state.users[user_id], guild_id=guild_id, roles=roles)
        self.state.members[(guild_id, user_id)] = member
        guild = self.state.guilds[guild_id]
        if user_id not in guild.member_ids:
            guild.member_ids.append(user_id)
        return member

    def _guild_id(self, guild_id: int | None) -> int:
        gid = guild_id or self.defaults.guild_id
        if gid is None:
            raise ix.FakeDiscordUsageError("no guild: call add_guild first or pass guild_id")
        return gid

    def add_role(
        self,
        guild_id: int | None,
        name: str,
        *,
        permissions: PermissionSpec = None,
        role_id: int | None = None,
        managed_for: int | None = None,
    ) -> st.Role:
        """A role; `permissions` is an int bitfield or permission names."""
        gid = self._guild_id(guild_id)
        guild = self.state.guilds[gid]
        role = st.Role(
            id=role_id or self.state.snowflake(),
            guild_id=gid,
            name=name,
            permissions=to_bits(permissions),
            position=len(guild.role_ids),
            managed=managed_for is not None,
            bot_id=managed_for,
        )
        self.state.roles[role.id] = role
        guild.role_ids.append(role.id)
        self._dispatch_guild("GUILD_ROLE_CREATE", {"guild_id": str(gid), "role": role.payload()})
        return role

    def set_role_permissions(self, role_id: int, permissions: PermissionSpec) -> None:
        """Change a role's permissions (dispatches GUILD_ROLE_UPDATE)."""
        role = self.state.roles[role_id]
        role.permissions = to_bits(permissions)
        self._dispatch_guild(
            "GUILD_ROLE_UPDATE", {"guild_id": str(role.guild_id), "role": role.payload()}
        )

    def add_member(
        self,
        user_id: int,
        name: str,
        *,
        guild_id: int | None = None,
        roles: Iterable[int] = (),
        permissions: PermissionSpec = None,
        bot: bool = False,
    ) -> st.Member:
        """A guild member; `permissions` (if given) become a personal role, as an admin would do."""
        gid = self._guild_id(guild_id)
        self.add_user(user_id, name, bot=bot)
        role_ids = list(roles)
        for rid in role_ids:
            if rid not in self.state.roles:
                raise ix.FakeDiscordUsageError(f"unknown role {rid}")
        if permissions is not None:
            role_ids.append(self.add_role(gid, f"{name} permissions", permissions=permissions).id)
        member = self._add_member_record(gid, user_id, role_ids)
        data = member.payload()
        data["guild_id"] = str(gid)
        self._dispatch_guild("GUILD_MEMBER_ADD", data, intent=INTENT_GUILD_MEMBERS)
        return member

    def add_channel(
        self,
        guild_id: int | None,
        name: str,
        *,
        channel_id: int | None = None,
        type: int = st.TEXT,
        topic: str | None = None,
        default_auto_archive_duration: int = 1440,
    ) -> st.Channel:
        """A text channel (dispatches CHANNEL_CREATE if the bot is connected)."""
        gid = self._guild_id(guild_id)
        guild = self.state.guilds[gid]
        channel = st.Channel(
            id=channel_id or self.state.snowflake(),
            type=type,
            name=name,
            guild_id=gid,
            position=len([c for c in guild.channel_ids if not self.state.channels[c].is_thread]),
            topic=topic,
            default_auto_archive_duration=default_auto_archive_duration,
        )
        self.state.channels[channel.id] = channel
        guild.channel_ids.append(channel.id)
        if self.defaults.channel_id is None and type == st.TEXT:
            self.defaults.channel_id = channel.id
        self._dispatch_guild("CHANNEL_CREATE", channel.payload(self.state))
        return channel

    def set_overwrite(
        self,
        channel_id: int,
        target_id: int,
        *,
        allow: PermissionSpec = None,
        deny: PermissionSpec = None,
    ) -> None:
        """Set a role or member overwrite on a channel (replaces any previous one for the target)."""
        channel = self.state.channels[channel_id]
        kind = st.OVERWRITE_ROLE if target_id in self.state.roles else st.OVERWRITE_MEMBER
        channel.overwrites[target_id] = st.Overwrite(
            id=target_id, type=kind, allow=to_bits(allow), deny=to_bits(deny)
        )
        self._dispatch_guild("CHANNEL_UPDATE", channel.payload(self.state))

    def set_bot_permissions(
        self, channel_id: int, *, allow: PermissionSpec = None, deny: PermissionSpec = None
    ) -> None:
        """Give or take the bot's permissions in one channel via a member overwrite."""
        self.set_overwrite(channel_id, self.bot_user_id, allow=allow, deny=deny)

    def bot_permissions_in(self, channel_id: int) -> list[str]:
        """Names of the permissions the bot has in a channel (what app_permissions will say)."""
        return names(self.state.channel_permissions(channel_id, self.bot_user_id))

    def delete_channel(self, channel_id: int, *, notify: bool = True) -> None:
        """Delete a channel or thread; later requests to it get 404 Unknown Channel (10003).

        With `notify=False` the bot is not told (as if the event was missed), so its cache is stale.
        """
        channel = self.state.channels[channel_id]
        channel.deleted = True
        if notify:
            event = "THREAD_DELETE" if channel.is_thread else "CHANNEL_DELETE"
            self._dispatch_guild(event, channel.payload(self.state))

    def close_dms(self, user_id: int) -> None:
        """Make DMs to this user fail with 403 code 50007, as with a user who blocks server DMs."""
        self.state.users[user_id].dms_open = False

    def post_message(
        self,
        channel_id: int,
        content: str,
        *,
        author: int | None = None,
        embeds: list[dict[str, Any]] | None = None,
    ) -> st.Message:
        """A user posts a message (dispatches MESSAGE_CREATE, subject to intents)."""
        channel = self._live_channel_or_raise(channel_id)
        uid = author or self.defaults.user_id
        if uid is None:
            raise ix.FakeDiscordUsageError("post_message needs an author")
        msg = self._store_message(
            channel, self.state.users[uid], {"content": content, "embeds": embeds or []}, echo=True
        )
        return msg

    def _live_channel_or_raise(self, channel_id: int) -> st.Channel:
        channel = self.state.channel(channel_id)
        if channel is None:
            raise ix.FakeDiscordUsageError(f"no live channel {channel_id}")
        return channel

    # ================================================================================ failure injection

    def fail(
        self,
        method: str,
        path_regex: str,
        status: int,
        *,
        times: int = 1,
        retry_after: float | None = None,
        body: dict[str, Any] | None = None,
        code: int | None = None,
        message: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer the next `times` matching requests with an error instead of handling them.

        `path_regex` must fully match the path after /api/v10 (e.g. r"/channels/\\d+/messages").
        403 -> Missing Permissions (50013); 404 -> Unknown Channel/Message (10003/10008);
        429 -> rate limited with `retry_after` and the headers discord.py reads (Via, X-RateLimit-*);
        500 -> server error (discord.py then retries after 1, 3, 5, 7 s: use sparingly).
        """
        if body is None:
            if status == 429:
                ra = 0.01 if retry_after is None else retry_after
                retry_after = ra
                body = {
                    "message": "You are being rate limited.",
                    "retry_after": ra,
                    "global": False,
                    "code": 0,
                }
            elif status == 403:
                body = {"message": message or "Missing Permissions", "code": code or 50013}
            elif status == 404:
                default = (
                    (10008, "Unknown Message")
                    if "message" in path_regex
                    else (10003, "Unknown Channel")
                )
                body = {"message": message or default[1], "code": code or default[0]}
            elif status == 401:
                body = {"message": message or "401: Unauthorized", "code": code or 0}
            else:
                body = {"message": message or f"{status}: injected failure", "code": code or 0}
        self._failures.append(
            _Failure(
                method=method.upper(),
                pattern=re.compile(path_regex),
                status=status,
                times=times,
                retry_after=retry_after,
                body=body,
                headers=dict(headers) if headers else None,
            )
        )

    def delay(self, method: str, path_regex: str, seconds: float, *, times: int = 1) -> None:
        """Hold the next `times` matching requests for `seconds` before answering (a slow Discord)."""
        self._delays.append(_Delay(method.upper(), re.compile(path_regex), seconds, times))

    def _take_failure(self, method: str, path: str) -> _Failure | None:
        for rule in self._failures:
            if rule.times > 0 and rule.method in (method, "*") and rule.pattern.fullmatch(path):
                rule.times -= 1
                return rule
        return None

    def _take_delay(self, method: str, path: str) -> float:
        for rule in self._delays:
            if rule.times > 0 and rule.method in (method, "*") and rule.pattern.fullmatch(path):
                rule.times -= 1
                return rule.seconds
        return 0.0

    @staticmethod
    def _failure_response(rule: _Failure) -> web.Response:
        headers: dict[str, str] = {}
        if rule.status == 429:
            ra = rule.retry_after or 0.0
            headers = {
                "Via": "1.1 google",
                "Retry-After": str(max(1, math.ceil(ra))),
                "X-RateLimit-Limit": "1",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + ra:.3f}",
                "X-RateLimit-Reset-After": f"{ra:.3f}",
                "X-RateLimit-Bucket": "fakebucket0000000000000000000000",
                "X-RateLimit-Scope": "user",
            }
        if rule.headers:
            headers.update(rule.headers)
        return _json_response(rule.status, rule.body, headers)

    # ================================================================================ gateway

    async def _ws_handler(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        conn = _Connection(ws, request.query)
        if request.query.get("encoding", "json") != "json":
            self._bug("WS", "/gateway", f"unsupported encoding {request.query.get('encoding')!r}")
        self._connections.append(conn)
        conn.writer = asyncio.create_task(conn.write_loop())
        conn.send(
            {"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}, "s": None, "t": None}
        )
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    try:
                        payload = json.loads(msg.data)
                    except ValueError:
                        self._bug("WS", "/gateway", f"non-JSON frame {msg.data[:80]!r}")
                        continue
                    await self._on_gateway(conn, payload)
                elif msg.type == WSMsgType.BINARY:
                    self._bug("WS", "/gateway", "binary frame from client")
                elif msg.type == WSMsgType.ERROR:
                    break
        finally:
            session = conn.session
            if session is not None and session.conn is conn:
                session.conn = None
            conn.queue.put_nowait(None)
            self._notify()
        return ws

    async def _on_gateway(self, conn: _Connection, payload: dict[str, Any]) -> None:
        op = payload.get("op")
        data = payload.get("d")
        self.gateway_log.append({"dir": "recv", "op": op, "d": data})
        if op == 1:
            conn.send({"op": 11, "d": None, "s": None, "t": None})
        elif op == 2:
            await self._identify(conn, data or {})
        elif op == 6:
            self._resume(conn, data or {})
        elif op == 8:
            self._request_members(conn, data or {})
        elif op in (3, 4):
            pass  # presence / voice state: nothing to model
        else:
            self._bug("WS", "/gateway", f"unknown op {op}")

    async def _identify(self, conn: _Connection, data: dict[str, Any]) -> None:
        if data.get("token") != self.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        session = _Session(id=uuid.uuid4().hex, intents=int(data.get("intents") or 0))
        self._sessions[session.id] = session
        if (
            self._session is not None
            and self._session.conn is not None
            and self._session.conn is not conn
        ):
            self._session.valid = False
        self._session = session
        session.conn = conn
        conn.session = session
        self.identify_count += 1
        guilds = [
            g for g in self.state.guilds.values() if (g.id, self.bot_user_id) in self.state.members
        ]
        self._dispatch(
            "READY",
            {
                "v": 10,
                "user": self.state.bot_user.payload()
                | {"verified": True, "mfa_enabled": False, "email": None},
                "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
                "session_id": session.id,
                "session_type": "normal",
                "resume_gateway_url": self.gateway_url,
                "shard": [0, 1],
                "application": {"id": str(self.application_id), "flags": 0},
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "guild_join_requests": [],
                "geo_ordered_rtc_regions": [],
                "auth_session_id_hash": "",
            },
        )
        for guild in guilds:
            self._dispatch("GUILD_CREATE", self.state.guild_payload(guild.id))
        self._notify()

    def _resume(self, conn: _Connection, data: dict[str, Any]) -> None:
        session = self._sessions.get(str(data.get("session_id")))
        if session is None or not session.valid or data.get("token") != self.token:
            conn.send({"op": 9, "d": False, "s": None, "t": None})
            return
        last = data.get("seq") or 0
        session.conn = conn
        conn.session = session
        self._session = session
        for event in session.events:
            if event["s"] > last:
                conn.send(event)
        self.resume_count += 1
        self._dispatch("RESUMED", {})
        self._notify()

    def _request_members(self, conn: _Connection, data: dict[str, Any]) -> None:
        gid = int(data.get("guild_id") or 0)
        if gid not in self.state.guilds:
            return
        members = self.state.guild_members(gid)
        if data.get("user_ids"):
            wanted = {int(u) for u in data["user_ids"]}
            members = [m for m in members if m.user.id in wanted]
        elif data.get("query"):
            q = str(data["query"]).lower()
            members = [m for m in members if m.user.name.lower().startswith(q)]
        if data.get("limit"):
            members = members[: int(data["limit"])]
        chunk: dict[str, Any] = {
            "guild_id": str(gid),
            "members": [m.payload() for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        self._dispatch("GUILD_MEMBERS_CHUNK", chunk)

    def _dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a DISPATCH on the current session (queued; replayed on RESUME if disconnected)."""
        session = self._session
        if session is None:
            return
        session.seq += 1
        payload = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.events.append(payload)
        self.gateway_log.append({"dir": "send", "t": event, "s": session.seq})
        if session.conn is not None and not session.conn.ws.closed:
            session.conn.send(payload)

    def _dispatch_guild(
        self, event: str, data: dict[str, Any], *, intent: int = INTENT_GUILDS
    ) -> None:
        session = self._session
        if session is not None and session.intents & intent:
            self._dispatch(event, data)

    def _dispatch_message(self, event: str, msg: st.Message) -> None:
        session = self._session
        if session is None:
            return
        intent = INTENT_DIRECT_MESSAGES if msg.guild_id is None else INTENT_GUILD_MESSAGES
        if not session.intents & intent:
            return
        data = msg.payload(self.state)
        privileged = session.intents & INTENT_MESSAGE_CONTENT
        mentions_bot = f"<@{self.bot_user_id}>" in msg.content
        if (
            not privileged
            and msg.guild_id is not None
            and msg.author.id != self.bot_user_id
            and not mentions_bot
        ):
            data.update(content="", embeds=[], components=[], attachments=[])
        if msg.guild_id is not None:
            member = self.state.member(msg.guild_id, msg.author.id)
            if member is not None:
                mdata = member.payload()
                mdata.pop("user")
                data["member"] = mdata
        self._dispatch(event, data)

    async def disconnect(
        self, resume: bool = True, *, wait: bool = True, timeout: float = 5.0
    ) -> None:
        """Drop the bot's gateway connection (close code 4000).

        With `resume=True` the client resumes the same session (missed events are replayed); with
        `resume=False` the session is invalidated first, so its RESUME gets op 9 and it must
        IDENTIFY again (a fresh READY). With `wait`, return once it is back.
        """
        session = self._session
        if session is None or session.conn is None:
            raise ix.FakeDiscordUsageError("the bot is not connected")
        conn = session.conn
        if not resume:
            session.valid = False
        resumes, identifies = self.resume_count, self.identify_count
        session.conn = None
        conn.queue.put_nowait(None)
        close = asyncio.create_task(conn.ws.close(code=4000, message=b"fake disconnect"))
        if wait:
            if resume:
                await self.wait_until(
                    lambda: self.resume_count > resumes, timeout=timeout, what="a RESUME"
                )
            else:
                await self.wait_until(
                    lambda: self.identify_count > identifies, timeout=timeout, what="a new IDENTIFY"
                )
        await close

    # ================================================================================ interactions

    def _resolve_context(
        self, guild: int | None, channel: int | None, user: int | None, dm: bool
    ) -> tuple[int | None, st.Channel, int]:
        uid = user or self.defaults.user_id
        if uid is None or uid not in self.state.users:
            raise ix.FakeDiscordUsageError(
                f"unknown user {uid}; add_member/add_user first or set fake.defaults.user_id"
            )
        if dm:
            return None, self.state.ensure_dm(uid), uid
        gid = self._guild_id(guild)
        cid = channel or self.defaults.channel_id
        if cid is None:
            raise ix.FakeDiscordUsageError(
                "no channel: pass channel= or set fake.defaults.channel_id"
            )
        chan = self.state.channel(cid)
        if chan is None:
            raise ix.FakeDiscordUsageError(f"channel {cid} does not exist (or was deleted)")
        if chan.guild_id != gid:
            raise ix.FakeDiscordUsageError(f"channel {cid} is not in guild {gid}")
        if self.state.member(gid, uid) is None:
            raise ix.FakeDiscordUsageError(f"user {uid} is not a member of guild {gid}")
        return gid, chan, uid

    def _interaction_payload(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        guild_id: int | None,
        channel: st.Channel,
        user_id: int,
        locale: str,
        permissions: PermissionSpec,
        message: st.Message | None = None,
    ) -> tuple[int, str, dict[str, Any]]:
        iid = self.state.snowflake()
        token = f"fake-interaction-token-{iid}"
        state = self.state
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.application_id),
            "type": kind,
            "data": data,
            "token": token,
            "version": 1,
            "locale": locale,
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
            "app_permissions": str(state.channel_permissions(channel.id, self.bot_user_id)),
            "channel_id": str(channel.id),
        }
        if guild_id is not None:
            member = state.member(guild_id, user_id)
            assert member is not None
            perms = (
                state.channel_permissions(channel.id, user_id)
                if permissions is None
                else to_bits(permissions)
            )
            member_data = member.payload()
            member_data["permissions"] = str(perms)
            chan = channel.payload(state)
            chan["permissions"] = str(perms)
            payload.update(
                guild_id=str(guild_id),
                guild={"id": str(guild_id), "locale": locale, "features": []},
                guild_locale=locale,
                member=member_data,
                channel=chan,
                context=0,
                authorizing_integration_owners={"0": str(guild_id)},
            )
        else:
            chan = channel.payload(state)
            chan["permissions"] = str(state.channel_permissions(channel.id, user_id))
            payload.update(
                user=state.users[user_id].payload(),
                channel=chan,
                context=1,
                authorizing_integration_owners={"0": "0"},
            )
        if message is not None:
            payload["message"] = message.payload(state)
        return iid, token, payload

    def _send_interaction(
        self,
        kind: int,
        name: str,
        data: dict[str, Any],
        *,
        guild_id: int | None,
        channel: st.Channel,
        user_id: int,
        locale: str,
        permissions: PermissionSpec,
        message: st.Message | None = None,
    ) -> ix.InteractionRecord:
        if not self.connected:
            raise ix.FakeDiscordUsageError("the bot is not connected to the fake gateway")
        iid, token, payload = self._interaction_payload(
            kind,
            data,
            guild_id=guild_id,
            channel=channel,
            user_id=user_id,
            locale=locale,
            permissions=permissions,
            message=message,
        )
        record = ix.InteractionRecord(
            fake=self,
            id=iid,
            token=token,
            type=kind,
            name=name,
            payload=payload,
            user_id=user_id,
            channel_id=channel.id,
            guild_id=guild_id,
            dispatched_at=asyncio.get_running_loop().time(),
            source_message_id=message.id if message is not None else None,
        )
        self.interactions.append(record)
        self._records[iid] = record
        self._records_by_token[token] = record
        self._dispatch("INTERACTION_CREATE", payload)
        return record

    def _command_schema(
        self, path: str, guild_id: int | None
    ) -> tuple[dict[str, Any], list[str], list[dict[str, Any]], bool]:
        """Find a command among those synced where the user is; returns (top, chain, leaf, is_guild)."""
        candidates: list[tuple[list[dict[str, Any]], bool]] = []
        if guild_id is not None and guild_id in self.guild_commands:
            candidates.append((self.guild_commands[guild_id], True))
        if self.global_commands is not None:
            candidates.append((self.global_commands, False))
        if not candidates:
            where = f"guild {guild_id}" if guild_id else "DMs (global commands only)"
            raise ix.FakeDiscordUsageError(
                f"no commands were synced for {where}; did the bot sync?"
            )
        last_error: ix.FakeDiscordUsageError | None = None
        for commands, is_guild in candidates:
            try:
                top, chain, leaf = ix.find_command(commands, path)
            except ix.FakeDiscordUsageError as exc:
                last_error = exc
                continue
            return top, chain, leaf, is_guild
        assert last_error is not None
        raise last_error

    def _command_data(
        self,
        path: str,
        options: Mapping[str, Any] | None,
        *,
        guild_id: int | None,
        channel: st.Channel,
        user_id: int,
        focused: str | None,
        permissions: PermissionSpec,
        ignore_default_permissions: bool,
    ) -> dict[str, Any]:
        top, chain, leaf, is_guild = self._command_schema(path, guild_id)
        if guild_id is None:
            contexts = top.get("contexts")
            if (contexts is not None and 1 not in contexts) or top.get("dm_permission") is False:
                raise ix.FakeDiscordUsageError(
                    f"/{path} is not available in DMs (contexts={contexts})"
                )
        elif not ignore_default_permissions:
            perms = (
                self.state.channel_permissions(channel.id, user_id)
                if permissions is None
                else to_bits(permissions)
            )
            if user_id != self.state.guilds[
                guild_id
            ].owner_id and ix.member_lacks_default_permissions(
                top.get("default_member_permissions"), perms
            ):
                raise ix.FakeDiscordUsageError(
                    f"/{path} is hidden from user {user_id}: default_member_permissions="
                    f"{top.get('default_member_permissions')} (pass ignore_default_permissions=True to "
                    "simulate an admin overriding it)"
                )
        converted, resolved = ix.convert_options(
            self,
            leaf,
            options or {},
            guild_id=guild_id,
            user_id=user_id,
            focused=focused,
            command=path,
        )
        data: dict[str, Any] = {
            "id": top["id"],
            "name": top["name"],
            "type": 1,
            "options": ix.wrap_subcommands(chain, converted, top),
        }
        if resolved:
            data["resolved"] = resolved
        if is_guild:
            data["guild_id"] = str(guild_id)
        return data

    async def slash(
        self,
        command_path: str,
        options: Mapping[str, Any] | None = None,
        *,
        user: int | None = None,
        guild: int | None = None,
        channel: int | None = None,
        locale: str = "en-US",
        permissions: PermissionSpec = None,
        dm: bool = False,
        ignore_default_permissions: bool = False,
    ) -> ix.InteractionRecord:
        """Invoke a slash command ("name", "group sub") with options, as a user would.

        Options are checked against the synced schema and converted (ints, bools, channels,
        users and roles with `resolved` data). `permissions` overrides the member's permissions
        in the payload. Returns at once; `await record.wait_response()` for the answer.
        """
        gid, chan, uid = self._resolve_context(guild, channel, user, dm)
        data = self._command_data(
            command_path,
            options,
            guild_id=gid,
            channel=chan,
            user_id=uid,
            focused=None,
            permissions=permissions,
            ignore_default_permissions=ignore_default_permissions,
        )
        return self._send_interaction(
            ix.APPLICATION_COMMAND,
            command_path,
            data,
            guild_id=gid,
            channel=chan,
            user_id=uid,
            locale=locale,
            permissions=permissions,
        )

    async def autocomplete(
        self,
        command_path: str,
        options: Mapping[str, Any] | None = None,
        *,
        focused: str,
        user: int | None = None,
        guild: int | None = None,
        channel: int | None = None,
        locale: str = "en-US",
        permissions: PermissionSpec = None,
        dm: bool = False,
    ) -> ix.InteractionRecord:
        """Send an autocomplete interaction with `focused` holding what the user typed so far."""
        gid, chan, uid = self._resolve_context(guild, channel, user, dm)
        data = self._command_data(
            command_path,
            options,
            guild_id=gid,
            channel=chan,
            user_id=uid,
            focused=focused,
            permissions=permissions,
            ignore_default_permissions=True,
        )
        return self._send_interaction(
            ix.AUTOCOMPLETE,
            command_path,
            data,
            guild_id=gid,
            channel=chan,
            user_id=uid,
            locale=locale,
            permissions=permissions,
        )

    def _message_arg(self, message: st.Message | int | ix.InteractionRecord) -> st.Message:
        if isinstance(message, ix.InteractionRecord):
            msg = message.message
            if msg is None:
                raise ix.FakeDiscordUsageError(
                    f"interaction {message.name!r} has no message to click on"
                )
            return msg
        if isinstance(message, st.Message):
            return message
        msg = self.state.messages.get(int(message))
        if msg is None:
            raise ix.FakeDiscordUsageError(f"unknown message {message}")
        return msg

    def _component_context(
        self, message: st.Message, user: int | None
    ) -> tuple[int | None, st.Channel, int]:
        if message.deleted:
            raise ix.FakeDiscordUsageError(f"message {message.id} was deleted; nothing to click")
        chan = self.state.channel(message.channel_id)
        if chan is None:
            raise ix.FakeDiscordUsageError(f"the channel of message {message.id} was deleted")
        return self._resolve_context(
            chan.guild_id, chan.id if chan.guild_id else None, user, chan.guild_id is None
        )

    async def click(
        self,
        message: st.Message | int | ix.InteractionRecord,
        custom_id: str,
        *,
        user: int | None = None,
        locale: str = "en-US",
        permissions: PermissionSpec = None,
    ) -> ix.InteractionRecord:
        """Click a button (component type 2) on a stored message (or an interaction's answer)."""
        msg = self._message_arg(message)
        component = msg.find_component(custom_id)
        if component is None or component.get("type") != 2:
            raise ix.FakeDiscordUsageError(
                f"no button {custom_id!r} on message {msg.id}; custom_ids: {msg.custom_ids()}"
            )
        if component.get("disabled"):
            raise ix.FakeDiscordUsageError(
                f"button {custom_id!r} is disabled; a user cannot click it"
            )
        gid, chan, uid = self._component_context(msg, user)
        data = {"custom_id": custom_id, "component_type": 2}
        return self._send_interaction(
            ix.MESSAGE_COMPONENT,
            f"click:{custom_id}",
            data,
            guild_id=gid,
            channel=chan,
            user_id=uid,
            locale=locale,
            permissions=permissions,
            message=msg,
        )

    async def select(
        self,
        message: st.Message | int | ix.InteractionRecord,
        custom_id: str,
        values: list[Any],
        *,
        user: int | None = None,
        locale: str = "en-US",
        permissions: PermissionSpec = None,
    ) -> ix.InteractionRecord:
        """Choose `values` in a select menu (string selects check the offered options)."""
        msg = self._message_arg(message)
        component = msg.find_component(custom_id)
        if component is None or component.get("type") not in limits.SELECT_TYPES:
            raise ix.FakeDiscordUsageError(
                f"no select {custom_id!r} on message {msg.id}; custom_ids: {msg.custom_ids()}"
            )
        if component.get("disabled"):
            raise ix.FakeDiscordUsageError(f"select {custom_id!r} is disabled")
        low, high = component.get("min_values", 1), component.get("max_values", 1)
        if not low <= len(values) <= high:
            raise ix.FakeDiscordUsageError(
                f"select {custom_id!r} takes {low}-{high} values, got {len(values)}"
            )
        gid, chan, uid = self._component_context(msg, user)
        kind = component["type"]
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": kind}
        if kind == 3:
            offered = [o["value"] for o in component.get("options") or []]
            for value in values:
                if value not in offered:
                    raise ix.FakeDiscordUsageError(
                        f"select {custom_id!r} offers {offered}, not {value!r}"
                    )
            data["values"] = list(values)
        else:
            resolved: dict[str, dict[str, Any]] = {}
            ids = [str(ix._snowflake_of(v)) for v in values]
            for sid in ids:
                oid = int(sid)
                if oid in self.state.users:
                    resolved.setdefault("users", {})[sid] = self.state.users[oid].payload()
                    member = self.state.member(gid, oid) if gid else None
                    if member is not None:
                        mdata = member.payload()
                        mdata.pop("user")
                        resolved.setdefault("members", {})[sid] = mdata
                elif oid in self.state.roles:
                    resolved.setdefault("roles", {})[sid] = self.state.roles[oid].payload()
                elif self.state.channel(oid) is not None:
                    resolved.setdefault("channels", {})[sid] = self.state.channel_mention_payload(
                        self.state.channels[oid], uid
                    )
                else:
                    raise ix.FakeDiscordUsageError(
                        f"select value {sid} is no known user, role or channel"
                    )
            data["values"] = ids
            data["resolved"] = resolved
        return self._send_interaction(
            ix.MESSAGE_COMPONENT,
            f"select:{custom_id}",
            data,
            guild_id=gid,
            channel=chan,
            user_id=uid,
            locale=locale,
            permissions=permissions,
            message=msg,
        )

    async def submit_modal(
        self,
        record: ix.InteractionRecord,
        values: Mapping[str, str | list[str]],
        *,
        user: int | None = None,
        locale: str = "en-US",
    ) -> ix.InteractionRecord:
        """Submit the modal the bot opened in `record`, with text input values by custom_id."""
        modal = record.modal
        chan = self.state.channel(record.channel_id)
        if chan is None:
            raise ix.FakeDiscordUsageError("the modal's channel was deleted")
        uid = user or record.user_id
        components: list[dict[str, Any]] = []
        known: list[str] = []
        for comp in modal.get("components") or []:
            if comp.get("type") == 18 and isinstance(comp.get("component"), dict):
                inner = comp["component"]
                known.append(inner.get("custom_id", ""))
                components.append({"type": 18, "component": self._modal_value(inner, values)})
            elif comp.get("type") == 1:
                row = []
                for inner in comp.get("components") or []:
                    known.append(inner.get("custom_id", ""))
                    row.append(self._modal_value(inner, values))
                components.append({"type": 1, "components": row})
        unknown = set(values) - set(known)
        if unknown:
            raise ix.FakeDiscordUsageError(
                f"modal has no inputs {sorted(unknown)}; inputs: {known}"
            )
        data = {"custom_id": modal["custom_id"], "components": components}
        message = (
            self.state.messages.get(record.source_message_id) if record.source_message_id else None
        )
        return self._send_interaction(
            ix.MODAL_SUBMIT,
            f"modal:{modal['custom_id']}",
            data,
            guild_id=record.guild_id,
            channel=chan,
            user_id=uid,
            locale=locale,
            permissions=None,
            message=message,
        )

    @staticmethod
    def _modal_value(
        component: dict[str, Any], values: Mapping[str, str | list[str]]
    ) -> dict[str, Any]:
        cid = component.get("custom_id", "")
        if component.get("type") == 4:
            value = values.get(cid, component.get("value") or "")
            if component.get("required", True) and not value:
                raise ix.FakeDiscordUsageError(f"modal input {cid!r} is required")
            return {"type": 4, "custom_id": cid, "value": value}
        chosen = values.get(cid, [])
        return {"type": component.get("type"), "custom_id": cid, "values": list(chosen)}

    # ================================================================================ HTTP plumbing

    def _bug(self, method: str, path: str, reason: str) -> None:
        self.bugs.append(FakeBug(method, path, reason))

    def _violation(
        self, method: str, path: str, problems: list[limits.Problem], kind: str = "limits"
    ) -> None:
        self.violations.append(Violation(method, path, problems, kind))

    def _route(self, method: str, pattern: str, handler: Handler, *, auth: bool = True) -> None:
        regex = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern) + "$")
        self._routes.append((method, regex, handler, auth))

    async def _read_body(self, request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
        ctype = request.headers.get("Content-Type", "")
        if ctype.startswith("multipart/form-data"):
            payload: Any = None
            files: list[dict[str, Any]] = []
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":  # type: ignore[union-attr]
                    payload = json.loads(await part.text())  # type: ignore[union-attr]
                else:
                    blob = await part.read()  # type: ignore[union-attr]
                    files.append(
                        {
                            "name": part.name,
                            "filename": part.filename,
                            "size": len(blob),
                            "data": blob,
                        }
                    )  # type: ignore[union-attr]
            return payload, files
        raw = await request.read()
        if not raw:
            return None, []
        if ctype != "application/json":
            raise _HTTPAnswer(_error(400, 50109, "The request body contains invalid JSON."))
        return json.loads(raw), []

    async def _http_handler(self, request: web.Request) -> web.StreamResponse:
        full = request.path
        prefix = "/api/v10"
        method = request.method
        path = full[len(prefix) :] if full.startswith(prefix + "/") else full
        body: Any = None
        files: list[dict[str, Any]] = []
        early: web.Response | None = None
        try:
            body, files = await self._read_body(request)
        except _HTTPAnswer as answer:
            early = answer.response
        except ValueError:
            early = _error(400, 50109, "The request body contains invalid JSON.")
        record = RequestRecord(
            method=method,
            path=path,
            query=dict(request.query),
            json=body,
            time=asyncio.get_running_loop().time(),
            headers=dict(request.headers),
            files=[{k: v for k, v in f.items() if k != "data"} for f in files],
            has_body=body is not None or bool(files),
        )
        self.requests.append(record)
        try:
            response = early or await self._answer(
                request, record, files, full.startswith(prefix + "/")
            )
        except Exception as exc:  # never 5xx: the client would retry for seconds
            self._bug(method, path, f"handler crashed: {exc!r}")
            response = _error(400, 0, f"fake discord crashed: {exc!r}")
        record.status = response.status
        self._notify()
        return response

    async def _answer(
        self,
        request: web.Request,
        record: RequestRecord,
        files: list[dict[str, Any]],
        prefixed: bool,
    ) -> web.Response:
        method, path = record.method, record.path
        pause = self._take_delay(method, path)
        if pause:
            await asyncio.sleep(pause)
        if prefixed:
            # The body is checked before lookups and injected failures, so that no body the
            # bot sends escapes Discord's official schema (schema.py), whatever the answer.
            problems = schema.check_body(method, path, record.json, has_body=record.has_body)
            if problems:
                self._note_refusal(record, problems)
                return self._invalid(record, problems, kind="schema")
        failure = self._take_failure(method, path)
        if failure is not None:
            return self._failure_response(failure)
        if not prefixed:
            self._bug(method, path, "request outside /api/v10")
            return _error(400, 0, f"fake discord: no route for {method} {path}")
        for route_method, regex, handler, auth in self._routes:
            if route_method != method:
                continue
            match = regex.match(path)
            if match is None:
                continue
            if auth and request.headers.get("Authorization") != f"Bot {self.token}":
                return _error(401, 0, "401: Unauthorized")
            try:
                return await handler(record, files, **match.groupdict())
            except _HTTPAnswer as answer:
                return answer.response
        self._bug(method, path, "no such route in the fake")
        return _error(400, 0, f"fake discord: no route for {method} {path}")

    def _note_refusal(self, record: RequestRecord, problems: list[limits.Problem]) -> None:
        """Tell the interaction a refused callback/follow-up/edit belongs to, so waits fail fast."""
        detail = "; ".join(f"{p}: {m}" for p, _, m in problems)
        parts = record.path.strip("/").split("/")
        if len(parts) == 4 and parts[0] == "interactions" and parts[3] == "callback":
            rec = self._record_for(parts[1], parts[2])
            if rec is not None:
                body = record.json if isinstance(record.json, dict) else {}
                data = body.get("data") if isinstance(body.get("data"), dict) else None
                elapsed = asyncio.get_running_loop().time() - rec.dispatched_at
                rec.rejected.append(ix.CallbackRecord(body.get("type"), data, elapsed, 400, detail))
                rec.refusals.append(f"callback type {body.get('type')} refused: {detail}")
        elif len(parts) >= 3 and parts[0] == "webhooks":
            rec = self._records_by_token.get(parts[2])
            if rec is not None:
                what = "follow-up" if len(parts) == 3 else "edit"
                rec.refusals.append(f"{what} refused: {detail}")

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
            return _error(400, 50006, "Cannot send an empty message")
        return _json_response(400, limits.error_body(problems))

    def _need_channel(self, channel_id: str) -> st.Channel:
        channel = self.state.channel(int(channel_id))
        if channel is None:
            raise _HTTPAnswer(_error(404, 10003, "Unknown Channel"))
        return channel

    def _need_message(self, channel: st.Channel, message_id: str) -> st.Message:
        msg = self.state.messages.get(int(message_id))
        if msg is None or msg.deleted or msg.channel_id != channel.id:
            raise _HTTPAnswer(_error(404, 10008, "Unknown Message"))
        return msg

    def _require(self, channel: st.Channel, *perms: str) -> None:
        """403 like Discord when the bot lacks a permission in the channel."""
        if channel.type == st.DM:
            return
        bits = self.state.channel_permissions(channel.id, self.bot_user_id)
        if not has(bits, "view_channel"):
            raise _HTTPAnswer(_error(403, 50001, "Missing Access"))
        if not has(bits, *perms):
            raise _HTTPAnswer(_error(403, 50013, "Missing Permissions"))

    # ================================================================================ messages

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
    ) -> st.Message:
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
            id=self.state.snowflake(),
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
        if channel.is_thread:
            channel.message_count += 1
        should_echo = echo if echo is not None else self.echo_bot_messages
        if should_echo and not msg.ephemeral:
            self._dispatch_message("MESSAGE_CREATE", msg)
        return msg

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
        if channel.type == st.DM:
            recipient = self.state.users.get(channel.recipient_id or 0)
            if recipient is not None and not recipient.dms_open:
                return _error(403, 50007, "Cannot send messages to this user")
        elif channel.is_thread:
            self._require(channel, "send_messages_in_threads")
            if channel.archived:
                if channel.locked:
                    return _error(400, 50083, "Thread is archived")
                channel.archived = False
                self._dispatch_guild("THREAD_UPDATE", channel.payload(self.state))
        else:
            self._require(channel, "send_messages")
        if body.get("nonce") is not None and body.get("enforce_nonce"):
            existing = self._nonces.get((channel.id, str(body["nonce"])))
            if existing is not None:
                return _json_response(200, self.state.messages[existing].payload(self.state))
        msg = self._store_message(channel, self.state.bot_user, body, files=files)
        if msg.nonce is not None:
            self._nonces[(channel.id, str(msg.nonce))] = msg.id
        return _json_response(200, msg.payload(self.state))

    async def _h_get_message(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str, message_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        self._require(channel, "read_message_history")
        return _json_response(200, self._need_message(channel, message_id).payload(self.state))

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
        return _json_response(200, [m.payload(self.state) for m in reversed(msgs)])

    async def _h_edit_message(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str, message_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        msg = self._need_message(channel, message_id)
        if msg.author.id != self.bot_user_id:
            return _error(403, 50005, "Cannot edit a message authored by another user")
        body = record.json or {}
        problems: list[limits.Problem] = []
        limits.check_message(body, problems, edit=True)
        if problems:
            return self._invalid(record, problems)
        msg.apply_edit(body, self.state.now())
        if self.echo_bot_messages:
            self._dispatch_message("MESSAGE_UPDATE", msg)
        return _json_response(200, msg.payload(self.state))

    async def _h_delete_message(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str, message_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        msg = self._need_message(channel, message_id)
        if msg.author.id != self.bot_user_id:
            self._require(channel, "manage_messages")
        msg.deleted = True
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
        return _empty()

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
        return _empty()

    async def _h_pin(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str, message_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        msg = self._need_message(channel, message_id)
        if not has(self.state.channel_permissions(channel.id, self.bot_user_id), "manage_messages"):
            self._require(channel, "pin_messages")
        msg.pinned = record.method == "PUT"
        return _empty()

    async def _h_list_pins(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        self._require(channel, "read_message_history")
        pinned = [m for m in reversed(self.messages(channel.id)) if m.pinned]
        items = [
            {"pinned_at": st.iso(m.created_at), "message": m.payload(self.state)} for m in pinned
        ]
        return _json_response(200, {"items": items, "has_more": False})

    async def _h_typing(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        self._require(channel, "send_messages_in_threads" if channel.is_thread else "send_messages")
        return _empty()

    # ================================================================================ channels & threads

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
        if channel.is_thread or channel.type == st.DM:
            return _error(400, 50024, "Cannot execute action on this channel type")
        msg = self._need_message(channel, message_id)
        body = record.json or {}
        problems: list[limits.Problem] = []
        limits.check_thread(body, problems, with_message=True)
        if problems:
            return self._invalid(record, problems)
        self._require(channel, "create_public_threads", "read_message_history")
        if msg.thread_id is not None:
            return _error(400, 160004, "A thread has already been created for this message")
        if msg.ephemeral:
            return _error(404, 10008, "Unknown Message")
        thread = self._new_thread(
            channel, thread_id=msg.id, kind=st.PUBLIC_THREAD, body=body, starter=msg
        )
        return _json_response(201, thread.payload(self.state))

    async def _h_thread_without_message(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        body = record.json or {}
        if channel.is_thread or channel.type == st.DM:
            return _error(400, 50024, "Cannot execute action on this channel type")
        if "message" in body:
            self._bug(record.method, record.path, "forum posts are not modelled")
            return _error(400, 0, "fake discord: forum channels are not modelled")
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
        return _json_response(201, thread.payload(self.state))

    async def _h_get_channel(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        self._require(channel)
        return _json_response(200, channel.payload(self.state))

    async def _h_edit_channel(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        body = record.json or {}
        problems: list[limits.Problem] = []
        if "name" in body:
            limits._length(problems, "name", body["name"], 1, 100)
        if channel.is_thread:
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
            for key in ("name", "topic"):
                if key in body:
                    setattr(channel, key, body[key])
            self._dispatch_guild("CHANNEL_UPDATE", channel.payload(self.state))
        return _json_response(200, channel.payload(self.state))

    async def _h_delete_channel(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        self._require(channel, "manage_threads" if channel.is_thread else "manage_channels")
        payload = channel.payload(self.state)
        self.delete_channel(channel.id)
        return _json_response(200, payload)

    async def _h_thread_member(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str, user_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        if not channel.is_thread:
            return _error(400, 50024, "Cannot execute action on this channel type")
        uid = self.bot_user_id if user_id == "@me" else int(user_id)
        if record.method == "PUT":
            if uid != self.bot_user_id:
                self._require(channel, "send_messages_in_threads")
            if channel.guild_id is not None and self.state.member(channel.guild_id, uid) is None:
                return _error(404, 10013, "Unknown User")
            channel.thread_members.add(uid)
        else:
            channel.thread_members.discard(uid)
        return _empty()

    async def _h_list_thread_members(
        self, record: RequestRecord, files: list[dict[str, Any]], channel_id: str
    ) -> web.Response:
        channel = self._need_channel(channel_id)
        return _json_response(
            200,
            [self.state.thread_member_payload(channel, u) for u in sorted(channel.thread_members)],
        )

    async def _h_open_dm(self, record: RequestRecord, files: list[dict[str, Any]]) -> web.Response:
        body = record.json or {}
        uid = int(body.get("recipient_id") or 0)
        if uid not in self.state.users:
            return _error(400, 50035, "Invalid Form Body")
        return _json_response(200, self.state.ensure_dm(uid).payload(self.state))

    # ================================================================================ guilds, users, app

    def _need_guild(self, guild_id: str) -> st.Guild:
        guild = self.state.guilds.get(int(guild_id))
        if guild is None:
            raise _HTTPAnswer(_error(404, 10004, "Unknown Guild"))
        return guild

    async def _h_get_guild(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        data = self.state.guild_payload(guild.id)
        for key in ("channels", "threads", "members", "voice_states", "presences", "member_count"):
            data.pop(key, None)
        data["approximate_member_count"] = len(guild.member_ids)
        data["approximate_presence_count"] = 0
        return _json_response(200, data)

    async def _h_guild_channels(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        channels = [self.state.channels[c] for c in guild.channel_ids]
        return _json_response(
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
        return _json_response(
            200, {"threads": [t.payload(self.state) for t in live], "members": members}
        )

    async def _h_get_member(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str, user_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        member = self.state.member(guild.id, int(user_id))
        if member is None:
            return _error(404, 10007, "Unknown Member")
        return _json_response(200, member.payload())

    async def _h_list_members(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        after = int(record.query.get("after", 0))
        limit = int(record.query.get("limit", 1))
        members = sorted(self.state.guild_members(guild.id), key=lambda m: m.user.id)
        return _json_response(200, [m.payload() for m in members if m.user.id > after][:limit])

    async def _h_roles(
        self, record: RequestRecord, files: list[dict[str, Any]], guild_id: str
    ) -> web.Response:
        guild = self._need_guild(guild_id)
        return _json_response(200, [self.state.roles[r].payload() for r in guild.role_ids])

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
            return _error(404, 10007, "Unknown Member")
        if role is None or role.guild_id != guild.id:
            return _error(404, 10011, "Unknown Role")
        if not has(self.state.base_permissions(guild.id, self.bot_user_id), "manage_roles"):
            return _error(403, 50013, "Missing Permissions")
        if record.method == "PUT" and role.id not in member.roles:
            member.roles.append(role.id)
        elif record.method == "DELETE" and role.id in member.roles:
            member.roles.remove(role.id)
        data = member.payload()
        data["guild_id"] = str(guild.id)
        self._dispatch_guild("GUILD_MEMBER_UPDATE", data, intent=INTENT_GUILD_MEMBERS)
        return _empty()

    async def _h_me(self, record: RequestRecord, files: list[dict[str, Any]]) -> web.Response:
        return _json_response(
            200, self.state.bot_user.payload() | {"verified": True, "mfa_enabled": False}
        )

    async def _h_user(
        self, record: RequestRecord, files: list[dict[str, Any]], user_id: str
    ) -> web.Response:
        user = self.state.users.get(int(user_id))
        if user is None:
            return _error(404, 10013, "Unknown User")
        return _json_response(200, user.payload())

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
        return _json_response(
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
        return _json_response(200, {"url": self.gateway_url})

    async def _h_gateway_bot(
        self, record: RequestRecord, files: list[dict[str, Any]]
    ) -> web.Response:
        return _json_response(
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

    # ================================================================================ commands

    def _stored_commands(self, app_id: str, guild_id: str | None) -> list[dict[str, Any]]:
        if int(app_id) != self.application_id:
            raise _HTTPAnswer(_error(403, 50001, "Missing Access"))
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
        return _json_response(200, stored)

    async def _h_get_commands(
        self,
        record: RequestRecord,
        files: list[dict[str, Any]],
        app_id: str,
        guild_id: str | None = None,
    ) -> web.Response:
        return _json_response(200, self._stored_commands(app_id, guild_id))

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
        return _json_response(200 if previous else 201, stored)

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
            return _error(404, 10063, "Unknown application command")
        if record.method == "GET":
            return _json_response(200, found)
        if record.method == "DELETE":
            self._save_commands(guild_id, [c for c in commands if c is not found])
            return _empty()
        body = dict(found) | (record.json or {})
        problems: list[limits.Problem] = []
        limits.check_commands([body], problems)
        if problems:
            return self._invalid(record, problems)
        stored = self._finish_command(body, guild_id, found)
        self._save_commands(guild_id, [stored if c is found else c for c in commands])
        return _json_response(200, stored)

    async def _h_command_permissions(
        self, record: RequestRecord, files: list[dict[str, Any]], app_id: str, guild_id: str
    ) -> web.Response:
        self._stored_commands(app_id, guild_id)
        return _json_response(200, [])

    # ================================================================================ interaction callbacks

    def _record_for(self, interaction_id: str, token: str) -> ix.InteractionRecord | None:
        record = self._records.get(int(interaction_id)) if interaction_id.isdigit() else None
        if record is None or record.token != token:
            return None
        return record

    async def _h_callback(
        self, record: RequestRecord, files: list[dict[str, Any]], interaction_id: str, token: str
    ) -> web.Response:
        rec = self._record_for(interaction_id, token)
        if rec is None:
            return _error(404, 10062, "Unknown interaction")
        body = record.json or {}
        ctype = body.get("type")
        data = body.get("data")
        elapsed = asyncio.get_running_loop().time() - rec.dispatched_at

        def reject(
            status: int, code: int, message: str, problems: list[limits.Problem] | None = None
        ) -> web.Response:
            rec.rejected.append(ix.CallbackRecord(ctype, data, elapsed, status, message))
            rec.refusals.append(f"callback type {ctype} refused: {message}")
            self._violation(
                record.method,
                record.path,
                problems or [("type", str(code), message)],
                kind="protocol",
            )
            if problems:
                return _json_response(status, limits.error_body(problems))
            return _error(status, code, message)

        if rec.response is not None:
            return reject(400, 40060, "Interaction has already been acknowledged.")
        if elapsed > self.interaction_deadline:
            return reject(
                404,
                10062,
                f"Unknown interaction (first response after {elapsed:.2f}s > {self.interaction_deadline}s)",
            )
        if ctype not in ix.ALLOWED_CALLBACKS.get(rec.type, frozenset()):
            return reject(
                400,
                50035,
                f"Interaction response type {ctype} is invalid for interaction type {rec.type}",
            )
        if (
            ctype in (ix.DEFERRED_UPDATE_MESSAGE, ix.UPDATE_MESSAGE)
            and rec.source_message_id is None
        ):
            return reject(400, 50035, "Cannot update a message: this interaction has no message")
        problems: list[limits.Problem] = []
        if ctype == ix.CHANNEL_MESSAGE:
            limits.check_message(data or {}, problems)
        elif ctype == ix.UPDATE_MESSAGE:
            limits.check_message(data or {}, problems, edit=True)
        elif ctype == ix.AUTOCOMPLETE_RESULT:
            limits.check_choices(data, problems, _focused_type(rec.payload.get("data") or {}))
        elif ctype == ix.MODAL:
            limits.check_modal(data, problems)
        if problems:
            problems = [(p if p.startswith("data") else f"data.{p}", c, m) for p, c, m in problems]
            detail = "; ".join(f"{p}: {m}" for p, _, m in problems)
            rec.rejected.append(ix.CallbackRecord(ctype, data, elapsed, 400, detail))
            rec.refusals.append(f"callback type {ctype} refused: {detail}")
            return self._invalid(record, problems)

        channel = self.state.channels[rec.channel_id]
        msg: st.Message | None = None
        metadata = {
            "id": str(rec.id),
            "type": rec.type,
            "user": self.state.users[rec.user_id].payload(),
            "authorizing_integration_owners": rec.payload.get("authorizing_integration_owners", {}),
        }
        msg_type = 20 if rec.type == ix.APPLICATION_COMMAND else 0
        if ctype == ix.CHANNEL_MESSAGE:
            msg = self._store_message(
                channel,
                self.state.bot_user,
                data or {},
                files=files,
                interaction=metadata,
                webhook=True,
                msg_type=msg_type,
            )
        elif ctype == ix.DEFERRED_CHANNEL_MESSAGE:
            flags = (int((data or {}).get("flags") or 0) & limits.FLAG_EPHEMERAL) | ix.FLAG_LOADING
            msg = self._store_message(
                channel,
                self.state.bot_user,
                {},
                interaction=metadata,
                webhook=True,
                msg_type=msg_type,
                flags=flags,
            )
        elif ctype in (ix.DEFERRED_UPDATE_MESSAGE, ix.UPDATE_MESSAGE):
            assert rec.source_message_id is not None
            msg = self.state.messages[rec.source_message_id]
            if ctype == ix.UPDATE_MESSAGE:
                msg.apply_edit(data or {}, self.state.now())
        if msg is not None:
            rec.original_message_id = msg.id
        rec.response = ix.CallbackRecord(ctype, data, elapsed, 200)
        if "with_response" not in record.query:
            return _empty()
        answer: dict[str, Any] = {
            "interaction": {
                "id": str(rec.id),
                "type": rec.type,
                "activity_instance_id": None,
                "response_message_id": str(msg.id) if msg is not None else None,
                "response_message_loading": ctype == ix.DEFERRED_CHANNEL_MESSAGE,
                "response_message_ephemeral": bool(msg is not None and msg.ephemeral),
            }
        }
        if msg is not None and ctype in (
            ix.CHANNEL_MESSAGE,
            ix.DEFERRED_CHANNEL_MESSAGE,
            ix.UPDATE_MESSAGE,
        ):
            answer["resource"] = {"type": ctype, "message": msg.payload(self.state)}
        return _json_response(200, answer)

    def _webhook_record(self, app_id: str, token: str) -> ix.InteractionRecord:
        rec = self._records_by_token.get(token)
        if rec is None or str(self.application_id) != app_id:
            raise _HTTPAnswer(_error(404, 10015, "Unknown Webhook"))
        return rec

    async def _h_followup(
        self, record: RequestRecord, files: list[dict[str, Any]], app_id: str, token: str
    ) -> web.Response:
        rec = self._webhook_record(app_id, token)
        if rec.response is None:
            self._violation(
                record.method,
                record.path,
                [("", "10015", "follow-up sent before the initial response")],
                "protocol",
            )
            return _error(404, 10015, "Unknown Webhook")
        body = record.json or {}
        problems: list[limits.Problem] = []
        limits.check_message(body, problems)
        if problems:
            rec.refusals.append(
                "follow-up refused: " + "; ".join(f"{p}: {m}" for p, _, m in problems)
            )
            return self._invalid(record, problems)
        channel = self.state.channels[rec.channel_id]
        original = rec.message
        if original is not None and original.flags & ix.FLAG_LOADING and not original.deleted:
            # Discord turns the first follow-up after a "thinking" defer into the deferred message.
            original.apply_edit({k: v for k, v in body.items() if k != "flags"}, self.state.now())
            original.flags &= ~ix.FLAG_LOADING
            original.history.clear()
            original.edited_at = None
            msg = original
        else:
            metadata = {
                "id": str(rec.id),
                "type": rec.type,
                "user": self.state.users[rec.user_id].payload(),
            }
            msg = self._store_message(
                channel, self.state.bot_user, body, files=files, interaction=metadata, webhook=True
            )
        rec.followups.append(msg)
        if record.query.get("wait") in ("1", "true", "True"):
            return _json_response(200, msg.payload(self.state))
        return _empty()

    def _webhook_message(self, rec: ix.InteractionRecord, message_id: str) -> st.Message:
        if message_id == "@original":
            msg = rec.message
        else:
            msg = self.state.messages.get(int(message_id)) if message_id.isdigit() else None
            if msg is not None and msg not in rec.followups and msg.id != rec.original_message_id:
                msg = None
        if msg is None or msg.deleted:
            raise _HTTPAnswer(_error(404, 10008, "Unknown Message"))
        return msg

    async def _h_webhook_message(
        self,
        record: RequestRecord,
        files: list[dict[str, Any]],
        app_id: str,
        token: str,
        message_id: str,
    ) -> web.Response:
        rec = self._webhook_record(app_id, token)
        msg = self._webhook_message(rec, message_id)
        if record.method == "GET":
            return _json_response(200, msg.payload(self.state))
        if record.method == "DELETE":
            msg.deleted = True
            if message_id == "@original" or msg.id == rec.original_message_id:
                rec.original_deleted = True
            return _empty()
        body = record.json or {}
        problems: list[limits.Problem] = []
        limits.check_message(body, problems, edit=True)
        if problems:
            rec.refusals.append("edit refused: " + "; ".join(f"{p}: {m}" for p, _, m in problems))
            return self._invalid(record, problems)
        msg.apply_edit(body, self.state.now())
        msg.flags &= ~ix.FLAG_LOADING
        if message_id == "@original" or msg.id == rec.original_message_id:
            rec.edits.append(body)
        return _json_response(200, msg.payload(self.state))

    # ================================================================================ routes

    def _build_routes(self) -> None:
        r = self._route
        r("POST", "/interactions/{interaction_id}/{token}/callback", self._h_callback, auth=False)
        r("POST", "/webhooks/{app_id}/{token}", self._h_followup, auth=False)
        for method in ("GET", "PATCH", "DELETE"):
            r(
                method,
                "/webhooks/{app_id}/{token}/messages/{message_id}",
                self._h_webhook_message,
                auth=False,
            )
        r("GET", "/users/@me", self._h_me)
        r("POST", "/users/@me/channels", self._h_open_dm)
        r("GET", "/users/{user_id}", self._h_user)
        r("GET", "/oauth2/applications/@me", self._h_application)
        r("GET", "/applications/@me", self._h_application)
        r("GET", "/gateway", self._h_gateway)
        r("GET", "/gateway/bot", self._h_gateway_bot)
        for base, extra in (
            ("/applications/{app_id}", ""),
            ("/applications/{app_id}/guilds/{guild_id}", ""),
        ):
            r("PUT", f"{base}/commands{extra}", self._h_put_commands)
            r("GET", f"{base}/commands{extra}", self._h_get_commands)
            r("POST", f"{base}/commands{extra}", self._h_post_command)
        r(
            "GET",
            "/applications/{app_id}/guilds/{guild_id}/commands/permissions",
            self._h_command_permissions,
        )
        for base in ("/applications/{app_id}", "/applications/{app_id}/guilds/{guild_id}"):
            for method in ("GET", "PATCH", "DELETE"):
                r(method, f"{base}/commands/{{command_id}}", self._h_command_item)
        r("GET", "/channels/{channel_id}", self._h_get_channel)
        r("PATCH", "/channels/{channel_id}", self._h_edit_channel)
        r("DELETE", "/channels/{channel_id}", self._h_delete_channel)
        r("GET", "/channels/{channel_id}/messages", self._h_list_messages)
        r("POST", "/channels/{channel_id}/messages", self._h_post_message)
        r("GET", "/channels/{channel_id}/messages/pins", self._h_list_pins)
        r("PUT", "/channels/{channel_id}/messages/pins/{message_id}", self._h_pin)
        r("DELETE", "/channels/{channel_id}/messages/pins/{message_id}", self._h_pin)
        r("GET", "/channels/{channel_id}/messages/{message_id}", self._h_get_message)
        r("PATCH", "/channels/{channel_id}/messages/{message_id}", self._h_edit_message)
        r("DELETE", "/channels/{channel_id}/messages/{message_id}", self._h_delete_message)
        r(
            "POST",
            "/channels/{channel_id}/messages/{message_id}/threads",
            self._h_thread_from_message,
        )
        r(
            "PUT",
            "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
            self._h_reaction,
        )
        r(
            "DELETE",
            "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
            self._h_reaction,
        )
        r("POST", "/channels/{channel_id}/threads", self._h_thread_without_message)
        r("POST", "/channels/{channel_id}/typing", self._h_typing)
        r("PUT", "/channels/{channel_id}/thread-members/{user_id}", self._h_thread_member)
        r("DELETE", "/channels/{channel_id}/thread-members/{user_id}", self._h_thread_member)
        r("GET", "/channels/{channel_id}/thread-members", self._h_list_thread_members)
        r("GET", "/guilds/{guild_id}", self._h_get_guild)
        r("GET", "/guilds/{guild_id}/channels", self._h_guild_channels)
        r("GET", "/guilds/{guild_id}/threads/active", self._h_active_threads)
        r("GET", "/guilds/{guild_id}/members", self._h_list_members)
        r("GET", "/guilds/{guild_id}/members/{user_id}", self._h_get_member)
        r("GET", "/guilds/{guild_id}/roles", self._h_roles)
        r("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", self._h_member_role)
        r("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", self._h_member_role)


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
