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
STALE_AFTER_SECONDS = 90


async def beat_while(
    is_ready: Callable[[], bool], path: Path, *, interval: float = INTERVAL_SECONDS
) -> None:
    """Touch `path` every `interval` seconds while `is_ready()`; runs until cancelled."""
    while True:
        if is_ready():
            await asyncio.to_thread(_touch, path)
        await asyncio.sleep(interval)


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
