"""In-memory model of the Discord world the fake serves, and the JSON payloads built from it.

Kept free of discord.py on purpose: the payloads here are written from Discord's documented shapes,
so a mismatch between what discord.py expects and what Discord sends shows up as a failing test
instead of being hidden by reusing the library's own serialisers.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from .permissions import ALL_PERMISSIONS, PERMISSIONS

DISCORD_EPOCH_MS = 1_420_070_400_000

# Channel types (Discord API numbers).
TEXT = 0
DM = 1
ANNOUNCEMENT_THREAD = 10
PUBLIC_THREAD = 11
PRIVATE_THREAD = 12
FORUM = 15
THREAD_TYPES = frozenset({ANNOUNCEMENT_THREAD, PUBLIC_THREAD, PRIVATE_THREAD})

# Channel flags.
FLAG_REQUIRE_TAG = 1 << 4

# Discord's thread `member_count` is approximate and stops counting at 50.
THREAD_MEMBER_COUNT_CAP = 50

# Guild scheduled events: entity types, statuses and the only privacy level.
EVENT_EXTERNAL = 3
EVENT_SCHEDULED, EVENT_ACTIVE, EVENT_COMPLETED, EVENT_CANCELED = 1, 2, 3, 4
EVENT_GUILD_ONLY = 2

OVERWRITE_ROLE = 0
OVERWRITE_MEMBER = 1


def iso(dt: datetime) -> str:
    """Discord's timestamp format (ISO 8601 with offset)."""
    return dt.astimezone(UTC).isoformat()


class SnowflakeFactory:
    """Makes unique, time-ordered ids from the fake's clock.

    discord.py derives `created_at` from the id, so ids follow the clock the test controls; the
    low bits are a counter and ids never repeat even if the clock goes backwards.
    """

    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now
        self._counter = itertools.count()
        self._last = 0

    def __call__(self) -> int:
        ms = int(self._now().timestamp() * 1000) - DISCORD_EPOCH_MS
        value = (max(ms, 0) << 22) | (next(self._counter) & 0x3FFFFF)
        if value <= self._last:
            value = self._last + 1
        self._last = value
        return value


@dataclass
class User:
    """A Discord user (a person or the bot)."""

    id: int
    name: str
    bot: bool = False
    global_name: str | None = None
    dms_open: bool = True

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.global_name if self.global_name is not None else self.name,
            "avatar": None,
            "public_flags": 0,
            "flags": 0,
        }
        if self.bot:
            data["bot"] = True
        return data


@dataclass
class Role:
    """A guild role with its permission bitfield."""

    id: int
    guild_id: int
    name: str
    permissions: int = 0
    position: int = 0
    managed: bool = False
    bot_id: int | None = None
    mentionable: bool = False

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": self.managed,
            "mentionable": self.mentionable,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass
class Overwrite:
    """A channel permission overwrite for a role or a member."""

    id: int
    type: int  # OVERWRITE_ROLE or OVERWRITE_MEMBER
    allow: int = 0
    deny: int = 0

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "type": self.type,
            "allow": str(self.allow),
            "deny": str(self.deny),
        }


@dataclass
class Member:
    """A user's membership of a guild."""

    user: User
    guild_id: int
    roles: list[int] = field(default_factory=list)
    joined_at: datetime = field(default_factory=lambda: datetime(2024, 1, 1, tzinfo=UTC))
    nick: str | None = None

    def payload(self) -> dict[str, Any]:
        return {
            "user": self.user.payload(),
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "roles": [str(r) for r in self.roles],
            "joined_at": iso(self.joined_at),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }


@dataclass
class ForumTag:
    """A tag a forum offers its posts (`available_tags`); posts carry tag ids (`applied_tags`)."""

    id: int
    name: str
    moderated: bool = False
    emoji_id: int | None = None
    emoji_name: str | None = None

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "moderated": self.moderated,
            "emoji_id": str(self.emoji_id) if self.emoji_id else None,
            "emoji_name": self.emoji_name,
        }


