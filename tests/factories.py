"""Hand-built test articles, in one place.

Two kinds, for two kinds of test:
- `Article` values for the unit tests of search, quiz and discussion, built by `make_article` from
  rows. Each suite's article has the shapes its tests name exactly (the real bank and text change
  as they are written): `search_article()` (real-sounding text, a glossary, one very long
  sentence), `quiz_article()` (four sections, five questions, `quiz_question` for more) and
  `discussion_article()` (every kind of section the real article has: lead, （一）, 第一 points,
  points under （一）, a closing remark, plus facts and prompts).
- A content folder (article.md and its YAML files) for the content pipeline, which parses them:
  `mini_article_files()` written by `write_article_folder()`; every content rule holds for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.content.model import (
    Article,
    ArticleMeta,
    DiscussionPrompt,
    GlossaryEntry,
    KeyFact,
    Paragraph,
    QuizQuestion,
    Section,
)

# (id, parent id, heading, label, path, depth); ordinals follow list order from 1
SectionRow = tuple[str, str | None, str, str, str, int]
# (id, section id, text); ordinals follow list order from `first_ordinal`
ParagraphRow = tuple[str, str, str]


# ================================================================================ Article values


def make_article(
    slug: str = "test-article",
    *,
    sections: Iterable[SectionRow],
    paragraphs: Iterable[ParagraphRow],
    first_ordinal: int = 0,
    questions: Iterable[QuizQuestion] = (),
    prompts: Iterable[DiscussionPrompt] = (),
    facts: Iterable[KeyFact] = (),
    glossary: Iterable[GlossaryEntry] = (),
    **meta: Any,
) -> Article:
    """An `Article` from section and paragraph rows; `meta` overrides the metadata's defaults."""
    fields: dict[str, Any] = {
        "title": "测试文章",
        "subtitle": "副标题",
        "author": "作者",
        "journal": "测试期刊",
        "year": 2021,
        "issue": 5,
        "keywords": (),
        "abstract": "",
    }
    fields.update(meta)
    return Article(
        meta=ArticleMeta(slug=slug, **fields),
        sections=tuple(
            Section(id=i, parent_id=p, heading=h, label=lab, path=path, depth=d, ordinal=n)
            for n, (i, p, h, lab, path, d) in enumerate(sections, start=1)
        ),
        paragraphs=tuple(
            Paragraph(id=i, section_id=s, ordinal=n, text=text)
            for n, (i, s, text) in enumerate(paragraphs, start=first_ordinal)
        ),
        facts=tuple(facts),
        glossary=tuple(glossary),
        questions=tuple(questions),
        prompts=tuple(prompts),
    )


# -------------------------------------------------------------------------------- search

SEARCH_SLUG = "mini-search"

LONG_SENTENCE = (
    "日本海空自卫队现有的武器装备，"
    + "如战斗机、运输机和预警机，" * 25
    + "早已实现大型化和远程化，"
    "并且在这一过程中形成了一支战略性武装力量，这是需要持续关注的长周期变化趋势。"
)

SEARCH_PARAGRAPHS: list[ParagraphRow] = [
    (
        "abs",
        "abstract",
        "本文讨论日美同盟。政治上，以首脑关系引领同盟发展。"
        "日本与美国的战略捆绑使日本在安全上进一步疏离邻国。",
    ),
    (
        "p01",
        "intro",
        "2012年底，安倍晋三再次就任日本首相后，明确提出修改宪法。"
        "安倍在其连续执政期间，与美国总统举行双边会谈共66次。",
    ),
    ("p02", "s1", "日美同盟是日本外交与安全相关政策的基轴。占领期间形成的“占领根性”影响深远。"),
    (
        "p03",
        "s1-1",
        "特朗普接任美国总统后，安倍投其所好。为迎合特朗普的爱好，安倍积极练习高尔夫球，"
        "多次上演“高尔夫外交”。日本安排特朗普成为第一位观看日本相扑比赛的美国总统。",
    ),
    (
        "p04",
        "s1-1",
        "2018年底，日本加购F-35战机至147架，成为仅次于美国的F-35战机第二大用户。"
        "日本自卫队参演兵力3.7万人。",
    ),
    (
        "p05",
        "s2",
        "日本积极参加《跨太平洋伙伴关系协定》（Trans-Pacific Partnership Agreement, TPP）谈判。"
        "在经济问题日趋安全化的背景下，日美同盟的经济化发展趋向也是值得深度探讨的同盟生长点。",
    ),
    (
        "p06",
        "s2-p1",
        "第一，在地区层面，日本绑定美国的战略选择，使其在安全上进一步疏离亚洲邻国。"
        "拜登即牵头将美日印澳四方安全对话升级为首脑级别。",
    ),
    ("p07", "s2-p1", LONG_SENTENCE),
    ("p08", "conclusion", "日美同盟仍将是日本的政策选择。寿司私人宴拉近了两国首脑的个人关系。"),
]

