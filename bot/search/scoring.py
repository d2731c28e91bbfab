"""How well one folded paragraph answers a parsed query: a 0-100 score and the spans to highlight.

Two views; the phrase view answers when it applies, the cover view otherwise:

* **phrase**: the whole query as one string. Exact containment scores 100. Otherwise the best
  window of rapidfuzz `partial_ratio` (Indel distance, so a wrong, missing, extra or swapped
  character costs about one edit) is accepted when the edits it implies, `len * (1 - ratio)`,
  are within the length-scaled tolerance `allowed_edits` (none for 1-3 characters, where one
  wrong character leaves almost nothing). Numbers must appear as typed.
* **cover**: the terms, anywhere in the paragraph. A term is met by any of its alternatives, or
  partly by the longest pieces (two characters or more) of its text found in the paragraph. The
  covered share is weighted by character rarity, so matching `的` or `日本` says little while an
  unmatched rare or unseen character (`碳`) says a lot. Fragmentation and distance between the
  pieces cost a few points (keywords far apart in one paragraph still match); several different
  pieces within one clause earn a few (a paraphrase keeps some of the sentence's words).
  A cover match scores at most 99: 100 is kept for the reader's words verbatim.

Scores at or above `CONFIDENT` are answers; below, the query is treated as not found. The
threshold and weights were set on tests/search/labelled_queries.yaml and checked on a held-out
set (tests/search/holdout_queries.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.search.query import ParsedQuery

CONFIDENT = 70.0
_MAX_OCCURRENCES = 12
_NEAR = 12
_CLUSTER = 60
_MAX_BONUS = 12.0
_COVER_CAP = 99.0  # 100 means the reader's words verbatim; a cover match is never quite that
_NUMBER = re.compile(r"\d+")


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
    """A paragraph's answer to a query, in folded coordinates."""

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


def phrase_cutoff(phrase: str) -> float | None:
    """Lowest `partial_ratio` that is within the tolerated edits; None when none are tolerated."""
    edits = allowed_edits(len(phrase))
    if not phrase or edits == 0:
        return None
    return 100.0 * (1.0 - (edits + 0.5) / len(phrase))


def exact_match(phrase: str, text: str) -> Match | None:
    """Every occurrence of the whole phrase (the reader's own words, folded)."""
    positions = _occurrences(text, phrase) if phrase else []
    if not positions:
        return None
    return Match(100.0, [(p, p + len(phrase)) for p in positions], len(positions), True)


def fuzzy_match(phrase: str, text: str) -> Match | None:
    """Typo-tolerant containment of the whole phrase: the best window within tolerance.

    Numbers are facts, not spelling: every number of the phrase must appear in the window as
    typed (`2012年底` does not find `2018年底`).
    """
    cutoff = phrase_cutoff(phrase)
    if cutoff is None:
        return None
    found = fuzz.partial_ratio_alignment(phrase, text, score_cutoff=cutoff)
    if found is None or found.score < cutoff:
        return None
    start, end = _widen(phrase, text, found.dest_start, found.dest_end)
    window = text[start:end]
    if any(number not in window for number in _NUMBER.findall(phrase)):
        return None
    return Match(float(found.score), [(start, end)] if end > start else [], 1, False)


def _widen(phrase: str, text: str, start: int, end: int) -> tuple[int, int]:
    """partial_ratio's window has the phrase's length; a phrase missing (or adding) a character
    matches a longer (or shorter) stretch: move either end by one when that fits better."""
    best = fuzz.ratio(phrase, text[start:end])
    for a, b in (
        (start, end + 1),
        (start - 1, end),
        (start - 1, end + 1),
        (start + 1, end),
        (start, end - 1),
    ):
        if 0 <= a < b <= len(text):
            score = fuzz.ratio(phrase, text[a:b])
            if score > best:
                best, start, end = score, a, b
    return start, end


def phrase_match(phrase: str, text: str) -> Match | None:
    """Exact, else typo-tolerant, containment of the whole phrase."""
    return exact_match(phrase, text) or fuzzy_match(phrase, text)


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
    for _, end, group in events:
        if counts[group] == 0:
            have += 1
        counts[group] += 1
        while have == need:
            start_left, _, group_left = events[left]
            best = min(best, end - start_left)  # ends nearly align: pieces are short
            counts[group_left] -= 1
            if counts[group_left] == 0:
                have -= 1
            left += 1
    return max(0, best)


