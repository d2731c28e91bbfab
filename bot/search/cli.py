"""`python -m bot search [--json] [--limit N] [--article SLUG] QUERY`: excerpt lookup from a terminal.

It searches exactly what the bot serves: the articles in the SQLite database (loading the content
folder first when the database has none). `QUERY` `-` reads one query per line from stdin and
answers each in turn, so scripts can batch lookups; with `--json` every query gets exactly one
line, a JSON list of hits best first, each with its `confidence` (`high`, or `low` for the
closest passages when nothing is a sure match); `[]` when the query has nothing in common with
the article.
Exit status: 0 when the queries were answered (found or not), 1 when there is no content.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from bot.content.articles_folder import load_library
from bot.content.model import Article
from bot.content.store import load_library_into_db, read_articles
from bot.search.engine import SearchEngine
from bot.search.excerpt_window import mark
from bot.search.hit import Hit
from bot.settings import Settings
from bot.storage.database import open_database


def register(subparsers: Any) -> None:
    search = subparsers.add_parser(
        "search",
        help="look up passages: Chinese (any script, typos allowed) or English names",
        description="Look up passages: Chinese in any script (typos allowed) or English names. "
        "Searches the articles in the database; QUERY - answers one query per stdin line.",
    )
    search.add_argument(
        "query",
        metavar="QUERY",
        nargs="+",
        help="what to look for (several words are one query); - reads one query per line from stdin",
    )
    search.add_argument("--json", action="store_true", help="one JSON line per query")
    search.add_argument("--limit", type=_positive, default=5, metavar="N", help="hits (default 5)")
    search.add_argument("--article", metavar="SLUG", help="only this article")
    search.set_defaults(handler=run_search)


def _positive(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


async def load_articles(settings: Settings) -> list[Article]:
    """The articles the bot serves; loads the content folder first if the database is empty."""
    async with open_database(settings.database_path) as conn:
        articles = await read_articles(conn)
        if articles:
            return articles
        library = load_library(settings.content_dir)
        if library.problems:
            for problem in library.problems:
                print(problem, file=sys.stderr)
            return []
        await load_library_into_db(conn, library)
        return await read_articles(conn)


def run_search(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    settings.ensure_database_folder()
    articles = asyncio.run(load_articles(settings))
    if not articles:
        print(
            f"no content: {settings.database_path} has no articles and {settings.content_dir} "
            "could not be loaded (run `python -m bot content check`)",
            file=sys.stderr,
        )
        return 1
    engine = SearchEngine.build(articles)
    query = " ".join(args.query)
    batch = query == "-"
    queries = _stdin_queries(sys.stdin) if batch else iter([query])
    for query in queries:
        hits = engine.search(query, limit=args.limit, article=args.article)
        if args.json:
            print(json.dumps([hit.to_dict() for hit in hits], ensure_ascii=False), flush=batch)
        else:
            print("\n".join(human_lines(engine, query, hits, header=batch)), flush=batch)
    return 0


def _stdin_queries(stream: TextIO) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\r\n")


def human_lines(
    engine: SearchEngine, query: str, hits: Iterable[Hit], *, header: bool
) -> list[str]:
    """Ranked hits with path, heading and the excerpt with matches in 【】; else close sections."""
    lines = [f"== {query}"] if header else []
    hits = list(hits)
    if hits and hits[0].confidence != "high":
        lines.append(f"no confident match for {query!r}; closest passages:")
    for hit in hits:
        lines.append(
            f"{hit.rank}. {hit.section_path} [{hit.paragraph_id}] {hit.heading}  "
            f"(score {hit.score:.0f})"
        )
        lines.append(f"   {mark(hit.excerpt, hit.highlights)}")
    if not hits:
        lines.append(f"nothing in the article matches {query!r}.")
        sections = engine.closest_sections(query)
        if sections:
            lines.append("closest sections:")
            lines.extend(f"  {section.path}  {section.heading}" for section in sections)
    return lines
