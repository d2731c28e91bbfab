"""Which sections a reading plan opens, and finding a section from typed text."""

from __future__ import annotations

from bot.content.section_lookup import nested_heading, resolve_section, search_sections
from bot.discussion.reading_units import plan_units, units_from
from tests.factories import discussion_article

ARTICLE = discussion_article()


def ids(sections: list) -> list[str]:
    return [s.id for s in sections]


def test_plan_units_are_intro_subsections_and_conclusion() -> None:
    """The plan skips the abstract, splits numbered parts into sub-sections and ends with 结语."""
    assert ids(plan_units(ARTICLE)) == [
        "intro",
        "s1-1",
        "s1-2",
        "s2-p1",
        "s2-p2",
        "s3-1",
        "conclusion",
    ]


def test_units_from_a_part_start_at_its_first_subsection() -> None:
    """Choosing part 二 as the start begins the plan with 二 · 第一."""
    assert ids(units_from(ARTICLE, "s2"))[0] == "s2-p1"


def test_units_from_a_point_start_at_the_unit_holding_it() -> None:
    """Choosing 三（一）第二 starts with 三（一), never with a fragment."""
    assert ids(units_from(ARTICLE, "s3-1-p2")) == ["s3-1", "conclusion"]


def test_units_from_the_abstract_start_at_the_intro() -> None:
    """The abstract is before every unit, so the plan starts at the beginning."""
    assert ids(units_from(ARTICLE, "abstract")) == ids(plan_units(ARTICLE))


def test_nested_heading_prefixes_the_part_numbers() -> None:
    """A point's name carries the labels of the parts it sits in."""
    assert nested_heading(ARTICLE, ARTICLE.section("s3-1-p1")) == "三 · （一） · 第一，政治增益"


def test_search_ignores_brackets_and_width() -> None:
    """`一(一)`, `一/（一）` and `s1-1` all find the same section first."""
    for query in ("一(一)", "一/（一）", "s1-1", "一 （一）"):
        assert ids(search_sections(ARTICLE, query, 25))[0] == "s1-1", query


def test_search_matches_heading_words() -> None:
    """Typing words of a heading finds it."""
    assert ids(search_sections(ARTICLE, "公共产品", 25)) == ["s1-2"]


def test_empty_search_lists_in_reading_order_within_the_limit() -> None:
    """With nothing typed, the first sections in reading order are offered."""
    assert ids(search_sections(ARTICLE, "", 3)) == ["abstract", "intro", "s1"]


def test_resolve_accepts_an_id_or_one_clear_match() -> None:
    """A submitted id or an unambiguous text resolves; an ambiguous or unknown one does not."""
    assert resolve_section(ARTICLE, "s2-p2").id == "s2-p2"
    assert resolve_section(ARTICLE, "首脑外交").id == "s2-p2"
    assert resolve_section(ARTICLE, "第一") is None  # 二·第一 and 三（一）第一
    assert resolve_section(ARTICLE, "no such thing") is None


def test_search_falls_back_to_the_sections_own_text() -> None:
    """A word found only in a paragraph finds the section that holds that paragraph."""
    assert ids(search_sections(ARTICLE, "润滑剂", 25)) == ["s2-p2"]
