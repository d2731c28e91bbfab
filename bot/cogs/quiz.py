"""Slash commands for quiz (not built yet)."""

from __future__ import annotations

from bot.app import ReadingCircleBot


async def setup(bot: ReadingCircleBot) -> None:
    return None
