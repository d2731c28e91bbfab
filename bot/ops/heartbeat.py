"""A file touched while the bot is connected and ready, read by the container's HEALTHCHECK.

A process that is alive but disconnected from Discord stops touching it, so the health check
reflects a real connection rather than a running interpreter.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

INTERVAL_SECONDS = 30
POLL_SECONDS = 1.0
STALE_AFTER_SECONDS = 90


async def beat_while(
    is_ready: Callable[[], bool],
    path: Path,
    *,
    interval: float = INTERVAL_SECONDS,
    poll: float = POLL_SECONDS,
) -> None:
    """Touch `path` every `interval` seconds while `is_ready()`; runs until cancelled.

    Readiness is polled more often than the file is touched, so the first beat after a
    (re)connection comes within `poll` seconds rather than up to a whole interval later.
    """
    loop = asyncio.get_running_loop()
    last: float | None = None
    while True:
        if not is_ready():
            last = None
        elif last is None or loop.time() - last >= interval:
            await asyncio.to_thread(_touch, path)
            last = loop.time()
        await asyncio.sleep(min(poll, interval))


def _touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


def is_fresh(
    path: Path, *, now: float | None = None, stale_after: float = STALE_AFTER_SECONDS
) -> bool:
    try:
        age = (time.time() if now is None else now) - path.stat().st_mtime
    except FileNotFoundError:
        return False
    return age <= stale_after
