"""The REST dispatcher: request log, schema/limits checks, injected faults, then the route table."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

from aiohttp import web

from . import interactions as ix
from . import limits, schema
from .core import Handler, RequestRecord
from .routes.common import HTTPAnswer, RouteHelpers, error_response

RouteEntry = tuple[str, re.Pattern[str], Handler, bool]


class Rest(RouteHelpers):
    """Reads each request, records it, and answers it through the first matching route."""

    _routes: list[RouteEntry]

    def _route(self, method: str, pattern: str, handler: Handler, *, auth: bool = True) -> None:
        regex = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern) + "$")
        self._routes.append((method, regex, handler, auth))

    async def _read_body(self, request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
        ctype = request.headers.get("Content-Type", "")
        if ctype.startswith("multipart/form-data"):
            payload: Any = None
            files: list[dict[str, Any]] = []
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":  # type: ignore[union-attr]
                    payload = json.loads(await part.text())  # type: ignore[union-attr]
                else:
                    blob = await part.read()  # type: ignore[union-attr]
                    files.append(
                        {
                            "name": part.name,
                            "filename": part.filename,
                            "size": len(blob),
                            "data": blob,
                        }
                    )  # type: ignore[union-attr]
            return payload, files
        raw = await request.read()
        if not raw:
            return None, []
        if ctype != "application/json":
            raise HTTPAnswer(error_response(400, 50109, "The request body contains invalid JSON."))
        return json.loads(raw), []

    async def _http_handler(self, request: web.Request) -> web.StreamResponse:
        full = request.path
        prefix = "/api/v10"
        method = request.method
        path = full[len(prefix) :] if full.startswith(prefix + "/") else full
        body: Any = None
        files: list[dict[str, Any]] = []
        early: web.Response | None = None
        try:
            body, files = await self._read_body(request)
        except HTTPAnswer as answer:
            early = answer.response
        except ValueError:
            early = error_response(400, 50109, "The request body contains invalid JSON.")
        record = RequestRecord(
            method=method,
            path=path,
            query=dict(request.query),
            json=body,
            time=asyncio.get_running_loop().time(),
            headers=dict(request.headers),
            files=[{k: v for k, v in f.items() if k != "data"} for f in files],
            has_body=body is not None or bool(files),
        )
        self.requests.append(record)
        try:
            response = early or await self._answer(
                request, record, files, full.startswith(prefix + "/")
            )
        except Exception as exc:  # never 5xx: the client would retry for seconds
            self._bug(method, path, f"handler crashed: {exc!r}")
            response = error_response(400, 0, f"fake discord crashed: {exc!r}")
        record.status = response.status
        self._notify()
        return response

    async def _answer(
        self,
        request: web.Request,
        record: RequestRecord,
        files: list[dict[str, Any]],
        prefixed: bool,
    ) -> web.Response:
        method, path = record.method, record.path
        pause = self._take_delay(method, path)
        if pause:
            await asyncio.sleep(pause)
        if prefixed:
            # The body is checked before lookups and injected failures, so that no body the
            # bot sends escapes Discord's official schema (schema.py), whatever the answer.
            problems = schema.check_body(method, path, record.json, has_body=record.has_body)
            if problems:
                self._note_refusal(record, problems)
                return self._invalid(record, problems, kind="schema")
        failure = self._take_failure(method, path)
        if failure is not None:
            return self._failure_response(failure)
        if not prefixed:
            self._bug(method, path, "request outside /api/v10")
            return error_response(400, 0, f"fake discord: no route for {method} {path}")
        for route_method, regex, handler, auth in self._routes:
            if route_method != method:
                continue
            match = regex.match(path)
            if match is None:
                continue
            if auth and request.headers.get("Authorization") != f"Bot {self.token}":
                return error_response(401, 0, "401: Unauthorized")
            try:
                return await handler(record, files, **match.groupdict())
            except HTTPAnswer as answer:
                return answer.response
        self._bug(method, path, "no such route in the fake")
        return error_response(400, 0, f"fake discord: no route for {method} {path}")

    def _note_refusal(self, record: RequestRecord, problems: list[limits.Problem]) -> None:
        """Tell the interaction a refused callback/follow-up/edit belongs to, so waits fail fast."""
        detail = "; ".join(f"{p}: {m}" for p, _, m in problems)
        parts = record.path.strip("/").split("/")
        if len(parts) == 4 and parts[0] == "interactions" and parts[3] == "callback":
            rec = self._record_for(parts[1], parts[2])
            if rec is not None:
                body = record.json if isinstance(record.json, dict) else {}
                data = body.get("data") if isinstance(body.get("data"), dict) else None
                elapsed = asyncio.get_running_loop().time() - rec.dispatched_at
                rec.rejected.append(ix.CallbackRecord(body.get("type"), data, elapsed, 400, detail))
                rec.refusals.append(f"callback type {body.get('type')} refused: {detail}")
        elif len(parts) >= 3 and parts[0] == "webhooks":
            rec = self._records_by_token.get(parts[2])
            if rec is not None:
                what = "follow-up" if len(parts) == 3 else "edit"
                rec.refusals.append(f"{what} refused: {detail}")
