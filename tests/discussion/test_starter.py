"""What a starter message says: summary, key passage, prompts, look-up example, marker."""

from __future__ import annotations

from bot.discussion.sections import plan_units
from bot.discussion.starter import (
    build_starter,
    choose_prompts,
    find_marker,
    marker,
    session_paragraphs,
    summarize,
)
from tests.discussion.sample_article import sample_article

ARTICLE = sample_article()


def test_summary_is_the_first_sentences_up_to_the_target() -> None:
    """Short sentences are joined until the summary is long enough, whole sentences only."""
    assert summarize("甲。" * 10 + "乙" * 100 + "。丙。") == "甲。" * 10 + "乙" * 100 + "。"
    assert summarize("甲。" * 10 + "乙" * 290 + "。") == "甲。" * 10


def test_overlong_first_sentence_is_clipped_with_an_ellipsis() -> None:
    """A single 500-character sentence is cut to 300 characters ending in …"""
    summary = summarize("长" * 500 + "。")
    assert len(summary) == 300 and summary.endswith("…")


def test_starter_for_a_subsection_uses_its_own_text() -> None:
    """The summary comes from the section, the passage from its key fact, not from the summary."""
    starter = build_starter(ARTICLE, "s1-1")
    assert (starter.title, starter.short) == ("一/（一） 同盟是基轴", "一/（一） 同盟是基轴")
    assert starter.summary.startswith("日美同盟是日本外交与安全相关政策的基轴，")
    assert starter.passage is not None
    assert starter.passage.text == "安倍多次强调这一点。"
    assert (starter.passage.paragraph_ordinal, starter.passage.section_path) == (3, "一/（一）")


def test_passage_repeating_the_summary_is_skipped() -> None:
    """When the only fact is in the summary's sentences, a prompt's quote is used instead."""
    starter = build_starter(ARTICLE, "s2-p1")
    assert starter.summary == "日本与美国进行战略捆绑。印太战略是其核心。"
    assert starter.passage is None or starter.passage.text not in starter.summary


def test_first_subsection_reads_its_parts_lead() -> None:
    """（一) of a part with a lead paragraph also reads that lead; （二） does not."""
    assert [p.id for p in session_paragraphs(ARTICLE, ARTICLE.section("s1-1"))] == [
        "p02",
        "p03",
        "p04",
    ]
    assert [p.id for p in session_paragraphs(ARTICLE, ARTICLE.section("s1-2"))] == ["p05"]
    starter = build_starter(ARTICLE, "s1-1")
    assert (starter.first_paragraph, starter.last_paragraph) == (2, 4)


def test_a_plan_reads_every_paragraph_exactly_once() -> None:
    """Leads and closing remarks of parts go with a neighbouring unit; nothing is read twice."""
    read = [p.id for u in plan_units(ARTICLE) for p in session_paragraphs(ARTICLE, u)]
    body = [p.id for p in ARTICLE.paragraphs if p.ordinal > 0]
    assert sorted(read) == sorted(body) and len(read) == len(set(read))


def test_closing_remark_goes_with_the_subsection_it_follows() -> None:
    """Part 三's closing paragraph after （一）'s points is read with 三（一）."""
    assert [p.id for p in session_paragraphs(ARTICLE, ARTICLE.section("s3-1"))] == [
        "p08",
        "p09",
        "p10",
        "p10r",
    ]


def test_prompts_take_turns_across_points() -> None:
    """A session on a sub-section with points asks about the section and each point in turn."""
    chosen = [p.id for p in choose_prompts(ARTICLE, ARTICLE.section("s3-1"))]
    assert chosen == ["s3-1#1", "s3-1-p1#1", "s3-1-p2#1", "s3-1-p1#2"]


def test_first_subsection_adds_a_framing_prompt_of_its_part() -> None:
    """（一) reads its part's lead, so it also asks one of the part's own (framing) prompts."""
    chosen = [p.id for p in choose_prompts(ARTICLE, ARTICLE.section("s1-1"))]
    assert chosen == ["s1-1#1", "s1-1#2", "s1-1#3", "s1#1"]


def test_framing_prompts_fill_a_thin_section() -> None:
    """A sub-section with a single prompt of its own gets framing prompts up to the limit."""
    article = sample_article()
    chosen = [p.id for p in choose_prompts(article, article.section("s1-1"), limit=5)]
    assert chosen == ["s1-1#1", "s1-1#2", "s1-1#3", "s1#1", "s1#2"]


def test_subsections_without_part_text_get_no_framing_prompt() -> None:
    """（二) reads none of part 一's own text, so only its own prompt is asked."""
    assert [p.id for p in choose_prompts(ARTICLE, ARTICLE.section("s1-2"))] == ["s1-2#1"]


def test_section_without_prompts_has_none() -> None:
    """The conclusion of the sample has no prompts; the starter says so by an empty tuple."""
    assert build_starter(ARTICLE, "conclusion").prompts == ()


def test_lookup_example_prefers_a_specific_term() -> None:
    """A person or concept beats a place name as the `/excerpt` example."""
    assert build_starter(ARTICLE, "intro").lookup_example == "安倍晋三"
    assert build_starter(ARTICLE, "s2-p1").lookup_example == "印太战略"


def test_marker_round_trips_inside_other_text() -> None:
    """The occurrence marker is found again in a footer that holds other text."""
    footer = f"小文章 · #12 · {marker(345)}"
    assert find_marker(footer) == 345
    assert find_marker("rc-d") is None
