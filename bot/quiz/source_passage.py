"""The source passage shown with a quiz's results: the sentence(s) of the cited paragraph that
contain the question's quote, so members can check the answer in the article's own words.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.model import Article, QuizQuestion
from bot.content.sentences import sentence_spans


@dataclass(frozen=True, slots=True)
class Source:
    sentence: str
    paragraph_id: str
    section_path: str
    section_heading: str
    section_id: str = ""
    paragraph_ordinal: int = 0  # 0: unknown (or the abstract); shown as ¶N otherwise


def sentence_with(text: str, quote: str) -> str:
    """The whole sentences of `text` that the quote touches (the quote itself if not found)."""
    start = text.find(quote)
    if start < 0 or not quote:
        return quote
    end = start + len(quote)
    spans = [(a, b) for a, b in sentence_spans(text) if a < end and b > start]
    if not spans:
        return quote
    return text[spans[0][0] : spans[-1][1]].strip()


def source_of(article: Article, question: QuizQuestion) -> Source:
    try:
        paragraph = article.paragraph(question.paragraph_id)
        sentence = sentence_with(paragraph.text, question.quote)
        section = article.section(paragraph.section_id)
    except KeyError:  # content changed under a stored quiz: fall back to what the question says
        sentence = question.quote
        fallback = next((s for s in article.sections if s.id == question.section_id), None)
        if fallback is None:
            return Source(sentence, question.paragraph_id, question.section_id, "")
        section = fallback
        return Source(sentence, question.paragraph_id, section.path, section.heading, section.id)
    return Source(
        sentence,
        question.paragraph_id,
        section.path,
        section.heading,
        section.id,
        paragraph.ordinal,
    )
