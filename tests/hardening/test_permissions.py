"""Who may run what: every moderator command against every kind of member, in a channel, a thread
and a DM, checked by the bot itself (an admin can change who *sees* a command in Discord).

The list of moderator commands is derived from the checks attached in code, and any check this
test does not know fails it, so a new command or a new kind of check cannot slip past.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from discord import app_commands

from bot.i18n import MESSAGES, t
from bot.ui.checks import member_is_moderator
from tests.fakediscord import FakeDiscord
from tests.hardening.hardening_helpers import add_thread, global_schema_from, leaves
from tests.harness import GUILD_ID, MEMBER_ID, OWNER_ID, READING_CHANNEL_ID, BotRunner

MANAGE_GUILD_ID = 1_100_000_000_000_000_311
MANAGE_THREADS_ID = 1_100_000_000_000_000_312
ROLE_HOLDER_ID = 1_100_000_000_000_000_313
CIRCLE_ROLE_ID = 1_100_000_000_000_000_211

MEMBERS = {
    "Manage Server": MANAGE_GUILD_ID,
    "Manage Threads": MANAGE_THREADS_ID,
    "moderator role": ROLE_HOLDER_ID,
    "no rights": MEMBER_ID,
}
# Who passes each kind of check.
ALLOWED = {
    "moderator": {"Manage Server", "Manage Threads", "moderator role"},
    "manage_guild": {"Manage Server"},
}


def check_kind(command: app_commands.Command[Any, Any, Any]) -> str | None:
    """'moderator', 'manage_guild' or None (everyone); unknown checks fail loudly."""
    kinds = set()
    for check in command.checks:
        name = getattr(check, "__qualname__", repr(check))
        if check is member_is_moderator:
            kinds.add("moderator")
        elif name.startswith("manage_guild_only."):
            kinds.add("manage_guild")
        else:
            raise AssertionError(
                f"/{command.qualified_name} has a check this matrix ignores: {name}"
            )
    assert len(kinds) <= 1, f"/{command.qualified_name} mixes checks {kinds}"
    return kinds.pop() if kinds else None


def required_values(options: list[dict[str, Any]]) -> dict[str, Any]:
    """Plain values for the required options (the permission check comes before their use)."""
    values: dict[str, Any] = {}
    for option in options:
        if not option.get("required"):
            continue
        if option.get("choices"):
            values[option["name"]] = option["choices"][0]["value"]
        elif option["type"] == 3:
            values[option["name"]] = "x"
        elif option["type"] == 4:
            values[option["name"]] = max(1, int(option.get("min_value") or 1))
        elif option["type"] == 7:
            values[option["name"]] = READING_CHANNEL_ID
        elif option["type"] == 8:
            values[option["name"]] = CIRCLE_ROLE_ID
        elif option["type"] == 6:
            values[option["name"]] = MEMBER_ID
        else:
            raise AssertionError(f"no plain value for option type {option['type']}")
    return values


@dataclass
class Matrix:
    fake: FakeDiscord
    bot: Any
    thread_id: int
    guarded: dict[str, tuple[str, dict[str, Any]]]  # path -> (check kind, option values)


@pytest.fixture
async def matrix(fake_discord: FakeDiscord, bot_runner: BotRunner) -> AsyncIterator[Matrix]:
    fake = fake_discord
    fake.add_role(GUILD_ID, "Circle moderators", role_id=CIRCLE_ROLE_ID)  # no permissions at all
    fake.add_member(MANAGE_GUILD_ID, "server-manager", permissions=["manage_guild"])
    fake.add_member(MANAGE_THREADS_ID, "thread-manager", permissions=["manage_threads"])
    fake.add_member(ROLE_HOLDER_ID, "circle-mod", roles=[CIRCLE_ROLE_ID])
    async with bot_runner() as bot:
        configured = await fake.slash(
            "config moderator-role", {"role": CIRCLE_ROLE_ID}, user=OWNER_ID
        )
        await configured.wait_response()
        assert f"<@&{CIRCLE_ROLE_ID}>" in (configured.content or "")
        thread = add_thread(fake, READING_CHANNEL_ID, "permissions")
        await fake.wait_until(
            lambda: bot.get_channel(thread.id) is not None, timeout=5, what="the thread"
        )
        global_schema_from(fake, GUILD_ID)
        schema = {leaf.path: leaf for leaf in leaves(fake.commands(GUILD_ID))}
        guarded: dict[str, tuple[str, dict[str, Any]]] = {}
        for command in bot.tree.walk_commands():
            if isinstance(command, app_commands.Command):
                kind = check_kind(command)
                if kind is not None:
                    leaf = schema[command.qualified_name]
                    guarded[leaf.path] = (kind, required_values(leaf.options))
        yield Matrix(fake, bot, thread.id, guarded)


async def _reply(m: Matrix, path: str, values: dict[str, Any], **where: Any) -> str:
    """Run a command (resetting the moderator role, which /config may have changed)."""
    await m.bot.services.guild_settings.set_moderator_role(GUILD_ID, CIRCLE_ROLE_ID)
    record = await m.fake.slash(path, values, ignore_default_permissions=True, **where)
    await record.wait_response()
    if record.deferred:
        await record.wait_content()
    return record.content or record.text


async def test_matrix_covers_the_moderator_commands(matrix: Matrix) -> None:
    """The derived list holds the known moderator and server-settings commands."""
    kinds = {path: kind for path, (kind, _) in matrix.guarded.items()}
    assert {"quiz-mod schedule", "quiz-mod now", "discuss-mod now", "discuss-mod cancel"} <= {
        p for p, k in kinds.items() if k == "moderator"
    }
    assert {"config timezone", "config show"} <= {
        p for p, k in kinds.items() if k == "manage_guild"
    }


@pytest.mark.parametrize("place", ["channel", "thread"])
async def test_each_moderator_command_admits_exactly_the_right_members(
    matrix: Matrix, place: str
) -> None:
    """In a channel and in a thread, each guarded command refuses exactly the members without
    the right permission or role, with the refusal that names what is missing."""
    channel = READING_CHANNEL_ID if place == "channel" else matrix.thread_id
    not_moderator = t("error.not_moderator", "en-US")
    no_manage = MESSAGES["error.missing_permissions"]["en"].split("{")[0]  # names what is missing
    manage_server = t("perm.manage_guild", "en-US")
    wrong: list[str] = []
    for path, (kind, values) in sorted(matrix.guarded.items()):
        for who, user in MEMBERS.items():
            text = await _reply(matrix, path, values, user=user, channel=channel)
            if kind == "moderator":
                refused = text == not_moderator
            else:
                refused = text.startswith(no_manage) and manage_server in text
            if (who in ALLOWED[kind]) == refused:
                wrong.append(f"/{path} by {who} in a {place}: {text[:120]!r}")
    assert wrong == []


async def test_each_moderator_command_refuses_dms_politely(matrix: Matrix) -> None:
    """Delivered in a DM (Discord hides guild commands there, but an old client may not), each
    guarded command says it only works in a server, whoever asks."""
    guild_only = t("error.guild_only", "en-US")
    for path, (_, values) in sorted(matrix.guarded.items()):
        for user in (MANAGE_GUILD_ID, MEMBER_ID):
            assert await _reply(matrix, path, values, user=user, dm=True) == guild_only, path


async def test_every_guild_only_command_refuses_dms_politely(matrix: Matrix) -> None:
    """Every command synced as guild-only, guarded or not, answers a DM with the guild-only
    message instead of crashing on the missing server."""
    guild_only = t("error.guild_only", "en-US")
    top_level = {c["name"]: c for c in matrix.fake.commands(GUILD_ID)}
    wrong = []
    for leaf in leaves(matrix.fake.commands(GUILD_ID)):
        if top_level[leaf.path.split()[0]].get("dm_permission") is not False:
            continue
        text = await _reply(matrix, leaf.path, required_values(leaf.options), dm=True)
        if text != guild_only:
            wrong.append(f"/{leaf.path}: {text[:100]!r}")
    assert wrong == []
    assert matrix.fake.global_commands is not None


async def test_guild_only_autocomplete_in_a_dm_offers_nothing(matrix: Matrix) -> None:
    """Autocomplete of a guild-only option typed in a DM gets an empty list, not an error."""
    record = await matrix.fake.autocomplete(
        "quiz-mod now", {"section": "一"}, focused="section", user=MANAGE_GUILD_ID, dm=True
    )
    await record.wait_response()
    assert record.choices == []
