"""Lookup by meaning: BM25F over Chinese character bigrams and stemmed English words.

The lexical matcher (`scoring`) answers when the reader's words are in the paragraph. Members
also ask questions, paraphrase, or type English; then the words they use are in the paragraph's
*authored* descriptions (descriptions.yaml), in the quiz questions, facts and prompts that cite
it, or in the glossary's English names, not in the text. This index covers all of those as fields
of the paragraph, each with its own weight below the paragraph's own text (BM25F: field-weighted
term frequencies, one saturation), and weighs each query token by how rare it is in the corpus,
so an extra, unmatched or question word lowers a score without zeroing it.

Per token the BM25 contribution to each paragraph is precomputed at build time, so a query is a
sum of a few numpy arrays: a few milliseconds at 20,000 paragraphs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import Stemmer

from bot.search.normalize import normalize

K1 = 1.2
B = 0.6
# How much a query token the corpus never has counts against a match: Chinese paraphrases make
# many bigrams that straddle two words (跟华, 盛顿绑) and mean nothing; a fully unknown query
# still scores nothing.
UNSEEN_WEIGHT = 0.35

# What each kind of text says about a paragraph, relative to its own words.
FIELD_WEIGHTS: Mapping[str, float] = {
    "text": 1.0,  # the article's words
    "names": 0.9,  # English and other names of the glossary entries the paragraph mentions
    "described": 0.7,  # descriptions.yaml: summaries, readers' terms and questions
    "related": 0.4,  # quiz questions, answers, explanations, facts and prompts citing it
}

# Question words and sentence-final particles: they say what the reader wants to know, not what
# the passage says. Removed before tokenising, so no bigram spans them. Particles that also occur
# inside words (的 in 目的, 和 in 和平, 会 in 会谈) stay: their bigrams are common, so idf already
# gives them almost no weight.
_ZH_QUERY_WORDS = re.compile(
    "为什么|为何|是不是|有没有|是否|多少|什么|怎么样|怎么|怎样|如何|哪些|哪个|哪里|哪儿|谁|吗|呢|吧|啊|呀"
)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN_WORD = re.compile(r"[a-z][a-z0-9]*(?:['’][a-z]+)?|\d+(?:\.\d+)?")
EN_STOPWORDS = frozenset(
    """a an the of and or in on at to for with by from as is are was were be been being do does
    did done how what why who whom whose when where which that this these those about into vs
    versus its it his her their our my your between during after before than then there here
    has have had having can could would should will shall may might must not no yes so if but
    also such any all some many much more most very just only own same other each both few
    out up down over under again further once i me we us you he she they them him what's
    japan's want wanted make made get got say said tell does doesn't did didn't according
    article author paragraph passage part text mean means meaning""".split()
)
# British and American spellings meet before stemming.
_SPELLING = {"defense": "defence", "offense": "offence", "program": "programme"}

_STEMMER = Stemmer.Stemmer("english")


def zh_tokens(folded: str) -> list[str]:
    """Character bigrams and single characters of each Han run.

    Bigrams carry most of the meaning (words are mostly two characters); single characters let a
    paraphrase that shares only 绑 with 捆绑 or 邻 with 邻国 still count a little (idf keeps
    common ones like 的 near zero)."""
    tokens: list[str] = []
    for run in _HAN.findall(folded):
        if len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(map(str.__add__, run, run[1:]))
            tokens.extend(run)
    return tokens


def en_tokens(text: str) -> list[str]:
    """Stemmed English words and whole numbers, without stop words."""
    words = [
        _SPELLING.get(w, w)
        for w in _LATIN_WORD.findall(text.casefold())
        if w not in EN_STOPWORDS and (len(w) > 1 or w.isdigit())
    ]
    return ["#" + w for w in _STEMMER.stemWords(words)]  # "#" keeps them apart from Han tokens


def document_tokens(text: str) -> list[str]:
    folded = normalize(text)
    return zh_tokens(folded) + en_tokens(text)


def query_tokens(text: str) -> list[str]:
    """A query's informative tokens: question words and particles dropped, repeats kept once."""
    folded = _ZH_QUERY_WORDS.sub(" ", normalize_spaced(text))
    return list(dict.fromkeys(zh_tokens(folded) + en_tokens(text)))