SEARCH_SECTIONS: list[SectionRow] = [
    ("abstract", None, "内容提要", "", "内容提要", 1),
    ("intro", None, "引言", "", "引言", 1),
    ("s1", None, "一、日本国家战略中的日美同盟定位", "一", "一", 1),
    ("s1-1", "s1", "（一）日美同盟是日本外交与安全相关政策的基轴", "（一）", "一/(一)", 2),
    ("s2", None, "二、日本利用日美同盟的政策手段", "二", "二", 1),
    ("s2-p1", "s2", "第一，在地区层面，日本与美国进行战略捆绑", "第一", "二/第一", 2),
    ("conclusion", None, "结语", "", "结语", 1),
]

SEARCH_GLOSSARY = [
    GlossaryEntry("abe-shinzo", "安倍晋三", "Abe Shinzo", "person", ("Shinzo Abe", "Abe", "安倍")),
    GlossaryEntry("donald-trump", "特朗普", "Donald Trump", "person", ("Trump", "川普")),
    GlossaryEntry(
        "golf-diplomacy",
        "高尔夫外交",
        "golf diplomacy",
        "concept",
        ("golf", "Abe Trump golf", "高尔夫球", "高尔夫"),
    ),
    GlossaryEntry(
        "tpp",
        "跨太平洋伙伴关系协定",
        "Trans-Pacific Partnership",
        "agreement",
        ("TPP", "Trans-Pacific Partnership Agreement"),
    ),
    GlossaryEntry(
        "quad",
        "四方安全对话",
        "Quad",
        "concept",
        ("Quadrilateral Security Dialogue", "Quad summit", "美日印澳四方安全对话"),
    ),
    GlossaryEntry("f-35", "F-35", "F-35 Lightning II", "weapon", ("F35", "F-35战机")),
    GlossaryEntry("indo-pacific", "印太", "Indo-Pacific", "place", ("Indo Pacific", "印太地区")),
    GlossaryEntry(
        "indo-pacific-strategy", "印太战略", "Indo-Pacific strategy", "concept", ("“印太”战略",)
    ),
]


def search_article(slug: str = SEARCH_SLUG) -> Article:
    """The search tests' article: real-sounding text, a glossary with aliases, a long sentence."""
    return make_article(
        slug,
        sections=SEARCH_SECTIONS,
        paragraphs=SEARCH_PARAGRAPHS,
        glossary=SEARCH_GLOSSARY,
        title="日本国家战略视域中的日美同盟",
        subtitle="测试",
        keywords=("日本",),
        abstract=SEARCH_PARAGRAPHS[0][2],
    )


# -------------------------------------------------------------------------------- quiz

QUIZ_SECTIONS: list[SectionRow] = [
    ("s1", None, "一、第一部分", "一", "一", 1),
    ("s1-1", "s1", "（一）第一小节", "（一）", "一/(一)", 2),
    ("s2", None, "二、第二部分", "二", "二", 1),
    ("conclusion", None, "结语", "", "结语", 1),
]

