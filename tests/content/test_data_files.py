"""The YAML files: line numbers, quote resolution, and the facts/glossary/quiz/prompt rules."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.content.article_format import parse_article_markdown
from bot.content.articles_folder import load_library
from bot.content.data_files import (
    LineMap,
    load_yaml,
    parse_descriptions,
    parse_facts,
    parse_glossary,
    parse_prompts,
    parse_quiz,
    resolve_quote,
)
from bot.content.model import Article
from bot.content.validate import (
    check_glossary,
    check_glossary_names,
    check_point_headings,
    check_prompt_coverage,
    check_quiz,
    check_quiz_coverage,
    prompt_minimums,
    quiz_minimums,
)
from tests.factories import (
    MINI_ARTICLE_MD,
    mini_article_files,
    mini_quiz_yaml,
    write_article_folder,
)


@pytest.fixture(scope="module")
def article() -> Article:
    return parse_article_markdown(MINI_ARTICLE_MD, file="article.md")


def question(
    *,
    qid: str = "q001",
    section: str = "s1-1",
    quote: str = "政策的基轴",
    answer: str = "B",
    difficulty: str = "easy",
    zh_options: str = "[甲, 乙, 丙, 丁]",
    en_options: str = "[a, b, c, d]",
    extra: str = "",
) -> str:
    return f"""\
