"""Search normalisation: one folded form for corpus and queries, with a map back to display text.

Readers type traditional characters, full-width digits, `，` or `。`, spaces between words and
English in any case; the article is simplified Chinese with half-width digits. Both sides go
through the same per-character fold, so the comparison is insensitive to all of that:

* NFKC folds width (`２０１２` → `2012`, `ＴＰＰ` → `TPP`);
* OpenCC `t2s` folds traditional to simplified, one character at a time. Phrase-level conversion
  would be more idiomatic, but it can change the length of a run and a per-character fold is the
  same function on both sides, which is all matching needs;
* `casefold()` folds Latin case;
* everything that is not a letter or a digit (spaces, punctuation, quotes, dashes, `·`) is dropped,
  so `F-35` = `F35` = `f 35` and `“印太”战略` = `印太战略`.

The folded text keeps no punctuation, so it is never shown: `normalize_with_map` also returns, for
each folded character, the index of the display character it came from, which turns a match in the
folded text into a span of the reader's own words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
_ALNUM_RUN = re.compile(r"[^\W_]+")  # what str.isalnum() accepts, in runs


def _fold_char(ch: str) -> str:
    """The folded form of one display character: usually one character, sometimes none or more."""
    folded = unicodedata.normalize("NFKC", ch)
    if any(not c.isascii() for c in folded):
        folded = _T2S.convert(folded)
    folded = folded.casefold()
    return "".join(c for c in folded if c.isalnum())


class _FoldTable(dict[int, str | None]):
    """A `str.translate` table that folds each character on first sight and remembers it.

    The article uses a few thousand distinct characters, so after warm-up every call is a C-level
    `translate` over a dict, about 20x faster than folding character by character in Python.
    """

    def __missing__(self, codepoint: int) -> str | None:
        folded = _fold_char(chr(codepoint)) or None
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()


def normalize(text: str) -> str:
    """The folded form of `text` used for indexing and matching (never shown to readers)."""
    return text.translate(_TABLE)


def fold_char(ch: str) -> str:
    """The folded form of a single character ('' when it is punctuation or space)."""
    return _TABLE[ord(ch)] or ""


def _slow_map(text: str) -> tuple[str, list[int]]:
    parts: list[str] = []
    offsets: list[int] = []
    table = _TABLE
    for index, ch in enumerate(text):
        folded = table[ord(ch)]
        if folded:
            parts.append(folded)
            offsets.extend([index] * len(folded))
    return "".join(parts), offsets


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Folded text plus, for every folded character, the index of its source character in `text`.

    A folded span `[a, b)` is the display span `[offsets[a], offsets[b - 1] + 1)`. Fast path:
    folding keeps letters and digits one for one and drops everything else, so the map is the
    positions of the runs of letters and digits; a run that folds to another length (`ﬁ` → `fi`)
    sends the whole text down the per-character path.
    """
    parts: list[str] = []
    offsets: list[int] = []
    for run in _ALNUM_RUN.finditer(text):
        folded = run[0].translate(_TABLE)
        if len(folded) != run.end() - run.start():
            return _slow_map(text)
        parts.append(folded)
        offsets.extend(range(run.start(), run.end()))
    folded_text = "".join(parts)
    if len(folded_text) != len(text.translate(_TABLE)):
        return _slow_map(text)  # something outside the runs folded to a letter or digit
    return folded_text, offsets


@lru_cache(maxsize=1024)
def cached_map(text: str) -> tuple[str, tuple[int, ...]]:
    """`normalize_with_map` for paragraphs shown again and again (autocomplete re-renders hits)."""
    folded, offsets = normalize_with_map(text)
    return folded, tuple(offsets)


def to_display_span(offsets: tuple[int, ...] | list[int], start: int, end: int) -> tuple[int, int]:
    """Map a folded span `[start, end)` to the display span that covers the same characters."""
    return offsets[start], offsets[end - 1] + 1


def is_cjk(ch: str) -> bool:
    """A CJK ideograph (the characters Chinese words are made of), after folding."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2FA1F
        or 0xF900 <= code <= 0xFAFF
    )


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)
