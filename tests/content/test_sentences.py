"""Sentence splitting for excerpt windows."""

from __future__ import annotations

from bot.content.sentences import sentence_spans, split_sentences


def test_splits_on_chinese_stops_and_keeps_closing_quotes():
    """`。”` stays with its sentence; `！？；` end sentences too."""
    assert split_sentences("他说：“好。”然后走了！真的吗？是；不是") == [
        "他说：“好。”",
        "然后走了！",
        "真的吗？",
        "是；",
        "不是",
    ]


def test_never_splits_between_digits():
    """`3.7万人` is one number, not two sentences."""
    assert split_sentences(
        "日本自卫队参演兵力3.7万人，舰艇20艘。美日两国参演总兵力达4.6万人。"
    ) == [
        "日本自卫队参演兵力3.7万人，舰艇20艘。",
        "美日两国参演总兵力达4.6万人。",
    ]


def test_ascii_full_stop_after_chinese_ends_a_sentence_but_not_in_abbreviations():
    """`U.S.` is not a sentence end; an ASCII `.` between Chinese sentences is."""
    assert split_sentences("美国(U.S. Army)来了.下一句") == ["美国(U.S. Army)来了.", "下一句"]


def test_spans_cover_the_text_without_gaps():
    """Spans tile the text, so excerpt offsets stay exact."""
    text = "第一句。 第二句……”第三句"
    spans = sentence_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_empty_text_has_no_sentences():
    """Nothing in, nothing out."""
    assert split_sentences("") == []


def test_a_section_whose_lead_paragraph_is_its_heading_still_has_a_summary() -> None:
    """二/第二's first paragraph is its heading sentence alone: the summary starts at the next."""
    from pathlib import Path

    from bot.content.articles_folder import load_library
    from bot.content.section_lookup import summary

    article = load_library(Path(__file__).parents[2] / "content").articles[0]
    section = article.section("s2-p2")
    text = summary(article, section)
    assert text and not text.startswith(section.heading.rstrip("…"))
