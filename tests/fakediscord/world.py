"""Building the Discord world a test needs: guilds, roles, members, channels and forums,
overwrites, user posts, thread activity."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import interactions as ix
from . import state as st
from .core import DEFAULT_BOT_PERMISSIONS, FakeCore
from .gateway import INTENT_GUILD_MEMBERS
from .permissions import DEFAULT_EVERYONE, PermissionSpec, names, to_bits


class WorldBuilding(FakeCore):
    """add_*/set_* builders; each change is dispatched to a connected bot like Discord does."""

    def add_user(self, user_id: int, name: str, *, bot: bool = False) -> st.User:
        user = self.state.users.get(user_id)
        if user is None:
            user = st.User(id=user_id, name=name, bot=bot)
            self.state.users[user_id] = user
        return user

    def add_guild(
        self,
        name: str = "Guild",
        *,
        guild_id: int | None = None,
        owner_id: int,
        owner_name: str = "owner",
        locale: str = "en-US",
        bot_permissions: PermissionSpec = DEFAULT_BOT_PERMISSIONS,
        everyone_permissions: PermissionSpec = DEFAULT_EVERYONE,
    ) -> st.Guild:
        """A guild with @everyone (id == guild id), its owner and the bot (with a managed role)."""
        gid = guild_id or self.state.snowflake()
        guild = st.Guild(id=gid, name=name, owner_id=owner_id, locale=locale)
        self.state.guilds[gid] = guild
        everyone = st.Role(
            id=gid, guild_id=gid, name="@everyone", permissions=to_bits(everyone_permissions)
        )
        self.state.roles[gid] = everyone
        guild.role_ids.append(gid)
        self.add_user(owner_id, owner_name)
        self._add_member_record(gid, owner_id, [])
        bot_role = self.add_role(
            gid, self.state.bot_user.name, permissions=bot_permissions, managed_for=self.bot_user_id
        )
        self._add_member_record(gid, self.bot_user_id, [bot_role.id])
        if self.defaults.guild_id is None:
            self.defaults.guild_id = gid
        self._dispatch_guild("GUILD_CREATE", self.state.guild_payload(gid))
        return guild

    def _add_member_record(self, guild_id: int, user_id: int, roles: list[int]) -> st.Member:
        member = st.Member(user=self.state.users[user_id], guild_id=guild_id, roles=roles)
        self.state.members[(guild_id, user_id)] = member
        guild = self.state.guilds[guild_id]
        if user_id not in guild.member_ids:
            guild.member_ids.append(user_id)
        return member

    def _guild_id(self, guild_id: int | None) -> int:
        gid = guild_id or self.defaults.guild_id
        if gid is None:
            raise ix.FakeDiscordUsageError("no guild: call add_guild first or pass guild_id")
        return gid

    def add_role(
        self,
        guild_id: int | None,
        name: str,
        *,
        permissions: PermissionSpec = None,
        role_id: int | None = None,
        managed_for: int | None = None,
        mentionable: bool = False,
    ) -> st.Role:
        """A role; `permissions` is an int bitfield or permission names.

        `mentionable` lets anyone ping it; otherwise only a sender with MENTION_EVERYONE can.
        """
        gid = self._guild_id(guild_id)
        guild = self.state.guilds[gid]
        role = st.Role(
            id=role_id or self.state.snowflake(),
            guild_id=gid,
            name=name,
            permissions=to_bits(permissions),
            position=len(guild.role_ids),
            managed=managed_for is not None,
            bot_id=managed_for,
            mentionable=mentionable,
        )
        self.state.roles[role.id] = role
        guild.role_ids.append(role.id)
        self._dispatch_guild("GUILD_ROLE_CREATE", {"guild_id": str(gid), "role": role.payload()})
        return role

    def set_role_permissions(self, role_id: int, permissions: PermissionSpec) -> None:
        """Change a role's permissions (dispatches GUILD_ROLE_UPDATE)."""
        role = self.state.roles[role_id]
        role.permissions = to_bits(permissions)
        self._dispatch_guild(
            "GUILD_ROLE_UPDATE", {"guild_id": str(role.guild_id), "role": role.payload()}
        )

    def delete_role(self, role_id: int) -> None:
        """Delete a role, as an admin would: members lose it, channel overwrites for it go, and
        GUILD_ROLE_DELETE is dispatched. Messages mentioning it later ping nobody for it."""
        role = self.state.roles.pop(role_id)
        guild = self.state.guilds[role.guild_id]
        guild.role_ids.remove(role_id)
        for uid in guild.member_ids:
            member = self.state.members.get((role.guild_id, uid))
            if member is not None and role_id in member.roles:
                member.roles.remove(role_id)
        for channel_id in guild.channel_ids:
            self.state.channels[channel_id].overwrites.pop(role_id, None)
        self._dispatch_guild(
            "GUILD_ROLE_DELETE", {"guild_id": str(role.guild_id), "role_id": str(role_id)}
        )

    def set_role_mentionable(self, role_id: int, mentionable: bool = True) -> None:
        """Make a role pingable by anyone, or not (dispatches GUILD_ROLE_UPDATE)."""
        role = self.state.roles[role_id]
        role.mentionable = mentionable
        self._dispatch_guild(
            "GUILD_ROLE_UPDATE", {"guild_id": str(role.guild_id), "role": role.payload()}
        )

    def set_bot_guild_permissions(
        self, permissions: PermissionSpec, *, guild_id: int | None = None
    ) -> None:
        """Replace the permissions of the bot's own (managed) role, as an admin editing it would.

        Guild-level permissions gate scheduled events (CREATE_EVENTS, MANAGE_EVENTS) and
        MENTION_EVERYONE; channel overwrites (`set_bot_permissions`) can still change them per
        channel.
        """
        gid = self._guild_id(guild_id)
        role = next(
            self.state.roles[r]
            for r in self.state.guilds[gid].role_ids
            if self.state.roles[r].bot_id == self.bot_user_id
        )
        self.set_role_permissions(role.id, permissions)

    def add_member(
        self,
        user_id: int,
        name: str,
        *,
        guild_id: int | None = None,
        roles: Iterable[int] = (),
        permissions: PermissionSpec = None,
        bot: bool = False,
    ) -> st.Member:
        """A guild member; `permissions` (if given) become a personal role, as an admin would do."""
        gid = self._guild_id(guild_id)
        self.add_user(user_id, name, bot=bot)
        role_ids = list(roles)
        for rid in role_ids:
            if rid not in self.state.roles:
                raise ix.FakeDiscordUsageError(f"unknown role {rid}")
        if permissions is not None:
            role_ids.append(self.add_role(gid, f"{name} permissions", permissions=permissions).id)
        member = self._add_member_record(gid, user_id, role_ids)
        data = member.payload()
        data["guild_id"] = str(gid)
        self._dispatch_guild("GUILD_MEMBER_ADD", data, intent=INTENT_GUILD_MEMBERS)
        return member

    def add_channel(
        self,
        guild_id: int | None,
        name: str,
        *,
        channel_id: int | None = None,
        type: int = st.TEXT,
        topic: str | None = None,
        default_auto_archive_duration: int = 1440,
        available_tags: Iterable[str | dict[str, Any]] = (),
        require_tag: bool = False,
    ) -> st.Channel:
        """A text channel, or with `type=st.FORUM` a forum (dispatches CHANNEL_CREATE).

        A forum's `available_tags` are names or dicts (`name`, `moderated`, `emoji_name`,
        `emoji_id`, `id`); each gets an id unless given. `require_tag` sets REQUIRE_TAG.
        """
        gid = self._guild_id(guild_id)
        guild = self.state.guilds[gid]
        channel = st.Channel(
            id=channel_id or self.state.snowflake(),
            type=type,
            name=name,
            guild_id=gid,
            position=len([c for c in guild.channel_ids if not self.state.channels[c].is_thread]),
            topic=topic,
            default_auto_archive_duration=default_auto_archive_duration,
            available_tags=[self._forum_tag(t) for t in available_tags],
            flags=st.FLAG_REQUIRE_TAG if require_tag else 0,
        )
        self.state.channels[channel.id] = channel
        guild.channel_ids.append(channel.id)
        if self.defaults.channel_id is None and type == st.TEXT:
            self.defaults.channel_id = channel.id
        self._dispatch_guild("CHANNEL_CREATE", channel.payload(self.state))
        return channel

    def add_forum(
        self,
        guild_id: int | None,
        name: str,
        *,
        channel_id: int | None = None,
        tags: Iterable[str | dict[str, Any]] = (),
        require_tag: bool = False,
        topic: str | None = None,
    ) -> st.Channel:
        """A forum channel (type 15) offering `tags`; see `add_channel`."""
        return self.add_channel(
            guild_id,
            name,
            channel_id=channel_id,
            type=st.FORUM,
            topic=topic,
            available_tags=tags,
            require_tag=require_tag,
        )

    def _forum_tag(self, spec: str | dict[str, Any]) -> st.ForumTag:
        if isinstance(spec, str):
            spec = {"name": spec}
        return st.ForumTag(
            id=int(spec.get("id") or self.state.snowflake()),
            name=spec["name"],
            moderated=bool(spec.get("moderated")),
            emoji_id=spec.get("emoji_id"),
            emoji_name=spec.get("emoji_name"),
        )

    def forum_tag_id(self, forum_id: int, name: str) -> int:
        """The id of a forum's tag, by name (tests write names, requests carry ids)."""
        tag = next(
            (t for t in self.state.channels[forum_id].available_tags if t.name == name), None
        )
        if tag is None:
            raise ix.FakeDiscordUsageError(f"forum {forum_id} has no tag {name!r}")
        return tag.id

    def add_thread_activity(
        self, thread_id: int, *, messages: int = 0, members: int = 0
    ) -> st.Channel:
        """Members chatted in a thread: `messages` more messages, `members` more members.

        Only the counters move (`message_count`, `total_message_sent`, `member_count`, capped at
        50 like Discord's); no message bodies or users are made and nothing is dispatched, as
        a test of "a busy thread" needs the numbers Discord reports, not the chatter.
        """
        thread = self.state.channels[thread_id]
        if not thread.is_thread:
            raise ix.FakeDiscordUsageError(f"channel {thread_id} is not a thread")
        thread.message_count += messages
        thread.total_message_sent += messages
        thread.extra_members += members
        return thread

    def archive_thread(self, thread_id: int) -> st.Channel:
        """Discord archived a thread (or forum post) after its inactivity window, while the bot
        was away: only its state changes (nothing is dispatched), so a restarted bot finds it in
        neither its cache nor the guild's active threads, only in the archived listing."""
        thread = self.state.channels[thread_id]
        if not thread.is_thread:
            raise ix.FakeDiscordUsageError(f"channel {thread_id} is not a thread")
        thread.archived = True
        thread.archive_timestamp = self.state.now()
        return thread

    def set_overwrite(
        self,
        channel_id: int,
        target_id: int,
        *,
        allow: PermissionSpec = None,
        deny: PermissionSpec = None,
    ) -> None:
        """Set a role or member overwrite on a channel (replaces any previous one for the target)."""
        channel = self.state.channels[channel_id]
        kind = st.OVERWRITE_ROLE if target_id in self.state.roles else st.OVERWRITE_MEMBER
        channel.overwrites[target_id] = st.Overwrite(
            id=target_id, type=kind, allow=to_bits(allow), deny=to_bits(deny)
        )
        self._dispatch_guild("CHANNEL_UPDATE", channel.payload(self.state))

    def set_bot_permissions(
        self, channel_id: int, *, allow: PermissionSpec = None, deny: PermissionSpec = None
    ) -> None:
        """Give or take the bot's permissions in one channel via a member overwrite."""
        self.set_overwrite(channel_id, self.bot_user_id, allow=allow, deny=deny)

    def bot_permissions_in(self, channel_id: int) -> list[str]:
        """Names of the permissions the bot has in a channel (what app_permissions will say)."""
        return names(self.state.channel_permissions(channel_id, self.bot_user_id))

    def delete_channel(self, channel_id: int, *, notify: bool = True) -> None:
        """Delete a channel or thread; later requests to it get 404 Unknown Channel (10003).

        With `notify=False` the bot is not told (as if the event was missed), so its cache is stale.
        """
        channel = self.state.channels[channel_id]
        channel.deleted = True
        if notify:
            event = "THREAD_DELETE" if channel.is_thread else "CHANNEL_DELETE"
            self._dispatch_guild(event, channel.payload(self.state))

    def close_dms(self, user_id: int) -> None:
        """Make DMs to this user fail with 403 code 50007, as with a user who blocks server DMs."""
        self.state.users[user_id].dms_open = False

    def post_message(
        self,
        channel_id: int,
        content: str,
        *,
        author: int | None = None,
        embeds: list[dict[str, Any]] | None = None,
    ) -> st.Message:
        """A user posts a message (dispatches MESSAGE_CREATE, subject to intents)."""
        channel = self._live_channel_or_raise(channel_id)
        uid = author or self.defaults.user_id
        if uid is None:
            raise ix.FakeDiscordUsageError("post_message needs an author")
        msg = self._store_message(
            channel, self.state.users[uid], {"content": content, "embeds": embeds or []}, echo=True
        )
        return msg

    def _live_channel_or_raise(self, channel_id: int) -> st.Channel:
        channel = self.state.channel(channel_id)
        if channel is None:
            raise ix.FakeDiscordUsageError(f"no live channel {channel_id}")
        return channel
