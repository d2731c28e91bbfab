"""Options as a member gives them: a test's values checked and typed against the synced schema.

Slash and autocomplete payloads are built from the command schema the bot synced, never from what
the test assumes: a test for an option the bot never registered fails with a clear message here,
exactly like a user who cannot see that option in Discord.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import state as st
from .interactions import FakeDiscordUsageError
from .permissions import PERMISSIONS


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


def snowflake_of(value: Any) -> int:
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
    state: st.State,
    schema: list[dict[str, Any]],
    given: Mapping[str, Any],
    *,
    guild_id: int | None,
    user_id: int,
    focused: str | None,
    command: str,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Typed option list plus `resolved` data, validated against the synced schema."""
    by_name = {o["name"]: o for o in schema}
    _check_option_names(by_name, given, focused, command)
    context = _OptionContext(state, guild_id, user_id)
    result: list[dict[str, Any]] = []
    for opt in schema:
        name = opt["name"]
        if name not in given:
            if opt.get("required") and focused is None:
                raise FakeDiscordUsageError(f"/{command}: required option {name!r} missing")
            continue
        value = given[name]
        item: dict[str, Any] = {"name": name, "type": opt["type"]}
        if name == focused:
            item["focused"] = True
            item["value"] = value if isinstance(value, str) else str(value)
        else:
            convert = _CONVERTERS.get(opt["type"])
            if convert is None:
                raise FakeDiscordUsageError(
                    f"option {name!r}: unsupported option type {opt['type']}"
                )
            item["value"] = convert(context, opt, value)
        result.append(item)
    return result, context.resolved


def _check_option_names(
    by_name: Mapping[str, dict[str, Any]],
    given: Mapping[str, Any],
    focused: str | None,
    command: str,
) -> None:
    for name in given:
        if name not in by_name:
            raise FakeDiscordUsageError(
                f"/{command} has no option {name!r}; synced options: {list(by_name)}"
            )
    if focused is None:
        return
    if focused not in by_name:
        raise FakeDiscordUsageError(f"/{command} has no option {focused!r} to focus")
    if not by_name[focused].get("autocomplete"):
        raise FakeDiscordUsageError(
            f"option {focused!r} of /{command} was not synced with autocomplete"
        )


@dataclass
class _OptionContext:
    """Where an option is given, and the `resolved` data its values collect."""

    state: st.State
    guild_id: int | None
    user_id: int
    resolved: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, kind: str, key: int, data: dict[str, Any]) -> str:
        self.resolved.setdefault(kind, {})[str(key)] = data
        return str(key)


# One converter per option type: (context, option schema, value given) -> the value Discord sends.
Converter = Callable[[_OptionContext, dict[str, Any], Any], Any]


def _check_choices(opt: dict[str, Any], value: Any) -> Any:
    choices = opt.get("choices") or []
    if choices and value not in [c["value"] for c in choices]:
        raise FakeDiscordUsageError(
            f"option {opt['name']!r} only accepts its choices {[c['value'] for c in choices]}, got {value!r}"
        )
    return value


def _check_range(opt: dict[str, Any], value: int | float) -> None:
    low, high = opt.get("min_value"), opt.get("max_value")
    if (low is not None and value < low) or (high is not None and value > high):
        raise FakeDiscordUsageError(f"option {opt['name']!r}: Discord's client refuses {value!r}")


def _string(context: _OptionContext, opt: dict[str, Any], value: Any) -> Any:
    if not isinstance(value, str):
        raise FakeDiscordUsageError(f"option {opt['name']!r} is a string option, got {value!r}")
    low, high = opt.get("min_length"), opt.get("max_length")
    if (low is not None and len(value) < low) or (high is not None and len(value) > high):
        raise FakeDiscordUsageError(
            f"option {opt['name']!r}: Discord's client refuses length {len(value)}"
        )
    return _check_choices(opt, value)


def _integer(context: _OptionContext, opt: dict[str, Any], value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FakeDiscordUsageError(f"option {opt['name']!r} is an integer option, got {value!r}")
    _check_range(opt, value)
    return _check_choices(opt, value)


def _number(context: _OptionContext, opt: dict[str, Any], value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FakeDiscordUsageError(f"option {opt['name']!r} is a number option, got {value!r}")
    _check_range(opt, value)
    return _check_choices(opt, value)


def _boolean(context: _OptionContext, opt: dict[str, Any], value: Any) -> Any:
    if not isinstance(value, bool):
        raise FakeDiscordUsageError(f"option {opt['name']!r} is a boolean option, got {value!r}")
    return _check_choices(opt, value)


def _resolve_user(context: _OptionContext, uid: int) -> str:
    state, guild_id = context.state, context.guild_id
    context.add("users", uid, state.users[uid].payload())
    member = state.member(guild_id, uid) if guild_id is not None else None
    if member is not None:
        assert guild_id is not None
        data = member.payload()
        data.pop("user")
        data["permissions"] = str(state.base_permissions(guild_id, uid))
        context.add("members", uid, data)
    return str(uid)


def _resolve_role(context: _OptionContext, opt: dict[str, Any], rid: int) -> str:
    role = context.state.roles.get(rid)
    if role is None:
        raise FakeDiscordUsageError(f"option {opt['name']!r}: no role or user {rid}")
    return context.add("roles", rid, role.payload())


def _user(context: _OptionContext, opt: dict[str, Any], value: Any) -> Any:
    uid = snowflake_of(value)
    if uid not in context.state.users:
        raise FakeDiscordUsageError(f"option {opt['name']!r}: no user {value!r}")
    return _resolve_user(context, uid)


def _role(context: _OptionContext, opt: dict[str, Any], value: Any) -> Any:
    return _resolve_role(context, opt, snowflake_of(value))


def _mentionable(context: _OptionContext, opt: dict[str, Any], value: Any) -> Any:
    oid = snowflake_of(value)
    if oid in context.state.users:
        return _resolve_user(context, oid)
    return _resolve_role(context, opt, oid)


def _channel(context: _OptionContext, opt: dict[str, Any], value: Any) -> Any:
    cid = snowflake_of(value)
    channel = context.state.channel(cid)
    if channel is None:
        raise FakeDiscordUsageError(f"option {opt['name']!r}: no channel {cid}")
    allowed = opt.get("channel_types") or []
    if allowed and channel.type not in allowed:
        raise FakeDiscordUsageError(
            f"option {opt['name']!r} accepts channel types {allowed}, channel {cid} is type {channel.type}"
        )
    return context.add(
        "channels", cid, context.state.channel_mention_payload(channel, context.user_id)
    )


def _attachment(context: _OptionContext, opt: dict[str, Any], value: Any) -> Any:
    if not isinstance(value, Mapping):
        raise FakeDiscordUsageError(
            f"option {opt['name']!r}: give an attachment as a dict (filename, size, ...)"
        )
    aid = context.state.snowflake()
    url = value.get("url", f"https://cdn.invalid/attachments/{aid}")
    return context.add(
        "attachments",
        aid,
        {
            "id": str(aid),
            "filename": value.get("filename", "file.txt"),
            "size": int(value.get("size", 0)),
            "url": url,
            "proxy_url": url,
            "content_type": value.get("content_type", "text/plain"),
        },
    )


_CONVERTERS: dict[int, Converter] = {
    3: _string,
    4: _integer,
    5: _boolean,
    6: _user,
    7: _channel,
    8: _role,
    9: _mentionable,
    10: _number,
    11: _attachment,
}


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
