"""Who a message actually pings: its content's mentions filtered by `allowed_mentions` and by
the sender's permissions, as Discord documents it.

A test asserts "this announcement pinged only the Readers role" on `Message.pinged_roles`; without
this the fake could only say what the content *contained*, which is not what members experience:
a `<@&id>` in the content pings nobody unless allowed_mentions lets it, and even then only if the
role is mentionable or the sender has MENTION_EVERYONE (which also guards @everyone and @here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import state as st
from .permissions import has

USER_MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")
EVERYONE_MENTION = re.compile(r"@(everyone|here)\b")

# With no allowed_mentions at all, Discord parses every kind of mention in the content.
DEFAULT_PARSE = ("users", "roles", "everyone")


@dataclass
class Pings:
    users: list[int] = field(default_factory=list)
    roles: list[int] = field(default_factory=list)
    everyone: bool = False


def _ids(pattern: re.Pattern[str], content: str) -> list[int]:
    found: list[int] = []
    for match in pattern.finditer(content):
        value = int(match.group(1))
        if value not in found:
            found.append(value)
    return found


def pings(
    state: st.State,
    channel: st.Channel,
    author_id: int,
    content: str,
    allowed_mentions: dict[str, Any] | None,
    *,
    replied_author: int | None = None,
) -> Pings:
    """The users, roles and @everyone/@here a new message notifies.

    Rules (Discord's allowed mentions documentation): `parse` lists the kinds pinged wherever
    they appear; `users`/`roles` list ids pinged if they appear in the content; an empty object
    pings nobody; a role pings only if mentionable or the sender has MENTION_EVERYONE in the
    channel; @everyone/@here need `parse: ["everyone"]` and MENTION_EVERYONE. A reply pings the
    replied-to author unless allowed_mentions is given without `replied_user: true`.
    """
    result = Pings()
    if allowed_mentions is None:
        parse: tuple[str, ...] | list[str] = DEFAULT_PARSE
        users_allowed: set[int] = set()
        roles_allowed: set[int] = set()
        replied_user = True
    else:
        parse = list(allowed_mentions.get("parse") or [])
        users_allowed = {int(u) for u in allowed_mentions.get("users") or [] if u is not None}
        roles_allowed = {int(r) for r in allowed_mentions.get("roles") or [] if r is not None}
        replied_user = bool(allowed_mentions.get("replied_user"))
    for uid in _ids(USER_MENTION, content):
        if uid in state.users and ("users" in parse or uid in users_allowed):
            result.users.append(uid)
    if replied_author is not None and replied_user and replied_author not in result.users:
        result.users.append(replied_author)
    if channel.guild_id is None:
        return result
    perms = state.channel_permissions(channel.id, author_id)
    mention_everyone = has(perms, "mention_everyone")
    for rid in _ids(ROLE_MENTION, content):
        role = state.roles.get(rid)
        if role is None or role.guild_id != channel.guild_id:
            continue
        if ("roles" in parse or rid in roles_allowed) and (role.mentionable or mention_everyone):
            result.roles.append(rid)
    if EVERYONE_MENTION.search(content) and "everyone" in parse and mention_everyone:
        result.everyone = True
    return result
