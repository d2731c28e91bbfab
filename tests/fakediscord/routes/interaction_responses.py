"""REST routes answering interactions: the callback, follow-ups, and the original response."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from typing import Any

from aiohttp import web

from .. import interactions as ix
from .. import limits
from .. import state as st
from ..core import RequestRecord
from .common import HTTPAnswer, Route, RouteHelpers, empty_response, error_response, json_response


def focused_type(data: Mapping[str, Any]) -> int | None:
    """The type of the option an autocomplete interaction is focused on (None if not found)."""
    for option in data.get("options") or []:
        if option.get("focused"):
            return option.get("type")
        found = focused_type(option)
        if found is not None:
            return found
    return None


class InteractionResponseRoutes(RouteHelpers):
    """/interactions/{id}/{token}/callback and /webhooks/{app}/{token}/...; enforces the protocol."""

    def _interaction_response_routes(self) -> Iterator[Route]:
        auth = False  # the token in the path is the credential
        yield Route(
            "POST", "/interactions/{interaction_id}/{token}/callback", self._h_callback, auth
        )
        yield Route("POST", "/webhooks/{app_id}/{token}", self._h_followup, auth)
        for method in ("GET", "PATCH", "DELETE"):
            yield Route(
                method,
                "/webhooks/{app_id}/{token}/messages/{message_id}",
                self._h_webhook_message,
                auth,
            )

    def _record_for(self, interaction_id: str, token: str) -> ix.InteractionRecord | None:
        record = self._records.get(int(interaction_id)) if interaction_id.isdigit() else None
        if record is None or record.token != token:
            return None
        return record

    async def _h_callback(
        self, record: RequestRecord, files: list[dict[str, Any]], interaction_id: str, token: str
    ) -> web.Response:
        rec = self._record_for(interaction_id, token)
        if rec is None:
            return error_response(404, 10062, "Unknown interaction")
        body = record.json or {}
        ctype = body.get("type")
        data = body.get("data")
        elapsed = asyncio.get_running_loop().time() - rec.dispatched_at
        refused = self._protocol_refusal(record, rec, ctype, data, elapsed)
        if refused is None:
            refused = self._limits_refusal(record, rec, ctype, data, elapsed)
        if refused is not None:
            return refused
        msg = self._apply_callback(rec, ctype, data, files)
        if msg is not None:
            rec.original_message_id = msg.id
        rec.response = ix.CallbackRecord(ctype, data, elapsed, 200)
        if "with_response" not in record.query:
            return empty_response()
        return json_response(200, self._callback_body(rec, ctype, msg))

    def _protocol_refusal(
        self,
        record: RequestRecord,
        rec: ix.InteractionRecord,
        ctype: Any,
        data: Any,
        elapsed: float,
    ) -> web.Response | None:
        """Refuse a callback that breaks the interaction protocol, as Discord does."""
        refusal: tuple[int, int, str] | None = None
        if rec.response is not None:
            refusal = (400, 40060, "Interaction has already been acknowledged.")
        elif elapsed > self.interaction_deadline:
            refusal = (
                404,
                10062,
                f"Unknown interaction (first response after {elapsed:.2f}s > {self.interaction_deadline}s)",
            )
        elif ctype not in ix.ALLOWED_CALLBACKS.get(rec.type, frozenset()):
            refusal = (
                400,
                50035,
                f"Interaction response type {ctype} is invalid for interaction type {rec.type}",
            )
        elif (
            ctype in (ix.DEFERRED_UPDATE_MESSAGE, ix.UPDATE_MESSAGE)
            and rec.source_message_id is None
        ):
            refusal = (400, 50035, "Cannot update a message: this interaction has no message")
        if refusal is None:
            return None
        status, code, message = refusal
        rec.rejected.append(ix.CallbackRecord(ctype, data, elapsed, status, message))
        rec.refusals.append(f"callback type {ctype} refused: {message}")
        self._violation(record.method, record.path, [("type", str(code), message)], "protocol")
        return error_response(status, code, message)

    def _limits_refusal(
        self,
        record: RequestRecord,
        rec: ix.InteractionRecord,
        ctype: Any,
        data: Any,
        elapsed: float,
    ) -> web.Response | None:
        """Refuse a callback whose message, choices or modal break Discord's limits."""
        problems: list[limits.Problem] = []
        if ctype == ix.CHANNEL_MESSAGE:
            limits.check_message(data or {}, problems)
        elif ctype == ix.UPDATE_MESSAGE:
            limits.check_message(data or {}, problems, edit=True)
        elif ctype == ix.AUTOCOMPLETE_RESULT:
            limits.check_choices(data, problems, focused_type(rec.payload.get("data") or {}))
        elif ctype == ix.MODAL:
            limits.check_modal(data, problems)
        if not problems:
            return None
        problems = [(p if p.startswith("data") else f"data.{p}", c, m) for p, c, m in problems]
        detail = "; ".join(f"{p}: {m}" for p, _, m in problems)
        rec.rejected.append(ix.CallbackRecord(ctype, data, elapsed, 400, detail))
        rec.refusals.append(f"callback type {ctype} refused: {detail}")
        return self._invalid(record, problems)

    def _apply_callback(
        self,
        rec: ix.InteractionRecord,
        ctype: Any,
        data: Any,
        files: list[dict[str, Any]],
    ) -> st.Message | None:
        """Store the reply (or the loading message), or update the clicked message."""
        channel = self.state.channels[rec.channel_id]
        metadata = {
            "id": str(rec.id),
            "type": rec.type,
            "user": self.state.users[rec.user_id].payload(),
            "authorizing_integration_owners": rec.payload.get("authorizing_integration_owners", {}),
        }
        msg_type = 20 if rec.type == ix.APPLICATION_COMMAND else 0
        if ctype == ix.CHANNEL_MESSAGE:
            return self._store_message(
                channel,
                self.state.bot_user,
                data or {},
                files=files,
                interaction=metadata,
                webhook=True,
                msg_type=msg_type,
            )
        if ctype == ix.DEFERRED_CHANNEL_MESSAGE:
            flags = (int((data or {}).get("flags") or 0) & limits.FLAG_EPHEMERAL) | ix.FLAG_LOADING
            return self._store_message(
                channel,
                self.state.bot_user,
                {},
                interaction=metadata,
                webhook=True,
                msg_type=msg_type,
                flags=flags,
            )
        if ctype in (ix.DEFERRED_UPDATE_MESSAGE, ix.UPDATE_MESSAGE):
            assert rec.source_message_id is not None
            msg = self.state.messages[rec.source_message_id]
            if ctype == ix.UPDATE_MESSAGE:
                msg.apply_edit(data or {}, self.state.now())
            return msg
        return None

    def _callback_body(
        self, rec: ix.InteractionRecord, ctype: Any, msg: st.Message | None
    ) -> dict[str, Any]:
        """The `?with_response=1` answer: the interaction and the message it produced."""
        answer: dict[str, Any] = {
            "interaction": {
                "id": str(rec.id),
                "type": rec.type,
                "activity_instance_id": None,
                "response_message_id": str(msg.id) if msg is not None else None,
                "response_message_loading": ctype == ix.DEFERRED_CHANNEL_MESSAGE,
                "response_message_ephemeral": bool(msg is not None and msg.ephemeral),
            }
        }
        if msg is not None and ctype in (
            ix.CHANNEL_MESSAGE,
            ix.DEFERRED_CHANNEL_MESSAGE,
            ix.UPDATE_MESSAGE,
        ):
            answer["resource"] = {"type": ctype, "message": msg.payload(self.state)}
        return answer

    def _webhook_record(self, app_id: str, token: str) -> ix.InteractionRecord:
        rec = self._records_by_token.get(token)
        if rec is None or str(self.application_id) != app_id:
            raise HTTPAnswer(error_response(404, 10015, "Unknown Webhook"))
        return rec

    async def _h_followup(
        self, record: RequestRecord, files: list[dict[str, Any]], app_id: str, token: str
    ) -> web.Response:
        rec = self._webhook_record(app_id, token)
        if rec.response is None:
            self._violation(
                record.method,
                record.path,
                [("", "10015", "follow-up sent before the initial response")],
                "protocol",
            )
            return error_response(404, 10015, "Unknown Webhook")
        body = record.json or {}
        problems: list[limits.Problem] = []
        limits.check_message(body, problems)
        if problems:
            rec.refusals.append(
                "follow-up refused: " + "; ".join(f"{p}: {m}" for p, _, m in problems)
            )
            return self._invalid(record, problems)
        channel = self.state.channels[rec.channel_id]
        original = rec.message
        if original is not None and original.flags & ix.FLAG_LOADING and not original.deleted:
            # Discord turns the first follow-up after a "thinking" defer into the deferred message.
            original.apply_edit({k: v for k, v in body.items() if k != "flags"}, self.state.now())
            original.flags &= ~ix.FLAG_LOADING
            original.history.clear()
            original.edited_at = None
            msg = original
        else:
            metadata = {
                "id": str(rec.id),
                "type": rec.type,
                "user": self.state.users[rec.user_id].payload(),
            }
            msg = self._store_message(
                channel, self.state.bot_user, body, files=files, interaction=metadata, webhook=True
            )
        rec.followups.append(msg)
        if record.query.get("wait") in ("1", "true", "True"):
            return json_response(200, msg.payload(self.state))
        return empty_response()

    def _webhook_message(self, rec: ix.InteractionRecord, message_id: str) -> st.Message:
        if message_id == "@original":
            msg = rec.message
        else:
            msg = self.state.messages.get(int(message_id)) if message_id.isdigit() else None
            if msg is not None and msg not in rec.followups and msg.id != rec.original_message_id:
                msg = None
        if msg is None or msg.deleted:
            raise HTTPAnswer(error_response(404, 10008, "Unknown Message"))
        return msg

    async def _h_webhook_message(
        self,
        record: RequestRecord,
        files: list[dict[str, Any]],
        app_id: str,
        token: str,
        message_id: str,
    ) -> web.Response:
        rec = self._webhook_record(app_id, token)
        msg = self._webhook_message(rec, message_id)
        if record.method == "GET":
            return json_response(200, msg.payload(self.state))
        if record.method == "DELETE":
            msg.deleted = True
            thread = self.state.channels.get(msg.channel_id)
            if thread is not None and thread.is_thread:
                thread.message_count = max(thread.message_count - 1, 0)
            if message_id == "@original" or msg.id == rec.original_message_id:
                rec.original_deleted = True
            return empty_response()
        body = record.json or {}
        problems: list[limits.Problem] = []
        limits.check_message(body, problems, edit=True)
        if problems:
            rec.refusals.append("edit refused: " + "; ".join(f"{p}: {m}" for p, _, m in problems))
            return self._invalid(record, problems)
        msg.apply_edit(body, self.state.now())
        msg.flags &= ~ix.FLAG_LOADING
        if message_id == "@original" or msg.id == rec.original_message_id:
            rec.edits.append(body)
        return json_response(200, msg.payload(self.state))
