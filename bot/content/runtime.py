"""Content at start-up: files -> SQLite (when changed and valid) -> articles in memory -> search index.

Invalid content files never take the bot down: the problems are logged and the previously loaded
content keeps serving.
"""

from __future__ import annotations

import asyncio
import logging

from bot.content.library import load_library
from bot.content.store import load_library_into_db, read_articles
from bot.search import SearchEngine
from bot.services import Services

log = logging.getLogger(__name__)


async def refresh_content(services: Services) -> None:
    library = await asyncio.to_thread(load_library, services.settings.content_dir)
    if library.problems:
        for problem in library.problems:
            log.error("content problem: %s", problem)
        log.error(
            "content not loaded (%d problems); keeping what the database has", len(library.problems)
        )
    else:
        report = await load_library_into_db(services.db, library)
        log.info("content: %s", report)
    services.articles = await read_articles(services.db)
    services.search = await asyncio.to_thread(SearchEngine.build, services.articles)