QUIZ_PARAGRAPHS: list[ParagraphRow] = [
    ("p01", "s1", "第一句话。日美同盟是基轴，这一点很重要。第三句话！"),
    ("p02", "s1-1", "小节里的句子。另一个句子"),
    ("p03", "s2", "第二部分的内容。"),
    ("p04", "conclusion", "结语的内容。"),
]


def quiz_question(
    qid: str, section_id: str, paragraph_id: str, quote: str, answer: int = 0
) -> QuizQuestion:
    """A question whose texts are derived from its id (问题q1？ / Question q1?)."""
    return QuizQuestion(
        id=qid,
        section_id=section_id,
        difficulty="easy",
        question_zh=f"问题{qid}？",
        question_en=f"Question {qid}?",
        options_zh=("甲", "乙", "丙", "丁"),
        options_en=("alpha", "beta", "gamma", "delta"),
        answer=answer,
        explanation_zh=f"解析{qid}",
        explanation_en=f"Explanation {qid}",
        quote=quote,
        paragraph_id=paragraph_id,
    )


def quiz_article(questions: Iterable[QuizQuestion] | None = None) -> Article:
    """The quiz tests' article: four sections and, unless given, five questions q1-q5."""
    if questions is None:
        questions = (
            quiz_question("q1", "s1", "p01", "日美同盟是基轴", answer=1),
            quiz_question("q2", "s1-1", "p02", "小节里的句子", answer=2),
            quiz_question("q3", "s2", "p03", "第二部分", answer=3),
            quiz_question("q4", "s2", "p03", "的内容", answer=0),
            quiz_question("q5", "conclusion", "p04", "结语的内容", answer=1),
        )
    return make_article(
        "test-article",
        sections=QUIZ_SECTIONS,
        paragraphs=QUIZ_PARAGRAPHS,
        first_ordinal=1,
        questions=questions,
        journal="期刊",
    )


# -------------------------------------------------------------------------------- discussion

DISCUSSION_SECTIONS: list[SectionRow] = [
    ("abstract", None, "内容提要", "", "内容提要", 1),
    ("intro", None, "引言", "", "引言", 1),
    ("s1", None, "一、同盟定位", "一", "一", 1),
    ("s1-1", "s1", "（一）同盟是基轴", "（一）", "一/(一)", 2),
    ("s1-2", "s1", "（二）同盟是公共产品", "（二）", "一/(二)", 2),
    ("s2", None, "二、政策手段", "二", "二", 1),
    ("s2-p1", "s2", "第一，战略捆绑", "第一", "二/第一", 2),
    ("s2-p2", "s2", "第二，首脑外交", "第二", "二/第二", 2),
    ("s3", None, "三、效果评估", "三", "三", 1),
    ("s3-1", "s3", "（一）政策收益", "（一）", "三/(一)", 2),
    ("s3-1-p1", "s3-1", "第一，政治增益", "第一", "三/(一)/第一", 3),
    ("s3-1-p2", "s3-1", "第二，外交空间扩容", "第二", "三/(一)/第二", 3),
    ("conclusion", None, "结语", "", "结语", 1),
]

# (id, section, text); ordinals follow list order, the abstract is 0
DISCUSSION_PARAGRAPHS: list[ParagraphRow] = [
    ("abs", "abstract", "这是摘要。"),
    (
        "p01",
        "intro",
        "2012年底，安倍晋三再次就任日本首相。日本由此调整国家战略。这一调整影响深远，值得细读。",
    ),
    ("p02", "s1", "本部分讨论日美同盟的三重定位。"),
    (
        "p03",
        "s1-1",
        "日美同盟是日本外交与安全相关政策的基轴，"
        + "这一定位贯穿战后日本外交的各个阶段，" * 6
        + "从未改变。安倍多次强调这一点。",
    ),
    ("p04", "s1-1", "基轴的说法多次出现在官方文件中。"),
    ("p05", "s1-2", "日本将同盟视为地区公共产品。"),
    ("p06", "s2-p1", "日本与美国进行战略捆绑。印太战略是其核心。"),
    ("p07", "s2-p2", "首脑个人关系是同盟的润滑剂。"),
    ("p08", "s3", "本部分评估效果。"),
    ("p09", "s3-1-p1", "政治增益明显。"),
    ("p10", "s3-1-p2", "外交空间扩容。"),
    ("p10r", "s3", "综上，收益与代价并存。"),  # resumed after the points: a closing remark
    ("p11", "conclusion", "同盟仍然重要。"),
]

