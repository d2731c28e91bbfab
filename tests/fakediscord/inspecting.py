"""Waiting on the fake and asking it what happened: requests, messages, threads, commands."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

from . import state as st
from .core import BotDied, FakeCore, RequestRecord


class Inspecting(FakeCore):
    """Test-facing queries and waits over what the fake saw."""

    strict: bool  # the fixture calls assert_clean() at teardown while this is true
    _watched: list[asyncio.Future[Any]]  # the bot's task: waits fail at once if it ends

    def watch(self, task: asyncio.Future[Any]) -> None:
        """Fail waits at once if `task` (the bot) ends: a bad payload stops discord.py silently."""
        self._watched.append(task)

    def unwatch(self, task: asyncio.Future[Any]) -> None:
        if task in self._watched:
            self._watched.remove(task)

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

    def assert_clean(self) -> None:
        """Fail if the bot broke a Discord limit/protocol rule or hit a route the fake lacks."""
        problems = [str(v) for v in self.violations] + [
            f"fake bug: {b.method} {b.path}: {b.reason}" for b in self.bugs
        ]
        assert not problems, "fake Discord saw problems:\n" + "\n".join(problems)
