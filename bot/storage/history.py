"""What a server has done with each article: discussions held and quizzes run. History always
names its article, so switching to the next article never rewrites or hides the last one's."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True, slots=True)
class ArticleHistory:
    discussions: int = 0
    quizzes: int = 0


async def history_by_article(
    conn: aiosqlite.Connection, guild_id: int
) -> dict[str, ArticleHistory]:
    counts: dict[str, list[int]] = {}
    async with conn.execute(
        "SELECT article_slug, COUNT(*) FROM discussions WHERE guild_id = ? GROUP BY article_slug",
        (guild_id,),
    ) as cursor:
        for slug, count in await cursor.fetchall():
            counts.setdefault(str(slug), [0, 0])[0] = int(count)
    async with conn.execute(
        "SELECT article_slug, COUNT(*) FROM quizzes WHERE guild_id = ?"
        " AND status IN ('open', 'closed') GROUP BY article_slug",
        (guild_id,),
    ) as cursor:
        for slug, count in await cursor.fetchall():
            counts.setdefault(str(slug), [0, 0])[1] = int(count)
    return {slug: ArticleHistory(*pair) for slug, pair in counts.items()}
