"""The gateway: one websocket per connection, IDENTIFY/RESUME sessions, event dispatch with intents."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from . import interactions as ix
from . import state as st
from .core import FakeCore

HEARTBEAT_INTERVAL_MS = 41_250

# Gateway intents (bits) that gate which events the bot receives.
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15
INTENT_GUILD_SCHEDULED_EVENTS = 1 << 16


@dataclass
class GatewaySession:
    id: str
    intents: int
    seq: int = 0
    valid: bool = True
    events: list[dict[str, Any]] = field(default_factory=list)
    conn: GatewayConnection | None = None


class GatewayConnection:
    """One websocket; frames go out through a queue so dispatch order is the call order."""

    def __init__(self, ws: web.WebSocketResponse, query: Mapping[str, str]) -> None:
        self.ws = ws
        self.query = dict(query)
        self.queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self.session: GatewaySession | None = None
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


class Gateway(FakeCore):
    """Websocket sessions and dispatch (events are queued per session and replayed on RESUME)."""

    gateway_log: list[dict[str, Any]]  # frames received and events sent, for tests
    identify_count: int
    resume_count: int
    _sessions: dict[str, GatewaySession]
    _session: GatewaySession | None  # the current one
    _connections: list[GatewayConnection]

    @property
    def connected(self) -> bool:
        session = self._session
        return session is not None and session.conn is not None and not session.conn.ws.closed

    async def _ws_handler(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        conn = GatewayConnection(ws, request.query)
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

    async def _on_gateway(self, conn: GatewayConnection, payload: dict[str, Any]) -> None:
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

    async def _identify(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        if data.get("token") != self.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        session = GatewaySession(id=uuid.uuid4().hex, intents=int(data.get("intents") or 0))
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

    def _resume(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
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

    def _request_members(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
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
