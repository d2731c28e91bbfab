"""The search engine: built once from the articles, then answers lookups from memory.

Pipeline per query:
1. parse (`query.QueryParser`): folded phrase + terms, glossary names expanded;
2. shortlist (`bitindex`): every paragraph gets a weighted count of the query's bigrams (rare
   bigrams weigh more) and of its terms, bit-sliced; the best `cap` paragraphs go on;
3. score (`scoring.score_paragraph`) each shortlisted paragraph, keep the confident ones;
4. rank: score, minus `SUMMARY_PENALTY` for the abstract, which restates the body: the body
   paragraph that says something in full must come first; then more occurrences, then reading
   order;
5. build `Hit`s with the best sentence window in the display text and highlight spans.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.content.model import Article, Paragraph, Section
from bot.search.bitindex import BitIndex, WeightedCounter, iter_ids
from bot.search.excerpt import make_excerpt, merge_spans, snippet
from bot.search.normalize import cached_map, normalize, to_display_span
from bot.search.query import ParsedQuery, QueryParser
from bot.search.scoring import CONFIDENT, Match, score_paragraph

SUMMARY_SECTION_IDS = frozenset({"abstract"})
SUMMARY_PENALTY = 15.0
SEARCH_CAP = 160  # paragraphs scored per search
SUGGEST_CAP = 48  # ... per autocomplete call: it must answer in a few ms
_MIN_SHARE = 0.3  # a paragraph with less of the query's weighted n-grams is not even scored
_UNIGRAM_UP_TO = 6

_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:[-.'’][A-Za-z0-9]+)*")
_LATIN_RUN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Hit:
    """One passage: a paragraph and its best sentence window. Offsets are in display text."""

    rank: int  # 1-based
    score: float  # 0-100, confidence of the match (before the abstract's ranking penalty)
    article_slug: str
    section_id: str
    section_path: str  # 二/第三, 三/(一)/第二, 引言
    heading: str
    paragraph_id: str
    paragraph_ordinal: int
    excerpt: str  # a few sentences, at most ~300 characters, in the article's words
    highlights: tuple[tuple[int, int], ...]  # [start, end) within `excerpt`
    text: str  # the whole paragraph
    excerpt_start: int = 0  # where `excerpt` starts in `text` (an ellipsis may precede it)
    text_highlights: tuple[tuple[int, int], ...] = ()  # [start, end) within `text`

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-able form (CLI `--json`, logs)."""
        return {
            "rank": self.rank,
            "score": round(self.score, 1),
            "article_slug": self.article_slug,
            "section_id": self.section_id,
            "section_path": self.section_path,
            "heading": self.heading,
            "paragraph_id": self.paragraph_id,
            "paragraph_ordinal": self.paragraph_ordinal,
            "excerpt": self.excerpt,
            "highlights": [list(span) for span in self.highlights],
            "text": self.text,
        }


def render_snippet(hit: Hit, width: int = 100, *, with_path: bool = True) -> str:
    """One line of at most `width` characters for an autocomplete choice: `二/第二 · …match…`."""
    prefix = f"{hit.section_path} · " if with_path else ""
    if width - len(prefix) < 12:
        prefix = ""
    return prefix + snippet(hit.excerpt, hit.highlights, width - len(prefix))


@dataclass(frozen=True, slots=True)
class _Doc:
    article: Article
    paragraph: Paragraph
    section: Section
    summary: bool


class _Corpus:
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


