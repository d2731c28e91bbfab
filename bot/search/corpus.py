"""The folded paragraphs, their n-gram index, and the shortlist of paragraphs worth scoring."""

from __future__ import annotations

import math

from bot.search.bitindex import BitIndex, WeightedCounter, iter_ids
from bot.search.query import ParsedQuery

_MIN_SHARE = 0.3  # a paragraph with less of the query's weighted n-grams is not even scored
_UNIGRAM_UP_TO = 6


class Corpus:
    """Folded paragraphs, their index, and the statistics the query parser weighs terms with."""

    def __init__(self, folded: list[str]) -> None:
        self.folded = folded
        self.index = BitIndex(folded)
        self._weights: dict[str, float] = {}
        self._unseen = math.log(1.0 + self.index.size)

    def char_weight(self, ch: str) -> float:
        """Rarer characters weigh more; one the corpus never uses weighs most (`碳` in 碳关税)."""
        weight = self._weights.get(ch)
        if weight is None:
            df = self.index.char_df.get(ch, 0)
            weight = math.log(1.0 + self.index.size / (1.0 + df)) if df else self._unseen
            self._weights[ch] = weight
        return weight

    def share(self, text: str) -> float:
        """Share of paragraphs containing `text`: bigram filter, then substring checks of a sample."""
        bits = self.index.contains_bits(text)
        if not bits or not self.index.size:
            return 0.0
        candidates = bits.bit_count()
        if len(text) <= 2:
            return candidates / self.index.size
        sample = iter_ids(bits, 200)
        hits = sum(1 for i in sample if text in self.folded[i])
        return hits / len(sample) * candidates / self.index.size

    def gram_weight(self, gram: str) -> int:
        """Integer weight of an n-gram for the bit-sliced counter: its rounded idf, at least 1."""
        return max(1, round(self.index.idf(gram)))

    def shortlist(self, query: ParsedQuery, universe: int, cap: int) -> list[int]:
        """Paragraphs worth scoring: the `cap` best by weighted count of the query's n-grams.

        Short phrases also count single characters: swapping two characters of a four-character
        phrase destroys all of its bigrams but none of its characters.
        """
        counter = WeightedCounter()
        phrase = query.phrase
        grams = {phrase[i : i + 2] for i in range(len(phrase) - 1)}
        if len(phrase) <= _UNIGRAM_UP_TO:
            grams.update(phrase)
        for gram in grams:
            counter.add(self.index.bits(gram) & universe, self.gram_weight(gram))
        for term in query.terms:
            if not term.alternatives:
                continue
            bits = 0
            for alternative in term.alternatives:
                bits |= self.index.contains_bits(alternative)
            counter.add(bits & universe, max(1, round(term.weight)))
        if not counter.levels:
            return []
        low = max(1, math.ceil(_MIN_SHARE * counter.total))
        high = counter.total
        # smallest threshold whose candidate set fits in `cap`
        if counter.at_least(low, universe).bit_count() <= cap:
            best = low
        else:
            lo, hi = low, high + 1
            while lo < hi:
                mid = (lo + hi) // 2
                if counter.at_least(mid, universe).bit_count() <= cap:
                    hi = mid
                else:
                    lo = mid + 1
            best = lo
        chosen = counter.at_least(best, universe)  # ties at the threshold: reading order
        ids = iter_ids(chosen)
        if len(ids) < cap and best > low:
            extra = counter.at_least(best - 1, universe) & ~chosen
            ids += iter_ids(extra, cap - len(ids))
        return ids
