"""Which article a server reads: its own choice, else the one marked current, else the newest.

A reading circle finishes an article in about three months and moves to the next; the library
keeps every article, and each server points at one. Discord-free.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.content.model import Article
from bot.content.section_lookup import fold_for_matching  # same folding as section names


def default_article(articles: Sequence[Article]) -> Article | None:
    """The article front matter marks `current: true`, else the newest by year and issue."""
    if not articles:
        return None
    marked = [a for a in articles if a.meta.current]
    pool = marked or list(articles)
    return max(pool, key=lambda a: (a.meta.year, a.meta.issue, a.meta.slug))


def find_article(articles: Sequence[Article], slug: str | None) -> Article | None:
    if slug is None:
        return None
    return next((a for a in articles if a.meta.slug == slug), None)


def current_article(articles: Sequence[Article], chosen_slug: str | None) -> Article | None:
    """The server's choice while that article is still loaded; otherwise the default."""
    return find_article(articles, chosen_slug) or default_article(articles)


def search_articles(articles: Sequence[Article], typed: str, limit: int) -> list[Article]:
    """Articles whose slug, title, English title or author contains what was typed."""
    needle = fold_for_matching(typed)
    found = [
        a
        for a in articles
        if not needle
        or any(
            needle in fold_for_matching(text)
            for text in (a.meta.slug, a.meta.full_title, a.meta.title_en, a.meta.author)
        )
    ]
    return found[:limit]
