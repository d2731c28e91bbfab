"""Content in SQLite: loading a validated `Library`, and rebuilding `Article`s from the database.

The bot and the offline commands read articles from the database, never from the files, so what
they show is what was last loaded successfully. Loading is all-or-nothing per article: its rows are
replaced in one `BEGIN IMMEDIATE … COMMIT`, so a failure half-way leaves the previous content.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from bot.clock import Clock, SystemClock
from bot.content.articles_folder import Library
from bot.content.model import (
    Article,
    ArticleMeta,
    DiscussionPrompt,
    Footnote,
    GlossaryEntry,
    KeyFact,
    Paragraph,
    ParagraphDescription,
    QuizQuestion,
    Section,
)
from bot.content.problems import ContentProblem
from bot.storage.database import transaction

# Child tables in the order their rows must be deleted (dependents first).
CONTENT_TABLES = (
    "paragraph_descriptions",
    "discussion_prompts",
    "quiz_questions",
    "facts",
    "glossary_entries",
    "footnotes",
    "paragraphs",
    "sections",
)


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load did: articles written, articles skipped as unchanged, or the refusal's problems."""

    loaded: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # slug -> kind -> rows
    problems: tuple[ContentProblem, ...] = ()

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    def lines(self) -> list[str]:
        if self.refused:
            return [f"refused: {len(self.problems)} problems; nothing written"] + [
                str(p) for p in self.problems
            ]
        lines = []
        for slug in self.loaded:
            counts = ", ".join(f"{n} {kind}" for kind, n in self.counts.get(slug, {}).items())
            lines.append(f"loaded {slug}: {counts}")
        lines += [f"unchanged {slug}" for slug in self.unchanged]
        return lines or ["no articles"]

    def __str__(self) -> str:
        return "; ".join(self.lines()) if not self.refused else self.lines()[0]


def article_counts(article: Article) -> dict[str, int]:
    return {
        "sections": len(article.sections),
        "paragraphs": len(article.paragraphs),
        "footnotes": len(article.footnotes),
        "facts": len(article.facts),
        "glossary": len(article.glossary),
        "questions": len(article.questions),
        "prompts": len(article.prompts),
    }


async def load_library_into_db(
    conn: aiosqlite.Connection, library: Library, *, clock: Clock | None = None
) -> LoadReport:
    """Write every changed article; refuse (write nothing) when the library has any problem."""
    if library.problems:
        return LoadReport(problems=tuple(library.problems))
    clock = clock or SystemClock()
    loaded: list[str] = []
    unchanged: list[str] = []
    counts: dict[str, dict[str, int]] = {}
    for article in library.articles:
        slug = article.meta.slug
        new_hash = library.content_hash[slug]
        async with conn.execute("SELECT content_hash FROM articles WHERE slug = ?", (slug,)) as cur:
            row = await cur.fetchone()
        if row is not None and row[0] == new_hash:
            unchanged.append(slug)
            continue
        loaded_at = clock.now().isoformat(timespec="seconds")
        async with transaction(conn):
            await _replace_article(conn, article, new_hash, loaded_at)
        loaded.append(slug)
        counts[slug] = article_counts(article)
    return LoadReport(tuple(loaded), tuple(unchanged), counts)


def _json(value: Sequence[str]) -> str:
    return json.dumps(list(value), ensure_ascii=False)