def normalize_spaced(text: str) -> str:
    """`normalize` per whitespace chunk, keeping the breaks: a bigram never spans two words."""
    return " ".join(normalize(chunk) for chunk in text.split())


@dataclass(frozen=True, slots=True)
class MeaningScores:
    """Scores of every paragraph for one query, as shares of the best possible score.

    `evidence` counts only words (bigrams, English stems, numbers): single characters help rank
    a paraphrase but never prove on their own that a paragraph is about the query (量子计算机
    shares 计 and 机 with half the article).
    """

    tokens: tuple[str, ...]  # what was looked for (for highlighting)
    scores: np.ndarray  # one float per paragraph, all tokens
    ceiling: float  # the score of a paragraph that had every query token, saturated
    evidence: np.ndarray  # the same from word tokens only
    evidence_ceiling: float

    def normalized(self, position: int) -> float:
        return float(self.scores[position]) / self.ceiling if self.ceiling else 0.0

    def proof(self, position: int) -> float:
        if not self.evidence_ceiling:
            return 0.0
        return float(self.evidence[position]) / self.evidence_ceiling


_BIGRAM = np.uint64(1 << 42)  # token keys: a character is its code point; a bigram sets this
_WORD = np.uint64(1 << 43)  # bit and packs both code points; an English word sets this bit
# (key, doc) pairs are packed into one uint64, key high: one sort counts them and groups by key
_DOC_BITS = np.uint64(18)  # up to 262,144 paragraphs
_DOC_MASK = np.uint64((1 << 18) - 1)
MAX_PARAGRAPHS = 1 << 18


def _han_mask(points: np.ndarray) -> np.ndarray:
    return ((points >= 0x3400) & (points <= 0x9FFF)) | ((points >= 0xF900) & (points <= 0xFAFF))