def _near(text: str, ch: str, groups: list[list[tuple[int, int]]]) -> bool:
    """Whether `ch` occurs within `_NEAR` characters of some matched piece."""
    for group in groups:
        for start, end in group[:3]:
            if ch in text[max(0, start - _NEAR) : end + _NEAR]:
                return True
    return False


def cover_match(
    query: ParsedQuery,
    text: str,
    char_weight: Callable[[str], float],
    floor: float = 0.0,
) -> Match | None:
    """Weighted share of the query's terms found anywhere in the paragraph.

    Characters of a text piece not found in any two-character match still earn half their
    weight when they occur right next to a matched piece: a paraphrase shares single
    characters with the sentence it restates (`驻军费用` ~ `驻日美军费用`). A paragraph that
    cannot reach `floor` even with every bonus is dropped before the costly part.
    """
    total = 0.0
    covered = 0.0
    found: list[list[str]] = []  # per matched term or piece: the strings that matched
    loose: list[str] = []
    for term in query.terms:
        total += term.weight
        hits = [alt for alt in term.alternatives if alt in text]
        if hits:
            covered += term.weight
            found.append(hits)  # every form present is highlighted (高尔夫球, 高尔夫外交)
            continue
        if not term.piece:
            continue
        done = 0
        for start, end in _pieces(term.piece, text):
            loose.extend(term.piece[done:start])
            done = end
            segment = term.piece[start:end]
            covered += sum(char_weight(c) for c in segment)
            found.append([segment])
        loose.extend(term.piece[done:])
    if total <= 0 or not found:
        return None
    loose_weight = 0.5 * sum(char_weight(c) for c in loose)
    if 100.0 * (covered + loose_weight) / total + _MAX_BONUS < floor:
        return None
    groups = [
        sorted((p, p + len(f)) for f in forms for p in _occurrences(text, f)) for forms in found
    ]
    occurrences = sum(len(g) for g in groups)
    covered += sum(0.5 * char_weight(c) for c in loose if _near(text, c, groups))
    share = min(1.0, covered / total)
    fragments = max(0, len(groups) - len(query.terms))
    solid_groups = [g for g in groups if g and g[0][1] - g[0][0] > 1]
    window = _min_window(solid_groups)
    distance_cost = min(8.0, max(0.0, window - 40) / 30.0)
    # several different pieces within one clause: the idea is there even if the words differ
    solid = len(solid_groups)
    bonus = min(_MAX_BONUS, 4.0 * (solid - 1)) if solid > 1 and window <= _CLUSTER else 0.0
    score = 100.0 * share - 3.0 * fragments - distance_cost + bonus
    spans = [span for group in groups for span in group]
    return Match(min(_COVER_CAP, max(0.0, score)), spans, occurrences, False)


def score_paragraph(
    query: ParsedQuery, text: str, char_weight: Callable[[str], float]
) -> Match | None:
    """The phrase view when the phrase is there (exactly or within tolerance), else the cover."""
    return score_many(query, [text], char_weight)[0]


def score_many(
    query: ParsedQuery,
    texts: Sequence[str],
    char_weight: Callable[[str], float],
    floor: float = 0.0,
) -> list[Match | None]:
    """`score_paragraph` for a shortlist, with the typo-tolerant pass done in one C-level call.

    A paragraph holding the phrase (exactly or within tolerance) is scored by the phrase: it is
    the better explanation, and skipping the cover there keeps a 20,000-paragraph search fast.
    Cover matches that cannot reach `floor` may be returned as None.
    """
    phrase = query.phrase
    cutoff = phrase_cutoff(phrase)
    near: set[int] = set()
    if cutoff is not None:
        found = process.extract(
            phrase, texts, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None
        )
        near = {index for _, _, index in found}
    results: list[Match | None] = []
    for index, text in enumerate(texts):
        match = exact_match(phrase, text)
        if match is None and index in near:
            match = fuzzy_match(phrase, text)
        if match is None and query.terms:
            match = cover_match(query, text, char_weight, floor)
        results.append(match)
    return results
