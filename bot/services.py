"""Everything the cogs need, built once per bot: the database, the loaded articles, the search
engine and the domain stores. Cogs take what they need from here and hold no state of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import aiosqlite

from bot.clock import Clock
from bot.content.model import Article
from bot.content.shelf import current_article, default_article, find_article
from bot.discussion.store import DiscussionStore
from bot.quiz.store import QuizStore
from bot.scheduling.driver import SchedulerDriver
from bot.scheduling.event_store import EventStore
from bot.scheduling.runner import ScheduleRunner
from bot.scheduling.store import ScheduleStore
from bot.search import SearchEngine
from bot.settings import Settings
from bot.storage.guild_settings import GuildSettingsStore


@dataclass(frozen=True, slots=True)
class LoadedContent:
    """The articles read from SQLite and the search index built over them: one value, replaced as
    a whole when content is reloaded, so a lookup never sees new articles with an old index."""

    articles: tuple[Article, ...] = ()
    search: SearchEngine | None = None


@dataclass
class Services:
    """Built in `ReadingCircleBot.setup_hook`, complete before any cog loads."""

    settings: Settings
    clock: Clock
    db: aiosqlite.Connection
    guild_settings: GuildSettingsStore
    schedules: ScheduleStore
    runner: ScheduleRunner
    driver: SchedulerDriver
    quiz: QuizStore
    discussions: DiscussionStore
    events: EventStore  # Discord scheduled events of scheduled sessions
    started_at: datetime
    content: LoadedContent = field(default_factory=LoadedContent)

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.content.articles

    @property
    def search(self) -> SearchEngine | None:
        return self.content.search

    @property
    def article(self) -> Article | None:
        """The library's default article (front matter `current: true`, else the newest): what a
        server reads until it chooses another with /config article."""
        return default_article(self.articles)

    def article_named(self, slug: object) -> Article | None:
        """The article a schedule or record names (its payload's slug), else the default: a
        scheduled run keeps the article it was scheduled for."""
        return find_article(self.articles, slug if isinstance(slug, str) else None) or self.article

    async def article_for(self, guild_id: int | None) -> Article | None:
        """The article this server reads now."""
        return current_article(self.articles, await self.guild_settings.chosen_article(guild_id))