async def _replace_article(
    conn: aiosqlite.Connection, article: Article, content_hash: str, loaded_at: str
) -> None:
    meta = article.meta
    slug = meta.slug
    for table in CONTENT_TABLES:  # fixed names from the tuple above, never user input
        await conn.execute(f"DELETE FROM {table} WHERE article_slug = ?", (slug,))  # noqa: S608
    await conn.execute(
        "INSERT INTO articles (slug, title, subtitle, author, journal, year, issue, keywords,"
        " abstract, title_en, journal_en, author_en, content_hash, loaded_at, is_current)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (slug) DO UPDATE SET title = excluded.title, subtitle = excluded.subtitle,"
        " author = excluded.author, journal = excluded.journal, year = excluded.year,"
        " issue = excluded.issue, keywords = excluded.keywords, abstract = excluded.abstract,"
        " title_en = excluded.title_en, journal_en = excluded.journal_en,"
        " author_en = excluded.author_en, content_hash = excluded.content_hash,"
        " loaded_at = excluded.loaded_at, is_current = excluded.is_current",
        (
            slug,
            meta.title,
            meta.subtitle,
            meta.author,
            meta.journal,
            meta.year,
            meta.issue,
            _json(meta.keywords),
            meta.abstract,
            meta.title_en,
            meta.journal_en,
            meta.author_en,
            content_hash,
            loaded_at,
            int(meta.current),
        ),
    )
    await conn.executemany(
        "INSERT INTO sections (article_slug, id, parent_id, heading, label, path, depth, ordinal,"
        " line, short_zh, short_en, heading_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                slug,
                s.id,
                s.parent_id,
                s.heading,
                s.label,
                s.path,
                s.depth,
                s.ordinal,
                s.line,
                s.short_zh,
                s.short_en,
                s.heading_en,
            )
            for s in article.sections
        ],
    )
    await conn.executemany(
        "INSERT INTO paragraphs (article_slug, id, section_id, ordinal, position, text,"
        " footnote_ids, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (slug, p.id, p.section_id, p.ordinal, i, p.text, _json(p.footnote_ids), p.line)
            for i, p in enumerate(article.paragraphs)
        ],
    )
    await conn.executemany(
        "INSERT INTO footnotes (article_slug, id, position, text, paragraph_id, line)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(slug, f.id, i, f.text, f.paragraph_id, f.line) for i, f in enumerate(article.footnotes)],
    )
    await conn.executemany(
        "INSERT INTO facts (article_slug, id, position, section_id, statement_zh, statement_en,"
        " quote, paragraph_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                slug,
                f.id,
                i,
                f.section_id,
                f.statement_zh,
                f.statement_en,
                f.quote,
                f.paragraph_id,
                f.line,
            )
            for i, f in enumerate(article.facts)
        ],
    )
    await conn.executemany(
        "INSERT INTO glossary_entries (article_slug, id, position, term, english, kind, aliases,"
        " japanese, note, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (slug, g.id, i, g.term, g.english, g.kind, _json(g.aliases), g.japanese, g.note, g.line)
            for i, g in enumerate(article.glossary)
        ],
    )
    await conn.executemany(
        "INSERT INTO quiz_questions (article_slug, id, position, section_id, difficulty,"
        " question_zh, question_en, options_zh, options_en, answer, explanation_zh,"
        " explanation_en, quote, paragraph_id, line)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                slug,
                q.id,
                i,
                q.section_id,
                q.difficulty,
                q.question_zh,
                q.question_en,
                _json(q.options_zh),
                _json(q.options_en),
                q.answer,
                q.explanation_zh,
                q.explanation_en,
                q.quote,
                q.paragraph_id,
                q.line,
            )
            for i, q in enumerate(article.questions)
        ],
    )
    await conn.executemany(
        "INSERT INTO discussion_prompts (article_slug, id, position, section_id, prompt_zh,"
        " prompt_en, quote, paragraph_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (slug, p.id, i, p.section_id, p.prompt_zh, p.prompt_en, p.quote, p.paragraph_id, p.line)
            for i, p in enumerate(article.prompts)
        ],
    )
    await conn.executemany(
        "INSERT INTO paragraph_descriptions (article_slug, paragraph_id, position, summary_zh,"
        " summary_en, terms_zh, terms_en, questions_zh, questions_en, line)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                slug,
                d.paragraph_id,
                i,
                d.summary_zh,
                d.summary_en,
                _json(d.terms_zh),
                _json(d.terms_en),
                _json(d.questions_zh),
                _json(d.questions_en),
                d.line,
            )
            for i, d in enumerate(article.descriptions)
        ],
    )


# --- reading back ------------------------------------------------------------------------------


async def _rows(conn: aiosqlite.Connection, sql: str, params: Iterable[Any]) -> list[Any]:
    async with conn.execute(sql, tuple(params)) as cursor:
        return list(await cursor.fetchall())


async def _named_rows(
    conn: aiosqlite.Connection, sql: str, params: Iterable[Any]
) -> list[dict[str, Any]]:
    """Rows read by column name, so adding a column never shifts what a position means."""
    async with conn.execute(sql, tuple(params)) as cursor:
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in await cursor.fetchall()]


def _four(raw: str) -> tuple[str, str, str, str]:
    a, b, c, d = json.loads(raw)
    return a, b, c, d


async def read_articles(conn: aiosqlite.Connection) -> list[Article]:
    """Every loaded article, rebuilt in full (sections, paragraphs, notes, facts, glossary, quiz…)."""
    articles: list[Article] = []
    for (slug,) in await _rows(conn, "SELECT slug FROM articles ORDER BY slug", ()):
        article = await read_article(conn, slug)
        if article is not None:
            articles.append(article)
    return articles


