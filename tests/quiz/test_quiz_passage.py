"""The source passage: the cited paragraph's sentence that contains the quote."""

from __future__ import annotations

from bot.quiz.source_passage import sentence_with, source_of
from tests.factories import quiz_article


def test_sentence_containing_the_quote() -> None:
    """Only the sentence with the quote is returned, with its full stop."""
    text = "第一句话。日美同盟是基轴，这一点很重要。第三句话！"
    assert sentence_with(text, "日美同盟是基轴") == "日美同盟是基轴，这一点很重要。"


def test_quote_across_two_sentences_returns_both() -> None:
    """A quote crossing a sentence end brings both sentences."""
    text = "第一句话。第二句话。第三句话。"
    assert sentence_with(text, "话。第二") == "第一句话。第二句话。"


def test_missing_quote_falls_back_to_the_quote() -> None:
    """If the paragraph no longer contains the quote, the quote itself is shown."""
    assert sentence_with("完全不同的文字。", "找不到") == "找不到"


def test_source_names_the_section_path() -> None:
    """The source carries the paragraph's section path and heading."""
    article = quiz_article()
    source = source_of(article, article.questions[1])
    assert (source.section_path, source.section_heading) == ("一/(一)", "（一）第一小节")
    assert source.sentence == "小节里的句子。"
