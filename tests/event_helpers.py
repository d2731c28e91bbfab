"""Shared by the end-to-end tests of scheduled events (discussions and quizzes)."""

from __future__ import annotations

from typing import Any

from tests.fakediscord import (
    EVENT_ACTIVE,
    EVENT_CANCELED,
    EVENT_COMPLETED,
    EVENT_SCHEDULED,
    FakeDiscord,
)

SCHEDULED, ACTIVE, COMPLETED, CANCELLED = (
    EVENT_SCHEDULED,
    EVENT_ACTIVE,
    EVENT_COMPLETED,
    EVENT_CANCELED,
)
EVENTS = r"/guilds/\d+/scheduled-events"  # the event routes, for requests_matching


async def events_settled(fake: FakeDiscord, bot: Any, count: int) -> list[Any]:
    """The server's events once there are `count` and the bot's background event work (started
    by a command, before its answer) is done."""
    await fake.wait_until(
        lambda: len(fake.scheduled_events()) == count and not bot.background_work_pending,
        timeout=5,
        what=f"{count} events, recorded",
    )
    return fake.scheduled_events()
