"""Driving message components like a member: clicking buttons, choosing in selects, submitting modals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import interactions as ix
from . import limits
from . import state as st
from .core import FakeCore
from .options import snowflake_of
from .permissions import PermissionSpec


class Components(FakeCore):
    """click/select/submit_modal on a stored message or an interaction's answer."""

    def _message_arg(self, message: st.Message | int | ix.InteractionRecord) -> st.Message:
        if isinstance(message, ix.InteractionRecord):
            msg = message.message
            if msg is None:
                raise ix.FakeDiscordUsageError(
                    f"interaction {message.name!r} has no message to click on"
                )
            return msg
        if isinstance(message, st.Message):
            return message
        msg = self.state.messages.get(int(message))
        if msg is None:
            raise ix.FakeDiscordUsageError(f"unknown message {message}")
        return msg

    def _component_context(
        self, message: st.Message, user: int | None
    ) -> tuple[int | None, st.Channel, int]:
        if message.deleted:
            raise ix.FakeDiscordUsageError(f"message {message.id} was deleted; nothing to click")
        chan = self.state.channel(message.channel_id)
        if chan is None:
            raise ix.FakeDiscordUsageError(f"the channel of message {message.id} was deleted")
        return self._resolve_context(
            chan.guild_id, chan.id if chan.guild_id else None, user, chan.guild_id is None
        )

    async def click(
        self,
        message: st.Message | int | ix.InteractionRecord,
        custom_id: str,
        *,
        user: int | None = None,
        locale: str = "en-US",
        permissions: PermissionSpec = None,
    ) -> ix.InteractionRecord:
        """Click a button (component type 2) on a stored message (or an interaction's answer)."""
        msg = self._message_arg(message)
        component = msg.find_component(custom_id)
        if component is None or component.get("type") != 2:
            raise ix.FakeDiscordUsageError(
                f"no button {custom_id!r} on message {msg.id}; custom_ids: {msg.custom_ids()}"
            )
        if component.get("disabled"):
            raise ix.FakeDiscordUsageError(
                f"button {custom_id!r} is disabled; a user cannot click it"
            )
        gid, chan, uid = self._component_context(msg, user)
        data = {"custom_id": custom_id, "component_type": 2}
        return self._send_interaction(
            ix.MESSAGE_COMPONENT,
            f"click:{custom_id}",
            data,
            guild_id=gid,
            channel=chan,
            user_id=uid,
            locale=locale,
            permissions=permissions,
            message=msg,
        )

    async def select(
        self,
        message: st.Message | int | ix.InteractionRecord,
        custom_id: str,
        values: list[Any],
        *,
        user: int | None = None,
        locale: str = "en-US",
        permissions: PermissionSpec = None,
    ) -> ix.InteractionRecord:
        """Choose `values` in a select menu (string selects check the offered options)."""
        msg = self._message_arg(message)
        component = msg.find_component(custom_id)
        if component is None or component.get("type") not in limits.SELECT_TYPES:
            raise ix.FakeDiscordUsageError(
                f"no select {custom_id!r} on message {msg.id}; custom_ids: {msg.custom_ids()}"
            )
        if component.get("disabled"):
            raise ix.FakeDiscordUsageError(f"select {custom_id!r} is disabled")
        low, high = component.get("min_values", 1), component.get("max_values", 1)
        if not low <= len(values) <= high:
            raise ix.FakeDiscordUsageError(
                f"select {custom_id!r} takes {low}-{high} values, got {len(values)}"
            )
        gid, chan, uid = self._component_context(msg, user)
        kind = component["type"]
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": kind}
        if kind == 3:
            offered = [o["value"] for o in component.get("options") or []]
            for value in values:
                if value not in offered:
                    raise ix.FakeDiscordUsageError(
                        f"select {custom_id!r} offers {offered}, not {value!r}"
                    )
            data["values"] = list(values)
        else:
            data["values"] = [str(snowflake_of(v)) for v in values]
            data["resolved"] = self._resolve_selected(data["values"], gid, uid)
        return self._send_interaction(
            ix.MESSAGE_COMPONENT,
            f"select:{custom_id}",
            data,
            guild_id=gid,
            channel=chan,
            user_id=uid,
            locale=locale,
            permissions=permissions,
            message=msg,
        )

    def _resolve_selected(
        self, ids: list[str], guild_id: int | None, user_id: int
    ) -> dict[str, dict[str, Any]]:
        """The `resolved` data of a user, role, mentionable or channel select."""
        state = self.state
        resolved: dict[str, dict[str, Any]] = {}
        for sid in ids:
            oid = int(sid)
            if oid in state.users:
                resolved.setdefault("users", {})[sid] = state.users[oid].payload()
                member = state.member(guild_id, oid) if guild_id else None
                if member is not None:
                    mdata = member.payload()
                    mdata.pop("user")
                    resolved.setdefault("members", {})[sid] = mdata
            elif oid in state.roles:
                resolved.setdefault("roles", {})[sid] = state.roles[oid].payload()
            elif state.channel(oid) is not None:
                resolved.setdefault("channels", {})[sid] = state.channel_mention_payload(
                    state.channels[oid], user_id
                )
            else:
                raise ix.FakeDiscordUsageError(
                    f"select value {sid} is no known user, role or channel"
                )
        return resolved

    async def submit_modal(
        self,
        record: ix.InteractionRecord,
        values: Mapping[str, str | list[str]],
        *,
        user: int | None = None,
        locale: str = "en-US",
    ) -> ix.InteractionRecord:
        """Submit the modal the bot opened in `record`, with text input values by custom_id."""
        modal = record.modal
        chan = self.state.channel(record.channel_id)
        if chan is None:
            raise ix.FakeDiscordUsageError("the modal's channel was deleted")
        uid = user or record.user_id
        components: list[dict[str, Any]] = []
        known: list[str] = []
        for comp in modal.get("components") or []:
            if comp.get("type") == 18 and isinstance(comp.get("component"), dict):
                inner = comp["component"]
                known.append(inner.get("custom_id", ""))
                components.append({"type": 18, "component": self._modal_value(inner, values)})
            elif comp.get("type") == 1:
                row = []
                for inner in comp.get("components") or []:
                    known.append(inner.get("custom_id", ""))
                    row.append(self._modal_value(inner, values))
                components.append({"type": 1, "components": row})
        unknown = set(values) - set(known)
        if unknown:
            raise ix.FakeDiscordUsageError(
                f"modal has no inputs {sorted(unknown)}; inputs: {known}"
            )
        data = {"custom_id": modal["custom_id"], "components": components}
        message = (
            self.state.messages.get(record.source_message_id) if record.source_message_id else None
        )
        return self._send_interaction(
            ix.MODAL_SUBMIT,
            f"modal:{modal['custom_id']}",
            data,
            guild_id=record.guild_id,
            channel=chan,
            user_id=uid,
            locale=locale,
            permissions=None,
            message=message,
        )

    @staticmethod
    def _modal_value(
        component: dict[str, Any], values: Mapping[str, str | list[str]]
    ) -> dict[str, Any]:
        cid = component.get("custom_id", "")
        if component.get("type") == 4:
            value = values.get(cid, component.get("value") or "")
            if component.get("required", True) and not value:
                raise ix.FakeDiscordUsageError(f"modal input {cid!r} is required")
            return {"type": 4, "custom_id": cid, "value": value}
        chosen = values.get(cid, [])
        return {"type": component.get("type"), "custom_id": cid, "values": list(chosen)}