DISCUSSION_FACTS = [
    ("f1", "s1-1", "p03", "安倍多次强调这一点"),
    ("f2", "s2-p1", "p06", "印太战略是其核心"),
]

DISCUSSION_PROMPT_COUNTS = {
    "intro": 3,
    "s1": 2,
    "s1-1": 3,
    "s1-2": 1,
    "s2-p1": 2,
    "s3-1": 1,
    "s3-1-p1": 2,
    "s3-1-p2": 2,
}


DISCUSSION_GLOSSARY = (
    GlossaryEntry(id="japan", term="日本", english="Japan", kind="place"),
    GlossaryEntry(id="abe", term="安倍晋三", english="Abe Shinzo", kind="person"),
    GlossaryEntry(id="ips", term="印太战略", english="Indo-Pacific strategy", kind="concept"),
)


def discussion_article(slug: str = "sample") -> Article:
    """The discussion tests' article: the real one's section shapes, with facts and prompts.

    An abstract, an unnumbered intro, a part with a lead and （一）（二）, a part of 第一/第二
    points without a lead, a part whose （一） holds only points and which ends with a closing
    remark, and a conclusion.
    """
    first_paragraph: dict[str, ParagraphRow] = {}
    for row in DISCUSSION_PARAGRAPHS:
        first_paragraph.setdefault(row[1], row)
    prompts = []
    for section_id, count in DISCUSSION_PROMPT_COUNTS.items():
        # s3-1 has no paragraph of its own: its prompts quote its first point
        paragraph_id, _, text = first_paragraph.get(section_id) or first_paragraph["s3-1-p1"]
        for k in range(1, count + 1):
            prompts.append(
                DiscussionPrompt(
                    id=f"{section_id}#{k}",
                    section_id=section_id,
                    prompt_zh=f"{section_id} 问题{k}？",
                    prompt_en=f"{section_id} question {k}?",
                    quote=text[:4],
                    paragraph_id=paragraph_id,
                )
            )
    facts = (
        KeyFact(id=i, section_id=s, statement_zh=q, statement_en=q, quote=q, paragraph_id=p)
        for i, s, p, q in DISCUSSION_FACTS
    )
    return make_article(
        slug,
        sections=DISCUSSION_SECTIONS,
        paragraphs=DISCUSSION_PARAGRAPHS,
        facts=facts,
        glossary=DISCUSSION_GLOSSARY,
        prompts=prompts,
        title="小文章",
        author="作者甲",
        keywords=("日本",),
        abstract="这是摘要。",
    )


# ================================================================================ content folders

# The mini article has the same shapes as the real one (unnumbered abstract/intro/conclusion, a
# numbered part with a sub-section and a point, an `@resume`, footnotes with and without a place),
# so each content rule is exercised without depending on the real content files.

MINI_SLUG = "mini-article"

MINI_ARTICLE_MD = """\
---
slug: mini-article
title: 小文章
subtitle: 副标题
author: 作者甲
journal: 测试期刊
year: 2021
issue: 5
keywords: [日本, 同盟]
source: source-extracted.txt
---

# 内容提要 {#abstract}

{#abs} 这是摘要，讲日美同盟。

# 引言 {#intro}

{#p01} 2012年底，安倍晋三再次就任日本首相后，日本调整战略。[^fn01]

# 一、同盟定位 {#s1}

{#p02} 本部分讨论同盟定位。

## （一）同盟是基轴 {#s1-1}

{#p03} 日美同盟是日本外交与安全相关政策的基轴。[^fn02]

{#p04} 基轴的说法多次出现在官方文件中。

@resume s1

{#p05} 综上所述，同盟定位清楚。

# 结语 {#conclusion}

{#p06} 结语：同盟仍然重要。

[^fn01]: 「記者会見」、http://www.kantei.go.jp/。
[^fn02]: 《国家安全保障战略》，2013年。
[^fn03]: 位置丢失的注释。
"""

