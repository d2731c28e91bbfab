"""Content at start-up: files -> SQLite (when changed and valid) -> articles in memory -> search index.

The one place that joins content, search and services (so none of those packages imports another
in a circle). Invalid content files never take the bot down: the problems are logged and the
previously loaded content keeps serving.
"""

from __future__ import annotations

import asyncio
import logging

from bot.content.articles_folder import folder_hashes, load_library
from bot.content.store import load_library_into_db, loaded_hashes, read_articles
from bot.search import SearchEngine
from bot.services import LoadedContent, Services

log = logging.getLogger(__name__)


async def refresh_content(services: Services) -> None:
    content_dir = services.settings.content_dir
    on_disk = await asyncio.to_thread(folder_hashes, content_dir)
    in_db = {content_hash for content_hash, _ in (await loaded_hashes(services.db)).values()}
    if on_disk and on_disk == in_db:
        # Same bytes as the content validated and loaded before: skip parsing (~0.6 s).
        log.info("content unchanged since the last load")
    else:
        await _load_files(services)
    articles = tuple(await read_articles(services.db))
    engine = await asyncio.to_thread(SearchEngine.build, articles)
    services.content = LoadedContent(articles, engine)


async def _load_files(services: Services) -> None:
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
