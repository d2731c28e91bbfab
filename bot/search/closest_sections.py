"""Closest section titles, offered when a lookup finds no confident passage.

A section is close when its heading resembles the query (rapidfuzz `partial_ratio` on folded text,
which handles containment of a short query in a long heading), or when its paragraphs matched the
query partly (scores below the confident threshold still say where the topic lives). With no clue
at all the top-level sections are returned, so the reader always has a place to start.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from bot.content.model import Article, Section
from bot.search.normalize import normalize
from bot.search.query import ParsedQuery

_HEADING_MIN = 60.0
_PARAGRAPH_MIN = 25.0
_SUMMARY = frozenset({"abstract"})


def _heading_score(needles: list[str], heading: str) -> float:
    folded = normalize(heading)
    if not folded:
        return 0.0
    best = 0.0
    for needle in needles:
        if len(needle) < 2:
            continue
        score = fuzz.partial_ratio(needle, folded)
        # a long query against a short heading: partial_ratio would flatter it
        score *= min(1.0, len(folded) / max(len(needle), 1) * 2)
        best = max(best, score)
    return best


def rank_sections(
    parsed: ParsedQuery,
    sections: Sequence[tuple[Article, Section]],
    paragraph_scores: Mapping[tuple[str, str], float],
    limit: int,
) -> list[Section]:
    """The `limit` closest sections; `paragraph_scores` maps (slug, section id) to the best
    paragraph score of that section, confident or not."""
    needles: list[str] = []
    if parsed.phrase:
        needles.append(parsed.phrase)
    for term in parsed.terms:
        needles.extend(term.alternatives or (term.piece,))
    scored: list[tuple[float, int, Section]] = []
    for order, (article, section) in enumerate(sections):
        if section.id in _SUMMARY:
            continue
        heading = _heading_score(needles, section.heading) if needles else 0.0
        heading = heading if heading >= _HEADING_MIN else 0.0
        para = paragraph_scores.get((article.meta.slug, section.id), 0.0)
        para = para if para >= _PARAGRAPH_MIN else 0.0
        score = max(heading, para)
        if score > 0:
            scored.append((score, order, section))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen = [section for _, _, section in scored[:limit]]
    if chosen:
        return chosen
    return [s for _, s in sections if s.depth == 1 and s.id not in _SUMMARY][:limit]
