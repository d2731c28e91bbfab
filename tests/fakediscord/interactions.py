"""What a test gets back from an interaction: the record of everything the bot answered.

The payloads themselves are built in driving.py and components.py, with options from options.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import state as st

if TYPE_CHECKING:
    from .core import FakeCore

# Interaction types.
PING = 1
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
MODAL_SUBMIT = 5

# Callback (response) types.
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9

ALLOWED_CALLBACKS: dict[int, frozenset[int]] = {
    APPLICATION_COMMAND: frozenset({CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL}),
    AUTOCOMPLETE: frozenset({AUTOCOMPLETE_RESULT}),
    MESSAGE_COMPONENT: frozenset(
        {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE, MODAL}
    ),
    MODAL_SUBMIT: frozenset(
        {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE}
    ),
}

FLAG_LOADING = 1 << 7


class FakeDiscordUsageError(AssertionError):
    """A test asked the fake for something a Discord user could not do (unknown command, ...)."""


@dataclass
class CallbackRecord:
    """One POST to the interaction callback endpoint, accepted or not."""

    type: int
    data: dict[str, Any] | None
    elapsed: float
    status: int
    error: str | None = None


@dataclass
class InteractionRecord:
    """Everything the bot did in answer to one interaction the fake sent.

    `response` is the accepted first response (type 4-9), `followups` the follow-up messages,
    `edits` the bodies of PATCHes to the original response; `content`, `embeds`, `components`,
    `ephemeral` describe the message the user now sees as the answer (after edits).
    """

    fake: FakeCore = field(repr=False)
    id: int
    token: str
    type: int
    name: str
    payload: dict[str, Any] = field(repr=False)
    user_id: int
    channel_id: int
    guild_id: int | None
    dispatched_at: float
    source_message_id: int | None = None
    response: CallbackRecord | None = None
    rejected: list[CallbackRecord] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    followups: list[st.Message] = field(default_factory=list, repr=False)
    edits: list[dict[str, Any]] = field(default_factory=list, repr=False)
    original_message_id: int | None = None
    original_deleted: bool = False

    # -- state ----------------------------------------------------------------------------------

    @property
    def responded(self) -> bool:
        return self.response is not None

    @property
    def response_type(self) -> int | None:
        return self.response.type if self.response else None

    @property
    def time_to_first_response(self) -> float | None:
        """Seconds from the INTERACTION_CREATE being sent to the first accepted callback."""
        return self.response.elapsed if self.response else None

    @property
    def deferred(self) -> bool:
        return self.response_type in (DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE)

    @property
    def message(self) -> st.Message | None:
        """The message `@original` designates: the reply, or the clicked message for type 6/7."""
        if self.original_message_id is None:
            return None
        return self.fake.state.messages.get(self.original_message_id)

    @property
    def content(self) -> str | None:
        msg = self.message
        if msg is not None:
            return msg.content
        if self.response and self.response.data:
            return self.response.data.get("content")
        return None

    @property
    def embeds(self) -> list[dict[str, Any]]:
        msg = self.message
        if msg is not None:
            return msg.embeds
        if self.response and self.response.data:
            return self.response.data.get("embeds") or []
        return []

    @property
    def embed(self) -> dict[str, Any]:
        """The single embed of the answer (fails if there is not exactly one)."""
        embeds = self.embeds
        assert len(embeds) == 1, f"expected exactly one embed, got {len(embeds)}: {embeds!r}"
        return embeds[0]

    @property
    def components(self) -> list[dict[str, Any]]:
        msg = self.message
        if msg is not None:
            return msg.components
        if self.response and self.response.data:
            return self.response.data.get("components") or []
        return []

    @property
    def custom_ids(self) -> list[str]:
        msg = self.message
        return msg.custom_ids() if msg is not None else []

    @property
    def flags(self) -> int:
        msg = self.message
        if msg is not None:
            return msg.flags
        if self.response and self.response.data:
            return int(self.response.data.get("flags") or 0)
        return 0

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & 64)

    @property
    def allowed_mentions(self) -> dict[str, Any] | None:
        msg = self.message
        return msg.allowed_mentions if msg is not None else None

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Autocomplete choices answered (type 8)."""
        assert self.response is not None, "no response yet: await record.wait_response() first"
        assert self.response.type == AUTOCOMPLETE_RESULT, (
            f"response type {self.response.type}, not 8"
        )
        return list((self.response.data or {}).get("choices") or [])

    @property
    def modal(self) -> dict[str, Any]:
        """The modal the bot opened (type 9)."""
        assert self.response is not None and self.response.type == MODAL, "no modal response"
        return dict(self.response.data or {})

    @property
    def text(self) -> str:
        """Content plus all embed text, for loose 'the answer mentions X' assertions."""
        parts = [self.content or ""]
        for embed in self.embeds:
            parts.append(str(embed.get("title") or ""))
            parts.append(str(embed.get("description") or ""))
            for fld in embed.get("fields") or []:
                parts.append(f"{fld.get('name', '')}\n{fld.get('value', '')}")
            footer = embed.get("footer") or {}
            parts.append(str(footer.get("text") or ""))
        return "\n".join(p for p in parts if p)

    # -- waiting --------------------------------------------------------------------------------

    async def _wait(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        """Wait for `predicate`, but fail at once if the fake refuses one of the bot's requests
        for this interaction (a refused answer never arrives, so waiting would only time out)."""
        seen = len(self.refusals)
        await self.fake.wait_until(
            lambda: predicate() or len(self.refusals) > seen, timeout=timeout, what=what
        )
        if not predicate():
            raise AssertionError(
                f"fake Discord refused the bot's answer to {self.name!r}: {self.refusals[-1]}"
            )

    async def wait_response(self, timeout: float = 3.0) -> InteractionRecord:
        """Wait for the first accepted callback (Discord's deadline is 3 s)."""
        await self._wait(
            lambda: self.response is not None, timeout, f"a response to interaction {self.name!r}"
        )
        return self

    async def wait_followup(self, count: int = 1, timeout: float = 5.0) -> st.Message:
        """Wait until `count` follow-ups were sent; return the last one."""
        await self._wait(
            lambda: len(self.followups) >= count,
            timeout,
            f"{count} follow-up(s) to interaction {self.name!r}",
        )
        return self.followups[count - 1]

    async def wait_edit(self, count: int = 1, timeout: float = 5.0) -> dict[str, Any]:
        """Wait until the original response was edited `count` times; return that edit's body."""
        await self._wait(
            lambda: len(self.edits) >= count,
            timeout,
            f"{count} edit(s) of the response to {self.name!r}",
        )
        return self.edits[count - 1]

    async def wait_content(self, timeout: float = 5.0) -> InteractionRecord:
        """Wait until the answer has visible content or embeds (e.g. after a defer and an edit)."""
        await self._wait(
            lambda: (
                self.response is not None
                and not self.flags & FLAG_LOADING
                and bool(self.content or self.embeds or self.components)
            ),
            timeout,
            f"visible content in the answer to {self.name!r}",
        )
        return self
