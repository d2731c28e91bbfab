"""Helpers for the discussion's end-to-end tests through the fake Discord."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.cogs.discussion.embeds import occurrence_in_custom_id, thread_post_number
from tests.fakediscord import FakeDiscord, Message
from tests.fakediscord.permissions import names
from tests.harness import GUILD_ID, READING_CHANNEL_ID

# The suite's clock starts on Monday 2026-01-05 at 20:00 in Shanghai (12:00 UTC).
TOMORROW_20 = "2026-01-06 20:00"  # Shanghai time
TOMORROW_20_UTC = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


async def ready(bot: Any) -> Any:
    """Wait for the start-up catch-up tick (it opens what was due while the bot was down)."""
    await asyncio.wait_for(bot.catch_up_done.wait(), timeout=5)
    return bot


async def answered(record: Any) -> Any:
    """Wait for a response and for its content (a deferred answer arrives as a follow-up)."""
    await record.wait_response()
    if record.deferred:
        await record.wait_followup()
        return record
    return await record.wait_content()


def reply_text(record: Any) -> str:
    """What the user sees: the answer, or the follow-up after a deferral."""
    if record.followups:
        message = record.followups[-1]
        parts = [message.content] + [
            str(e.get("title", "")) + "\n" + str(e.get("description", "")) for e in message.embeds
        ]
        return "\n".join(parts)
    return record.text


def reply_ephemeral(record: Any) -> bool:
    if record.followups:
        return record.followups[-1].ephemeral
    return record.ephemeral


def starter_occurrence(message: Message) -> int | None:
    """The occurrence a starter message belongs to, read from its join button's custom id."""
    found = [occurrence_in_custom_id(c) for c in message.custom_ids()]
    return next((o for o in found if o is not None), None)


def starters(fake: FakeDiscord, channel_id: int = READING_CHANNEL_ID) -> list[Message]:
    """The bot's discussion starter messages in a channel (those with a join button)."""
    return [
        m
        for m in fake.messages(channel_id)
        if m.author.id == fake.bot_user_id and starter_occurrence(m) is not None
    ]


def thread_posts(fake: FakeDiscord, thread_id: int) -> list[Message]:
    """The bot's posts in a discussion thread (its note and prompts), oldest first."""
    return [m for m in fake.messages(thread_id) if m.author.id == fake.bot_user_id]


def post_numbers(fake: FakeDiscord, thread_id: int) -> list[int | None]:
    """Which thread post each of the bot's messages in the thread is: 0 the note, k prompt k."""
    return [thread_post_number(m.content) for m in thread_posts(fake, thread_id)]


def visible_text(message: Message) -> str:
    """Everything a member can read on a message: content, every part of its embeds (timestamps
    aside), and the labels of its buttons."""
    parts = [message.content, embed_text(message)]
    for embed in message.embeds:
        parts.append(str((embed.get("author") or {}).get("name", "")))

    def labels(items: list[dict[str, Any]]) -> None:
        for item in items:
            parts.append(str(item.get("label", "")) + str(item.get("placeholder", "")))
            labels(item.get("components", []))

    labels(message.components)
    return "\n".join(parts)


def bot_lines(fake: FakeDiscord, channel_id: int) -> list[str]:
    """Plain-text messages the bot posted in a channel (e.g. the log channel), oldest first."""
    return [m.content for m in fake.messages(channel_id) if m.author.id == fake.bot_user_id]


def embed_text(message: Message) -> str:
    parts = []
    for embed in message.embeds:
        parts += [str(embed.get("title", "")), str(embed.get("description", ""))]
        for field in embed.get("fields", []):
            parts += [field["name"], field["value"]]
        parts.append(str((embed.get("footer") or {}).get("text", "")))
    return "\n".join(parts)


async def slash(fake: FakeDiscord, command: str, options: dict[str, Any], **kwargs: Any) -> Any:
    """Run a slash command and wait for its visible answer."""
    return await answered(await fake.slash(command, options, **kwargs))


def set_bot_server_permissions(
    fake: FakeDiscord, *, add: tuple[str, ...] = (), remove: tuple[str, ...] = ()
) -> None:
    """Change the server-wide permissions of the bot's own role (e.g. Manage Events), as an
    admin editing the role would."""
    member = fake.state.member(GUILD_ID, fake.bot_user_id)
    assert member is not None
    (role_id,) = member.roles
    granted = set(names(fake.state.roles[role_id].permissions)) | set(add)
    fake.set_role_permissions(role_id, sorted(granted - set(remove)))
