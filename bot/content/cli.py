"""`python -m bot content check [--report]|load|show|import-text|import-pdf`: the content pipeline from a terminal.

`check` reads the files (so it works before anything is loaded); `show` reads the database, so it
shows exactly what the bot serves.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from bot.content.articles_folder import ARTICLES_DIR, Library, load_library, preparation_notes_for
from bot.content.model import Article, Paragraph, Section
from bot.content.quiz_lint import report_lines
from bot.content.store import article_counts, load_library_into_db, read_articles
from bot.settings import Settings
from bot.storage.database import open_database


def register(subparsers: Any) -> None:
    content = subparsers.add_parser("content", help="check, load and show the article content")
    content.set_defaults(handler=lambda args: _usage(content))
    commands = content.add_subparsers(dest="content_command", metavar="SUBCOMMAND")

    check = commands.add_parser("check", help="validate every article's files; exit 1 on problems")
    _content_dir_option(check)
    check.add_argument(
        "--report",
        action="store_true",
        help="also print the quiz statistics behind the quiz lint (length and absolute-word "
        "cues, A-D balance, attribution), so a review's numbers can be rerun",
    )
    check.set_defaults(handler=run_check)

    load = commands.add_parser("load", help="validate and load the content into the database")
    _content_dir_option(load)
    load.set_defaults(handler=run_load)

    show = commands.add_parser("show", help="print the content loaded in the database")
    show.add_argument("--json", action="store_true", help="print JSON instead of a text tree")
    show.add_argument("--article", metavar="SLUG", help="only this article")
    show.set_defaults(handler=run_show)

    importer = commands.add_parser(
        "import-text", help="draft article.md from a raw PDF text extraction"
    )
    importer.add_argument("raw", type=Path, metavar="RAW", help="the extracted text file")
    importer.add_argument("--slug", required=True, help="article folder name, e.g. zhu-2021-…")
    importer.add_argument("--force", action="store_true", help="overwrite an existing article.md")
    _content_dir_option(importer)
    importer.set_defaults(handler=run_import)

    pdf = commands.add_parser(
        "import-pdf", help="draft article.md from the article's PDF (type sizes and positions)"
    )
    pdf.add_argument("pdf", type=Path, metavar="PDF", help="the article's PDF file")
    pdf.add_argument("--slug", required=True, help="article folder name, e.g. zhu-2021-…")
    pdf.add_argument("--force", action="store_true", help="overwrite an existing article.md")
    _content_dir_option(pdf)
    pdf.set_defaults(handler=run_import_pdf)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _content_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content-dir",
        type=Path,
        metavar="DIR",
        help="content folder (default: CONTENT_DIR or ./content)",
    )


def _content_dir(args: argparse.Namespace) -> Path:
    return args.content_dir or Settings.from_env().content_dir


def _counts_line(article: Article) -> str:
    counts = ", ".join(f"{n} {kind}" for kind, n in article_counts(article).items())
    return f"{article.meta.slug}: {counts}"


def _print_problems(library: Library) -> None:
    for problem in library.problems:
        print(problem)
    print(f"{len(library.problems)} problem(s) found", file=sys.stderr)


def run_check(args: argparse.Namespace) -> int:
    library = load_library(_content_dir(args))
    if getattr(args, "report", False):
        for article in library.articles:
            print("\n".join(report_lines(article)))
        print()
    if library.problems:
        _print_problems(library)
        return 1
    print("OK")
    for article in library.articles:
        print(_counts_line(article))
        for note in preparation_notes_for(_content_dir(args), article):
            print(f"  still to do: {note}")
    return 0


def run_load(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    library = load_library(args.content_dir or settings.content_dir)
    if library.problems:
        _print_problems(library)
        print("nothing loaded; the database keeps its previous content", file=sys.stderr)
        return 1

    async def load() -> list[str]:
        async with open_database(settings.database_path) as conn:
            report = await load_library_into_db(conn, library)
        return report.lines()

    for line in asyncio.run(load()):
        print(line)
    return 0


def run_show(args: argparse.Namespace) -> int:
    settings = Settings.from_env()

    async def read() -> list[Article]:
        async with open_database(settings.database_path) as conn:
            return await read_articles(conn)

    articles = asyncio.run(read())
    if args.article:
        articles = [a for a in articles if a.meta.slug == args.article]
    if not articles:
        what = f"article {args.article!r}" if args.article else "content"
        print(
            f"no {what} loaded in {settings.database_path}; run `python -m bot content load`",
            file=sys.stderr,
        )
        return 1
    if args.json:
        data = [article_to_dict(a) for a in articles]
        print(json.dumps(data if not args.article else data[0], ensure_ascii=False, indent=2))
    else:
        for article in articles:
            print("\n".join(article_tree(article)))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from bot.content.importer import run_import_cli

    out_dir = _content_dir(args) / ARTICLES_DIR
    return run_import_cli(args.raw, args.slug, out_dir, force=args.force)


def run_import_pdf(args: argparse.Namespace) -> int:
    from bot.content.pdf_import import run_pdf_import_cli

    out_dir = _content_dir(args) / ARTICLES_DIR
    return run_pdf_import_cli(args.pdf, args.slug, out_dir, force=args.force)


# --- rendering ---------------------------------------------------------------------------------


def article_to_dict(article: Article) -> dict[str, Any]:
    """The same data as the text tree, as plain JSON-ready values."""
    meta = article.meta
    return {
        "slug": meta.slug,
        "title": meta.title,
        "subtitle": meta.subtitle,
        "author": meta.author,
        "journal": meta.journal,
        "year": meta.year,
        "issue": meta.issue,
        "keywords": list(meta.keywords),
        "abstract": meta.abstract,
        "citation": meta.citation,
        "sections": [
            {
                "id": s.id,
                "parent_id": s.parent_id,
                "path": s.path,
                "label": s.label,
                "heading": s.heading,
                "depth": s.depth,
                "paragraphs": [
                    {
                        "id": p.id,
                        "ordinal": p.ordinal,
                        "text": p.text,
                        "footnote_ids": list(p.footnote_ids),
                    }
                    for p in article.paragraphs_of(s.id)
                ],
            }
            for s in article.sections
        ],
        "footnotes": [
            {"id": f.id, "paragraph_id": f.paragraph_id, "text": f.text} for f in article.footnotes
        ],
        "facts": [
            {
                "id": f.id,
                "section_id": f.section_id,
                "paragraph_id": f.paragraph_id,
                "zh": f.statement_zh,
                "en": f.statement_en,
                "quote": f.quote,
            }
            for f in article.facts
        ],
        "glossary": [
            {
                "id": g.id,
                "term": g.term,
                "english": g.english,
                "kind": g.kind,
                "aliases": list(g.aliases),
                "japanese": g.japanese,
                "note": g.note,
            }
            for g in article.glossary
        ],
        "counts": article_counts(article),
    }


def reading_order(article: Article) -> list[Section | Paragraph]:
    """Headings and paragraphs interleaved as they are read, so `@resume` paragraphs come last.

    A heading is placed just before the first paragraph of its subtree (the model keeps no
    heading positions; the paragraph ordinals are the reading order).
    """
    items: list[tuple[tuple[float, int, int], Section | Paragraph]] = []
    previous = -1.0
    for section in article.sections:
        ordinals = [p.ordinal for p in article.paragraphs_of(section.id, recursive=True)]
        key = max(min(ordinals, default=previous), previous)
        previous = key
        items.append(((key, 0, section.ordinal), section))
    for position, paragraph in enumerate(article.paragraphs):
        items.append(((paragraph.ordinal, 1, position), paragraph))
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def article_tree(article: Article) -> list[str]:
    meta = article.meta
    lines = [f"{meta.slug}  {meta.citation}", _counts_line(article), ""]
    depth = {s.id: s.depth for s in article.sections}
    current: str | None = None
    for item in reading_order(article):
        if isinstance(item, Section):
            current = item.id
            indent = "  " * (item.depth - 1)
            lines.append(f"{indent}[{item.id}] {item.path} | {item.heading}")
            continue
        indent = "  " * (depth.get(item.section_id, 1) - 1)
        if item.section_id != current:
            current = item.section_id
            lines.append(f"{indent}@resume {item.section_id}")
        notes = f"  [{', '.join(item.footnote_ids)}]" if item.footnote_ids else ""
        lines.append(f"{indent}  {item.id}: {item.text}{notes}")
    if article.footnotes:
        lines += ["", "Footnotes:"]
        for footnote in article.footnotes:
            where = footnote.paragraph_id or "(place lost)"
            lines.append(f"  {footnote.id} @ {where}: {footnote.text}")
    if article.facts:
        lines += ["", "Facts:"]
        for fact in article.facts:
            lines.append(f"  {fact.id} [{fact.section_id} {fact.paragraph_id}] {fact.statement_zh}")
            lines.append(f"      {fact.statement_en}")
    if article.glossary:
        lines += ["", "Glossary:"]
        for entry in article.glossary:
            aliases = f" ({', '.join(entry.aliases)})" if entry.aliases else ""
            lines.append(f"  {entry.id} [{entry.kind}] {entry.term} = {entry.english}{aliases}")
    return lines