class SearchEngine:
    """Fuzzy excerpt lookup over the paragraphs of one or more articles (Discord-free)."""

    def __init__(
        self,
        docs: list[_Doc],
        corpus: _Corpus,
        parser: QueryParser,
        sections: list[tuple[Article, Section]],
    ) -> None:
        self._docs = docs
        self._corpus = corpus
        self._folded = corpus.folded
        self._index = corpus.index
        self._parser = parser
        self._sections = sections
        self._masks: dict[str, int] = {}
        for position, doc in enumerate(docs):
            slug = doc.article.meta.slug
            self._masks[slug] = self._masks.get(slug, 0) | (1 << position)

    @classmethod
    def build(cls, articles: Sequence[Article]) -> SearchEngine:
        """Fold and index every paragraph once; the engine then answers from memory."""
        docs: list[_Doc] = []
        sections: list[tuple[Article, Section]] = []
        for article in articles:
            by_id = {section.id: section for section in article.sections}
            sections.extend((article, section) for section in article.sections)
            for paragraph in article.paragraphs:
                section = by_id.get(paragraph.section_id) or Section(
                    paragraph.section_id, None, "", "", paragraph.section_id, 1, 0
                )
                summary = paragraph.section_id in SUMMARY_SECTION_IDS
                docs.append(_Doc(article, paragraph, section, summary))
        corpus = _Corpus([normalize(doc.paragraph.text) for doc in docs])
        runs = {run for text in corpus.folded for run in _LATIN_RUN.findall(text)}
        words = {normalize(w) for doc in docs for w in _LATIN_WORD.findall(doc.paragraph.text)}
        parser = QueryParser(
            [entry for article in articles for entry in article.glossary],
            corpus_latin="|".join(sorted(runs)),
            latin_words=frozenset(w for w in words if w),
            char_weight=corpus.char_weight,
            share=corpus.share,
            corpus_size=len(docs),
        )
        return cls(docs, corpus, parser, sections)

    def parse(self, query: str) -> ParsedQuery:
        """The parsed form of `query` (exposed for debugging and tests)."""
        return self._parser.parse(query)

    @property
    def size(self) -> int:
        return len(self._docs)

    def memory_bytes(self) -> int:
        """Approximate bytes of the index itself (postings + folded texts)."""
        return self._index.memory_bytes() + sum(49 + 2 * len(t) for t in self._folded)

    # -- shortlist ----------------------------------------------------------------------------

    def _gram_weight(self, gram: str) -> int:
        return max(1, round(self._index.idf(gram)))

    def _shortlist(self, query: ParsedQuery, universe: int, cap: int) -> list[int]:
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
            counter.add(self._index.bits(gram) & universe, self._gram_weight(gram))
        for term in query.terms:
            if not term.alternatives:
                continue
            bits = 0
            for alternative in term.alternatives:
                bits |= self._index.contains_bits(alternative)
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
        chosen = counter.at_least(best, universe)
        ids = iter_ids(chosen)
        if len(ids) < cap and best > low:
            extra = counter.at_least(best - 1, universe) & ~chosen
            ids += iter_ids(extra, cap - len(ids))
        return ids

    # -- public API ---------------------------------------------------------------------------

    def _universe(self, article: str | None) -> int:
        if article is None:
            return self._index.all_bits
        return self._masks.get(article, 0)

    def _ranked(
        self, query: str, limit: int, article: str | None, cap: int
    ) -> list[tuple[float, Match, int]]:
        parsed = self._parser.parse(query)
        if parsed.empty or limit <= 0:
            return []
        universe = self._universe(article)
        if not universe:
            return []
        scored: list[tuple[float, Match, int]] = []
        for position in self._shortlist(parsed, universe, cap):
            match = score_paragraph(parsed, self._folded[position], self._corpus.char_weight)
            if match is None or match.score < CONFIDENT:
                continue
            rank_score = match.score - (SUMMARY_PENALTY if self._docs[position].summary else 0.0)
            scored.append((rank_score, match, position))
        # ties: the reader's own words (exact phrase) before glossary translations, then the
        # paragraph that says it more often, then reading order
        scored.sort(key=lambda item: (-item[0], not item[1].exact, -item[1].occurrences, item[2]))
        return scored[:limit]

    def search(self, query: str, *, limit: int = 5, article: str | None = None) -> list[Hit]:
        """The best passages for `query`, best first; [] when nothing is a confident match."""
        ranked = self._ranked(query, limit, article, SEARCH_CAP)
        return [self._hit(rank, match, pos) for rank, (_, match, pos) in enumerate(ranked, 1)]

    def suggest(self, query: str, *, limit: int = 25, article: str | None = None) -> list[Hit]:
        """Autocomplete: the same ranking over a smaller shortlist, so it answers in a few ms."""
        ranked = self._ranked(query, limit, article, SUGGEST_CAP)
        return [self._hit(rank, match, pos) for rank, (_, match, pos) in enumerate(ranked, 1)]

    def _hit(self, rank: int, match: Match, position: int) -> Hit:
        doc = self._docs[position]
        text = doc.paragraph.text
        _, offsets = cached_map(text)
        spans = merge_spans(
            [to_display_span(offsets, s, e) for s, e in match.spans if 0 <= s < e <= len(offsets)]
        )
        excerpt, start, highlights = make_excerpt(text, spans)
        return Hit(
            rank=rank,
            score=round(match.score, 1),
            article_slug=doc.article.meta.slug,
            section_id=doc.section.id,
            section_path=doc.section.path,
            heading=doc.section.heading,
            paragraph_id=doc.paragraph.id,
            paragraph_ordinal=doc.paragraph.ordinal,
            excerpt=excerpt,
            highlights=tuple(highlights),
            text=text,
            excerpt_start=start,
            text_highlights=tuple(spans),
        )

    def closest_sections(self, query: str, *, limit: int = 3) -> list[Section]:
        """Sections to offer when nothing matched: by heading likeness and partial paragraph matches.

        With no clue at all (`pizza recipe`), the article's top-level sections, so the reader
        still gets somewhere to start.
        """
        from bot.search.sections import rank_sections  # local: keeps the engine module small

        return rank_sections(self, query, limit)

    # -- accessors for rank_sections ----------------------------------------------------------

    def _all_sections(self) -> list[tuple[Article, Section]]:
        return self._sections

    def _section_scores(self, query: str) -> dict[tuple[str, str], float]:
        """Best sub-threshold score per (article slug, section id) from the shortlist."""
        parsed = self._parser.parse(query)
        best: dict[tuple[str, str], float] = {}
        if parsed.empty:
            return best
        for position in self._shortlist(parsed, self._index.all_bits, SEARCH_CAP):
            match = score_paragraph(parsed, self._folded[position], self._corpus.char_weight)
            if match is None:
                continue
            doc = self._docs[position]
            key = (doc.article.meta.slug, doc.section.id)
            best[key] = max(best.get(key, 0.0), match.score)
        return best
