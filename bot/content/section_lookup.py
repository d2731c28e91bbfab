"""Finding sections by what a reader types (`二/第三`, `2/3`, `结语`, words of a heading), and
summarising them. Shared by /section, /fact, /quiz and /discuss; no Discord code.
"""

from __future__ import annotations

import re
import unicodedata

from bot.content.model import Article, KeyFact, Section
from bot.content.sentences import split_sentences

_IGNORED = str.maketrans("", "", " \t()（）[]【】、，,.。·:：/／-_")
_PATH_LIKE = re.compile(r"^[\s0-9０-９一二三四五六七八九十第()（）/／.·、-]+$")
_DIGITS = str.maketrans("1234567890", "一二三四五六七八九〇")


def summary(article: Article, section: Section, *, max_chars: int = 400) -> str:
    """The section's opening sentences (its own first paragraph, else its first sub-section's)."""
    paragraphs = article.paragraphs_of(section.id) or article.paragraphs_of(
        section.id, recursive=True
    )
    if not paragraphs:
        return ""
    text = ""
    # a point's heading is its lead sentence: a summary that opened with it would say it twice
    # (and when that sentence is the whole first paragraph, the summary starts at the next one)
    lead = section.heading.rstrip("…。").strip()
    sentences = [s for p in paragraphs[:2] for s in split_sentences(p.text)]
    for sentence in sentences:
        if not text and lead and sentence.strip().startswith(lead):
            continue
        if text and len(text) + len(sentence) > max_chars:
            break
        text += sentence
    return text[:max_chars]


def facts_of(article: Article, section: Section) -> list[KeyFact]:
    ids = {section.id} | {s.id for s in article.descendants(section.id)}
    return [fact for fact in article.facts if fact.section_id in ids]


def ancestors(article: Article, section: Section) -> list[Section]:
    """Outermost first; empty for a top-level section."""
    chain: list[Section] = []
    parent_id = section.parent_id
    while parent_id is not None:
        parent = article.section(parent_id)
        chain.append(parent)
        parent_id = parent.parent_id
    return chain[::-1]


def nested_heading(article: Article, section: Section) -> str:
    """`一 · （一）日美同盟是…`: the heading, prefixed by the numbers of the parts it sits in; a
    matching key for typed names (never shown: `content.naming` names sections for people)."""
    labels = [a.label or a.heading for a in ancestors(article, section)]
    return " · ".join([*labels, section.heading])


def fold_for_matching(text: str) -> str:
    """Width, case, spaces and punctuation folded away: how typed names are compared."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_IGNORED)


_fold = fold_for_matching


def _fold_query(text: str) -> str:
    """Like `_fold`, and a typed number path in Arabic digits reads as Chinese: `2/3` -> `二三`."""
    folded = unicodedata.normalize("NFKC", text)
    if _PATH_LIKE.match(folded) and any(ch.isdigit() for ch in folded):
        folded = folded.translate(_DIGITS)
    return _fold(folded)


def _keys(article: Article, section: Section) -> list[str]:
    """id, number path, the path without 第 (so `二三` finds 二/第三), and the full display name."""
    path = _fold(section.path)
    return [
        _fold(section.id),
        path,
        path.replace("第", ""),
        _fold(nested_heading(article, section)),
    ]


def search_sections(article: Article, query: str, limit: int) -> list[Section]:
    """Sections matching typed text: exact id or number path first, then prefixes, then other
    heading matches, then sections whose own paragraphs contain the text.

    Spaces, brackets and punctuation are ignored and full-width forms folded, so `一(一)`, `一/（一）`
    and `s1-1` all find the same section. An empty query lists sections in reading order.
    """
    needle = _fold_query(query)
    sections = list(article.sections)
    if not needle:
        return sections[:limit]
    ranked: list[tuple[int, int, Section]] = []
    for section in sections:
        keys = _keys(article, section)
        if needle in keys[:3]:
            rank = 0
        elif any(k.startswith(needle) for k in keys):
            rank = 1
        elif any(needle in k for k in keys):
            rank = 2
        elif any(needle in _fold(p.text) for p in article.paragraphs_of(section.id)):
            rank = 3  # a word of its text: `高尔夫` finds the point about golf diplomacy
        else:
            continue
        ranked.append((rank, section.ordinal, section))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [section for _, _, section in ranked[:limit]]


def resolve_section(article: Article, text: str) -> Section | None:
    """The section a submitted option value means: an autocomplete id, or one unambiguous match."""
    text = text.strip()
    for section in article.sections:
        if section.id == text:
            return section
    found = search_sections(article, text, limit=2) if _fold(text) else []
    if len(found) == 1:
        return found[0]
    if found and _fold_query(text) in _keys(article, found[0])[:3]:
        return found[0]
    return None
