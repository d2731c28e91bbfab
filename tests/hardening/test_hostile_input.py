"""Every option of every synced command, fed hostile values through the fake Discord.

Generic on purpose: the commands and their options are read from the schema the bot synced to the
fake, so a command added later is covered without touching this file. One bot serves all examples.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fakediscord import FakeDiscord, InteractionRecord
from tests.hardening.conftest import hypothesis_profile
from tests.hardening.hardening_helpers import (
    Leaf,
    Outcomes,
    add_thread,
    changed_tables,
    leaves,
    ping_offences,
    revived,
    snapshot,
    watch_outcomes,
)
from tests.hardening.hostile_helpers import (
    DELETED_CHANNEL,
    LOCALES,
    World,
    option_values,
    typed_values,
)
from tests.harness import (
    BOT_ID,
    GUILD_ID,
    MEMBER2_ID,
    MEMBER_ID,
    MODERATOR_ID,
    MODERATOR_ROLE_ID,
    OTHER_CHANNEL_ID,
    OWNER_ID,
    READING_CHANNEL_ID,
    BotRunner,
)

OUTSIDER_ID = 1_100_000_000_000_000_399  # a user who is not a member of the server
FIRST_RESPONSE_LIMIT = 3.0  # Discord's deadline for the first answer to an interaction


@dataclass
class Hostile:
    fake: FakeDiscord
    bot: Any
    runner: BotRunner
    world: World
    outcomes: Outcomes
    leaves: list[Leaf]


@pytest.fixture
async def hostile(fake_discord: FakeDiscord, bot_runner: BotRunner) -> AsyncIterator[Hostile]:
    """One running bot on a server with a no-access channel, a thread, a deleted channel, a role
    named like a mention and a user outside the server."""
    fake = fake_discord
    locked = fake.add_channel(GUILD_ID, "locked")
    fake.set_bot_permissions(locked.id, deny=["send_messages", "view_channel"])
    doomed = fake.add_channel(GUILD_ID, "doomed")
    nasty_role = fake.add_role(GUILD_ID, "@everyone <@&1> ```")
    fake.add_user(OUTSIDER_ID, "outsider")
    async with bot_runner() as bot:
        thread = add_thread(fake, READING_CHANNEL_ID, "hostile thread")
        fake.delete_channel(doomed.id)
        await fake.wait_until(
            lambda: bot.get_channel(doomed.id) is None and bot.get_channel(thread.id) is not None,
            timeout=5,
            what="the bot to see the thread and forget the deleted channel",
        )
        bot.services.driver.scheduler.pause()  # no background tick may write between checks
        world = World(
            guild_id=GUILD_ID,
            bot_id=BOT_ID,
            text_channels=[READING_CHANNEL_ID, OTHER_CHANNEL_ID, locked.id],
            thread_ids=[thread.id],
            deleted_channel_id=doomed.id,
            role_ids=[GUILD_ID, MODERATOR_ROLE_ID, nasty_role.id],
            user_ids=[MEMBER_ID, MEMBER2_ID, OWNER_ID, BOT_ID, OUTSIDER_ID],
        )
        yield Hostile(
            fake=fake,
            bot=bot,
            runner=bot_runner,
            world=world,
            outcomes=watch_outcomes(bot),
            leaves=leaves(fake.commands(GUILD_ID)),
        )


async def _send(h: Hostile, leaf: Leaf, values: dict[str, Any], **kwargs: Any) -> InteractionRecord:
    deleted = [n for n, v in values.items() if v == DELETED_CHANNEL]
    values = {
        n: (h.world.deleted_channel_id if v == DELETED_CHANNEL else v) for n, v in values.items()
    }
    if deleted:
        with revived(h.fake, h.world.deleted_channel_id):
            return await h.fake.slash(leaf.path, values, **kwargs)
    return await h.fake.slash(leaf.path, values, **kwargs)


async def _invoke(h: Hostile, leaf: Leaf, values: dict[str, Any], **kwargs: Any) -> None:
    """Send one slash command and hold the bot to the rules; fails with what broke and why."""
    before = snapshot(h.runner.database_path)
    sent_before = len(h.fake.requests)
    record = await _send(h, leaf, values, user=MODERATOR_ID, **kwargs)
    what = f"/{leaf.path} {values!r}"
    await record.wait_response(timeout=FIRST_RESPONSE_LIMIT + 1)
    assert record.time_to_first_response is not None
    assert record.time_to_first_response < FIRST_RESPONSE_LIMIT, what
    await h.fake.wait_until(
        lambda: h.outcomes.finished(record.id), timeout=10, what=f"{what} to finish"
    )
    if record.deferred:
        await record.wait_content()
    assert record.content or record.embeds, f"{what}: the reply is empty"
    if record.id in h.outcomes.refused:
        after = snapshot(h.runner.database_path)
        assert not changed_tables(before, after), f"{what} was refused but wrote to the database"
    assert not ping_offences(h.fake.requests[sent_before:]), what
    assert not h.runner.errors.messages(), f"{what}: {h.runner.errors.messages()}"
    assert not h.fake.violations, f"{what}: {[str(v) for v in h.fake.violations]}"


async def _autocomplete(h: Hostile, leaf: Leaf, values: dict[str, Any], focused: str) -> None:
    before = snapshot(h.runner.database_path)
    given_values = {n: v for n, v in values.items() if v != DELETED_CHANNEL}
    record = await h.fake.autocomplete(leaf.path, given_values, focused=focused, user=MODERATOR_ID)
    what = f"autocomplete /{leaf.path} {focused}={given_values.get(focused)!r}"
    await record.wait_response(timeout=FIRST_RESPONSE_LIMIT + 1)
    assert record.time_to_first_response is not None
    assert record.time_to_first_response < FIRST_RESPONSE_LIMIT, what
    assert isinstance(record.choices, list)
    assert not changed_tables(before, snapshot(h.runner.database_path)), what
    assert not h.runner.errors.messages(), f"{what}: {h.runner.errors.messages()}"
    assert not h.fake.violations, f"{what}: {[str(v) for v in h.fake.violations]}"


@hypothesis_profile()
@given(data=st.data())
async def test_every_command_answers_hostile_input_safely(hostile: Hostile, data: Any) -> None:
    """Each command answers hostile values in time, within limits, pinging nobody, crashing never,
    and writing nothing when it refuses."""
    h = hostile
    assert h.leaves, "the bot synced no commands"
    for leaf in h.leaves:
        values: dict[str, Any] = {}
        for option in leaf.options:
            if option.get("required") or data.draw(
                st.booleans(), label=f"{leaf.path} has {option['name']}"
            ):
                values[option["name"]] = data.draw(
                    option_values(option, h.world, h.fake), label=f"/{leaf.path} {option['name']}"
                )
        channel = data.draw(
            st.sampled_from([READING_CHANNEL_ID, OTHER_CHANNEL_ID, *h.world.thread_ids]),
            label="channel",
        )
        await _invoke(h, leaf, values, locale=data.draw(LOCALES, label="locale"), channel=channel)
        for option in leaf.options:
            if option.get("autocomplete"):
                typed = data.draw(typed_values(option, h.world), label=f"typed {option['name']}")
                await _autocomplete(h, leaf, {**values, option["name"]: typed}, option["name"])


def test_schema_walk_finds_subcommands() -> None:
    """The generic walk reaches leaves of groups, so subcommands are not silently skipped."""
    schema = [
        {"name": "a", "type": 1, "options": [{"name": "x", "type": 3}]},
        {"name": "g", "type": 1, "options": [{"name": "s", "type": 1, "options": []}]},
    ]
    assert [leaf.path for leaf in leaves(schema)] == ["a", "g s"]
