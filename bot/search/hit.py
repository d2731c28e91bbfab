"""What a lookup returns: `Hit`, and a one-line rendering of it for autocomplete choices."""

from __future__ import annotations

from dataclasses import dataclass

from bot.search.excerpt_window import snippet


@dataclass(frozen=True, slots=True)
class Hit:
    """One passage: a paragraph and its best sentence window. Offsets are in display text."""

    rank: int  # 1-based
    score: float  # 0-100: the combined lexical and meaning score the ranking used
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
    # "high": the reader's words are there, or the meaning is clearly this paragraph's;
    # "low": the closest passages, to be offered as such, never as a certain answer.
    confidence: str = "high"

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-able form (CLI `--json`, logs)."""
        return {
            "rank": self.rank,
            "score": round(self.score, 1),
            "confidence": self.confidence,
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
