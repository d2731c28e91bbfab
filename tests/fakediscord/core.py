"""What every part of the fake shares: the records tests read, and the state the parts work on.

`FakeDiscord` (server.py) is assembled from one mixin per job (world.py, faults.py, gateway.py,
driving.py, components.py, inspecting.py, rest.py, routes/*.py); each subclasses `FakeCore`, which
declares the shared attributes (set in `FakeDiscord.__init__`) and the few methods the parts call
on one another, so a part can be read on its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import interactions as ix
from . import limits
from . import state as st
from .permissions import PermissionSpec

DEFAULT_APPLICATION_ID = 1_300_000_000_000_000_001
DEFAULT_TOKEN = "test-token"
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
class Defaults:
    """Who/where interactions come from when a test does not say."""

    guild_id: int | None = None
    channel_id: int | None = None
    user_id: int | None = None


class FakeCore:
    """The state all parts share, and the primitives they all use (notify, record a problem)."""

    token: str
    application_id: int
    state: st.State
    defaults: Defaults
    interaction_deadline: float
    echo_bot_messages: bool
    # What happened, for tests to inspect.
    requests: list[RequestRecord]
    violations: list[Violation]
    bugs: list[FakeBug]
    interactions: list[ix.InteractionRecord]
    # The command schema the bot synced: slash/autocomplete are built from it.
    global_commands: list[dict[str, Any]] | None  # None until the bot syncs
    guild_commands: dict[int, list[dict[str, Any]]]
    # Interactions by id and by token: the callback and webhook routes find them here.
    _records: dict[int, ix.InteractionRecord]
    _records_by_token: dict[str, ix.InteractionRecord]
    # Resolved by the next change the fake sees (a request answered, a gateway frame).
    _changed: asyncio.Future[None] | None
    _now: Callable[[], datetime]

    @property
    def bot_user_id(self) -> int:
        return self.state.bot_user_id

    def _notify(self) -> None:
        """Wake every `wait_until`: something changed."""
        if self._changed is not None and not self._changed.done():
            self._changed.set_result(None)
        self._changed = None

    def _bug(self, method: str, path: str, reason: str) -> None:
        self.bugs.append(FakeBug(method, path, reason))

    def _violation(
        self, method: str, path: str, problems: list[limits.Problem], kind: str = "limits"
    ) -> None:
        self.violations.append(Violation(method, path, problems, kind))

    if TYPE_CHECKING:
        # Provided by other parts; declared here so each part type-checks on its own.
        @property
        def gateway_url(self) -> str: ...  # server.py

        @property
        def connected(self) -> bool: ...  # gateway.py

        def _dispatch(self, event: str, data: dict[str, Any]) -> None: ...  # gateway.py

        def _dispatch_guild(  # gateway.py
            self, event: str, data: dict[str, Any], *, intent: int = ...
        ) -> None: ...

        def _dispatch_message(self, event: str, msg: st.Message) -> None: ...  # gateway.py

        def _guild_id(self, guild_id: int | None) -> int: ...  # world.py

        def delete_channel(self, channel_id: int, *, notify: bool = True) -> None: ...  # world.py

        def messages(  # inspecting.py
            self, channel_id: int, *, include_deleted: bool = False
        ) -> list[st.Message]: ...

        async def wait_until(  # inspecting.py
            self, predicate: Callable[[], bool], *, timeout: float, what: str, poll: float = ...
        ) -> None: ...

        def _resolve_context(  # driving.py
            self, guild: int | None, channel: int | None, user: int | None, dm: bool
        ) -> tuple[int | None, st.Channel, int]: ...

        def _send_interaction(  # driving.py
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
        ) -> ix.InteractionRecord: ...

        def _store_message(  # routes/messages.py
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
        ) -> st.Message: ...

        def _record_for(  # routes/interaction_responses.py
            self, interaction_id: str, token: str
        ) -> ix.InteractionRecord | None: ...

        def _invalid(  # rest.py
            self,
            record: RequestRecord,
            problems: list[limits.Problem],
            prefix: str = "",
            *,
            kind: str = "limits",
        ) -> web.Response: ...

        def _take_failure(self, method: str, path: str) -> Any: ...  # faults.py

        def _take_delay(self, method: str, path: str) -> float: ...  # faults.py

        @staticmethod
        def _failure_response(rule: Any) -> web.Response: ...  # faults.py
