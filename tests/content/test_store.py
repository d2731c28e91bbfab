"""Loading content into a real SQLite file with the real migrations, and reading it back."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.content.articles_folder import load_library
from bot.content.model import Paragraph
from bot.content.store import load_library_into_db, read_article, read_articles
from bot.storage.database import open_database
from bot.storage.migrations import apply_migrations
from tests.factories import MINI_ARTICLE_MD, MINI_SLUG, write_article_folder


@pytest.fixture
async def conn(tmp_path: Path):
    async with open_database(tmp_path / "db" / "test.sqlite3") as connection:
        yield connection


async def scalar(conn: aiosqlite.Connection, sql: str, params: tuple = ()) -> object:
    """The value of a one-row, one-column query."""
    async with conn.execute(sql, params) as cursor:
        row = await cursor.fetchone()
    (value,) = dict(row).values()
    return value


async def test_load_writes_every_table(conn: aiosqlite.Connection, content_dir: Path) -> None:
    report = await load_library_into_db(conn, load_library(content_dir))
    assert (report.loaded, report.unchanged, report.refused) == ((MINI_SLUG,), (), False)
    assert report.counts[MINI_SLUG] == {
        "sections": 5,
        "paragraphs": 7,
        "footnotes": 3,
        "facts": 2,
        "glossary": 2,
        "questions": 5,
        "prompts": 12,
    }
    for table, count in [
        ("sections", 5),
        ("paragraphs", 7),
        ("footnotes", 3),
        ("facts", 2),
        ("glossary_entries", 2),
        ("quiz_questions", 5),
        ("discussion_prompts", 12),
    ]:
        assert await scalar(conn, f"SELECT COUNT(*) FROM {table}") == count  # noqa: S608
    assert "loaded mini-article" in str(report)


async def test_read_articles_round_trips_the_model(
    conn: aiosqlite.Connection, content_dir: Path
) -> None:
    library = load_library(content_dir)
    await load_library_into_db(conn, library)
    assert await read_articles(conn) == list(library.articles)
    assert await read_article(conn, "missing") is None


async def test_reload_unchanged_writes_nothing(
    conn: aiosqlite.Connection, content_dir: Path
) -> None:
    await load_library_into_db(conn, load_library(content_dir))
    loaded_at = await scalar(conn, "SELECT loaded_at FROM articles")
    before = conn.total_changes
    report = await load_library_into_db(conn, load_library(content_dir))
    assert (report.loaded, report.unchanged) == ((), (MINI_SLUG,))
    assert conn.total_changes == before
    assert await scalar(conn, "SELECT loaded_at FROM articles") == loaded_at


async def test_changed_content_replaces_the_rows(
    conn: aiosqlite.Connection, content_dir: Path
) -> None:
    await load_library_into_db(conn, load_library(content_dir))
    old_hash = await scalar(conn, "SELECT content_hash FROM articles")
    changed = MINI_ARTICLE_MD.replace(
        "{#p06} 结语：同盟仍然重要。", "{#p06} 结语：同盟仍然重要。\n\n{#p07} 新增一段。"
    )
    write_article_folder(content_dir, {"article.md": changed})
    report = await load_library_into_db(conn, load_library(content_dir))
    assert report.loaded == (MINI_SLUG,)
    assert await scalar(conn, "SELECT content_hash FROM articles") != old_hash
    (article,) = await read_articles(conn)
    assert [p.id for p in article.paragraphs][-2:] == ["p06", "p07"]
    assert await scalar(conn, "SELECT COUNT(*) FROM paragraphs") == 8
    assert await scalar(conn, "SELECT COUNT(*) FROM articles") == 1


async def test_invalid_content_is_refused_and_old_content_stays(
    conn: aiosqlite.Connection, content_dir: Path
) -> None:
    await load_library_into_db(conn, load_library(content_dir))
    good = await read_articles(conn)
    write_article_folder(content_dir, {"article.md": MINI_ARTICLE_MD.replace("{#p02}", "{#p01}")})
    library = load_library(content_dir)
    assert library.problems
    before = conn.total_changes
    report = await load_library_into_db(conn, library)
    assert report.refused and report.loaded == ()
    assert report.problems == library.problems
    assert conn.total_changes == before
    assert await read_articles(conn) == good


async def test_a_failure_mid_load_rolls_back(
    conn: aiosqlite.Connection, content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await load_library_into_db(conn, load_library(content_dir))
    good = await read_articles(conn)
    write_article_folder(
        content_dir, {"article.md": MINI_ARTICLE_MD.replace("这是摘要", "这是提要")}
    )
    library = load_library(content_dir)
    assert library.problems == ()
    broken = library.articles[0]
    # A paragraph pointing at a section that does not exist breaks a foreign key half-way.
    bad_paragraph = Paragraph(id="p99", section_id="nowhere", ordinal=99, text="x", line=1)
    library = dataclasses.replace(
        library,
        articles=(dataclasses.replace(broken, paragraphs=(*broken.paragraphs, bad_paragraph)),),
    )
    with pytest.raises(aiosqlite.IntegrityError):
        await load_library_into_db(conn, library)
    assert await read_articles(conn) == good
    assert not conn.in_transaction


async def test_empty_database_reads_no_articles(conn: aiosqlite.Connection) -> None:
    assert await read_articles(conn) == []


def test_migration_tables_exist(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "m.sqlite3", isolation_level=None)
    apply_migrations(db)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "articles",
        "sections",
        "paragraphs",
        "footnotes",
        "facts",
        "glossary_entries",
        "quiz_questions",
        "discussion_prompts",
    } <= tables
    db.close()
