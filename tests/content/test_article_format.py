"""article.md parsing: tree, paths, paragraphs, @resume, footnotes, and every error with its line."""

from __future__ import annotations

import pytest

from bot.content.article_format import heading_number, parse_article_markdown
from bot.content.problems import ContentError, ContentProblem
from tests.factories import MINI_ARTICLE_MD

FRONT = """\
---
slug: t
title: 标题
author: 作者
journal: 期刊
year: 2021
issue: 5
keywords: [日本]
---
"""  # 9 lines: the body starts on line 10


def parse(body: str):
    return parse_article_markdown(FRONT + body, file="a.md")


def problems(text: str) -> list[ContentProblem]:
    with pytest.raises(ContentError) as caught:
        parse_article_markdown(text, file="a.md")
    assert all(p.file == "a.md" for p in caught.value.problems)
    return caught.value.problems


def body_problems(body: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in problems(FRONT + body)]


def test_meta_from_front_matter() -> None:
    article = parse_article_markdown(MINI_ARTICLE_MD, file="a.md")
    meta = article.meta
    assert (meta.slug, meta.title, meta.subtitle, meta.author) == (
        "mini-article",
        "小文章",
        "副标题",
        "作者甲",
    )
    assert (meta.journal, meta.year, meta.issue, meta.keywords) == (
        "测试期刊",
        2021,
        5,
        ("日本", "同盟"),
    )
    assert meta.abstract == "这是摘要，讲日美同盟。"


def test_section_tree_labels_paths_and_depths() -> None:
    article = parse_article_markdown(MINI_ARTICLE_MD, file="a.md")
    rows = [(s.id, s.parent_id, s.label, s.path, s.depth, s.ordinal) for s in article.sections]
    assert rows == [
        ("abstract", None, "", "内容提要", 1, 1),
        ("intro", None, "", "引言", 1, 2),
        ("s1", None, "一", "一", 1, 3),
        ("s1-1", "s1", "（一）", "一/(一)", 2, 4),
        ("conclusion", None, "", "结语", 1, 5),
    ]
    assert article.section("s1-1").heading == "（一）同盟是基轴"
    assert article.section("s1").line == 21


@pytest.mark.parametrize(
    ("heading", "label", "segment"),
    [
        ("一、日本国家战略中的日美同盟定位", "一", "一"),
        ("（二）日美同盟是地区公共产品", "（二）", "(二)"),
        ("(三)半角括号", "(三)", "(三)"),
        ("第三，在外交上，…", "第三", "第三"),
        ("十一、很多", "十一", "十一"),
        ("结语", "", "结语"),
        ("第三世界", "", "第三世界"),
    ],
)
def test_heading_number(heading: str, label: str, segment: str) -> None:
    assert heading_number(heading) == (label, segment)


def test_three_levels_build_nested_paths() -> None:
    article = parse(
        "# 三、效果 {#s3}\n\n## （一）收益 {#s3-1}\n\n### 第二，经济增益 {#s3-1-p2}\n\n{#p01} 文字。\n"
    )
    point = article.section("s3-1-p2")
    assert (point.parent_id, point.path, point.depth, point.label) == (
        "s3-1",
        "三/(一)/第二",
        3,
        "第二",
    )


def test_paragraph_ordinals_and_sections() -> None:
    article = parse_article_markdown(MINI_ARTICLE_MD, file="a.md")
    rows = [(p.id, p.section_id, p.ordinal) for p in article.paragraphs]
    assert rows == [
        ("abs", "abstract", 0),
        ("p01", "intro", 1),
        ("p02", "s1", 2),
        ("p03", "s1-1", 3),
        ("p04", "s1-1", 4),
        ("p05", "s1", 5),
        ("p06", "conclusion", 6),
    ]
    assert article.paragraph("p03").line == 27


def test_resume_returns_to_an_open_section_and_resets_the_level() -> None:
    article = parse(
        "# 二、手段 {#s2}\n{#p01} 开头。\n## 第一，战略 {#s2-p1}\n{#p02} 战略。\n"
        "@resume s2\n{#p03} 二的结尾。\n## 第二，新的 {#s2-p2}\n{#p04} 新的。\n"
    )
    assert article.paragraph("p03").section_id == "s2"
    assert article.section("s2-p2").parent_id == "s2"
    assert [p.ordinal for p in article.paragraphs] == [1, 2, 3, 4]


def test_footnotes_removed_from_text_and_recorded() -> None:
    article = parse_article_markdown(MINI_ARTICLE_MD, file="a.md")
    p01 = article.paragraph("p01")
    assert p01.text == "2012年底，安倍晋三再次就任日本首相后，日本调整战略。"
    assert p01.footnote_ids == ("fn01",)
    notes = {f.id: (f.paragraph_id, f.line) for f in article.footnotes}
    assert notes == {"fn01": ("p01", 39), "fn02": ("p03", 40), "fn03": (None, 41)}


def test_two_footnotes_in_one_paragraph_keep_reading_order() -> None:
    article = parse("# 引言 {#intro}\n{#p01} 甲[^b]乙[^a]丙。\n[^a]: 注甲\n[^b]: 注乙\n")
    assert article.paragraph("p01").footnote_ids == ("b", "a")
    assert article.paragraph("p01").text == "甲乙丙。"


