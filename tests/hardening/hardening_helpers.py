"""Shared tools of the hardening tests: what the bot sent, who it could ping, what it wrote.

The checks here are deliberately generic (they read the fake's request log and the database file)
so that every command, including ones added later, is held to the same rules without a per-command
list to keep up to date.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sqlite3
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord

from tests.fakediscord import FakeDiscord, RequestRecord
from tests.fakediscord import state as st

# Routes whose JSON body is a message the bot creates or edits (paths are relative to /api/v10).
MESSAGE_ROUTES = (
    ("POST", re.compile(r"/channels/\d+/messages")),
    ("PATCH", re.compile(r"/channels/\d+/messages/\d+")),
    ("POST", re.compile(r"/webhooks/\d+/[^/]+")),
    ("PATCH", re.compile(r"/webhooks/\d+/[^/]+/messages/[^/]+")),
    ("POST", re.compile(r"/channels/\d+/threads")),  # forum posts carry a starter message
)
CALLBACK_ROUTE = re.compile(r"/interactions/\d+/[^/]+/callback")
USER_MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")
# Discord's callback types that carry a message body in `data`.
MESSAGE_CALLBACKS = frozenset({4, 7})


def message_bodies(requests: list[RequestRecord]) -> Iterator[tuple[RequestRecord, dict[str, Any]]]:
    """Every message body (create, edit, reply, follow-up, thread starter) in `requests`."""
    for record in requests:
        body = record.json
        if not isinstance(body, dict):
            continue
        if record.method == "POST" and CALLBACK_ROUTE.fullmatch(record.path):
            if body.get("type") in MESSAGE_CALLBACKS and isinstance(body.get("data"), dict):
                yield record, body["data"]
            continue
        for method, pattern in MESSAGE_ROUTES:
            if record.method == method and pattern.fullmatch(record.path):
                inner = body.get("message")  # forum-style thread starters nest the message
                yield record, inner if isinstance(inner, dict) else body
                break


def pings(body: dict[str, Any]) -> list[str]:
    """The notifications Discord would send for this message body (empty = pings nobody).

    Mentions in embeds never notify; in `content` they notify unless `allowed_mentions` forbids
    them, and a missing `allowed_mentions` allows everything (Discord's default).
    """
    content = body.get("content") or ""
    allowed = body.get("allowed_mentions")
    parse = {"users", "roles", "everyone"} if allowed is None else set(allowed.get("parse") or [])
    users = set() if allowed is None else {str(u) for u in allowed.get("users") or []}
    roles = set() if allowed is None else {str(r) for r in allowed.get("roles") or []}
    found: list[str] = []
    if "everyone" in parse and ("@everyone" in content or "@here" in content):
        found.append("@everyone/@here")
    for uid in USER_MENTION.findall(content):
        if "users" in parse or uid in users:
            found.append(f"user {uid}")
    for rid in ROLE_MENTION.findall(content):
        if "roles" in parse or rid in roles:
            found.append(f"role {rid}")
    if body.get("message_reference") and (allowed is None or allowed.get("replied_user", True)):
        found.append("replied user")
    return found


def ping_offences(requests: list[RequestRecord]) -> list[str]:
    """Human-readable list of bot messages that could ping someone."""
    return [
        f"{record.method} {record.path}: {who} in {str(body.get('content'))[:80]!r}"
        for record, body in message_bodies(requests)
        if (who := pings(body))
    ]


# ----------------------------------------------------------------------------------- commands


@dataclass
class Leaf:
    """One invocable command (a top-level command or a subcommand) and its options."""

    path: str
    options: list[dict[str, Any]]


def leaves(schema: list[dict[str, Any]]) -> list[Leaf]:
    found: list[Leaf] = []

    def walk(prefix: list[str], options: list[dict[str, Any]]) -> None:
        subs = [o for o in options if o["type"] in (1, 2)]
        if not subs:
            found.append(Leaf(" ".join(prefix), options))
        for sub in subs:
            walk([*prefix, sub["name"]], sub.get("options") or [])

    for command in schema:
        if command.get("type", 1) == 1:
            walk([command["name"]], command.get("options") or [])
    return found


# ----------------------------------------------------------------------------------- database


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A separate read-only connection (WAL allows it beside the bot's); rows read by name."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


def rows(path: Path, query: str) -> list[sqlite3.Row]:
    """The rows of one query on the database file, read by column name."""
    with read_only(path) as conn:
        return conn.execute(query).fetchall()


def snapshot(path: Path, *, skip: frozenset[str] = frozenset()) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (column -> value), read through a separate read-only connection."""
    with read_only(path) as conn:
        tables = [
            row["name"]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            if row["name"] not in skip
        ]
        return {
            table: sorted(
                (dict(row) for row in conn.execute(f'SELECT * FROM "{table}"')),  # noqa: S608 - table names from the schema
                key=repr,
            )
            for table in tables
        }


def changed_tables(before: dict[str, list[Any]], after: dict[str, list[Any]]) -> list[str]:
    return sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))


