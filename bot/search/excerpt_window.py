"""Excerpts in the reader's own words: the best sentence window of a paragraph, and one-line snippets.

A paragraph of this article runs to 1,700 characters; a hit shows the few sentences that hold the
match (at most `MAX_EXCERPT` characters), chosen to contain as many different matched pieces as
possible, then padded with neighbouring sentences up to `SOFT_EXCERPT` for context. Highlights are
`[start, end)` spans within the excerpt. Nothing here knows about Discord: callers choose how to
mark spans (`mark`) and how wide a snippet may be (`snippet`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from bot.content.sentences import sentence_spans

MAX_EXCERPT = 300
SOFT_EXCERPT = 160
ELLIPSIS = "…"
_MAX_SENTENCES = 4

Span = tuple[int, int]


def merge_spans(spans: Sequence[Span]) -> list[Span]:
    """Sorted, non-overlapping, non-empty spans."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _clip(spans: Sequence[Span], start: int, end: int, shift: int) -> list[Span]:
    clipped = [(max(s, start) - start + shift, min(e, end) - start + shift) for s, e in spans]
    return merge_spans([s for s in clipped if s[1] > s[0]])


def best_window(text: str, spans: Sequence[Span]) -> tuple[int, int]:
    """`[start, end)` of the sentence run (<= MAX_EXCERPT chars if possible) that holds most matches.

    "Most" = most different matched strings, then most matched characters, then shortest.
    """
    sentences = sentence_spans(text) or ((0, len(text)),)
    starts = [start for start, _ in sentences]
    # per sentence: the matched strings it holds and how many matched characters
    keys: list[set[str]] = [set() for _ in sentences]
    chars = [0] * len(sentences)
    for s, e in spans:
        k = max(0, bisect_right(starts, s) - 1)
        while k < len(sentences) and sentences[k][0] < e:
            lo, hi = max(s, sentences[k][0]), min(e, sentences[k][1])
            if hi > lo:
                keys[k].add(text[s:e])
                chars[k] += hi - lo
            k += 1
    best: tuple[tuple[int, int, int], int, int] | None = None
    for i in range(len(sentences)):
        if not chars[i] and best is not None:
            continue  # a window worth having starts at a sentence with a match
        seen: set[str] = set()
        total = 0
        for j in range(i, min(len(sentences), i + _MAX_SENTENCES)):
            length = sentences[j][1] - sentences[i][0]
            if length > MAX_EXCERPT and j > i:
                break
            seen |= keys[j]
            total += chars[j]
            key = (len(seen), total, -length)
            if best is None or key > best[0]:
                best = (key, i, j)
    assert best is not None
    _, i, j = best
    # pad with neighbours (after first, then before) while the excerpt stays short
    while True:
        start, end = sentences[i][0], sentences[j][1]
        if j + 1 < len(sentences) and sentences[j + 1][1] - start <= SOFT_EXCERPT:
            j += 1
        elif i > 0 and end - sentences[i - 1][0] <= SOFT_EXCERPT:
            i -= 1
        else:
            break
    return sentences[i][0], sentences[j][1]


def make_excerpt(text: str, spans: Sequence[Span]) -> tuple[str, int, list[Span]]:
    """The excerpt, its offset in `text`, and the highlight spans relative to the excerpt.

    A single sentence longer than `MAX_EXCERPT` is cut around the first match, with `…` marks.
    """
    spans = merge_spans(spans)
    start, end = best_window(text, spans)
    while start < end and text[start].isspace():
        start += 1
    if end - start <= MAX_EXCERPT:
        return text[start:end], start, _clip(spans, start, end, 0)
    inside = [s for s in spans if s[0] < end and s[1] > start]
    anchor = inside[0][0] if inside else start
    cut_start = max(start, min(anchor - MAX_EXCERPT // 5, end - MAX_EXCERPT + 2))
    for k in range(cut_start, min(anchor, cut_start + 30)):
        if text[k] in "，、；：,;:":
            cut_start = k + 1
            break
    cut_end = min(end, cut_start + MAX_EXCERPT - 2)
    prefix = ELLIPSIS if cut_start > start else ""
    suffix = ELLIPSIS if cut_end < end else ""
    excerpt = prefix + text[cut_start:cut_end] + suffix
    return excerpt, cut_start - len(prefix), _clip(spans, cut_start, cut_end, len(prefix))


def mark(text: str, spans: Sequence[Span], opening: str = "【", closing: str = "】") -> str:
    """`text` with every span wrapped in markers (`**`/`**` for Discord, `【`/`】` for a terminal)."""
    out: list[str] = []
    last = 0
    for start, end in merge_spans(spans):
        out.append(text[last:start])
        out.append(opening + text[start:end] + closing)
        last = end
    out.append(text[last:])
    return "".join(out)


def snippet(text: str, spans: Sequence[Span], width: int) -> str:
    """At most `width` characters of one line from `text`, starting at the first highlighted span.

    On a phone only the start of a choice shows, so the window opens at the match itself, never
    inside a number or a Latin word (`2012年底`, not `12年底`), and never ends inside one either.
    """
    flat = " ".join(text.split())
    if width <= 0:
        return ""
    if len(flat) <= width:
        return flat
    if len(flat) != len(text):  # whitespace collapsed: the spans no longer line up
        spans = []
    start = _word_start(flat, spans[0][0]) if spans else 0
    room = width - (1 if start == 0 else 2)  # an ellipsis at each end that cuts
    start = max(0, min(start, len(flat) - room))
    start = _word_start(flat, start)
    end = min(len(flat), start + room)
    if end < len(flat):
        end = _word_end_before(flat, start, end)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(flat) else ""
    return prefix + flat[start:end] + suffix


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".-'")


def _word_start(text: str, index: int) -> int:
    """`index`, moved back to the start of the number or Latin word it falls inside."""
    while 0 < index < len(text) and _is_word_char(text[index]) and _is_word_char(text[index - 1]):
        index -= 1
    return index


def _word_end_before(text: str, start: int, end: int) -> int:
    """`end`, moved back so that the window does not stop inside a number or Latin word (unless
    that word alone is wider than the window)."""
    cut = end
    while cut > start and _is_word_char(text[cut - 1]) and _is_word_char(text[cut]):
        cut -= 1
    return cut if cut > start else end
