"""Character n-gram index over folded paragraphs, with bitsets for fast weighted candidate counting.

Why bitsets: Chinese has no word boundaries, so a query is looked up by its character bigrams
(and single characters for one-character queries: no trigram-only index). Common bigrams such as
`日美` occur in most paragraphs; summing posting lists for them in Python costs milliseconds at
20,000 paragraphs. A Python `int` used as a bitset (bit i = paragraph i) turns "how many of the
query's bigrams does each paragraph contain" into a handful of big-integer AND/XOR operations done
in C (a bit-sliced adder), whatever the posting lengths.

Memory: a dense bitset costs N/8 bytes, a posting array 4 bytes per entry, so an n-gram stores
whichever is smaller and a sparse one becomes a bitset only when a query asks for it.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence

_NONZERO = re.compile(rb"[^\x00]")
_PAIR = re.compile("..", re.S)


def _bitset_from_ids(ids: Iterable[int], nbytes: int) -> int:
    buffer = bytearray(nbytes)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def _bitset_from_sorted(ids: list[int], size: int) -> int:
    """Bitset from many ids: one ASCII digit per paragraph, parsed by `int(..., 2)` in C."""
    digits = bytearray(b"0") * size
    for i in ids:
        digits[i] = 49  # "1"
    digits.reverse()  # bit 0 is the last digit
    return int(digits, 2)


def iter_ids(bits: int, limit: int | None = None) -> list[int]:
    """Positions of the set bits of `bits`, ascending, at most `limit` of them."""
    if not bits:
        return []
    raw = bits.to_bytes((bits.bit_length() + 7) >> 3, "little")
    found: list[int] = []
    for match in _NONZERO.finditer(raw):
        byte_index = match.start()
        value = raw[byte_index]
        base = byte_index << 3
        for bit in range(8):
            if value >> bit & 1:
                found.append(base + bit)
        if limit is not None and len(found) >= limit:
            return found[:limit]
    return found


class BitIndex:
    """Unigram and bigram postings of folded texts; document frequencies for weighting."""

    __slots__ = ("_dense", "_nbytes", "_sparse", "all_bits", "char_df", "size")

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        self._nbytes = (self.size + 7) >> 3
        self.all_bits = (1 << self.size) - 1
        # The hot loop of start-up at scale (9 million postings for 20,000 paragraphs): bigrams
        # come from two C-level `findall` passes (even and odd offsets), not a Python loop.
        pairs = _PAIR.findall
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for doc, text in enumerate(texts):
            grams = set(pairs(text))
            grams.update(pairs(text, 1))
            grams.update(text)
            for gram in grams:
                postings[gram].append(doc)
        dense_from = max(8, self.size // 32)
        self._dense: dict[str, int] = {}
        self._sparse: dict[str, array[int]] = {}
        self.char_df: dict[str, int] = {}
        for gram, docs in postings.items():
            if len(gram) == 1:
                self.char_df[gram] = len(docs)
            if len(docs) >= dense_from:
                self._dense[gram] = _bitset_from_sorted(docs, self.size)
            else:
                self._sparse[gram] = array("i", docs)

    def df(self, gram: str) -> int:
        """In how many paragraphs the 1- or 2-character `gram` occurs."""
        if gram in self._dense:
            return self._dense[gram].bit_count()
        docs = self._sparse.get(gram)
        return len(docs) if docs is not None else 0

    def bits(self, gram: str) -> int:
        """Bitset of the paragraphs containing the 1- or 2-character `gram`."""
        dense = self._dense.get(gram)
        if dense is not None:
            return dense
        docs = self._sparse.get(gram)
        if not docs:
            return 0
        return _bitset_from_ids(docs, self._nbytes)

    def contains_bits(self, text: str) -> int:
        """Bitset of paragraphs that contain every bigram of `text`: a superset of `text in p`."""
        if not text:
            return 0
        if len(text) == 1:
            return self.bits(text)
        grams = sorted({text[i : i + 2] for i in range(len(text) - 1)}, key=self.df)
        result = self.all_bits
        for gram in grams:
            result &= self.bits(gram)
            if not result:
                break
        return result

    def idf(self, gram: str) -> float:
        """Inverse document frequency, smoothed; an unseen gram gets the highest value."""
        return math.log(1.0 + self.size / (1.0 + self.df(gram)))


class WeightedCounter:
    """Per-paragraph weighted counts kept bit-sliced: `levels[j]` holds bit j of every count."""

    __slots__ = ("levels", "total")

    def __init__(self) -> None:
        self.levels: list[int] = []
        self.total = 0

    def add(self, bits: int, weight: int) -> None:
        """Add `weight` to the count of every paragraph in `bits`."""
        if weight <= 0 or not bits:
            self.total += max(weight, 0)
            return
        self.total += weight
        level = 0
        while weight:
            if weight & 1:
                self._add_at(bits, level)
            weight >>= 1
            level += 1

    def _add_at(self, carry: int, level: int) -> None:
        levels = self.levels
        while len(levels) < level:
            levels.append(0)
        while carry:
            if level == len(levels):
                levels.append(carry)
                return
            current = levels[level]
            levels[level] = current ^ carry
            carry &= current
            level += 1

    def at_least(self, threshold: int, universe: int) -> int:
        """Bitset of the paragraphs (within `universe`) whose count is >= `threshold`."""
        if threshold <= 0:
            return universe
        if threshold >> len(self.levels):
            return 0
        greater = 0
        equal = universe
        for level in range(len(self.levels) - 1, -1, -1):
            bits = self.levels[level]
            if threshold >> level & 1:
                equal &= bits
            else:
                greater |= equal & bits
                equal &= ~bits
        return greater | equal
