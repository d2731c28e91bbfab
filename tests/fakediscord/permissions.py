"""Discord permission bits and the channel permission algorithm, without discord.py.

The fake computes `app_permissions`, `member.permissions` and its own 403 answers from roles and
overwrites exactly as Discord documents it, so a test that removes a permission from the bot sees
the same refusals the real API would give.
"""

from __future__ import annotations

from collections.abc import Iterable

# Bit positions as documented by Discord (names follow the API, lower-cased).
PERMISSIONS: dict[str, int] = {
    "create_instant_invite": 1 << 0,
    "kick_members": 1 << 1,
    "ban_members": 1 << 2,
    "administrator": 1 << 3,
    "manage_channels": 1 << 4,
    "manage_guild": 1 << 5,
    "add_reactions": 1 << 6,
    "view_audit_log": 1 << 7,
    "priority_speaker": 1 << 8,
    "stream": 1 << 9,
    "view_channel": 1 << 10,
    "send_messages": 1 << 11,
    "send_tts_messages": 1 << 12,
    "manage_messages": 1 << 13,
    "embed_links": 1 << 14,
    "attach_files": 1 << 15,
    "read_message_history": 1 << 16,
    "mention_everyone": 1 << 17,
    "use_external_emojis": 1 << 18,
    "view_guild_insights": 1 << 19,
    "connect": 1 << 20,
    "speak": 1 << 21,
    "mute_members": 1 << 22,
    "deafen_members": 1 << 23,
    "move_members": 1 << 24,
    "use_vad": 1 << 25,
    "change_nickname": 1 << 26,
    "manage_nicknames": 1 << 27,
    "manage_roles": 1 << 28,
    "manage_webhooks": 1 << 29,
    "manage_guild_expressions": 1 << 30,
    "use_application_commands": 1 << 31,
    "request_to_speak": 1 << 32,
    "manage_events": 1 << 33,
    "manage_threads": 1 << 34,
    "create_public_threads": 1 << 35,
    "create_private_threads": 1 << 36,
    "use_external_stickers": 1 << 37,
    "send_messages_in_threads": 1 << 38,
    "use_embedded_activities": 1 << 39,
    "moderate_members": 1 << 40,
    "view_creator_monetization_analytics": 1 << 41,
    "use_soundboard": 1 << 42,
    "create_guild_expressions": 1 << 43,
    "create_events": 1 << 44,
    "use_external_sounds": 1 << 45,
    "send_voice_messages": 1 << 46,
    "send_polls": 1 << 49,
    "use_external_apps": 1 << 50,
    "pin_messages": 1 << 51,
}
# discord.py spells a few of them differently; accept both so tests can use either vocabulary.
ALIASES: dict[str, str] = {
    "read_messages": "view_channel",
    "manage_emojis": "manage_guild_expressions",
    "manage_emojis_and_stickers": "manage_guild_expressions",
    "use_slash_commands": "use_application_commands",
    "create_expressions": "create_guild_expressions",
}
ALL_PERMISSIONS: int = 0
for _bit in PERMISSIONS.values():
    ALL_PERMISSIONS |= _bit

# What a fresh server gives @everyone (close to Discord's default), so ordinary members can chat.
DEFAULT_EVERYONE: frozenset[str] = frozenset(
    {
        "create_instant_invite",
        "add_reactions",
        "stream",
        "view_channel",
        "send_messages",
        "embed_links",
        "attach_files",
        "read_message_history",
        "use_external_emojis",
        "connect",
        "speak",
        "use_vad",
        "change_nickname",
        "use_application_commands",
        "create_public_threads",
        "create_private_threads",
        "send_messages_in_threads",
        "use_external_stickers",
        "send_polls",
    }
)

PermissionSpec = int | str | Iterable[str] | None


def to_bits(spec: PermissionSpec) -> int:
    """Turn an int, a permission name or a collection of names into a bitfield.

    Unknown names raise at once: a typo in a test must not silently grant nothing.
    """
    if spec is None:
        return 0
    if isinstance(spec, bool):
        raise TypeError("permissions must be an int or permission names, not bool")
    if isinstance(spec, int):
        return spec
    if isinstance(spec, str):
        spec = [spec]
    value = 0
    for name in spec:
        key = ALIASES.get(name, name)
        if key not in PERMISSIONS:
            raise ValueError(f"unknown permission name {name!r}")
        value |= PERMISSIONS[key]
    return value


def names(bits: int) -> list[str]:
    """List the permission names set in `bits` (for readable assertion messages)."""
    return [name for name, bit in PERMISSIONS.items() if bits & bit]


def has(bits: int, *required: str) -> bool:
    """Whether every named permission is present (administrator implies all)."""
    if bits & PERMISSIONS["administrator"]:
        return True
    return all(bits & PERMISSIONS[ALIASES.get(r, r)] for r in required)