@dataclass
class Channel:
    """A guild text or forum channel, a thread (or forum post), or a DM channel.

    Threads keep their parent's overwrites out of their own payload (Discord computes thread
    permissions from the parent channel), and remember the starter message they came from.
    Their counters follow Discord: `message_count` leaves out the starter message and drops on
    delete, `total_message_sent` never drops, `member_count` stops at 50.
    """

    id: int
    type: int
    name: str = ""
    guild_id: int | None = None
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    overwrites: dict[int, Overwrite] = field(default_factory=dict)
    default_auto_archive_duration: int = 1440
    # threads
    owner_id: int | None = None
    auto_archive_duration: int = 1440
    archived: bool = False
    locked: bool = False
    invitable: bool = True
    starter_message_id: int | None = None
    thread_members: set[int] = field(default_factory=set)
    created_at: datetime | None = None
    archive_timestamp: datetime | None = None
    # DMs
    recipient_id: int | None = None
    deleted: bool = False
    last_message_id: int | None = None
    message_count: int = 0
    total_message_sent: int = 0
    extra_members: int = 0  # members added by add_thread_activity, without user records
    flags: int = 0
    # forums and forum posts
    available_tags: list[ForumTag] = field(default_factory=list)
    applied_tags: list[int] = field(default_factory=list)

    @property
    def is_thread(self) -> bool:
        return self.type in THREAD_TYPES

    @property
    def is_forum(self) -> bool:
        return self.type == FORUM

    @property
    def member_count(self) -> int:
        return min(len(self.thread_members) + self.extra_members, THREAD_MEMBER_COUNT_CAP)

    def tag(self, tag_id: int) -> ForumTag | None:
        return next((t for t in self.available_tags if t.id == tag_id), None)

    def payload(self, state: State) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "last_message_id": str(self.last_message_id) if self.last_message_id else None,
            "flags": self.flags,
        }
        if self.type == DM:
            recipient = state.users.get(self.recipient_id or 0)
            data["recipients"] = [recipient.payload()] if recipient else []
            return data
        data.update(
            {
                "guild_id": str(self.guild_id),
                "name": self.name,
                "rate_limit_per_user": 0,
                "parent_id": str(self.parent_id) if self.parent_id else None,
            }
        )
        if self.is_thread:
            created = self.created_at or state.now()
            data.update(
                {
                    "owner_id": str(self.owner_id),
                    "message_count": self.message_count,
                    "member_count": self.member_count,
                    "total_message_sent": self.total_message_sent,
                    "thread_metadata": {
                        "archived": self.archived,
                        "auto_archive_duration": self.auto_archive_duration,
                        "archive_timestamp": iso(self.archive_timestamp or created),
                        "locked": self.locked,
                        "invitable": self.invitable,
                        "create_timestamp": iso(created),
                    },
                    "applied_tags": [str(t) for t in self.applied_tags],
                }
            )
            return data
        data.update(
            {
                "position": self.position,
                "permission_overwrites": [o.payload() for o in self.overwrites.values()],
                "topic": self.topic,
                "nsfw": False,
                "default_auto_archive_duration": self.default_auto_archive_duration,
                "default_thread_rate_limit_per_user": 0,
            }
        )
        if self.is_forum:
            data.update(
                {
                    "available_tags": [t.payload() for t in self.available_tags],
                    "default_reaction_emoji": None,
                    "default_sort_order": None,
                    "default_forum_layout": 0,
                }
            )
        return data


@dataclass
class MessageVersion:
    """What a message looked like before an edit."""

    content: str
    embeds: list[dict[str, Any]]
    components: list[dict[str, Any]]
    flags: int
    at: datetime


