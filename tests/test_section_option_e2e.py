"""Every command that takes a section resolves it the same way (bot.cogs.section_option): the same
polite refusal for text that names no section, given before anything runs, and the same names in
the autocomplete."""

from __future__ import annotations

from typing import Any

import pytest

from tests.discussion.discussion_helpers import TOMORROW_20, slash
from tests.fakediscord import FakeDiscord
from tests.harness import MEMBER_ID, MODERATOR_ID, READING_CHANNEL_ID, BotRunner

NOWHERE = "第九十九章"
EPHEMERAL = 1 << 6

COMMANDS: list[tuple[str, dict[str, Any], int]] = [
    ("section", {"name": NOWHERE}, MEMBER_ID),
    ("fact", {"section": NOWHERE}, MEMBER_ID),
    ("quiz practice", {"section": NOWHERE}, MEMBER_ID),
    ("quiz-mod now", {"section": NOWHERE}, MODERATOR_ID),
    ("discuss-mod now", {"section": NOWHERE}, MODERATOR_ID),
    ("discuss-mod schedule", {"section": NOWHERE, "when": TOMORROW_20}, MODERATOR_ID),
    (
        "discuss-mod plan",
        {"from_section": NOWHERE, "start": TOMORROW_20, "every_days": 7},
        MODERATOR_ID,
    ),
]


@pytest.mark.parametrize(("command", "options", "user"), COMMANDS, ids=[c[0] for c in COMMANDS])
async def test_an_unknown_section_is_refused_in_the_members_language(
    fake_discord: FakeDiscord,
    bot_runner: BotRunner,
    command: str,
    options: dict[str, Any],
    user: int,
) -> None:
    async with bot_runner() as bot:
        reply = await slash(fake_discord, command, options, user=user, locale="zh-CN")
        assert reply.ephemeral
        assert f"找不到章节“{NOWHERE}”" in reply.text
        assert await bot.services.schedules.active() == []
    public = [m for m in fake_discord.messages(READING_CHANNEL_ID) if not m.flags & EPHEMERAL]
    assert public == []


async def test_every_section_autocomplete_names_sections_alike(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """/section, /fact and the discussion commands offer the same choices; the quiz's are the
    sections with questions, named the same way with their number of questions."""
    options = [
        ("section", "name", MEMBER_ID),
        ("fact", "section", MEMBER_ID),
        ("discuss-mod now", "section", MODERATOR_ID),
        ("discuss-mod schedule", "section", MODERATOR_ID),
        ("discuss-mod plan", "from_section", MODERATOR_ID),
        ("quiz practice", "section", MEMBER_ID),
    ]
    offered: dict[str, list[tuple[str, str]]] = {}
    async with bot_runner():
        for command, option, user in options:
            record = await fake_discord.autocomplete(
                command, {option: "二/第"}, focused=option, user=user
            )
            choices = (await record.wait_response()).choices
            offered[command] = [(c["name"], c["value"]) for c in choices]
    reference = offered["section"]
    assert reference and reference[0][0].startswith("二/第")
    for command in ("fact", "discuss-mod now", "discuss-mod schedule", "discuss-mod plan"):
        assert offered[command] == reference, command
    quiz = offered["quiz practice"]
    assert quiz and all(value in dict(map(reversed, reference)) for _, value in quiz)
    names = {value: name for name, value in reference}
    assert all(name.startswith(names[value]) or names[value][:20] in name for name, value in quiz)