class MeaningIndex:
    """BM25F over the fields of each paragraph; built once, read-only afterwards.

    Built with numpy: every field's folded text becomes one array of code points, its characters
    and bigrams become integer keys, and (paragraph, key) pairs are counted with `np.unique`, so
    20,000 paragraphs index in about a second with no per-token Python objects kept.
    """

    def __init__(self, fields_per_doc: Sequence[Mapping[str, Iterable[str]]]) -> None:
        self.size = len(fields_per_doc)
        if self.size > MAX_PARAGRAPHS:
            raise ValueError(f"at most {MAX_PARAGRAPHS} paragraphs can be indexed")
        self._words: dict[str, int] = {}
        self._stems: dict[str, int] = {}  # build-time cache: a word is stemmed once
        pairs: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for name, field_weight in FIELD_WEIGHTS.items():
            texts = ["\n".join(fields.get(name, ())) for fields in fields_per_doc]
            docs, keys = self._occurrences(texts)
            if not len(docs):
                continue
            lengths = np.bincount(docs.astype(np.int64), minlength=self.size).astype(np.float64)
            average = float(lengths.mean()) or 1.0
            per_doc = field_weight / (1 - B + B * lengths / average)
            # within a field every occurrence of a (key, paragraph) weighs the same: count runs
            ordered = np.sort((keys << _DOC_BITS) | docs)
            firsts = np.flatnonzero(np.diff(ordered, prepend=ordered[:1] ^ np.uint64(1)))
            counts = np.diff(np.append(firsts, len(ordered)))
            packed_f = ordered[firsts]
            pairs.append(packed_f)
            weights.append(counts * per_doc[(packed_f & _DOC_MASK).astype(np.int64)])
        if not pairs:
            pairs, weights = [np.zeros(0, dtype=np.uint64)], [np.zeros(0)]
        # then the fields add up: a far smaller sort
        packed, inverse = np.unique(np.concatenate(pairs), return_inverse=True)
        tf = np.bincount(inverse, weights=np.concatenate(weights)).astype(np.float32)
        keys = packed >> _DOC_BITS  # sorted, since the key is the high part
        self._keys, starts, df = np.unique(keys, return_index=True, return_counts=True)
        self._starts = np.append(starts, len(keys)).astype(np.int64)
        self._idf = np.log(1 + (self.size - df + 0.5) / (df + 0.5)).astype(np.float32)
        self._docs = (packed & _DOC_MASK).astype(np.int32)
        idf_per_posting = np.repeat(self._idf, df)
        self._contribution = (idf_per_posting * tf * (K1 + 1) / (tf + K1)).astype(np.float32)
        del self._stems

    def _occurrences(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(doc, key) of every token occurrence in one field of every doc."""
        folded = [normalize(text) for text in texts]
        lengths = np.fromiter((len(f) + 1 for f in folded), dtype=np.int64, count=len(folded))
        points = np.frombuffer("\n".join(folded).encode("utf-32-le"), dtype=np.uint32)
        points = np.append(points, np.uint32(10)).astype(np.uint64)
        doc_of = np.repeat(np.arange(len(folded), dtype=np.uint64), lengths)
        han = _han_mask(points)
        both = han[:-1] & han[1:]
        bigram_keys = _BIGRAM | (points[:-1][both] << np.uint64(21)) | points[1:][both]
        found = [_LATIN_WORD.findall(text.casefold()) for text in texts]
        for word in {w for words in found for w in words} - self._stems.keys():
            stems = en_tokens(word)
            self._stems[word] = self._word_key(stems[0], add=True) if stems else -1
        word_docs = [doc for doc, words in enumerate(found) for w in words if self._stems[w] >= 0]
        word_keys = [self._stems[w] for words in found for w in words if self._stems[w] >= 0]
        docs = np.concatenate(
            [doc_of[han], doc_of[:-1][both], np.asarray(word_docs, dtype=np.uint64)]
        )
        keys = np.concatenate([points[han], bigram_keys, np.asarray(word_keys, dtype=np.uint64)])
        return docs, keys

    def _word_key(self, token: str, *, add: bool = False) -> int:
        found = self._words.get(token)
        if found is None:
            if not add:
                return -1
            found = self._words[token] = len(self._words)
        return int(_WORD) | found

    def token_key(self, token: str) -> int:
        """The integer key of a token as `query_tokens` spells it; -1 when it cannot exist."""
        if token.startswith("#"):
            return self._word_key(token)
        if len(token) == 1:
            return ord(token)
        if len(token) == 2:
            return int(_BIGRAM) | ord(token[0]) << 21 | ord(token[1])
        return -1

    def _postings(self, token: str) -> tuple[float, np.ndarray, np.ndarray] | None:
        key = self.token_key(token)
        if key < 0:
            return None
        at = int(np.searchsorted(self._keys, np.uint64(key)))
        if at >= len(self._keys) or int(self._keys[at]) != key:
            return None
        start, end = self._starts[at], self._starts[at + 1]
        return float(self._idf[at]), self._docs[start:end], self._contribution[start:end]

    def idf_for(self, document_frequency: int) -> float:
        """BM25's idf; a token the corpus never has weighs as much as one in a single paragraph."""
        df = max(1, document_frequency)
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def document_frequency(self, token: str) -> int:
        found = self._postings(token)
        return 0 if found is None else len(found[1])

    def score(
        self, tokens: Sequence[str], weights: Mapping[str, float] | None = None
    ) -> MeaningScores:
        """Scores for `tokens` (optionally weighted, e.g. glossary expansions count less)."""
        scores = np.zeros(self.size, dtype=np.float32)
        evidence = np.zeros(self.size, dtype=np.float32)
        ceiling = evidence_ceiling = 0.0
        for token in tokens:
            weight = weights.get(token, 1.0) if weights else 1.0
            found = self._postings(token)
            # unseen: often a bigram across two words of a paraphrase (跟华, 盛顿绑)
            idf = found[0] if found is not None else self.idf_for(0) * UNSEEN_WEIGHT
            best = idf * (K1 + 1) * weight
            is_word = len(token) > 1
            ceiling += best
            if is_word:
                evidence_ceiling += best
            if found is None:
                continue
            _, docs, contribution = found
            added = contribution * weight if weight != 1.0 else contribution
            scores[docs] += added
            if is_word:
                evidence[docs] += added
        return MeaningScores(tuple(tokens), scores, ceiling, evidence, evidence_ceiling)


def word_spans(folded: str, tokens: Sequence[str], limit: int = 12) -> list[tuple[int, int]]:
    """Where the query's Chinese words occur in a folded paragraph: what to show and highlight
    when a passage was found by meaning rather than by the reader's exact words."""
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if len(token) != 2 or not _HAN.fullmatch(token):
            continue
        start = folded.find(token)
        while start >= 0 and len(spans) < limit * 4:
            spans.append((start, start + 2))
            start = folded.find(token, start + 2)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged[:limit]
