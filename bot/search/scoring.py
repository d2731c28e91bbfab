"""How well one folded paragraph answers a parsed query: a 0-100 score and the spans to highlight.

Two views, the better one wins:

* **phrase**: the whole query as one string. Exact containment scores 100. Otherwise the best
  window of rapidfuzz `partial_ratio` (Indel distance, so a wrong, missing, extra or swapped
  character costs about one edit) gives an edit estimate `len * (1 - ratio)`; it counts only when
  within the length-scaled tolerance `allowed_edits` (none for 1-3 characters, where one wrong
  character leaves almost nothing).
* **cover**: the terms, anywhere in the paragraph. A term is met by any of its alternatives, or
  partly by the longest pieces (two characters or more) of its text found in the paragraph. The
  covered share is weighted by character rarity, so matching `的` or `日本` says little while an
  unmatched rare character (`碳`) says a lot. Fragmentation and distance between the pieces cost
  a few points: keywords far apart in one paragraph still match, close ones match better.

Scores at or above `CONFIDENT` are answers; below, the query is treated as not found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.search.query import ParsedQuery

CONFIDENT = 70.0
_MAX_OCCURRENCES = 12
_NEAR = 12
_CLUSTER = 60


def allowed_edits(length: int) -> int:
    """Typos tolerated in a phrase of `length` folded characters."""
    if length <= 3:
        return 0
    if length <= 7:
        return 1
    if length <= 15:
        return 2
    return length // 8


@dataclass(slots=True)
class Match:
    score: float
    spans: list[tuple[int, int]]  # folded spans worth highlighting
    occurrences: int  # how often the phrase or the pieces occur: a tie-breaker
    exact: bool


def _occurrences(text: str, needle: str, limit: int = _MAX_OCCURRENCES) -> list[int]:
    found: list[int] = []
    start = text.find(needle)
    while start >= 0 and len(found) < limit:
        found.append(start)
        start = text.find(needle, start + len(needle))
    return found


def phrase_match(phrase: str, text: str) -> Match | None:
    """Exact or typo-tolerant containment of the whole phrase."""
    if not phrase:
        return None
    positions = _occurrences(text, phrase)
    if positions:
        spans = [(p, p + len(phrase)) for p in positions]
        return Match(100.0, spans, len(positions), True)
    length = len(phrase)
    edits = allowed_edits(length)
    if edits == 0:
        return None
    cutoff = 100.0 * (1.0 - (edits + 0.5) / length)
    found = fuzz.partial_ratio_alignment(phrase, text, score_cutoff=cutoff)
    if found is None or found.score < cutoff:
        return None
    start, end = found.dest_start, found.dest_end  # dest is always the second argument
    return Match(float(found.score), [(start, end)] if end > start else [], 1, False)


def _pieces(piece: str, text: str) -> list[tuple[int, int]]:
    """Greedy leftmost-longest split of `piece` into substrings of `text` (>= 2 characters).

    Returns the `[start, end)` ranges within `piece` that were found; the rest is uncovered.
    """
    if len(piece) <= 2:
        return [(0, len(piece))] if piece in text else []
    found: list[tuple[int, int]] = []
    i = 0
    n = len(piece)
    while i < n - 1:
        j = i + 2
        if piece[i:j] not in text:
            i += 1
            continue
        while j < n and piece[i : j + 1] in text:
            j += 1
        found.append((i, j))
        i = j
    return found


def _min_window(groups: list[list[tuple[int, int]]]) -> int:
    """Length of the shortest span of `text` that holds one occurrence from every group.

    Single characters are left out by the caller: `和` occurs everywhere and proves nothing.
    """
    if len(groups) <= 1:
        return 0
    events = sorted((start, end, g) for g, spans in enumerate(groups) for start, end in spans)
    need = len(groups)
    counts = [0] * need
    have = 0
    best = 1 << 30
    left = 0
    for right, (_, end, group) in enumerate(events):
        if counts[group] == 0:
            have += 1
        counts[group] += 1
        while have == need:
            start_left, _, group_left = events[left]
            window_end = max(e for _, e, _ in events[left : right + 1])
            best = min(best, window_end - start_left)
            counts[group_left] -= 1
            if counts[group_left] == 0:
                have -= 1
            left += 1
    return best


def _near(text: str, ch: str, groups: list[list[tuple[int, int]]]) -> bool:
    """Whether `ch` occurs within `_NEAR` characters of some matched piece."""
    for group in groups:
        for start, end in group[:3]:
            if ch in text[max(0, start - _NEAR) : end + _NEAR]:
                return True
    return False


def cover_match(query: ParsedQuery, text: str, char_weight: Callable[[str], float]) -> Match | None:
    """Weighted share of the query's terms found anywhere in the paragraph.

    Characters of a text piece not found in any two-character match still earn half their
    weight when they occur right next to a matched piece: a paraphrase shares single
    characters with the sentence it restates (`驻军费用` ~ `驻日美军费用`).
    """
    total = 0.0
    covered = 0.0
    groups: list[list[tuple[int, int]]] = []
    loose: list[str] = []
    occurrences = 0
    for term in query.terms:
        total += term.weight
        hit = next((alt for alt in term.alternatives if alt in text), None)
        if hit is not None:
            positions = _occurrences(text, hit)
            covered += term.weight
            groups.append([(p, p + len(hit)) for p in positions])
            occurrences += len(positions)
            continue
        if not term.piece:
            continue
        done = 0
        for start, end in _pieces(term.piece, text):
            loose.extend(term.piece[done:start])
            done = end
            segment = term.piece[start:end]
            positions = _occurrences(text, segment)
            covered += sum(char_weight(c) for c in segment)
            groups.append([(p, p + len(segment)) for p in positions])
            occurrences += len(positions)
        loose.extend(term.piece[done:])
    if total <= 0 or not groups:
        return None
    covered += sum(0.5 * char_weight(c) for c in loose if _near(text, c, groups))
    share = min(1.0, covered / total)
    fragments = max(0, len(groups) - len(query.terms))
    window = _min_window([g for g in groups if g and g[0][1] - g[0][0] > 1])
    distance_cost = min(8.0, max(0.0, window - 40) / 30.0)
    # several different pieces within one clause: the idea is there even if the words differ
    solid = sum(1 for g in groups if g and g[0][1] - g[0][0] > 1)
    cluster_bonus = min(12.0, 4.0 * (solid - 1)) if solid > 1 and window <= _CLUSTER else 0.0
    score = 100.0 * share - 3.0 * fragments - distance_cost + cluster_bonus
    spans = [span for group in groups for span in group]
    return Match(min(100.0, max(0.0, score)), spans, occurrences, False)


def score_paragraph(
    query: ParsedQuery, text: str, char_weight: Callable[[str], float]
) -> Match | None:
    """The better of the phrase and cover views, or None when neither finds anything."""
    phrase = phrase_match(query.phrase, text)
    if phrase is not None and phrase.exact:
        return phrase
    cover = cover_match(query, text, char_weight) if query.terms else None
    if phrase is None:
        return cover
    if cover is None or phrase.score >= cover.score:
        return phrase
    return cover
