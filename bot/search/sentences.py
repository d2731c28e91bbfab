"""Sentence boundaries in display text, for excerpt windows.

A sentence ends at `。！？；` (and their ASCII forms), together with any closing quotes or brackets
that follow (`。”`, `？）`, `……”`). An ASCII `.` ends a sentence only when it is not inside a
number (`3.7万人`) or an abbreviation (`U.S.`): it must follow a non-digit and be followed by the
end of the text, a space or a non-Latin character.
"""

from __future__ import annotations

_ENDERS = frozenset("。！？；!?;")
_CLOSERS = frozenset("”’」』）)》】〕\"'")


def _is_full_stop(text: str, index: int) -> bool:
    ch = text[index]
    if ch in _ENDERS:
        return True
    if ch != ".":
        return False
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False
    if after == "" or after.isspace():
        return not (before.isascii() and before.isalpha() and len(before) == 1)
    return not after.isascii()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """`[start, end)` of every sentence, covering `text` without gaps (leading spaces included)."""
    spans: list[tuple[int, int]] = []
    start = 0
    index = 0
    length = len(text)
    while index < length:
        if _is_full_stop(text, index):
            end = index + 1
            while end < length and (text[end] in _CLOSERS or text[end] in _ENDERS):
                end += 1
            spans.append((start, end))
            start = end
            index = end
        else:
            index += 1
    if start < length:
        if text[start:].strip():
            spans.append((start, length))
        elif spans:
            spans[-1] = (spans[-1][0], length)
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences themselves (a convenience for tests and the synthetic benchmark library)."""
    return [text[a:b] for a, b in sentence_spans(text)]