def test_blank_lines_and_comments_are_ignored() -> None:
    article = parse("<!-- a note for editors -->\n\n# 引言 {#intro}\n\n<!-- x -->\n{#p01} 文字。\n")
    assert [p.id for p in article.paragraphs] == ["p01"]


# --- errors, each with its line -------------------------------------------------------------


def test_duplicate_ids() -> None:
    found = body_problems(
        "# 引言 {#intro}\n{#p01} 甲。\n{#p01} 乙。\n# 结语 {#intro}\n{#p02} 丙。\n"
    )
    assert (12, "duplicate paragraph id 'p01' (first used on line 11)") in found
    assert (13, "duplicate section id 'intro' (first used on line 10)") in found


def test_unknown_resume_target() -> None:
    found = body_problems("# 引言 {#intro}\n{#p01} 甲。\n@resume s9\n@resume\n")
    assert found == [
        (12, "@resume names unknown section 's9'"),
        (13, "@resume without a section id"),
    ]


def test_resume_to_a_later_section_names_its_line() -> None:
    found = problems(FRONT + "# 引言 {#intro}\n@resume s1\n# 一、甲 {#s1}\n{#p01} 甲。\n")
    assert found[0].line == 11
    assert "line 12" in found[0].hint


def test_heading_depth_jump() -> None:
    found = body_problems("# 一、甲 {#s1}\n### 第一，乙 {#s1-p1}\n{#p01} 文字。\n")
    assert found == [(11, "heading level jumps from 1 to 3")]


def test_first_heading_must_be_top_level() -> None:
    assert body_problems("## （一）甲 {#s1-1}\n{#p01} 文字。\n") == [
        (10, "heading level jumps from 0 to 2")
    ]


def test_undefined_footnote_reference() -> None:
    found = body_problems("# 引言 {#intro}\n{#p01} 甲[^fn09]。\n")
    assert found == [(11, "footnote [^fn09] in p01 has no definition")]


def test_footnote_defined_twice_and_referenced_twice() -> None:
    found = body_problems("# 引言 {#intro}\n{#p01} 甲[^a]。\n{#p02} 乙[^a]。\n[^a]: 一\n[^a]: 二\n")
    assert (12, "footnote [^a] is referenced again (first in p01, line 11)") in found
    assert (14, "footnote [^a] is defined twice (first on line 13)") in found


def test_malformed_footnote_reference() -> None:
    assert body_problems("# 引言 {#intro}\n{#p01} 甲[^fn 1]。\n") == [
        (11, "malformed footnote reference")
    ]


def test_text_outside_a_section() -> None:
    assert body_problems("{#p01} 甲。\n# 引言 {#intro}\n{#p02} 乙。\n") == [
        (10, "paragraph 'p01' is outside any section")
    ]


def test_hard_wrapped_line_is_reported() -> None:
    found = problems(FRONT + "# 引言 {#intro}\n{#p01} 甲乙\n丙丁。\n")
    assert [(p.line, p.message) for p in found] == [(12, "text outside a paragraph")]
    assert "one paragraph is one line" in found[0].hint


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("# 引言", "malformed heading"),
        ("#引言 {#intro}", "malformed heading"),
        ("{#p02}文字", "malformed paragraph line"),
        ("@continue s1", "unknown directive"),
        ("[^fn01] 文字", "malformed footnote definition"),
        ("# 甲 {#Bad_Id}", "invalid section id 'Bad_Id'"),
        ("{#P2} 文字", "invalid paragraph id 'P2'"),
    ],
)
def test_malformed_lines(line: str, message: str) -> None:
    assert body_problems(f"# 引言 {{#intro}}\n{{#p01}} 甲。\n{line}\n") == [(12, message)]


def test_missing_front_matter() -> None:
    found = problems("# 引言 {#intro}\n{#p01} 甲。\n")
    assert [(p.line, p.message) for p in found] == [
        (1, "the file does not start with a front matter block")
    ]


def test_missing_and_mistyped_front_matter_keys() -> None:
    text = "---\nslug: t\ntitle: 标题\nyear: 二〇二一\nissue: 5\nkeywords: [日本]\ncolour: red\n---\n# 引言 {#intro}\n{#p01} 甲。\n"
    found = [(p.line, p.message) for p in problems(text)]
    assert (1, "front matter is missing 'author'") in found
    assert (1, "front matter is missing 'journal'") in found
    assert (4, "front matter 'year' must be a whole number") in found
    assert (7, "unknown front matter key 'colour'") in found


def test_front_matter_yaml_error_has_file_line() -> None:
    found = problems("---\nslug: t\ntitle: [unclosed\n---\n# 引言 {#intro}\n{#p01} 甲。\n")
    assert found[0].message.startswith("YAML syntax error")
    assert found[0].line >= 3


def test_unclosed_front_matter() -> None:
    found = problems("---\nslug: t\n")
    assert [(p.line, p.message) for p in found] == [(1, "the front matter block is not closed")]


def test_abstract_must_be_one_paragraph() -> None:
    found = body_problems("# 内容提要 {#abstract}\n{#abs} 甲。\n{#abs2} 乙。\n")
    assert found == [(12, "the abstract has more than one paragraph")]


def test_all_problems_are_reported_at_once() -> None:
    found = body_problems("{#p00} 外。\n# 引言 {#intro}\n{#p01} 甲[^x]。\n@resume nowhere\n")
    assert [line for line, _ in found] == [10, 12, 13]