@dataclass
class Message:
    """A message as the fake stored it, with the raw fields the bot sent."""

    id: int
    channel_id: int
    guild_id: int | None
    author: User
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    allowed_mentions: dict[str, Any] | None = None
    attachments: list[dict[str, Any]] = field(default_factory=list)
    tts: bool = False
    nonce: str | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    edited_at: datetime | None = None
    history: list[MessageVersion] = field(default_factory=list)
    deleted: bool = False
    webhook_id: int | None = None
    application_id: int | None = None
    interaction: dict[str, Any] | None = None
    message_reference: dict[str, Any] | None = None
    thread_id: int | None = None
    pinned: bool = False
    reactions: dict[str, set[int]] = field(default_factory=dict)
    type: int = 0
    sent: dict[str, Any] = field(default_factory=dict)
    # Who the message actually notified, after allowed_mentions and permissions (mentions.py).
    pinged_users: list[int] = field(default_factory=list)
    pinged_roles: list[int] = field(default_factory=list)
    pinged_everyone: bool = False

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & 64)

    def custom_ids(self) -> list[str]:
        """Every custom_id in the message's components, nested ones included."""
        found: list[str] = []

        def walk(items: list[dict[str, Any]]) -> None:
            for item in items:
                if "custom_id" in item:
                    found.append(item["custom_id"])
                for key in ("components", "items"):
                    if isinstance(item.get(key), list):
                        walk(item[key])
                if isinstance(item.get("accessory"), dict):
                    walk([item["accessory"]])
                if isinstance(item.get("component"), dict):
                    walk([item["component"]])

        walk(self.components)
        return found

    def find_component(self, custom_id: str) -> dict[str, Any] | None:
        """The component dict carrying `custom_id`, if any."""
        result: dict[str, Any] | None = None

        def walk(items: list[dict[str, Any]]) -> None:
            nonlocal result
            for item in items:
                if item.get("custom_id") == custom_id:
                    result = item
                    return
                for key in ("components", "items"):
                    if isinstance(item.get(key), list):
                        walk(item[key])
                for key in ("accessory", "component"):
                    if isinstance(item.get(key), dict):
                        walk([item[key]])

        walk(self.components)
        return result

    def apply_edit(self, body: dict[str, Any], at: datetime) -> None:
        """Apply a PATCH body, keeping the previous version in `history`."""
        self.history.append(
            MessageVersion(
                content=self.content,
                embeds=copy.deepcopy(self.embeds),
                components=copy.deepcopy(self.components),
                flags=self.flags,
                at=at,
            )
        )
        if "content" in body:
            self.content = body["content"] or ""
        if "embeds" in body:
            self.embeds = body["embeds"] or []
        if "components" in body:
            self.components = body["components"] or []
        if "flags" in body and body["flags"] is not None:
            # Only SUPPRESS_EMBEDS (and components v2) can change on edit; keep ephemeral as it was.
            self.flags = (self.flags & 64) | (int(body["flags"]) & ~64)
        if "allowed_mentions" in body:
            self.allowed_mentions = body["allowed_mentions"]
        if "attachments" in body:
            self.attachments = [
                a
                for a in self.attachments
                if any(str(a["id"]) == str(b.get("id")) for b in body["attachments"])
            ]
        self.edited_at = at

    def payload(self, state: State) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "type": self.type,
            "author": self.author.payload(),
            "content": self.content,
            "timestamp": iso(self.created_at),
            "edited_timestamp": iso(self.edited_at) if self.edited_at else None,
            "tts": self.tts,
            "mention_everyone": self.pinged_everyone,
            "mentions": [state.users[u].payload() for u in self.pinged_users if u in state.users],
            "mention_roles": [str(r) for r in self.pinged_roles],
            "mention_channels": [],
            "attachments": self.attachments,
            "embeds": self.embeds,
            "components": self.components,
            "reactions": [
                {
                    "count": len(users),
                    "count_details": {"burst": 0, "normal": len(users)},
                    "me": state.bot_user_id in users,
                    "me_burst": False,
                    "burst_colors": [],
                    "emoji": {"id": None, "name": emoji},
                }
                for emoji, users in self.reactions.items()
                if users
            ],
            "pinned": self.pinned,
            "flags": self.flags,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if self.nonce is not None:
            data["nonce"] = self.nonce
        if self.webhook_id is not None:
            data["webhook_id"] = str(self.webhook_id)
        if self.application_id is not None:
            data["application_id"] = str(self.application_id)
        if self.interaction is not None:
            data["interaction_metadata"] = self.interaction
        if self.message_reference is not None:
            data["message_reference"] = self.message_reference
        if self.thread_id is not None:
            thread = state.channels.get(self.thread_id)
            if thread is not None and not thread.deleted:
                data["thread"] = thread.payload(state)
        return data


