"""The search engine: built once from the articles, then answers lookups from memory.

Two views of every paragraph, combined:

* **lexical** (`scoring`): the reader's own words in the paragraph, verbatim, with typos, or as
  keywords; a score of `CONFIDENT` or more means the words are really there;
* **meaning** (`meaning`): BM25F over the paragraph's text and what was written about it
  (descriptions, quiz, facts, prompts, glossary names), for questions, paraphrases and English.

Pipeline per query:
1. parse (`query.QueryParser`): folded phrase + terms, glossary names expanded; and the meaning
   tokens (question words dropped, Taiwan/Hong Kong wording converted, glossary names added);
2. candidates: the lexical shortlist (`corpus.Corpus.shortlist`) and the best meaning scores;
3. score both views; rank by `LEXICAL_WEIGHT` × confident lexical score + `MEANING_WEIGHT` ×
   normalised meaning score, minus `SUMMARY_PENALTY` for the abstract (it restates the body, whose
   paragraph must come first); ties go to the reader's own words, then reading order;
4. confidence: `high` when the reader's words are there (lexical) or the meaning score is clearly
   high; `low` ("closest passages") otherwise; nothing at all only when no informative part of the
   query is in the corpus;
5. build `Hit`s: the best sentence window of the display text, with highlight spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.content.model import Article, Paragraph, Section
from bot.content.naming import display_path
from bot.search.closest_sections import rank_sections
from bot.search.corpus import Corpus
from bot.search.excerpt_window import make_excerpt, merge_spans
from bot.search.fields import paragraph_fields
from bot.search.hit import Hit
from bot.search.meaning import MeaningIndex, MeaningScores, query_tokens, word_spans
from bot.search.normalize import cached_map, normalize, to_display_span
from bot.search.query import ParsedQuery, QueryParser
from bot.search.regional import to_mainland
from bot.search.scoring import CONFIDENT, Match, score_many

SUMMARY_SECTION_IDS = frozenset({"abstract"})
SUMMARY_PENALTY = 0.15  # in combined-score units (1.0 = a verbatim match)
SEARCH_CAP = 120  # paragraphs scored per search
SUGGEST_CAP = 40  # ... per autocomplete call: it must answer in a few ms
MEANING_CANDIDATES = 30  # best meaning scores added to the lexical shortlist
LEXICAL_WEIGHT = 1.0
MEANING_WEIGHT = 1.0
MEANING_HIGH = 0.55  # normalised meaning score that counts as a sure answer on its own
MEANING_MIN = 0.1  # below: not worth showing, even as a closest passage
EXPANSION_WEIGHT = 0.6  # tokens added from glossary names count less than the reader's own

HIGH = "high"
LOW = "low"

_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:[-.'’][A-Za-z0-9]+)*")
_LATIN_RUN = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class _Doc:
    article: Article
    paragraph: Paragraph
    section: Section
    summary: bool  # the abstract: ranked below body paragraphs saying the same


class SearchEngine:
    """Fuzzy excerpt lookup over the paragraphs of one or more articles (Discord-free)."""

    def __init__(
        self,
        docs: list[_Doc],
        corpus: Corpus,
        parser: QueryParser,
        sections: list[tuple[Article, Section]],
        meaning: MeaningIndex,
        glossary: dict[str, list[str]],
    ) -> None:
        self._docs = docs
        self._corpus = corpus
        self._parser = parser
        self._sections = sections
        self._meaning = meaning
        self._glossary = glossary
        self._masks: dict[str, int] = {}
        for position, doc in enumerate(docs):
            slug = doc.article.meta.slug
            self._masks[slug] = self._masks.get(slug, 0) | (1 << position)
        # the same masks for the meaning scores, built once: lookups filter by article every time
        slugs = np.array([doc.article.meta.slug for doc in docs], dtype=object)
        self._mask_arrays = {
            self._masks[slug]: (slugs == slug).astype(np.float32) for slug in self._masks
        }

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
        corpus = Corpus([normalize(doc.paragraph.text) for doc in docs])
        fields = {a.meta.slug: paragraph_fields(a) for a in articles}
        meaning = MeaningIndex([fields[d.article.meta.slug][d.paragraph.id] for d in docs])
        glossary = {
            entry.id: [entry.term, entry.english]
            for article in articles
            for entry in article.glossary
        }
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
        return cls(docs, corpus, parser, sections, meaning, glossary)

    @property
    def size(self) -> int:
        """Number of paragraphs indexed."""
        return len(self._docs)

    def parse(self, query: str, *, complete: bool = False) -> ParsedQuery:
        """The parsed form of `query` (for debugging and tests)."""
        return self._parser.parse(query, complete=complete)

    def search(self, query: str, *, limit: int = 5, article: str | None = None) -> list[Hit]:
        """The best passages for `query`, best first, each `high` or `low` confidence; [] when
        nothing informative in the query is in the article (off-topic)."""
        return self._search(query, limit, article, SEARCH_CAP, complete=False)

    def suggest(self, query: str, *, limit: int = 25, article: str | None = None) -> list[Hit]:
        """Autocomplete: the same ranking over a smaller shortlist, so it answers in a few ms;
        a last English word still being typed may be the start of a glossary name (`Indo-Pac`)."""
        return self._search(query, limit, article, SUGGEST_CAP, complete=True)

    def closest_sections(self, query: str, *, limit: int = 3) -> list[Section]:
        """Sections to offer when nothing matched (see `sections.rank_sections`)."""
        parsed = self._parser.parse(query)
        best: dict[tuple[str, str], float] = {}
        for match, position in self._scored(parsed, self._corpus.index.all_bits, SEARCH_CAP, 0.0):
            doc = self._docs[position]
            key = (doc.article.meta.slug, doc.section.id)
            best[key] = max(best.get(key, 0.0), match.score)
        return rank_sections(parsed, self._sections, best, limit)

    # -- internals ----------------------------------------------------------------------------

    def _scored(
        self, parsed: ParsedQuery, universe: int, cap: int, floor: float
    ) -> list[tuple[Match, int]]:
        if parsed.empty or not universe:
            return []
        positions = self._corpus.shortlist(parsed, universe, cap)
        texts = [self._corpus.folded[position] for position in positions]
        matches = score_many(parsed, texts, self._corpus.char_weight, floor)
        return [(m, p) for m, p in zip(matches, positions, strict=True) if m and m.score >= floor]

    def meaning_scores(self, parsed: ParsedQuery) -> MeaningScores:
        """The meaning view of a query: its own tokens, plus the glossary's Chinese and English
        names of the entries it mentions (at a lower weight)."""
        own = query_tokens(to_mainland(parsed.raw))
        weights: dict[str, float] = {}
        for entry_id in parsed.glossary_ids:
            for name in self._glossary.get(entry_id, ()):
                for token in query_tokens(name):
                    if token not in own:
                        weights[token] = EXPANSION_WEIGHT
        return self._meaning.score(own + list(weights), weights)

    def _search(
        self, query: str, limit: int, article: str | None, cap: int, *, complete: bool
    ) -> list[Hit]:
        if limit <= 0:
            return []
        parsed = self._parser.parse(query, complete=complete)
        universe = self._corpus.index.all_bits if article is None else self._masks.get(article, 0)
        if not universe:
            return []
        meaning = self.meaning_scores(parsed)
        ranked = self._ranked(parsed, meaning, universe, cap)[:limit]
        if not ranked:
            return []
        confidence = ranked[0][3]
        return [
            self._hit(rank, match, position, combined, confidence, meaning.tokens)
            for rank, (match, position, combined, _) in enumerate(ranked, 1)
        ]

    def _ranked(
        self, parsed: ParsedQuery, meaning: MeaningScores, universe: int, cap: int
    ) -> list[tuple[Match | None, int, float, str]]:
        """(lexical match, position, combined score, confidence), best first."""
        candidates: list[int] = []
        if not parsed.empty:
            candidates = self._corpus.shortlist(parsed, universe, cap)
        if meaning.evidence_ceiling:
            scores = meaning.evidence
            if universe != self._corpus.index.all_bits:
                scores = scores * self._mask_arrays[universe]
            count = min(MEANING_CANDIDATES, len(scores))
            best = np.argpartition(-scores, count - 1)[:count]
            candidates += [int(p) for p in best if scores[p] > 0]
        candidates = list(dict.fromkeys(candidates))
        if not candidates:
            return []
        texts = [self._corpus.folded[p] for p in candidates]
        matches = (
            score_many(parsed, texts, self._corpus.char_weight, 0.0)
            if not parsed.empty
            else [None] * len(candidates)
        )
        ranked: list[tuple[Match | None, int, float, str]] = []
        # English words the lexical view could not use (`alliance`, `rebuilt`) make what it did
        # match (`Abe`, `2012`) say less about the whole question.
        understood = len(parsed.terms) / max(1, len(parsed.terms) + len(parsed.unknown))
        numbers = _NUMBER.findall(normalize(parsed.raw))
        for match, position in zip(matches, candidates, strict=True):
            lexical = (match.score if match is not None else 0.0) * understood
            sure_words = lexical >= CONFIDENT
            sense = meaning.normalized(position)
            if not sure_words and meaning.proof(position) < MEANING_MIN:
                continue
            combined = LEXICAL_WEIGHT * (lexical / 100 if sure_words else 0.0)
            combined += MEANING_WEIGHT * sense
            if self._docs[position].summary:
                combined -= SUMMARY_PENALTY
            # a different number is a different fact: meaning alone is never sure of it
            same_numbers = all(n in self._corpus.folded[position] for n in numbers)
            confidence = HIGH if sure_words or (sense >= MEANING_HIGH and same_numbers) else LOW
            ranked.append((match, position, combined, confidence))

        def key(item: tuple[Match | None, int, float, str]) -> tuple[float, bool, int]:
            match, position, combined, _ = item
            return (-combined, not (match is not None and match.exact), position)

        ranked.sort(key=key)
        if ranked and ranked[0][3] == HIGH:  # answers, or closest passages: never a mix
            ranked = [item for item in ranked if item[3] == HIGH]
        return ranked

    def _hit(
        self,
        rank: int,
        match: Match | None,
        position: int,
        combined: float,
        confidence: str,
        tokens: Sequence[str] = (),
    ) -> Hit:
        doc = self._docs[position]
        text = doc.paragraph.text
        _, offsets = cached_map(text)
        folded_spans = match.spans if match is not None else []
        if not folded_spans:  # found by meaning: show where the query's words are, if anywhere
            folded_spans = word_spans(self._corpus.folded[position], tokens)
        spans = merge_spans(
            [to_display_span(offsets, s, e) for s, e in folded_spans if 0 <= s < e <= len(offsets)]
        )
        excerpt, start, highlights = make_excerpt(text, spans)
        return Hit(
            rank=rank,
            score=round(max(0.0, min(100.0, combined * 100)), 1),
            confidence=confidence,
            article_slug=doc.article.meta.slug,
            section_id=doc.section.id,
            section_path=display_path(doc.section),
            heading=doc.section.heading,
            paragraph_id=doc.paragraph.id,
            paragraph_ordinal=doc.paragraph.ordinal,
            excerpt=excerpt,
            highlights=tuple(highlights),
            text=text,
            excerpt_start=start,
            text_highlights=tuple(spans),
        )
