"""What a test gets back from an interaction, and how interaction payloads are built.

Slash and autocomplete payloads are built from the command schema the bot synced, never from what
the test assumes: a test for an option the bot never registered fails with a clear message here,
exactly like a user who cannot see that option in Discord.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import state as st
from .permissions import PERMISSIONS

if TYPE_CHECKING:
    from .server import FakeDiscord

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

    fake: FakeDiscord = field(repr=False)
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


# -- payload building ---------------------------------------------------------------------------


def find_command(
    commands: list[dict[str, Any]], path: str
) -> tuple[dict[str, Any], list[str], list[dict[str, Any]]]:
    """Resolve "group sub" to (top-level command, subcommand chain, leaf option schema)."""
    parts = path.strip().lstrip("/").split()
    if not parts:
        raise FakeDiscordUsageError("empty command path")
    top = next((c for c in commands if c["name"] == parts[0] and c.get("type", 1) == 1), None)
    if top is None:
        known = sorted(c["name"] for c in commands if c.get("type", 1) == 1)
        raise FakeDiscordUsageError(
            f"/{parts[0]} is not a synced slash command here; synced: {known}"
        )
    chain: list[str] = []
    options: list[dict[str, Any]] = top.get("options") or []
    for part in parts[1:]:
        sub = next((o for o in options if o["name"] == part and o["type"] in (1, 2)), None)
        if sub is None:
            known = [o["name"] for o in options if o["type"] in (1, 2)]
            raise FakeDiscordUsageError(f"/{path}: no subcommand {part!r}; known: {known}")
        chain.append(part)
        options = sub.get("options") or []
    if any(o["type"] in (1, 2) for o in options):
        known = [o["name"] for o in options if o["type"] in (1, 2)]
        raise FakeDiscordUsageError(f"/{path} is a group; add one of its subcommands: {known}")
    return top, chain, options


def _snowflake_of(value: Any) -> int:
    if isinstance(value, bool):
        raise FakeDiscordUsageError(f"expected an id, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if hasattr(value, "id"):
        return int(value.id)
    raise FakeDiscordUsageError(f"expected an id (int), got {value!r}")


def convert_options(
    fake: FakeDiscord,
    schema: list[dict[str, Any]],
    given: Mapping[str, Any],
    *,
    guild_id: int | None,
    user_id: int,
    focused: str | None,
    command: str,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Typed option list plus `resolved` data, validated against the synced schema."""
    state = fake.state
    by_name = {o["name"]: o for o in schema}
    for name in given:
        if name not in by_name:
            raise FakeDiscordUsageError(
                f"/{command} has no option {name!r}; synced options: {list(by_name)}"
            )
    if focused is not None:
        if focused not in by_name:
            raise FakeDiscordUsageError(f"/{command} has no option {focused!r} to focus")
        if not by_name[focused].get("autocomplete"):
            raise FakeDiscordUsageError(
                f"option {focused!r} of /{command} was not synced with autocomplete"
            )
    resolved: dict[str, dict[str, Any]] = {}
    result: list[dict[str, Any]] = []
    for opt in schema:
        name = opt["name"]
        if name not in given:
            if opt.get("required") and focused is None:
                raise FakeDiscordUsageError(f"/{command}: required option {name!r} missing")
            continue
        value = given[name]
        kind = opt["type"]
        item: dict[str, Any] = {"name": name, "type": kind}
        if name == focused:
            item["focused"] = True
            item["value"] = value if isinstance(value, str) else str(value)
            result.append(item)
            continue
        if kind == 3:
            if not isinstance(value, str):
                raise FakeDiscordUsageError(f"option {name!r} is a string option, got {value!r}")
            low, high = opt.get("min_length"), opt.get("max_length")
            if (low is not None and len(value) < low) or (high is not None and len(value) > high):
                raise FakeDiscordUsageError(
                    f"option {name!r}: Discord's client refuses length {len(value)}"
                )
        elif kind == 4:
            if isinstance(value, bool) or not isinstance(value, int):
                raise FakeDiscordUsageError(f"option {name!r} is an integer option, got {value!r}")
        elif kind == 5:
            if not isinstance(value, bool):
                raise FakeDiscordUsageError(f"option {name!r} is a boolean option, got {value!r}")
        elif kind == 10:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise FakeDiscordUsageError(f"option {name!r} is a number option, got {value!r}")
        if kind in (4, 10):
            low, high = opt.get("min_value"), opt.get("max_value")
            if (low is not None and value < low) or (high is not None and value > high):
                raise FakeDiscordUsageError(f"option {name!r}: Discord's client refuses {value!r}")
        if kind in (3, 4, 5, 10):
            choices = opt.get("choices") or []
            if choices and value not in [c["value"] for c in choices]:
                raise FakeDiscordUsageError(
                    f"option {name!r} only accepts its choices {[c['value'] for c in choices]}, got {value!r}"
                )
            item["value"] = value
        elif kind in (6, 9) and _snowflake_of(value) in state.users:
            uid = _snowflake_of(value)
            resolved.setdefault("users", {})[str(uid)] = state.users[uid].payload()
            if guild_id is not None:
                member = state.member(guild_id, uid)
                if member is not None:
                    data = member.payload()
                    data.pop("user")
                    data["permissions"] = str(state.base_permissions(guild_id, uid))
                    resolved.setdefault("members", {})[str(uid)] = data
            item["value"] = str(uid)
        elif kind in (8, 9):
            rid = _snowflake_of(value)
            role = state.roles.get(rid)
            if role is None:
                raise FakeDiscordUsageError(f"option {name!r}: no role or user {rid}")
            resolved.setdefault("roles", {})[str(rid)] = role.payload()
            item["value"] = str(rid)
        elif kind == 7:
            cid = _snowflake_of(value)
            channel = state.channel(cid)
            if channel is None:
                raise FakeDiscordUsageError(f"option {name!r}: no channel {cid}")
            allowed = opt.get("channel_types") or []
            if allowed and channel.type not in allowed:
                raise FakeDiscordUsageError(
                    f"option {name!r} accepts channel types {allowed}, channel {cid} is type {channel.type}"
                )
            resolved.setdefault("channels", {})[str(cid)] = state.channel_mention_payload(
                channel, user_id
            )
            item["value"] = str(cid)
        elif kind == 6:
            raise FakeDiscordUsageError(f"option {name!r}: no user {value!r}")
        elif kind == 11:
            if not isinstance(value, Mapping):
                raise FakeDiscordUsageError(
                    f"option {name!r}: give an attachment as a dict (filename, size, ...)"
                )
            aid = state.snowflake()
            resolved.setdefault("attachments", {})[str(aid)] = {
                "id": str(aid),
                "filename": value.get("filename", "file.txt"),
                "size": int(value.get("size", 0)),
                "url": value.get("url", f"https://cdn.invalid/attachments/{aid}"),
                "proxy_url": value.get("url", f"https://cdn.invalid/attachments/{aid}"),
                "content_type": value.get("content_type", "text/plain"),
            }
            item["value"] = str(aid)
        else:
            raise FakeDiscordUsageError(f"option {name!r}: unsupported option type {kind}")
        result.append(item)
    return result, resolved


def wrap_subcommands(
    chain: list[str], options: list[dict[str, Any]], schema_top: dict[str, Any]
) -> list[dict[str, Any]]:
    """Nest leaf options inside their subcommand group / subcommand, as Discord sends them."""
    if not chain:
        return options
    nodes: list[dict[str, Any]] = []
    level = schema_top.get("options") or []
    for part in chain:
        sub = next(o for o in level if o["name"] == part)
        nodes.append({"name": part, "type": sub["type"], "options": []})
        level = sub.get("options") or []
    nodes[-1]["options"] = options
    for outer, inner in zip(nodes, nodes[1:], strict=False):
        outer["options"] = [inner]
    return [nodes[0]]


def member_lacks_default_permissions(required: str | None, member_perms: int) -> bool:
    """Whether Discord would hide a command whose default_member_permissions the member lacks."""
    if required is None:
        return False
    bits = int(required)
    if member_perms & PERMISSIONS["administrator"]:
        return False
    return (member_perms & bits) != bits