- id: {qid}
  section: {section}
  difficulty: {difficulty}
  answer: {answer}
  zh:
    question: 问？
    options: {zh_options}
    explanation: 因为。
  en:
    question: Q?
    options: {en_options}
    explanation: Because.
  quote: {quote}
{extra}"""


def messages(problems) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in problems]


# --- line-keeping YAML ------------------------------------------------------------------------


def test_yaml_keeps_entry_and_key_lines() -> None:
    data, problems = load_yaml("# c\n- id: a\n  zh: x\n\n- id: b\n  en: y\n", file="f.yaml")
    assert problems == []
    assert [entry.line for entry in data] == [2, 5]
    assert isinstance(data[1], LineMap) and data[1].line_of("en") == 6
    assert data.item_lines == [2, 5]


def test_yaml_duplicate_key_is_a_problem() -> None:
    _, problems = load_yaml("- id: a\n  zh: x\n  zh: y\n", file="f.yaml")
    assert messages(problems) == [(3, "key 'zh' appears twice in the same entry")]


def test_yaml_syntax_error_names_the_line() -> None:
    data, problems = load_yaml("- id: a\n  zh: [x\n- id: b\n", file="f.yaml")
    assert data is None
    assert problems[0].file == "f.yaml"
    assert problems[0].message.startswith("YAML syntax error")
    assert problems[0].line in (2, 3)


def test_yaml_first_line_offset_shifts_nested_lines() -> None:
    data, _ = load_yaml("a: 1\nb:\n  c: 2\n", file="f", first_line=10)
    assert data.line == 10 and data.line_of("b") == 11 and data["b"].line_of("c") == 12


# --- quote resolution -------------------------------------------------------------------------


def test_quote_resolves_within_the_section_subtree(article: Article) -> None:
    assert resolve_quote(article, "s1", "官方文件").paragraph_id == "p04"  # p04 is in s1-1
    assert resolve_quote(article, "s1-1", "官方文件").paragraph_id == "p04"


def test_quote_outside_the_section_says_where_it_is(article: Article) -> None:
    match = resolve_quote(article, "intro", "官方文件")
    assert match.paragraph_id is None and match.key == "quote"
    assert match.message == "the quote is not in section intro"
    assert "p04 of section s1-1" in match.hint


def test_ambiguous_quote_and_paragraph_disambiguation(article: Article) -> None:
    match = resolve_quote(article, "s1", "基轴")
    assert match.paragraph_id is None
    assert match.message == "the quote occurs in several paragraphs of s1: p03, p04"
    assert "paragraph: p03" in match.hint
    assert resolve_quote(article, "s1", "基轴", "p04").paragraph_id == "p04"


def test_paragraph_key_outside_section(article: Article) -> None:
    match = resolve_quote(article, "s1-1", "同盟", "p01")
    assert (match.key, match.message) == (
        "paragraph",
        "paragraph p01 is in section intro, not inside s1-1",
    )


def test_near_miss_quote_shows_where_it_differs(article: Article) -> None:
    match = resolve_quote(article, "s1-1", "日美同盟是日本外交和安全")
    assert match.paragraph_id is None
    assert "p03 matches up to" in match.hint


def test_quote_with_footnote_marker_gets_a_hint(article: Article) -> None:
    assert "footnote marker" in resolve_quote(article, "intro", "调整战略。[^fn01]").hint


def test_unknown_section(article: Article) -> None:
    match = resolve_quote(article, "s9", "x")
    assert (match.key, match.message) == ("section", "unknown section 's9'")


# --- facts, prompts ---------------------------------------------------------------------------


def test_facts_parse_and_resolve(article: Article) -> None:
    facts, problems = parse_facts(mini_article_files()["facts.yaml"], article, file="facts.yaml")
    assert problems == []
    assert [(f.id, f.paragraph_id, f.line) for f in facts] == [("f01", "p01", 1), ("f02", "p03", 6)]


def test_fact_problems_have_lines(article: Article) -> None:
    text = (
        "- id: f01\n  section: intro\n  zh: 甲\n  en: a\n  quote: 不存在的文字\n"
        "- id: f02\n  section: intro\n  zh: 乙\n  quote: 调整战略\n  qoute: x\n"
    )
    facts, problems = parse_facts(text, article, file="facts.yaml")
    assert facts == ()
    assert messages(problems) == [
        (5, "fact f01: the quote is not in section intro"),
        (10, "fact f02: unknown key 'qoute'"),
        (6, "fact f02: missing 'en'"),
    ]


def test_prompts_need_zh_en_and_quote(article: Article) -> None:
    text = "- id: d001\n  section: s1\n  zh: 讨论\n  quote: 同盟定位清楚\n"
    prompts, problems = parse_prompts(text, article, file="prompts.yaml")
    assert prompts == ()
    assert messages(problems) == [(1, "prompt d001: missing 'en'")]


def test_file_must_be_a_list(article: Article) -> None:
    _, problems = parse_prompts("id: d001\n", article, file="prompts.yaml")
    assert messages(problems) == [(1, "the file must be a YAML list")]


def test_empty_file_is_an_empty_list(article: Article) -> None:
    assert parse_prompts("# nothing yet\n", article, file="prompts.yaml") == ((), [])


# --- quiz -------------------------------------------------------------------------------------


def test_quiz_parses_answer_letter_and_options(article: Article) -> None:
    questions, problems = parse_quiz(question(answer="C"), article, file="quiz.yaml")
    assert problems == []
    (q,) = questions
    assert (q.answer, q.answer_letter, q.paragraph_id) == (2, "C", "p03")
    assert q.options_zh == ("甲", "乙", "丙", "丁")


@pytest.mark.parametrize("answer", ["E", "b", "1", "AB"])
def test_quiz_answer_must_be_a_letter(article: Article, answer: str) -> None:
    _, problems = parse_quiz(question(answer=answer), article, file="quiz.yaml")
    assert messages(problems) == [(4, f"question q001: answer {answer!r} is not one of A, B, C, D")]


def test_quiz_needs_exactly_four_options(article: Article) -> None:
    _, problems = parse_quiz(question(en_options="[a, b, c]"), article, file="quiz.yaml")
    assert messages(problems) == [(11, "question q001 (en): 3 options; exactly 4 are needed")]


def test_quiz_needs_both_languages(article: Article) -> None:
    text = "- id: q001\n  section: s1-1\n  difficulty: easy\n  answer: A\n  zh:\n    question: 问\n    options: [a, b, c, d]\n    explanation: 因\n  quote: 政策的基轴\n"
    _, problems = parse_quiz(text, article, file="quiz.yaml")
    assert messages(problems) == [(1, "question q001: missing 'en'")]


def test_quiz_yes_no_option_must_be_quoted(article: Article) -> None:
    _, problems = parse_quiz(
        question(en_options="[yes, no, maybe, never]"), article, file="quiz.yaml"
    )
    assert "put every item in quotes" in problems[0].hint


def _checked(article: Article, text: str):
    questions, problems = parse_quiz(text, article, file="quiz.yaml")
    assert problems == []
    return check_quiz(dataclasses.replace(article, questions=questions), "quiz.yaml")


def test_quiz_difficulty(article: Article) -> None:
    assert messages(_checked(article, question(difficulty="tricky"))) == [
        (1, "question q001: unknown difficulty 'tricky'")
    ]


def test_quiz_options_distinct_and_non_empty(article: Article) -> None:
    found = messages(
        _checked(article, question(zh_options="[甲, 甲, 丙, 丁]", en_options="[a, '', c, d]"))
    )
    assert found == [
        (1, "question q001: zh.options repeats '甲'"),
        (1, "question q001: en.options needs four non-empty options"),
    ]


def test_quiz_duplicate_ids(article: Article) -> None:
    text = question() + question(quote="官方文件")
    assert messages(_checked(article, text)) == [
        (14, "duplicate question id 'q001' (first used on line 1)")
    ]


# --- coverage, derived from the tree ----------------------------------------------------------


def test_minimums_follow_the_tree(article: Article) -> None:
    assert quiz_minimums(article) == {"intro": 1, "s1-1": 3, "conclusion": 1}
    assert prompt_minimums(article) == {"intro": 3, "s1": 3, "s1-1": 3, "conclusion": 3}


def test_quiz_coverage(article: Article) -> None:
    questions, _ = parse_quiz(question(), article, file="quiz.yaml")
    found = check_quiz_coverage(dataclasses.replace(article, questions=questions), "quiz.yaml")
    assert [p.message for p in found] == [
        "section intro (引言) has 0 questions; at least 1 are needed",
        "section s1-1 (一/(一)) has 1 questions; at least 3 are needed",
        "section conclusion (结语) has 0 questions; at least 1 are needed",
    ]


def test_prompt_coverage(article: Article) -> None:
    found = check_prompt_coverage(article, "prompts.yaml")
    assert {p.message.split()[1] for p in found} == {"intro", "s1", "s1-1", "conclusion"}


# --- point headings ---------------------------------------------------------------------------

POINTS_MD = """\
---
slug: points
title: 标题
subtitle: 副标题
author: 作者
journal: 期刊
year: 2021
issue: 5
keywords: [日本]
source: source-extracted.txt
---

