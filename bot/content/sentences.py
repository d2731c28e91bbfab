"""Sentence boundaries in display text, for excerpt windows.

A sentence ends at `。！？；` (and their ASCII forms), together with any closing quotes or brackets
that follow (`。”`, `？）`, `……”`). An ASCII `.` ends a sentence only when it is not inside a
number (`3.7万人`) or an abbreviation (`U.S.`): it must not sit between two digits, and must be
followed by the end of the text, a space or a non-Latin character.
"""

from __future__ import annotations

import re
from functools import lru_cache

ELLIPSIS = "…"
_END = re.compile(r"[。！？；!?;.][。！？；!?;”’」』）)》】〕\"']*")


def _is_full_stop(text: str, index: int) -> bool:
    """Whether the ASCII `.` at `index` ends a sentence."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False
    if after == "" or after.isspace():
        return not (before.isascii() and before.isalpha() and len(before) == 1)
    return not after.isascii()


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """`[start, end)` of every sentence, covering `text` without gaps (leading spaces included)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if text[match.start()] == "." and not _is_full_stop(text, match.start()):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        if text[start:].strip() or not spans:
            spans.append((start, len(text)))
        else:
            spans[-1] = (spans[-1][0], len(text))
    return tuple(spans)


def split_sentences(text: str) -> list[str]:
    """The sentences themselves (a convenience for tests and the synthetic benchmark library)."""
    return [text[a:b] for a, b in sentence_spans(text)]


def clip(text: str, limit: int) -> str:
    """`text` stripped, cut to at most `limit` characters with an ellipsis marking the cut (for
    Discord's length limits on names, descriptions and excerpts)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS
