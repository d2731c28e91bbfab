"""The search engine: built once from the articles, then answers lookups from memory.

Pipeline per query:
1. parse (`query.QueryParser`): folded phrase + terms, glossary names expanded;
2. shortlist (`corpus.Corpus.shortlist`): every paragraph gets a bit-sliced weighted count of the
   query's n-grams (rare ones weigh more) and terms; the best `cap` paragraphs go on;
3. score (`scoring.score_many`) the shortlist, keep the confident matches;
4. rank by score, minus `SUMMARY_PENALTY` for the abstract: it restates the body almost verbatim,
   and the body paragraph that says it in full must come first; ties go to the reader's own words
   (exact phrase), then more occurrences, then reading order;
5. build `Hit`s: the best sentence window of the display text, with highlight spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.content.model import Article, Paragraph, Section
from bot.search.corpus import Corpus
from bot.search.excerpt import make_excerpt, merge_spans
from bot.search.hit import Hit
from bot.search.normalize import cached_map, normalize, to_display_span
from bot.search.query import ParsedQuery, QueryParser
from bot.search.scoring import CONFIDENT, Match, score_many
from bot.search.sections import rank_sections

SUMMARY_SECTION_IDS = frozenset({"abstract"})
SUMMARY_PENALTY = 15.0
SEARCH_CAP = 120  # paragraphs scored per search
SUGGEST_CAP = 40  # ... per autocomplete call: it must answer in a few ms

_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:[-.'’][A-Za-z0-9]+)*")
_LATIN_RUN = re.compile(r"[a-z0-9]+")


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
    ) -> None:
        self._docs = docs
        self._corpus = corpus
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
        corpus = Corpus([normalize(doc.paragraph.text) for doc in docs])
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

    @property
    def size(self) -> int:
        """Number of paragraphs indexed."""
        return len(self._docs)

    def parse(self, query: str, *, complete: bool = False) -> ParsedQuery:
        """The parsed form of `query` (for debugging and tests)."""
        return self._parser.parse(query, complete=complete)

    def search(self, query: str, *, limit: int = 5, article: str | None = None) -> list[Hit]:
        """The best passages for `query`, best first; [] when nothing is a confident match."""
        ranked = self._ranked(self._parser.parse(query), limit, article, SEARCH_CAP)
        return [self._hit(rank, match, pos) for rank, (match, pos) in enumerate(ranked, 1)]

    def suggest(self, query: str, *, limit: int = 25, article: str | None = None) -> list[Hit]:
        """Autocomplete: the same ranking over a smaller shortlist, so it answers in a few ms;
        a last English word still being typed may be the start of a glossary name (`Indo-Pac`)."""
        parsed = self._parser.parse(query, complete=True)
        ranked = self._ranked(parsed, limit, article, SUGGEST_CAP)
        return [self._hit(rank, match, pos) for rank, (match, pos) in enumerate(ranked, 1)]

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

    def _ranked(
        self, parsed: ParsedQuery, limit: int, article: str | None, cap: int
    ) -> list[tuple[Match, int]]:
        if limit <= 0:
            return []
        universe = self._corpus.index.all_bits if article is None else self._masks.get(article, 0)
        scored = self._scored(parsed, universe, cap, CONFIDENT)

        def key(item: tuple[Match, int]) -> tuple[float, bool, int, int]:
            match, position = item
            penalty = SUMMARY_PENALTY if self._docs[position].summary else 0.0
            return (penalty - match.score, not match.exact, -match.occurrences, position)

        scored.sort(key=key)
        return scored[:limit]

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