async def read_article(conn: aiosqlite.Connection, slug: str) -> Article | None:
    """One loaded article, or None when nothing is loaded under that slug."""
    meta_rows = await _rows(
        conn,
        "SELECT slug, title, subtitle, author, journal, year, issue, keywords, abstract,"
        " title_en, journal_en, author_en, is_current FROM articles WHERE slug = ?",
        (slug,),
    )
    if not meta_rows:
        return None
    m = meta_rows[0]
    meta = ArticleMeta(
        slug=m[0],
        title=m[1],
        subtitle=m[2],
        author=m[3],
        journal=m[4],
        year=m[5],
        issue=m[6],
        keywords=tuple(json.loads(m[7])),
        abstract=m[8],
        title_en=m[9],
        journal_en=m[10],
        author_en=m[11],
        current=bool(m[12]),
    )
    sections = tuple(
        Section(**row)
        for row in await _named_rows(
            conn,
            "SELECT id, parent_id, heading, label, path, depth, ordinal, line, short_zh, short_en,"
            " heading_en FROM sections WHERE article_slug = ? ORDER BY ordinal",
            (slug,),
        )
    )
    paragraphs = tuple(
        Paragraph(
            id=r[0],
            section_id=r[1],
            ordinal=r[2],
            text=r[3],
            footnote_ids=tuple(json.loads(r[4])),
            line=r[5],
        )
        for r in await _rows(
            conn,
            "SELECT id, section_id, ordinal, text, footnote_ids, line FROM paragraphs"
            " WHERE article_slug = ? ORDER BY position",
            (slug,),
        )
    )
    footnotes = tuple(
        Footnote(id=r[0], text=r[1], paragraph_id=r[2], line=r[3])
        for r in await _rows(
            conn,
            "SELECT id, text, paragraph_id, line FROM footnotes WHERE article_slug = ?"
            " ORDER BY position",
            (slug,),
        )
    )
    facts = tuple(
        KeyFact(
            id=r[0],
            section_id=r[1],
            statement_zh=r[2],
            statement_en=r[3],
            quote=r[4],
            paragraph_id=r[5],
            line=r[6],
        )
        for r in await _rows(
            conn,
            "SELECT id, section_id, statement_zh, statement_en, quote, paragraph_id, line"
            " FROM facts WHERE article_slug = ? ORDER BY position",
            (slug,),
        )
    )
    glossary = tuple(
        GlossaryEntry(
            id=r[0],
            term=r[1],
            english=r[2],
            kind=r[3],
            aliases=tuple(json.loads(r[4])),
            japanese=r[5],
            note=r[6],
            line=r[7],
        )
        for r in await _rows(
            conn,
            "SELECT id, term, english, kind, aliases, japanese, note, line FROM glossary_entries"
            " WHERE article_slug = ? ORDER BY position",
            (slug,),
        )
    )
    questions = tuple(
        QuizQuestion(
            id=r[0],
            section_id=r[1],
            difficulty=r[2],
            question_zh=r[3],
            question_en=r[4],
            options_zh=_four(r[5]),
            options_en=_four(r[6]),
            answer=r[7],
            explanation_zh=r[8],
            explanation_en=r[9],
            quote=r[10],
            paragraph_id=r[11],
            line=r[12],
        )
        for r in await _rows(
            conn,
            "SELECT id, section_id, difficulty, question_zh, question_en, options_zh, options_en,"
            " answer, explanation_zh, explanation_en, quote, paragraph_id, line"
            " FROM quiz_questions WHERE article_slug = ? ORDER BY position",
            (slug,),
        )
    )
    prompts = tuple(
        DiscussionPrompt(
            id=r[0],
            section_id=r[1],
            prompt_zh=r[2],
            prompt_en=r[3],
            quote=r[4],
            paragraph_id=r[5],
            line=r[6],
        )
        for r in await _rows(
            conn,
            "SELECT id, section_id, prompt_zh, prompt_en, quote, paragraph_id, line"
            " FROM discussion_prompts WHERE article_slug = ? ORDER BY position",
            (slug,),
        )
    )
    descriptions = tuple(
        ParagraphDescription(
            paragraph_id=r["paragraph_id"],
            summary_zh=r["summary_zh"],
            summary_en=r["summary_en"],
            terms_zh=tuple(json.loads(r["terms_zh"])),
            terms_en=tuple(json.loads(r["terms_en"])),
            questions_zh=tuple(json.loads(r["questions_zh"])),
            questions_en=tuple(json.loads(r["questions_en"])),
            line=r["line"],
        )
        for r in await _named_rows(
            conn,
            "SELECT paragraph_id, summary_zh, summary_en, terms_zh, terms_en, questions_zh,"
            " questions_en, line FROM paragraph_descriptions WHERE article_slug = ?"
            " ORDER BY position",
            (slug,),
        )
    )
    return Article(
        meta=meta,
        sections=sections,
        paragraphs=paragraphs,
        footnotes=footnotes,
        facts=facts,
        glossary=glossary,
        questions=questions,
        prompts=prompts,
        descriptions=descriptions,
    )


async def loaded_hashes(conn: aiosqlite.Connection) -> dict[str, tuple[str, str]]:
    """slug -> (content_hash, loaded_at) of every loaded article, for status displays."""
    rows = await _rows(conn, "SELECT slug, content_hash, loaded_at FROM articles ORDER BY slug", ())
    return {r[0]: (r[1], r[2]) for r in rows}