MINI_FACTS_YAML = """\
- id: f01
  section: intro
  zh: 2012年底安倍晋三再次出任日本首相。
  en: Abe Shinzo returned as Prime Minister at the end of 2012.
  quote: 2012年底，安倍晋三再次就任日本首相后
- id: f02
  section: s1
  zh: 日美同盟是基轴。
  en: The alliance is the cornerstone.
  quote: 日美同盟是日本外交与安全相关政策的基轴
"""

MINI_GLOSSARY_YAML = """\
- id: abe-shinzo
  term: 安倍晋三
  english: Abe Shinzo
  kind: person
  aliases: [Shinzo Abe, 安倍]
  japanese: 安倍晋三（あべ しんぞう）
- id: japan-us-alliance
  term: 日美同盟
  english: Japan-US alliance
  kind: concept
  aliases: [US-Japan alliance]
  note: The alliance under the 1960 treaty.
"""

MINI_DESCRIPTIONS_YAML = """\
- para: p01
  summary_zh: 安倍再次执政后调整战略。
  summary_en: After returning to office Abe changed course.
  terms_zh: [安倍回归]
  terms_en: ["Abe's return", second Abe cabinet]
  questions_zh: [安倍什么时候再次上台？]
  questions_en: ["When did Abe come back?"]
- para: p03
  summary_zh: 同盟是外交与安全的基轴。
  summary_en: The alliance is the axis of foreign and security policy.
"""


# (section, quote) for each question: 3 per leaf sub-section, 1 for intro and conclusion.
MINI_QUIZ_TARGETS = [
    ("intro", "安倍晋三再次就任日本首相"),
    ("s1-1", "政策的基轴"),
    ("s1-1", "官方文件"),
    ("s1-1", "日本外交与安全"),
    ("conclusion", "同盟仍然重要"),
]

MINI_PROMPT_TARGETS = {
    "intro": "日本调整战略",
    "s1": "同盟定位清楚",
    "s1-1": "多次出现",
    "conclusion": "同盟仍然重要",
}


def mini_quiz_yaml() -> str:
    parts = []
    for number, (section, quote) in enumerate(MINI_QUIZ_TARGETS, start=1):
        parts.append(
            f"""\
- id: q{number:03d}
  section: {section}
  difficulty: medium
  answer: B
  zh:
    question: 问题{number}？
    options: [甲{number}, 乙{number}, 丙{number}, 丁{number}]
    explanation: 解释{number}。
  en:
    question: Question {number}?
    options: [A{number}, B{number}, C{number}, D{number}]
    explanation: Explanation {number}.
  quote: {quote}
"""
        )
    return "".join(parts)


def mini_prompts_yaml() -> str:
    parts = []
    number = 0
    for section, quote in MINI_PROMPT_TARGETS.items():
        for _ in range(3):
            number += 1
            parts.append(
                f"""\
- id: d{number:03d}
  section: {section}
  zh: 讨论{number}？
  en: Discuss {number}?
  quote: {quote}
"""
            )
    return "".join(parts)


def mini_article_files() -> dict[str, str]:
    """The complete mini article folder: file name -> text."""
    return {
        "descriptions.yaml": MINI_DESCRIPTIONS_YAML,
        "article.md": MINI_ARTICLE_MD,
        "facts.yaml": MINI_FACTS_YAML,
        "glossary.yaml": MINI_GLOSSARY_YAML,
        "quiz.yaml": mini_quiz_yaml(),
        "prompts.yaml": mini_prompts_yaml(),
    }


def write_article_folder(content_dir: Path, files: dict[str, str], slug: str = MINI_SLUG) -> Path:
    """Write `files` as content_dir/articles/<slug>/; return the folder."""
    folder = content_dir / "articles" / slug
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