def integrity(path: Path) -> str:
    """ "ok", or what SQLite found wrong with the file."""
    with read_only(path) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()["integrity_check"])


# ----------------------------------------------------------------------------------- the bot's side


@dataclass
class Outcomes:
    """Which interactions the bot finished, and which of them went through the error handler.

    `refused` holds every interaction that reached `tree.on_error` (a refusal or a crash); together
    with `completed` it tells a test when the command's coroutine is over, which is the only safe
    moment to compare the database.
    """

    completed: set[int] = field(default_factory=set)
    refused: dict[int, str] = field(default_factory=dict)

    def finished(self, interaction_id: int) -> bool:
        return interaction_id in self.completed or interaction_id in self.refused


def watch_outcomes(bot: Any) -> Outcomes:
    """Instrument a bot (before or after start) so tests can see when a command is over."""
    outcomes = Outcomes()
    original = bot.tree.on_error

    async def on_error(interaction: discord.Interaction, error: Exception) -> None:
        try:
            await original(interaction, error)
        finally:
            outcomes.refused[interaction.id] = type(getattr(error, "original", error)).__name__

    async def on_completion(interaction: discord.Interaction, command: Any) -> None:
        outcomes.completed.add(interaction.id)

    bot.tree.on_error = on_error
    bot.add_listener(on_completion, "on_app_command_completion")
    return outcomes


# ----------------------------------------------------------------------------------- the fake's side


def add_thread(fake: FakeDiscord, parent_id: int, name: str) -> st.Channel:
    """A public thread under `parent_id`, announced to the bot with THREAD_CREATE."""
    parent = fake.state.channels[parent_id]
    return fake._new_thread(  # the fake's own thread factory; tests have no public one
        parent,
        thread_id=fake.state.snowflake(),
        kind=st.PUBLIC_THREAD,
        body={"name": name},
        starter=None,
    )


@contextlib.contextmanager
def revived(fake: FakeDiscord, channel_id: int) -> Iterator[None]:
    """Let the fake build an interaction that names a channel already deleted.

    Discord's client can still offer a channel the bot was told is gone (a stale client cache);
    the fake refuses to build such options, so the channel is alive only while the payload is
    built and is deleted again before the bot can read the interaction.
    """
    channel = fake.state.channels[channel_id]
    channel.deleted = False
    try:
        yield
    finally:
        channel.deleted = True


def global_schema_from(fake: FakeDiscord, guild_id: int, *, allow_dms: bool = True) -> None:
    """Publish the guild's synced commands globally (as `python -m bot sync` does).

    With `allow_dms` the guild-only flags are dropped, as when Discord delivers a command to a DM
    anyway (an old client, a schema update still propagating): the bot must refuse it itself.
    """
    commands = []
    for command in fake.commands(guild_id):
        copy = dict(command)
        copy.pop("guild_id", None)
        if allow_dms:
            copy.pop("contexts", None)
            copy["dm_permission"] = True
        commands.append(copy)
    fake.global_commands = commands


# ----------------------------------------------------------------------------------- gateway outages


@dataclass
class Hold:
    """What a gateway hold kept back; `release()` lets it through in the original order."""

    gate: asyncio.Event
    held: list[Any] = field(default_factory=list)
    flush: Any = None

    def release(self) -> None:
        if self.gate.is_set():
            return
        self.gate.set()
        if self.flush is not None:
            self.flush()


@contextlib.asynccontextmanager
async def reconnects_held(fake: FakeDiscord) -> AsyncIterator[Hold]:
    """The bot's IDENTIFY and RESUME wait until released: an outage that lasts as long as the
    test needs, ended by the test, with no timing involved."""
    hold = Hold(asyncio.Event())
    original = fake._on_gateway

    async def on_gateway(conn: Any, payload: dict[str, Any]) -> None:
        if payload.get("op") in (2, 6) and not hold.gate.is_set():
            hold.held.append(payload.get("op"))
            fake._notify()
            await hold.gate.wait()
        await original(conn, payload)

    fake._on_gateway = on_gateway  # type: ignore[method-assign]
    try:
        yield hold
    finally:
        hold.release()
        fake._on_gateway = original  # type: ignore[method-assign]


@contextlib.asynccontextmanager
async def events_held(fake: FakeDiscord, event: str) -> AsyncIterator[Hold]:
    """Dispatches of `event` (e.g. GUILD_CREATE after a fresh READY) wait until released."""
    hold = Hold(asyncio.Event())
    original = fake._dispatch

    def dispatch(name: str, data: dict[str, Any]) -> None:
        if name == event and not hold.gate.is_set():
            hold.held.append(data)
            return
        original(name, data)

    def flush() -> None:
        fake._dispatch = original  # type: ignore[method-assign]
        for data in hold.held:
            original(event, data)

    hold.flush = flush
    fake._dispatch = dispatch  # type: ignore[method-assign]
    try:
        yield hold
    finally:
        hold.release()
