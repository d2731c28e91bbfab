"""Which sections a reading plan walks through, and finding a section from what a moderator typed.

A plan is one session per *reading unit*, in reading order:

- the abstract is left out: it summarises the whole article, so it is nothing to read in a week;
- an unnumbered or childless top-level section (引言, 结语) is one unit;
- a numbered part with sub-sections (一、… with （一）（二）（三）, or 二、… with 第一…第五) is split into
  its sub-sections, each one unit together with its own points (三（一） keeps 第一-第三 with it).

Depth-2 sections are the natural weekly reading: a top-level part runs to a dozen long paragraphs,
while a depth-3 point is often a single paragraph. A part's own paragraphs are read with the
sub-section next to them (its lead with the first, a closing remark with the one it follows; see
`starter.absorbed_paragraphs`), so a plan reads every paragraph of the article exactly once.
"""

from __future__ import annotations

import unicodedata

from bot.content.article_format import ABSTRACT_SECTION_ID
from bot.content.model import Article, Section

_IGNORED = str.maketrans("", "", " \t()（）[]【】、，,.。·:：/／-_")


def plan_units(article: Article) -> list[Section]:
    """The sections a whole-article plan opens, in reading order (see the module docstring)."""
    units: list[Section] = []
    for top in article.children(None):
        if top.id == ABSTRACT_SECTION_ID:
            continue
        children = article.children(top.id)
        units.extend(children or [top])
    return [s for s in units if article.paragraphs_of(s.id, recursive=True)]


def units_from(article: Article, section_id: str | None) -> list[Section]:
    """The plan's units starting with the one that holds `section_id` (or the first after it).

    Choosing a part (一) starts at its first sub-section; choosing a point (三（一）第二) starts at
    the sub-section it belongs to, so a plan never opens a fragment of a unit.
    """
    units = plan_units(article)
    if section_id is None:
        return units
    wanted = article.section(section_id)
    for index, unit in enumerate(units):
        inside = {unit.id} | {d.id for d in article.descendants(unit.id)}
        if wanted.id in inside or wanted.ordinal <= unit.ordinal:
            return units[index:]
    return []


def ancestors(article: Article, section: Section) -> list[Section]:
    """Outermost first; empty for a top-level section."""
    chain: list[Section] = []
    parent_id = section.parent_id
    while parent_id is not None:
        parent = article.section(parent_id)
        chain.append(parent)
        parent_id = parent.parent_id
    return chain[::-1]


def display_name(article: Article, section: Section) -> str:
    """`一 · （一）日美同盟是…`: the heading, prefixed by the numbers of the parts it sits in."""
    labels = [a.label or a.heading for a in ancestors(article, section)]
    return " · ".join([*labels, section.heading])


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().translate(_IGNORED)


def _keys(article: Article, section: Section) -> list[str]:
    return [_fold(section.id), _fold(section.path), _fold(display_name(article, section))]


def search_sections(article: Article, query: str, limit: int) -> list[Section]:
    """Sections matching typed text: exact id or number path first, then prefixes, then other
    heading matches, then sections whose own paragraphs contain the text.

    Spaces, brackets and punctuation are ignored and full-width forms folded, so `一(一)`, `一/（一）`
    and `s1-1` all find the same section. An empty query lists sections in reading order.
    """
    needle = _fold(query)
    sections = list(article.sections)
    if not needle:
        return sections[:limit]
    ranked: list[tuple[int, int, Section]] = []
    for section in sections:
        keys = _keys(article, section)
        if needle in keys[:2]:
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
    if found and _fold(text) in _keys(article, found[0])[:2]:
        return found[0]
    return None
