"""Finding sections by what a reader types (`二/第三`, `2/3`, `结语`, words of a heading), and
summarising them. Shared by /section, /fact, /quiz and /discuss; no Discord code.
"""

from __future__ import annotations

from bot.content.model import Article, KeyFact, Section
from bot.search.normalize import normalize
from bot.search.sentences import split_sentences

_DIGITS = {"1": "一", "2": "二", "3": "三", "4": "四", "5": "五"}


def section_label(section: Section) -> str:
    """`二/第三 第三，在外交上…`, or just the heading for unnumbered sections."""
    return (
        section.heading if section.path == section.heading else f"{section.path}　{section.heading}"
    )


def _path_variants(section: Section) -> set[str]:
    path = normalize(section.path)
    return {path, path.replace("第", "")}


def _typed_path(text: str) -> str:
    """Arabic numerals in a typed path become Chinese ones: `2/3` -> `二/三`."""
    return "".join(_DIGITS.get(ch, ch) for ch in text)


def resolve_section(articles: list[Article], typed: str) -> tuple[Article, Section] | None:
    """The section a reader means: an id (`s2-p3`), a path (`二/第三`, `2/3`) or heading words."""
    raw = typed.strip()
    if not raw:
        return None
    for article in articles:
        for section in article.sections:
            if raw == section.id or raw == f"{article.meta.slug}:{section.id}":
                return article, section
    wanted = normalize(_typed_path(raw))
    for article in articles:
        for section in article.sections:
            if wanted in _path_variants(section) or wanted == normalize(section.heading):
                return article, section
    for article in articles:
        for section in article.sections:
            if wanted and wanted in normalize(section.heading):
                return article, section
    return None


def matching_sections(
    articles: list[Article], typed: str, limit: int = 25
) -> list[tuple[Article, Section]]:
    """Sections for autocomplete: all in reading order when nothing is typed, else those that match."""
    wanted = normalize(_typed_path(typed))
    found: list[tuple[int, int, Article, Section]] = []
    for a_index, article in enumerate(articles):
        for section in article.sections:
            haystack = normalize(section.path) + "|" + normalize(section.heading) + "|" + section.id
            if not wanted:
                rank = 1
            elif haystack.startswith(wanted) or normalize(section.path).replace(
                "第", ""
            ).startswith(wanted):
                rank = 0
            elif wanted in haystack:
                rank = 1
            else:
                continue
            found.append((rank, a_index * 1000 + section.ordinal, article, section))
    found.sort(key=lambda item: (item[0], item[1]))
    return [(article, section) for _, _, article, section in found[:limit]]


def summary(article: Article, section: Section, *, max_chars: int = 400) -> str:
    """The section's opening sentences (its own first paragraph, else its first sub-section's)."""
    paragraphs = article.paragraphs_of(section.id) or article.paragraphs_of(
        section.id, recursive=True
    )
    if not paragraphs:
        return ""
    text = ""
    for sentence in split_sentences(paragraphs[0].text):
        if text and len(text) + len(sentence) > max_chars:
            break
        text += sentence
    return text[:max_chars]


def facts_of(article: Article, section: Section) -> list[KeyFact]:
    ids = {section.id} | {s.id for s in article.descendants(section.id)}
    return [fact for fact in article.facts if fact.section_id in ids]
