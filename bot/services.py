"""Everything the cogs need, built once per bot: the database, the loaded articles, the search
engine and the domain stores. Cogs take what they need from here and hold no state of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aiosqlite

from bot.clock import Clock
from bot.config import Settings
from bot.content.model import Article
from bot.scheduling.driver import SchedulerDriver
from bot.scheduling.runner import ScheduleRunner
from bot.scheduling.store import ScheduleStore
from bot.storage.guild_settings import GuildSettingsStore


@dataclass
class Services:
    settings: Settings
    clock: Clock
    db: aiosqlite.Connection
    guild_settings: GuildSettingsStore
    schedules: ScheduleStore
    runner: ScheduleRunner
    driver: SchedulerDriver
    started_at: datetime
    articles: list[Article] = field(default_factory=list)
    search: Any = None  # bot.search.SearchEngine, built after content is read
    quiz: Any = None  # bot.quiz store, set by the quiz cog's setup
    discussions: Any = None  # bot.discussion store, set by the discussion cog's setup
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def article(self) -> Article | None:
        """The group's current article (the first loaded)."""
        return self.articles[0] if self.articles else None
