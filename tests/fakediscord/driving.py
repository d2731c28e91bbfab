"""Driving the bot like a member: slash commands and autocomplete, built from the synced schema."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from . import interactions as ix
from . import state as st
from .core import FakeCore
from .options import (
    convert_options,
    find_command,
    member_lacks_default_permissions,
    wrap_subcommands,
)
from .permissions import PermissionSpec, to_bits


class Driving(FakeCore):
    """Who/where an interaction comes from, its payload, and sending it over the gateway."""

    def _resolve_context(
        self, guild: int | None, channel: int | None, user: int | None, dm: bool
    ) -> tuple[int | None, st.Channel, int]:
        uid = user or self.defaults.user_id
        if uid is None or uid not in self.state.users:
            raise ix.FakeDiscordUsageError(
                f"unknown user {uid}; add_member/add_user first or set fake.defaults.user_id"
            )
        if dm:
            return None, self.state.ensure_dm(uid), uid
        gid = self._guild_id(guild)
        cid = channel or self.defaults.channel_id
        if cid is None:
            raise ix.FakeDiscordUsageError(
                "no channel: pass channel= or set fake.defaults.channel_id"
            )
        chan = self.state.channel(cid)
        if chan is None:
            raise ix.FakeDiscordUsageError(f"channel {cid} does not exist (or was deleted)")
        if chan.guild_id != gid:
            raise ix.FakeDiscordUsageError(f"channel {cid} is not in guild {gid}")
        if self.state.member(gid, uid) is None:
            raise ix.FakeDiscordUsageError(f"user {uid} is not a member of guild {gid}")
        return gid, chan, uid

    def _interaction_payload(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        guild_id: int | None,
        channel: st.Channel,
        user_id: int,
        locale: str,
        permissions: PermissionSpec,
        message: st.Message | None = None,
    ) -> tuple[int, str, dict[str, Any]]:
        iid = self.state.snowflake()
        token = f"fake-interaction-token-{iid}"
        state = self.state
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.application_id),
            "type": kind,
            "data": data,
            "token": token,
            "version": 1,
            "locale": locale,
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
            "app_permissions": str(state.channel_permissions(channel.id, self.bot_user_id)),
            "channel_id": str(channel.id),
        }
        if guild_id is not None:
            member = state.member(guild_id, user_id)
            assert member is not None
            perms = (
                state.channel_permissions(channel.id, user_id)
                if permissions is None
                else to_bits(permissions)
            )
            member_data = member.payload()
            member_data["permissions"] = str(perms)
            chan = channel.payload(state)
            chan["permissions"] = str(perms)
            payload.update(
                guild_id=str(guild_id),
                guild={"id": str(guild_id), "locale": locale, "features": []},
                guild_locale=locale,
                member=member_data,
                channel=chan,
                context=0,
                authorizing_integration_owners={"0": str(guild_id)},
            )
        else:
            chan = channel.payload(state)
            chan["permissions"] = str(state.channel_permissions(channel.id, user_id))
            payload.update(
                user=state.users[user_id].payload(),
                channel=chan,
                context=1,
                authorizing_integration_owners={"0": "0"},
            )
        if message is not None:
            payload["message"] = message.payload(state)
        return iid, token, payload

    def _send_interaction(
        self,
        kind: int,
        name: str,
        data: dict[str, Any],
        *,
        guild_id: int | None,
        channel: st.Channel,
        user_id: int,
        locale: str,
        permissions: PermissionSpec,
        message: st.Message | None = None,
    ) -> ix.InteractionRecord:
        if not self.connected:
            raise ix.FakeDiscordUsageError("the bot is not connected to the fake gateway")
        iid, token, payload = self._interaction_payload(
            kind,
            data,
            guild_id=guild_id,
            channel=channel,
            user_id=user_id,
            locale=locale,
            permissions=permissions,
            message=message,
        )
        record = ix.InteractionRecord(
            fake=self,
            id=iid,
            token=token,
            type=kind,
            name=name,
            payload=payload,
            user_id=user_id,
            channel_id=channel.id,
            guild_id=guild_id,
            dispatched_at=asyncio.get_running_loop().time(),
            source_message_id=message.id if message is not None else None,
        )
        self.interactions.append(record)
        self._records[iid] = record
        self._records_by_token[token] = record
        self._dispatch("INTERACTION_CREATE", payload)
        return record

    def _command_schema(
        self, path: str, guild_id: int | None
    ) -> tuple[dict[str, Any], list[str], list[dict[str, Any]], bool]:
        """Find a command among those synced where the user is; returns (top, chain, leaf, is_guild)."""
        candidates: list[tuple[list[dict[str, Any]], bool]] = []
        if guild_id is not None and guild_id in self.guild_commands:
            candidates.append((self.guild_commands[guild_id], True))
        if self.global_commands is not None:
            candidates.append((self.global_commands, False))
        if not candidates:
            where = f"guild {guild_id}" if guild_id else "DMs (global commands only)"
            raise ix.FakeDiscordUsageError(
                f"no commands were synced for {where}; did the bot sync?"
            )
        last_error: ix.FakeDiscordUsageError | None = None
        for commands, is_guild in candidates:
            try:
                top, chain, leaf = find_command(commands, path)
            except ix.FakeDiscordUsageError as exc:
                last_error = exc
                continue
            return top, chain, leaf, is_guild
        assert last_error is not None
        raise last_error

    def _command_data(
        self,
        path: str,
        options: Mapping[str, Any] | None,
        *,
        guild_id: int | None,
        channel: st.Channel,
        user_id: int,
        focused: str | None,
        permissions: PermissionSpec,
        ignore_default_permissions: bool,
    ) -> dict[str, Any]:
        top, chain, leaf, is_guild = self._command_schema(path, guild_id)
        if guild_id is None:
            contexts = top.get("contexts")
            if (contexts is not None and 1 not in contexts) or top.get("dm_permission") is False:
                raise ix.FakeDiscordUsageError(
                    f"/{path} is not available in DMs (contexts={contexts})"
                )
        elif not ignore_default_permissions:
            perms = (
                self.state.channel_permissions(channel.id, user_id)
                if permissions is None
                else to_bits(permissions)
            )
            if user_id != self.state.guilds[guild_id].owner_id and member_lacks_default_permissions(
                top.get("default_member_permissions"), perms
            ):
                raise ix.FakeDiscordUsageError(
                    f"/{path} is hidden from user {user_id}: default_member_permissions="
                    f"{top.get('default_member_permissions')} (pass ignore_default_permissions=True to "
                    "simulate an admin overriding it)"
                )
        converted, resolved = convert_options(
            self.state,
            leaf,
            options or {},
            guild_id=guild_id,
            user_id=user_id,
            focused=focused,
            command=path,
        )
        data: dict[str, Any] = {
            "id": top["id"],
            "name": top["name"],
            "type": 1,
            "options": wrap_subcommands(chain, converted, top),
        }
        if resolved:
            data["resolved"] = resolved
        if is_guild:
            data["guild_id"] = str(guild_id)
        return data

    async def slash(
        self,
        command_path: str,
        options: Mapping[str, Any] | None = None,
        *,
        user: int | None = None,
        guild: int | None = None,
        channel: int | None = None,
        locale: str = "en-US",
        permissions: PermissionSpec = None,
        dm: bool = False,
        ignore_default_permissions: bool = False,
    ) -> ix.InteractionRecord:
        """Invoke a slash command ("name", "group sub") with options, as a user would.

        Options are checked against the synced schema and converted (ints, bools, channels,
        users and roles with `resolved` data). `permissions` overrides the member's permissions
        in the payload. Returns at once; `await record.wait_response()` for the answer.
        """
        gid, chan, uid = self._resolve_context(guild, channel, user, dm)
        data = self._command_data(
            command_path,
            options,
            guild_id=gid,
            channel=chan,
            user_id=uid,
            focused=None,
            permissions=permissions,
            ignore_default_permissions=ignore_default_permissions,
        )
        return self._send_interaction(
            ix.APPLICATION_COMMAND,
            command_path,
            data,
            guild_id=gid,
            channel=chan,
            user_id=uid,
            locale=locale,
            permissions=permissions,
        )

    async def autocomplete(
        self,
        command_path: str,
        options: Mapping[str, Any] | None = None,
        *,
        focused: str,
        user: int | None = None,
        guild: int | None = None,
        channel: int | None = None,
        locale: str = "en-US",
        permissions: PermissionSpec = None,
        dm: bool = False,
    ) -> ix.InteractionRecord:
        """Send an autocomplete interaction with `focused` holding what the user typed so far."""
        gid, chan, uid = self._resolve_context(guild, channel, user, dm)
        data = self._command_data(
            command_path,
            options,
            guild_id=gid,
            channel=chan,
            user_id=uid,
            focused=focused,
            permissions=permissions,
            ignore_default_permissions=True,
        )
        return self._send_interaction(
            ix.AUTOCOMPLETE,
            command_path,
            data,
            guild_id=gid,
            channel=chan,
            user_id=uid,
            locale=locale,
            permissions=permissions,
        )