# 二、手段 {#s2}

{#p01} 本部分讨论手段。

## HEADING1 {#s2-p1}

{#p02} 第一，政治增益。日本打造的关系提升了影响力。

## HEADING2 {#s2-p2}

{#p03} 第二，在战略层面，日本与美国进行战略捆绑，并以此助力国家战略的实现。其后继续。
"""


@pytest.mark.parametrize(
    ("first", "second", "bad"),
    [
        ("第一，政治增益", "第二，在战略层面，日本与美国进行战略捆绑…", []),
        (
            "第一，政治增益",
            "第二，在战略层面，日本与美国进行战略捆绑，并以此助力国家战略的实现",
            [],
        ),
        ("第一，政治增益…", "第二，在战略层面…", ["s2-p1"]),
        ("第一，政治增益", "第二，在战略层面，日本与美国进行战略捆绑", ["s2-p2"]),
        ("第一，政治增益", "第二，在战略层面，日本与美国进行战略…", ["s2-p2"]),
        ("第一，政治", "第二，在战略层面，日本与美国联手…", ["s2-p1", "s2-p2"]),
    ],
)
def test_point_heading_is_lead_sentence_or_marked_short_title(
    first: str, second: str, bad: list[str]
) -> None:
    """Whole lead sentence, or its first whole clauses + `…`; a silent cut is reported."""
    markdown = POINTS_MD.replace("HEADING1", first).replace("HEADING2", second)
    found = check_point_headings(parse_article_markdown(markdown, file="a.md"), "a.md")
    assert [p.message.split()[2] for p in found] == bad


# --- glossary ---------------------------------------------------------------------------------


def test_glossary_kind_and_shared_alias(article: Article) -> None:
    text = (
        "- id: abe\n  term: 安倍晋三\n  english: Abe Shinzo\n  kind: person\n  aliases: [Abe, 安倍]\n"
        "- id: abe-gov\n  term: 安倍政府\n  english: Abe government\n  kind: government\n"
        "  aliases: [abe]\n"
    )
    entries, problems = parse_glossary(text, file="glossary.yaml")
    assert problems == []
    found = messages(
        check_glossary(dataclasses.replace(article, glossary=entries), "glossary.yaml")
    )
    assert found == [
        (6, "glossary entry abe-gov: unknown kind 'government'"),
        (6, "glossary entry abe-gov: the name 'abe' is also used by abe (line 1)"),
    ]


def test_glossary_term_must_occur_in_the_article(article: Article) -> None:
    """The term is the article's own form (body, heading or footnote); aliases may be anything."""
    text = (
        "- id: abe\n  term: 安倍晋三\n  english: Abe Shinzo\n  kind: person\n"
        "  aliases: [安倍晉三, Abe]\n"
        "- id: note\n  term: 記者会見\n  english: press conference\n  kind: event\n"
        "- id: gone\n  term: 美日同盟\n  english: US-Japan alliance\n  kind: concept\n"
    )
    entries, problems = parse_glossary(text, file="glossary.yaml")
    assert problems == []
    found = messages(
        check_glossary_names(dataclasses.replace(article, glossary=entries), "glossary.yaml")
    )
    assert found == [(10, "glossary entry gone: the term '美日同盟' does not occur in the article")]


def test_glossary_name_of_one_chinese_character(article: Article) -> None:
    """`煌` or `奈` would name nothing: too common, and search skips one-character names."""
    text = (
        "- id: axis\n  term: 基轴\n  english: axis\n  kind: concept\n"
        "  aliases: [轴, “轴”, F, 基轴说法]\n"
    )
    entries, problems = parse_glossary(text, file="glossary.yaml")
    assert problems == []
    found = messages(
        check_glossary_names(dataclasses.replace(article, glossary=entries), "glossary.yaml")
    )
    assert found == [
        (1, "glossary entry axis: the name '轴' is a single Chinese character"),
        (1, "glossary entry axis: the name '“轴”' is a single Chinese character"),
    ]


def test_glossary_aliases_must_be_a_list() -> None:
    _, problems = parse_glossary(
        "- id: x\n  term: 甲\n  english: A\n  kind: person\n  aliases: Abe\n", file="glossary.yaml"
    )
    assert messages(problems) == [(5, "glossary entry x: 'aliases' must be a list")]


# --- the whole folder -------------------------------------------------------------------------


def test_mini_article_folder_passes(content_dir: Path) -> None:
    library = load_library(content_dir)
    assert library.problems == ()
    (loaded,) = library.articles
    assert (
        len(loaded.facts),
        len(loaded.glossary),
        len(loaded.questions),
        len(loaded.prompts),
    ) == (2, 2, 5, 12)


def test_problems_name_files_relative_to_content_dir(tmp_path: Path) -> None:
    files = mini_article_files() | {
        "quiz.yaml": mini_quiz_yaml().replace("answer: B", "answer: Z", 1)
    }
    write_article_folder(tmp_path, files)
    found = [str(p) for p in load_library(tmp_path).problems]
    assert (
        "articles/mini-article/quiz.yaml:4: question q001: answer 'Z' is not one of A, B, C, D (fix: write the letter of the correct option, e.g. `answer: B`)"
        in found
    )


def test_artefact_characters_are_refused(tmp_path: Path) -> None:
    files = mini_article_files() | {
        "article.md": MINI_ARTICLE_MD.replace("2012年底", "２０１２年底")
    }
    files["facts.yaml"] = files["facts.yaml"].replace("2012年底，", "２０１２年底，")
    write_article_folder(tmp_path, files)
    found = load_library(tmp_path).problems
    assert any(p.line == 19 and "U+FF12" in p.message for p in found)


def test_yaml_files_are_optional(tmp_path: Path) -> None:
    write_article_folder(tmp_path, {"article.md": MINI_ARTICLE_MD})
    library = load_library(tmp_path)
    assert library.problems == ()
    assert library.articles[0].questions == ()


def test_missing_or_empty_content_dir(tmp_path: Path) -> None:
    assert "no articles/ folder" in load_library(tmp_path / "nope").problems[0].message
    (tmp_path / "articles").mkdir()
    assert load_library(tmp_path).problems[0].message == "there are no article folders"


def test_slug_must_match_folder(tmp_path: Path) -> None:
    write_article_folder(tmp_path, {"article.md": MINI_ARTICLE_MD}, slug="other-name")
    (problem,) = load_library(tmp_path).problems
    assert problem.line == 2 and "does not match the folder name 'other-name'" in problem.message


def test_descriptions_name_known_paragraphs_once(article: Article) -> None:
    """An unknown paragraph, a paragraph described twice and a missing summary are refused."""
    text = (
        "- para: p01\n  summary_zh: 概要\n  summary_en: Summary\n  terms_en: [Abe]\n"
        "- para: p99\n  summary_zh: 概要\n  summary_en: Summary\n"
        "- para: p01\n  summary_zh: 又一个\n  summary_en: Again\n"
        "- para: p02\n  summary_zh: 概要\n"
    )
    found, problems = parse_descriptions(text, article, file="descriptions.yaml")
    assert [(d.paragraph_id, d.terms_en) for d in found] == [("p01", ("Abe",))]
    assert [(p.line, p.message) for p in problems] == [
        (5, "no paragraph 'p99' in article.md"),
        (8, "p01 is described twice"),
        (11, "description of p02: missing 'summary_en'"),
    ]
