"""What a discussion says: one-line summary, key passage, prompts, look-up example, and how a
starter of the previous version is still recognised."""

from __future__ import annotations

import dataclasses

from bot.content.model import KeyFact, Section
from bot.discussion.reading_units import plan_units
from bot.discussion.starter import (
    ONE_LINE_MAX,
    build_starter,
    choose_prompts,
    find_legacy_marker,
    one_line,
    session_paragraphs,
)
from tests.factories import discussion_article

ARTICLE = discussion_article()
POINT = Section(
    id="p", parent_id="s", heading="第二，在政治层面，首脑关系是润滑剂…", label="第二",
    path="二/第二", depth=2, ordinal=1,
)  # fmt: skip


def test_one_line_is_the_first_sentence() -> None:
    """Only the first sentence, however short: the starter's summary is one line."""
    assert one_line(["甲乙丙。丁戊己。"], []) == "甲乙丙。"
    assert one_line(["", "  ", "第二段。"], []) == "第二段。"
    assert one_line([], []) == ""


def test_long_sentence_is_cut_after_a_whole_clause() -> None:
    """Over the limit, the sentence ends at its last clause that fits, marked with …"""
    sentence = "甲" * 20 + "，" + "乙" * 30 + "，" + "丙" * 30 + "。"
    assert one_line([sentence], []) == "甲" * 20 + "，" + "乙" * 30 + "…"
    assert len(one_line([sentence], [])) <= ONE_LINE_MAX


def test_long_clause_is_clipped_with_an_ellipsis() -> None:
    """A 500-character sentence without a clause mark is cut to the limit, ending in …"""
    summary = one_line(["长" * 500 + "。"], [])
    assert len(summary) == ONE_LINE_MAX and summary.endswith("…")


def test_one_line_never_repeats_the_heading() -> None:
    """A point's lead sentence is its heading (with or without 第二，, cut short with …): the line
    is the next sentence, in the next paragraph if need be."""
    lead = "第二，在政治层面，首脑关系是润滑剂，确保协调不脱轨。"
    assert one_line([lead, "安倍重视首脑外交。"], [POINT]) == "安倍重视首脑外交。"
    assert one_line(["在政治层面，首脑关系是润滑剂。其次。"], [POINT]) == "其次。"
    assert one_line([lead], [POINT]) == ""


def test_starter_for_a_subsection_uses_its_own_text() -> None:
    """The summary comes from the section, the passage from its key fact, not from the summary."""
    starter = build_starter(ARTICLE, "s1-1")
    assert (starter.title, starter.short) == ("一/（一） 同盟是基轴", "一/（一） 同盟是基轴")
    assert starter.summary.startswith("日美同盟是日本外交与安全相关政策的基轴，")
    assert len(starter.summary) <= ONE_LINE_MAX and starter.summary.endswith("…")
    assert starter.passage is not None
    assert starter.passage.text == "安倍多次强调这一点。"
    assert (starter.passage.paragraph_ordinal, starter.passage.section_path) == (3, "一/（一）")
    assert starter.source == "作者甲《小文章》"


def test_a_parts_summary_skips_its_points_headings() -> None:
    """三（一） opens with its points: its line is not 第一's heading said again."""
    article = discussion_article()
    point = dataclasses.replace(article.section("s3-1-p1"), heading="第一，政治增益")
    sections = tuple(point if s.id == point.id else s for s in article.sections)
    paragraphs = tuple(
        dataclasses.replace(p, text="第一，政治增益。" + p.text) if p.id == "p09" else p
        for p in article.paragraphs
    )
    article = dataclasses.replace(article, sections=sections, paragraphs=paragraphs)
    assert build_starter(article, "s3-1").summary == "政治增益明显。"


def test_passage_repeating_the_summary_is_skipped() -> None:
    """When the only fact is the summary's sentence, it is not the passage (a prompt's quote
    would be; here that is the same sentence, so there is none)."""
    assert build_starter(ARTICLE, "s2-p1").summary == "日本与美国进行战略捆绑。"
    fact = KeyFact("f", "s2-p1", "捆绑", "binding", "日本与美国进行战略捆绑", "p06")
    article = dataclasses.replace(ARTICLE, facts=(fact,))
    starter = build_starter(article, "s2-p1")
    assert starter.summary == "日本与美国进行战略捆绑。"
    assert starter.passage is None


def test_passage_outside_the_summary_is_kept() -> None:
    """A fact in the section's second sentence is the passage, with its place."""
    starter = build_starter(ARTICLE, "s2-p1")
    assert starter.passage is not None and starter.passage.text == "印太战略是其核心。"


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
    article = discussion_article()
    chosen = [p.id for p in choose_prompts(article, article.section("s1-1"), limit=5)]
    assert chosen == ["s1-1#1", "s1-1#2", "s1-1#3", "s1#1", "s1#2"]


def test_subsections_without_part_text_get_no_framing_prompt() -> None:
    """（二) reads none of part 一's own text, so only its own prompt is asked."""
    assert [p.id for p in choose_prompts(ARTICLE, ARTICLE.section("s1-2"))] == ["s1-2#1"]


def test_section_without_prompts_gets_generic_ones() -> None:
    """The conclusion of the sample has no prompts of its own: generic ones, marked generic."""
    prompts = build_starter(ARTICLE, "conclusion").prompts
    assert prompts and all(p.generic for p in prompts)


def test_lookup_example_prefers_a_specific_term() -> None:
    """A person or concept beats a place name as the `/excerpt` example."""
    assert build_starter(ARTICLE, "intro").lookup_example == "安倍晋三"
    assert build_starter(ARTICLE, "s2-p1").lookup_example == "印太战略"


def test_legacy_marker_is_still_read() -> None:
    """The previous version's footer tag is read (a starter it sent just before an upgrade)."""
    assert find_legacy_marker("小文章 · #12 · rc-d345") == 345
    assert find_legacy_marker("rc-d") is None and find_legacy_marker("") is None


def test_an_article_without_prompts_opens_with_generic_ones_marked_as_such() -> None:
    """No prompts written yet: the thread still gets questions, each saying it is generic."""
    article = dataclasses.replace(discussion_article(), prompts=())
    starter = build_starter(article, "s1-1")
    assert starter.prompts and all(p.generic for p in starter.prompts)
    assert all(p.zh and p.en for p in starter.prompts)