@dataclass
class ScheduledEvent:
    """A guild scheduled event (the fake models EXTERNAL ones: a location, a start and an end).

    `interested` is how many users marked themselves interested (`user_count` when asked with
    `with_user_count`); tests set it with `set_event_interest`.
    """

    id: int
    guild_id: int
    name: str
    start: datetime
    end: datetime | None
    entity_type: int = EVENT_EXTERNAL
    location: str | None = None
    description: str | None = None
    status: int = EVENT_SCHEDULED
    privacy_level: int = EVENT_GUILD_ONLY
    creator_id: int | None = None
    channel_id: int | None = None
    image: str | None = None
    interested: int = 0
    deleted: bool = False

    @property
    def ended(self) -> bool:
        return self.status in (EVENT_COMPLETED, EVENT_CANCELED)

    def payload(self, state: State, *, with_user_count: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "guild_id": str(self.guild_id),
            "channel_id": str(self.channel_id) if self.channel_id else None,
            "creator_id": str(self.creator_id) if self.creator_id else None,
            "name": self.name,
            "description": self.description,
            "scheduled_start_time": iso(self.start),
            "scheduled_end_time": iso(self.end) if self.end else None,
            "privacy_level": self.privacy_level,
            "status": self.status,
            "entity_type": self.entity_type,
            "entity_id": None,
            "entity_metadata": {"location": self.location} if self.location is not None else None,
            "image": self.image,
            "recurrence_rule": None,
            "guild_scheduled_event_exceptions": [],
        }
        creator = state.users.get(self.creator_id or 0)
        if creator is not None:
            data["creator"] = creator.payload()
        if with_user_count:
            data["user_count"] = self.interested
        return data


@dataclass
class Guild:
    """A guild; roles, channels and members are held in the State by id."""

    id: int
    name: str
    owner_id: int
    locale: str = "en-US"
    role_ids: list[int] = field(default_factory=list)
    channel_ids: list[int] = field(default_factory=list)
    member_ids: list[int] = field(default_factory=list)


