"""A fake Discord (REST + gateway) for end-to-end tests of the bot through real discord.py.

No discord.py import anywhere in this package: payloads are written from Discord's documented
shapes so the tests check the library's parsing instead of trusting it.
"""

from .interactions import CallbackRecord, FakeDiscordUsageError, InteractionRecord
from .permissions import ALL_PERMISSIONS, PERMISSIONS, names, to_bits
from .server import (
    DEFAULT_APPLICATION_ID,
    DEFAULT_BOT_PERMISSIONS,
    BotDied,
    Defaults,
    FakeBug,
    FakeDiscord,
    RequestRecord,
    Violation,
)
from .state import (
    EVENT_ACTIVE,
    EVENT_CANCELED,
    EVENT_COMPLETED,
    EVENT_EXTERNAL,
    EVENT_SCHEDULED,
    FORUM,
    PRIVATE_THREAD,
    PUBLIC_THREAD,
    TEXT,
    Channel,
    ForumTag,
    Guild,
    Member,
    Message,
    Role,
    ScheduledEvent,
    User,
)

__all__ = [
    "ALL_PERMISSIONS",
    "DEFAULT_APPLICATION_ID",
    "DEFAULT_BOT_PERMISSIONS",
    "EVENT_ACTIVE",
    "EVENT_CANCELED",
    "EVENT_COMPLETED",
    "EVENT_EXTERNAL",
    "EVENT_SCHEDULED",
    "FORUM",
    "PERMISSIONS",
    "PRIVATE_THREAD",
    "PUBLIC_THREAD",
    "TEXT",
    "BotDied",
    "CallbackRecord",
    "Channel",
    "Defaults",
    "FakeBug",
    "FakeDiscord",
    "FakeDiscordUsageError",
    "ForumTag",
    "Guild",
    "InteractionRecord",
    "Member",
    "Message",
    "RequestRecord",
    "Role",
    "ScheduledEvent",
    "User",
    "Violation",
    "names",
    "to_bits",
]
