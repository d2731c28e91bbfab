"""All articles under `content/articles/`, parsed and validated, with every problem collected.

The library never raises for bad content: it returns the problems (file paths relative to the
content folder) so `content check` can list them and start-up can keep the previous content.
The content hash lets the loader skip articles whose files did not change.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.article_format import SLUG_PATTERN, parse_article_markdown
from bot.content.data_files import (
    parse_descriptions,
    parse_facts,
    parse_glossary,
    parse_prompts,
    parse_quiz,
    parse_section_titles,
)
from bot.content.model import Article
from bot.content.problems import ContentError, ContentProblem
from bot.content.validate import ArticleFiles, preparation_notes, validate_article

ARTICLES_DIR = "articles"
ARTICLE_FILE = "article.md"
FACTS_FILE = "facts.yaml"
GLOSSARY_FILE = "glossary.yaml"
QUIZ_FILE = "quiz.yaml"
PROMPTS_FILE = "prompts.yaml"
DESCRIPTIONS_FILE = "descriptions.yaml"
SECTIONS_FILE = "sections.yaml"
HASHED_FILES = (
    ARTICLE_FILE,
    FACTS_FILE,
    GLOSSARY_FILE,
    QUIZ_FILE,
    PROMPTS_FILE,
    DESCRIPTIONS_FILE,
    SECTIONS_FILE,
)

# Part of every content hash: bump it when parsing changes what the same files produce, so the
# next start-up reloads the database instead of keeping rows built by the old rules.
FORMAT_VERSION = "3"  # 2: paragraph descriptions; 3: section titles


@dataclass(frozen=True, slots=True)
class Library:
    articles: tuple[Article, ...]
    problems: tuple[ContentProblem, ...]
    content_hash: Mapping[str, str] = field(default_factory=dict)  # slug -> hash of its files

    @property
    def ok(self) -> bool:
        return not self.problems

    def article(self, slug: str) -> Article:
        for article in self.articles:
            if article.meta.slug == slug:
                return article
        raise KeyError(slug)


def content_hash(folder: Path) -> str:
    """SHA-256 over the format version and the bytes of each content file (absent ones marked)."""
    digest = hashlib.sha256(f"reading-circle-content/{FORMAT_VERSION}\0".encode())
    for name in HASHED_FILES:
        path = folder / name
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"\0absent\0")
        digest.update(b"\0")
    return digest.hexdigest()


def folder_hashes(content_dir: Path) -> set[str]:
    """The content hash of every article folder, without parsing anything (cheap start-up check)."""
    articles_dir = Path(content_dir) / ARTICLES_DIR
    if not articles_dir.is_dir():
        return set()
    return {
        content_hash(p) for p in articles_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
    }


def load_library(content_dir: Path) -> Library:
    content_dir = Path(content_dir)
    articles_dir = content_dir / ARTICLES_DIR
    if not articles_dir.is_dir():
        return Library(
            (),
            (
                ContentProblem(
                    str(content_dir),
                    0,
                    f"no {ARTICLES_DIR}/ folder in the content folder {content_dir}",
                    "set CONTENT_DIR to the folder that holds articles/<slug>/article.md",
                ),
            ),
        )
    folders = sorted(p for p in articles_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        return Library(
            (),
            (
                ContentProblem(
                    ARTICLES_DIR,
                    0,
                    "there are no article folders",
                    "add articles/<slug>/article.md (see content/README.md)",
                ),
            ),
        )
    articles: list[Article] = []
    problems: list[ContentProblem] = []
    hashes: dict[str, str] = {}
    for folder in folders:
        article, folder_problems = load_article_folder(folder, content_dir)
        problems.extend(folder_problems)
        if article is None:
            continue
        slug = article.meta.slug
        if slug in hashes:
            problems.append(
                ContentProblem(
                    _relative(folder / ARTICLE_FILE, content_dir), 0, f"slug {slug!r} is used twice"
                )
            )
            continue
        articles.append(article)
        hashes[slug] = content_hash(folder)
    return Library(tuple(articles), tuple(problems), hashes)


def _relative(path: Path, content_dir: Path) -> str:
    try:
        return path.relative_to(content_dir).as_posix()
    except ValueError:
        return str(path)


def _read(path: Path, name: str) -> tuple[str | None, list[ContentProblem]]:
    try:
        return path.read_text(encoding="utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [
            ContentProblem(
                name,
                0,
                f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                "save the file as UTF-8",
            )
        ]
    except OSError as exc:
        return None, [ContentProblem(name, 0, f"cannot read the file: {exc.strerror or exc}")]


def load_article_folder(
    folder: Path, content_dir: Path
) -> tuple[Article | None, list[ContentProblem]]:
    """Parse and validate one `articles/<slug>/` folder.

    The article is returned whenever article.md parses, even if a YAML file has problems (its bad
    entries are left out), so `content check` can still report counts; the problems decide whether
    it may be loaded.
    """
    names, present = _file_names(folder, content_dir)
    article_path = folder / ARTICLE_FILE
    if not article_path.is_file():
        return None, [
            ContentProblem(
                names[ARTICLE_FILE],
                0,
                "article.md is missing",
                "every article folder needs an article.md",
            )
        ]
    text, problems = _read(article_path, names[ARTICLE_FILE])
    if text is None:
        return None, problems
    try:
        article = parse_article_markdown(text, file=names[ARTICLE_FILE])
    except ContentError as exc:
        return None, problems + list(exc.problems)
    if article.meta.slug != folder.name or not SLUG_PATTERN.match(folder.name):
        problems.append(
            ContentProblem(
                names[ARTICLE_FILE],
                _key_line(text, "slug"),
                f"slug {article.meta.slug!r} does not match the folder name {folder.name!r}",
                "rename the folder or fix the slug (lowercase letters, digits, hyphens)",
            )
        )
    texts: dict[str, str] = {}
    for name, relative in present.items():
        content, read_problems = _read(folder / name, relative)
        problems.extend(read_problems)
        if content is not None:
            texts[name] = content
    updates: dict[str, object] = {}
    if FACTS_FILE in texts:
        updates["facts"], found = parse_facts(texts[FACTS_FILE], article, file=names[FACTS_FILE])
        problems.extend(found)
    if GLOSSARY_FILE in texts:
        updates["glossary"], found = parse_glossary(texts[GLOSSARY_FILE], file=names[GLOSSARY_FILE])
        problems.extend(found)
    if QUIZ_FILE in texts:
        updates["questions"], found = parse_quiz(texts[QUIZ_FILE], article, file=names[QUIZ_FILE])
        problems.extend(found)
    if PROMPTS_FILE in texts:
        updates["prompts"], found = parse_prompts(
            texts[PROMPTS_FILE], article, file=names[PROMPTS_FILE]
        )
        problems.extend(found)
    if SECTIONS_FILE in texts:
        updates["sections"], found = parse_section_titles(
            texts[SECTIONS_FILE], article, file=names[SECTIONS_FILE]
        )
        problems.extend(found)
    if DESCRIPTIONS_FILE in texts:
        updates["descriptions"], found = parse_descriptions(
            texts[DESCRIPTIONS_FILE], article, file=names[DESCRIPTIONS_FILE]
        )
        problems.extend(found)
    article = dataclasses.replace(article, **updates)  # type: ignore[arg-type]
    problems.extend(validate_article(article, article_files(folder, content_dir)))
    order = {name: index for index, name in enumerate(names.values())}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.line))
    return article, problems


def _key_line(text: str, key: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _file_names(folder: Path, content_dir: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Every file's name as problems show it, and those of the optional files that exist."""
    names = {name: _relative(folder / name, content_dir) for name in HASHED_FILES}
    present = {name: names[name] for name in HASHED_FILES[1:] if (folder / name).is_file()}
    return names, present


def article_files(folder: Path, content_dir: Path) -> ArticleFiles:
    """Which of an article's files exist, named as problems name them."""
    names, present = _file_names(folder, content_dir)
    return ArticleFiles(
        article=names[ARTICLE_FILE],
        facts=present.get(FACTS_FILE),
        glossary=present.get(GLOSSARY_FILE),
        quiz=present.get(QUIZ_FILE),
        prompts=present.get(PROMPTS_FILE),
    )


def preparation_notes_for(content_dir: Path, article: Article) -> list[str]:
    """What `article` still lacks (see `validate.preparation_notes`)."""
    folder = content_dir / ARTICLES_DIR / article.meta.slug
    return preparation_notes(article, article_files(folder, content_dir))