class State:
    """Everything the fake knows about: users, guilds, roles, channels, members and messages."""

    def __init__(self, *, now: Callable[[], datetime], application_id: int, bot_user: User) -> None:
        self.now = now
        self.snowflake = SnowflakeFactory(lambda: self.now())
        self.application_id = application_id
        self.users: dict[int, User] = {bot_user.id: bot_user}
        self.bot_user_id = bot_user.id
        self.guilds: dict[int, Guild] = {}
        self.roles: dict[int, Role] = {}
        self.channels: dict[int, Channel] = {}
        self.members: dict[tuple[int, int], Member] = {}
        self.messages: dict[int, Message] = {}
        self.dm_channels: dict[int, int] = {}  # user id -> DM channel id
        self.scheduled_events: dict[int, ScheduledEvent] = {}

    @property
    def bot_user(self) -> User:
        return self.users[self.bot_user_id]

    # -- look-ups -------------------------------------------------------------------------------

    def channel(self, channel_id: int) -> Channel | None:
        """A live channel, or None if unknown or deleted."""
        channel = self.channels.get(channel_id)
        if channel is None or channel.deleted:
            return None
        return channel

    def member(self, guild_id: int, user_id: int) -> Member | None:
        return self.members.get((guild_id, user_id))

    def guild_members(self, guild_id: int) -> list[Member]:
        guild = self.guilds[guild_id]
        return [self.members[(guild_id, uid)] for uid in guild.member_ids]

    def everyone_role(self, guild_id: int) -> Role:
        return self.roles[guild_id]

    def guild_events(self, guild_id: int, *, include_ended: bool = False) -> list[ScheduledEvent]:
        """A guild's live scheduled events, oldest first (ended ones only when asked)."""
        return [
            e
            for e in self.scheduled_events.values()
            if e.guild_id == guild_id and not e.deleted and (include_ended or not e.ended)
        ]

    def channel_messages(self, channel_id: int, *, include_deleted: bool = False) -> list[Message]:
        """Messages in a channel, oldest first."""
        return [
            m
            for m in self.messages.values()
            if m.channel_id == channel_id and (include_deleted or not m.deleted)
        ]

    # -- permissions ----------------------------------------------------------------------------

    def base_permissions(self, guild_id: int, user_id: int) -> int:
        """Guild-wide permissions of a member: @everyone | their roles; owner/admin get all."""
        guild = self.guilds[guild_id]
        if user_id == guild.owner_id:
            return ALL_PERMISSIONS
        member = self.members.get((guild_id, user_id))
        perms = self.roles[guild_id].permissions
        if member is not None:
            for role_id in member.roles:
                role = self.roles.get(role_id)
                if role is not None:
                    perms |= role.permissions
        if perms & PERMISSIONS["administrator"]:
            return ALL_PERMISSIONS
        return perms

    def channel_permissions(self, channel_id: int, user_id: int) -> int:
        """A member's permissions in a channel (threads use their parent's overwrites)."""
        channel = self.channels[channel_id]
        if channel.type == DM:
            return (
                PERMISSIONS["view_channel"]
                | PERMISSIONS["send_messages"]
                | PERMISSIONS["read_message_history"]
                | PERMISSIONS["embed_links"]
                | PERMISSIONS["attach_files"]
                | PERMISSIONS["add_reactions"]
            )
        assert channel.guild_id is not None
        base = self.base_permissions(channel.guild_id, user_id)
        if base & PERMISSIONS["administrator"]:
            return ALL_PERMISSIONS
        source = channel
        if channel.is_thread and channel.parent_id is not None:
            source = self.channels[channel.parent_id]
        perms = base
        everyone = source.overwrites.get(channel.guild_id)
        if everyone is not None:
            perms = (perms & ~everyone.deny) | everyone.allow
        member = self.members.get((channel.guild_id, user_id))
        allow = deny = 0
        if member is not None:
            for role_id in member.roles:
                ow = source.overwrites.get(role_id)
                if ow is not None and ow.type == OVERWRITE_ROLE:
                    allow |= ow.allow
                    deny |= ow.deny
        perms = (perms & ~deny) | allow
        own = source.overwrites.get(user_id)
        if own is not None and own.type == OVERWRITE_MEMBER:
            perms = (perms & ~own.deny) | own.allow
        if not perms & PERMISSIONS["view_channel"]:
            return 0
        return perms

    # -- payloads -------------------------------------------------------------------------------

    def guild_payload(self, guild_id: int) -> dict[str, Any]:
        """The full GUILD_CREATE body (member_count matches the members sent, so no chunking)."""
        guild = self.guilds[guild_id]
        members = self.guild_members(guild_id)
        channels = [self.channels[c] for c in guild.channel_ids if not self.channels[c].deleted]
        text_channels = [c for c in channels if not c.is_thread]
        threads = [c for c in channels if c.is_thread and not c.archived]
        bot_member = self.members.get((guild_id, self.bot_user_id))
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(guild.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": guild.locale,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "roles": [self.roles[r].payload() for r in guild.role_ids],
            "emojis": [],
            "stickers": [],
            "channels": [c.payload(self) for c in text_channels],
            "threads": [t.payload(self) for t in threads],
            "members": [m.payload() for m in members],
            "member_count": len(members),
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [e.payload(self) for e in self.guild_events(guild_id)],
            "soundboard_sounds": [],
            "large": False,
            "lazy": True,
            "unavailable": False,
            "joined_at": iso(bot_member.joined_at if bot_member else self.now()),
        }

    def thread_member_payload(self, thread: Channel, user_id: int) -> dict[str, Any]:
        return {
            "id": str(thread.id),
            "user_id": str(user_id),
            "join_timestamp": iso(thread.created_at or self.now()),
            "flags": 0,
        }

    def channel_mention_payload(self, channel: Channel, user_id: int) -> dict[str, Any]:
        """A channel as it appears in an interaction's `resolved.channels`."""
        data = channel.payload(self)
        data["permissions"] = str(self.channel_permissions(channel.id, user_id))
        return data

    def ensure_dm(self, user_id: int) -> Channel:
        """The DM channel between the bot and a user, created on first use."""
        existing = self.dm_channels.get(user_id)
        if existing is not None:
            return self.channels[existing]
        channel = Channel(id=self.snowflake(), type=DM, recipient_id=user_id)
        self.channels[channel.id] = channel
        self.dm_channels[user_id] = channel.id
        return channel

    def archive_deadline(self, thread: Channel) -> datetime:
        """When a thread would auto-archive (for tests that reason about it)."""
        start = thread.archive_timestamp or thread.created_at or self.now()
        return start + timedelta(minutes=thread.auto_archive_duration)
