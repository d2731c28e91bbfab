"""Lookups answer privately; "Share to channel" posts them with the question; a server can
choose a channel where lookups answer publicly."""

from __future__ import annotations

import pytest

from tests.fakediscord import FakeDiscord
from tests.harness import MEMBER_ID, MODERATOR_ID, OTHER_CHANNEL_ID, READING_CHANNEL_ID, BotRunner


def public_bot_posts(fake: FakeDiscord, channel_id: int = READING_CHANNEL_ID) -> list:
    """What everyone in the channel sees from the bot (ephemeral answers excluded)."""
    return [
        m for m in fake.messages(channel_id) if m.author.id == fake.bot_user_id and not m.flags & 64
    ]


@pytest.mark.parametrize(
    ("locale", "label"), [("en-US", "Share to channel"), ("zh-CN", "分享到频道")]
)
async def test_share_posts_the_passage_with_the_question(
    fake_discord: FakeDiscord, bot_runner: BotRunner, locale: str, label: str
) -> None:
    """The private answer carries a Share button; sharing posts the same passage publicly,
    headed by who shared it and what they asked, pinging nobody."""
    async with bot_runner():
        private = await (
            await fake_discord.slash("excerpt", {"query": "火与怒"}, user=MEMBER_ID, locale=locale)
        ).wait_response()
        assert private.ephemeral and public_bot_posts(fake_discord) == []
        button = private.message.find_component("share:v1")
        assert button["label"] == label
        shared = await (
            await fake_discord.click(private, "share:v1", user=MEMBER_ID, locale=locale)
        ).wait_response()
    assert not shared.ephemeral
    assert shared.content == f"<@{MEMBER_ID}> · /excerpt “火与怒”"
    assert shared.embeds == private.embeds
    assert shared.allowed_mentions == {"parse": []}
    assert len(public_bot_posts(fake_discord)) == 1


@pytest.mark.parametrize(
    ("command", "options"),
    [("section", {"name": "二/第二"}), ("fact", {}), ("outline", {}), ("about", {})],
)
async def test_every_lookup_is_private_and_shareable(
    fake_discord: FakeDiscord, bot_runner: BotRunner, command: str, options: dict
) -> None:
    async with bot_runner():
        private = await (await fake_discord.slash(command, options)).wait_response()
        assert private.ephemeral and "share:v1" in private.custom_ids
        shared = await (await fake_discord.click(private, "share:v1")).wait_response()
    assert not shared.ephemeral and f"/{command}" in shared.content


async def test_lookup_channel_answers_publicly_there_only(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """`/config lookup-channel` makes lookups public in that channel; elsewhere they stay private,
    and `private: true` still keeps one private there."""
    async with bot_runner():
        done = await (
            await fake_discord.slash(
                "config lookup-channel", {"channel": READING_CHANNEL_ID}, user=MODERATOR_ID
            )
        ).wait_response()
        assert "publicly" in done.text
        there = await (await fake_discord.slash("excerpt", {"query": "火与怒"})).wait_response()
        elsewhere = await (
            await fake_discord.slash("excerpt", {"query": "火与怒"}, channel=OTHER_CHANNEL_ID)
        ).wait_response()
        asked_private = await (
            await fake_discord.slash("excerpt", {"query": "火与怒", "private": True})
        ).wait_response()
    assert not there.ephemeral and "share:v1" not in there.custom_ids
    assert elsewhere.ephemeral and "share:v1" in elsewhere.custom_ids
    assert asked_private.ephemeral
