"""Fault injection: answer matching requests with an error (`fail`) or late (`delay`)."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .core import FakeCore
from .routes.common import json_response


@dataclass
class InjectedFailure:
    method: str
    pattern: re.Pattern[str]
    status: int
    times: int
    retry_after: float | None
    body: dict[str, Any] | None
    headers: dict[str, str] | None


@dataclass
class InjectedDelay:
    method: str
    pattern: re.Pattern[str]
    seconds: float
    times: int


class FaultInjection(FakeCore):
    """Injected failures and delays, consumed by the REST dispatcher before any route runs."""

    _failures: list[InjectedFailure]
    _delays: list[InjectedDelay]

    def fail(
        self,
        method: str,
        path_regex: str,
        status: int,
        *,
        times: int = 1,
        retry_after: float | None = None,
        body: dict[str, Any] | None = None,
        code: int | None = None,
        message: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer the next `times` matching requests with an error instead of handling them.

        `path_regex` must fully match the path after /api/v10 (e.g. r"/channels/\\d+/messages").
        403 -> Missing Permissions (50013); 404 -> Unknown Channel/Message (10003/10008);
        429 -> rate limited with `retry_after` and the headers discord.py reads (Via, X-RateLimit-*);
        500 -> server error (discord.py then retries after 1, 3, 5, 7 s: use sparingly).
        """
        if body is None:
            if status == 429:
                ra = 0.01 if retry_after is None else retry_after
                retry_after = ra
                body = {
                    "message": "You are being rate limited.",
                    "retry_after": ra,
                    "global": False,
                    "code": 0,
                }
            elif status == 403:
                body = {"message": message or "Missing Permissions", "code": code or 50013}
            elif status == 404:
                default = (
                    (10008, "Unknown Message")
                    if "message" in path_regex
                    else (10003, "Unknown Channel")
                )
                body = {"message": message or default[1], "code": code or default[0]}
            elif status == 401:
                body = {"message": message or "401: Unauthorized", "code": code or 0}
            else:
                body = {"message": message or f"{status}: injected failure", "code": code or 0}
        self._failures.append(
            InjectedFailure(
                method=method.upper(),
                pattern=re.compile(path_regex),
                status=status,
                times=times,
                retry_after=retry_after,
                body=body,
                headers=dict(headers) if headers else None,
            )
        )

    def delay(self, method: str, path_regex: str, seconds: float, *, times: int = 1) -> None:
        """Hold the next `times` matching requests for `seconds` before answering (a slow Discord)."""
        self._delays.append(InjectedDelay(method.upper(), re.compile(path_regex), seconds, times))

    def _take_failure(self, method: str, path: str) -> InjectedFailure | None:
        for rule in self._failures:
            if rule.times > 0 and rule.method in (method, "*") and rule.pattern.fullmatch(path):
                rule.times -= 1
                return rule
        return None

    def _take_delay(self, method: str, path: str) -> float:
        for rule in self._delays:
            if rule.times > 0 and rule.method in (method, "*") and rule.pattern.fullmatch(path):
                rule.times -= 1
                return rule.seconds
        return 0.0

    @staticmethod
    def _failure_response(rule: InjectedFailure) -> web.Response:
        headers: dict[str, str] = {}
        if rule.status == 429:
            ra = rule.retry_after or 0.0
            headers = {
                "Via": "1.1 google",
                "Retry-After": str(max(1, math.ceil(ra))),
                "X-RateLimit-Limit": "1",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + ra:.3f}",
                "X-RateLimit-Reset-After": f"{ra:.3f}",
                "X-RateLimit-Bucket": "fakebucket0000000000000000000000",
                "X-RateLimit-Scope": "user",
            }
        if rule.headers:
            headers.update(rule.headers)
        return json_response(rule.status, rule.body, headers)
