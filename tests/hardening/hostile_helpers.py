"""Hypothesis strategies for hostile option values, derived from a synced option's schema.

Values stay inside what Discord's own client lets a member type or pick (lengths, ranges, choices,
channel types), because anything outside that never reaches the bot; inside those bounds they are
as unfriendly as possible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

# Discord's client caps any string option at 6000 characters.
DISCORD_STRING_MAX = 6000
# Discord's integer options are limited to +-2^53.
DISCORD_INT_LIMIT = 2**53

DELETED_CHANNEL = "deleted-channel"  # a marker resolved by the test's World


@dataclass
class World:
    """Ids of the test server that hostile values point at."""

    guild_id: int
    bot_id: int
    text_channels: list[int]
    thread_ids: list[int]
    deleted_channel_id: int
    role_ids: list[int]
    user_ids: list[int]
    member_ids: list[int] = field(default_factory=list)

    def hostile_strings(self) -> list[str]:
        role = self.role_ids[-1]
        user = self.user_ids[0]
        return [
            "",
            " ",
            "\t \n ",
            "a" * DISCORD_STRING_MAX,
            "安倍" * (DISCORD_STRING_MAX // 2),
            "日美同盟 " * 1200,
            "\x00\x01\x02\x07\x08\x1b[31mred\x1b[0m\x7f",
            "@everyone",
            "@here please",
            f"<@&{role}>",
            f"<@{user}> <@!{user}>",
            f"<#{self.text_channels[0]}>",
            "**bold** __under__ ~~strike~~ ||spoiler|| > quote\n# heading",
            "```py\nprint('x')\n```",
            "```",
            "`",
            "\u200b\u200b\u200b",
            "\u200b",
            "\u202eevil\u202c",
            "\u200f\u061c\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
            "😀👍🏽🇨🇳👨‍👩‍👧‍👦",
            "'; DROP TABLE quiz_answers; --",
            '" OR 1=1 --',
            "%s %d {0} {name} {{}} %(x)s",
            "0001-01-01 00:00",
            "9999-12-31 23:59",
            "2026-02-30 20:00",
            "2026-01-05 20:00",
            "2099-01-01 00:00",
            "24:00",
            "23:60",
            "-1:00",
            "99:99",
            "２０：００",
            "20:00",
            "00:00",
            "Asia/Shanghai",
            "../../etc/passwd",
            "Etc/GMT+14",
            "§the-article/p01§x",
            "§../x§",
            "二/第三",
            "结语",
            "0",
            "-1",
            "9" * 40,
            "NaN",
            "null",
            "\\",
            "\ud7ff\ue000\uffff",
        ]


def string_values(option: dict[str, Any], world: World) -> st.SearchStrategy[str]:
    low = int(option.get("min_length") or 0)
    high = int(option.get("max_length") or DISCORD_STRING_MAX)
    fitting = [s for s in world.hostile_strings() if low <= len(s) <= high]
    generated = st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)), min_size=low, max_size=min(high, 300)
    )
    return st.one_of(st.sampled_from(fitting), generated) if fitting else generated


def int_values(option: dict[str, Any]) -> st.SearchStrategy[int]:
    low = option.get("min_value")
    high = option.get("max_value")
    low = -DISCORD_INT_LIMIT if low is None else int(low)
    high = DISCORD_INT_LIMIT if high is None else int(high)
    edges = sorted({v for v in (low, high, 0, 1, -1, low + 1, high - 1) if low <= v <= high})
    return st.one_of(st.sampled_from(edges), st.integers(low, high))


def channel_values(option: dict[str, Any], world: World, fake: Any) -> st.SearchStrategy[Any]:
    allowed = set(option.get("channel_types") or [])

    def fits(channel_id: int) -> bool:
        channel = fake.state.channels[channel_id]
        return not allowed or channel.type in allowed

    live = [c for c in world.text_channels + world.thread_ids if fits(c)]
    candidates: list[Any] = live + ([DELETED_CHANNEL] if fits(world.deleted_channel_id) else [])
    return st.sampled_from(candidates)


def option_values(option: dict[str, Any], world: World, fake: Any) -> st.SearchStrategy[Any]:
    """A hostile value for one synced option (types as in Discord's API)."""
    kind = option["type"]
    choices = option.get("choices") or []
    if choices:
        return st.sampled_from([c["value"] for c in choices])
    if kind == 3:
        return string_values(option, world)
    if kind == 4:
        return int_values(option)
    if kind == 5:
        return st.booleans()
    if kind == 6:
        return st.sampled_from(world.user_ids)
    if kind == 7:
        return channel_values(option, world, fake)
    if kind == 8:
        return st.sampled_from(world.role_ids)
    if kind == 9:
        return st.sampled_from(world.user_ids + world.role_ids)
    if kind == 10:
        low = option.get("min_value", -1e15)
        high = option.get("max_value", 1e15)
        return st.floats(low, high, allow_nan=False, allow_infinity=False)
    raise AssertionError(f"no hostile values for option type {kind}: extend tests/hardening")


def typed_values(option: dict[str, Any], world: World) -> st.SearchStrategy[str]:
    """What a member may have typed so far in an autocomplete field (always a string)."""
    return st.one_of(st.sampled_from(world.hostile_strings()), st.text(max_size=120))


LOCALES = st.sampled_from(["en-US", "zh-CN", "zh-TW", "ja", "de"])
